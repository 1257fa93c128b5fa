"""``storyline batch CLUSTERS.jsonl -o OUT.jsonl`` — thin: calls :func:`storyline.batch.batch`."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from storyline.batch import batch
from storyline.cli.common import FillOption, err_console, parse_date, reporting_errors
from storyline.options import Options


def _count_lines(path: Path) -> int | None:
    try:
        with path.open("rb") as f:
            return sum(chunk.count(b"\n") for chunk in iter(lambda: f.read(1 << 20), b""))
    except OSError:
        return None


def batch_command(
    clusters: Annotated[Path, typer.Argument(help="JSON Lines: one {id, documents} per line.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="JSON Lines to write.")],
    words: Annotated[
        int, typer.Option("--words", "-w", min=1, help="Length bound in words.")
    ] = 120,
    fill: FillOption = False,
    workers: Annotated[int, typer.Option(min=1, help="Processes to use.")] = 1,
    date: Annotated[
        str | None, typer.Option(help="Publication date (YYYY-MM-DD) where the input has none.")
    ] = None,
) -> None:
    """Summarize many clusters; one output line per input line, in order.

    Exit code 0 when every line was summarized, else 100 + the number of failed
    lines (200 means 100 or more); each failed line carries its "error".
    """
    options = Options(words=words, fill=fill, default_date=parse_date(date))
    with reporting_errors():
        if sys.stderr.isatty():
            with Progress(
                TextColumn("[bold]summarizing"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeRemainingColumn(),
                console=err_console,
                transient=True,
            ) as bar:
                task = bar.add_task("batch", total=_count_lines(clusters))
                report = batch(
                    clusters, output, options, workers, progress=lambda n: bar.advance(task, n)
                )
        else:
            report = batch(clusters, output, options, workers)
    err_console.print(
        f"storyline: {report.total - report.failed} of {report.total} clusters summarized "
        f"into {output}",
        markup=False,
    )
    if report.failed:
        for _lineno, error in report.failures[:20]:
            err_console.print(f"storyline: failed: {error}", markup=False)
        if report.failed > 20:
            err_console.print(
                f"storyline: ... and {report.failed - 20} more; every failed line has its "
                f'"error" in {output}',
                markup=False,
            )
        raise typer.Exit(100 + min(report.failed, 100))


def register(app: typer.Typer) -> None:
    app.command("batch")(batch_command)
