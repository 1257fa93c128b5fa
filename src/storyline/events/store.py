"""The event store: one SQLite file (WAL, foreign keys on) holding articles as read,
the events they were sorted into, and each event's cached summary and dossier.

Concurrency: each thread gets its own connection (``busy_timeout`` set); readers see
the last committed batch while a writer adds (WAL). Every :meth:`EventStore.add` is one
``BEGIN IMMEDIATE`` transaction: a batch is stored whole or, if the process is killed
or the disk fills, not at all. Writers in other processes wait for the lock; the
clusterer's state is reloaded when another process committed since (``generation``).
"""

from __future__ import annotations

import json
import re
import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict
from datetime import date
from pathlib import Path
from typing import Any

from storyline.errors import StoreError, UnknownEventError
from storyline.events import schema, state
from storyline.events.adding import Batch, Item
from storyline.events.cluster import Clusterer, ClusterSettings
from storyline.events.features import FeatureSettings
from storyline.events.records import (
    AddReport,
    Event,
    EventInfo,
    SearchHit,
    StoredArticle,
)
from storyline.model import Article

_WS = re.compile(r"\s+")
_FTS_WORD = re.compile(r"\w+", re.UNICODE)
_EVENT_COLUMNS = "id, title, articles, outlets, first_published, last_published, revision"
#: SQLite's integers are 64-bit: an id outside these is no event's.
_SQLITE_MIN, _SQLITE_MAX = -(2**63), 2**63 - 1
_ARTICLE_COLUMNS = "id, event_id, seq, text, title, source, url, published, origin"
#: Seconds a connection waits for another writer before giving up.
BUSY_TIMEOUT = 60.0


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _info(row: tuple[Any, ...]) -> EventInfo:
    eid, title, n, outlets, first, last, revision = row
    return EventInfo(eid, title, n, outlets, _day(first), _day(last), revision)


def _stored(row: tuple[Any, ...]) -> StoredArticle:
    aid, eid, seq, text, title, source, url, published, origin = row
    article = Article(
        text=text,
        title=title,
        source=source,
        url=url,
        published=_day(published),
        origin=origin,
        id=aid,
    )
    return StoredArticle(id=aid, event=eid, seq=seq, article=article)


def fts_query(query: str) -> str:
    """A user's words as an FTS5 query: every word must occur ("quoted" runs as phrases)."""
    parts: list[str] = []
    for i, chunk in enumerate(query.split('"')):
        found = _FTS_WORD.findall(chunk)
        if not found:
            continue
        if i % 2:
            parts.append('"' + " ".join(found) + '"')
        else:
            parts += [f'"{w}"' for w in found]
    return " ".join(parts)


class EventStore:
    """A store of articles sorted into events, in one SQLite file at ``path``.

    ``settings`` are the clusterer's; a new store keeps those it was made with (or
    the defaults) and uses them for every later batch, unless others are given.
    """

    def __init__(
        self,
        path: str | Path,
        settings: ClusterSettings | None = None,
        features: FeatureSettings | None = None,
    ) -> None:
        self.path = Path(path)
        self._local = threading.local()
        self._write_lock = threading.Lock()
        self._clusterer: Clusterer | None = None
        self._generation: int | None = None
        self.features = features or FeatureSettings()
        conn = self._conn()
        schema.migrate(conn, str(self.path))
        self.settings = self._settings(conn, settings)

    # --- connections ----------------------------------------------------------------
    def _conn(self) -> sqlite3.Connection:
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            conn = self._connect()
            self._local.conn = conn
        return conn

    def _connect(self) -> sqlite3.Connection:
        if self.path.is_dir():
            raise StoreError(f"{self.path} is a folder; give a file name for the store (--db)")
        try:
            conn = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT, isolation_level=None)
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute("PRAGMA synchronous = FULL")
        except sqlite3.DatabaseError as e:
            raise StoreError(
                f"{self.path} cannot be opened as an event store ({e}); give a store made "
                "by storyline, or a new file name"
            ) from e
        return conn

    def close(self) -> None:
        """Close this thread's connection (others close when their threads end)."""
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            conn.close()
            self._local.conn = None

    def __enter__(self) -> EventStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _settings(self, conn: sqlite3.Connection, given: ClusterSettings | None) -> ClusterSettings:
        row = conn.execute("SELECT value FROM meta WHERE key = 'settings'").fetchone()
        if row is not None and given is None:
            saved = json.loads(row[0])
            # Stores made before the learned linker keep the cosine threshold they used.
            saved.setdefault("linker", "cosine")
            return ClusterSettings(**saved)
        chosen = given or ClusterSettings()
        if row is None or json.loads(row[0]) != asdict(chosen):
            with self._transaction(conn):
                conn.execute(
                    "INSERT OR REPLACE INTO meta VALUES ('settings', ?)",
                    (json.dumps(asdict(chosen)),),
                )
        return chosen

    def configure(self, **changes: Any) -> ClusterSettings:
        """Change the clusterer's settings for this and every later batch (e.g.
        ``gap_days=30``); they are saved in the store. Events already formed stay."""
        from dataclasses import replace

        self.settings = self._settings(self._conn(), replace(self.settings, **changes))
        self._clusterer = None
        return self.settings

    @staticmethod
    def _transaction(conn: sqlite3.Connection, mode: str = "IMMEDIATE") -> _Txn:
        return _Txn(conn, mode)

    # --- writing ----------------------------------------------------------------------
    def add(
        self, items: Iterable[Item], progress: Callable[[int], None] | None = None
    ) -> AddReport:
        """Add articles (``Article`` objects, article dicts, plain texts, or the
        :class:`ReadFailure` s of a feed) as one batch: each joins an event or starts
        one. All or nothing: an error of the store (disk full...) leaves it as before."""
        report = AddReport()
        with self._write_lock:
            conn = self._conn()
            try:
                with self._transaction(conn):
                    batch = Batch(conn, self._load_state(conn), self.features, report)
                    for n, item in enumerate(items, 1):
                        batch.take(item, n)
                        if progress is not None:
                            progress(1)
                    batch.finish()
                    self._generation = int(
                        conn.execute(
                            "UPDATE meta SET value = value + 1 WHERE key = 'generation' "
                            "RETURNING value"
                        ).fetchone()[0]
                    )
            except sqlite3.Error as e:
                self._clusterer = None
                raise StoreError(
                    f"{self.path}: the batch could not be stored ({e}); the store is as it "
                    "was before it"
                ) from e
            except BaseException:
                self._clusterer = None
                raise
        return report

    def _load_state(self, conn: sqlite3.Connection) -> Clusterer:
        generation = int(
            conn.execute("SELECT value FROM meta WHERE key = 'generation'").fetchone()[0]
        )
        if self._clusterer is None or generation != self._generation:
            self._clusterer = state.load(conn, self.settings)
            self._generation = generation
        return self._clusterer

    # --- reading ----------------------------------------------------------------------
    def events(
        self, *, since: date | None = None, limit: int | None = 50, offset: int = 0
    ) -> list[EventInfo]:
        """Events ranked by size and recency: articles x 0.5 ** (days since the event's
        last article, counted back from the newest date in the store / 7). ``since``
        keeps events with an article published on or after that day."""
        conn = self._conn()
        sql = f"SELECT {_EVENT_COLUMNS}, updated_seq FROM events WHERE merged_into IS NULL"
        args: tuple[Any, ...] = ()
        if since is not None:
            sql += " AND last_published >= ?"
            args = (since.isoformat(),)
        with self._transaction(conn, "DEFERRED"):
            rows = conn.execute(sql, args).fetchall()
        newest = max((date.fromisoformat(r[5]) for r in rows if r[5]), default=None)

        def rank(row: tuple[Any, ...]) -> tuple[float, int]:
            last = _day(row[5])
            age = (newest - last).days if newest and last else 0
            return (-row[2] * 0.5 ** (age / 7), -row[7])

        rows.sort(key=rank)
        end = None if limit is None else offset + limit
        return [_info(r[:7]) for r in rows[offset:end]]

    def event(self, event_id: int) -> Event:
        """The event with its articles in the order added; :class:`UnknownEventError`
        when there is none with that id. An event merged into another gives that one
        (its ``info.id`` says which)."""
        if not _SQLITE_MIN <= event_id <= _SQLITE_MAX:  # no such row (and SQLite refuses it)
            raise UnknownEventError(
                f"{self.path}: no event {event_id}; `storyline events list` shows the ids"
            )
        conn = self._conn()
        with self._transaction(conn, "DEFERRED"):
            event_id = self._surviving(conn, event_id)
            row = conn.execute(
                f"SELECT {_EVENT_COLUMNS} FROM events WHERE id = ?", (event_id,)
            ).fetchone()
            if row is None:
                raise UnknownEventError(
                    f"{self.path}: no event {event_id}; `storyline events list` shows the ids"
                )
            articles = conn.execute(
                f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE event_id = ? ORDER BY seq",
                (event_id,),
            ).fetchall()
        return Event(info=_info(row), articles=tuple(_stored(a) for a in articles))

    @staticmethod
    def _surviving(conn: sqlite3.Connection, event_id: int) -> int:
        for _ in range(1000):
            row = conn.execute(
                "SELECT merged_into FROM events WHERE id = ?", (event_id,)
            ).fetchone()
            if row is None or row[0] is None:
                return event_id
            event_id = int(row[0])
        return event_id

    def article(self, article_id: str) -> StoredArticle | None:
        """The stored article with that id, or None."""
        row = (
            self._conn()
            .execute(f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE id = ?", (article_id,))
            .fetchone()
        )
        return _stored(row) if row else None

    def search(self, query: str, *, limit: int = 20) -> list[SearchHit]:
        """Events whose articles contain every word of ``query`` (full-text, stemmed;
        "quoted words" as a phrase), best first (FTS5's bm25 of their best article)."""
        match = fts_query(query)
        if not match:
            return []
        conn = self._conn()
        with self._transaction(conn, "DEFERRED"):
            rows = conn.execute(
                "SELECT a.event_id, a.id, bm25(articles_fts) AS score FROM articles_fts "
                "JOIN articles a ON a.seq = articles_fts.rowid WHERE articles_fts MATCH ? "
                "ORDER BY score, a.seq",
                (match,),
            ).fetchall()
            found: dict[int, list[tuple[str, float]]] = {}
            for eid, aid, score in rows:
                found.setdefault(eid, []).append((aid, score))
            best = sorted(found, key=lambda e: (found[e][0][1], -len(found[e]), e))[:limit]
            infos = {
                r[0]: _info(r)
                for r in conn.execute(
                    f"SELECT {_EVENT_COLUMNS} FROM events WHERE id IN "
                    f"({','.join('?' * len(best))})",
                    best,
                )
            }
        return [
            SearchHit(
                event=infos[e],
                matches=len(found[e]),
                article_ids=tuple(a for a, _ in found[e][:5]),
                score=-found[e][0][1],
            )
            for e in best
        ]

    def export(self) -> Iterator[StoredArticle]:
        """Every stored article in the order added (a consistent snapshot)."""
        conn = self._connect()  # its own connection: the caller may read meanwhile
        try:
            with self._transaction(conn, "DEFERRED"):
                for row in conn.execute(f"SELECT {_ARTICLE_COLUMNS} FROM articles ORDER BY seq"):
                    yield _stored(row)
        finally:
            conn.close()

    def stats(self) -> dict[str, int]:
        """How many articles and events the store holds."""
        conn = self._conn()
        with self._transaction(conn, "DEFERRED"):
            articles = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
            events = conn.execute(
                "SELECT count(*) FROM events WHERE merged_into IS NULL"
            ).fetchone()[0]
        return {"articles": articles, "events": events}

    # --- summaries and dossiers, cached -------------------------------------------
    def summary(self, event_id: int, *, words: int = 120, fmt: str = "json") -> str:
        """The event's summary rendered as ``fmt`` (json, md or text): exactly what
        :func:`storyline.summarize` gives for its articles in the order added. Cached in
        the store; recomputed only when an article has joined the event since."""
        from storyline.events.views import render_summary

        return self._cached(event_id, f"summary:{fmt}:{words}", render_summary, words, fmt)

    def dossier(
        self, event_id: int, *, words: int = 120, fmt: str = "json", model: str | None = None
    ) -> str:
        """The event's dossier rendered as ``fmt`` (json, md or html), as
        :func:`storyline.dossier` gives it; cached like :meth:`summary`."""
        from storyline.events.views import render_dossier

        key = f"dossier:{fmt}:{words}:{model or ''}"
        return self._cached(event_id, key, render_dossier, words, fmt, model)

    def _cached(self, event_id: int, key: str, make: Callable[..., str], *args: Any) -> str:
        from storyline import __version__

        key = f"{key}:{__version__}"
        conn = self._conn()
        with self._transaction(conn, "DEFERRED"):
            event = self.event(event_id)
            event_id = event.info.id
            row = conn.execute(
                "SELECT revision, body FROM cache WHERE event_id = ? AND key = ?",
                (event_id, key),
            ).fetchone()
        if row is not None and row[0] == event.info.revision:
            return str(row[1])
        body = make([a.article for a in event.articles], *args)
        self._remember(event_id, key, event.info.revision, body)
        return body

    def _remember(self, event_id: int, key: str, revision: int, body: str) -> None:
        """Cache ``body`` if the event is still at ``revision``; skipped (not waited
        for) while a writer holds the store."""
        conn = self._conn()
        conn.execute("PRAGMA busy_timeout = 200")
        try:
            with self._transaction(conn):
                conn.execute(
                    "INSERT OR REPLACE INTO cache(event_id, key, revision, body) "
                    "SELECT id, ?, revision, ? FROM events WHERE id = ? AND revision = ?",
                    (key, body, event_id, revision),
                )
        except sqlite3.OperationalError:
            pass  # locked: the next reader caches it
        finally:
            conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT * 1000)}")


class _Txn:
    """``with _Txn(conn)``: BEGIN ... COMMIT, ROLLBACK on any exception. Nested use on a
    connection already in a transaction joins it."""

    def __init__(self, conn: sqlite3.Connection, mode: str) -> None:
        self.conn, self.mode, self.outer = conn, mode, False

    def __enter__(self) -> sqlite3.Connection:
        self.outer = not self.conn.in_transaction
        if self.outer:
            self.conn.execute(f"BEGIN {self.mode}")
        return self.conn

    def __exit__(self, exc_type: object, *exc: object) -> None:
        if not self.outer:
            return
        if exc_type is None:
            self.conn.execute("COMMIT")
        elif self.conn.in_transaction:
            self.conn.execute("ROLLBACK")
