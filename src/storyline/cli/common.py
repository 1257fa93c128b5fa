"""What every command shares: parse a date, read inputs, write outputs atomically,
and turn library errors into one-line messages with documented exit codes."""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from collections.abc import Iterator
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markdown import Markdown

from storyline.errors import OutputError, StorylineError, exit_code_for
from storyline.ingest import read_paths
from storyline.model import Article
from storyline.model.article import scrub_surrogates

err_console = Console(stderr=True, highlight=False, soft_wrap=True)


class Format(StrEnum):
    md = "md"
    json = "json"
    text = "text"


class DossierFormat(StrEnum):
    md = "md"
    json = "json"
    html = "html"


#: ``--fill`` of ``summarize`` and ``batch`` (:attr:`storyline.options.Options.fill`).
FillOption = Annotated[
    bool,
    typer.Option(
        "--fill",
        help="Take sentences until N words, the last crossing N (for ROUGE runs that cut at N).",
    ),
]


def parse_date(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date; write it as YYYY-MM-DD") from None


@contextlib.contextmanager
def reporting_errors() -> Iterator[None]:
    """Turn a StorylineError into ``storyline: error: ...`` and its exit code."""
    try:
        yield
    except StorylineError as err:
        err_console.print(f"storyline: error: {err}", markup=False)
        raise typer.Exit(exit_code_for(err)) from None
    except KeyboardInterrupt:
        err_console.print("storyline: interrupted", markup=False)
        raise typer.Exit(130) from None
    except (typer.Exit, typer.Abort):
        raise
    except Exception as err:
        if os.environ.get("STORYLINE_DEBUG"):
            raise
        err_console.print(
            f"storyline: internal error: {type(err).__name__}: {err}. This is a bug; please "
            "report it with the input (set STORYLINE_DEBUG=1 to see the traceback).",
            markup=False,
        )
        raise typer.Exit(1) from None


def warn(message: str) -> None:
    err_console.print(f"storyline: note: {message}", markup=False)


def read_inputs(files: list[str], default_date: date | None) -> list[Article]:
    """Read every file, folder or ``-``; print the reader's notes (skipped files...)."""
    articles, notes = read_paths(files, default_date=default_date)
    for note in notes:
        warn(note)
    return articles


def write_atomically(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file in the same folder, so an
    error never leaves a half-written file behind."""
    folder = path.resolve().parent
    if not folder.is_dir():
        raise OutputError(f"cannot write {path}: folder {folder} does not exist; create it first")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as e:
        raise OutputError(
            f"cannot write {path}: {e.strerror}; check the folder's permissions"
        ) from e
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        os.replace(tmp, path)
    except OSError as e:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise OutputError(f"cannot write {path}: {e.strerror}") from e


def emit(text: str, output: Path | None, markdown: bool) -> None:
    """Write to ``output``, or print: Markdown is rendered when stdout is a terminal.
    A lone surrogate (a file name Python could not decode) is written as U+FFFD."""
    text = scrub_surrogates(text)[0]
    if output is not None:
        write_atomically(output, text)
        err_console.print(f"storyline: wrote {output}", markup=False)
    elif markdown and sys.stdout.isatty():
        Console().print(Markdown(text))
    else:
        sys.stdout.write(text)
