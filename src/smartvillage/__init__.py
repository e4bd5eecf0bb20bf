"""Smart Village: digital services for rural and mountain communities."""

__version__ = "0.1.0"
