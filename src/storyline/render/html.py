"""The dossier as one self-contained HTML page: inline CSS, no scripts, no external assets.

Sections follow the Markdown rendering (summary first). A citation is a small
superscript link ``<a href="#d2-s1234">2</a>`` (the report's number) to the cited words
in the report's full text below, where every cited span is a ``<mark>`` placed by its
offsets. Overlapping and nested spans are handled by cutting the text at every span
boundary: each piece is marked once, darker where more citations cover it, and the piece
where a span starts carries that span's id. Everything taken from input is escaped.
"""

from __future__ import annotations

import html
from collections import defaultdict
from collections.abc import Iterable, Sequence
from itertools import pairwise

from storyline.model.dossier import Dossier
from storyline.model.span import Span
from storyline.render._dossier_refs import (
    SECTIONS,
    by_kind,
    byline,
    doc_label,
    quote,
    resolution_text,
    title_of,
    value_text,
    when_text,
)

__all__ = ["anchor_id", "highlight", "render_dossier_html"]

_NONE = '<p class="none">None found.</p>'
_CSS = """
body{font:16px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1d1d1f;
 background:#fafaf7;margin:0}
main{max-width:52rem;margin:0 auto;padding:1.5rem 1.25rem 4rem}
h1{font-size:1.7rem;line-height:1.25;margin:.2rem 0 .3rem}
h2{font-size:1.25rem;border-bottom:1px solid #ddd;padding-bottom:.2rem;margin-top:2rem}
h3{font-size:1.05rem;margin:1.4rem 0 .3rem}
.byline,.meta,.how,.none{color:#666;font-size:.9rem}
nav{font-size:.9rem;margin:.6rem 0 0}nav a{margin-right:.8rem}
a{color:#0b57a4;text-decoration:none}a:hover{text-decoration:underline}
sup.cite{font-size:.7rem;line-height:0;margin-left:.1rem}
sup.cite a{padding:0 .15rem;margin-left:.12rem;border-radius:3px;background:#e8eef7}
ol.summary li{margin:.35rem 0}.indep{color:#666;font-size:.85rem}
ul.items{padding-left:1.2rem}ul.items li{margin:.3rem 0}
ol.timeline{list-style:none;padding-left:0}ol.timeline>li{margin:.6rem 0}
ol.timeline time{font-weight:600;font-variant-numeric:tabular-nums}
.flag{color:#a33;font-weight:600}.kind{font-weight:600}
table{border-collapse:collapse;font-size:.9rem;width:100%}
th,td{border-bottom:1px solid #e3e3e3;padding:.3rem .4rem;text-align:left;vertical-align:top}
td.date{white-space:nowrap}article.doc h3{margin-top:.2rem}
article.doc{background:#fff;border:1px solid #e3e3e3;border-radius:6px;padding:.6rem 1rem;
 margin:1rem 0}
.text{white-space:pre-wrap;font-size:.95rem}
mark{background:#fff3b0;color:inherit;padding:0}mark.m2{background:#ffe073}
mark.m3{background:#ffc93c}mark:target{outline:2px solid #e07b00;outline-offset:1px}
.removed{color:#aaa;text-decoration:line-through}
"""


def anchor_id(span: Span) -> str:
    """``d{report}-s{start}``: the id of the piece of text where ``span`` starts."""
    return f"d{span.doc + 1}-s{span.start}"


def render_dossier_html(dossier: Dossier) -> str:
    """The whole dossier as a standalone HTML document."""
    e = html.escape
    title = title_of(dossier)
    bodies = {
        "summary": _summary(dossier),
        "actors": _actors(dossier),
        "timeline": _timeline(dossier),
        "figures": _figures(dossier),
        "claims": _claims(dossier),
        "differences": _differences(dossier),
        "sources": _sources(dossier),
    }
    nav = "".join(f'<a href="#{a}">{e(h)}</a>' for a, h in SECTIONS)
    sections = "".join(
        f'<section id="{a}"><h2>{e(h)}</h2>{bodies[a] or _NONE}</section>' for a, h in SECTIONS
    )
    notes = ""
    if dossier.notes:
        items = "".join(f"<li>{e(n)}</li>" for n in dossier.notes)
        notes = f'<section id="notes"><h2>Notes</h2><ul>{items}</ul></section>'
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{e(title)}</title><style>{_CSS}</style></head>\n<body><main>"
        f'<header><h1>{e(title)}</h1><p class="byline">{e(byline(dossier))}</p>'
        f"<nav>{nav}</nav></header>\n{sections}{notes}</main></body></html>\n"
    )


def _sup(dossier: Dossier, spans: Iterable[Span]) -> str:
    """Superscript markers labelled with the report number: one per report, leading to
    the first span cited in it (a figure's words come before their sentence)."""
    first: dict[int, Span] = {}
    for s in spans:
        first.setdefault(s.doc, s)
    out = []
    for s in first.values():
        tip = f"{doc_label(dossier.documents, s.doc)}: “{quote(dossier.documents, s, 200)}”"
        out.append(f'<a href="#{anchor_id(s)}" title="{html.escape(tip)}">{s.doc + 1}</a>')
    return f'<sup class="cite">{"".join(out)}</sup>' if out else ""


def _summary(dossier: Dossier) -> str:
    items = []
    for s in dossier.summary:
        n = getattr(s, "independent", None)
        indep = ""
        if n is not None and len(s.sources) > 1:
            indep = f' <span class="indep">({len(s.sources)} reports, {n} independent)</span>'
        items.append(f"<li>{html.escape(s.text)}{_sup(dossier, s.citations)}{indep}</li>")
    return f'<ol class="summary">{"".join(items)}</ol>' if items else ""


def _actors(dossier: Dossier) -> str:
    rows = []
    for a in dossier.actors:
        docs = len({m.doc for m in a.mentions})
        role = f", {html.escape(a.role)}" if a.role else ""
        aliases = ""
        if a.aliases:
            aliases = f' <span class="meta">(also {html.escape(", ".join(a.aliases))})</span>'
        rows.append(
            f"<li><strong>{html.escape(a.name)}</strong> — {html.escape(a.type)}{role}; "
            f"{len(a.mentions)} mention{'s' if len(a.mentions) != 1 else ''} in {docs} "
            f"report{'s' if docs != 1 else ''}{aliases}</li>"
        )
    return f'<ul class="items">{"".join(rows)}</ul>' if rows else ""


def _timeline(dossier: Dossier) -> str:
    by_date: dict[str, list[str]] = defaultdict(list)
    stamp: dict[str, str] = {}
    for t in dossier.timeline:
        label = when_text(t)
        stamp[label] = t.sort_key.isoformat()
        how = resolution_text(t)
        how_html = f'<div class="how">{html.escape(how)}</div>' if how else ""
        vague = ' <span class="meta">(approximate)</span>' if t.vague else ""
        by_date[label].append(
            f"<li>{html.escape(t.text)}{_sup(dossier, t.citations)}{vague}{how_html}</li>"
        )
    items = "".join(
        f'<li><time datetime="{stamp[d]}">{html.escape(d)}</time><ul class="items">'
        f"{''.join(lines)}</ul></li>"
        for d, lines in by_date.items()
    )
    return f'<ol class="timeline">{items}</ol>' if items else ""


def _figures(dossier: Dossier) -> str:
    rows = []
    for f in dossier.figures:
        extra = []
        if f.hedge:
            extra.append(f"hedged: “{html.escape(f.hedge)}”")
        if f.attribution:
            extra.append(f"according to {html.escape(f.attribution)}")
        counts = f" {html.escape(f.counts)}" if f.counts else ""
        tail = f' <span class="meta">({"; ".join(extra)})</span>' if extra else ""
        rows.append(
            f"<li><strong>{html.escape(value_text(f))}</strong>{counts}{tail}"
            f"{_sup(dossier, f.citations)}</li>"
        )
    return f'<ul class="items">{"".join(rows)}</ul>' if rows else ""


def _claims(dossier: Dossier) -> str:
    rows = []
    for c in dossier.claims:
        speaker = html.escape(c.speaker) if c.speaker else "Unattributed"
        verb = f" — {html.escape(c.verb)}" if c.verb else ""
        flag = ""
        if c.unverified:
            marker = f": “{html.escape(c.marker)}”" if c.marker else ""
            flag = f' <span class="flag">⚠ unverified{marker}</span>'
        rows.append(
            f"<li><strong>{speaker}</strong>: “{html.escape(c.text)}”{verb}{flag}"
            f"{_sup(dossier, c.citations)}</li>"
        )
    return f'<ul class="items">{"".join(rows)}</ul>' if rows else ""


def _differences(dossier: Dossier) -> str:
    parts = []
    for heading, group in by_kind(dossier.differences):
        rows = "".join(f"<li>{html.escape(d.text)}{_sup(dossier, d.citations)}</li>" for d in group)
        parts.append(f'<h3>{html.escape(heading)}</h3><ul class="items">{rows}</ul>')
    return "".join(parts)


def cited_spans(dossier: Dossier) -> list[Span]:
    """Every span a marker can point at: summary, timeline, figures, claims, differences."""
    spans: list[Span] = []
    for group in (
        dossier.summary,
        dossier.timeline,
        dossier.figures,
        dossier.claims,
        dossier.differences,
    ):
        for item in group:
            spans.extend(item.citations)
    return spans


def _sources(dossier: Dossier) -> str:
    e = html.escape
    rows = "".join(
        f'<tr><td><a href="#doc-{s.doc + 1}">{s.doc + 1}</a></td><td>{e(s.outlet or "—")}</td>'
        f"<td>{e(s.title or '—')}</td>"
        f'<td class="date">{s.published.isoformat() if s.published else "—"}</td>'
        f"<td>{s.summary_sentences}</td><td>{s.citations}</td>"
        f"<td>{e(', '.join(s.cites_outlets)) or '—'}</td></tr>"
        for s in dossier.sources
    )
    table = (
        "<table><thead><tr><th>#</th><th>Outlet</th><th>Title</th><th>Published</th>"
        "<th>Summary sentences</th><th>Citations</th><th>Relies on</th></tr></thead>"
        f"<tbody>{rows}</tbody></table>"
    )
    per_doc: dict[int, list[Span]] = defaultdict(list)
    for s in cited_spans(dossier):
        per_doc[s.doc].append(s)
    removed: dict[int, list[tuple[int, int, str]]] = defaultdict(list)
    for r in dossier.removed:
        removed[r.span.doc].append((r.span.start, r.span.end, r.kind))
    docs = "".join(
        _document(dossier, i, per_doc[i], removed[i]) for i in range(len(dossier.documents))
    )
    legend = (
        '<p class="meta">The reports in full. Cited words are highlighted, darker where '
        "several citations overlap; text the cleaner set aside is struck through.</p>"
    )
    return table + legend + docs


def _document(
    dossier: Dossier, i: int, spans: Sequence[Span], removed: Sequence[tuple[int, int, str]]
) -> str:
    a = dossier.documents[i]
    meta = [x for x in (a.title, a.published.isoformat() if a.published else None, a.url) if x]
    body = highlight(a.text, [(s.start, s.end) for s in spans], removed, prefix=f"d{i + 1}")
    return (
        f'<article class="doc" id="doc-{i + 1}"><h3>{html.escape(doc_label(dossier.documents, i))}'
        f'</h3><p class="meta">{html.escape(" · ".join(meta))}</p>'
        f'<div class="text">{body}</div></article>'
    )


def highlight(
    text: str,
    spans: Iterable[tuple[int, int]],
    removed: Iterable[tuple[int, int, str]] = (),
    *,
    prefix: str = "d1",
) -> str:
    """``text`` escaped, with each ``(start, end)`` span marked; ids ``{prefix}-s{start}``.

    The text is cut at every span boundary; a piece covered by k spans becomes
    ``<mark class="mk">`` (k capped at 3), so overlapping and nested spans never produce
    crossed tags. A span that covers no characters still gets an empty ``<mark>`` with
    its id, so every marker has a target. Removed regions are shown struck through.
    """
    n = len(text)
    cuts = [(min(max(s, 0), n), min(max(e, 0), n)) for s, e in spans]
    rem = [(min(s, n), min(e, n), kind) for s, e, kind in removed]
    starts = {s for s, _ in cuts}
    bounds = sorted({0, n, *starts, *(e for _, e in cuts), *(x for s, e, _ in rem for x in (s, e))})
    out: list[str] = []
    for a, b in pairwise(bounds):
        depth = sum(1 for s, e in cuts if s <= a and b <= e and s < e)
        piece = html.escape(text[a:b])
        kind = next((k for s, e, k in rem if s <= a and b <= e), None)
        if kind:
            piece = f'<span class="removed" title="removed: {html.escape(kind)}">{piece}</span>'
        ident = f' id="{prefix}-s{a}"' if a in starts else ""
        if depth:
            piece = f'<mark class="m{min(depth, 3)}"{ident}>{piece}</mark>'
        elif ident:
            piece = f"<mark{ident}></mark>{piece}"
        out.append(piece)
    if n in starts:  # a span starting at the very end: no piece starts there
        out.append(f'<mark id="{prefix}-s{n}"></mark>')
    return "".join(out)
