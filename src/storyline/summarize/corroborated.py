"""Leads that other reports corroborate in other words.

Concept weights count the documents that contain a unit (select.py, step 1), so a fact
two reports state in different words ("officials say they have regained control of key
areas of Kalvik" / "forces claim they have recaptured most of Kalvik") counts as one
report's fact twice, and neither copy is chosen. The alignment knows better: its
corroboration (align/corroboration.py, with paraphrase.py) says which sentence of each
other document reports the same content. For the sentences that open a document — the
lead, where a report puts its main fact — this module

1. **credits** each unit of the lead with the documents whose sentence corroborates it
   (a unit's document frequency becomes the number of documents that report it, in
   whatever words), and
2. **pairs** the lead with its corroborators as near-duplicates, so that once one copy
   of the fact is chosen the others are barred (the cosine alone does not see a
   paraphrase as a repeat).

Only leads (the first :data:`LEADS` sentences of each document): the support of every
sentence costs a paraphrase test per similar pair, ~0.2 s a 25-document cluster on the
shared machine, which the speed target does not allow; the leads' cost is a few ms.
"""

from __future__ import annotations

import numpy as np
from scipy import sparse

from storyline.align import Alignment
from storyline.summarize.units import Units

#: How many opening sentences of each document count as its lead.
LEADS = 1


def lead_support(al: Alignment, leads: int = LEADS) -> list[tuple[int, list[int]]]:
    """``(i, supporters)`` for every lead sentence ``i`` that another document supports."""
    out: list[tuple[int, list[int]]] = []
    k = 0
    for i, span in enumerate(al.spans):
        k = k + 1 if i and al.spans[i - 1].doc == span.doc else 0
        if k < leads:
            found = al.support(i)
            if found:
                out.append((i, found))
    return out


def credit(units: Units, al: Alignment, support: list[tuple[int, list[int]]]) -> Units:
    """``units`` with each lead's units also counted in its corroborators' documents."""
    if not support:
        return units
    docs = np.fromiter((s.doc for s in al.spans), dtype=np.int64, count=len(al.spans))
    word_df = _credited(units.words, units.word_df, docs, al, support)
    bigram_df = _credited(units.bigrams, units.bigram_df, docs, al, support)
    return Units(units.words, units.bigrams, word_df, bigram_df, units.n_docs)


def _credited(
    matrix: sparse.csr_matrix,
    df: np.ndarray,
    docs: np.ndarray,
    al: Alignment,
    support: list[tuple[int, list[int]]],
) -> np.ndarray:
    extra: dict[int, set[int]] = {}
    for i, found in support:
        reporting = {al.spans[j].doc for j in found}
        for u in matrix.indices[matrix.indptr[i] : matrix.indptr[i + 1]]:
            extra.setdefault(int(u), set()).update(reporting)
    if not extra:
        return df
    out = df.copy()
    columns = matrix.tocsc()
    for u, reporting in extra.items():
        have = set(docs[columns.indices[columns.indptr[u] : columns.indptr[u + 1]]].tolist())
        out[u] += len(reporting - have)
    return out


def as_duplicates(
    similarity: sparse.csr_matrix, support: list[tuple[int, list[int]]]
) -> sparse.csr_matrix:
    """``similarity`` with every lead and its corroborators at 1 (both ways)."""
    rows = [i for i, found in support for _ in found]
    cols = [j for _, found in support for j in found]
    if not rows:
        return similarity
    n = similarity.shape[0]
    ones = np.ones(2 * len(rows))
    twins = sparse.csr_matrix((ones, (rows + cols, cols + rows)), shape=(n, n))
    twins.data[:] = 1.0  # a pair both of whose leads support each other is summed
    return similarity.maximum(twins).tocsr()
