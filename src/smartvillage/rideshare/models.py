"""Models of the rideshare app."""
