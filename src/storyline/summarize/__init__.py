"""Step 6 of the pipeline: choose, order and cite summary sentences.

:func:`summarize_corpus` is the whole step::

    1. align     — terms and similarity of every sentence (storyline.align)
    2. select    — budgeted coverage of weighted content units (select.py)
    3. order     — story order (order.py)
    4. cite      — the source sentence first, then the best match of every other
                   document that reports the same content (corroboration)
"""

from __future__ import annotations

from storyline.align import Alignment, align_corpus
from storyline.model import Corpus, Span, Summary, SummarySentence
from storyline.options import Options
from storyline.summarize.order import story_order
from storyline.summarize.select import SelectParams, select

__all__ = ["SelectParams", "cite", "summarize_corpus", "summary_order"]


def cite(al: Alignment, i: int) -> tuple[Span, ...]:
    """Citations of sentence ``i``: itself, then its supporters in other documents."""
    return (al.spans[i], *(al.spans[j] for j in al.support(i)))


def summarize_corpus(
    corpus: Corpus,
    options: Options | None = None,
    params: SelectParams | None = None,
    alignment: Alignment | None = None,
) -> Summary:
    options = options or Options()
    al = alignment or align_corpus(corpus)
    texts = [corpus.documents[s.doc].text[s.start : s.end] for s in al.spans]
    chosen = select(al, texts, options.words, params or SelectParams(), fill=options.fill)
    cited = [cite(al, i) for i in chosen]
    order = summary_order(al, chosen, cited, corpus, options.words)
    sentences = tuple(SummarySentence(text=texts[chosen[k]], citations=cited[k]) for k in order)
    return Summary(
        sentences=sentences,
        documents=corpus.articles,
        removed=tuple(corpus.removed),
        notes=tuple(corpus.notes),
    )


def summary_order(
    al: Alignment,
    chosen: list[int],
    cited: list[tuple[Span, ...]],
    corpus: Corpus,
    words: int,
) -> list[int]:
    """Positions into ``chosen`` in reading order: story order, except that a last pick
    that crosses ``words`` goes last (it is the one a cut shortens) — and when its own
    document's previous sentence is chosen too, the run that ends with that sentence
    moves to the end right before it, so it is read where it needs to be."""
    within = sum(al.terms[i].length for i in chosen) <= words
    order = story_order(cited if within else cited[:-1], corpus)
    if within:
        return order
    last = chosen[-1]
    at = {chosen[k]: p for p, k in enumerate(order)}
    prev = last - 1
    if prev in at and al.spans[prev].doc == al.spans[last].doc:
        end = at[prev] + 1
        start = end - 1
        while start > 0:
            a, b = chosen[order[start - 1]], chosen[order[start]]
            if a != b - 1 or al.spans[a].doc != al.spans[b].doc:
                break
            start -= 1
        order = order[:start] + order[end:] + order[start:end]
    order.append(len(chosen) - 1)
    return order
