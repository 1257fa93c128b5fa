"""Show an :class:`EvalReport`: one rich table, the protocol, failures and bad lines."""

from __future__ import annotations

from rich import box
from rich.console import Console
from rich.table import Table

from storyline.evaluation.report import EvalReport
from storyline.evaluation.scoring import LABELS, METRICS

#: At most this many bad lines are listed one by one.
MAX_BAD_LINES_SHOWN = 10


def report_table(report: EvalReport) -> Table:
    """The scores table: F1 and recall per metric, ms per cluster, failures."""
    limit = f", first {report.limit}" if report.limit is not None else ""
    table = Table(
        title=f"{report.path}: {report.clusters} clusters{limit}, {report.words} words",
        title_justify="left",
        box=box.SIMPLE_HEAD,
        pad_edge=False,
        collapse_padding=True,
    )
    table.add_column("system", no_wrap=True)
    for m in METRICS:
        table.add_column(f"{LABELS[m]}\nF1", justify="right", no_wrap=True)
        table.add_column(f"{LABELS[m]}\nR", justify="right", no_wrap=True)
    table.add_column("mean\nwords", justify="right", no_wrap=True)
    table.add_column("ms\nmedian", justify="right", no_wrap=True)
    table.add_column("ms\np95", justify="right", no_wrap=True)
    table.add_column("fail", justify="right", no_wrap=True, min_width=4)
    for s in report.systems:
        cells = [s.name]
        for m in METRICS:
            cells += [f"{100 * s.f1[m]:.1f}", f"{100 * s.recall[m]:.1f}"]
        cells += [f"{s.mean_words:.0f}", f"{s.ms_median:.1f}", f"{s.ms_p95:.1f}", str(s.failures)]
        table.add_row(*cells)
    return table


def report_notes(report: EvalReport) -> list[str]:
    """Lines under the table: protocol, notes, failures, skipped lines."""
    lines = list(report.protocol) + list(report.notes)
    for s in report.systems:
        if s.failures:
            kind = f" ({s.crashes} unexpected errors)" if s.crashes else ""
            lines.append(f"{s.name}: {s.failures} cluster(s) gave no summary{kind}, e.g.")
            lines += [f"  {e}" for e in s.examples]
    if report.bad_lines:
        lines.append(f"{len(report.bad_lines)} line(s) skipped:")
        lines += [f"  line {b.line}: {b.reason}" for b in report.bad_lines[:MAX_BAD_LINES_SHOWN]]
        if len(report.bad_lines) > MAX_BAD_LINES_SHOWN:
            lines.append(f"  ... and {len(report.bad_lines) - MAX_BAD_LINES_SHOWN} more")
    return lines


def print_report(report: EvalReport, console: Console | None = None) -> None:
    """Print the table and the notes. Written to a file or pipe, the table gets the
    width it needs instead of rich's default 80 columns."""
    table = report_table(report)
    if console is None:
        console = Console()
        if not console.is_terminal:
            need = Console(width=1000).measure(table).maximum
            console = Console(width=max(80, need))
    console.print(table)
    for line in report_notes(report):
        console.print(line, highlight=False, markup=False)
