"""``storyline annotate``: documents in, one annotated document per document out.

1. **read** — files, folders or ``-`` are read as by the other commands; a JSON Lines
   file is read line by line, each line one article object (``{"id"?, "text", ...}``).
2. **annotate** — each document on its own (:func:`annotate_article`: cleaned, split
   into sentences, then :func:`storyline.annotate.document.annotate_corpus`); its
   ``published`` date anchors relative time expressions (``default_date`` for those
   without one).
3. **record** — every document yields ``{"id", "origin", "published", "text",
   "entities", "timexes", "figures", "attributions", "error": null}`` in input order; a
   JSON Lines line that cannot be read yields ``{"id", "origin", "error"}`` naming the
   line, and the run goes on (as ``batch`` does).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from storyline.annotate.document import AnnotatedDocument, annotate_corpus
from storyline.annotate.ner import EntityRecognizer
from storyline.errors import EmptyInputError, FileReadError, NoSentencesError, StorylineError
from storyline.ingest import article_from_obj, read_path
from storyline.model import Article, Corpus, Document
from storyline.options import Options
from storyline.prepare import prepare

__all__ = [
    "AnnotateReport",
    "annotate_article",
    "annotate_documents",
    "annotate_paths",
    "load_recognizer",
]


@dataclass(slots=True)
class AnnotateReport:
    """Counts of one run: documents annotated, and ``(origin, error)`` of failed lines."""

    total: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)


def load_recognizer(options: Options) -> EntityRecognizer:
    """The spaCy recogniser ``options.spacy_model`` names, loaded now (raises
    :class:`storyline.errors.ModelError` when it is not installed)."""
    from storyline.annotate.ner import SpacyRecognizer

    return SpacyRecognizer(options.spacy_model).load()


def annotate_article(
    article: Article, recognizer: EntityRecognizer, options: Options | None = None
) -> AnnotatedDocument:
    """The annotations of one article, read on its own."""
    options = options or Options()
    if article.published is None and options.default_date is not None:
        article = replace(article, published=options.default_date)
    try:
        corpus = prepare([article], options)
    except (EmptyInputError, NoSentencesError):  # nothing to segment: still a record
        corpus = Corpus([Document(0, article)])
    return annotate_corpus(corpus, recognizer)[0]


def annotate_documents(
    articles: Iterable[Article | str], recognizer: EntityRecognizer, options: Options | None = None
) -> list[AnnotatedDocument]:
    """Each article annotated on its own, in order."""
    coerced = (
        a if isinstance(a, Article) else Article(text=a, origin=f"document {i}")
        for i, a in enumerate(articles, 1)
    )
    return [annotate_article(a, recognizer, options) for a in coerced]


def _jsonl(path: str) -> bool:
    return Path(path).suffix.lower() in {".jsonl", ".ndjson"}


def _line_record(
    line: str, origin: str, recognizer: EntityRecognizer, options: Options
) -> dict[str, Any]:
    """The record of one JSON Lines line; never raises for bad input."""
    doc_id: Any = None
    try:
        obj = json.loads(line)
        if isinstance(obj, dict):
            doc_id = obj.get("id")
        article = article_from_obj(obj, origin, default_date=options.default_date)
        annotated = annotate_article(article, recognizer, options)
    except json.JSONDecodeError as e:
        return _failure(doc_id, origin, f"{origin}: not valid JSON ({e.msg} at column {e.colno})")
    except StorylineError as e:
        return _failure(doc_id, origin, str(e))
    return replace(annotated, id=doc_id).to_dict() | {"error": None}


def _failure(doc_id: Any, origin: str, message: str) -> dict[str, Any]:
    return {"id": doc_id, "origin": origin, "error": message}


def annotate_paths(
    paths: Iterable[str],
    options: Options | None = None,
    report: AnnotateReport | None = None,
    recognizer: EntityRecognizer | None = None,
) -> Iterator[dict[str, Any]]:
    """Records (step 3) for every document of ``paths``, in input order; bad JSON Lines
    lines are recorded in ``report`` and in their own record. The spaCy model of
    ``options`` is loaded first unless a ``recognizer`` is given."""
    options = options or Options()
    report = report if report is not None else AnnotateReport()
    recognizer = recognizer if recognizer is not None else load_recognizer(options)
    for path in paths:
        if path != "-" and _jsonl(path):
            yield from _annotate_jsonl(Path(path), recognizer, options, report)
            continue
        for article in read_path(path, default_date=options.default_date):
            report.total += 1
            yield annotate_article(article, recognizer, options).to_dict() | {"error": None}


def _annotate_jsonl(
    path: Path, recognizer: EntityRecognizer, options: Options, report: AnnotateReport
) -> Iterator[dict[str, Any]]:
    try:
        src = path.open(encoding="utf-8", errors="replace", newline=None)
    except OSError as e:
        raise FileReadError(f"cannot read {path}: {e.strerror}; check the path") from e
    with src:
        for n, line in enumerate(src, 1):
            if not line.strip():
                continue
            origin = f"{path.name}:{n}"
            record = _line_record(line, origin, recognizer, options)
            report.total += 1
            if record["error"]:
                report.failures.append((origin, record["error"]))
            yield record
