"""The /new form: pasted text and dropped files read by the library's own reader
(:func:`storyline.ingest.read_bytes`, which sniffs text, HTML and JSON as the CLI does)."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import PurePath

from storyline.errors import FormatError
from storyline.ingest import article_from_obj, read_bytes
from storyline.model import Article
from storyline.render.json_out import dumps

#: A line with only ``---`` separates two pasted reports.
SEPARATOR = re.compile(r"^[ \t]*-{3,}[ \t]*$", re.MULTILINE)
#: Browsers send a textarea's line breaks as CRLF whatever the person typed (HTML spec).
_CRLF = re.compile(r"\r\n?")


@dataclass(frozen=True, slots=True)
class NewForm:
    """What the /new form sent, as typed (kept to show the form again on an error)."""

    text: str = ""
    date: str = ""
    words: str = "120"

    def parsed_date(self) -> dt.date | None:
        if not self.date.strip():
            return None
        try:
            return dt.date.fromisoformat(self.date.strip())
        except ValueError:
            raise FormatError(f"{self.date!r} is not a date; write it as YYYY-MM-DD") from None

    def parsed_words(self) -> int:
        raw = self.words.strip() or "120"
        if not raw.isdigit() or int(raw) < 1:
            raise FormatError(f"summary length {raw!r} is not a whole number of words (1 or more)")
        return int(raw)


def read_form(
    text: str, files: Iterable[tuple[str, bytes]], default_date: dt.date | None
) -> list[Article]:
    """Articles from pasted text (reports separated by ``---`` lines) and uploaded files."""
    articles: list[Article] = []
    chunks = [c.strip() for c in SEPARATOR.split(_CRLF.sub("\n", text)) if c.strip()]
    for i, chunk in enumerate(chunks, 1):
        origin = f"pasted report {i}"
        articles += read_bytes(chunk.encode("utf-8"), origin, default_date=default_date)
    for name, data in files:
        origin = PurePath(name.replace("\\", "/")).name or "uploaded file"
        articles += read_bytes(data, origin, default_date=default_date)
    return articles


def articles_field(articles: Sequence[Article]) -> str:
    """The articles as the hidden field of the "add to the store" form (JSON objects the
    library reads back with :func:`storyline.ingest.article_from_obj`)."""
    return dumps(
        [
            {
                "text": a.text,
                "title": a.title,
                "source": a.source,
                "url": a.url,
                "published": a.published.isoformat() if a.published else None,
            }
            for a in articles
        ]
    )


def read_articles_field(value: str) -> list[Article]:
    """The articles of the hidden field, read back."""
    try:
        items = json.loads(value)
    except json.JSONDecodeError as e:
        raise FormatError(
            f"the form's articles are not valid JSON ({e.msg}); paste them again"
        ) from e
    except RecursionError:
        raise FormatError(
            "the form's articles are nested too deeply to read; paste them again"
        ) from None
    except ValueError as e:  # a number of more digits than Python reads
        raise FormatError(f"the form's articles cannot be read ({e}); paste them again") from e
    if not isinstance(items, list):
        raise FormatError("the form's articles must be a list; paste them again")
    return [article_from_obj(item, f"form#{i}") for i, item in enumerate(items, 1)]
