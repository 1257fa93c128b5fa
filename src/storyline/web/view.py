"""What the dossier page shows, as plain data for the templates (which escape it all).

A citation marker names a report and the cited span's offsets; each report's text is
cut into pieces at every cited span's boundaries, each piece carrying its own offsets
(``data-s``/``data-e``). A click on a marker highlights the pieces inside the span, so
the highlight is the span's characters, found by offsets and never by searching text.
Without JavaScript a marker is a link to the piece where the span starts.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from itertools import pairwise

from storyline.model import Article, Removal, Span, Summary
from storyline.model.dossier import Dossier
from storyline.render._dossier_refs import (
    by_kind,
    byline,
    doc_label,
    quote,
    resolution_text,
    title_of,
    value_text,
    when_text,
)


@dataclass(frozen=True, slots=True)
class Marker:
    """A citation marker: report ``doc`` (0-based), characters ``start:end``."""

    doc: int
    start: int
    end: int
    tip: str

    @property
    def label(self) -> str:
        return str(self.doc + 1)

    @property
    def anchor(self) -> str:
        return piece_id(self.doc, self.start)


@dataclass(frozen=True, slots=True)
class Piece:
    """Characters ``start:end`` of a report; ``depth`` cited spans cover it."""

    start: int
    end: int
    text: str
    depth: int
    anchor: str | None
    removed: str | None


@dataclass(frozen=True, slots=True)
class Item:
    """One line of a section: its text, markers and whatever else it shows."""

    text: str
    markers: tuple[Marker, ...]
    extra: dict[str, object] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Group:
    heading: str
    items: tuple[Item, ...]
    stamp: str = ""


@dataclass(frozen=True, slots=True)
class Report:
    number: int
    label: str
    article: Article
    pieces: tuple[Piece, ...]


@dataclass(frozen=True, slots=True)
class Page:
    """The dossier page (a summary-only page leaves the dossier's sections empty)."""

    title: str
    byline: str
    summary: tuple[Item, ...]
    reports: tuple[Report, ...]
    sources: tuple[Item, ...] = ()
    actors: tuple[Item, ...] = ()
    timeline: tuple[Group, ...] = ()
    figures: tuple[Item, ...] = ()
    claims: tuple[Item, ...] = ()
    differences: tuple[Group, ...] = ()
    notes: tuple[str, ...] = ()
    is_dossier: bool = False


def piece_id(doc: int, start: int) -> str:
    return f"r{doc + 1}-{start}"


def markers(documents: Sequence[Article], spans: Iterable[Span]) -> tuple[Marker, ...]:
    """One marker per report, for the first span cited in it (a figure's words come
    before their sentence)."""
    first: dict[int, Span] = {}
    for s in spans:
        first.setdefault(s.doc, s)
    return tuple(
        Marker(s.doc, s.start, s.end, f"{doc_label(documents, s.doc)}: “{_quote(documents, s)}”")
        for s in first.values()
    )


def _quote(documents: Sequence[Article], span: Span) -> str:
    return quote(documents, span, 200)


def pieces(
    text: str, doc: int, spans: Iterable[tuple[int, int]], removed: Iterable[Removal] = ()
) -> tuple[Piece, ...]:
    """``text`` cut at every span and removal boundary; the cuts cover it exactly."""
    n = len(text)
    cuts = [(min(s, n), min(e, n)) for s, e in spans]
    rem = [(min(r.span.start, n), min(r.span.end, n), r.kind) for r in removed]
    starts = {s for s, _ in cuts}
    bounds = sorted({0, n, *starts, *(e for _, e in cuts), *(x for s, e, _ in rem for x in (s, e))})
    out: list[Piece] = []
    for a, b in pairwise(bounds):
        depth = sum(1 for s, e in cuts if s <= a and b <= e)
        kind = next((k for s, e, k in rem if s <= a and b <= e), None)
        out.append(Piece(a, b, text[a:b], depth, piece_id(doc, a) if a in starts else None, kind))
    if n in starts or not out:  # a span at the very end (or an empty text) still has a target
        out.append(Piece(n, n, "", 0, piece_id(doc, n), None))
    return tuple(out)


def _reports(
    documents: Sequence[Article], cited: Iterable[Span], removed: Sequence[Removal]
) -> tuple[Report, ...]:
    per_doc: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for s in cited:
        per_doc[s.doc].append((s.start, s.end))
    per_rem: dict[int, list[Removal]] = defaultdict(list)
    for r in removed:
        per_rem[r.span.doc].append(r)
    return tuple(
        Report(i + 1, doc_label(documents, i), a, pieces(a.text, i, per_doc[i], per_rem[i]))
        for i, a in enumerate(documents)
    )


def summary_page(summary: Summary) -> Page:
    """The page of a summary alone (no dossier extra, or a summary asked for)."""
    docs = summary.documents
    items = tuple(Item(s.text, markers(docs, s.citations)) for s in summary.sentences)
    cited = [c for s in summary.sentences for c in s.citations]
    titled = next((a.title.strip() for a in docs if a.title), "Summary")
    sources = tuple(
        Item(a.title or "—", (), {"doc": i + 1, "outlet": a.source, "published": a.published})
        for i, a in enumerate(docs)
    )
    return Page(
        title=titled,
        byline=_byline(docs),
        summary=items,
        reports=_reports(docs, cited, summary.removed),
        sources=sources,
        notes=summary.notes,
    )


def _byline(documents: Sequence[Article]) -> str:
    n = len(documents)
    outlets = list(dict.fromkeys(a.source for a in documents if a.source))
    dates = sorted(a.published for a in documents if a.published)
    line = f"Built from {n} report{'s' if n != 1 else ''}"
    if outlets:
        line += " by " + ", ".join(outlets)
    if dates:
        line += f", published {_span(dates[0], dates[-1])}"
    return line + "."


def _span(first: date, last: date) -> str:
    return first.isoformat() if first == last else f"{first.isoformat()} to {last.isoformat()}"


def dossier_page(d: Dossier) -> Page:
    """The dossier page: every section of the dossier, then the reports in full."""
    docs = d.documents
    summary = tuple(
        Item(s.text, markers(docs, s.citations),
             {"reports": len(s.sources), "independent": getattr(s, "independent", None)})
        for s in d.summary
    )
    cited = [c for group in (d.summary, d.timeline, d.figures, d.claims, d.differences)
             for item in group for c in item.citations]
    return Page(
        title=title_of(d),
        byline=byline(d),
        summary=summary,
        reports=_reports(docs, cited, d.removed),
        sources=_sources(d),
        actors=_actors(d),
        timeline=_timeline(d),
        figures=tuple(
            Item(value_text(f), markers(docs, f.citations),
                 {"counts": f.counts, "hedge": f.hedge, "attribution": f.attribution})
            for f in d.figures
        ),
        claims=tuple(
            Item(c.text, markers(docs, c.citations),
                 {"speaker": c.speaker, "verb": c.verb, "unverified": c.unverified,
                  "marker": c.marker})
            for c in d.claims
        ),
        differences=tuple(
            Group(heading, tuple(Item(x.text, markers(docs, x.citations)) for x in group))
            for heading, group in by_kind(d.differences)
        ),
        notes=d.notes,
        is_dossier=True,
    )


def _actors(d: Dossier) -> tuple[Item, ...]:
    return tuple(
        Item(a.name, (), {"type": a.type, "role": a.role, "aliases": ", ".join(a.aliases),
                          "mentions": len(a.mentions),
                          "reports": len({m.doc for m in a.mentions})})
        for a in d.actors
    )


def _timeline(d: Dossier) -> tuple[Group, ...]:
    groups: dict[str, list[Item]] = defaultdict(list)
    stamps: dict[str, str] = {}
    for t in d.timeline:
        label = when_text(t)
        stamps[label] = t.sort_key.isoformat()
        groups[label].append(
            Item(t.text, markers(d.documents, t.citations),
                 {"how": resolution_text(t), "vague": t.vague})
        )
    return tuple(Group(label, tuple(items), stamps[label]) for label, items in groups.items())


def _sources(d: Dossier) -> tuple[Item, ...]:
    return tuple(
        Item(s.title or "—", (),
             {"doc": s.doc + 1, "outlet": s.outlet, "published": s.published,
              "summary_sentences": s.summary_sentences, "citations": s.citations,
              "relies_on": ", ".join(s.cites_outlets)})
        for s in d.sources
    )
