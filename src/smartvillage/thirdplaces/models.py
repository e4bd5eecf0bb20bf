"""Models of the thirdplaces app."""
