"""``storyline summarize FILES...`` — thin: read, call :func:`storyline.summarize`, render."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from storyline.api import summarize
from storyline.cli.common import (
    FillOption,
    Format,
    emit,
    parse_date,
    read_inputs,
    reporting_errors,
)
from storyline.options import Options
from storyline.render import to_json, to_markdown, to_text


def summarize_command(
    files: Annotated[list[str], typer.Argument(help="Files, folders, or - for stdin.")],
    words: Annotated[
        int, typer.Option("--words", "-w", min=1, help="Length bound in words.")
    ] = 120,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="md, json or text.")] = Format.md,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write here.")] = None,
    date: Annotated[
        str | None, typer.Option(help="Publication date (YYYY-MM-DD) where the input has none.")
    ] = None,
    fill: FillOption = False,
    explain: Annotated[bool, typer.Option(help="Also show what cleaning removed.")] = False,
) -> None:
    """Summarize the reports of one event; every sentence cites its sources."""
    default_date = parse_date(date)
    with reporting_errors():
        articles = read_inputs(files, default_date)
        options = Options(words=words, fill=fill, default_date=default_date)
        summary = summarize(articles, options=options)
        if fmt is Format.json:
            text = to_json(summary)
        elif fmt is Format.text:
            text = to_text(summary, explain)
        else:
            text = to_markdown(summary, explain)
        emit(text, output, markdown=fmt is Format.md)


def register(app: typer.Typer) -> None:
    app.command("summarize")(summarize_command)
