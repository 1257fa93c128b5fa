"""The web app's routes through the framework's TestClient: malformed bodies, huge
fields, hostile HTML, wrong content types, junk in paths and query strings.

A run fails on an exception out of the app (a 500), a status the app does not answer
with on purpose, an API answer that is not JSON (or an error without its code), a page
that carries hostile markup unescaped, or a summary citation that does not slice to its
sentence. The dossier's recognizer is the rule-based one (spaCy's NER is fuzzed through
``cli.dossier``); everything else is the real app with an event store.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any
from unittest import mock
from urllib.parse import quote

from hypothesis import strategies as st

from fuzz_targets import Broken, target
from fuzz_targets.library import RuleRecognizer
from fuzz_targets.strategies import (
    HOSTILE,
    article_dicts,
    file_bytes,
    hostile_text,
    json_values,
    store_items,
)
from storyline.model import Article

#: Statuses the app gives on purpose (the README's table and the framework's 405).
EXPECTED = {200, 303, 307, 400, 404, 405, 413, 415, 422, 503}
#: A fresh app (and store) after this many requests, so a long run's store stays small.
RENEW = 300

_APP: dict[str, Any] = {}


def _client() -> Any:
    from fastapi.testclient import TestClient

    from storyline.web import WebSettings, create_app

    if _APP.get("used", RENEW) >= RENEW:
        if "tmp" in _APP:
            _APP["client"].close()
            _APP["tmp"].cleanup()
        tmp = tempfile.TemporaryDirectory(prefix="storyline-fuzz-web-")
        app = create_app(WebSettings(db=Path(tmp.name) / "store.db", time_limit=30.0))
        _APP.update(
            tmp=tmp,
            used=0,
            client=TestClient(
                app,
                base_url="http://127.0.0.1",
                raise_server_exceptions=True,
                follow_redirects=False,
            ),
        )
    _APP["used"] += 1
    return _APP["client"]


def _sendable(text: str) -> str:
    """Text a client can send in a form or a query (lone surrogates have no bytes; a
    body of bytes can carry their escapes)."""
    return text.encode("utf-8", "replace").decode("utf-8")


def _segment(text: str) -> str:
    """A path segment as a client sends it (percent-encoded)."""
    return quote(_sendable(text), safe="")


def _plain(value: Any) -> Any:
    """JSON for what the store's items hold besides JSON (articles, bytes)."""
    if isinstance(value, Article):
        return {
            "text": value.text,
            "title": value.title,
            "source": value.source,
            "published": value.published.isoformat() if value.published else None,
        }
    return repr(value)


def _json_bytes(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, default=_plain).encode("utf-8", "surrogatepass")


def bodies(chars: int) -> st.SearchStrategy[bytes]:
    """A request body: the right shape with hostile or malformed articles, another JSON
    value, nested brackets, a huge integer, or bytes."""
    words = st.one_of(st.integers(-5, 200_000), st.text(max_size=5), st.none(), st.floats())
    dates = st.one_of(st.dates().map(str), st.text(max_size=12), st.integers(), st.none())
    shaped = st.fixed_dictionaries(
        {"articles": st.one_of(store_items(chars), st.lists(hostile_text(chars // 3), max_size=3))},
        optional={"words": words, "date": dates, "extra": json_values()},
    )
    return st.one_of(
        shaped.map(_json_bytes),
        shaped.map(_json_bytes),
        st.lists(article_dicts(chars // 3), max_size=3).map(lambda a: _json_bytes({"articles": a})),
        json_values().map(_json_bytes),
        st.integers(1, 50_000).map(lambda n: b"[" * n),
        st.just(b'{"articles": [1' + b"0" * 5_000 + b"]}"),
        st.binary(max_size=300),
    )


_CONTENT_TYPES = st.sampled_from(
    [
        "application/json",
        "application/json",
        "text/plain",
        "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=x",
        "application/json; charset=latin-1",
        None,
    ]
)
_IDS = st.one_of(
    st.integers(-3, 50).map(str),
    st.text(max_size=8).map(_segment),
    st.just("9" * 40),
    st.just(str(2**63)),
    st.just("-" + "9" * 25),
)
_QUERY = st.one_of(
    st.text(max_size=60), st.sampled_from(HOSTILE), st.integers(1, 2_000).map(lambda n: "q" * n)
).map(_sendable)


@st.composite
def api_requests(draw: st.DrawFn, chars: int) -> tuple[str, str, dict[str, Any]]:
    """``(method, path, keyword arguments of the client's request)`` for /api routes."""
    kind = draw(
        st.sampled_from(
            [
                "summarize",
                "dossier",
                "articles",
                "events",
                "event",
                "event summary",
                "event dossier",
                "health",
                "unknown",
            ]
        )
    )
    if kind in ("summarize", "dossier", "articles"):
        headers = {}
        ctype = draw(_CONTENT_TYPES)
        if ctype:
            headers["content-type"] = ctype
        method = draw(st.sampled_from(["POST", "POST", "POST", "GET", "PUT"]))
        return method, f"/api/{kind}", {"content": draw(bodies(chars)), "headers": headers}
    eid = draw(_IDS)
    params = draw(
        st.dictionaries(
            st.sampled_from(["q", "words", "limit", "offset", "since", "format", "x"]),
            _QUERY,
            max_size=3,
        )
    )
    path = {
        "events": "/api/events",
        "event": f"/api/events/{eid}",
        "event summary": f"/api/events/{eid}/summary",
        "event dossier": f"/api/events/{eid}/dossier",
        "health": "/api/health",
        "unknown": f"/api/{eid}",
    }[kind]
    return draw(st.sampled_from(["GET", "GET", "HEAD", "DELETE"])), path, {"params": params}


@st.composite
def page_requests(draw: st.DrawFn, chars: int) -> tuple[str, str, dict[str, Any]]:
    """``(method, path, keyword arguments)`` for the pages: /new's form with hostile text
    and uploaded files, /new/add, the stories list, a story page."""
    kind = draw(st.sampled_from(["new", "new", "new add", "stories", "story", "new form"]))
    if kind == "new":
        data = {
            "text": _sendable(draw(hostile_text(chars))),
            "date": _sendable(draw(st.text(max_size=12))),
            "words": _sendable(
                draw(st.one_of(st.text(max_size=6), st.integers(-5, 10**6).map(str)))
            ),
        }
        files = [
            ("files", (name, blob))
            for name, blob in draw(st.lists(file_bytes(chars // 3), max_size=2))
        ]
        if draw(st.booleans()):
            return "POST", "/new", {"data": data, "files": files or None}
        return (
            "POST",
            "/new",
            {
                "content": draw(bodies(chars)),
                "headers": {"content-type": draw(_CONTENT_TYPES) or "text/plain"},
            },
        )
    if kind == "new add":
        value = draw(
            st.one_of(
                bodies(chars).map(lambda b: b.decode("utf-8", "replace")),
                hostile_text(chars).map(_sendable),
            )
        )
        return "POST", "/new/add", {"data": {"articles": value}}
    params = draw(
        st.dictionaries(
            st.sampled_from(["q", "offset", "added", "dups", "failed"]), _QUERY, max_size=3
        )
    )
    path = {"stories": "/", "story": f"/events/{draw(_IDS)}", "new form": "/new"}[kind]
    return draw(st.sampled_from(["GET", "GET", "HEAD", "POST"])), path, {"params": params}


def _check(method: str, path: str, response: Any) -> None:
    status = response.status_code
    if status not in EXPECTED:
        raise Broken(f"web {method} {path.split('/')[1] or '/'}: status {status}")
    ctype = response.headers.get("content-type", "")
    body = response.text
    if method == "HEAD" or 300 <= status < 400:  # no body, or a redirect's empty one
        return
    if path.startswith("/api/"):
        if "application/json" not in ctype:
            raise Broken(f"web api: answered {ctype!r}, not JSON")
        data = json.loads(body)
        if status >= 400 and not (isinstance(data, dict) and data.get("error", {}).get("code")):
            raise Broken("web api: an error answer without its code")
        if status == 200 and path == "/api/summarize":
            docs = [d["text"] for d in data["documents"]]
            for s in data["summary"]:
                c = s["citations"][0]
                if docs[c["doc"]][c["start"] : c["end"]] != s["text"]:
                    raise Broken("web summarize: a citation does not slice to its sentence")
    elif "text/html" in ctype:
        for bit in HOSTILE[:5]:
            if bit in body:
                raise Broken(f"web page: hostile markup unescaped: {bit[:20]!r}")


def _send(request: tuple[str, str, dict[str, Any]]) -> None:
    method, path, kwargs = request
    with mock.patch(
        "storyline.analyze.dossier.load_recognizer", lambda stages, options: RuleRecognizer()
    ):
        response = _client().request(method, path, **kwargs)
    _check(method, path, response)


@target("web.api", api_requests, examples=40)
def run_web_api(request: tuple[str, str, dict[str, Any]]) -> None:
    _send(request)


@target("web.pages", page_requests, examples=30)
def run_web_pages(request: tuple[str, str, dict[str, Any]]) -> None:
    _send(request)
