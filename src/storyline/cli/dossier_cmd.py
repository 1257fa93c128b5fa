"""``storyline dossier FILES...`` — thin: read, call :func:`storyline.dossier`, render, write."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from storyline.api import dossier
from storyline.cli.common import DossierFormat, emit, parse_date, read_inputs, reporting_errors
from storyline.model.dossier import Dossier
from storyline.options import Options
from storyline.render.dossier_md import render_dossier_markdown
from storyline.render.html import render_dossier_html
from storyline.render.json_out import to_json

_DEFAULT_MODEL = Options().spacy_model


def render(dossier: Dossier, fmt: DossierFormat) -> str:
    """The dossier in the chosen format."""
    if fmt is DossierFormat.json:
        return to_json(dossier)
    if fmt is DossierFormat.html:
        return render_dossier_html(dossier)
    return render_dossier_markdown(dossier)


def dossier_command(
    files: Annotated[list[str], typer.Argument(help="Files, folders, or - for stdin.")],
    fmt: Annotated[
        DossierFormat, typer.Option("--format", "-f", help="md, json or html.")
    ] = DossierFormat.md,
    date: Annotated[
        str | None, typer.Option(help="Publication date (YYYY-MM-DD) where the input has none.")
    ] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write here.")] = None,
    words: Annotated[
        int, typer.Option("--words", "-w", min=1, help="Summary bound in words.")
    ] = 120,
    model: Annotated[
        str, typer.Option(help="spaCy pipeline for entities (package name or path).")
    ] = _DEFAULT_MODEL,
) -> None:
    """Build an event dossier: summary, actors, timeline, figures, claims, differences."""
    default_date = parse_date(date)
    with reporting_errors():
        articles = read_inputs(files, default_date)
        options = Options(words=words, default_date=default_date, spacy_model=model)
        result = dossier(articles, options=options)
        emit(render(result, fmt), output, markdown=fmt is DossierFormat.md)


def register(app: typer.Typer) -> None:
    """Add the ``dossier`` command to ``app``."""
    app.command("dossier")(dossier_command)
