"""The event store: adding, duplicates, bad items, reading, search, cache, migrations."""

from __future__ import annotations

import json
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from events_helpers import feed
from storyline import Article, EventStore, StoreError, UnknownEventError, summarize
from storyline.events import ClusterSettings, stable_id
from storyline.events.schema import VERSION
from storyline.render import to_json

FIXTURES = Path(__file__).parent / "fixtures" / "events"


@pytest.fixture
def store(tmp_path: Path) -> EventStore:
    return EventStore(tmp_path / "s.db")


def test_store_add_assigns_every_article_and_reports(store: EventStore) -> None:
    items = feed()
    report = store.add(items)
    assert report.added == len(items) and not report.failures and not report.duplicates
    assert report.events_created == len({e for _, e in report.assigned})
    exported = list(store.export())
    assert [a.id for a in exported] == [it["id"] for it in items]
    assert sum(e.articles for e in store.events(limit=None)) == len(items)


def test_store_is_sqlite_wal_with_foreign_keys(store: EventStore, tmp_path: Path) -> None:
    store.add(feed(2))
    conn = sqlite3.connect(tmp_path / "s.db")
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA user_version").fetchone()[0] == VERSION
    assert store._conn().execute("PRAGMA foreign_keys").fetchone()[0] == 1
    with pytest.raises(sqlite3.IntegrityError):
        store._conn().execute(
            "INSERT INTO articles(id, event_id, text, text_key, added_at) "
            "VALUES ('x', 999, 't', 'k', 'now')"
        )


def test_store_duplicates_counted_once(store: EventStore) -> None:
    first = {
        "id": "a1",
        "text": "The bridge at Norl closed on Monday after a crack was found.",
        "url": "https://example.org/norl",
    }
    report = store.add(
        [
            first,
            {**first, "id": "a2", "url": None},  # same text
            {"id": "a3", "text": "Another text entirely about Norl.", "url": first["url"]},  # url
            {"id": "a1", "text": "Norl bridge reopened."},  # same id
        ]
    )
    assert report.added == 1
    assert [(d.of, d.reason) for d in report.duplicates] == [
        ("a1", "text"),
        ("a1", "url"),
        ("a1", "id"),
    ]
    again = store.add([first])
    assert again.added == 0 and again.duplicates[0].reason == "id"
    assert store.stats() == {"articles": 1, "events": 1}


def test_store_bad_items_reported_rest_added(store: EventStore) -> None:
    report = store.add(
        [
            {"text": "   "},
            {"title": "no text"},
            42,
            {"text": "Ok text of Tarn.", "title": 7},
            {"text": "Rivers rose at Tarn on Sunday.", "title": "x" * 5000},
            {"text": "The Tarn ferry stopped running on Sunday."},
        ]
    )
    assert report.added == 1 and report.failed == 5
    assert all(f.origin.startswith("item ") for f in report.failures)
    assert "empty" in report.failures[0].message


def test_store_keeps_own_ids_and_gives_stable_ones(store: EventStore) -> None:
    text = "Snow closed the Ferran pass on Tuesday."
    report = store.add([Article(text=text), Article(text="Other news from Ferran.", id="mine")])
    ids = [a for a, _ in report.assigned]
    assert ids == [stable_id(text), "mine"]
    assert stable_id(text) == stable_id(" Snow  closed the Ferran pass on Tuesday.")


def test_store_event_articles_slice_their_citations(store: EventStore) -> None:
    store.add(feed())
    top = store.events(limit=1)[0]
    event = store.event(top.id)
    assert len(event.articles) == top.articles
    summary = json.loads(store.summary(top.id, words=60))
    for sentence in summary["summary"]:
        c = sentence["citations"][0]
        assert summary["documents"][c["doc"]]["text"][c["start"] : c["end"]] == sentence["text"]


def test_store_summary_is_summarize_of_its_articles_and_cached(store: EventStore) -> None:
    store.add(feed())
    eid = store.events(limit=1)[0].id
    articles = [a.article for a in store.event(eid).articles]
    expected = to_json(summarize(articles, words=80))
    assert store.summary(eid, words=80) == expected
    conn = store._conn()
    conn.execute("UPDATE cache SET body = 'CACHED' WHERE event_id = ?", (eid,))
    assert store.summary(eid, words=80) == "CACHED"  # served from the cache
    rows = [it for it in feed(6) if it["id"].endswith(("-4", "-5"))]
    store.add(rows)
    if store.event(eid).info.articles > len(articles):  # the event changed: recomputed
        assert store.summary(eid, words=80) != "CACHED"


def test_store_unknown_event(store: EventStore) -> None:
    with pytest.raises(UnknownEventError):
        store.event(12345)


def test_store_search_answers_with_events(store: EventStore) -> None:
    store.add(feed())
    hits = store.search("Calyx harbour")
    assert hits and all(
        any("Calyx" in a.article.text for a in store.event(h.event.id).articles) for h in hits
    )
    assert store.search('"Brina Kolt"')[0].event.id != store.search("Calyx")[0].event.id
    assert isinstance(store.search('weird "query (with AND OR * NEAR symbols'), list)
    assert store.search("") == []


def test_store_events_since_and_limit(store: EventStore) -> None:
    store.add(feed())
    everything = store.events(limit=None)
    assert len(store.events(limit=2)) == 2
    late = store.events(since=date(2025, 5, 6), limit=None)
    assert all(e.last_published and e.last_published >= date(2025, 5, 6) for e in late)
    assert len(late) < len(everything)


def test_store_refuses_a_file_that_is_not_a_store(tmp_path: Path) -> None:
    bad = tmp_path / "x.db"
    bad.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(StoreError):
        EventStore(bad)


def test_store_refuses_a_newer_schema(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    EventStore(path).close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {VERSION + 1}")
    conn.close()
    with pytest.raises(StoreError, match="newer"):
        EventStore(path)


def test_store_migrates_a_version_1_store(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    conn.executescript((FIXTURES / "store_v1.sql").read_text(encoding="utf-8"))
    conn.close()
    store = EventStore(path)
    assert store._conn().execute("PRAGMA user_version").fetchone()[0] == VERSION
    assert store.stats() == {"articles": 3, "events": 2}
    assert [h.event.id for h in store.search("conveyor")] == [1]  # FTS built from the rows
    report = store.add(
        [
            {
                "id": "new",
                "title": "Lisk harbour fire: warehouse owner speaks",
                "published": "2024-11-04",
                "text": "The owner of the grain warehouse destroyed by fire at Lisk "
                "harbour said on Monday he would rebuild it.",
            }
        ]
    )
    assert report.assigned == [("new", 1)]


def test_store_settings_are_kept_and_can_be_changed(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    EventStore(path, settings=ClusterSettings(gap_days=12)).close()
    assert EventStore(path).settings.gap_days == 12  # a later open keeps them
    store = EventStore(path)
    store.configure(gap_days=40)
    assert EventStore(path).settings.gap_days == 40
