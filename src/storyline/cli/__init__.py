"""cli step."""
