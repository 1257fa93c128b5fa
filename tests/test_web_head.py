"""HEAD is answered like GET without a body (issue 11: FastAPI's GET routes said 405)."""

from __future__ import annotations

from pathlib import Path

import pytest

from web_support import BRIDGE, client


@pytest.fixture()
def web(tmp_path: Path):  # type: ignore[no-untyped-def]
    c = client(db=tmp_path / "store.db")
    r = c.post("/api/articles", json={"articles": BRIDGE})
    assert r.status_code == 200, r.text
    return c


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/new",
        "/events/1",
        "/docs",
        "/openapi.json",
        "/static/style.css",
        "/api/health",
        "/api/events",
        "/api/events/1",
        "/api/events/1/summary",
        "/?q=bridge",
    ],
)
def test_head_answers_like_get_without_a_body(web, path: str) -> None:  # type: ignore[no-untyped-def]
    got, head = web.get(path), web.head(path)
    assert got.status_code == head.status_code == 200
    assert head.content == b""
    assert head.headers["content-type"] == got.headers["content-type"]
    assert int(head.headers["content-length"]) == len(got.content)
    assert head.headers["content-security-policy"] == got.headers["content-security-policy"]


def test_head_of_a_missing_page_is_its_404(web) -> None:  # type: ignore[no-untyped-def]
    assert web.head("/nothing").status_code == web.head("/events/999").status_code == 404
    assert web.head("/api/events/999").status_code == 404


@pytest.mark.parametrize("path", ["/api/summarize", "/api/articles", "/new/add"])
def test_post_only_routes_answer_405_naming_post(web, path: str) -> None:  # type: ignore[no-untyped-def]
    for r in (web.head(path), web.get(path)):
        assert r.status_code == 405
        assert r.headers["allow"] == "POST"
    assert web.get(path).content  # the GET still says why
