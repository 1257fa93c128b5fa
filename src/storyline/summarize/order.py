"""Put chosen sentences in story order, not score order.

A chosen sentence sits where its content sits in the stories: at the smallest
relative position (sentence index / sentences in the document) among the sentences
that cite it — so a fact every report leads with comes first even when the copy
taken is from deeper in one report. Ties go to the earlier publication date, then
the lower document index. Chosen sentences that follow each other in one document
form a run that is kept together, in the document's order, at the place of its
earliest member, so "He said ..." keeps its antecedent right before it.
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

    pos = [
        (cited[i][0].doc, index[(cited[i][0].doc, cited[i][0].start)]) for i in range(len(cited))
    ]
    by_pos = {p: i for i, p in enumerate(pos)}
    runs: list[list[int]] = []
    for i, (doc, k) in enumerate(pos):
        if (doc, k - 1) in by_pos:
            continue  # not the head of its run: placed behind its predecessor
        run = [i]
        while (doc, k + len(run)) in by_pos:
            run.append(by_pos[(doc, k + len(run))])
        runs.append(run)
    runs.sort(key=lambda run: min(key(i) for i in run))
    return [i for run in runs for i in run]
