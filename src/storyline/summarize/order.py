"""Put chosen sentences in story order, not score order.

A chosen sentence sits where its content sits in the stories: at the smallest
relative position (sentence index / sentences in the document) among the sentences
that cite it — so a fact every report leads with comes first even when the copy
taken is from deeper in one report. Ties go to the earlier publication date, then
the lower document index. A sentence directly after another chosen sentence of
the same document stays right behind it, so "He said ..." keeps its antecedent.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from storyline.model import Corpus, Span


def story_order(cited: Sequence[tuple[Span, ...]], corpus: Corpus) -> list[int]:
    """Order of ``cited`` (each a sentence's citations, the source sentence first)."""
    index = {(s.doc, s.start): k for d in corpus.documents for k, s in enumerate(d.sentences)}

    def rel(s: Span) -> float:
        return index[(s.doc, s.start)] / max(len(corpus.documents[s.doc].sentences), 1)

    def key(i: int) -> tuple[float, date, int, int]:
        source = cited[i][0]
        published = corpus.documents[source.doc].article.published or date.min
        return (min(rel(c) for c in cited[i]), published, source.doc, source.start)

    ordered = sorted(range(len(cited)), key=key)
    by_pos = {(cited[i][0].doc, index[(cited[i][0].doc, cited[i][0].start)]): i for i in ordered}
    out: list[int] = []
    placed: set[int] = set()
    for i in ordered:
        if i in placed:
            continue
        doc, k = cited[i][0].doc, index[(cited[i][0].doc, cited[i][0].start)]
        nxt: int | None = i
        while nxt is not None and nxt not in placed:
            out.append(nxt)
            placed.add(nxt)
            k += 1
            nxt = by_pos.get((doc, k))
    return out
