"""The event store's SQLite schema, as forward migrations.

``PRAGMA user_version`` is the schema version. Opening a store runs, in one
transaction, every migration after the version it finds; a store written by a
newer storyline (a version above :data:`VERSION`) is refused rather than damaged.
Each migration is plain SQL and never edited once released: a change is a new one.

Tables (version 3):

``meta``         key/value: ``docs`` (articles the clusterer has counted), ``generation``
                 (bumped by every committed batch), ``settings`` (JSON of the clusterer's
                 settings the store was made with)
``events``       one row per event: title (the headline of its most central article),
                 counts, first and last publication date, ``revision`` (bumped when an
                 article joins it), ``created_seq``/``updated_seq`` (the ``seq`` of its
                 first and latest article), ``merged_into`` (set when merged into another)
``articles``     articles as read (text, title, source, url, published, origin), in the
                 order added (``seq``), each with its event; ``id`` is the article's own
                 id or a stable one from its text; ``text_key`` and ``url`` are unique
``articles_fts`` FTS5 index of title and text (external content: ``articles``)
``terms``        the clusterer's vocabulary and document frequencies
``event_state``  the clusterer's state for each event (centroid, representative, days)
``cache``        rendered summaries and dossiers, valid while ``revision`` matches
"""

from __future__ import annotations

import sqlite3

from storyline.errors import StoreError

_V1 = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE events (
    id INTEGER PRIMARY KEY,
    title TEXT,
    articles INTEGER NOT NULL DEFAULT 0,
    outlets INTEGER NOT NULL DEFAULT 0,
    first_published TEXT,
    last_published TEXT,
    revision INTEGER NOT NULL DEFAULT 0,
    created_seq INTEGER NOT NULL,
    updated_seq INTEGER NOT NULL
);
CREATE TABLE articles (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    event_id INTEGER NOT NULL REFERENCES events(id),
    text TEXT NOT NULL,
    title TEXT,
    source TEXT,
    url TEXT UNIQUE,
    published TEXT,
    origin TEXT,
    text_key TEXT NOT NULL UNIQUE,
    added_at TEXT NOT NULL
);
CREATE INDEX articles_by_event ON articles(event_id, seq);
CREATE INDEX articles_by_event_source ON articles(event_id, source);
CREATE TABLE terms (id INTEGER PRIMARY KEY, term TEXT NOT NULL UNIQUE, df INTEGER NOT NULL);
CREATE TABLE event_state (
    event_id INTEGER PRIMARY KEY REFERENCES events(id),
    size INTEGER NOT NULL,
    first_day INTEGER,
    last_day INTEGER,
    ids BLOB NOT NULL,
    weights BLOB NOT NULL,
    rep_ids BLOB NOT NULL,
    rep_weights BLOB NOT NULL,
    rep_score REAL NOT NULL
);
CREATE TABLE cache (
    event_id INTEGER NOT NULL REFERENCES events(id),
    key TEXT NOT NULL,
    revision INTEGER NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (event_id, key)
);
INSERT INTO meta VALUES ('docs', '0'), ('generation', '0');
"""

# Version 2: full-text search over the stored articles (titles and texts).
_V2 = """
CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, text, content='articles', content_rowid='seq',
    tokenize='porter unicode61 remove_diacritics 2'
);
INSERT INTO articles_fts(articles_fts) VALUES ('rebuild');
"""

# Version 3: events merge when an article bridges two that began apart; a merged event's
# row stays, pointing at the event it became part of.
_V3 = """
ALTER TABLE events ADD COLUMN merged_into INTEGER REFERENCES events(id);
CREATE INDEX events_live ON events(merged_into, last_published);
"""

MIGRATIONS: tuple[str, ...] = (_V1, _V2, _V3)
VERSION = len(MIGRATIONS)


def _statements(script: str) -> list[str]:
    """The statements of a migration script (none of ours has a ';' inside a string)."""
    return [s.strip() for s in script.split(";\n") if s.strip()]


def migrate(conn: sqlite3.Connection, origin: str) -> int:
    """Bring the store open on ``conn`` to :data:`VERSION`; the version it had. A store
    already at :data:`VERSION` is not locked (readers open it while a writer adds)."""
    if conn.execute("PRAGMA user_version").fetchone()[0] == VERSION:
        return VERSION
    conn.execute("BEGIN IMMEDIATE")
    try:
        found = conn.execute("PRAGMA user_version").fetchone()[0]
        if found > VERSION:
            raise StoreError(
                f"{origin}: the store has schema version {found}, newer than this storyline "
                f"reads ({VERSION}); upgrade storyline"
            )
        for version in range(found, VERSION):
            for statement in _statements(MIGRATIONS[version]):
                conn.execute(statement)
        conn.execute(f"PRAGMA user_version = {VERSION}")
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return int(found)
