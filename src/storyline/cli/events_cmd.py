"""``storyline events add|list|show|search|export`` — thin: each command opens the store
(``--db``, default ``./storyline.db``), calls one :class:`storyline.EventStore` method
and renders what it returns."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from storyline.cli.common import emit, err_console, parse_date, reporting_errors, warn
from storyline.events import AddReport, EventInfo, EventStore, SearchHit
from storyline.ingest.feed import read_feed

events_app = typer.Typer(
    name="events",
    help="Sort a feed of articles into events (stories) kept in a store; list, show, search.",
    no_args_is_help=True,
)

DbOption = Annotated[
    Path, typer.Option("--db", help="The event store (an SQLite file; made if missing).")
]
DEFAULT_DB = Path("storyline.db")
#: How many failures ``add`` lists on the terminal (the JSON report has all).
SHOWN = 20


class ListFormat(StrEnum):
    table = "table"
    json = "json"


class ShowFormat(StrEnum):
    md = "md"
    json = "json"
    html = "html"
    text = "text"


class ExportFormat(StrEnum):
    jsonl = "jsonl"


@contextmanager
def _store(db: Path) -> Iterator[EventStore]:
    with reporting_errors(), EventStore(db) as store:
        yield store


def _add_with_progress(store: EventStore, feed: Iterator[object]) -> AddReport:
    if not sys.stderr.isatty():
        return store.add(feed)  # type: ignore[arg-type]
    with Progress(
        SpinnerColumn(),
        TextColumn("[bold]adding[/] {task.completed} items"),
        TimeElapsedColumn(),
        console=err_console,
        transient=True,
    ) as bar:
        task = bar.add_task("add", total=None)
        return store.add(feed, progress=lambda n: bar.advance(task, n))  # type: ignore[arg-type]


@events_app.command("add")
def add_command(
    feeds: Annotated[
        list[str], typer.Argument(help="Files, folders, JSON Lines of articles, or - for stdin.")
    ],
    db: DbOption = DEFAULT_DB,
    date: Annotated[
        str | None, typer.Option(help="Publication date (YYYY-MM-DD) where the input has none.")
    ] = None,
    gap_days: Annotated[
        int | None,
        typer.Option(
            min=1,
            help="From now on, an event stops attracting articles published this many "
            "days after its last one (saved in the store; default 1095).",
        ),
    ] = None,
) -> None:
    """Read articles and sort each into an event (an existing one or a new one).

    Exit code 0 when every item was added (or was a duplicate), else 100 + the number
    of items that failed (200 means 100 or more); each failure is listed with its
    file and line.
    """
    default_date = parse_date(date)
    notes: list[str] = []
    with _store(db) as store:
        if gap_days is not None and gap_days != store.settings.gap_days:
            store.configure(gap_days=gap_days)
        report = _add_with_progress(store, read_feed(feeds, default_date=default_date, notes=notes))
    for note in notes:
        warn(note)
    for dup in report.duplicates[:SHOWN]:
        warn(dup.message())
    if len(report.duplicates) > SHOWN:
        warn(f"... and {len(report.duplicates) - SHOWN} more duplicates")
    for failure in report.failures[:SHOWN]:
        err_console.print(f"storyline: failed: {failure.message}", markup=False)
    if report.failed > SHOWN:
        err_console.print(f"storyline: ... and {report.failed - SHOWN} more failures", markup=False)
    err_console.print(f"storyline: {report.summary_line()} in {db}", markup=False)
    if report.failed:
        raise typer.Exit(100 + min(report.failed, 100))


def _table(rows: list[EventInfo], title: str, hits: list[SearchHit] | None = None) -> None:
    table = Table(title=title, show_lines=False)
    for column in ("id", "title", "articles", "outlets", "first", "last"):
        table.add_column(column, overflow="fold")
    if hits is not None:
        table.add_column("matching")
    for i, e in enumerate(rows):
        cells = [
            str(e.id),
            e.title or "",
            str(e.articles),
            str(e.outlets),
            e.first_published.isoformat() if e.first_published else "",
            e.last_published.isoformat() if e.last_published else "",
        ]
        if hits is not None:
            cells.append(str(hits[i].matches))
        table.add_row(*cells)
    Console(soft_wrap=False).print(table)


@events_app.command("list")
def list_command(
    db: DbOption = DEFAULT_DB,
    since: Annotated[
        str | None, typer.Option(help="Only events with an article on or after YYYY-MM-DD.")
    ] = None,
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="At most N events.")] = 20,
    fmt: Annotated[ListFormat, typer.Option("--format", "-f")] = ListFormat.table,
) -> None:
    """Stories ranked by size and recency: id, title, articles, outlets, first and last date."""
    with _store(db) as store:
        rows = store.events(since=parse_date(since), limit=limit)
    if fmt is ListFormat.json:
        typer.echo(json.dumps([e.to_dict() for e in rows], ensure_ascii=False, indent=2))
    else:
        _table(rows, f"{len(rows)} events in {db}")


@events_app.command("show")
def show_command(
    event_id: Annotated[int, typer.Argument(help="The event's id (see `events list`).")],
    db: DbOption = DEFAULT_DB,
    dossier: Annotated[
        bool, typer.Option("--dossier", help="The event's dossier instead of its summary.")
    ] = False,
    fmt: Annotated[ShowFormat, typer.Option("--format", "-f", help="md, json, html or text.")] = (
        ShowFormat.md
    ),
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write here.")] = None,
    words: Annotated[int, typer.Option("--words", "-w", min=1, help="Summary bound.")] = 120,
) -> None:
    """The event's summary (or dossier), as `summarize` (`dossier`) gives it for its
    articles; cached in the store until an article joins the event."""
    if dossier and fmt is ShowFormat.text:
        raise typer.BadParameter("a dossier renders as md, json or html", param_hint="--format")
    with _store(db) as store:
        if dossier:
            text = store.dossier(event_id, words=words, fmt=fmt.value)
        else:
            text = store.summary(event_id, words=words, fmt=fmt.value)
        emit(text, output, markdown=fmt is ShowFormat.md)


@events_app.command("search")
def search_command(
    query: Annotated[str, typer.Argument(help='Words that must all occur; "quoted" = phrase.')],
    db: DbOption = DEFAULT_DB,
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="At most N events.")] = 20,
    fmt: Annotated[ListFormat, typer.Option("--format", "-f")] = ListFormat.table,
) -> None:
    """Full-text search over the stored articles, answering with their events."""
    with _store(db) as store:
        hits = store.search(query, limit=limit)
    if fmt is ListFormat.json:
        typer.echo(json.dumps([h.to_dict() for h in hits], ensure_ascii=False, indent=2))
    else:
        _table([h.event for h in hits], f"{len(hits)} events match {query!r}", hits)


@events_app.command("export")
def export_command(
    db: DbOption = DEFAULT_DB,
    fmt: Annotated[ExportFormat, typer.Option("--format", "-f")] = ExportFormat.jsonl,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write here.")] = None,
) -> None:
    """One JSON line per stored article, in the order added: id, event, title, published."""
    with _store(db) as store:
        lines = [
            json.dumps(
                {
                    "id": a.id,
                    "event": a.event,
                    "title": a.article.title,
                    "published": a.article.published.isoformat() if a.article.published else None,
                },
                ensure_ascii=False,
            )
            + "\n"
            for a in store.export()
        ]
        emit("".join(lines), output, markdown=False)


def register(app: typer.Typer) -> None:
    """Add the ``events`` command group to ``app``."""
    app.add_typer(events_app, name="events")
