"""Sentence-to-sentence similarity across a corpus: TF-IDF cosine over content stems.

One sparse matrix for the whole corpus (rows = sentences in corpus order), so the
summarizer's redundancy check and the corroboration search share one computation.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from scipy import sparse

from storyline.annotate.vectors import Terms


def tfidf_matrix(terms: Sequence[Terms]) -> sparse.csr_matrix:
    """Rows: L2-normalised TF-IDF vectors of each sentence's content stems
    (IDF over sentences, smoothed). An empty sentence is a zero row."""
    vocab: dict[str, int] = {}
    indptr = [0]
    indices: list[int] = []
    data: list[float] = []
    for t in terms:
        counts: dict[int, int] = {}
        for w in t.content:
            j = vocab.setdefault(w, len(vocab))
            counts[j] = counts.get(j, 0) + 1
        indices.extend(counts)
        data.extend(counts.values())
        indptr.append(len(indices))
    n = len(terms)
    m = sparse.csr_matrix(
        (np.asarray(data, dtype=np.float64), np.asarray(indices, dtype=np.int64), indptr),
        shape=(n, max(len(vocab), 1)),
    )
    df = np.bincount(m.indices, minlength=m.shape[1])
    idf = np.log((1 + n) / (1 + df)) + 1.0
    m = m.multiply(idf).tocsr()
    norms = np.sqrt(np.asarray(m.multiply(m).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sparse.diags(1.0 / norms) @ m


def cosine(matrix: sparse.csr_matrix) -> sparse.csr_matrix:
    """All-pairs cosine similarity of the rows of an L2-normalised matrix."""
    return (matrix @ matrix.T).tocsr()
