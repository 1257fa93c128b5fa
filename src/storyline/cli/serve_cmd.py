"""``storyline serve`` — thin: builds the web settings, calls :func:`storyline.web.server.serve`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from storyline.cli.common import err_console, reporting_errors


def serve_command(
    db: Annotated[Path, typer.Option(help="The event store (SQLite file).")] = Path("storyline.db"),
    host: Annotated[
        str, typer.Option(help="Address to listen on; the default serves this machine only.")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=0, max=65535, help="Port (0: any free port).")] = 8000,
    max_body: Annotated[
        float, typer.Option("--max-body", min=0.01, help="Largest request body, in MB.")
    ] = 10.0,
    time_limit: Annotated[
        float, typer.Option("--time-limit", min=0.1, help="Seconds a request may compute.")
    ] = 60.0,
) -> None:
    """Serve the stories, dossiers and the HTTP API in a browser (needs the web extra)."""
    try:
        from storyline.web.server import serve
        from storyline.web.settings import WebSettings, is_loopback
    except ImportError as e:
        err_console.print(
            f"storyline: error: serve needs the 'web' extra ({e.name} is missing); install it "
            "with: pip install 'storyline[web]' (and 'storyline[web,dossier]' for dossiers)",
            markup=False,
        )
        raise typer.Exit(1) from None
    settings = WebSettings(
        db=db, host=host, max_body=int(max_body * 1024 * 1024), time_limit=time_limit
    )

    def ready(url: str) -> None:
        typer.echo(f"storyline: serving {url}/ (store {db}); press Ctrl-C to stop", err=False)
        if not is_loopback(host):
            err_console.print(
                f"storyline: warning: listening on {host}: anyone who can reach this machine "
                "can read the store and add to it",
                markup=False,
            )

    try:
        with reporting_errors():  # a --db that is not a store: its message and exit code
            serve(settings, port, ready)
    except OSError as e:
        err_console.print(
            f"storyline: error: cannot listen on {host}:{port}: {e.strerror}", markup=False
        )
        raise typer.Exit(2) from None


def register(app: typer.Typer) -> None:
    app.command("serve")(serve_command)
