"""Models of the ondemand app."""
