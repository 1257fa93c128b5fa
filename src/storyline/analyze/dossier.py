"""The event dossier: every analysis of one corpus, gathered into one :class:`Dossier`.

:func:`build_dossier` runs the stages in this order (each a small named function):

0. **model** — the entity recogniser is loaded first, so a missing spaCy model fails
   fast with :class:`storyline.errors.ModelError` before any other work.
1. **align** — which sentences of different documents say the same thing
   (``storyline.align.align_corpus``), for the summary's corroborating citations.
2. **summary** — the cited extractive summary (``storyline.summarize.summarize_corpus``).
3. **actors** — people, organisations and places, merged across documents.
4. **timeline** — dated statements, relative dates resolved against each article's date.
5. **figures** — numbers and what they count.
6. **claims** — attributed statements, unverified ones flagged (on the parse made in
   the same spaCy pass as step 3's entities).
7. **differences** — where the sources disagree or only one reports a fact.
8. **corroboration** — each summary sentence gets the number of *independent* sources
   that report it (a rewrite of another outlet's story does not count twice).
9. **sources** — per document: outlet, title, date, how many summary sentences it gave,
   how many summary citations point at it, and the outlets it says it relies on.

Notes from every stage (documents dropped, dates that could not be resolved...) are
collected in order, each once. The stages are looked up lazily through :class:`Stages`
so tests can swap any of them for a deterministic fake (httpx's ``MockTransport`` habit).
"""

from __future__ import annotations

import importlib
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, fields
from typing import Any

from storyline.model.corpus import Corpus
from storyline.model.dossier import (
    Actor,
    Claim,
    Difference,
    Dossier,
    Figure,
    SourceInfo,
    TimelineEvent,
)
from storyline.model.summary import Summary, SummarySentence
from storyline.options import Options

__all__ = ["DossierSentence", "Stages", "build_dossier", "default_stages"]


@dataclass(frozen=True, slots=True)
class DossierSentence(SummarySentence):
    """A summary sentence plus how many independent sources report it.

    ``independent`` counts documents among ``citations`` that do not merely rewrite
    another cited outlet (see ``storyline.analyze.sourcing.count_independent``).
    """

    independent: int = 1

    def to_dict(self) -> dict[str, Any]:
        out = SummarySentence.to_dict(self)
        out["independent_sources"] = self.independent
        return out


@dataclass(frozen=True, slots=True)
class Stages:
    """The analysis functions :func:`build_dossier` calls, one per step."""

    summarize: Callable[..., Summary]
    align: Callable[[Corpus], Any] | None
    recognizer: Callable[[str], Any]
    actors: Callable[[Corpus, Any], list[Actor]]
    timeline: Callable[[Corpus], tuple[list[TimelineEvent], list[str]]]
    figures: Callable[[Corpus], list[Figure]]
    claims: Callable[[Corpus, list[Actor], Any], list[Claim]]
    differences: Callable[..., list[Difference]]
    cited_outlets: Callable[[Corpus], dict[int, tuple[str, ...]]]
    count_independent: Callable[[Sequence[int], Corpus], int]


#: Where each real stage lives: stage name -> (module, attribute).
_REAL_STAGES: dict[str, tuple[str, str]] = {
    "summarize": ("storyline.summarize", "summarize_corpus"),
    "align": ("storyline.align", "align_corpus"),
    "recognizer": ("storyline.annotate.ner", "SpacyRecognizer"),
    "actors": ("storyline.annotate.entities", "find_actors"),
    "timeline": ("storyline.analyze.timeline", "build_timeline"),
    "figures": ("storyline.annotate.figures", "find_figures"),
    "claims": ("storyline.analyze.claims", "find_claims"),
    "differences": ("storyline.analyze.differences", "find_differences"),
    "cited_outlets": ("storyline.analyze.sourcing", "cited_outlets"),
    "count_independent": ("storyline.analyze.sourcing", "count_independent"),
}


def default_stages(**overrides: Any) -> Stages:
    """The real stages, imported on first use; keyword arguments replace single ones
    (a replaced stage is never imported)."""
    unknown = set(overrides) - {f.name for f in fields(Stages)}
    if unknown:
        raise TypeError(f"unknown stage(s): {', '.join(sorted(unknown))}")
    chosen = dict(overrides)
    for name, (module, attr) in _REAL_STAGES.items():
        if name not in chosen:
            chosen[name] = getattr(importlib.import_module(module), attr)
    return Stages(**chosen)


def build_dossier(
    corpus: Corpus,
    options: Options | None = None,
    recognizer: Any = None,
    *,
    stages: Stages | None = None,
) -> Dossier:
    """Run the numbered steps of this module's docstring on ``corpus``.

    ``recognizer`` is an entity recogniser (``storyline.annotate.ner.EntityRecognizer``);
    when ``None`` the spaCy model named by ``options.spacy_model`` is loaded, which
    raises :class:`storyline.errors.ModelError` if it is not installed. Pass one built
    beforehand to reuse a loaded model across many dossiers.
    """
    options = options or Options()
    stages = stages or default_stages()
    notes: list[str] = list(corpus.notes)
    recognizer = recognizer if recognizer is not None else load_recognizer(stages, options)  # 0
    alignment = stages.align(corpus) if stages.align else None  # 1
    summary = stages.summarize(corpus, options, alignment=alignment)  # 2
    notes += summary.notes
    actors = stages.actors(corpus, recognizer)  # 3
    timeline, timeline_notes = stages.timeline(corpus)  # 4
    notes += timeline_notes
    figures = stages.figures(corpus)  # 5
    claims = stages.claims(corpus, actors, recognizer)  # 6: the parse of step 3's pass
    # find_differences pairs sentences itself, at a lower similarity than the summary's
    # alignment keeps: on the gold clusters that gives the same scored differences and
    # fewer false "only one source reports" items (7 vs 13 on bridge.json).
    differences = stages.differences(corpus, figures, claims)  # 7
    sentences = corroborate(summary.sentences, corpus, stages.count_independent)  # 8
    sources = describe_sources(corpus, sentences, stages.cited_outlets(corpus))  # 9
    return Dossier(
        summary=sentences,
        actors=tuple(actors),
        timeline=tuple(sorted(timeline, key=lambda t: t.sort_key)),
        figures=tuple(figures),
        claims=tuple(claims),
        differences=tuple(differences),
        sources=sources,
        documents=corpus.articles,
        removed=tuple(summary.removed or corpus.removed),
        notes=tuple(dict.fromkeys(notes)),
    )


def load_recognizer(stages: Stages, options: Options) -> Any:
    """Step 0: build the recogniser named by ``options.spacy_model`` and load it now."""
    recognizer = stages.recognizer(options.spacy_model)
    load = getattr(recognizer, "load", None)
    if callable(load):
        load()
    return recognizer


def corroborate(
    sentences: Sequence[SummarySentence],
    corpus: Corpus,
    count_independent: Callable[[Sequence[int], Corpus], int],
) -> tuple[DossierSentence, ...]:
    """Step 8: attach the number of independent sources to every summary sentence."""
    return tuple(
        DossierSentence(
            text=s.text,
            citations=s.citations,
            independent=count_independent(list(s.sources), corpus),
        )
        for s in sentences
    )


def describe_sources(
    corpus: Corpus,
    sentences: Sequence[SummarySentence],
    outlets_cited: dict[int, tuple[str, ...]],
) -> tuple[SourceInfo, ...]:
    """Step 9: one :class:`SourceInfo` per document.

    ``summary_sentences`` counts the summary sentences taken from the document (their
    first citation); ``citations`` counts every summary citation pointing into it,
    corroboration included.
    """
    taken = Counter(s.citations[0].doc for s in sentences if s.citations)
    cited = Counter(c.doc for s in sentences for c in s.citations)
    return tuple(
        SourceInfo(
            doc=d.index,
            outlet=d.article.source,
            title=d.article.title,
            published=d.article.published,
            summary_sentences=taken[d.index],
            citations=cited[d.index],
            cites_outlets=tuple(outlets_cited.get(d.index, ())),
        )
        for d in corpus.documents
    )
