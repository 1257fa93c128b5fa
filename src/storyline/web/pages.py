"""The pages a person uses: the stories, a story's dossier, and /new (paste or upload).

Each route reads its request, calls one library function (in a worker thread, within
the time limit) and renders a template; the templates escape everything they show.
"""

from __future__ import annotations

import json
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.datastructures import UploadFile
from starlette.formparsers import MultiPartException

from storyline import api
from storyline.errors import FormatError, InputError, ModelError
from storyline.model import Article
from storyline.web import view
from storyline.web.events_api import store_of
from storyline.web.forms import NewForm, articles_field, read_articles_field, read_form
from storyline.web.limits import run_limited, run_unlimited

router = APIRouter(include_in_schema=False)

#: What a page says when the dossier's spaCy model is missing.
NO_DOSSIER = (
    "This is the summary only: the dossier (actors, timeline, figures, claims) needs the "
    "dossier extra. Install it with: pip install 'storyline[web,dossier]', then restart "
    "storyline serve."
)


def render(request: Request, name: str, status: int = 200, **context: Any) -> Response:
    from storyline import __version__

    templates = request.app.state.templates
    return templates.TemplateResponse(  # type: ignore[no-any-return]
        request, name, {"version": __version__, **context}, status_code=status
    )


def render_text(request: Request, name: str, **context: Any) -> str:
    """A template rendered to text (for big pages, rendered in a worker thread)."""
    from storyline import __version__

    template = request.app.state.templates.get_template(name)
    return str(template.render(version=__version__, **context))


def dossier_text(request: Request, data: dict[str, Any], title: str | None, **context: Any) -> str:
    """The dossier page of a dossier's (or summary's) JSON, rendered."""
    page = view.page_from_json(data, title=title)
    return render_text(request, "event.html", page=page, **context)


async def result_of(
    request: Request, articles: list[Article], words: int
) -> tuple[dict[str, Any], str | None]:
    """The dossier of ``articles`` as its JSON; the summary's (and a notice saying what to
    install) when the dossier's spaCy model is missing."""
    try:
        result = await run_limited(request, api.dossier, articles, words=words)
        return result.to_dict(), None
    except ModelError:
        summary = await run_limited(request, api.summarize, articles, words=words)
        return summary.to_dict(), NO_DOSSIER


@router.get("/new", response_class=HTMLResponse)
async def new_form(request: Request) -> Response:
    return render(request, "new.html", form=NewForm())


async def _form_fields(request: Request) -> tuple[NewForm, list[tuple[str, bytes]]]:
    limit = request.app.state.settings.max_body
    files: list[tuple[str, bytes]] = []
    try:
        async with request.form(max_files=200, max_fields=20, max_part_size=limit) as form:
            fields = NewForm(
                text=str(form.get("text") or ""),
                date=str(form.get("date") or ""),
                words=str(form.get("words") or "120"),
            )
            for f in form.getlist("files"):
                if isinstance(f, UploadFile) and (f.filename or f.size):
                    files.append((f.filename or "uploaded file", await f.read()))
    except MultiPartException as e:
        raise FormatError(f"the form could not be read ({e.message}); send it again") from e
    return fields, files


@router.post("/new", response_class=HTMLResponse)
async def new_dossier(request: Request) -> Response:
    """The dossier of the pasted and uploaded reports, with a button to store them."""
    fields, files = await _form_fields(request)
    try:
        default_date = fields.parsed_date()
        words = fields.parsed_words()
        articles = read_form(fields.text, files, default_date)
        data, notice = await result_of(request, articles, words)
    except InputError as e:
        return render(request, "new.html", status=422, form=fields, error=e)
    store_ready = request.app.state.store is not None
    body = await run_limited(
        request,
        dossier_text,
        request,
        data,
        None,
        notice=notice,
        add_form=articles_field(articles) if store_ready else None,
    )
    return HTMLResponse(body)


#: Stories on one page of the stories list.
PAGE_SIZE = 50


def _added_notice(added: int | None, dups: int | None, failed: int | None) -> str | None:
    """What the last "add to the store" did, said from its counts (never echoed text)."""
    if added is None:
        return None
    line = f"{added} report{'s' if added != 1 else ''} added to the store"
    if dups:
        line += f"; {dups} {'was' if dups == 1 else 'were'} already in it"
    if failed:
        line += f"; {failed} could not be added"
    return line + "."


@router.get("/", response_class=HTMLResponse)
async def stories(
    request: Request,
    q: Annotated[str, Query(max_length=500)] = "",
    offset: Annotated[int, Query(ge=0)] = 0,
    added: Annotated[int | None, Query(ge=0)] = None,
    dups: Annotated[int | None, Query(ge=0)] = None,
    failed: Annotated[int | None, Query(ge=0)] = None,
) -> Response:
    """The stories of the store, biggest and newest first, or those whose articles match
    the search ``q``."""
    store = request.app.state.store
    notice = _added_notice(added, dups, failed)
    if store is None:
        return render(request, "stories.html", no_store=True, events=[], q="", added=notice)
    if q.strip():
        hits = await run_limited(request, store.search, q, limit=PAGE_SIZE)
        rows = [view.story_row(h.event, h.matches) for h in hits]
        more = False
    else:
        infos = await run_limited(request, store.events, limit=PAGE_SIZE + 1, offset=offset)
        rows = [view.story_row(e) for e in infos[:PAGE_SIZE]]
        more = len(infos) > PAGE_SIZE
    return render(
        request,
        "stories.html",
        events=rows,
        q=q,
        added=notice,
        more=more,
        next_offset=offset + PAGE_SIZE,
        offset=offset,
        no_store=False,
    )


@router.get("/events/{event_id}", response_class=HTMLResponse)
async def story(
    request: Request, event_id: int, added: Annotated[int | None, Query(ge=0)] = None
) -> Response:
    """A story's dossier (the store caches it; a reload after new articles shows them)."""
    store = store_of(request)
    found = await run_limited(request, store.event, event_id)
    key = (event_id, found.info.revision, added)
    cached = request.app.state.pages.get(key)
    if cached is not None:
        return HTMLResponse(cached)
    try:
        body, notice = await run_limited(request, store.dossier, event_id), None
    except ModelError:
        body, notice = await run_limited(request, store.summary, event_id), NO_DOSSIER
    text = await run_limited(
        request,
        dossier_text,
        request,
        json.loads(body),
        found.info.title,
        event=found.info,
        notice=notice,
        added=_added_notice(added, None, None),
    )
    request.app.state.pages.put(key, text)
    return HTMLResponse(text)


@router.post("/new/add")
async def add_new(request: Request) -> Response:
    """Add the reports of a /new dossier to the store, then show where they went."""
    store = store_of(request)
    limit = request.app.state.settings.max_body
    try:
        async with request.form(max_files=0, max_fields=5, max_part_size=limit) as form:
            value = str(form.get("articles") or "")
    except MultiPartException as e:
        raise FormatError(f"the form could not be read ({e.message}); send it again") from e
    report = await run_unlimited(request, store.add, read_articles_field(value))
    events = list(dict.fromkeys(e for _, e in report.assigned))
    counts = f"added={report.added}"
    if len(events) == 1 and not report.failures:
        return RedirectResponse(f"/events/{events[0]}?{counts}", status_code=303)
    counts += f"&dups={len(report.duplicates)}&failed={report.failed}"
    return RedirectResponse(f"/?{counts}", status_code=303)
