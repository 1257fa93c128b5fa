"""The pages: /new gives the dossier of pasted or uploaded reports; hostile article text
is shown as text; a missing dossier extra is said, not crashed on."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from markupsafe import escape

from storyline.errors import ModelError
from web_support import BRIDGE, HOSTILE, HOSTILE_BITS, ROOT, client

TEMPLATES = ROOT / "src" / "storyline" / "web" / "templates"


def _plain(article: dict[str, str]) -> str:
    return f"{article['title']}\n\n{article['text']}"


@pytest.fixture
def no_spacy(monkeypatch: pytest.MonkeyPatch) -> None:
    def missing(*args: object, **kwargs: object) -> object:
        raise ModelError("spaCy is not installed: pip install 'storyline[dossier]'")

    monkeypatch.setattr("storyline.annotate.ner._import_spacy", missing)


def test_web_templates_never_mark_text_safe() -> None:
    for path in TEMPLATES.glob("*.html"):
        source = path.read_text(encoding="utf-8")
        assert "|safe" not in source.replace(" ", ""), path
        assert "autoescape false" not in source, path
        assert "<script>" not in source and "style=" not in source, path  # CSP: no inline


def test_web_new_form_is_a_page_that_works_without_script() -> None:
    r = client().get("/new")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert 'enctype="multipart/form-data"' in r.text and 'type="file"' in r.text


def test_web_new_pasted_reports_give_the_summary_page_without_spacy(no_spacy: None) -> None:
    text = "\n---\n".join(_plain(a) for a in BRIDGE)
    r = client().post("/new", data={"text": text, "words": "60"})
    assert r.status_code == 200, r.text
    assert "storyline[web,dossier]" in r.text  # says what to install
    assert "Orrin bridge closed after barge strike" in r.text
    assert r.text.count('class="report"') == 2
    assert 'class="cite"' in r.text


def test_web_new_uploaded_files_are_sniffed_like_the_cli(no_spacy: None) -> None:
    files = [
        ("files", ("a.json", json.dumps(BRIDGE[0]).encode(), "application/json")),
        ("files", ("b.txt", _plain(BRIDGE[1]).encode("utf-16"), "text/plain")),
    ]
    r = client().post("/new", data={"text": "", "words": "60"}, files=files)
    assert r.status_code == 200, r.text
    assert "Harbour Post" in r.text and "Barge hits Orrin bridge pier" in r.text


@pytest.mark.parametrize(
    ("data", "code"),
    [
        ({"text": ""}, "S101"),
        ({"text": "Image copyright Reuters"}, "S105"),
        ({"text": '{"title": "no text"}'}, "S104"),
        ({"text": "A report.", "date": "someday"}, "S104"),
        ({"text": "A report.", "words": "-3"}, "S104"),
    ],
)
def test_web_new_bad_input_shows_the_form_again_with_the_code(
    data: dict[str, str], code: str
) -> None:
    r = client().post("/new", data=data)
    assert r.status_code == 422
    assert f"Error {code}" in r.text and "<form" in r.text
    assert str(escape(data["text"])) in r.text  # what was typed is kept


def test_web_new_binary_upload_is_s103() -> None:
    files = [("files", ("photo.jpg", bytes(range(256)) * 8, "image/jpeg"))]
    r = client().post("/new", data={"text": ""}, files=files)
    assert r.status_code == 422 and "Error S103" in r.text


class _Tags(HTMLParser):
    """Every element a browser would build from the page, with its attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def _assert_hostile_is_text(page: str) -> None:
    assert "window.pwned" in page  # the payloads are there ...
    for bit in HOSTILE_BITS:
        assert bit not in page  # ... never as markup
    parser = _Tags()
    parser.feed(page)
    for tag, attrs in parser.tags:
        assert tag not in ("img", "svg", "iframe", "object", "embed"), (tag, attrs)
        assert not [a for a in attrs if a.startswith("on")], (tag, attrs)
        if tag == "script":
            assert re.fullmatch(r"/static/[a-z]+\.js", attrs.get("src") or ""), attrs
        for name in ("href", "src", "action"):
            assert not (attrs.get(name) or "").strip().lower().startswith("javascript:"), attrs


def test_web_hostile_article_renders_as_text(no_spacy: None) -> None:
    r = client(db=None).post("/new", data={"text": json.dumps([HOSTILE, BRIDGE[0]])})
    assert r.status_code == 200, r.text
    _assert_hostile_is_text(r.text)
    assert str(escape(HOSTILE_BITS[0])) in r.text


@pytest.mark.slow
def test_web_hostile_article_renders_as_text_in_the_dossier() -> None:
    r = client().post("/new", data={"text": json.dumps([HOSTILE, BRIDGE[0], BRIDGE[1]])})
    assert r.status_code == 200, r.text
    assert 'id="actors"' in r.text
    _assert_hostile_is_text(r.text)


def test_web_error_pages_are_pages() -> None:
    r = client().get("/no/such/page")
    assert r.status_code == 404 and r.headers["content-type"].startswith("text/html")
    assert "S504" in r.text and "Not found" in r.text


def test_web_static_assets_are_served_from_the_package() -> None:
    c = client()
    for name in ("style.css", "cite.js", "docs.js", "favicon.svg"):
        r = c.get(f"/static/{name}")
        assert r.status_code == 200 and r.content == (
            Path(ROOT / "src/storyline/web/static" / name).read_bytes()
        )


def test_web_docs_page_loads_swagger_from_this_server() -> None:
    c = client()
    page = c.get("/docs").text
    srcs = re.findall(r'(?:src|<link [^>]*href)="([^"]+)"', page)
    assert srcs and all(s.startswith("/") for s in srcs), srcs  # nothing from another host
    for s in srcs:
        assert c.get(s).status_code == 200, s
