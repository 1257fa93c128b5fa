"""The HTTP API: the CLI's JSON, the library's error codes, never a traceback."""

from __future__ import annotations

import json
import threading

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

import storyline.web.api as web_api
from storyline.cli.app import app as cli
from storyline.errors import ModelError
from storyline.web import create_app
from web_support import BRIDGE, client


def test_web_health_says_what_the_server_can_do() -> None:
    r = client().get("/api/health")
    assert r.status_code == 200
    body = r.json()
    assert body["status"] == "ok" and body["store"] is None
    assert isinstance(body["dossier"], bool)


def _cli_json(command: str, articles: list[object], *args: str) -> dict[str, object]:
    result = CliRunner().invoke(
        cli, [command, "-", "--format", "json", *args], input=json.dumps(articles)
    )
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def _same_but_origin(api: dict[str, object], cli_out: dict[str, object]) -> None:
    docs_api, docs_cli = api.pop("documents"), cli_out.pop("documents")
    assert api == cli_out
    assert isinstance(docs_api, list) and isinstance(docs_cli, list)
    for i, (a, c) in enumerate(zip(docs_api, docs_cli, strict=True), 1):
        assert a.pop("origin") == f"request#{i}" and c.pop("origin") == f"<stdin>#{i}"
        assert a == c


def test_web_summarize_answers_the_cli_json() -> None:
    r = client().post("/api/summarize", json={"articles": BRIDGE, "words": 40})
    assert r.status_code == 200 and r.headers["content-type"] == "application/json"
    body = r.json()
    assert body["summary"], body
    for s in body["summary"]:
        for c in s["citations"]:
            assert body["documents"][c["doc"]]["text"][c["start"] : c["end"]]
        first = s["citations"][0]
        assert body["documents"][first["doc"]]["text"][first["start"] : first["end"]] == s["text"]
    _same_but_origin(body, _cli_json("summarize", BRIDGE, "--words", "40"))


def test_web_summarize_takes_strings_and_a_date() -> None:
    texts = [a["text"] for a in BRIDGE]
    r = client().post("/api/summarize", json={"articles": texts, "date": "2026-04-07"})
    assert r.status_code == 200
    assert {d["published"] for d in r.json()["documents"]} == {"2026-04-07"}


@pytest.mark.slow
def test_web_dossier_answers_the_cli_json() -> None:
    r = client().post("/api/dossier", json={"articles": BRIDGE})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["summary"] and body["sources"] and "actors" in body
    _same_but_origin(body, _cli_json("dossier", BRIDGE))


def test_web_dossier_without_spacy_is_a_clear_503(monkeypatch: pytest.MonkeyPatch) -> None:
    def missing(*args: object, **kwargs: object) -> object:
        raise ModelError("spaCy is not installed: pip install 'storyline[dossier]'")

    monkeypatch.setattr("storyline.annotate.ner._import_spacy", missing)
    r = client().post("/api/dossier", json={"articles": BRIDGE})
    assert r.status_code == 503
    assert r.json()["error"]["code"] == "S300"
    assert "storyline[dossier]" in r.json()["error"]["message"]


@pytest.mark.parametrize(
    ("body", "code"),
    [
        (b"{not json", "S104"),
        (b'{"articles": "one text"}', "S104"),
        (b'{"articles": [42]}', "S104"),
        (b'{"articles": [{"title": "no text"}]}', "S104"),
        (b'{"articles": [{"text": "x", "title": 7}]}', "S104"),
        (b'{"articles": ["a report"], "words": 0}', "S104"),
        (b'{"articles": ["a report"], "words": "many"}', "S104"),
        (b'{"articles": ["a report"], "date": "Tuesday"}', "S104"),
        (b'{"articles": ["a report"], "colour": "red"}', "S104"),
        (b'{"words": 10}', "S104"),
        (b"[]", "S104"),
        (b"", "S104"),
        (b'{"articles": []}', "S101"),
        (b'{"articles": ["   "]}', "S101"),
        (b'{"articles": ["Image copyright Reuters"]}', "S105"),
    ],
)
@pytest.mark.parametrize("route", ["/api/summarize", "/api/dossier"])
def test_web_unusable_input_is_a_json_error_with_the_library_code(
    route: str, body: bytes, code: str
) -> None:
    r = client().post(route, content=body, headers={"content-type": "application/json"})
    assert r.status_code == 422, r.text
    error = r.json()["error"]
    assert error["code"] == code and error["status"] == 422
    assert error["message"] and "Traceback" not in r.text


def test_web_unknown_api_path_and_method_are_json() -> None:
    c = client()
    r = c.get("/api/nothing-here")
    assert r.status_code == 404 and r.json()["error"]["code"] == "S504"
    r = c.get("/api/summarize")
    assert r.status_code == 405 and r.json()["error"]["code"] == "S500"


def test_web_a_bug_is_a_500_without_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object, **kwargs: object) -> object:
        raise ZeroDivisionError("secret detail")

    monkeypatch.setattr(web_api.api, "summarize", broken)
    quiet = TestClient(create_app(), base_url="http://127.0.0.1", raise_server_exceptions=False)
    r = quiet.post("/api/summarize", json={"articles": BRIDGE})
    assert r.status_code == 500
    assert r.json()["error"]["code"] == "S000"
    assert "secret detail" not in r.text and "ZeroDivisionError" not in r.text


def test_web_time_limit_answers_503(monkeypatch: pytest.MonkeyPatch) -> None:
    release = threading.Event()

    def stuck(*args: object, **kwargs: object) -> object:
        release.wait(30)
        raise AssertionError("the answer was not awaited")

    monkeypatch.setattr(web_api.api, "summarize", stuck)
    try:
        r = client(time_limit=0.2).post("/api/summarize", json={"articles": BRIDGE})
    finally:
        release.set()
    assert r.status_code == 503
    assert r.json()["error"]["code"] == "S502"
    assert "--time-limit" in r.json()["error"]["message"]


def test_web_openapi_describes_every_api_route() -> None:
    spec = client().get("/openapi.json").json()
    assert spec["info"]["title"] == "storyline"
    for path in ("/api/health", "/api/summarize", "/api/dossier"):
        assert path in spec["paths"]
    body = spec["components"]["schemas"]["ArticlesBody"]
    assert {"articles", "words", "date"} <= set(body["properties"])


def test_web_a_body_that_is_not_json_says_so() -> None:
    body = json.dumps({"articles": BRIDGE}).encode()
    r = client().post("/api/summarize", content=body, headers={"content-type": "text/plain"})
    assert r.status_code == 422 and r.json()["error"]["code"] == "S104"
    assert "Content-Type: application/json" in r.json()["error"]["message"]


def test_web_bad_query_parameters_name_the_parameter(tmp_path: object) -> None:
    r = client().get("/api/events", params={"limit": "0"})
    assert r.status_code == 422 and r.json()["error"]["code"] == "S104"
    assert "query parameter 'limit'" in r.json()["error"]["message"]
