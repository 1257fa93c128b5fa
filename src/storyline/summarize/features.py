"""Sentence features for the learned scorer (scorer.py): numbers only, never the text itself.

Every feature is finite for every sentence, including one-sentence documents, empty
sentences and one-document corpora. Nothing depends on letter case, so a scorer
trained on lower-cased text works on properly cased articles. The order of
:data:`FEATURES` is the column order of :func:`sentence_features`; the shipped model
stores the names it was trained with and refuses a mismatch.
"""

from __future__ import annotations

import re
from collections import defaultdict

import numpy as np
from scipy import sparse

from storyline.align import Alignment
from storyline.summarize.units import Units, build_units

_DANGLING = re.compile(
    r"^\W*(he|she|they|it|his|her|their|its|this|that|these|those|but|and|or|so|also|however|"
    r"meanwhile|still|yet|then|instead|there|here|such|both|nor|though|although)\b",
    re.IGNORECASE,
)
_QUOTE = re.compile(r"[\"“”]|''|``")
_DIGIT = re.compile(r"\d")
_OTHER_SPACE = re.compile(r"[^\S\n ]")
_SYMBOL = re.compile(r"[^\w\s]|_")
#: Up to this many sentences the similarity matrix is made dense for speed.
_DENSE_LIMIT = 2500
_FIRST_PERSON = re.compile(r"\b(i|we|me|my|our|you|your)\b", re.IGNORECASE)
_JUNK = re.compile(
    r"https?:|www\.|@\w|\bclick\b|\bsubscribe\b|\bcopyright\b|\bphoto\b|\bimage\b|"
    r"\bvideo\b|\bnewsletter\b|\|",
    re.IGNORECASE,
)

#: Column names, in order: the base features, then the relative ones.
BASE_FEATURES = (
    "position",
    "relative_position",
    "is_first",
    "doc_sentences",
    "n_docs",
    "length",
    "content_words",
    "content_ratio",
    "word_agreement",
    "bigram_agreement",
    "top_word_agreement",
    "centroid_cosine",
    "doc_centroid_cosine",
    "support_share",
    "support_count",
    "dangling",
    "quote",
    "digits",
    "question",
    "first_person",
    "relative_length",
    "doc_share",
    "other_doc_max_cosine",
    "other_doc_mean_cosine",
    "lead_cosine",
    "word_offset",
    "junk",
    "symbol_ratio",
)
#: Features also given relative to the best sentence of the cluster (``x / max x``),
#: so that the scorer can rank within a cluster whatever the cluster's overall level.
RELATIVE = (
    "word_agreement",
    "bigram_agreement",
    "top_word_agreement",
    "centroid_cosine",
    "support_share",
    "other_doc_mean_cosine",
    "lead_cosine",
    "length",
)
FEATURES = BASE_FEATURES + tuple(f"{name}_relative" for name in RELATIVE)


_TERMINATED = re.compile(r"[.!?…][\s\"'”’)\]]*$|[.!?…]\s*(''|\"|”)\s*$")


def unterminated(text: str) -> bool:
    """Whether ``text`` lacks a final stop (possibly followed by closing quotes or brackets)."""
    return _TERMINATED.search(text.rstrip()) is None


def dangling(text: str) -> bool:
    """Does the sentence open with a pronoun or connective that needs an antecedent?"""
    return bool(_DANGLING.match(text))


def positions(al: Alignment) -> tuple[np.ndarray, np.ndarray]:
    """Each sentence's index in its document, and its document's sentence count."""
    index = np.zeros(len(al.spans), dtype=np.int64)
    seen: dict[int, int] = defaultdict(int)
    for i, span in enumerate(al.spans):
        index[i] = seen[span.doc]
        seen[span.doc] += 1
    size = np.array([seen[s.doc] for s in al.spans], dtype=np.int64)
    return index, size


def _row_means(matrix: sparse.csr_matrix, values: np.ndarray) -> np.ndarray:
    """Mean of ``values`` over the columns present in each row (0 for an empty row)."""
    counts = np.diff(matrix.indptr)
    sums = matrix @ values
    return np.where(counts > 0, sums / np.maximum(counts, 1), 0.0)


def _row_top_mean(matrix: sparse.csr_matrix, values: np.ndarray, k: int) -> np.ndarray:
    """Mean of the ``k`` largest ``values`` among the columns present in each row."""
    n = matrix.shape[0]
    rows = np.repeat(np.arange(n), np.diff(matrix.indptr))
    vals = values[matrix.indices]
    order = np.lexsort((-vals, rows))
    rows, vals = rows[order], vals[order]
    rank = np.arange(len(rows)) - matrix.indptr[rows]
    keep = rank < k
    sums = np.bincount(rows[keep], weights=vals[keep], minlength=n)
    counts = np.minimum(np.diff(matrix.indptr), k)
    return np.where(counts > 0, sums / np.maximum(counts, 1), 0.0)


def _agreement(units: Units) -> np.ndarray:
    """Per sentence: mean share of documents mentioning its content words, its bigrams,
    and its three most widely reported words."""
    n_docs = max(units.n_docs, 1)
    words = units.word_df / n_docs
    out = np.zeros((units.words.shape[0], 3))
    out[:, 0] = _row_means(units.words, words)
    out[:, 1] = _row_means(units.bigrams, units.bigram_df / n_docs)
    out[:, 2] = _row_top_mean(units.words, words, 3)
    return out


def _centroid_cosines(al: Alignment) -> tuple[np.ndarray, np.ndarray]:
    """Cosine of each sentence to the corpus centroid and to its own document's centroid,
    in the alignment's TF-IDF space (rows of ``al.similarity`` are sums of cosines)."""
    sim = al.similarity
    n = sim.shape[0]
    total = np.asarray(sim.sum(axis=1)).ravel()
    docs = np.fromiter((s.doc for s in al.spans), dtype=np.int64, count=n)
    coo = sim.tocoo()
    same = docs[coo.row] == docs[coo.col]
    own = np.bincount(coo.row[same], weights=coo.data[same], minlength=n)
    sizes = np.bincount(docs)[docs]
    return total / max(n, 1), own / np.maximum(sizes, 1)


def _best_per_document(al: Alignment, docs: np.ndarray) -> np.ndarray:
    """``best[i, d]``: the highest cosine of sentence ``i`` to a sentence of document
    ``d`` (0 for its own document). Documents are contiguous in corpus order."""
    n = len(docs)
    best = np.zeros((n, int(docs.max()) + 1))
    bounds = np.flatnonzero(np.diff(docs)) + 1
    starts = np.concatenate([[0], bounds]).astype(np.int64)
    if n <= _DENSE_LIMIT:
        best[:, docs[starts]] = np.maximum.reduceat(al.similarity.toarray(), starts, axis=1)
    else:
        stops = np.concatenate([bounds, [n]])
        for a, b in zip(starts, stops, strict=True):
            best[:, docs[a]] = al.similarity[:, a:b].max(axis=1).toarray().ravel()
    best[np.arange(n), docs] = 0.0
    return best


def _cross_document(al: Alignment, index: np.ndarray, best: np.ndarray) -> np.ndarray:
    """Per sentence: best cosine to any sentence of another document, mean over other
    documents of the best cosine there, and mean cosine to the documents' first three
    sentences (the leads)."""
    n = len(al.spans)
    n_docs = len({s.doc for s in al.spans})
    out = np.zeros((n, 3))
    out[:, 0] = best.max(axis=1)
    out[:, 1] = best.sum(axis=1) / max(n_docs - 1, 1)
    lead = (index < 3).astype(np.float64)
    out[:, 2] = (al.similarity @ lead) / max(float(lead.sum()), 1.0)
    return out


def sentence_features(al: Alignment, texts: list[str], units: Units | None = None) -> np.ndarray:
    """An ``(n_sentences, len(FEATURES))`` float matrix of finite features."""
    n = len(al.spans)
    if n == 0:
        return np.zeros((0, len(FEATURES)))
    units = units or build_units(al)
    n_docs = units.n_docs
    docs = np.fromiter((s.doc for s in al.spans), dtype=np.int64, count=n)
    best = _best_per_document(al, docs)
    index, size = positions(al)
    length = np.array([t.length for t in al.terms], dtype=np.float64)
    content = np.array([len(t.content) for t in al.terms], dtype=np.float64)
    agree = _agreement(units)
    cent, doc_cent = _centroid_cosines(al)
    cross = _cross_document(al, index, best)
    offset = np.zeros(n)
    running: dict[int, float] = defaultdict(float)
    for i, (s, ln) in enumerate(zip(al.spans, length, strict=True)):
        offset[i] = running[s.doc]
        running[s.doc] += ln
    support = (best >= al.threshold).sum(axis=1).astype(np.float64)
    doc_words: defaultdict[int, float] = defaultdict(float)
    for s, ln in zip(al.spans, length, strict=True):
        doc_words[s.doc] += ln
    total_words = max(float(length.sum()), 1.0)
    cols = [
        np.minimum(index, 60),
        index / np.maximum(size, 1),
        (index == 0).astype(np.float64),
        np.minimum(size, 200),
        np.full(n, float(n_docs)),
        np.minimum(length, 200),
        np.minimum(content, 150),
        content / np.maximum(length, 1.0),
        agree[:, 0],
        agree[:, 1],
        agree[:, 2],
        cent,
        doc_cent,
        support / max(n_docs - 1, 1),
        support,
        np.array([dangling(t) for t in texts], dtype=np.float64),
        np.array([bool(_QUOTE.search(t)) for t in texts], dtype=np.float64),
        np.minimum(_match_counts(_DIGIT, texts), 20),
        np.array([t.rstrip().endswith("?") for t in texts], dtype=np.float64),
        np.array([bool(_FIRST_PERSON.search(t)) for t in texts], dtype=np.float64),
        length / max(float(length.mean()), 1.0),
        np.array([doc_words[s.doc] / total_words for s in al.spans]),
        cross[:, 0],
        cross[:, 1],
        cross[:, 2],
        np.minimum(offset, 3000),
        _match_counts(_JUNK, texts),
        _symbol_ratio(texts),
    ]
    x = np.column_stack(cols).astype(np.float64)
    picked = x[:, [BASE_FEATURES.index(name) for name in RELATIVE]]
    top = picked.max(axis=0)
    x = np.hstack([x, picked / np.where(top > 0, top, 1.0)])
    return np.nan_to_num(x, nan=0.0, posinf=0.0, neginf=0.0)


def _match_counts(pattern: re.Pattern[str], texts: list[str]) -> np.ndarray:
    """How often ``pattern`` matches in each text (one regex pass over all of them;
    the pattern must not match a newline)."""
    starts = np.cumsum([0] + [len(t) + 1 for t in texts[:-1]])
    hits = np.fromiter((m.start() for m in pattern.finditer("\n".join(texts))), dtype=np.int64)
    rows = np.searchsorted(starts, hits, side="right") - 1
    return np.bincount(rows, minlength=len(texts)).astype(np.float64)


def _symbol_ratio(texts: list[str]) -> np.ndarray:
    """Share of each text's non-space characters that are neither letters nor digits."""
    chars = np.array([len(t) - t.count(" ") for t in texts], dtype=np.float64)
    spaces = _match_counts(_OTHER_SPACE, texts)
    return _match_counts(_SYMBOL, texts) / np.maximum(chars - spaces, 1.0)
