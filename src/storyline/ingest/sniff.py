"""Which reader a file needs: decided here, and only here.

By extension first (:data:`EXTENSIONS`); a file without one (or stdin) by its
content: a leading ``<`` with HTML tags is HTML, ``{``/``[`` is JSON, several lines
that are each a JSON object are JSON Lines, anything else is plain text.
"""

from __future__ import annotations

import re
from pathlib import PurePath
from typing import Literal

from storyline.ingest.jsonlines import JsonProblem, loads, split_lines

Format = Literal["text", "html", "json", "jsonl"]

#: Extensions storyline reads, and the reader for each. "" is a file with none.
EXTENSIONS: dict[str, Format | None] = {
    ".txt": "text",
    ".text": "text",
    ".md": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    "": None,
}

_HTML_TAG = re.compile(
    r"<(?:!doctype\s+html|html|head|body|article|p|div|title|meta|h[1-6]|br|span|section)\b",
    re.IGNORECASE,
)


def readable(path: PurePath) -> bool:
    """True when ``path`` has an extension storyline reads (or none)."""
    return path.suffix.lower() in EXTENSIONS


def _looks_jsonl(text: str) -> bool:
    lines = [ln for ln in split_lines(text) if ln.strip()]
    if len(lines) < 2:
        return False
    for ln in lines[:5]:
        try:
            if not isinstance(loads(ln), dict | str):
                return False
        except JsonProblem:
            return False
    return True


def sniff_content(text: str) -> Format:
    """The format of ``text`` judged from its first characters."""
    head = text.lstrip()[:2000]
    if head.startswith("<") and _HTML_TAG.search(head):
        return "html"
    if head.startswith("{") and _looks_jsonl(text):
        return "jsonl"
    if head.startswith(("{", "[")):
        return "json"
    return "text"


def sniff(name: str, text: str) -> Format:
    """The format of a file called ``name`` (``"<stdin>"`` for stdin) holding ``text``."""
    by_ext = EXTENSIONS.get(PurePath(name).suffix.lower()) if name != "<stdin>" else None
    return by_ext or sniff_content(text)
