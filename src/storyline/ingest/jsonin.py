"""JSON and JSON Lines input.

* A JSON file holds one article object, an array of articles, or a cluster object
  ``{"documents": [...]}``; array items are named ``file.json#2`` (1-based).
* A JSON Lines file holds one article (or one cluster) per line: ``file.jsonl:3``,
  and ``file.jsonl:3#2`` for the 2nd document of the cluster on line 3.
* An article is a string (its text) or an object with ``"text"`` and optionally
  ``"id"`` (a string or integer, kept as the article's own id), ``"title"``,
  ``"source"``, ``"url"``, ``"published"`` (ISO date or datetime).

A ``published`` value that is not an ISO date does not lose the article: it gets
``default_date`` and a note saying so.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

from storyline.errors import FormatError
from storyline.ingest.fields import date_note, parse_date
from storyline.ingest.jsonlines import JsonProblem, loads, split_lines
from storyline.model import Article

_FIELDS = ("title", "source", "url")


def _optional_str(obj: dict[str, Any], key: str, origin: str) -> str | None:
    value = obj.get(key)
    if value is None or isinstance(value, str):
        return value or None
    raise FormatError(f'{origin}: "{key}" must be a string, not {type(value).__name__}')


def _published(
    obj: dict[str, Any], origin: str, default_date: date | None
) -> tuple[date | None, tuple[str, ...]]:
    raw = obj.get("published")
    if raw is None or raw == "":
        return default_date, ()
    parsed = parse_date(raw) if isinstance(raw, str) else None
    if parsed is None:
        return default_date, (date_note(origin, raw),)
    return parsed, ()


def _own_id(obj: dict[str, Any], origin: str) -> str | None:
    value = obj.get("id")
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise FormatError(
            f'{origin}: "id" must be a string or an integer, not {type(value).__name__}'
        )
    return str(value) if str(value).strip() else None


def article_from_obj(
    obj: str | dict[str, Any], origin: str, *, default_date: date | None = None
) -> Article:
    """An :class:`Article` from a JSON value: a string of text, or an article object."""
    if isinstance(obj, str):
        return Article(text=obj, origin=origin, published=default_date)
    if not isinstance(obj, dict):
        raise FormatError(
            f"{origin}: expected an article object or a string, got {type(obj).__name__}; "
            'give {"text": "..."}'
        )
    text = obj.get("text")
    if not isinstance(text, str):
        raise FormatError(
            f'{origin}: article object has no "text" string; give {{"text": "...", '
            '"title": ..., "source": ..., "published": "YYYY-MM-DD"}'
        )
    published, notes = _published(obj, origin, default_date)
    title, source, url = (_optional_str(obj, k, origin) for k in _FIELDS)
    return Article(
        text=text,
        title=title,
        source=source,
        url=url,
        published=published,
        origin=origin,
        notes=notes,
        id=_own_id(obj, origin),
    )


def _articles(value: Any, origin: str, sep: str, default_date: date | None) -> list[Article]:
    """Articles in one JSON value: an article, a list of them, or a cluster."""
    if isinstance(value, dict) and "documents" in value and "text" not in value:
        value = value["documents"]
        if not isinstance(value, list):
            raise FormatError(f'{origin}: "documents" must be a list of articles')
    if isinstance(value, list):
        return [
            article_from_obj(item, f"{origin}{sep}{i}", default_date=default_date)
            for i, item in enumerate(value, 1)
        ]
    return [article_from_obj(value, origin, default_date=default_date)]


def articles_from_json(
    text: str, origin: str, *, default_date: date | None = None
) -> list[Article]:
    """Articles in a JSON document read from ``origin``."""
    try:
        value = loads(text)
    except JsonProblem as e:
        where = f"{origin}, line {e.line}" if e.line is not None else origin
        raise FormatError(
            f"{where}: malformed JSON ({e.describe()}); fix it or give plain text"
        ) from e
    return _articles(value, origin, "#", default_date)


def iter_jsonl(
    text: str, origin: str, *, default_date: date | None = None
) -> Iterator[tuple[int, Article | FormatError]]:
    """``(line number, article)`` for each article of a JSON Lines document, or
    ``(line number, error)`` for a line that cannot be read; the lines after a bad
    one are still read (what the event store's ``add`` needs). Lines end at ``\\n``
    only: :func:`storyline.ingest.jsonlines.split_lines`."""
    for n, line in enumerate(split_lines(text), 1):
        if not line.strip():
            continue
        try:
            value = loads(line)
        except JsonProblem as e:
            yield (
                n,
                FormatError(
                    f"{origin}:{n}: line {n} is not valid JSON ({e.describe()}); "
                    "each line must be one JSON object"
                ),
            )
            continue
        try:
            found = _articles(value, f"{origin}:{n}", "#", default_date)
        except FormatError as e:
            yield n, e
            continue
        for article in found:
            yield n, article


def articles_from_jsonl(
    text: str, origin: str, *, default_date: date | None = None
) -> list[Article]:
    """Articles in a JSON Lines document: one article or cluster per line. The first
    line that cannot be read raises :class:`FormatError`."""
    out: list[Article] = []
    for _, item in iter_jsonl(text, origin, default_date=default_date):
        if isinstance(item, FormatError):
            raise item
        out.append(item)
    return out
