"""ingest step."""
