"""What every request must be and what every answer carries (storyline.web.guard)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from web_support import BRIDGE, client

_PATHS = ["/", "/new", "/docs", "/api/health", "/static/style.css", "/nothing", "/api/nothing"]


@pytest.mark.parametrize("path", _PATHS)
def test_web_every_answer_carries_the_security_headers(path: str) -> None:
    r = client().get(path)
    csp = r.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp.split("style-src")[0]
    assert "frame-ancestors 'none'" in csp and "default-src 'none'" in csp
    assert "object-src" not in csp or "'none'" in csp
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["x-frame-options"] == "DENY"
    assert r.headers["referrer-policy"] == "same-origin"


def test_web_no_page_allows_inline_script() -> None:
    for path in _PATHS:
        csp = client().get(path).headers["content-security-policy"]
        script = next(p for p in csp.split(";") if "script-src" in p)
        assert "unsafe" not in script and "data:" not in script


def test_web_a_body_over_the_limit_is_413_json() -> None:
    c = client(max_body=4096)
    big = {"articles": ["word " * 2000]}
    r = c.post("/api/summarize", json=big)
    assert r.status_code == 413
    assert r.json()["error"]["code"] == "S501" and "--max-body" in r.json()["error"]["message"]
    assert c.post("/api/summarize", json={"articles": BRIDGE}).status_code == 200


def test_web_a_streamed_body_over_the_limit_is_413() -> None:
    def chunks() -> Iterator[bytes]:
        yield b'{"articles": ["'
        for _ in range(100):
            yield b"x" * 1000
        yield b'"]}'

    r = client(max_body=4096).post(
        "/api/summarize", content=chunks(), headers={"content-type": "application/json"}
    )
    assert r.status_code == 413 and r.json()["error"]["code"] == "S501"


def test_web_a_page_post_over_the_limit_is_a_413_page() -> None:
    r = client(max_body=4096).post("/new", data={"text": "word " * 2000})
    assert r.status_code == 413
    assert r.headers["content-type"].startswith("text/html")
    assert "S501" in r.text


def test_web_unknown_host_is_refused() -> None:
    r = client().get("/api/health", headers={"host": "attacker.example"})
    assert r.status_code == 403 and r.json()["error"]["code"] == "S503"
    for host in ("localhost:8000", "127.0.0.1", "[::1]:8000"):
        assert client().get("/api/health", headers={"host": host}).status_code == 200


def test_web_all_interfaces_take_any_host() -> None:
    r = client(host="0.0.0.0").get("/api/health", headers={"host": "news-desk.lan:8000"})
    assert r.status_code == 200


@pytest.mark.parametrize(
    "headers",
    [
        {"sec-fetch-site": "cross-site"},
        {"sec-fetch-site": "same-site"},
        {"origin": "http://attacker.example"},
        {"origin": "null"},
    ],
)
def test_web_cross_site_posts_are_refused(headers: dict[str, str]) -> None:
    r = client().post("/api/summarize", json={"articles": BRIDGE}, headers=headers)
    assert r.status_code == 403 and r.json()["error"]["code"] == "S503"
    page = client().post("/new", data={"text": "x"}, headers=headers)
    assert page.status_code == 403 and "S503" in page.text


@pytest.mark.parametrize(
    "headers",
    [{}, {"sec-fetch-site": "same-origin"}, {"origin": "http://127.0.0.1"}],
)
def test_web_same_origin_and_program_posts_pass(headers: dict[str, str]) -> None:
    r = client().post("/api/summarize", json={"articles": BRIDGE}, headers=headers)
    assert r.status_code == 200
