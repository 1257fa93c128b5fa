"""The event store over HTTP: each route calls one :class:`storyline.EventStore` method
(in a worker thread) and answers its JSON — what ``storyline events list|search|show
--format json`` print, and for a story's summary and dossier the cached JSON itself."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from storyline.errors import ServiceError, StorylineError
from storyline.events import EventStore
from storyline.ingest import article_from_obj
from storyline.ingest.feed import ReadFailure
from storyline.render.json_out import dumps
from storyline.web.limits import run_limited, run_unlimited
from storyline.web.schemas import NewArticlesBody

router = APIRouter(prefix="/api", tags=["events"])

_MISSING: dict[int | str, dict[str, Any]] = {
    404: {"description": "No event with that id (error S401)."},
}


def store_of(request: Request) -> EventStore:
    """The server's store; a server started without one says how to get it."""
    store: EventStore | None = request.app.state.store
    if store is None:
        raise ServiceError(
            "this server has no event store; start it with storyline serve --db PATH"
        )
    return store


def _json(value: Any) -> Response:
    return Response(dumps(value, indent=2) + "\n", media_type="application/json")


def _text_json(body: str) -> Response:
    return Response(body, media_type="application/json")


@router.get("/events", summary="The stories, biggest and newest first (or those matching q)")
async def events(
    request: Request,
    q: Annotated[str | None, Query(max_length=500, description="Full-text search.")] = None,
    since: Annotated[dt.date | None, Query(description="Last article on or after.")] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 50,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> Response:
    """``storyline events list --format json``; with ``q``, ``events search --format json``."""
    store = store_of(request)
    if q is not None:
        hits = await run_limited(request, store.search, q, limit=limit)
        return _json([h.to_dict() for h in hits])
    infos = await run_limited(request, store.events, since=since, limit=limit, offset=offset)
    return _json([e.to_dict() for e in infos])


@router.get("/events/{event_id}", summary="One story and its articles", responses=_MISSING)
async def event(request: Request, event_id: int) -> Response:
    store = store_of(request)
    found = await run_limited(request, store.event, event_id)
    return _json(found.to_dict())


@router.get("/events/{event_id}/summary", summary="A story's summary", responses=_MISSING)
async def event_summary(
    request: Request, event_id: int, words: Annotated[int, Query(ge=1, le=100_000)] = 120
) -> Response:
    """The summary JSON of the story's articles, as ``storyline events show ID --format json``."""
    store = store_of(request)
    return _text_json(await run_limited(request, store.summary, event_id, words=words))


@router.get("/events/{event_id}/dossier", summary="A story's dossier", responses=_MISSING)
async def event_dossier(
    request: Request, event_id: int, words: Annotated[int, Query(ge=1, le=100_000)] = 120
) -> Response:
    """The dossier JSON, as ``storyline events show ID --dossier --format json`` (cached in
    the store; recomputed only after an article joined). 503 (S300) without spaCy."""
    store = store_of(request)
    return _text_json(await run_limited(request, store.dossier, event_id, words=words))


def _items(body: NewArticlesBody) -> list[Any]:
    """Each article read as the CLI reads a JSON list (``request#1``...); one that cannot
    be read becomes the feed's ReadFailure, so the store reports it and adds the rest."""
    items: list[Any] = []
    for i, obj in enumerate(body.articles, 1):
        origin = f"request#{i}"
        try:
            items.append(article_from_obj(obj, origin, default_date=body.date))
        except StorylineError as e:
            items.append(ReadFailure(origin, None, e))
    return items


@router.post("/articles", summary="Add articles to the store")
async def add_articles(request: Request, body: NewArticlesBody) -> Response:
    """Each article joins its story or starts one, in one transaction. The answer is what
    the store did (``added``, ``duplicates``, ``failures`` with the library's error codes,
    ``events_created``/``events_updated``) and ``assigned``: each added article's id and
    event. A write is never cut by the time limit (it is all or nothing)."""
    store = store_of(request)
    report = await run_unlimited(request, store.add, _items(body))
    assigned = [{"id": a, "event": e} for a, e in report.assigned]
    return _json({**report.to_dict(), "assigned": assigned})
