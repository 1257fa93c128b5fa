"""Markdown and plain-text renderings of a :class:`~storyline.model.Summary`.

Citation markers are document numbers (``[1]`` is ``documents[0]``); the Sources
list quotes, for every cited document, the sentences cited — sliced from the
document by offsets, never found by searching.
"""

from __future__ import annotations

from storyline.model import Article, Summary


def _doc_line(n: int, a: Article) -> str:
    bits = [a.title or "(untitled)"]
    if a.source:
        bits.append(a.source)
    if a.published:
        bits.append(a.published.isoformat())
    if a.origin:
        bits.append(f"`{a.origin}`")
    return f"[{n}] " + " — ".join(bits)


def _markers(docs: tuple[int, ...]) -> str:
    return "".join(f"[{d + 1}]" for d in docs)


def to_markdown(summary: Summary, explain: bool = False) -> str:
    docs = summary.documents
    n = len(docs)
    lines = [f"# Summary of {n} report{'s' if n != 1 else ''}", ""]
    for s in summary.sentences:
        lines.append(f"- {s.text} {_markers(s.sources)}")
    lines += ["", "## Sources", ""]
    for i, a in enumerate(docs):
        lines.append(_doc_line(i + 1, a))
        for k, s in enumerate(summary.sentences, start=1):
            for c in s.citations:
                if c.doc == i:
                    lines.append(
                        f"    - for sentence {k}: “{c.text(docs)}” (chars {c.start}–{c.end})"
                    )
        lines.append("")
    if summary.notes:
        lines += ["## Notes", ""] + [f"- {note}" for note in summary.notes] + [""]
    if explain:
        lines += _removed_md(summary)
    return "\n".join(lines).rstrip() + "\n"


def _removed_md(summary: Summary) -> list[str]:
    lines = ["## Removed before summarizing", ""]
    if not summary.removed:
        return [*lines, "Nothing was removed.", ""]
    for r in summary.removed:
        text = r.span.text(summary.documents).replace("\n", " ")
        if len(text) > 100:
            text = text[:97] + "..."
        lines.append(f"- [{r.span.doc + 1}] {r.kind}: “{text}”")
    return [*lines, ""]


def to_text(summary: Summary, explain: bool = False) -> str:
    lines = [f"{s.text} {_markers(s.sources)}" for s in summary.sentences]
    lines.append("")
    lines += [_doc_line(i + 1, a).replace("`", "") for i, a in enumerate(summary.documents)]
    if summary.notes:
        lines += ["", *(f"note: {n}" for n in summary.notes)]
    if explain:
        lines += ["", *(ln for ln in _removed_md(summary) if not ln.startswith("#"))]
    return "\n".join(lines).rstrip() + "\n"
