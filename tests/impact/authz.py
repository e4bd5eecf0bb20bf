"""Authorization matrix: impact."""

from tests.authz import Entry  # noqa: F401

ENTRIES: dict = {}
