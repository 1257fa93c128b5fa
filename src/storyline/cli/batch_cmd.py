"""``storyline batch IN... -o OUT [--engine local|dask]`` — thin: parses, calls
:func:`storyline.batch.run`, draws its progress and prints its report."""

from __future__ import annotations

import sys
from enum import StrEnum
from typing import Annotated

import typer
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeRemainingColumn,
)

from storyline.batch import BatchReport, run
from storyline.cli.common import FillOption, err_console, parse_date, reporting_errors
from storyline.options import Options


class EngineName(StrEnum):
    local = "local"
    dask = "dask"


class _Bar:
    """rich bars for :class:`storyline.batch.Progress`: lines, and shards when the
    engine is Dask or there is more than one."""

    def __init__(self, bar: Progress, shards_too: bool) -> None:
        self.bar, self.shards_too = bar, shards_too
        self.lines: TaskID | None = None
        self.shards: TaskID | None = None

    def start(self, shards: int, lines: int | None) -> None:
        if self.shards_too or shards > 1:
            self.shards = self.bar.add_task("shards", total=shards)
        self.lines = self.bar.add_task("lines", total=lines)

    def advance(self, lines: int) -> None:
        if self.lines is not None:
            self.bar.advance(self.lines, lines)

    def shard_done(self) -> None:
        if self.shards is not None:
            self.bar.advance(self.shards, 1)


def _report(report: BatchReport, output: str) -> None:
    if report.skipped_shards:
        err_console.print(
            f"storyline: {report.skipped_shards} of {report.shards} shards were already done "
            f"({report.skipped_lines} lines); left as they were",
            markup=False,
        )
    err_console.print(
        f"storyline: {report.total - report.failed} of {report.total} clusters summarized "
        f"into {output} ({report.clusters_per_second:.1f} clusters/s)",
        markup=False,
    )
    if not report.failed:
        return
    for failure in report.failures[:20]:
        where = f"{failure.shard}: " if report.shards > 1 else ""
        err_console.print(f"storyline: failed: {where}{failure.error}", markup=False)
    listed = min(len(report.failures), 20)
    if report.failed > listed:
        err_console.print(
            f"storyline: ... and {report.failed - listed} more; every failed line has its "
            f'"error" in {output}',
            markup=False,
        )
    raise typer.Exit(100 + min(report.failed, 100))


def batch_command(
    inputs: Annotated[
        list[str],
        typer.Argument(
            help="JSON Lines shards (one {id, documents} per line): files, folders, globs; "
            ".jsonl.gz too.",
            show_default=False,
        ),
    ],
    output: Annotated[
        str,
        typer.Option(
            "--output",
            "-o",
            help="A file for every line, or a folder (existing, or ending in /) for one "
            "output shard per input shard (resumable).",
        ),
    ],
    words: Annotated[
        int, typer.Option("--words", "-w", min=1, help="Length bound in words.")
    ] = 120,
    fill: FillOption = False,
    engine: Annotated[
        EngineName, typer.Option(help="Where to run: this machine, or Dask (storyline[dask]).")
    ] = EngineName.local,
    scheduler: Annotated[
        str | None,
        typer.Option(help="Dask scheduler address (tcp://host:8786); default: a local cluster."),
    ] = None,
    workers: Annotated[
        int, typer.Option(min=1, help="Processes (local) or local Dask workers.")
    ] = 1,
    date: Annotated[
        str | None, typer.Option(help="Publication date (YYYY-MM-DD) where the input has none.")
    ] = None,
) -> None:
    """Summarize many clusters; one output line per input line, in order.

    Exit code 0 when every line was summarized, else 100 + the number of failed
    lines (200 means 100 or more); each failed line carries its "error".
    """
    if scheduler is not None and engine is not EngineName.dask:
        raise typer.BadParameter("--scheduler needs --engine dask", param_hint="--scheduler")
    options = Options(words=words, fill=fill, default_date=parse_date(date))

    def call(progress: _Bar | None = None) -> BatchReport:
        return run(
            inputs,
            output,
            engine=engine.value,
            workers=workers,
            scheduler=scheduler,
            options=options,
            progress=progress,
        )

    with reporting_errors():
        if sys.stderr.isatty():
            with Progress(
                TextColumn("[bold]{task.description:>6}"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeRemainingColumn(),
                console=err_console,
                transient=True,
            ) as bar:
                report = call(_Bar(bar, shards_too=engine is EngineName.dask))
        else:
            report = call()
    _report(report, output)


def register(app: typer.Typer) -> None:
    app.command("batch")(batch_command)
