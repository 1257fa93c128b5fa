"""Score time expressions as TempEval-3 task A does (UzZaman et al. 2013).

A timex is a span ``(start, end)`` into a document's text with a ``type`` (DATE, TIME,
DURATION, SET) and a TIMEX3 ``value``. Counts are pooled over documents:

- **strict** — a prediction matches a gold timex with the identical extent;
- **relaxed** — a prediction matches a gold timex it overlaps; each timex is paired at
  most once (pairs are made greedily: identical extents first, then the largest
  overlap, then reading order);
- **value** / **type** — only relaxed pairs whose value (type) string equals the gold
  one count as matches (TempEval-3's attribute accuracy times relaxed F1).

P = matches / predicted, R = matches / gold, F1 their harmonic mean. ``--types DATE``
keeps only DATE timexes on both sides, before pairing. The document creation time is
not scored (it is not among the timexes).

Gold: JSON Lines ``{"id", "dct", "text", "timexes": [{"start", "end", "type", "value"}]}``
(the TempEval-3 training file described in /work/shared/data/timebank/README.md).
Predictions: the same shape, e.g. the output of ``storyline annotate`` (documents are
matched by ``id``; a gold document with no prediction counts as predicting nothing).

    python bench/timex_eval.py GOLD.jsonl PRED.jsonl [--types DATE]
    python bench/timex_eval.py GOLD.jsonl --run [--corpus AQUAINT] [--errors 40]

``--run`` annotates the gold texts with storyline's own tagger
(:func:`storyline.annotate.timex.find_timexes`, the document's ``dct`` as reference
date) instead of reading predictions; ``--corpus`` keeps one sub-corpus (the hold-out
split); ``--errors N`` prints N mismatches of each kind for error analysis.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

Timex = Mapping[str, Any]
MEASURES = ("strict", "relaxed", "value", "type")


@dataclass(slots=True)
class Counts:
    """Matches per measure, and how many timexes were predicted and given as gold."""

    predicted: int = 0
    gold: int = 0
    matches: dict[str, int] = field(default_factory=lambda: dict.fromkeys(MEASURES, 0))

    def add(self, other: Counts) -> None:
        self.predicted += other.predicted
        self.gold += other.gold
        for k in MEASURES:
            self.matches[k] += other.matches[k]

    def prf(self, measure: str) -> tuple[float, float, float]:
        """Precision, recall and F1 (0 to 100) of ``measure``."""
        hit = self.matches[measure]
        p = 100 * hit / self.predicted if self.predicted else 0.0
        r = 100 * hit / self.gold if self.gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _overlap(a: Timex, b: Timex) -> int:
    return min(a["end"], b["end"]) - max(a["start"], b["start"])


def pair(gold: Sequence[Timex], pred: Sequence[Timex]) -> list[tuple[int, int]]:
    """One-to-one ``(gold index, prediction index)`` pairs of overlapping timexes."""
    candidates = []
    for i, g in enumerate(gold):
        for j, p in enumerate(pred):
            ov = _overlap(g, p)
            if ov > 0:
                exact = g["start"] == p["start"] and g["end"] == p["end"]
                candidates.append((not exact, -ov, i, j))
    candidates.sort()
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs = []
    for _, _, i, j in candidates:
        if i not in used_g and j not in used_p:
            used_g.add(i)
            used_p.add(j)
            pairs.append((i, j))
    return sorted(pairs)


def score_document(gold: Sequence[Timex], pred: Sequence[Timex]) -> Counts:
    """The counts of one document (filter types before calling)."""
    counts = Counts(predicted=len(pred), gold=len(gold))
    for i, j in pair(gold, pred):
        g, p = gold[i], pred[j]
        counts.matches["relaxed"] += 1
        counts.matches["strict"] += g["start"] == p["start"] and g["end"] == p["end"]
        counts.matches["value"] += str(g.get("value")) == str(p.get("value"))
        counts.matches["type"] += str(g.get("type")) == str(p.get("type"))
    return counts


def _keep(timexes: Iterable[Timex], types: set[str] | None) -> list[Timex]:
    return [t for t in timexes if types is None or t.get("type") in types]


def score(
    gold_docs: Iterable[Mapping[str, Any]],
    predictions: Mapping[str, Sequence[Timex]],
    types: set[str] | None = None,
) -> Counts:
    """Counts pooled over ``gold_docs``; ``predictions`` maps a document id to its timexes."""
    total = Counts()
    for doc in gold_docs:
        pred = _keep(predictions.get(str(doc["id"]), ()), types)
        total.add(score_document(_keep(doc["timexes"], types), pred))
    return total


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def run_tagger(docs: Iterable[Mapping[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """storyline's own timexes for each gold text, anchored on the document's dct."""
    from storyline.annotate.timex import find_timexes

    out = {}
    for doc in docs:
        dct = date.fromisoformat(doc["dct"]) if doc.get("dct") else None
        out[str(doc["id"])] = [t.to_dict() for t in find_timexes(doc["text"], dct)]
    return out


def table(counts: Counts, title: str) -> str:
    lines = [f"{title}: {counts.gold} gold, {counts.predicted} predicted",
             f"{'':8} {'P':>6} {'R':>6} {'F1':>6}"]  # fmt: skip
    for m in MEASURES:
        p, r, f = counts.prf(m)
        lines.append(f"{m:8} {p:6.2f} {r:6.2f} {f:6.2f}")
    return "\n".join(lines)


def show(text: str, t: Timex) -> str:
    """The timex in brackets with 40 characters either side."""
    s, e = t["start"], t["end"]
    around = text[max(0, s - 40) : s] + "[[" + text[s:e] + "]]" + text[e : e + 40]
    return " ".join(around.split())


def errors(
    gold_docs: Iterable[Mapping[str, Any]], predictions: Mapping[str, Sequence[Timex]], n: int
) -> str:
    """Up to ``n`` of each mismatch: missed, spurious, wrong value, wrong extent."""
    kinds: dict[str, list[str]] = {"missed": [], "spurious": [], "value": [], "extent": []}
    for doc in gold_docs:
        text, gold = doc["text"], doc["timexes"]
        pred = predictions.get(str(doc["id"]), [])
        pairs = pair(gold, pred)
        paired_g = {i for i, _ in pairs}
        paired_p = {j for _, j in pairs}
        ctx = f"[{doc['id']} dct={doc.get('dct')}]"

        kinds["missed"] += [f"{ctx} {g['type']} {g['value']}: {show(text, g)}"
                            for i, g in enumerate(gold) if i not in paired_g]  # fmt: skip
        kinds["spurious"] += [f"{ctx} {p['type']} {p['value']}: {show(text, p)}"
                              for j, p in enumerate(pred) if j not in paired_p]  # fmt: skip
        for i, j in pairs:
            g, p = gold[i], pred[j]
            if str(g["value"]) != str(p["value"]) or g["type"] != p["type"]:
                kinds["value"].append(
                    f"{ctx} gold {g['type']} {g['value']} / got {p['type']} {p['value']}: "
                    f"{show(text, g)}  (pred {text[p['start'] : p['end']]!r}; "
                    f"{p.get('resolution', '')})"
                )
            elif (g["start"], g["end"]) != (p["start"], p["end"]):
                kinds["extent"].append(
                    f"{ctx} gold {show(text, g)} / got {text[p['start'] : p['end']]!r}"
                )
    out = []
    for kind, items in kinds.items():
        out.append(f"--- {kind} ({len(items)})")
        out += items[:n]
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("gold", type=Path)
    ap.add_argument("pred", type=Path, nargs="?")
    ap.add_argument("--run", action="store_true", help="tag the gold texts with storyline")
    ap.add_argument("--types", help="comma-separated types to keep (e.g. DATE)")
    ap.add_argument("--corpus", help="keep only gold documents of this corpus (e.g. AQUAINT)")
    ap.add_argument("--errors", type=int, default=0, help="print N mismatches of each kind")
    ap.add_argument("--json", action="store_true", help="print the scores as JSON")
    args = ap.parse_args(argv)
    gold = read_jsonl(args.gold)
    if args.corpus:
        gold = [d for d in gold if d.get("corpus") == args.corpus]
    if args.run:
        predictions = run_tagger(gold)
    elif args.pred is not None:
        predictions = {str(d.get("id")): d.get("timexes", []) for d in read_jsonl(args.pred)}
    else:
        ap.error("give a predictions file or --run")
    types = set(args.types.split(",")) if args.types else None
    counts = score(gold, predictions, types)
    if args.json:
        out = {m: dict(zip("prf", counts.prf(m), strict=True)) for m in MEASURES}
        print(json.dumps({"gold": counts.gold, "predicted": counts.predicted, **out}))
    else:
        title = f"{len(gold)} documents" + (f", types {args.types}" if args.types else "")
        print(table(counts, title))
    if args.errors:
        kept = [{**d, "timexes": _keep(d["timexes"], types)} for d in gold]
        preds = {k: _keep(v, types) for k, v in predictions.items()}
        print(errors(kept, preds, args.errors))
    return 0


if __name__ == "__main__":
    sys.exit(main())
