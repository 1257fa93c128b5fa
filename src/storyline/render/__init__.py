"""Step 7 of the pipeline: render summaries and dossiers (Markdown, text, JSON, HTML)."""

from storyline.render.json_out import to_json
from storyline.render.summary_md import to_markdown, to_text

__all__ = ["to_json", "to_markdown", "to_text"]
