"""Render ``storyline eval --json`` outputs as Markdown tables for bench/RESULTS.md.

storyline eval clusters.jsonl --words 100 --limit 1000 --json > mn100.json
python bench/eval_report.py "MN-100" mn100.json ["MN-300" mn300.json ...]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

METRICS = ("rouge1", "rouge2", "rougeL", "rougeLsum")
HEAD = ("R1", "R2", "RL", "RLsum")


def table(title: str, report: dict[str, Any]) -> list[str]:
    """One Markdown table: F1 / recall per metric, ms per cluster, failures."""
    cols = [f"{h} F1 / R" for h in HEAD]
    lines = [
        f"### {title}: {report['clusters']} clusters, {report['words']} words",
        "",
        "| system | " + " | ".join(cols) + " | words | ms median | ms p95 | failures |",
        "|---|" + "---:|" * (len(cols) + 4),
    ]
    for s in report["systems"]:
        cells = [f"{100 * s['f1'][m]:.2f} / {100 * s['recall'][m]:.2f}" for m in METRICS]
        words = f"{s['mean_words']:.0f}" if "mean_words" in s else "-"
        timing = [
            words,
            f"{s['ms_median']:.1f}",
            f"{s['ms_p95']:.1f}",
            str(s["failures"]),
        ]
        lines.append(f"| {s['system']} | " + " | ".join(cells + timing) + " |")
    lines.append("")
    if report["bad_lines"]:
        lines.append(f"{len(report['bad_lines'])} input line(s) skipped.")
    for s in report["systems"]:
        for example in s["failure_examples"]:
            lines.append(f"- {s['system']} failure: {example}")
    lines += [f"- {note}" for note in report["notes"]]
    return [*lines, ""]


def main(argv: list[str]) -> None:
    if len(argv) < 2 or len(argv) % 2:
        sys.exit("usage: eval_report.py TITLE REPORT.json [TITLE REPORT.json ...]")
    out: list[str] = []
    for title, path in zip(argv[::2], argv[1::2], strict=True):
        out += table(title, json.loads(Path(path).read_text(encoding="utf-8")))
    print("\n".join(out))


if __name__ == "__main__":
    main(sys.argv[1:])
