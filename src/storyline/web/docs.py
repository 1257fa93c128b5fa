"""Interactive API docs at /docs, with no CDN: Swagger UI's files come from the
fastapi-offline package (mounted at /docs-assets) and are started by /static/docs.js,
so the page needs no inline script. /openapi.json is FastAPI's own description."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, Response
from fastapi.staticfiles import StaticFiles


def swagger_assets() -> Path:
    """The folder of swagger-ui-bundle.js and swagger-ui.css inside fastapi-offline."""
    return Path(str(files("fastapi_offline") / "static"))


def install(app: FastAPI) -> None:
    app.mount("/docs-assets", StaticFiles(directory=swagger_assets()), name="docs-assets")

    @app.get("/docs", include_in_schema=False, response_class=HTMLResponse)
    def docs_page(request: Request) -> Response:
        from storyline import __version__

        templates = request.app.state.templates
        return templates.TemplateResponse(  # type: ignore[no-any-return]
            request, "docs.html", {"version": __version__}
        )
