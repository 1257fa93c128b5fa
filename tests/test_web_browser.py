"""End to end in a real browser: Debian's Chromium driven by Playwright, against
``storyline serve`` started on a free loopback port.

The browser is /usr/bin/chromium (scripts/test.sh installs it when missing; Playwright
never downloads one). Screenshots of every page, desktop and phone width, go to
``$STORYLINE_SCREENSHOTS`` (default: a temporary folder) for a person to look at.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from dossier_fakes import CLUSTERS
from storyline.web.forms import read_form
from web_support import BRIDGE, HOSTILE, HOSTILE_BITS

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
WIDTHS = {"desktop": 1280, "phone": 390}
#: The dossier's first run loads spaCy on a shared machine: be patient, never timed.
SLOW_MS = 180_000

if not CHROMIUM.exists():
    if os.environ.get("CI"):
        pytest.fail("Chromium is missing: scripts/test.sh installs it", pytrace=False)
    pytest.skip("no /usr/bin/chromium (bash scripts/test.sh installs it)", allow_module_level=True)

sync_api = pytest.importorskip("playwright.sync_api")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``storyline serve --port 0``: the real command, its printed address."""
    db = tmp_path_factory.mktemp("store") / "stories.db"
    command = [sys.executable, "-m", "storyline", "serve", "--db", str(db), "--port", "0"]
    with subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    ) as proc:
        try:
            assert proc.stdout is not None
            line = proc.stdout.readline()
            found = re.search(r"serving (http://127\.0\.0\.1:\d+)/", line)
            assert found, f"storyline serve printed {line!r}"
            yield found.group(1)
        finally:
            proc.terminate()
            proc.wait(timeout=30)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=FLAGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = os.environ.get("STORYLINE_SCREENSHOTS")
    path = Path(folder) if folder else tmp_path_factory.mktemp("screenshots")
    path.mkdir(parents=True, exist_ok=True)
    return path


class Tab:
    """A page of a fresh browser context, recording what a person would not see: console
    errors (CSP violations among them), requests to other hosts, dialogs."""

    def __init__(self, browser: Any, base: str, width: int = 1280, js: bool = True) -> None:
        self.context = browser.new_context(
            viewport={"width": width, "height": 900}, java_script_enabled=js
        )
        self.context.set_default_timeout(SLOW_MS)  # waits end on events; this is a backstop
        self.page = self.context.new_page()
        self.base = base
        self.errors: list[str] = []
        self.foreign: list[str] = []
        self.dialogs: list[str] = []
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", self._request)
        self.page.on("dialog", self._dialog)

    def _request(self, request: Any) -> None:
        if not request.url.startswith((self.base, "data:", "about:")):
            self.foreign.append(request.url)

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def clean(self) -> None:
        assert self.errors == [] and self.foreign == [] and self.dialogs == []

    def close(self) -> None:
        self.context.close()


def _shoot(tab: Tab, shots: Path, name: str, full: bool = True) -> None:
    tab.page.screenshot(path=str(shots / f"{name}.png"), full_page=full)


def _paste(tab: Tab, text: str) -> None:
    tab.page.goto(tab.base + "/new")
    tab.page.fill("#text", text)
    with tab.page.expect_navigation(timeout=SLOW_MS):
        tab.page.click("form.new button[type=submit]")


def _highlighted(tab: Tab) -> str:
    return str(
        tab.page.eval_on_selector_all(".text .hl", "els => els.map(e => e.textContent).join('')")
    )


def _plain(article: dict[str, str]) -> str:
    return f"{article['title']}\n\n{article['text']}"


@pytest.mark.slow
@pytest.mark.parametrize("width", WIDTHS)
def test_web_browser_paste_two_reports_and_click_a_citation(
    server: str, browser: Any, shots: Path, width: str
) -> None:
    chunks = [_plain(a) for a in BRIDGE]
    tab = Tab(browser, server, WIDTHS[width])
    tab.page.goto(server + "/new")
    _shoot(tab, shots, f"new-{width}")
    _paste(tab, "\n---\n".join(chunks))
    page = tab.page
    assert page.locator("article.report").count() == 2
    assert page.locator("#summary li").count() >= 1
    _shoot(tab, shots, f"new-dossier-{width}", full=False)
    # the text each report has on the server: what the form reader makes of the paste
    texts = [a.text for a in read_form("\n---\n".join(chunks), [], None)]
    markers = page.locator("a.cite")
    assert markers.count() >= 2
    for i in range(min(markers.count(), 6)):
        m = markers.nth(i)
        doc, start, end = (
            int(m.get_attribute(a) or -1) for a in ("data-doc", "data-start", "data-end")
        )
        m.click()
        assert _highlighted(tab) == texts[doc][start:end]
        assert page.locator(".text .hl").first.is_visible()
    first = page.locator("#summary li").first.locator("a.cite").first
    first.click()
    sentence = page.locator("#summary li").first.inner_text()
    assert _highlighted(tab) in sentence  # the summary sentence is the cited sentence
    _shoot(tab, shots, f"new-dossier-cited-{width}", full=False)
    tab.clean()
    tab.close()


@pytest.mark.slow
def test_web_browser_hostile_article_stays_text(server: str, browser: Any, shots: Path) -> None:
    tab = Tab(browser, server)
    _paste(tab, json.dumps([HOSTILE, BRIDGE[0]]))
    page = tab.page
    page.wait_for_timeout(300)  # give any injected handler its chance to run
    assert page.evaluate("typeof window.pwned") == "undefined"
    shown = page.locator("#report-1 .text").inner_text()
    for bit in HOSTILE_BITS:
        assert bit in shown  # the markup is shown as the words it is
    assert page.locator("#report-1 img, #report-1 script, #report-1 svg").count() == 0
    assert "javascript:window.pwned=9" in page.locator("#report-1 .meta").inner_text()
    assert page.locator("#report-1 .meta a").count() == 0  # shown, never a link
    assert page.locator("a[href^='javascript:']").count() == 0
    page.locator("#summary a.cite").first.click()
    _shoot(tab, shots, "hostile-desktop")
    tab.clean()
    tab.close()


@pytest.mark.slow
def test_web_browser_pages_read_without_javascript(server: str, browser: Any) -> None:
    tab = Tab(browser, server, js=False)
    _paste(tab, "\n---\n".join(_plain(a) for a in BRIDGE))
    marker = tab.page.locator("#summary a.cite").first
    anchor = marker.get_attribute("href")
    assert anchor and anchor.startswith("#r")
    marker.click()
    assert tab.page.url.endswith(anchor)
    assert tab.page.locator(f"[id='{anchor[1:]}']").is_visible()
    tab.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_web_browser_docs_render_offline(
    server: str, browser: Any, shots: Path, width: str
) -> None:
    tab = Tab(browser, server, WIDTHS[width])
    tab.page.goto(server + "/docs")
    tab.page.wait_for_selector(".swagger-ui .info .title", timeout=60_000)
    assert "storyline" in tab.page.locator(".swagger-ui .info .title").inner_text()
    tab.page.get_by_text("/api/summarize", exact=True).wait_for()
    _shoot(tab, shots, f"docs-{width}")
    if width == "desktop":  # interactive: try /api/summarize with its example body
        tab.page.get_by_text("/api/summarize", exact=True).click()
        tab.page.get_by_role("button", name="Try it out").click()
        tab.page.get_by_role("button", name="Execute").click()
        status = tab.page.locator(".live-responses-table tbody .response-col_status").first
        status.wait_for(timeout=60_000)
        assert status.inner_text().strip() == "200"
        _shoot(tab, shots, "docs-try-desktop")
    tab.clean()  # nothing fetched from another host, no CSP violation
    tab.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_web_browser_error_page(server: str, browser: Any, shots: Path, width: str) -> None:
    tab = Tab(browser, server, WIDTHS[width])
    response = tab.page.goto(server + "/events/999999")
    assert response is not None and response.status == 404
    assert "Not found" in tab.page.locator("h1").inner_text()
    _shoot(tab, shots, f"not-found-{width}")
    tab.close()


def _api(base: str, path: str, body: object | None = None) -> Any:
    """A call to the server's API (loopback), as a program would make it."""
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(
        base + path, data=data, headers={"content-type": "application/json"}
    )
    with urllib.request.urlopen(request, timeout=SLOW_MS / 1000) as answer:
        return json.loads(answer.read())


def _cluster(name: str) -> list[dict[str, Any]]:
    return list(json.loads((CLUSTERS / f"{name}.json").read_text("utf-8"))["articles"])


@pytest.mark.slow
def test_web_browser_stories_story_citation_and_reload(
    server: str, browser: Any, shots: Path
) -> None:
    ferry = _cluster("ferry")
    report = _api(server, "/api/articles", {"articles": ferry[:1] + _cluster("factory")})
    event = report["assigned"][0]["event"]
    for width, px in WIDTHS.items():
        tab = Tab(browser, server, px)
        tab.page.goto(server + "/")
        stories = tab.page.locator("a.story")
        assert stories.count() >= 2
        _shoot(tab, shots, f"stories-{width}")
        tab.page.fill("#q", "Skerra")
        with tab.page.expect_navigation():  # count the answer's stories, not the old page's
            tab.page.click("form.search button")
        assert tab.page.locator("a.story").count() >= 1
        _shoot(tab, shots, f"stories-search-{width}")
        tab.page.locator(f"a.story[href='/events/{event}']").click()
        tab.page.wait_for_selector("#summary li")
        _shoot(tab, shots, f"story-{width}")
        dossier = _api(server, f"/api/events/{event}/dossier")  # what the page shows
        texts = [d["text"] for d in dossier["documents"]]
        for i in range(min(tab.page.locator("a.cite").count(), 5)):
            m = tab.page.locator("a.cite").nth(i)
            doc, start, end = (
                int(m.get_attribute(a) or -1) for a in ("data-doc", "data-start", "data-end")
            )
            m.click()
            assert _highlighted(tab) == texts[doc][start:end]
        first = dossier["summary"][0]["citations"][0]
        tab.page.locator("#summary li").first.locator("a.cite").first.click()
        assert _highlighted(tab) == dossier["summary"][0]["text"]
        assert texts[first["doc"]][first["start"] : first["end"]] == dossier["summary"][0]["text"]
        _shoot(tab, shots, f"story-cited-{width}", full=False)
        tab.page.emulate_media(media="print")
        _shoot(tab, shots, f"story-print-{width}")
        tab.page.emulate_media(media="screen")
        tab.clean()
        tab.close()
    tab = Tab(browser, server)
    tab.page.goto(f"{server}/events/{event}")
    before = tab.page.locator("article.report").count()
    added = _api(server, "/api/articles", {"articles": ferry[1:2]})
    assert added["assigned"][0]["event"] == event
    tab.page.reload()
    assert tab.page.locator("article.report").count() == before + 1
    tab.close()


@pytest.mark.slow
def test_web_browser_new_reports_added_to_the_store(server: str, browser: Any) -> None:
    tab = Tab(browser, server)
    _paste(tab, "\n---\n".join(_plain(a) for a in BRIDGE))
    with tab.page.expect_navigation():
        tab.page.click("form.add button")
    assert "/events/" in tab.page.url
    assert "2 reports added" in tab.page.locator(".notice").first.inner_text()
    assert tab.page.locator("article.report").count() == 2
    tab.clean()
    tab.close()
