"""How many summary sentences cannot stand alone: quotes without their speaker, dangling
openers, fragments.

Usage::

    python bench/readability.py DATA --words N [--limit K] [--fill] [--examples E]

``DATA`` is a clusters file in JSON Lines (``{"id", "documents": [...]}``, as
``storyline eval`` reads it; references are not used). storyline summarizes each
cluster with ``--words N`` (whole sentences within N, as ``storyline summarize`` runs by
default; ``--fill`` as ``storyline eval`` runs it), and every summary sentence is judged
by :func:`storyline.summarize.context.summary_needs` — the same definition the
summarizer can use, so a defect means one thing. A sentence placed right after its own
document's previous sentence has the context it needs and counts only as a fragment, if
it is one.

Printed: the share of summary sentences with each reason and with any, and up to
``--examples`` examples of each (cluster id and sentence; the data's text is printed to
the terminal only, never written to the repository).

The issue's protocols: DUCDEV-250 is ``duc-dev.jsonl --words 250``, MN-100 is
``multinews-val.jsonl --words 100 --limit 1000``.
"""

from __future__ import annotations

import argparse
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from storyline.evaluation.clusters import read_clusters
from storyline.options import Options
from storyline.prepare import prepare
from storyline.summarize import summarize_corpus
from storyline.summarize.context import Need, Reason, summary_needs


@dataclass
class Tally:
    """Counts of summary sentences by reason, and examples of each."""

    sentences: int = 0
    summaries: int = 0
    any_reason: int = 0
    by_reason: Counter[Reason] = field(default_factory=Counter)
    examples: dict[Reason, list[str]] = field(default_factory=dict)

    def add(self, cluster: str, text: str, needs: Sequence[Need], keep: int) -> None:
        self.sentences += 1
        if needs:
            self.any_reason += 1
        for reason in {n.reason for n in needs}:
            self.by_reason[reason] += 1
            shown = self.examples.setdefault(reason, [])
            if len(shown) < keep:
                detail = next(n.detail for n in needs if n.reason == reason)
                shown.append(f"[{cluster}] ({detail}) {text}")

    def share(self, count: int) -> float:
        return 100.0 * count / max(self.sentences, 1)


def measure(path: Path, words: int, limit: int | None, fill: bool, keep: int) -> Tally:
    """Summarize each cluster of ``path`` and judge every summary sentence."""
    tally = Tally()
    options = Options(words=words, fill=fill)
    for cluster in read_clusters(path, limit):
        corpus = prepare(cluster.documents, options)
        summary = summarize_corpus(corpus, options)
        sources = [s.citations[0] for s in summary.sentences]
        tally.summaries += 1
        for sentence, needs in zip(summary.sentences, summary_needs(sources, corpus), strict=True):
            tally.add(cluster.id, sentence.text, needs, keep)
    return tally


def report(tally: Tally, label: str, seconds: float) -> str:
    """The table and the examples, as printed."""
    lines = [
        f"{label}: {tally.summaries} summaries, {tally.sentences} sentences ({seconds:.0f} s)",
        "",
        f"{'reason':<12} {'sentences':>9} {'share %':>8}",
    ]
    for reason in Reason:
        n = tally.by_reason[reason]
        lines.append(f"{reason.value:<12} {n:>9} {tally.share(n):>8.1f}")
    lines.append(f"{'any':<12} {tally.any_reason:>9} {tally.share(tally.any_reason):>8.1f}")
    for reason in Reason:
        shown = tally.examples.get(reason, [])
        if shown:
            lines += ["", f"examples: {reason.value}"]
            lines += [f"  {s}" for s in shown]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("data", type=Path, help="clusters, JSON Lines")
    ap.add_argument("--words", type=int, required=True, help="summary length bound")
    ap.add_argument("--limit", type=int, default=None, help="first K clusters only")
    ap.add_argument("--fill", action="store_true", help="summaries filled past N (as eval)")
    ap.add_argument("--examples", type=int, default=5, help="examples shown per reason")
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    tally = measure(args.data, args.words, args.limit, args.fill, args.examples)
    label = f"{args.data.name} --words {args.words}" + (" --fill" if args.fill else "")
    if args.limit:
        label += f" --limit {args.limit}"
    print(report(tally, label, time.perf_counter() - t0))


if __name__ == "__main__":
    main()
