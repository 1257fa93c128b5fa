"""Train storyline's event linker and write it as package data.

Deterministic: the same data and arguments give the same JSON file.

    .venv/bin/python scripts/train_linker.py --multinews PATH/multinews-val.jsonl \
        --duc PATH/duc-dev.jsonl --out src/storyline/data/linker.json

Only the *tuning* part of the development data is read (bench/event_streams.py,
``part="tune"``: the first half of multinews-val and DUC 2007); bench/events.py
reports on the other part (second half of multinews-val, DUC 2006).

1. **streams** — the four tuning streams of bench/events.py (multinews, mn-pairs, duc,
   duc-pairs), each article featurized as the store does.
2. **rows** — each stream is run through the clusterer with the gold decisions
   (teacher forcing: an article joins its gold event's cluster if it has one, else
   starts it); for each article, the feature rows of its candidate events
   (:func:`storyline.events.cluster.Clusterer.link_features`), labelled 1 for the
   candidate that is its gold event.
3. **fit** — scikit-learn ``LogisticRegression`` (L2, ``C``).
4. **probability** — the joining probability with the best mean B-cubed F1 over the
   four tuning streams, running the clusterer with the fitted model (its own
   decisions, merges included).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))

from sklearn.linear_model import LogisticRegression

from event_peers import bcubed
from event_streams import (
    Item,
    duc_groups,
    duc_split,
    duc_stream,
    multinews_groups,
    multinews_split,
    multinews_stream,
    pairs_stream,
    read_jsonl,
)
from storyline.events.cluster import Clusterer, ClusterSettings
from storyline.events.features import featurize
from storyline.events.linker import FEATURES, Linker
from storyline.ingest import article_from_obj

Featurized = list[tuple[dict[str, float], int | None, bool]]


def tuning_streams(multinews: Path, duc: Path) -> dict[str, list[Item]]:
    mn = multinews_split(read_jsonl(multinews), "tune")
    dc = duc_split(read_jsonl(duc), "tune")
    return {
        "multinews": multinews_stream(mn, 1000, seed=1),
        "mn-pairs": pairs_stream(multinews_groups(mn, 4), seed=3, max_similarity=0.5)[0],
        "duc": duc_stream(dc, 10, seed=2),
        "duc-pairs": pairs_stream(duc_groups(dc, 11, seed=4), seed=5)[0],
    }


def featurized(items: list[Item]) -> Featurized:
    out = []
    for it in items:
        article = article_from_obj(it.obj(), it.id)
        terms = featurize(article).terms
        day = article.published.toordinal() if article.published else None
        out.append((terms, day, any(t.startswith("#") for t in terms)))
    return out


def rows(
    items: list[Item], feats: Featurized, settings: ClusterSettings, model: Linker
) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """Teacher-forced feature rows and labels of one stream."""
    c = Clusterer(settings, model=model)
    event_of: dict[str, int] = {}
    xs, ys = [], []
    for it, (terms, day, cased) in zip(items, feats, strict=True):
        ids, w = c.vectorize(terms)
        found, x = c.link_features(ids, w, day, cased)
        target = event_of.get(it.gold)
        if found:
            xs.append(x)
            ys.append(np.array([int(e == target) for e in found]))
        if target is not None and target in c.events_:
            c.join(target, ids, w, day)
        else:
            event_of[it.gold] = len(event_of) + 1
            c.create(event_of[it.gold], ids, w, day)
    return xs, ys


def score(items: list[Item], feats: Featurized, settings: ClusterSettings, model: Linker) -> float:
    """B-cubed F1 of the clusterer's own decisions with ``model``."""
    c = Clusterer(settings, model=model)
    labels, final, new = [], {}, 1
    for terms, day, cased in feats:
        ids, w = c.vectorize(terms)
        eid, _, merged = c.place(ids, w, day, new, cased)
        new += eid == new
        final.update({other: eid for other, _ in merged})
        labels.append(eid)

    def last(e: int) -> int:
        while e in final:
            e = final[e]
        return e

    return bcubed([last(e) for e in labels], [it.gold for it in items])[2]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--multinews", type=Path, required=True)
    parser.add_argument("--duc", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--candidates", type=int, default=10)
    parser.add_argument("--C", type=float, default=1.0)
    parser.add_argument("--grid", default="0.3,0.35,0.4,0.45,0.5,0.55")
    args = parser.parse_args(argv)
    settings = ClusterSettings()
    streams = {
        name: (items, featurized(items))
        for name, items in tuning_streams(args.multinews, args.duc).items()
    }
    provisional = Linker(np.zeros(len(FEATURES)), 0.0, 0.5, args.candidates)
    xs, ys = [], []
    for items, feats in streams.values():
        x, y = rows(items, feats, settings, provisional)
        xs += x
        ys += y
    x_all, y_all = np.concatenate(xs), np.concatenate(ys)
    print(f"{len(x_all):,} candidate rows, {y_all.mean():.3f} positive", file=sys.stderr)
    fit = LogisticRegression(C=args.C, max_iter=5000).fit(x_all, y_all)
    coef, intercept = fit.coef_[0].astype(np.float64), float(fit.intercept_[0])
    best: tuple[float, float, dict[str, float]] = (-1.0, 0.5, {})
    for p in (float(v) for v in args.grid.split(",")):
        model = Linker(coef, intercept, p, args.candidates)
        f1s = {
            name: score(items, feats, settings, model) for name, (items, feats) in streams.items()
        }
        mean = sum(f1s.values()) / len(f1s)
        print(
            f"probability {p}: "
            + ", ".join(f"{k} {v:.3f}" for k, v in f1s.items())
            + f"; mean {mean:.3f}",
            file=sys.stderr,
        )
        if mean > best[0]:
            best = (mean, p, f1s)
    model = Linker(coef, intercept, best[1], args.candidates)
    extra: dict[str, Any] = {
        "trained_on": "tuning part of bench/event_streams.py: first half of "
        "multinews-val, DUC 2007 (streams multinews, mn-pairs, duc, duc-pairs)",
        "tuning_f1": {k: round(v, 4) for k, v in best[2].items()},
        "C": args.C,
    }
    args.out.write_text(json.dumps(model.to_dict(**extra), indent=1) + "\n", encoding="utf-8")
    print(
        f"wrote {args.out} (probability {best[1]}, mean tuning F1 {best[0]:.3f})", file=sys.stderr
    )


if __name__ == "__main__":
    main()
