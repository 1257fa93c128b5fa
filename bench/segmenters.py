"""Compare sentence splitters: boundary P/R/F1 on the gold set, and speed.

Usage::

    /work/venv/bin/python bench/segmenters.py [--data PATH] [--words N] [--mistakes NAME]

Every splitter gets the same regions (the text cut at line breaks) and runs its model
inside each region; spans are trimmed of whitespace before scoring. Speed is the
median of 5 runs over about ``--words`` words of dev text (clusters joined, one
document a line), reported as milliseconds per 5,000 words. Without the dev data the
gold text, repeated, is timed instead.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import nupunkt
import punkt
import pysbd

from storyline.segment import split_sentences
from storyline.segment.evaluate import GoldDoc, Splitter, line_regions, mistakes, parse_gold, score

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "fixtures" / "segment" / "gold.txt"
HELDOUT = ROOT / "tests" / "fixtures" / "segment" / "heldout.txt"
DEV = Path("/work/shared/data/multinews-val.jsonl")

Model = Callable[[str], list[tuple[int, int]]]


def per_region(model: Model) -> Splitter:
    """Turn a whole-text span model into a splitter that runs inside each region."""

    def split(text: str, regions: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
        out: list[tuple[int, int]] = []
        for rs, re_ in regions:
            chunk = text[rs:re_]
            for a, b in model(chunk):
                piece = chunk[a:b]
                lead = len(piece) - len(piece.lstrip())
                trail = len(piece.rstrip())
                if trail > lead:
                    out.append((rs + a + lead, rs + a + trail))
        return out

    return split


def _pysbd_model() -> Model:
    seg = pysbd.Segmenter(language="en", clean=False, char_span=True)
    return lambda s: [(t.start, t.end) for t in seg.segment(s)]


def _punkt_model() -> Model:
    tok = punkt.PunktSentenceTokenizer(punkt.load_model("english"))
    return lambda s: list(tok.span_tokenize(s))


def _nupunkt_model() -> Model:
    return lambda s: list(nupunkt.sent_spans(s))


def splitters() -> dict[str, Splitter]:
    """The contenders, by the name printed in the table."""
    return {
        "pysbd": per_region(_pysbd_model()),
        "punkt (english)": per_region(_punkt_model()),
        "nupunkt": per_region(_nupunkt_model()),
        "storyline": split_sentences,
    }


def dev_text(path: Path, words: int) -> str:
    """About ``words`` words of dev text: cluster documents, one a line."""
    lines: list[str] = []
    count = 0
    with path.open(encoding="utf-8") as fh:
        for raw in fh:
            for doc in json.loads(raw)["documents"]:
                lines.append(" ".join(doc.split()))
                count += len(doc.split())
            if count >= words:
                return "\n".join(lines)
    return "\n".join(lines)


def gold_text(docs: Sequence[GoldDoc], words: int) -> str:
    """The gold documents repeated to about ``words`` words (no dev data at hand)."""
    base = "\n".join(d.text for d in docs)
    reps = max(1, words // max(1, len(base.split())))
    return "\n".join([base] * reps)


def ms_per_5k(splitter: Splitter, text: str, runs: int = 5) -> float:
    """Median wall time of ``runs`` runs, scaled to milliseconds per 5,000 words."""
    regions = line_regions(text)
    n_words = len(text.split())
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        splitter(text, regions)
        times.append(time.perf_counter() - t0)
    return statistics.median(times) * 1000 * 5000 / n_words


def main(argv: Sequence[str] | None = None) -> None:
    """Print the comparison table."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--data", type=Path, default=DEV, help="dev JSON Lines (id, documents)")
    ap.add_argument("--words", type=int, default=20_000, help="words of text to time")
    ap.add_argument("--mistakes", metavar="NAME", help="also list the errors of one splitter")
    args = ap.parse_args(argv)

    docs = parse_gold(GOLD.read_text(encoding="utf-8"))
    held = parse_gold(HELDOUT.read_text(encoding="utf-8"))
    n_sent = sum(len(d.sentences) for d in docs)
    n_held = sum(len(d.sentences) for d in held)
    if args.data.exists():
        text, source = dev_text(args.data, args.words), f"dev text {args.data.name}"
    else:
        text, source = gold_text(docs, args.words), "gold text repeated (no dev data)"
    print(
        f"gold: {len(docs)} documents, {n_sent} sentences; held-out: {len(held)} documents, "
        f"{n_held} sentences (not used to tune the rules)\n"
        f"speed: median of 5 runs on {source}, {len(text.split()):,} words\n"
    )
    print(f"{'splitter':<16} {'P':>6} {'R':>6} {'F1':>6} {'held F1':>8} {'ms/5k words':>12}")
    table = splitters()
    for name, split in table.items():
        s = score(split, docs)
        h = score(split, held)
        ms = ms_per_5k(split, text)
        print(f"{name:<16} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f} {h.f1:8.3f} {ms:12.1f}")
    if args.mistakes:
        print(f"\nmistakes of {args.mistakes}:")
        for line in mistakes(table[args.mistakes], docs):
            print("  " + line)


if __name__ == "__main__":
    main()
