"""What a dossier (or summary) page shows, built from the documented JSON of
``storyline dossier|summarize --format json`` — the JSON the event store caches and the
API answers — as plain data for the templates, which escape all of it.

A citation marker names a report and the cited span's offsets; each report's text is
cut into pieces at every cited span's boundaries, each piece carrying its own offsets
(``data-s``/``data-e``). A click on a marker highlights the pieces inside the span, so
the highlight is the span's characters, found by offsets and never by searching text.
Without JavaScript a marker is a link to the piece where the span starts.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

from storyline.render._dossier_refs import DIFFERENCE_KINDS

Json = Mapping[str, Any]
_WS = re.compile(r"\s+")
_PREFIX_UNITS = frozenset({"$", "£", "€", "¥"})


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
    markers: tuple[Marker, ...] = ()
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Group:
    heading: str
    items: tuple[Item, ...]
    stamp: str = ""


@dataclass(frozen=True, slots=True)
class Report:
    number: int
    label: str
    title: str | None
    published: str | None
    url: str | None
    pieces: tuple[Piece, ...]


@dataclass(frozen=True, slots=True)
class Page:
    """The dossier page (a summary's page leaves the dossier's sections empty)."""

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


def doc_label(documents: Sequence[Json], doc: int) -> str:
    """ "Report 2 (Outlet)": reports are numbered from 1 for people."""
    outlet = documents[doc].get("source")
    return f"Report {doc + 1}" + (f" ({outlet})" if outlet else "")


def _spans(citations: Iterable[Json]) -> list[tuple[int, int, int]]:
    return [(int(c["doc"]), int(c["start"]), int(c["end"])) for c in citations]


def _quote(documents: Sequence[Json], doc: int, start: int, end: int, limit: int = 200) -> str:
    text = _WS.sub(" ", str(documents[doc]["text"])[start:end]).strip()
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def markers(documents: Sequence[Json], citations: Iterable[Json]) -> tuple[Marker, ...]:
    """One marker per report, for the first span cited in it (a figure's words come
    before their sentence)."""
    first: dict[int, tuple[int, int, int]] = {}
    for span in _spans(citations):
        first.setdefault(span[0], span)
    return tuple(
        Marker(d, s, e, f"{doc_label(documents, d)}: “{_quote(documents, d, s, e)}”")
        for d, s, e in first.values()
    )


def pieces(
    text: str, doc: int, spans: Iterable[tuple[int, int]], removed: Iterable[tuple[int, int, str]]
) -> tuple[Piece, ...]:
    """``text`` cut at every span and removal boundary; the cuts cover it exactly."""
    n = len(text)
    cuts = [(min(s, n), min(e, n)) for s, e in spans]
    rem = [(min(s, n), min(e, n), kind) for s, e, kind in removed]
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


def _reports(d: Json, cited: Iterable[tuple[int, int, int]]) -> tuple[Report, ...]:
    docs = d["documents"]
    per_doc: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for doc, s, e in cited:
        per_doc[doc].append((s, e))
    per_rem: dict[int, list[tuple[int, int, str]]] = defaultdict(list)
    for r in d.get("removed", ()):
        per_rem[int(r["doc"])].append((int(r["start"]), int(r["end"]), str(r["kind"])))
    return tuple(
        Report(
            i + 1,
            doc_label(docs, i),
            a.get("title"),
            a.get("published"),
            a.get("url"),
            pieces(str(a["text"]), i, per_doc[i], per_rem[i]),
        )
        for i, a in enumerate(docs)
    )


def byline(documents: Sequence[Json]) -> str:
    """One line on what the page was built from: reports, outlets, date span."""
    n = len(documents)
    outlets = list(dict.fromkeys(a["source"] for a in documents if a.get("source")))
    dates = sorted(a["published"] for a in documents if a.get("published"))
    line = f"Built from {n} report{'s' if n != 1 else ''}"
    if outlets:
        line += " by " + ", ".join(outlets)
    if dates:
        line += f", published {dates[0]}" + (f" to {dates[-1]}" if dates[-1] != dates[0] else "")
    return line + "."


def _title(d: Json) -> str:
    """The title of the report the summary leans on most, else the first title."""
    sources = d.get("sources") or ()
    best = max(sources, key=lambda s: (s["summary_sentences"], -s["doc"]), default=None)
    if best is not None and best.get("title"):
        return str(best["title"]).strip()
    titled = next((a["title"] for a in d["documents"] if a.get("title")), None)
    return str(titled).strip() if titled else ("Event dossier" if sources else "Summary")


def page_from_json(d: Json, title: str | None = None) -> Page:
    """The page of a dossier's JSON, or of a summary's (then only the summary and the
    reports are shown); ``title`` overrides the title taken from the reports."""
    docs = d["documents"]
    is_dossier = "actors" in d
    summary = tuple(
        Item(
            s["text"],
            markers(docs, s["citations"]),
            {
                "reports": len({c["doc"] for c in s["citations"]}),
                "independent": s.get("independent_sources"),
            },
        )
        for s in d["summary"]
    )
    groups = ("summary", "timeline", "figures", "claims", "differences")
    cited = [span for g in groups for item in d.get(g, ()) for span in _spans(item["citations"])]
    page = Page(
        title=title or _title(d),
        byline=byline(docs),
        summary=summary,
        reports=_reports(d, cited),
        sources=_sources(d),
        notes=tuple(d.get("notes", ())),
    )
    if not is_dossier:
        return page
    from dataclasses import replace

    return replace(
        page,
        is_dossier=True,
        actors=tuple(_actor(a) for a in d["actors"]),
        timeline=_timeline(d),
        figures=tuple(
            Item(
                value_text(f),
                markers(docs, f["citations"]),
                {k: f.get(k) for k in ("counts", "hedge", "attribution")},
            )
            for f in d["figures"]
        ),
        claims=tuple(
            Item(
                c["text"],
                markers(docs, c["citations"]),
                {k: c.get(k) for k in ("speaker", "verb", "unverified", "marker")},
            )
            for c in d["claims"]
        ),
        differences=_differences(d),
    )


def _actor(a: Json) -> Item:
    mentions = a.get("mentions", ())
    return Item(
        a["name"],
        (),
        {
            "type": a.get("type"),
            "role": a.get("role"),
            "aliases": ", ".join(a.get("aliases", ())),
            "mentions": len(mentions),
            "reports": len({m["doc"] for m in mentions}),
        },
    )


def when_text(when: Any) -> str:
    """A timeline date: ``"2025-03-03"``, or ``"start – end"`` for a range."""
    if isinstance(when, Mapping):
        return f"{when['start']} – {when['end']}"
    return str(when)


def _timeline(d: Json) -> tuple[Group, ...]:
    groups: dict[str, list[Item]] = defaultdict(list)
    stamps: dict[str, str] = {}
    for t in d["timeline"]:
        label = when_text(t["date"])
        when = t["date"]
        stamps[label] = str(when["start"] if isinstance(when, Mapping) else when)
        how = ""
        if t.get("resolution"):
            how = f"resolved from '{t.get('resolved_from')}' → {t['resolution']}"
        groups[label].append(
            Item(
                t["text"],
                markers(d["documents"], t["citations"]),
                {"how": how, "vague": bool(t.get("vague"))},
            )
        )
    return tuple(Group(label, tuple(items), stamps[label]) for label, items in groups.items())


def value_text(figure: Json) -> str:
    """A figure's value as people write it: 12, 1,500, 3.5, 10–12; with its unit."""
    v, unit = figure.get("value"), figure.get("unit")
    if v is None:
        shown = str(figure["text"])
    elif isinstance(v, list | tuple):
        shown = f"{_num(v[0])}–{_num(v[1])}"
    else:
        shown = _num(v)
    if unit in _PREFIX_UNITS:
        return f"{unit}{shown}"
    return f"{shown} {unit}" if unit and unit not in shown else shown


def _num(x: float) -> str:
    return f"{int(x):,}" if float(x).is_integer() else f"{x:,}"


def _differences(d: Json) -> tuple[Group, ...]:
    by: dict[str, list[Item]] = defaultdict(list)
    for x in d["differences"]:
        by[x["kind"]].append(Item(x["text"], markers(d["documents"], x["citations"])))
    headings = dict(DIFFERENCE_KINDS)
    order = [k for k, _ in DIFFERENCE_KINDS if k in by] + [k for k in by if k not in headings]
    return tuple(Group(headings.get(k, k), tuple(by[k])) for k in order)


def _sources(d: Json) -> tuple[Item, ...]:
    if "sources" in d:
        return tuple(
            Item(
                s.get("title") or "—",
                (),
                {
                    "doc": s["doc"] + 1,
                    "outlet": s.get("outlet"),
                    "published": s.get("published"),
                    "summary_sentences": s.get("summary_sentences"),
                    "citations": s.get("citations"),
                    "relies_on": ", ".join(s.get("cites_outlets", ())),
                },
            )
            for s in d["sources"]
        )
    return tuple(
        Item(
            a.get("title") or "—",
            (),
            {"doc": i + 1, "outlet": a.get("source"), "published": a.get("published")},
        )
        for i, a in enumerate(d["documents"])
    )


@dataclass(frozen=True, slots=True)
class Story:
    """One line of the stories page."""

    id: int
    title: str
    articles: int
    outlets: int
    first: str | None
    last: str | None
    matches: int | None = None


def story_row(info: Any, matches: int | None = None) -> Story:
    """A line of the stories page from the store's ``EventInfo`` (and a search's count)."""

    def day(value: Any) -> str | None:
        return value.isoformat() if value is not None else None

    return Story(
        info.id,
        info.title or f"Story {info.id}",
        info.articles,
        info.outlets,
        day(info.first_published),
        day(info.last_published),
        matches,
    )
