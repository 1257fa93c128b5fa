"""Step 1 of the pipeline: read files, folders, stdin and JSON into :class:`Article` s.

The format is sniffed in one place (:mod:`storyline.ingest.sniff`); bytes are decoded
whatever their encoding (:mod:`storyline.ingest.decode`); HTML goes through trafilatura
(:mod:`storyline.ingest.html`).
"""

from storyline.ingest.jsonin import article_from_obj
from storyline.ingest.reader import read_bytes, read_path, read_paths
from storyline.ingest.sniff import sniff

__all__ = ["article_from_obj", "read_bytes", "read_path", "read_paths", "sniff"]
