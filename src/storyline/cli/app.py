"""The ``storyline`` command: one typer app; each command lives in its own module and
calls one library function of the same name."""

from __future__ import annotations

import typer

from storyline.cli import batch_cmd, dossier_cmd, eval_cmd, summarize_cmd

app = typer.Typer(
    name="storyline",
    help="Many news reports of one event in; a short summary with checkable citations out.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

for _module in (summarize_cmd, batch_cmd, dossier_cmd, eval_cmd):
    _module.register(app)


def main() -> None:
    app()
