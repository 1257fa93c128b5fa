"""Read evaluation clusters from JSON Lines: one story per line.

Each line is ``{"id": ..., "documents": [...], "summary": "..."}`` or, with several
references, ``"summaries": ["...", ...]``. A document is a string or an article
object with at least ``"text"``. A line that cannot be used is reported (line
number and reason) and skipped; it never stops the run.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from storyline.errors import FileReadError, StorylineError
from storyline.ingest import article_from_obj
from storyline.model import Article


@dataclass(frozen=True, slots=True)
class Cluster:
    """One story to summarize and the reference summaries to score against."""

    id: str
    documents: tuple[Article, ...]
    references: tuple[str, ...]
    line: int


@dataclass(frozen=True, slots=True)
class BadLine:
    """A line of the clusters file that was skipped, and why."""

    line: int
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return {"line": self.line, "reason": self.reason}


class _Skip(Exception):
    """A line cannot be used; the message says why."""


def _article(obj: Any, where: str) -> Article:
    """A document given as a string or as an article object (storyline's own reader)."""
    try:
        return article_from_obj(obj, where)
    except StorylineError as e:
        raise _Skip(e.message) from None


def _references(obj: dict[str, Any]) -> tuple[str, ...]:
    """The reference summaries: ``"summaries"`` (a list) or ``"summary"`` (one string)."""
    refs: Any = obj["summaries"] if "summaries" in obj else obj.get("summary")
    if isinstance(refs, str):
        refs = [refs]
    if not isinstance(refs, list) or not refs:
        raise _Skip("no reference: give 'summary' (a string) or 'summaries' (a list)")
    if not all(isinstance(r, str) for r in refs):
        raise _Skip("every reference summary must be a string")
    refs = [r for r in refs if r.strip()]
    if not refs:
        raise _Skip("the reference summary is empty")
    return tuple(refs)


def parse_cluster(raw: str, line: int, origin: str) -> Cluster:
    """One JSON line as a :class:`Cluster`; raises ``_Skip`` with the reason."""
    try:
        obj = json.loads(raw)
    except json.JSONDecodeError as e:
        raise _Skip(f"not valid JSON ({e.msg} at column {e.colno})") from None
    if not isinstance(obj, dict):
        raise _Skip(f"expected a JSON object, got {type(obj).__name__}")
    docs = obj.get("documents")
    if not isinstance(docs, list) or not docs:
        raise _Skip("'documents' must be a non-empty list")
    cid = str(obj.get("id", f"line-{line}"))
    articles = tuple(_article(d, f"{origin}:{line}#{i + 1}") for i, d in enumerate(docs))
    if not any(a.text.strip() for a in articles):
        raise _Skip("every document is empty")
    return Cluster(id=cid, documents=articles, references=_references(obj), line=line)


def read_clusters(
    path: Path, limit: int | None = None, bad: list[BadLine] | None = None
) -> Iterator[Cluster]:
    """Yield the usable clusters of ``path`` (at most ``limit``), appending each
    skipped line to ``bad``."""
    bad = bad if bad is not None else []
    try:
        handle = path.open(encoding="utf-8", errors="replace")
    except OSError as e:
        raise FileReadError(f"{path}: cannot read the clusters file ({e.strerror})") from None
    count = 0
    with handle:
        for line_no, raw in enumerate(handle, start=1):
            if limit is not None and count >= limit:
                return
            if not raw.strip():
                continue
            try:
                cluster = parse_cluster(raw, line_no, path.name)
            except _Skip as e:
                bad.append(BadLine(line_no, str(e)))
                continue
            count += 1
            yield cluster
