"""The event dossier's items. Every item carries citations: spans that slice their
document (``documents[c.doc].text[c.start:c.end]``) to the words the item rests on.

``to_dict`` gives the JSON shape documented in the README.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

from storyline.model.article import Article
from storyline.model.span import Span
from storyline.model.summary import Removal, SummarySentence


def _cites(spans: tuple[Span, ...]) -> list[dict[str, int]]:
    return [s.to_citation() for s in spans]


@dataclass(frozen=True, slots=True)
class Actor:
    """A person, organisation or place, merged across mentions and documents."""

    name: str
    type: Literal["person", "organization", "place"]
    mentions: tuple[Span, ...]
    role: str | None = None
    #: Ranking score (mentions weighted by documents and position); higher first.
    salience: float = 0.0
    #: Other surface forms merged into this actor ("Ms Okafor", "Okafor").
    aliases: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "type": self.type,
            "role": self.role,
            "aliases": list(self.aliases),
            "salience": round(self.salience, 4),
            "mentions": _cites(self.mentions),
        }


@dataclass(frozen=True, slots=True)
class DateRange:
    start: date
    end: date

    def to_dict(self) -> dict[str, str]:
        return {"start": self.start.isoformat(), "end": self.end.isoformat()}


@dataclass(frozen=True, slots=True)
class TimelineEvent:
    """A dated statement. ``resolved_from`` is the expression as written ("on Monday");
    ``resolution`` says how it became ``when`` ("latest Monday on or before 2015-09-30,
    the article's date")."""

    when: date | DateRange
    resolved_from: str
    text: str
    citations: tuple[Span, ...]
    resolution: str = ""
    vague: bool = False

    @property
    def sort_key(self) -> date:
        return self.when.start if isinstance(self.when, DateRange) else self.when

    def to_dict(self) -> dict[str, Any]:
        when = self.when.to_dict() if isinstance(self.when, DateRange) else self.when.isoformat()
        return {
            "date": when,
            "resolved_from": self.resolved_from,
            "resolution": self.resolution,
            "vague": self.vague,
            "text": self.text,
            "citations": _cites(self.citations),
        }


@dataclass(frozen=True, slots=True)
class Figure:
    """A quantity: ``value`` (number, or a low/high pair for ranges), what it ``counts``."""

    value: float | tuple[float, float] | None
    unit: str | None
    counts: str | None
    text: str
    citations: tuple[Span, ...]
    hedge: str | None = None
    #: Who gives it ("officials", "the Taliban"), when the sentence attributes it.
    attribution: str | None = None

    def to_dict(self) -> dict[str, Any]:
        value: Any = list(self.value) if isinstance(self.value, tuple) else self.value
        return {
            "value": value,
            "unit": self.unit,
            "counts": self.counts,
            "text": self.text,
            "hedge": self.hedge,
            "attribution": self.attribution,
            "citations": _cites(self.citations),
        }


@dataclass(frozen=True, slots=True)
class Claim:
    """A statement attributed to a speaker, or one its source marks as unverified."""

    speaker: str | None
    text: str
    verb: str | None
    unverified: bool
    citations: tuple[Span, ...]
    #: The marker that flags it as unverified ("could not be verified", "purportedly").
    marker: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "speaker": self.speaker,
            "text": self.text,
            "verb": self.verb,
            "unverified": self.unverified,
            "marker": self.marker,
            "citations": _cites(self.citations),
        }


@dataclass(frozen=True, slots=True)
class Difference:
    """Where sources differ: a ``figure`` given differently, opposite ``claim`` s, or a
    fact only one source reports (``unique``)."""

    kind: Literal["figure", "claim", "unique"]
    text: str
    citations: tuple[Span, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "text": self.text, "citations": _cites(self.citations)}


@dataclass(frozen=True, slots=True)
class SourceInfo:
    """One document's outlet and how much it contributed."""

    doc: int
    outlet: str | None
    title: str | None
    published: date | None
    summary_sentences: int = 0
    citations: int = 0
    #: Outlets this document says it relies on ("reports AFP", "told Reuters").
    cites_outlets: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "doc": self.doc,
            "outlet": self.outlet,
            "title": self.title,
            "published": self.published.isoformat() if self.published else None,
            "summary_sentences": self.summary_sentences,
            "citations": self.citations,
            "cites_outlets": list(self.cites_outlets),
        }


@dataclass(frozen=True, slots=True)
class Dossier:
    summary: tuple[SummarySentence, ...]
    actors: tuple[Actor, ...]
    timeline: tuple[TimelineEvent, ...]
    figures: tuple[Figure, ...]
    claims: tuple[Claim, ...]
    differences: tuple[Difference, ...]
    sources: tuple[SourceInfo, ...]
    documents: tuple[Article, ...]
    removed: tuple[Removal, ...] = ()
    notes: tuple[str, ...] = field(default=())

    def to_dict(self) -> dict[str, Any]:
        return {
            "summary": [s.to_dict() for s in self.summary],
            "actors": [a.to_dict() for a in self.actors],
            "timeline": [t.to_dict() for t in self.timeline],
            "figures": [f.to_dict() for f in self.figures],
            "claims": [c.to_dict() for c in self.claims],
            "differences": [d.to_dict() for d in self.differences],
            "sources": [s.to_dict() for s in self.sources],
            "documents": [a.to_dict(i) for i, a in enumerate(self.documents)],
            "removed": [r.to_dict(self.documents) for r in self.removed],
            "notes": list(self.notes),
        }
