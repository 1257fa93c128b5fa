"""The dossier as Markdown a person wants to read.

Order: title line, the summary (each sentence with small markers like ``[1][3]``),
actors, timeline, figures, claims, where sources differ, sources. Every marker links to
a numbered entry under *Sources → Cited passages* that quotes the cited words, cut from
the document by the citation's offsets. Text taken from articles is escaped so it
cannot add links, emphasis or HTML of its own.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from storyline.model.dossier import Actor, Claim, Difference, Dossier, Figure, TimelineEvent
from storyline.model.span import Span
from storyline.render._dossier_refs import (
    SECTIONS,
    CitationIndex,
    by_kind,
    byline,
    doc_label,
    quote,
    resolution_text,
    title_of,
    value_text,
    when_text,
)

__all__ = ["md_escape", "render_dossier_markdown"]

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~])")
_NONE = "_None found._"


def md_escape(text: str) -> str:
    """Backslash-escape the characters that Markdown (or inline HTML) would act on."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def render_dossier_markdown(dossier: Dossier) -> str:
    """The whole dossier as one Markdown string (ends with a newline)."""
    cites = CitationIndex()
    parts = [f"# {md_escape(title_of(dossier))}", "", md_escape(byline(dossier)), ""]
    bodies = {
        "summary": _summary(dossier, cites),
        "actors": _actors(dossier),
        "timeline": _timeline(dossier.timeline, cites),
        "figures": _figures(dossier.figures, cites),
        "claims": _claims(dossier.claims, cites),
        "differences": _differences(dossier.differences, cites),
    }
    for anchor, heading in SECTIONS:
        body = bodies[anchor] if anchor in bodies else _sources(dossier, cites)
        parts += [f"## {heading}", "", *(body or [_NONE]), ""]
    if dossier.notes:
        parts += ["## Notes", "", *(f"- {md_escape(n)}" for n in dossier.notes), ""]
    return "\n".join(parts)


def markers(spans: Iterable[Span], cites: CitationIndex) -> str:
    """``[1][3]`` as links to the cited-passage entries."""
    return "".join(f"[\\[{n}\\]](#cite-{n})" for n in cites.numbers_for(spans))


def _summary(dossier: Dossier, cites: CitationIndex) -> list[str]:
    lines = []
    for s in dossier.summary:
        independent = getattr(s, "independent", None)
        note = ""
        if independent is not None and len(s.sources) > 1:
            note = f" _({len(s.sources)} reports, {independent} independent)_"
        lines.append(f"{md_escape(s.text)} {markers(s.citations, cites)}{note}")
    return _paragraphs(lines)


def _paragraphs(lines: list[str]) -> list[str]:
    out: list[str] = []
    for line in lines:
        out += [line, ""]
    return out[:-1]


def _actors(dossier: Dossier) -> list[str]:
    return [_actor_line(a) for a in dossier.actors]


def _actor_line(actor: Actor) -> str:
    docs = len({m.doc for m in actor.mentions})
    n = len(actor.mentions)
    line = f"- **{md_escape(actor.name)}** — {actor.type}"
    if actor.role:
        line += f", {md_escape(actor.role)}"
    line += f"; {n} mention{'s' if n != 1 else ''} in {docs} report{'s' if docs != 1 else ''}"
    if actor.aliases:
        line += " (also: " + ", ".join(md_escape(a) for a in actor.aliases) + ")"
    return line


def _timeline(events: Iterable[TimelineEvent], cites: CitationIndex) -> list[str]:
    lines = []
    for e in events:
        vague = " _(approximate)_" if e.vague else ""
        line = f"- **{when_text(e)}**{vague} — {md_escape(e.text)} {markers(e.citations, cites)}"
        how = resolution_text(e)
        if how:  # a backslash at the end of a line is a hard line break
            line += f"\\\n  _{md_escape(how)}_"
        lines.append(line)
    return lines


def _figures(figures: Iterable[Figure], cites: CitationIndex) -> list[str]:
    lines = []
    for f in figures:
        line = f"- **{md_escape(value_text(f))}**"
        if f.counts:
            line += f" {md_escape(f.counts)}"
        extras = []
        if f.hedge:
            extras.append(f"hedged: “{md_escape(f.hedge)}”")
        if f.attribution:
            extras.append(f"according to {md_escape(f.attribution)}")
        if extras:
            line += " (" + "; ".join(extras) + ")"
        lines.append(f"{line} {markers(f.citations, cites)}")
    return lines


def _claims(claims: Iterable[Claim], cites: CitationIndex) -> list[str]:
    lines = []
    for c in claims:
        speaker = md_escape(c.speaker) if c.speaker else "Unattributed"
        line = f"- **{speaker}**: “{md_escape(c.text)}”"
        if c.verb:
            line += f" — {md_escape(c.verb)}"
        if c.unverified:
            marker = f": “{md_escape(c.marker)}”" if c.marker else ""
            line += f" **⚠ unverified**{marker}"
        lines.append(f"{line} {markers(c.citations, cites)}")
    return lines


def _differences(differences: Iterable[Difference], cites: CitationIndex) -> list[str]:
    lines: list[str] = []
    for heading, group in by_kind(differences):
        lines += [f"**{heading}**", ""]
        lines += [f"- {md_escape(d.text)} {markers(d.citations, cites)}" for d in group]
        lines.append("")
    return lines[:-1]


def _sources(dossier: Dossier, cites: CitationIndex) -> list[str]:
    if not dossier.sources and not cites.spans:
        return []
    lines = ["### Reports", ""]
    for s in dossier.sources:
        outlet = md_escape(s.outlet or "Unknown outlet")
        line = f'{s.doc + 1}. <a id="doc-{s.doc + 1}"></a>**{outlet}**'
        if s.title:
            line += f" — “{md_escape(s.title)}”"
        if s.published:
            line += f" ({s.published.isoformat()})"
        line += f": {s.summary_sentences} summary sentence{'s' if s.summary_sentences != 1 else ''}"
        line += f", {s.citations} citation{'s' if s.citations != 1 else ''}"
        if s.cites_outlets:
            line += "; relies on " + ", ".join(md_escape(o) for o in s.cites_outlets)
        lines.append(line)
    if cites.spans:
        lines += ["", "### Cited passages", ""]
    for n, span in enumerate(cites.spans, start=1):
        label = md_escape(doc_label(dossier.documents, span.doc))
        where = f"{label}, characters {span.start}–{span.end}"
        lines.append(
            f'{n}. <a id="cite-{n}"></a>[{where}](#doc-{span.doc + 1}): '
            f"“{md_escape(quote(dossier.documents, span))}”"
        )
    return lines
