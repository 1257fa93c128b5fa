"""Clustering metrics and the scikit-learn peers of bench/events.py.

* **B-cubed** (Bagga & Baldwin 1998): for each item, precision is the share of its
  predicted cluster that shares its gold event, recall the share of its gold event
  that shares its predicted cluster; both averaged over items, F1 from the averages.
* **ARI**: scikit-learn's adjusted Rand index.
* **single-pass** peer: TF-IDF (scikit-learn, fitted on the whole stream: an IDF the
  online systems cannot have), one pass in stream order, each article joins the
  centroid most similar to it if the cosine is at least the threshold, else starts a
  cluster.
* **agglomerative** peer: the same TF-IDF vectors, scikit-learn's
  AgglomerativeClustering, average link on cosine distances, cut at a distance.

Both peers are run at every threshold of a grid and the best one on the gold is
kept: they are tuned on the very stream they are scored on (an upper bound for them).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Sequence

import numpy as np
from sklearn.cluster import AgglomerativeClustering
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics import adjusted_rand_score


def bcubed(pred: Sequence[Hashable], gold: Sequence[Hashable]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1."""
    pc, gc = Counter(pred), Counter(gold)
    both = Counter(zip(pred, gold, strict=True))
    n = len(pred)
    p = sum(both[(a, b)] / pc[a] for a, b in zip(pred, gold, strict=True)) / n
    r = sum(both[(a, b)] / gc[b] for a, b in zip(pred, gold, strict=True)) / n
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def ari(pred: Sequence[Hashable], gold: Sequence[Hashable]) -> float:
    codes: dict[Hashable, int] = {}
    return float(
        adjusted_rand_score(
            [codes.setdefault(g, len(codes)) for g in gold],
            [codes.setdefault(("p", x), len(codes)) for x in pred],
        )
    )


def similarities(texts: Sequence[str]) -> np.ndarray:
    """Cosine similarities of the stream's TF-IDF vectors (English stop words out,
    sublinear tf, L2-normalised)."""
    x = TfidfVectorizer(stop_words="english", sublinear_tf=True).fit_transform(texts)
    return np.asarray((x @ x.T).todense(), dtype=np.float64)


def single_pass(sim: np.ndarray, threshold: float) -> list[int]:
    """Online centroid clustering in stream order, using ``x . c = sum of x . members``
    and ``|c|^2`` kept incrementally."""
    n = len(sim)
    labels = np.full(n, -1, dtype=np.int64)
    norms2: list[float] = []
    for i in range(n):
        if i and norms2:
            dots = np.bincount(labels[:i], weights=sim[i, :i], minlength=len(norms2))
            cos = dots / np.sqrt(np.asarray(norms2))
            best = int(np.argmax(cos))
            if cos[best] >= threshold:
                norms2[best] += 2 * dots[best] + 1.0
                labels[i] = best
                continue
        labels[i] = len(norms2)
        norms2.append(1.0)
    return labels.tolist()


def agglomerative(sim: np.ndarray, threshold: float) -> list[int]:
    """Average-link clustering on cosine distance, cut at ``1 - threshold``."""
    dist = np.clip(1.0 - sim, 0.0, 2.0)
    np.fill_diagonal(dist, 0.0)
    model = AgglomerativeClustering(
        n_clusters=None,
        metric="precomputed",
        linkage="average",
        distance_threshold=1.0 - threshold,
    )
    return model.fit_predict(dist).tolist()


def best_threshold(
    run: object, sim: np.ndarray, gold: Sequence[Hashable], grid: Sequence[float]
) -> tuple[float, list[int]]:
    """The threshold of ``grid`` with the best B-cubed F1 on the gold, and its labels."""
    best: tuple[float, float, list[int]] = (-1.0, 0.0, [])
    for t in grid:
        labels = run(sim, t)  # type: ignore[operator]
        f = bcubed(labels, gold)[2]
        if f > best[0]:
            best = (f, t, labels)
    return best[1], best[2]
