"""What the dossier renderings share: numbered citations, quotes cut by offsets, headings.

A quote is always ``documents[doc].text[start:end]`` — computed from the span, never by
searching for the words again — with runs of whitespace shown as one space.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from storyline.model.article import Article
from storyline.model.dossier import DateRange, Difference, Dossier, Figure, TimelineEvent
from storyline.model.span import Span

_WS = re.compile(r"\s+")
_PREFIX_UNITS = frozenset({"$", "£", "€", "¥"})

#: The sections, in the order every rendering shows them: (anchor id, heading).
SECTIONS: tuple[tuple[str, str], ...] = (
    ("summary", "Summary"),
    ("actors", "Actors"),
    ("timeline", "Timeline"),
    ("figures", "Figures"),
    ("claims", "Claims"),
    ("differences", "Where sources differ"),
    ("sources", "Sources"),
)


#: How the kinds of difference are headed, in the order they are shown.
DIFFERENCE_KINDS: tuple[tuple[str, str], ...] = (
    ("figure", "Figures that differ"),
    ("claim", "Claims that conflict"),
    ("unique", "Reported by one source only"),
)


def by_kind(differences: Iterable[Difference]) -> list[tuple[str, list[Difference]]]:
    """Differences grouped under their heading, known kinds first, input order kept."""
    groups: dict[str, list[Difference]] = {}
    for d in differences:
        groups.setdefault(d.kind, []).append(d)
    headings = dict(DIFFERENCE_KINDS)
    order = [k for k, _ in DIFFERENCE_KINDS if k in groups] + [
        k for k in groups if k not in headings
    ]
    return [(headings.get(k, k), groups[k]) for k in order]


def quote(documents: Sequence[Article], span: Span, limit: int = 320) -> str:
    """The cited words, whitespace collapsed, cut to ``limit`` characters with an ellipsis."""
    text = _WS.sub(" ", span.text(documents)).strip()
    if len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return text


def key(span: Span) -> tuple[int, int, int]:
    return (span.doc, span.start, span.end)


@dataclass(slots=True)
class CitationIndex:
    """Numbers citations 1, 2, 3... in order of first use; the same span keeps its number."""

    numbers: dict[tuple[int, int, int], int] = field(default_factory=dict)
    spans: list[Span] = field(default_factory=list)

    def number(self, span: Span) -> int:
        k = key(span)
        if k not in self.numbers:
            self.numbers[k] = len(self.spans) + 1
            self.spans.append(span)
        return self.numbers[k]

    def numbers_for(self, spans: Iterable[Span]) -> list[int]:
        """Distinct numbers for ``spans``, in citation order."""
        return list(dict.fromkeys(self.number(s) for s in spans))


def doc_label(documents: Sequence[Article], doc: int) -> str:
    """ "Report 2 (Outlet)" — documents are numbered from 1 for people."""
    outlet = documents[doc].source
    return f"Report {doc + 1}" + (f" ({outlet})" if outlet else "")


def title_of(dossier: Dossier) -> str:
    """The title line: the title of the report the summary leans on most, else a default."""
    best = max(dossier.sources, key=lambda s: (s.summary_sentences, -s.doc), default=None)
    if best is not None and best.title:
        return best.title.strip()
    for a in dossier.documents:
        if a.title:
            return a.title.strip()
    return "Event dossier"


def byline(dossier: Dossier) -> str:
    """One line on what the dossier was built from: reports, outlets, date span."""
    n = len(dossier.documents)
    outlets = list(dict.fromkeys(a.source for a in dossier.documents if a.source))
    dates = sorted(a.published for a in dossier.documents if a.published)
    line = f"Built from {n} report{'s' if n != 1 else ''}"
    if outlets:
        line += " by " + ", ".join(outlets)
    if dates:
        line += f", published {dates[0].isoformat()}"
        if dates[-1] != dates[0]:
            line += f" to {dates[-1].isoformat()}"
    return line + "."


def when_text(event: TimelineEvent) -> str:
    """The event's date, or ``start – end`` for a range."""
    if isinstance(event.when, DateRange):
        return f"{event.when.start.isoformat()} – {event.when.end.isoformat()}"
    return event.when.isoformat()


def resolution_text(event: TimelineEvent) -> str:
    """ "resolved from 'on Monday' → latest Monday on or before ...", or "" if written as a date."""
    if not event.resolution:
        return ""
    return f"resolved from '{event.resolved_from}' → {event.resolution}"


def value_text(figure: Figure) -> str:
    """A figure's value as people write it: 12, 1,500, 3.5, 10–12; with its unit."""
    v = figure.value
    if v is None:
        shown = " ".join(figure.text.lower().split())
    elif isinstance(v, tuple):
        shown = f"{_num(v[0])}–{_num(v[1])}"
    else:
        shown = _num(v)
    if figure.unit in _PREFIX_UNITS:
        shown = f"{figure.unit}{shown}"
    elif figure.unit and figure.unit not in shown:
        shown = f"{shown} {figure.unit}"
    return shown


def _num(x: float) -> str:
    return f"{int(x):,}" if float(x).is_integer() else f"{x:,}"
