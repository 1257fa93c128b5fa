"""The pages a person uses: the stories, a story's dossier, and /new (paste or upload).

Each route reads its request, calls one library function (in a worker thread, within
the time limit) and renders a template; the templates escape everything they show.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from starlette.datastructures import UploadFile
from starlette.formparsers import MultiPartException

from storyline import api
from storyline.errors import FormatError, InputError, ModelError
from storyline.model import Article
from storyline.web import view
from storyline.web.forms import NewForm, articles_field, read_form
from storyline.web.limits import run_limited

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


async def page_of(request: Request, articles: list[Article], words: int) -> tuple[
    view.Page, str | None
]:
    """The dossier page of ``articles``; the summary page (and a notice saying what to
    install) when the dossier's spaCy model is missing."""
    try:
        result = await run_limited(request, api.dossier, articles, words=words)
        return view.page_from_json(result.to_dict()), None
    except ModelError:
        summary = await run_limited(request, api.summarize, articles, words=words)
        return view.page_from_json(summary.to_dict()), NO_DOSSIER


@router.get("/", response_class=HTMLResponse)
async def stories(request: Request) -> Response:
    """The stories of the store (this server has none yet: say how to get one)."""
    return render(request, "stories.html", no_store=True, events=[], q="")


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
        page, notice = await page_of(request, articles, words)
    except InputError as e:
        return render(request, "new.html", status=422, form=fields, error=e)
    store_ready = request.app.state.store is not None
    return render(
        request, "event.html", page=page, notice=notice,
        add_form=articles_field(articles) if store_ready else None,
    )
