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

__all__ = ["SelectParams", "cite", "summarize_corpus"]


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
    within = sum(al.terms[i].length for i in chosen) <= options.words
    order = story_order(cited if within else cited[:-1], corpus)
    if not within:  # the sentence that crosses the bound goes last
        order.append(len(chosen) - 1)
    sentences = tuple(SummarySentence(text=texts[chosen[k]], citations=cited[k]) for k in order)
    return Summary(
        sentences=sentences,
        documents=corpus.articles,
        removed=tuple(corpus.removed),
        notes=tuple(corpus.notes),
    )
