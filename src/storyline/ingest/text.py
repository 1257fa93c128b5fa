"""Plain-text articles: an optional header block, a headline, the body.

1. **header** — a first block of ``Key: value`` lines whose keys are all among
   Title, Source, Outlet, URL, Published, Date, followed by a blank line, is metadata;
   the article's text is what follows it.
2. **headline** — a short first line without a final stop, followed by more text, is
   the title (:func:`storyline.clean.boilerplate.find_headline`, the same rule the
   cleaner uses to keep it out of the summary). It stays in the text.
3. **source** — from the header; an outlet named only in a dateline ("PORT X, Country
   (Wire) -") is read when the article is cleaned (:func:`storyline.prepare.prepare`).
"""

from __future__ import annotations

import re
from datetime import date

from storyline.clean.boilerplate import find_headline
from storyline.ingest.fields import date_note, parse_date
from storyline.model import Article

_HEADER_LINE = re.compile(
    r"(?P<key>title|source|outlet|url|published|date)[ \t]*:[ \t]*(?P<value>\S.*)",
    re.IGNORECASE,
)
_BLOCK_END = re.compile(r"\r?\n[ \t]*\r?\n")


def split_header(text: str) -> tuple[dict[str, str], str]:
    """``(fields, body)``: the metadata header block, if the text opens with one."""
    m = _BLOCK_END.search(text)
    if m is None:
        return {}, text
    fields: dict[str, str] = {}
    for line in text[: m.start()].strip().splitlines():
        hit = _HEADER_LINE.fullmatch(line.strip())
        if hit is None:
            return {}, text
        fields[hit["key"].lower()] = hit["value"].strip()
    return fields, text[m.end() :]


def _title(body: str) -> str | None:
    span = find_headline(body)
    if span is None:
        return None
    return body[span[0] : span[1]].lstrip("#").strip() or None


def article_from_text(
    text: str, origin: str, *, default_date: date | None = None, notes: tuple[str, ...] = ()
) -> Article:
    """An :class:`Article` from plain text (or Markdown) read from ``origin``."""
    fields, body = split_header(text)
    published = default_date
    extra: list[str] = []
    raw_date = fields.get("published") or fields.get("date")
    if raw_date:
        published = parse_date(raw_date) or default_date
        if parse_date(raw_date) is None:
            extra.append(date_note(origin, raw_date))
    # an outlet named only in a dateline ("LONDON (Reuters) -") is read by prepare()
    source = fields.get("source") or fields.get("outlet")
    return Article(
        text=body,
        title=fields.get("title") or _title(body),
        source=source,
        url=fields.get("url"),
        published=published,
        origin=origin,
        notes=(*notes, *extra),
    )
