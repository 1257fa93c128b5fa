"""Precision and recall of corroboration (near-copies and paraphrases) on annotated pairs.

Usage::

    python bench/corroboration_eval.py                          # the invented fixture pairs
    python bench/corroboration_eval.py --duc DATA --sample OUT --year 2007 --clusters 20
    python bench/corroboration_eval.py --duc DATA --annotations FILE [--year 2007]

A pair is two sentences of different documents of one cluster, annotated *same fact* or
not. Each test decides the pair as ``Alignment`` does inside storyline: ``near-copy``
(TF-IDF cosine at the support threshold, what storyline did before paraphrases),
``paraphrase, no lexicon`` (anchors, concepts and position without the lexicon of
reporting paraphrases) and ``storyline`` (both tests, lexicon on: what
``Alignment.support`` uses).

* The fixture (``tests/fixtures/corroboration/pairs.json``) is invented text committed
  with the tests; each event's documents are one corpus.
* ``--sample`` draws candidate pairs from DUC-dev clusters for annotation: in each
  cluster, a sentence among the first five of a document and, in another document, the
  sentence that matches it best by TF-IDF cosine or concept cosine (the sentence
  ``support`` would weigh), at a cosine of 0.1 or more. It writes them, with their text,
  to OUT (outside the repository: the data's licence forbids committing it).
* ``--annotations`` reads such a file once a ``"same"`` label (true/false) has been put
  on each line, recomputes each cluster's alignment and scores the tests.

Recall is within the sampled pool (best matches of early sentences), not over all pairs.
"""

from __future__ import annotations

import argparse
import json
import random
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from storyline.align import Alignment, align_corpus
from storyline.align.paraphrase import LEXICON
from storyline.evaluation.clusters import read_clusters
from storyline.model import Article, Corpus
from storyline.prepare import prepare

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "fixtures" / "corroboration" / "pairs.json"
#: A rejected pair whose cosine or concept cosine reaches this is a near miss.
NEAR_MISS = 0.25

Decide = Callable[[Alignment, int, int], bool]


@dataclass
class Counts:
    """Decisions against annotations: counts, and the same weighted by how many pairs of
    the population each sampled pair stands for (its stratum's size / pairs sampled)."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0
    wtp: float = 0.0
    wfp: float = 0.0
    wfn: float = 0.0

    def add(self, said: bool, truth: bool, weight: float = 1.0) -> None:
        if said and truth:
            self.tp += 1
            self.wtp += weight
        elif said:
            self.fp += 1
            self.wfp += weight
        elif truth:
            self.fn += 1
            self.wfn += weight
        else:
            self.tn += 1

    def row(self, name: str) -> str:
        p = _ratio(self.tp, self.tp + self.fp)
        r = _ratio(self.tp, self.tp + self.fn)
        wp = _ratio(self.wtp, self.wtp + self.wfp)
        wr = _ratio(self.wtp, self.wtp + self.wfn)
        return (
            f"{name:<24} {p:>9.3f} {r:>7.3f} {self.tp:>4} {self.fp:>4} {self.fn:>4} {self.tn:>4}"
            f" {wp:>11.3f} {wr:>9.3f}"
        )


def _ratio(a: float, b: float) -> float:
    return a / b if b else float("nan")


def _near_copy(al: Alignment, i: int, j: int) -> bool:
    return float(al.similarity[i, j]) >= al.threshold


def _storyline(al: Alignment, i: int, j: int) -> bool:
    return al.supports(i, j) > 0.0


TESTS: dict[str, tuple[Decide, dict[str, str] | None]] = {
    "near-copy (before)": (_near_copy, None),
    "paraphrase, no lexicon": (_storyline, {}),
    "storyline": (_storyline, LEXICON),
}


def _alignments(corpus: Corpus) -> dict[str, Alignment]:
    """One alignment per lexicon the tests need."""
    out: dict[str, Alignment] = {}
    for name, (_, lexicon) in TESTS.items():
        out[name] = align_corpus(corpus, lexicon=lexicon)
    return out


Pair = tuple[int, int, bool, float]  # sentence, sentence, same fact?, weight


def _score(items: Iterable[tuple[Corpus, list[Pair]]]) -> dict[str, Counts]:
    counts = {name: Counts() for name in TESTS}
    for corpus, pairs in items:
        als = _alignments(corpus)
        for name, (decide, _) in TESTS.items():
            for i, j, truth, weight in pairs:
                counts[name].add(decide(als[name], i, j), truth, weight)
    return counts


def fixture_items(path: Path) -> Iterable[tuple[Corpus, list[Pair]]]:
    """Each invented event as a corpus and its pairs as corpus sentence indices."""
    for event in json.loads(path.read_text(encoding="utf-8"))["events"]:
        docs = ["\n\n".join(sentences) for sentences in event["documents"]]
        corpus = prepare(docs)
        first = _first_index(corpus)
        for d, sentences in zip(corpus.documents, event["documents"], strict=True):
            if len(d.sentences) != len(sentences):
                raise SystemExit(f"{event['event']}: document {d.index} splits differently")
        pairs = [(first[a] + i, first[b] + j, bool(t), 1.0) for a, i, b, j, t, _ in event["pairs"]]
        yield corpus, pairs


def _first_index(corpus: Corpus) -> list[int]:
    out, k = [], 0
    for d in corpus.documents:
        out.append(k)
        k += len(d.sentences)
    return out


def _index_of(corpus: Corpus) -> dict[tuple[int, int, int], int]:
    return {(s.doc, s.start, s.end): k for k, s in enumerate(corpus.sentences())}


def _clusters(data: Path, year: int | None) -> Iterable[tuple[str, tuple[Article, ...]]]:
    years = {}
    with data.open(encoding="utf-8") as fh:
        for raw in fh:
            obj = json.loads(raw)
            years[str(obj["id"])] = obj.get("year")
    for c in read_clusters(data):
        if year is None or years.get(c.id) == year:
            yield c.id, c.documents


#: Strata of sampled pairs: what storyline decides, and how close a rejected pair came.
STRATA = ("near-copy", "paraphrase", "near-miss")


def _stratum(al: Alignment, i: int, j: int) -> str | None:
    sim = float(al.similarity[i, j])
    if sim >= al.threshold:
        return "near-copy"
    if al.supports(i, j) > 0:
        return "paraphrase"
    assert al.paraphrase is not None
    return "near-miss" if max(sim, al.paraphrase.raw(i, j)) >= NEAR_MISS else None


def _candidates(
    al: Alignment, first: list[int], sizes: list[int]
) -> dict[str, list[tuple[int, int]]]:
    """For each early sentence (first five of a document) and each other document, the
    best-matching sentence there, by stratum."""
    assert al.paraphrase is not None
    out: dict[str, list[tuple[int, int]]] = {k: [] for k in STRATA}
    for d, (lo, n) in enumerate(zip(first, sizes, strict=True)):
        for i in range(lo, lo + min(5, n)):
            best: dict[int, tuple[float, int]] = {}
            row = al.similarity.getrow(i)
            for j, sim in zip(row.indices, row.data, strict=True):
                e = al.spans[int(j)].doc
                if e == d:
                    continue
                v = max(float(sim), al.paraphrase.raw(i, int(j)))
                if e not in best or v > best[e][0]:
                    best[e] = (v, int(j))
            for _, j in best.values():
                kind = _stratum(al, i, j)
                if kind is not None:
                    out[kind].append((i, j))
    return out


def sample(data: Path, out: Path, year: int | None, n_clusters: int, per: int, seed: int) -> int:
    """Write candidate pairs for annotation, ``per`` of each stratum and cluster, with
    each stratum's size in the cluster (for weighted estimates); return how many."""
    rng = random.Random(seed)
    clusters = list(_clusters(data, year))
    rng.shuffle(clusters)
    lines: list[dict[str, Any]] = []
    for cid, docs in clusters[:n_clusters]:
        corpus = prepare(docs)
        al = align_corpus(corpus)
        first = _first_index(corpus)
        sizes = [len(d.sentences) for d in corpus.documents]
        for kind, pairs in _candidates(al, first, sizes).items():
            for i, j in rng.sample(pairs, min(per, len(pairs))):
                a, b = al.spans[i], al.spans[j]
                lines.append(
                    {
                        "cluster": cid,
                        "stratum": kind,
                        "stratum_size": len(pairs),
                        "a": [a.doc, a.start, a.end],
                        "b": [b.doc, b.start, b.end],
                        "text_a": corpus.documents[a.doc].text[a.start : a.end],
                        "text_b": corpus.documents[b.doc].text[b.start : b.end],
                        "same": None,
                    }
                )
    with out.open("w", encoding="utf-8") as fh:
        for line in lines:
            fh.write(json.dumps(line) + "\n")
    return len(lines)


def annotated_items(
    data: Path, annotations: Path, year: int | None
) -> Iterable[tuple[Corpus, list[Pair]]]:
    by_cluster: dict[str, list[dict[str, Any]]] = {}
    for raw in annotations.read_text(encoding="utf-8").splitlines():
        obj = json.loads(raw)
        if obj.get("same") is not None:
            by_cluster.setdefault(obj["cluster"], []).append(obj)
    for cid, docs in _clusters(data, year):
        if cid not in by_cluster:
            continue
        corpus = prepare(docs)
        index = _index_of(corpus)
        sampled: dict[str, int] = {}
        for p in by_cluster[cid]:
            sampled[p["stratum"]] = sampled.get(p["stratum"], 0) + 1
        pairs = [
            (
                index[tuple(p["a"])],
                index[tuple(p["b"])],
                bool(p["same"]),
                p["stratum_size"] / sampled[p["stratum"]],
            )
            for p in by_cluster[cid]
        ]
        yield corpus, pairs


def table(counts: dict[str, Counts], label: str) -> str:
    lines = [
        label,
        f"{'test':<24} {'precision':>9} {'recall':>7} {'tp':>4} {'fp':>4} {'fn':>4} {'tn':>4}",
    ]
    lines += [c.row(name) for name, c in counts.items()]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--fixture", type=Path, default=FIXTURE)
    ap.add_argument("--duc", type=Path, help="DUC-dev clusters (duc-dev.jsonl)")
    ap.add_argument("--sample", type=Path, help="write candidate pairs here for annotation")
    ap.add_argument("--annotations", type=Path, help="annotated pairs (see --sample)")
    ap.add_argument("--year", type=int, default=None)
    ap.add_argument("--clusters", type=int, default=20)
    ap.add_argument("--per-cluster", type=int, default=4)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)
    if args.duc and args.sample:
        n = sample(args.duc, args.sample, args.year, args.clusters, args.per_cluster, args.seed)
        print(f"wrote {n} candidate pairs to {args.sample}")
        return
    items = list(fixture_items(args.fixture))
    n = sum(len(p) for _, p in items)
    print(table(_score(items), f"invented pairs ({args.fixture.name}): {n} pairs"))
    if args.duc and args.annotations:
        duc = list(annotated_items(args.duc, args.annotations, args.year))
        m = sum(len(p) for _, p in duc)
        where = f"year {args.year}" if args.year else "all years"
        print()
        print(table(_score(duc), f"DUC-dev pairs ({where}): {m} annotated pairs"))


if __name__ == "__main__":
    main()
