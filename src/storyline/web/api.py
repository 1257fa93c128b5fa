"""The HTTP API under ``/api/``: each route reads its body, calls one library function
(in a worker thread, within the time limit) and answers the CLI's JSON, byte for byte
what ``storyline summarize|dossier --format json`` writes (:func:`storyline.render.to_json`).
"""

from __future__ import annotations

import importlib.util
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from storyline import __version__, api
from storyline.options import Options
from storyline.render import to_json
from storyline.web.limits import run_limited
from storyline.web.schemas import ArticlesBody

router = APIRouter(prefix="/api", tags=["api"])

_ERRORS: dict[int | str, dict[str, Any]] = {
    413: {"description": "Body over the server's limit (error S501)."},
    422: {"description": "Unusable input: malformed body or articles (S101–S105)."},
    503: {"description": "Over the time limit (S502), or the spaCy model is missing (S300)."},
}
_JSON_OK: dict[int | str, dict[str, Any]] = {
    200: {"content": {"application/json": {}}, "description": "The CLI's JSON."}
}


def json_answer(result: Any) -> Response:
    """``result.to_dict()`` as the CLI writes it."""
    return Response(to_json(result), media_type="application/json")


@router.get("/health", summary="Is the server up, and what can it do")
def health(request: Request) -> dict[str, Any]:
    """``status``, the version, the store's path (null without one) and whether the
    dossier's spaCy model is installed (without it /api/dossier answers S300)."""
    model = Options().spacy_model
    store = request.app.state.settings.db
    return {
        "status": "ok",
        "version": __version__,
        "store": str(store) if store is not None else None,
        "dossier": importlib.util.find_spec("spacy") is not None
        and importlib.util.find_spec(model) is not None,
    }


@router.post(
    "/summarize",
    summary="Summarize reports of one event",
    responses={**_JSON_OK, **_ERRORS},
    response_class=Response,
)
async def summarize(body: ArticlesBody, request: Request) -> Response:
    """The cited summary of the articles: the JSON of ``storyline summarize --format json``."""
    articles = body.to_articles()
    result = await run_limited(request, api.summarize, articles, words=body.words, date=body.date)
    return json_answer(result)


@router.post(
    "/dossier",
    summary="The dossier of reports of one event",
    responses={**_JSON_OK, **_ERRORS},
    response_class=Response,
)
async def dossier(body: ArticlesBody, request: Request) -> Response:
    """Summary, actors, timeline, figures, claims, differences and sources: the JSON of
    ``storyline dossier --format json``. Needs the dossier extra (else 503, S300)."""
    articles = body.to_articles()
    result = await run_limited(request, api.dossier, articles, words=body.words, date=body.date)
    return json_answer(result)
