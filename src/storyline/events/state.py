"""Saving and loading the clusterer's learned state in the store, batch by batch.

Only what a batch changed is written (the document frequencies of the terms it saw,
the events it touched); loading reads it all back bit for bit, so a feed added in
several batches gives the events one batch would.
"""

from __future__ import annotations

import sqlite3

import numpy as np

from storyline.events.cluster import Clusterer, ClusterSettings, EventState


def _blob(array: np.ndarray, dtype: str) -> bytes:
    return np.ascontiguousarray(array, dtype=dtype).tobytes()


def load(conn: sqlite3.Connection, settings: ClusterSettings) -> Clusterer:
    """The clusterer as the last committed batch left it."""
    clusterer = Clusterer(settings)
    for tid, term, df in conn.execute("SELECT id, term, df FROM terms ORDER BY id"):
        if tid != len(clusterer.df_):
            raise ValueError(f"term ids are not contiguous at {tid}")
        clusterer.vocab_[term] = tid
        clusterer.terms_.append(term)
        clusterer.df_.append(df)
    clusterer.docs_ = int(conn.execute("SELECT value FROM meta WHERE key='docs'").fetchone()[0])
    rows = conn.execute(
        "SELECT event_id, size, first_day, last_day, ids, weights, rep_ids, rep_weights, "
        "rep_score FROM event_state ORDER BY event_id"
    )
    for eid, size, first, last, ids, weights, rep_ids, rep_w, rep_score in rows:
        clusterer.restore(
            eid,
            EventState(
                ids=np.frombuffer(ids, dtype="<i4").astype(np.int32),
                weights=np.frombuffer(weights, dtype="<f8").astype(np.float64),
                size=size,
                first_day=first,
                last_day=last,
                rep_ids=np.frombuffer(rep_ids, dtype="<i4").astype(np.int32),
                rep_weights=np.frombuffer(rep_w, dtype="<f8").astype(np.float64),
                rep_score=rep_score,
            ),
        )
    clusterer.take_dirty()
    return clusterer


def save(conn: sqlite3.Connection, clusterer: Clusterer) -> None:
    """Write what changed since the last save (inside the batch's transaction)."""
    terms, events, removed = clusterer.take_dirty()
    conn.executemany("DELETE FROM event_state WHERE event_id = ?", ((e,) for e in sorted(removed)))
    conn.executemany(
        "INSERT INTO terms(id, term, df) VALUES (?, ?, ?) "
        "ON CONFLICT(id) DO UPDATE SET df = excluded.df",
        ((t, clusterer.terms_[t], clusterer.df_[t]) for t in sorted(terms)),
    )
    conn.execute("UPDATE meta SET value = ? WHERE key = 'docs'", (str(clusterer.docs_),))
    rows = []
    for eid in sorted(events):
        e = clusterer.events_[eid]
        rows.append(
            (
                eid,
                e.size,
                e.first_day,
                e.last_day,
                _blob(e.ids, "<i4"),
                _blob(e.weights, "<f8"),
                _blob(e.rep_ids, "<i4"),
                _blob(e.rep_weights, "<f8"),
                e.rep_score,
            )
        )
    conn.executemany(
        "INSERT OR REPLACE INTO event_state(event_id, size, first_day, last_day, ids, weights, "
        "rep_ids, rep_weights, rep_score) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        rows,
    )
