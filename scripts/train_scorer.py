"""Train storyline's sentence scorer and write it as package data.

Deterministic: the same clusters and arguments give the same JSON file. The shipped
model is trained on Multi-News validation clusters 1000+ and all of DUC-dev:

    .venv/bin/python scripts/train_scorer.py /work/shared/data/multinews-val.jsonl \
        --start 1000 --extra /work/shared/data/duc-dev.jsonl \
        --out src/storyline/data/scorer.json

Steps:

1. **read** — clusters ``start`` to ``stop`` (0-based line numbers) of a JSON Lines
   file ``{"documents": [...], "summary": "..."}``, and every cluster of each
   ``--extra`` file (``"summaries": [...]`` and article objects, as DUC-dev has them;
   ``--extra-year`` keeps one year, for cross-validation by year). The first 1,000
   validation clusters are the reported test set: never train on them (``--start``
   below 1000 is refused unless ``--allow-test``).
2. **featurize** — prepare and align each cluster exactly as ``summarize`` does and
   compute :func:`storyline.summarize.features.sentence_features`.
3. **target** — per sentence, how much of the reference it reproduces per word:
   ROUGE-1 and ROUGE-2 *precision* against the reference (rouge-score's tokenizer
   with Porter stemming), mixed ``r1 + r2`` (``--r2-weight``); with several
   references, the mean over them. The selector multiplies this density with
   coverage, so a per-word target is what it needs. (``r1 + 2 * r2`` before: fold
   models trained on Multi-News 2000+ and one DUC-dev year with ``r1 + r2`` gave
   +0.15 ROUGE-1 F1 on Multi-News 1000-1999 at 100 words and +0.10 ROUGE-1 recall
   on DUCDEV-100 by year; bench/RESULTS.md, issue 8.)
4. **fit** — scikit-learn ``GradientBoostingRegressor`` (squared error, fixed seed),
   exported as complete trees (see :mod:`storyline.summarize.scorer`). Each sentence
   weighs the square root of its cluster's number of documents: four in five
   validation clusters hold two or three documents, but storyline is for many reports
   of one event, and unweighted trees learn the two-document case (on the 195
   clusters of 1000-1999 with 4+ documents, trained on 2000+: R1 32.41 / R2 10.58
   against 32.13 / 10.31 unweighted; on all of 1000-1999: 35.94 / 12.88 against
   35.99 / 12.88; see bench/RESULTS.md). A DUC-dev sentence (25 documents) so weighs
   5: the 54,000 DUC-dev sentences outweigh the 88,000 Multi-News ones, and the trees
   can tell the two regimes apart by the features that count documents and sentences.
   Trained on Multi-News 2000+ and one DUC-dev year, tested on the other year, this
   raised DUCDEV-100 recall R1 from 21.49 to 22.40 over Multi-News 2000+ alone, and
   cost 0.17 R1 F1 on Multi-News 1000-1999 (bench/RESULTS.md, issue 8).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from storyline.align import align_corpus
from storyline.errors import StorylineError
from storyline.ingest import article_from_obj
from storyline.options import Options
from storyline.prepare import prepare
from storyline.summarize.features import FEATURES, sentence_features
from storyline.summarize.scorer import TreeScorer

TEST_CLUSTERS = 1000
#: Weight of ROUGE-2 precision against ROUGE-1 precision in a sentence's target.
R2_WEIGHT = 1.0


def _ngrams(tokens: list[str], n: int) -> Counter[tuple[str, ...]]:
    return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


def sentence_targets(
    texts: list[str], references: str | Sequence[str], r2_weight: float = R2_WEIGHT
) -> np.ndarray:
    """``r1 + r2_weight * r2`` precision of every sentence against the reference; with
    several references, the mean over them (as ROUGE is averaged in ``storyline eval``)."""
    from rouge_score.tokenizers import DefaultTokenizer

    refs = [references] if isinstance(references, str) else list(references)
    tok = DefaultTokenizer(use_stemmer=True)
    sents = [tok.tokenize(text) for text in texts]
    out = np.zeros(len(texts))
    for reference in refs:
        ref = tok.tokenize(reference)
        ref1, ref2 = _ngrams(ref, 1), _ngrams(ref, 2)
        for i, toks in enumerate(sents):
            if not toks:
                continue
            c1, c2 = _ngrams(toks, 1), _ngrams(toks, 2)
            hit1 = sum(min(c, ref1[g]) for g, c in c1.items())
            hit2 = sum(min(c, ref2[g]) for g, c in c2.items())
            out[i] += hit1 / len(toks) + r2_weight * hit2 / max(len(toks) - 1, 1)
    return out / max(len(refs), 1)


def cluster_rows(
    documents: list[Any], reference: str | Sequence[str], r2_weight: float = R2_WEIGHT
) -> tuple[np.ndarray, np.ndarray] | None:
    """Features and targets of one cluster's sentences (``None`` if it has none)."""
    try:
        corpus = prepare([_article(d) for d in documents], Options())
    except StorylineError:
        return None
    al = align_corpus(corpus)
    texts = [corpus.documents[s.doc].text[s.start : s.end] for s in al.spans]
    if not texts:
        return None
    return sentence_features(al, texts), sentence_targets(texts, reference, r2_weight)


def _article(doc: Any) -> Any:
    """A document as ``prepare`` takes it: a string, or an article object (DUC-dev's)."""
    return doc if isinstance(doc, str) else article_from_obj(doc, "a training cluster")


def read_dataset(
    path: Path, start: int, stop: int, year: int | None = None, r2_weight: float = R2_WEIGHT
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Stacked features, targets and sample weights of clusters ``start`` to ``stop``
    (only those of ``year`` when given); a sentence's weight is the square root of its
    cluster's number of documents. The references are ``summary`` or ``summaries``."""
    xs, ys, ws = [], [], []
    with path.open(encoding="utf-8") as handle:
        for line_no, raw in enumerate(handle):
            if line_no < start:
                continue
            if line_no >= stop:
                break
            obj = json.loads(raw)
            if year is not None and obj.get("year") != year:
                continue
            refs = obj["summaries"] if "summaries" in obj else obj["summary"]
            rows = cluster_rows(obj["documents"], refs, r2_weight)
            if rows is not None:
                xs.append(rows[0])
                ys.append(rows[1])
                ws.append(np.full(len(rows[1]), len(obj["documents"]) ** 0.5))
    return np.vstack(xs), np.concatenate(ys), np.concatenate(ws)


def fit(
    x: np.ndarray,
    y: np.ndarray,
    trees: int,
    depth: int,
    rate: float,
    weights: np.ndarray | None = None,
) -> TreeScorer:
    """A gradient-boosted ensemble of ``trees`` trees of ``depth``, as a :class:`TreeScorer`."""
    from sklearn.ensemble import GradientBoostingRegressor

    model = GradientBoostingRegressor(
        n_estimators=trees,
        max_depth=depth,
        learning_rate=rate,
        subsample=0.8,
        min_samples_leaf=50,
        random_state=0,
    ).fit(x, y, sample_weight=weights)
    base = float(np.ravel(model.init_.constant_)[0])
    parts = [_complete(est[0].tree_, depth) for est in model.estimators_]
    return TreeScorer(
        features=FEATURES,
        depth=depth,
        base=base,
        rate=rate,
        feature=np.array([p[0] for p in parts], dtype=np.int64),
        threshold=np.array([p[1] for p in parts]),
        value=np.array([p[2] for p in parts]),
    )


def _complete(tree: object, depth: int) -> tuple[list[int], list[float], list[float]]:
    """A scikit-learn tree as a complete tree of ``depth`` (leaves padded downwards)."""
    inner = 2**depth - 1
    feature, threshold, value = [0] * inner, [0.0] * inner, [0.0] * (2**depth)
    left, right = tree.children_left, tree.children_right  # type: ignore[attr-defined]

    def walk(src: int, dst: int, level: int) -> None:
        if level == depth:
            value[dst - inner] = float(tree.value[src].ravel()[0])  # type: ignore[attr-defined]
            return
        if left[src] == -1:  # a leaf above full depth: split on anything, same value below
            threshold[dst] = 1e30
            walk(src, 2 * dst + 1, level + 1)
            walk(src, 2 * dst + 2, level + 1)
            return
        feature[dst] = int(tree.feature[src])  # type: ignore[attr-defined]
        threshold[dst] = float(tree.threshold[src])  # type: ignore[attr-defined]
        walk(int(left[src]), 2 * dst + 1, level + 1)
        walk(int(right[src]), 2 * dst + 2, level + 1)

    walk(0, 0, 0)
    return feature, threshold, value


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("clusters", type=Path)
    ap.add_argument("--start", type=int, default=TEST_CLUSTERS)
    ap.add_argument("--stop", type=int, default=10**9)
    ap.add_argument("--trees", type=int, default=150)
    ap.add_argument("--depth", type=int, default=4)
    ap.add_argument("--rate", type=float, default=0.1)
    ap.add_argument("--out", type=Path, default=Path("src/storyline/data/scorer.json"))
    ap.add_argument("--allow-test", action="store_true", help="Allow --start below 1000.")
    ap.add_argument(
        "--extra",
        type=Path,
        action="append",
        default=[],
        help="Another clusters file trained on whole (e.g. duc-dev.jsonl); repeatable.",
    )
    ap.add_argument("--extra-year", type=int, help="Only the --extra clusters of this year.")
    ap.add_argument(
        "--r2-weight", type=float, default=R2_WEIGHT, help="ROUGE-2 vs ROUGE-1 in the target."
    )
    args = ap.parse_args(argv)
    if args.start < TEST_CLUSTERS and not args.allow_test:
        ap.error(f"clusters below {TEST_CLUSTERS} are the reported test set; use --start >= 1000")
    parts = [read_dataset(args.clusters, args.start, args.stop, r2_weight=args.r2_weight)]
    parts += [read_dataset(p, 0, 10**9, args.extra_year, args.r2_weight) for p in args.extra]
    x = np.vstack([p[0] for p in parts])
    y = np.concatenate([p[1] for p in parts])
    w = np.concatenate([p[2] for p in parts])
    print(f"{x.shape[0]} sentences, {x.shape[1]} features", file=sys.stderr)
    scorer = fit(x, y, args.trees, args.depth, args.rate, w)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(_rounded(scorer.to_dict())) + "\n", encoding="utf-8")
    print(f"wrote {args.out}", file=sys.stderr)
    return 0


def _rounded(obj: dict[str, object]) -> dict[str, object]:
    """Thresholds and values rounded to 6 significant digits (a smaller, stable file)."""
    out = dict(obj)
    for key in ("threshold", "value"):
        out[key] = [[float(f"{v:.6g}") for v in row] for row in obj[key]]  # type: ignore[attr-defined]
    return out


if __name__ == "__main__":
    sys.exit(main())
