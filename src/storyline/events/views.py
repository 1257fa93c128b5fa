"""An event's summary and dossier, rendered as the ``summarize`` and ``dossier``
commands render them (what the store caches)."""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import replace

from storyline.model import Article, Summary
from storyline.options import Options

SUMMARY_FORMATS = ("json", "md", "text", "html")
DOSSIER_FORMATS = ("json", "md", "html")


def _check(fmt: str, allowed: tuple[str, ...], what: str) -> None:
    if fmt not in allowed:
        raise ValueError(f"a {what} renders as {', '.join(allowed)}, not {fmt!r}")


def render_summary(articles: Sequence[Article], words: int, fmt: str) -> str:
    """``storyline.summarize(articles, words)`` rendered as json, md or text."""
    from storyline.api import summarize
    from storyline.render import to_json, to_markdown, to_text

    _check(fmt, SUMMARY_FORMATS, "summary")
    summary = summarize(articles, options=Options(words=words))
    if fmt == "json":
        return to_json(summary)
    if fmt == "html":
        return summary_html(summary)
    return to_markdown(summary) if fmt == "md" else to_text(summary)


def summary_html(summary: Summary) -> str:
    """A standalone page: the summary, each sentence's citations linking to the cited
    sentence, highlighted in the full text of its report below."""
    from storyline.render.html import highlight

    e = html.escape
    items = []
    for s in summary.sentences:
        marks = "".join(f'<a href="#d{c.doc + 1}-s{c.start}">{c.doc + 1}</a>' for c in s.citations)
        items.append(f'<li>{e(s.text)}<sup class="cite">{marks}</sup></li>')
    docs = []
    for i, a in enumerate(summary.documents):
        spans = [(c.start, c.end) for s in summary.sentences for c in s.citations if c.doc == i]
        day = a.published.isoformat() if a.published else None
        meta = " · ".join(x for x in (a.source, day, a.url) if x)
        docs.append(
            f'<article id="doc-{i + 1}"><h3>{i + 1}. {e(a.title or a.origin or "report")}</h3>'
            f'<p class="meta">{e(meta)}</p><div class="text">'
            f"{highlight(a.text, spans, prefix=f'd{i + 1}')}</div></article>"
        )
    title = e(summary.documents[0].title or "Summary") if summary.documents else "Summary"
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{title}</title><style>{_CSS}</style></head>\n<body><main><h1>{title}</h1>"
        f'<ol class="summary">{"".join(items)}</ol><h2>Reports</h2>{"".join(docs)}'
        "</main></body></html>\n"
    )


_CSS = (
    "body{font:16px/1.5 system-ui,sans-serif;max-width:48rem;margin:2rem auto;padding:0 1rem}"
    ".text{white-space:pre-wrap}.meta{color:#666}sup.cite a{margin-left:.2em}"
    "mark{background:#fff2a8}"
)


def render_dossier(
    articles: Sequence[Article], words: int, fmt: str, model: str | None = None
) -> str:
    """``storyline.dossier(articles, words)`` rendered as json, md or html."""
    from storyline.api import dossier
    from storyline.render.dossier_md import render_dossier_markdown
    from storyline.render.html import render_dossier_html
    from storyline.render.json_out import to_json

    _check(fmt, DOSSIER_FORMATS, "dossier")
    options = Options(words=words)
    if model:
        options = replace(options, spacy_model=model)
    result = dossier(articles, options=options)
    if fmt == "json":
        return to_json(result)
    return render_dossier_markdown(result) if fmt == "md" else render_dossier_html(result)
