"""align step."""
