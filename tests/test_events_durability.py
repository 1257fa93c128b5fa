"""The store under stress: a writer killed mid-batch, readers while a writer adds."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

from events_helpers import feed
from storyline.events import EventStore

TESTS = Path(__file__).resolve().parent

_CHILD = """
import sys, time
sys.path.insert(0, {tests!r})
from events_helpers import feed
from storyline.events import EventStore

store = EventStore(sys.argv[1])
store._conn().execute("PRAGMA cache_size = 2")  # spill pages to the WAL early

def items():
    for i, it in enumerate(feed(reports=30, seed=1)):
        if i == 60:
            print("writing", flush=True)
            time.sleep(120)
        yield {{**it, "id": "late-" + it["id"], "text": it["text"] + " Update %d." % i}}

store.add(items())
"""


def _second_batch() -> list[dict[str, object]]:
    return [
        {**it, "id": "late-" + str(it["id"]), "text": f"{it['text']} Update {i}."}
        for i, it in enumerate(feed(reports=30, seed=1))
    ]


def _snapshot(path: Path) -> list[tuple[str, int]]:
    store = EventStore(path)
    out = [(a.id, a.event) for a in store.export()]
    store.close()
    return out


def test_store_killed_mid_batch_is_as_before_that_batch(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    first = feed(reports=4)
    EventStore(path).add(first)
    before = _snapshot(path)
    wal = Path(f"{path}-wal")
    wal_before = wal.stat().st_size if wal.exists() else 0
    child = subprocess.Popen(
        [sys.executable, "-c", _CHILD.format(tests=str(TESTS)), str(path)],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout is not None and child.stdout.readline().strip() == "writing"
        assert wal.stat().st_size > wal_before  # the batch had reached the disk
    finally:
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
        if child.stdout is not None:
            child.stdout.close()
    assert _snapshot(path) == before
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
    # the clusterer's state is intact too: the batch added now gives what it gives on
    # a store that was never interrupted
    EventStore(path).add(_second_batch())
    clean = tmp_path / "clean.db"
    EventStore(clean).add(first)
    EventStore(clean).add(_second_batch())
    assert _snapshot(path) == _snapshot(clean)


def test_store_readers_work_while_a_writer_adds(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    store = EventStore(path)
    store.add(feed(reports=2))
    items = _second_batch()
    errors: list[BaseException] = []
    done = threading.Event()
    ready = threading.Barrier(4)
    seen: list[int] = []
    per_reader: list[list[int]] = []

    def write() -> None:
        ready.wait()
        try:
            for k in range(0, len(items), 15):
                store.add(items[k : k + 15])
        except BaseException as e:  # pragma: no cover - reported below
            errors.append(e)
        finally:
            done.set()

    def read() -> None:
        reader = EventStore(path)  # as another request handler would
        mine: list[int] = []
        per_reader.append(mine)
        reader.events()
        ready.wait()
        try:
            while not done.is_set():
                events = reader.events(limit=None)
                total = sum(e.articles for e in events)
                if events:
                    event = reader.event(events[0].id)
                    assert len(event.articles) >= 1
                reader.search("strike")
                seen.append(total)
                mine.append(total)
        except BaseException as e:  # pragma: no cover - reported below
            errors.append(e)

    threads = [threading.Thread(target=write)] + [threading.Thread(target=read) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert not errors, errors
    assert any(8 < n < 8 + len(items) for n in seen)  # reads between batches
    assert all(m == sorted(m) for m in per_reader)  # whole batches appear, in order
    assert all(
        n in {8 + k for k in range(0, len(items) + 15, 15)} | {8 + len(items)} for n in seen
    )  # never a batch half-written
    assert store.stats()["articles"] == 8 + len(items)
