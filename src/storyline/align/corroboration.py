"""Which sentences of other documents report the same content as a given sentence.

A sentence of document B *supports* a sentence of document A when their TF-IDF
cosine reaches ``threshold``; per other document only its best-matching sentence
counts. This is the corroboration behind every summary citation after the first.
"""

from __future__ import annotations

from dataclasses import dataclass

from scipy import sparse

from storyline.align.similarity import cosine, tfidf_matrix
from storyline.annotate.vectors import Terms, terms_of
from storyline.model import Corpus, Span

#: Cosine at or above which two sentences are taken to report the same content.
SUPPORT_THRESHOLD = 0.5


@dataclass(slots=True)
class Alignment:
    """Sentences of a corpus (in corpus order), their terms and pairwise similarity."""

    spans: list[Span]
    terms: list[Terms]
    similarity: sparse.csr_matrix
    threshold: float = SUPPORT_THRESHOLD

    def support(self, i: int) -> list[int]:
        """Indices of the best sentence of each *other* document reaching the threshold,
        strongest first."""
        row = self.similarity.getrow(i)
        best: dict[int, tuple[float, int]] = {}
        own = self.spans[i].doc
        for j, sim in zip(row.indices, row.data, strict=True):
            doc = self.spans[j].doc
            if doc == own or sim < self.threshold:
                continue
            if doc not in best or sim > best[doc][0]:
                best[doc] = (float(sim), int(j))
        return [j for _, j in sorted(best.values(), key=lambda x: -x[0])]


def align_corpus(corpus: Corpus, threshold: float = SUPPORT_THRESHOLD) -> Alignment:
    """Terms and similarity for every sentence of ``corpus``."""
    spans = corpus.sentences()
    texts = [corpus.documents[s.doc].text[s.start : s.end] for s in spans]
    terms = terms_of(texts)
    return Alignment(spans, terms, cosine(tfidf_matrix(terms)), threshold)
