"""Content units of a corpus as sparse matrices, built once and shared by the scorer's
features and the selector.

A content unit is a stemmed content word or a stemmed bigram (storyline.annotate.vectors).
:class:`Units` holds, for every sentence (rows, corpus order), which units it contains,
and for every unit the number of documents that mention it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import sparse

from storyline.align import Alignment


@dataclass(frozen=True, slots=True)
class Units:
    """Sentence-by-unit incidence (0/1) for words and bigrams, and document frequencies."""

    words: sparse.csr_matrix
    bigrams: sparse.csr_matrix
    word_df: np.ndarray
    bigram_df: np.ndarray
    n_docs: int


def _incidence(items: list[list[str]], n: int) -> sparse.csr_matrix:
    """0/1 matrix: row ``i`` marks the distinct items of ``items[i]``."""
    flat = [x for row in items for x in row]
    if not flat:
        return sparse.csr_matrix((n, 1))
    rows = np.repeat(np.arange(n), [len(row) for row in items])
    # Columns in sorted order of the items, as np.unique gives them, but through a dict:
    # a numpy string array is padded to its longest item, and one 100,000-character
    # token made that gigabytes (issue 13, item 9).
    column = {item: i for i, item in enumerate(sorted(set(flat)))}
    cols = np.fromiter((column[x] for x in flat), dtype=np.int64, count=len(flat))
    m = sparse.csr_matrix((np.ones(len(flat)), (rows, cols)), shape=(n, len(column)))
    m.data[:] = 1.0  # a unit counts once per sentence
    return m


def _document_frequency(matrix: sparse.csr_matrix, docs: np.ndarray) -> np.ndarray:
    """For every column, the number of distinct documents whose sentences contain it."""
    coo = matrix.tocoo()
    if coo.nnz == 0:
        return np.zeros(matrix.shape[1])
    pairs = coo.col.astype(np.int64) * (int(docs.max()) + 1) + docs[coo.row]
    unique = np.unique(pairs) // (int(docs.max()) + 1)
    return np.bincount(unique, minlength=matrix.shape[1]).astype(np.float64)


def build_units(al: Alignment) -> Units:
    """Units of every sentence of ``al``."""
    n = len(al.terms)
    words = _incidence([list(t.content) for t in al.terms], n)
    bigrams = _incidence([[f"{a} {b}" for a, b in t.bigrams] for t in al.terms], n)
    if not n:
        return Units(words, bigrams, np.zeros(1), np.zeros(1), 0)
    docs = np.fromiter((s.doc for s in al.spans), dtype=np.int64, count=n)
    return Units(
        words,
        bigrams,
        _document_frequency(words, docs),
        _document_frequency(bigrams, docs),
        len(np.unique(docs)),
    )
