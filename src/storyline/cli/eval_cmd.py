"""``storyline eval``: score storyline and its peers on clusters with reference summaries.

Thin: parses arguments, calls :func:`storyline.evaluation.evaluate`, prints the table
(or ``--json``).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.progress import MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from storyline.cli.common import err_console, reporting_errors

if TYPE_CHECKING:
    from storyline.evaluation import EvalReport


def _peers(value: str) -> list[str]:
    return [p.strip() for p in value.split(",") if p.strip()]


def _run_with_progress(
    run: Callable[..., EvalReport], total: int | None, workers: int
) -> EvalReport:
    """Run ``run``, with a progress bar on stderr when it is a terminal."""
    if not sys.stderr.isatty():
        return run(workers=workers)
    with Progress(
        TextColumn("[bold]evaluating"),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err_console,
        transient=True,
    ) as bar:
        task = bar.add_task("eval", total=total)
        return run(workers=workers, progress=lambda n: bar.advance(task, n))


def eval_command(
    clusters: Annotated[
        Path, typer.Argument(help="JSON Lines: {id, documents, summary | summaries} per line.")
    ],
    words: Annotated[int, typer.Option("--words", "-w", min=1, help="Word budget.")] = 120,
    limit: Annotated[
        int | None, typer.Option("--limit", "-n", min=1, help="Only the first K clusters.")
    ] = None,
    peers: Annotated[
        str,
        typer.Option(
            help="Comma-separated: storyline-bounded,lexrank,textrank,lsa,sumbasic,kl,luhn,"
            "lead,oracle."
        ),
    ] = "storyline-bounded,lexrank,textrank,lsa,sumbasic,kl,luhn,lead,oracle",
    as_json: Annotated[bool, typer.Option("--json", help="Print a JSON dict.")] = False,
    workers: Annotated[int, typer.Option(min=1, help="Worker processes.")] = 1,
    cache: Annotated[
        Path | None,
        typer.Option(
            help="Directory where sumy peers' rankings are kept and reused (any budget).",
            file_okay=False,
        ),
    ] = None,
) -> None:
    """Score storyline and peers (ROUGE F1/recall, ms per cluster) on the same clusters."""
    try:
        from storyline.evaluation import PEERS, evaluate
        from storyline.evaluation.render import print_report
    except ImportError as e:
        err_console.print(
            f"storyline: error: eval needs the 'eval' extra ({e.name} is missing); "
            "install it with: pip install 'storyline[eval]'",
            markup=False,
        )
        raise typer.Exit(1) from None

    names = _peers(peers)
    unknown = [p for p in names if p not in PEERS]
    if unknown:  # a usage error, said before any work starts
        err_console.print(
            f"storyline: error: unknown peer(s) {', '.join(unknown)}; "
            f"choose from {', '.join(PEERS)}",
            markup=False,
        )
        raise typer.Exit(2)
    run = partial(evaluate, clusters, words=words, limit=limit, peers=names, cache=cache)
    with reporting_errors():
        report = _run_with_progress(run, limit, workers)
    if as_json:
        typer.echo(json.dumps(report.to_dict(), indent=2))
    else:
        print_report(report)


def register(app: typer.Typer) -> None:
    """Add the ``eval`` command to ``app``."""
    app.command("eval")(eval_command)
