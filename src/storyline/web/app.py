"""``create_app(settings)``: the FastAPI app behind ``storyline serve``.

Put together in one place:

1. **state** — the settings, the event store (when ``settings.db`` is given), the
   Jinja2 templates (autoescape on, strict undefined) and the compute limiter.
2. **routes** — the API (:mod:`~storyline.web.api`, :mod:`~storyline.web.store_api`),
   the pages (:mod:`~storyline.web.pages`), /docs (:mod:`~storyline.web.docs`) and
   /static.
3. **errors** — every refusal answers the library's error code: JSON under /api/, a
   page elsewhere (:mod:`~storyline.web.failures`); never a traceback.
4. **guard** — Host and origin checks, the body limit and the security headers
   (:mod:`~storyline.web.guard`) in front of everything.
5. **HEAD** — every GET route answers HEAD like GET, without the body
   (:mod:`~storyline.web.head`).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

import jinja2
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException

from storyline import __version__
from storyline.errors import NotFoundError, ServiceError, StorylineError
from storyline.render.json_out import dumps
from storyline.web import api, docs, events_api, pages
from storyline.web.cache import PageCache
from storyline.web.failures import error_payload, internal_error, invalid_body, status_for
from storyline.web.guard import Guard
from storyline.web.head import HeadAsGet
from storyline.web.limits import compute_limiter
from storyline.web.settings import WebSettings

log = logging.getLogger("storyline.web")

_HEADINGS = {
    403: "Request refused",
    404: "Not found",
    405: "Not allowed",
    413: "Too large",
    422: "This input cannot be used",
    503: "Cannot do this now",
}
_DESCRIPTION = (
    "Cited summaries and event dossiers of news reports over HTTP. Every answer is the JSON "
    "of the matching `storyline` command; every refusal is "
    '`{"error": {"code", "type", "message", "status"}}` with the library\'s error code.'
)


def web_url(value: object) -> bool:
    """Jinja test: may this URL be a link? Only http(s); ``javascript:`` and kin stay text."""
    return isinstance(value, str) and urlsplit(value.strip()).scheme.lower() in ("http", "https")


def make_templates() -> Jinja2Templates:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("storyline.web", "templates"),
        autoescape=True,
        undefined=jinja2.ChainableUndefined,
        trim_blocks=False,
    )
    env.filters["web_url"] = web_url
    return Jinja2Templates(env=env)


def _answer_for(templates: Jinja2Templates) -> Any:
    def answer(
        path: str,
        error: StorylineError,
        status: int | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> Response:
        status = status or status_for(error)
        if path.startswith("/api/") or path in ("/openapi.json", "/api"):
            return Response(
                dumps(error_payload(error, status)),
                status,
                headers=headers,
                media_type="application/json",
            )
        body = templates.get_template("error.html").render(
            version=__version__,
            status=status,
            code=error.code,
            message=error.message,
            heading=_HEADINGS.get(status, "Something went wrong"),
        )
        return HTMLResponse(body, status_code=status, headers=headers)

    return answer


def _install_errors(app: FastAPI, answer: Any) -> None:
    @app.exception_handler(StorylineError)
    async def storyline_error(request: Request, exc: StorylineError) -> Response:
        return answer(request.url.path, exc)  # type: ignore[no-any-return]

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        error = invalid_body(exc.errors(), request.headers.get("content-type"))
        return answer(request.url.path, error)  # type: ignore[no-any-return]

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        path = request.url.path
        if exc.status_code == 404:
            err: StorylineError = NotFoundError(f"nothing at {path}; see /docs for the API")
        else:
            err = ServiceError(f"{request.method} {path}: {exc.detail}")
        # A 405 names the methods the route takes (Allow), as HTTP asks.
        return answer(path, err, exc.status_code, exc.headers)  # type: ignore[no-any-return]

    @app.exception_handler(Exception)
    async def crash(request: Request, exc: Exception) -> Response:
        log.exception("internal error on %s %s", request.method, request.url.path)
        return answer(request.url.path, internal_error(), 500)  # type: ignore[no-any-return]


def open_store(settings: WebSettings) -> Any:
    """The event store at ``settings.db`` (made when missing), or None without one."""
    if settings.db is None:
        return None
    from storyline.events import EventStore

    return EventStore(settings.db)


def create_app(settings: WebSettings | None = None) -> FastAPI:
    """The app; ``settings.db`` opens (or creates) the event store for the story pages.
    Raises :class:`~storyline.errors.StoreError` when that file is not a store."""
    settings = settings or WebSettings()
    app = FastAPI(
        title="storyline",
        version=__version__,
        description=_DESCRIPTION,
        docs_url=None,
        redoc_url=None,
        openapi_url="/openapi.json",
    )
    templates = make_templates()
    app.state.settings = settings
    app.state.templates = templates
    app.state.compute = compute_limiter()
    app.state.pages = PageCache()
    app.state.store = open_store(settings)
    answer = _answer_for(templates)
    _install_errors(app, answer)
    app.include_router(api.router)
    app.include_router(events_api.router)
    app.include_router(pages.router)
    docs.install(app)
    app.mount("/static", StaticFiles(packages=[("storyline.web", "static")]), name="static")
    app.add_middleware(HeadAsGet)
    app.add_middleware(Guard, settings=settings, answer=answer)
    return app
