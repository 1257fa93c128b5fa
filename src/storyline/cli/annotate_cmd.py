"""``storyline annotate FILES...`` — thin: read, call :func:`storyline.annotate_paths`,
write one annotated document per line (JSON Lines) or a Markdown listing."""

from __future__ import annotations

import json
from collections.abc import Iterable
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from storyline.annotate.run import AnnotateReport, annotate_paths
from storyline.cli.common import emit, err_console, parse_date, reporting_errors
from storyline.options import Options

_DEFAULT_MODEL = Options().spacy_model


class AnnotateFormat(StrEnum):
    json = "json"
    md = "md"


def _markdown(records: Iterable[dict[str, Any]]) -> str:
    """A human listing: per document, each span with its label or value."""
    out: list[str] = []
    for r in records:
        title = r.get("origin") or r.get("id") or "document"
        out.append(f"## {title}\n")
        if r.get("error"):
            out.append(f"Error: {r['error']}\n")
            continue
        text = r["text"]
        out.append(f"Reference date: {r['published'] or 'none'}\n")
        for t in r["timexes"]:
            out.append(f"- time `{t['text']}` {t['type']} {t['value']} — {t['resolution']}")
        for e in r["entities"]:
            out.append(f"- {e['label']} `{e['text']}`")
        for f in r["figures"]:
            out.append(f"- figure `{f['text']}` counts {f['counts'] or '?'}")
        for a in r["attributions"]:
            said = " … ".join(text[s:e] for s, e in a["content"])
            who = a["speaker"] or "(unattributed)"
            out.append(f"- {who}{' (unverified)' if a['unverified'] else ''}: “{said}”")
        out.append("")
    return "\n".join(out)


def annotate_command(
    files: Annotated[list[str], typer.Argument(help="Files, folders, or - for stdin.")],
    fmt: Annotated[
        AnnotateFormat, typer.Option("--format", "-f", help="json (JSON Lines) or md.")
    ] = AnnotateFormat.json,
    date: Annotated[
        str | None, typer.Option(help="Reference date (YYYY-MM-DD) for documents without one.")
    ] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write here.")] = None,
    model: Annotated[
        str, typer.Option(help="spaCy pipeline for entities (package name or path).")
    ] = _DEFAULT_MODEL,
) -> None:
    """List each document's entities, time expressions (TIMEX3), figures and attributions.

    Exit code 0 when every document was annotated, else 100 + the number of JSON Lines
    lines that could not be read (200 means 100 or more); each carries its "error".
    """
    options = Options(default_date=parse_date(date), spacy_model=model)
    report = AnnotateReport()
    with reporting_errors():
        records = list(annotate_paths(files, options, report))
        if fmt is AnnotateFormat.md:
            text = _markdown(records)
        else:
            text = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
        emit(text, output, markdown=fmt is AnnotateFormat.md)
    for _origin, error in report.failures[:20]:
        err_console.print(f"storyline: failed: {error}", markup=False)
    if report.failures:
        raise typer.Exit(100 + min(len(report.failures), 100))


def register(app: typer.Typer) -> None:
    """Add the ``annotate`` command to ``app``."""
    app.command("annotate")(annotate_command)
