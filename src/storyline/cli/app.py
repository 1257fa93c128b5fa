"""The ``storyline`` command: one typer app; each command lives in its own module and
calls one library function of the same name."""

from __future__ import annotations

from typing import Annotated

import typer

from storyline.cli import (
    annotate_cmd,
    batch_cmd,
    dossier_cmd,
    eval_cmd,
    events_cmd,
    serve_cmd,
    summarize_cmd,
)

app = typer.Typer(
    name="storyline",
    help="Many news reports of one event in; a short summary with checkable citations out.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    epilog=(
        "Exit codes: 0 ok, 1 internal error, 2 usage, 3 unusable input, 4 no sentences, "
        "5 output not writable, 6 spaCy model missing, 7 event store unusable, 8 no such "
        "event, 9 batch engine cannot run; batch, annotate, events add: 100 + failed items."
    ),
)

for _module in (
    summarize_cmd,
    batch_cmd,
    dossier_cmd,
    annotate_cmd,
    eval_cmd,
    events_cmd,
    serve_cmd,
):
    _module.register(app)


def _version(value: bool) -> None:
    if value:
        from storyline import __version__

        typer.echo(f"storyline {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version."),
    ] = False,
) -> None:
    """Many news reports of one event in; a short summary with checkable citations out."""


def main() -> None:
    app()
