"""analyze step."""
