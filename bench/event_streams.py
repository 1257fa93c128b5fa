"""Streams of mixed articles with gold events, built from the development data, for
bench/events.py. Nothing here is shipped or committed: every stream is made at run
time from the data path given.

* **multinews** — the articles of ``n`` clusters of multinews-val.jsonl, shuffled
  (gold event = cluster). Lower-cased, tokenised, no titles, no dates.
* **duc** — ``per`` articles of each of the clusters of duc-dev.jsonl of one year,
  shuffled; full-length, cased, with headlines and dates. (A DUC 2006/2007 cluster is
  a topic of 25 articles that can span years, more than one event.)
* **pairs** — the hard case, two distinct real events of the same kind at the same
  time: each cluster of a split is paired with the cluster most similar to it (TF-IDF
  cosine of their centroids, greedy: the most similar pair first, each cluster used
  once), and the second cluster's dates are shifted so that its median day falls on
  the first's. Each pair is one "topic" holding two gold events.

Empty documents are left out, and so are exact repeats of a text already in the stream
(Multi-News carries the same web-archive boilerplate in hundreds of clusters): a store
keeps one copy of a text, so no system could place the repeats.
"""

from __future__ import annotations

import json
import random
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

_WS = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class Item:
    """One stream article: its id, gold event, and the article object storyline reads."""

    id: str
    gold: str
    text: str
    title: str | None = None
    published: str | None = None
    source: str | None = None

    def obj(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id, "text": self.text}
        for key in ("title", "published", "source"):
            if getattr(self, key):
                out[key] = getattr(self, key)
        return out


def _key(text: str) -> str:
    return _WS.sub(" ", text).strip().casefold()


def _clean_stream(items: list[Item], rng: random.Random) -> list[Item]:
    rng.shuffle(items)
    seen: set[str] = set()
    out = []
    for item in items:
        k = _key(item.text)
        if k and k not in seen:
            seen.add(k)
            out.append(item)
    return out


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def multinews_split(clusters: Sequence[dict[str, Any]], part: str) -> list[dict[str, Any]]:
    """The first half of multinews-val (tuning) or the second (reporting)."""
    half = len(clusters) // 2
    return list(clusters[:half] if part == "tune" else clusters[half:])


def duc_split(clusters: Sequence[dict[str, Any]], part: str) -> list[dict[str, Any]]:
    """DUC 2007 (tuning) or DUC 2006 (reporting)."""
    year = 2007 if part == "tune" else 2006
    return [c for c in clusters if c.get("year") == year]


def _mn_items(cluster: dict[str, Any]) -> list[Item]:
    return [
        Item(id=f"{cluster['id']}#{i}", gold=cluster["id"], text=d)
        for i, d in enumerate(cluster["documents"])
        if isinstance(d, str)
    ]


def _duc_items(cluster: dict[str, Any], per: int, rng: random.Random) -> list[Item]:
    docs = cluster["documents"]
    chosen = sorted(rng.sample(range(len(docs)), min(per, len(docs))))
    out = []
    for i in chosen:
        d = docs[i]
        out.append(
            Item(
                id=f"{cluster['id']}#{d.get('docno', i)}",
                gold=cluster["id"],
                text=d["text"],
                title=d.get("title"),
                published=_valid_day(d.get("published")),
                source=d.get("source"),
            )
        )
    return out


def _valid_day(value: str | None) -> str | None:
    try:
        return date.fromisoformat(value).isoformat() if value else None
    except ValueError:
        return None


def multinews_stream(clusters: Sequence[dict[str, Any]], n: int, seed: int) -> list[Item]:
    rng = random.Random(seed)
    chosen = rng.sample(list(clusters), min(n, len(clusters)))
    return _clean_stream([it for c in chosen for it in _mn_items(c)], rng)


def duc_stream(clusters: Sequence[dict[str, Any]], per: int, seed: int) -> list[Item]:
    rng = random.Random(seed)
    return _clean_stream([it for c in clusters for it in _duc_items(c, per, rng)], rng)


def _centroids(texts: list[str]) -> np.ndarray:
    vec = TfidfVectorizer(stop_words="english", sublinear_tf=True, min_df=2)
    x = vec.fit_transform(texts)
    return x.toarray()


def pair_up(groups: list[list[Item]], max_similarity: float = 1.0) -> list[tuple[int, int, float]]:
    """Greedy pairing of groups by centroid cosine (most similar pair first)."""
    cents = _centroids([" ".join(it.text for it in g) for g in groups])
    cents /= np.linalg.norm(cents, axis=1, keepdims=True) + 1e-12
    sim = cents @ cents.T
    np.fill_diagonal(sim, -1.0)
    sim[sim > max_similarity] = -1.0
    pairs, used = [], set()
    for flat in np.argsort(-sim, axis=None):
        i, j = divmod(int(flat), len(groups))
        if i < j and i not in used and j not in used and sim[i, j] > 0:
            pairs.append((i, j, float(sim[i, j])))
            used |= {i, j}
    return pairs


def _median_day(items: list[Item]) -> date | None:
    days = sorted(date.fromisoformat(it.published) for it in items if it.published)
    return days[len(days) // 2] if days else None


def _shift(items: list[Item], by: timedelta) -> list[Item]:
    return [
        replace(it, published=(date.fromisoformat(it.published) + by).isoformat())
        if it.published
        else it
        for it in items
    ]


def pairs_stream(
    groups: list[list[Item]], seed: int, max_similarity: float = 1.0
) -> tuple[list[Item], list[float]]:
    """Pairs of the most similar groups, the second shifted onto the first's dates."""
    rng = random.Random(seed)
    items: list[Item] = []
    sims = []
    for i, j, s in pair_up(groups, max_similarity):
        a, b = groups[i], groups[j]
        da, db = _median_day(a), _median_day(b)
        if da and db:
            b = _shift(b, da - db)
        items += a + b
        sims.append(s)
    return _clean_stream(items, rng), sims


def duc_groups(clusters: Sequence[dict[str, Any]], per: int, seed: int) -> list[list[Item]]:
    rng = random.Random(seed)
    return [_duc_items(c, per, rng) for c in clusters]


def multinews_groups(clusters: Sequence[dict[str, Any]], min_docs: int) -> list[list[Item]]:
    return [g for c in clusters if len(g := _mn_items(c)) >= min_docs]
