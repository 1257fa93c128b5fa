"""Score attributions (source / cue / content spans) against PolNeAR-style gold.

A gold or prediction file has one JSON object per line, ``{"id", "attributions":
[{"source": [[s, e], ...], "cue": [...], "content": [...]}]}`` (gold lines also carry
``"text"``); offsets index the gold text. An article missing from the predictions has
no predictions. The metrics are those of the data's README, micro-averaged:

- **span matching** — each fragment is trimmed of whitespace and punctuation at its
  edges, and fragments separated only by whitespace or punctuation are joined, so a
  role is a canonical tuple of ``(start, end)`` ranges;
- **exact** — per role, precision / recall / F1 of exact matches; per article each
  distinct span counts once (a source shared by several attributions counts once, and
  each gold span is matched at most once);
- **soft** — per role, predicted and gold spans are paired greedily by token-level
  Jaccard overlap; credit = sum of the Jaccards, P = credit / predicted, R = credit / gold;
- **attribution** — source, cue and content all exact (a missing source matches a
  missing source), each gold attribution matched at most once;
- **source resolved** — of the gold attributions whose cue was found exactly, the
  share whose predicted source (of the attribution with that cue) is exact.

    python bench/attribution_eval.py GOLD.jsonl PRED.jsonl         # score a file
    python bench/attribution_eval.py GOLD.jsonl --run [-o PRED]     # run storyline first
    python bench/attribution_eval.py GOLD.jsonl --run --method rules  # the rules alone
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

ROLES = ("source", "cue", "content")
Role = tuple[tuple[int, int], ...]
_WORD = re.compile(r"\w+")


def _skip(ch: str) -> bool:
    """Whitespace and punctuation (quote marks, commas, full stops, dashes...)."""
    return ch.isspace() or unicodedata.category(ch).startswith("P")


def canonical(text: str, fragments: Iterable[Sequence[int]]) -> Role:
    """A role's fragments trimmed at their edges, sorted, touching ones joined."""
    trimmed = []
    for s, e in fragments:
        while s < e and _skip(text[s]):
            s += 1
        while e > s and _skip(text[e - 1]):
            e -= 1
        if s < e:
            trimmed.append((s, e))
    out: list[tuple[int, int]] = []
    for s, e in sorted(trimmed):
        if out and all(_skip(c) for c in text[out[-1][1] : s]):
            out[-1] = (out[-1][0], max(e, out[-1][1]))
        else:
            out.append((s, e))
    return tuple(out)


def _tokens(text: str, role: Role) -> frozenset[int]:
    """Start offsets of the word tokens a role covers."""
    return frozenset(m.start() for s, e in role for m in _WORD.finditer(text, s, e))


def _prf(correct: float, predicted: int, gold: int) -> dict[str, float]:
    p = correct / predicted if predicted else 0.0
    r = correct / gold if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": 100 * p, "r": 100 * r, "f1": 100 * f}


def _soft_credit(text: str, pred: set[Role], gold: set[Role]) -> float:
    """Greedy one-to-one pairing by token Jaccard; the sum of the paired Jaccards."""
    pt = {p: _tokens(text, p) for p in pred}
    gt = {g: _tokens(text, g) for g in gold}
    pairs = []
    for p, a in pt.items():
        for g, b in gt.items():
            if a & b:
                pairs.append((len(a & b) / len(a | b), p, g))
    pairs.sort(key=lambda x: (-x[0], x[1], x[2]))
    used_p: set[Role] = set()
    used_g: set[Role] = set()
    credit = 0.0
    for j, p, g in pairs:
        if p not in used_p and g not in used_g:
            used_p.add(p)
            used_g.add(g)
            credit += j
    return credit


class Scores:
    """Running counts over articles; :meth:`result` gives the percentages."""

    def __init__(self) -> None:
        self.counts: Counter[str] = Counter()
        self.soft: Counter[str] = Counter()

    def add(self, text: str, gold: list[dict[str, Any]], pred: list[dict[str, Any]]) -> None:
        g = [tuple(canonical(text, a.get(r, [])) for r in ROLES) for a in gold]
        p = [tuple(canonical(text, a.get(r, [])) for r in ROLES) for a in pred]
        for k, role in enumerate(ROLES):
            gs = {a[k] for a in g if a[k]}
            ps = {a[k] for a in p if a[k]}
            self.counts[f"{role}.correct"] += len(gs & ps)
            self.counts[f"{role}.pred"] += len(ps)
            self.counts[f"{role}.gold"] += len(gs)
            self.soft[role] += _soft_credit(text, ps, gs)
        left = Counter(p)
        for a in g:
            if left[a] > 0:
                left[a] -= 1
                self.counts["attribution.correct"] += 1
        self.counts["attribution.pred"] += len(p)
        self.counts["attribution.gold"] += len(g)
        by_cue: dict[Role, list[Role]] = {}
        for a in p:
            by_cue.setdefault(a[1], []).append(a[0])
        for a in g:
            sources = by_cue.get(a[1])
            if sources:
                self.counts["resolved.cue_found"] += 1
                self.counts["resolved.correct"] += a[0] in sources

    def result(self) -> dict[str, Any]:
        c = self.counts
        out: dict[str, Any] = {}
        for role in ROLES:
            pred, gold = c[f"{role}.pred"], c[f"{role}.gold"]
            out[role] = {
                "exact": _prf(c[f"{role}.correct"], pred, gold),
                "soft": _prf(self.soft[role], pred, gold),
                "predicted": pred,
                "gold": gold,
            }
        out["attribution"] = _prf(
            c["attribution.correct"], c["attribution.pred"], c["attribution.gold"]
        )
        found = c["resolved.cue_found"]
        out["source_resolved"] = 100 * c["resolved.correct"] / found if found else 0.0
        return out


def score(gold: Iterable[dict[str, Any]], predicted: dict[str, list[dict[str, Any]]]) -> dict:
    """Scores of ``predicted`` (article id -> attributions) against ``gold`` lines."""
    s = Scores()
    for article in gold:
        s.add(article["text"], article["attributions"], predicted.get(article["id"], []))
    return s.result()


def _read(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def run_storyline(
    gold: Sequence[dict[str, Any]], method: str = "auto"
) -> dict[str, list[dict[str, Any]]]:
    """Storyline's attributions for every gold text: each article read, cleaned and
    segmented alone (``prepare``), entities and parse in one spaCy pass, then
    :func:`storyline.annotate.attribution.corpus_attributions`."""
    from storyline.annotate.attribution import corpus_attributions
    from storyline.annotate.entities import find_actors
    from storyline.annotate.ner import SpacyRecognizer
    from storyline.model import Article
    from storyline.prepare import prepare

    recognizer = SpacyRecognizer().load()
    out = {}
    for g in gold:
        corpus = prepare([Article(g["text"], origin=g["id"])])
        actors = find_actors(corpus, recognizer)
        found = (
            corpus_attributions(corpus, recognizer, actors, method=method)[0]
            if corpus.documents
            else []
        )
        out[g["id"]] = [a.to_dict() for a in found]
    return out


def render(result: dict[str, Any]) -> str:
    lines = [f"{'role':<10}{'exact P':>9}{'R':>7}{'F1':>7}{'soft P':>9}{'R':>7}{'F1':>7}"]
    for role in ROLES:
        e, s = result[role]["exact"], result[role]["soft"]
        lines.append(
            f"{role:<10}{e['p']:9.1f}{e['r']:7.1f}{e['f1']:7.1f}{s['p']:9.1f}{s['r']:7.1f}{s['f1']:7.1f}"
        )
    a = result["attribution"]
    lines.append(f"{'attrib.':<10}{a['p']:9.1f}{a['r']:7.1f}{a['f1']:7.1f}")
    lines.append(f"source resolved: {result['source_resolved']:.1f}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("gold", type=Path)
    ap.add_argument("predicted", type=Path, nargs="?")
    ap.add_argument("--run", action="store_true", help="run storyline on the gold texts")
    ap.add_argument("-o", "--output", type=Path, help="write the predictions run here")
    ap.add_argument(
        "--method",
        choices=("auto", "crf", "rules", "union"),
        default="auto",
        help="with --run: the CRFs, the rules, or the CRFs when installed (default)",
    )
    ap.add_argument("--json", action="store_true", help="print the scores as JSON")
    args = ap.parse_args(argv)
    gold = _read(args.gold)
    if args.run:
        predicted = run_storyline(gold, args.method)
        if args.output:
            with args.output.open("w", encoding="utf-8") as f:
                for k, v in predicted.items():
                    f.write(json.dumps({"id": k, "attributions": v}) + "\n")
    elif args.predicted:
        predicted = {p["id"]: p["attributions"] for p in _read(args.predicted)}
    else:
        ap.error("give a prediction file or --run")
    result = score(gold, predicted)
    print(json.dumps(result, indent=1) if args.json else render(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
