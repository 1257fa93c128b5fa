"""Put chosen sentences in story order, not score order.

Sentences are ordered by their relative position in their own document (the lead
of every report first), ties broken by the document's publication date and then
its index. A sentence directly after another chosen sentence of the same document
stays right behind it, so "He said ..." keeps its antecedent.
"""

from __future__ import annotations

from datetime import date

from storyline.model import Corpus, Span


def story_order(spans: list[Span], corpus: Corpus) -> list[Span]:
    position = {
        (s.doc, s.start): k / max(len(corpus.documents[s.doc].sentences), 1)
        for d in corpus.documents
        for k, s in enumerate(d.sentences)
    }

    def key(s: Span) -> tuple[float, date, int, int]:
        published = corpus.documents[s.doc].article.published or date.min
        return (position[(s.doc, s.start)], published, s.doc, s.start)

    ordered = sorted(spans, key=key)
    # Keep a chosen successor right behind its chosen predecessor in the same document.
    out: list[Span] = []
    index = {(s.doc, s.start): k for d in corpus.documents for k, s in enumerate(d.sentences)}
    by_pos = {(s.doc, index[(s.doc, s.start)]): s for s in ordered}
    placed: set[Span] = set()
    for s in ordered:
        if s in placed:
            continue
        k = index[(s.doc, s.start)]
        out.append(s)
        placed.add(s)
        nxt = by_pos.get((s.doc, k + 1))
        while nxt is not None and nxt not in placed:
            out.append(nxt)
            placed.add(nxt)
            k += 1
            nxt = by_pos.get((s.doc, k + 1))
    return out
