"""annotate step."""
