"""The store's pages and API: stories, a story, search, adding articles, and many
concurrent clients that must not corrupt the store."""

from __future__ import annotations

import http.client
import json
import re
import sqlite3
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from dossier_fakes import CLUSTERS
from storyline.cli.app import app as cli
from storyline.errors import ModelError
from storyline.events import EventStore
from web_support import BRIDGE, client


def _cluster(name: str) -> list[dict[str, Any]]:
    raw = json.loads((CLUSTERS / f"{name}.json").read_text(encoding="utf-8"))
    return list(raw["articles"])


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "stories.db"


@pytest.fixture
def no_spacy(monkeypatch: pytest.MonkeyPatch) -> None:
    def missing(*args: object, **kwargs: object) -> object:
        raise ModelError("spaCy is not installed: pip install 'storyline[dossier]'")

    monkeypatch.setattr("storyline.annotate.ner._import_spacy", missing)


def _add(c: TestClient, articles: list[Any]) -> dict[str, Any]:
    r = c.post("/api/articles", json={"articles": articles})
    assert r.status_code == 200, r.text
    return r.json()  # type: ignore[no-any-return]


def test_web_store_add_list_show_search(db: Path) -> None:
    c = client(db=db)
    assert c.get("/api/events").json() == []
    ferry, bridge = _cluster("ferry"), _cluster("bridge")
    report = _add(c, ferry + bridge)
    assert report["added"] == len(ferry) + len(bridge) and not report["failures"]
    assert len(report["assigned"]) == report["added"]
    listed = c.get("/api/events").json()
    assert len(listed) >= 2
    assert sum(e["articles"] for e in listed) == report["added"]
    ferry_event = next(a["event"] for a in report["assigned"][: len(ferry)])
    one = c.get(f"/api/events/{ferry_event}").json()
    assert one["id"] == ferry_event and one["documents"]
    hits = c.get("/api/events", params={"q": "Skerra ferry"}).json()
    assert hits and hits[0]["id"] == ferry_event and hits[0]["matches"] >= 1


def test_web_store_answers_are_the_cli_json(db: Path) -> None:
    c = client(db=db)
    event = _add(c, _cluster("ferry"))["assigned"][0]["event"]
    api = c.get(f"/api/events/{event}/summary")
    assert api.status_code == 200 and api.headers["content-type"] == "application/json"
    shown = CliRunner().invoke(
        cli, ["events", "show", str(event), "--db", str(db), "--format", "json"]
    )
    assert shown.exit_code == 0, shown.output
    assert api.text == shown.stdout
    listed = CliRunner().invoke(cli, ["events", "list", "--db", str(db), "--format", "json"])
    assert c.get("/api/events").json() == json.loads(listed.stdout)


@pytest.mark.slow
def test_web_store_dossier_is_the_cli_json(db: Path) -> None:
    c = client(db=db)
    event = _add(c, _cluster("ferry"))["assigned"][0]["event"]
    api = c.get(f"/api/events/{event}/dossier")
    assert api.status_code == 200, api.text
    shown = CliRunner().invoke(
        cli, ["events", "show", str(event), "--dossier", "--db", str(db), "--format", "json"]
    )
    assert shown.exit_code == 0, shown.output
    assert api.text == shown.stdout
    page = c.get(f"/events/{event}")
    assert page.status_code == 200 and 'id="actors"' in page.text


def test_web_store_unknown_event_is_404(db: Path) -> None:
    c = client(db=db)
    for path in ("/api/events/4242", "/api/events/4242/summary", "/api/events/4242/dossier"):
        r = c.get(path)
        assert r.status_code == 404 and r.json()["error"]["code"] == "S401", path
    page = c.get("/events/4242")
    assert page.status_code == 404 and "S401" in page.text
    bad = c.get("/api/events/not-a-number")
    assert bad.status_code == 422 and bad.json()["error"]["code"] == "S104"


def test_web_store_bad_items_are_reported_and_the_rest_added(db: Path) -> None:
    c = client(db=db)
    good = _cluster("bridge")
    report = _add(c, [good[0], {"title": "no text"}, 42, good[0], {"text": "  "}])
    assert report["added"] == 1
    assert len(report["duplicates"]) == 1
    errors = [f["error"] for f in report["failures"]]
    assert len(errors) == 3 and all(re.match(r"\[S10\d\]", e) for e in errors), errors
    assert any("request#2" in e for e in errors)


def test_web_store_malformed_body_is_refused_whole(db: Path) -> None:
    c = client(db=db)
    r = c.post("/api/articles", json={"articles": "text"})
    assert r.status_code == 422 and r.json()["error"]["code"] == "S104"
    assert c.get("/api/events").json() == []


def test_web_no_store_is_said(tmp_path: Path) -> None:
    c = client()
    r = c.get("/api/events")
    assert r.status_code == 503 and r.json()["error"]["code"] == "S500"
    assert "--db" in r.json()["error"]["message"]
    assert "storyline serve --db" in c.get("/").text


def test_web_stories_page_lists_and_searches(db: Path) -> None:
    c = client(db=db)
    _add(c, _cluster("ferry") + _cluster("factory"))
    page = c.get("/")
    assert page.status_code == 200
    links = re.findall(r'<a class="story" href="/events/(\d+)">', page.text)
    assert len(links) >= 2
    found = c.get("/", params={"q": "ferry"})
    assert found.status_code == 200 and "matching" in found.text
    assert len(re.findall(r'class="story"', found.text)) < len(links)
    nothing = c.get("/", params={"q": "zeppelin"})
    assert "0 stories" in nothing.text


def test_web_story_page_shows_new_articles_on_reload(db: Path, no_spacy: None) -> None:
    c = client(db=db)
    ferry = _cluster("ferry")
    event = _add(c, ferry[:1])["assigned"][0]["event"]
    before = c.get(f"/events/{event}")
    assert before.status_code == 200 and "storyline[web,dossier]" in before.text
    assert before.text.count('class="report"') == 1
    report = _add(c, ferry[1:])
    joined = sum(1 for a in report["assigned"] if a["event"] == event)
    assert joined >= 1  # the second ferry report is the same story
    after = c.get(f"/events/{event}")
    assert after.text.count('class="report"') == 1 + joined


def test_web_new_then_add_to_the_store(db: Path, no_spacy: None) -> None:
    c = client(db=db)
    text = "\n---\n".join(f"{a['title']}\n\n{a['text']}" for a in BRIDGE)
    page = c.post("/new", data={"text": text})
    assert page.status_code == 200 and 'action="/new/add"' in page.text
    field = re.search(r'name="articles" value="([^"]*)"', page.text)
    assert field
    import html

    articles = html.unescape(field.group(1))
    r = c.post("/new/add", data={"articles": articles}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].startswith("/events/")
    story = c.get(r.headers["location"])
    assert "2 reports added" in story.text and story.text.count('class="report"') == 2
    again = c.post("/new/add", data={"articles": articles}, follow_redirects=False)
    assert again.status_code == 303 and "added=0" in again.headers["location"]
    assert "already in it" in c.get(again.headers["location"]).text


# --- many clients at once, against the real server ----------------------------------


def _article(client_no: int, k: int) -> dict[str, str]:
    towns = ["Arvik", "Belmor", "Corran", "Dunse", "Elvan", "Farrow", "Gelt", "Hollin"]
    things = ["lantern festival", "rowing regatta", "cheese fair", "kite contest"]
    town, thing = towns[client_no % len(towns)], things[k % len(things)]
    return {
        "id": f"c{client_no}-{k}",
        "title": f"{town} {thing} draws crowds",
        "published": "2026-05-0" + str(1 + k % 9),
        "text": (
            f"The {thing} in {town} drew about {1000 + 37 * client_no + k} visitors on "
            f"Saturday, organisers said. It was the {k + 2}th {thing} held in {town}."
        ),
    }


@pytest.fixture
def live(db: Path) -> Iterator[tuple[str, int]]:
    command = [sys.executable, "-m", "storyline", "serve", "--db", str(db), "--port", "0"]
    with subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    ) as proc:
        try:
            assert proc.stdout is not None
            found = re.search(r"http://(127\.0\.0\.1):(\d+)/", proc.stdout.readline())
            assert found
            yield found.group(1), int(found.group(2))
        finally:
            proc.terminate()
            proc.wait(timeout=30)


def test_web_concurrent_clients_do_not_corrupt_the_store(live: tuple[str, int], db: Path) -> None:
    host, port = live
    clients, batches, per_batch = 8, 3, 2
    statuses: list[int] = []
    added: list[int] = []
    lock = threading.Lock()

    def work(n: int) -> None:
        conn = http.client.HTTPConnection(host, port, timeout=300)
        for b in range(batches):
            body = json.dumps(
                {"articles": [_article(n, b * per_batch + k) for k in range(per_batch)]}
            )
            conn.request(
                "POST", "/api/articles", body=body, headers={"content-type": "application/json"}
            )
            r = conn.getresponse()
            report = json.loads(r.read())
            for path in ("/api/events", "/"):
                conn.request("GET", path)
                g = conn.getresponse()
                g.read()
                with lock:
                    statuses.append(g.status)
            with lock:
                statuses.append(r.status)
                added.append(report["added"])
        conn.close()

    threads = [threading.Thread(target=work, args=(n,)) for n in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    total = clients * batches * per_batch
    assert set(statuses) == {200}
    assert sum(added) == total
    store = EventStore(db)
    assert sum(1 for _ in store.export()) == total
    assert sum(e.articles for e in store.events(limit=None)) == total
    store.close()
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
