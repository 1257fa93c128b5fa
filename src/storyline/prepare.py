"""Steps 1-3 shared by every front door: articles in, a cleaned, segmented corpus out.

1. **coerce** — plain strings become :class:`Article` objects; lone surrogates, which
   no encoding can write and spaCy refuses, become U+FFFD (with a note).
2. **deduplicate** — documents with the same words (whitespace and case aside) count
   once; a note says which were dropped.
3. **bound** — a document longer than ``options.max_chars`` is processed up to that
   point only; a note says so.
4. **clean** — scraped-web noise is found (:mod:`storyline.clean`) and recorded.
5. **segment** — sentences are split inside the kept regions (:mod:`storyline.segment`).
6. **metadata** — an article without a title or source takes them from its headline
   line and its dateline ("KABUL (Reuters) -"); its text is untouched.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import replace

from storyline.clean import Cleaning, clean
from storyline.errors import EmptyInputError, NoSentencesError
from storyline.model import Article, Corpus, Document, Span
from storyline.options import Options
from storyline.segment import split_sentences

_WS = re.compile(r"\s+")


def coerce(articles: Iterable[Article | str]) -> list[Article]:
    """Accept plain strings where an :class:`Article` is expected."""
    out: list[Article] = []
    for i, a in enumerate(articles):
        if isinstance(a, Article):
            out.append(a.scrubbed())
        elif isinstance(a, str):
            out.append(Article(text=a, origin=f"document {i + 1}").scrubbed())
        else:
            raise TypeError(f"document {i + 1}: expected Article or str, got {type(a).__name__}")
    return out


def deduplicate(articles: Sequence[Article]) -> tuple[list[Article], list[str]]:
    """Drop documents whose text repeats an earlier one; return kept and notes."""
    seen: dict[str, int] = {}
    kept: list[Article] = []
    notes: list[str] = []
    for a in articles:
        key = _WS.sub(" ", a.text).strip().casefold()
        if key in seen:
            first = kept[seen[key]]
            notes.append(f"{a.label} repeats {first.label} word for word; counted once")
            continue
        seen[key] = len(kept)
        kept.append(a)
    return kept, notes


def prepare(articles: Iterable[Article | str], options: Options | None = None) -> Corpus:
    """Read, deduplicate, bound, clean and segment ``articles`` into a :class:`Corpus`."""
    options = options or Options()
    arts = coerce(articles)
    if not arts:
        raise EmptyInputError("no articles given: pass at least one document")
    non_empty = [a for a in arts if a.text.strip()]
    notes = [note for a in arts for note in a.notes]  # what the readers noted
    notes += [f"{a.label} is empty; nothing to read there" for a in arts if not a.text.strip()]
    if not non_empty:
        raise EmptyInputError("every document given is empty: " + ", ".join(a.label for a in arts))
    kept, dup_notes = deduplicate(non_empty)
    notes += dup_notes
    documents = [_document(i, a, options, notes) for i, a in enumerate(kept)]
    if not any(d.sentences for d in documents):
        raise NoSentencesError(
            "no sentence found in "
            + ", ".join(a.label for a in kept)
            + ": give article text with at least one full sentence"
        )
    for d in documents:
        if not d.sentences:
            notes.append(f"{d.article.label}: no sentence left after cleaning; not summarized")
    return Corpus(documents=documents, notes=notes)


def _document(index: int, article: Article, options: Options, notes: list[str]) -> Document:
    text = article.text
    limit = len(text)
    if limit > options.max_chars:
        limit = options.max_chars
        notes.append(
            f"{article.label}: long document; only its first {limit:,} of {len(text):,} "
            "characters were used"
        )
    cleaning = clean(text[:limit], index)
    spans = split_sentences(text, cleaning.regions)
    if len(spans) > options.max_sentences:
        notes.append(
            f"{article.label}: only its first {options.max_sentences:,} of {len(spans):,} "
            "sentences were used"
        )
        spans = spans[: options.max_sentences]
    return Document(
        index=index,
        article=_with_metadata(article, cleaning),
        sentences=[Span(index, a, b, "sentence") for a, b in spans],
        removed=list(cleaning.removed),
        dateline=cleaning.dateline,
        dateline_source=cleaning.dateline_source,
        dateline_place=cleaning.dateline_place,
    )


def _with_metadata(article: Article, cleaning: Cleaning) -> Article:
    title = article.title
    if title is None and cleaning.headline is not None:
        title = article.text[cleaning.headline.start : cleaning.headline.end]
    source = _outlet(article, cleaning)
    if (title, source) == (article.title, article.source):
        return article
    return replace(article, title=title, source=source)


def _outlet(article: Article, cleaning: Cleaning) -> str | None:
    """Who published the article, in this order: the source it came with (a known
    outlet's handle or domain named as such: "BBCNews", "bbc.co.uk" -> "BBC"), the outlet
    in its dateline, its URL's domain, the one non-agency outlet its image credits name."""
    from storyline.analyze.sourcing import (
        credited_outlet,
        known_outlet,
        looks_like_domain,
        outlet_from_url,
    )

    source = article.source
    if source and looks_like_domain(source):
        return outlet_from_url(source)
    if source:
        if " " not in source.strip() and known_outlet(source):
            return known_outlet(source)
        return source
    if cleaning.dateline_source:
        return cleaning.dateline_source
    credits = (
        article.text[r.span.start : r.span.end]
        for r in cleaning.removed
        if r.kind == "image-credit"
    )
    return outlet_from_url(article.url) or credited_outlet(credits)
