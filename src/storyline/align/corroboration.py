"""Which sentences of other documents report the same content as a given sentence.

A sentence of document B *supports* a sentence of document A when it reports the same
fact, in the same words or in others. Two tests, either enough:

1. **near-copy** — their TF-IDF cosine (content stems) reaches ``threshold``;
2. **paraphrase** — :mod:`storyline.align.paraphrase`: the same rare anchors (places,
   names, numbers) and, once a small lexicon of reporting paraphrases has put
   "recaptured" and "regained control" (or "officials" and "government") under one
   concept, a weighted cosine of their concepts that reaches ``PARAPHRASE_THRESHOLD``,
   and no conflicting year or weekday.

Per other document only its best-supporting sentence counts. This is the
corroboration behind every summary citation after the first, and so behind the
dossier's ``independent_sources``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from scipy import sparse

from storyline.align.paraphrase import LEXICON, Concepts, ParaphraseIndex
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
    #: The paraphrase test; ``None`` turns it off (near-copies only).
    paraphrase: ParaphraseIndex | None = field(default=None)

    def supports(self, i: int, j: int) -> float:
        """How strongly sentence ``j`` supports sentence ``i`` (0 when it does not):
        the cosine for a near-copy, else the paraphrase score."""
        sim = float(self.similarity[i, j])
        return self._strength(i, j, sim)

    def _strength(self, i: int, j: int, sim: float) -> float:
        if sim >= self.threshold:
            return sim
        if self.paraphrase is None:
            return 0.0
        return self.paraphrase.score(i, j, sim)

    def support(self, i: int) -> list[int]:
        """Indices of the best sentence of each *other* document that supports sentence
        ``i``, strongest first."""
        row = self.similarity.getrow(i)
        best: dict[int, tuple[float, int]] = {}
        own = self.spans[i].doc
        for j, sim in zip(row.indices, row.data, strict=True):
            doc = self.spans[j].doc
            if doc == own:
                continue
            strength = self._strength(i, int(j), float(sim))
            if strength <= 0.0:
                continue
            if doc not in best or strength > best[doc][0]:
                best[doc] = (strength, int(j))
        return [j for _, j in sorted(best.values(), key=lambda x: -x[0])]


def align_corpus(
    corpus: Corpus,
    threshold: float = SUPPORT_THRESHOLD,
    lexicon: Mapping[str, str] | None = LEXICON,
) -> Alignment:
    """Terms, similarity and the paraphrase test for every sentence of ``corpus``
    (``lexicon=None``: near-copies only; ``{}``: paraphrases without the lexicon)."""
    spans = corpus.sentences()
    texts = [corpus.documents[s.doc].text[s.start : s.end] for s in spans]
    terms = terms_of(texts)
    index = None
    if lexicon is not None:
        concepts = [Concepts.of(t, x, lexicon) for t, x in zip(texts, terms, strict=True)]
        index = ParaphraseIndex(concepts)
    return Alignment(spans, terms, cosine(tfidf_matrix(terms)), threshold, index)
