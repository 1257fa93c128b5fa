"""One :meth:`EventStore.add` batch, inside its transaction: each item in turn.

1. **check** — a :class:`ReadFailure` of the feed, an unusable article object, an
   article with empty text or a field too long is recorded as a failure.
2. **deduplicate** — an article whose id, URL or text (whitespace and case aside) is
   already stored is recorded as a duplicate of that article.
3. **assign** — its features go to the clusterer, which places it in an event (and
   may merge two events it bridges).
4. **store** — the article row, and its event's counts, dates, title and revision.
5. **finish** — the batch's full-text rows (one statement for all of them) and the
   clusterer's changed state are written with the batch.
"""

from __future__ import annotations

import hashlib
import sqlite3
from datetime import UTC, datetime
from typing import Any

from storyline.errors import EmptyInputError, FormatError, StorylineError
from storyline.events import state
from storyline.events.cluster import Clusterer
from storyline.events.features import FeatureSettings, featurize
from storyline.events.records import AddReport, Duplicate, Failure
from storyline.ingest import article_from_obj
from storyline.ingest.feed import ReadFailure
from storyline.model import Article

Item = Article | ReadFailure | dict[str, Any] | str
#: A new article's title, source, url or id must not be longer than this.
MAX_FIELD = 1_000


def text_key(text: str) -> str:
    """The key two texts share when they are the same words (whitespace and case aside,
    as :func:`storyline.prepare.deduplicate` decides)."""
    return hashlib.sha256(" ".join(text.split()).casefold().encode()).hexdigest()


def stable_id(text: str) -> str:
    """The id of an article without one: from its text, so re-reading it gives the same."""
    return "a" + text_key(text)[:15]


class Batch:
    """The items of one ``add``, checked, stored and assigned in turn."""

    def __init__(
        self,
        conn: sqlite3.Connection,
        clusterer: Clusterer,
        features: FeatureSettings,
        report: AddReport,
    ) -> None:
        self.conn, self.clusterer, self.features, self.report = conn, clusterer, features, report
        self.created: set[int] = set()
        self.updated: set[int] = set()
        self.merged: dict[int, int] = {}
        self.now = datetime.now(UTC).isoformat(timespec="seconds")
        self.seq = conn.execute("SELECT coalesce(max(seq), 0) FROM articles").fetchone()[0]
        #: The batch's articles are those after this ``seq`` (indexed for search at the end).
        self.first_seq = self.seq
        self.next_event = conn.execute("SELECT coalesce(max(id), 0) + 1 FROM events").fetchone()[0]

    def take(self, item: Item, n: int) -> None:
        """Steps 1-4 for one item."""
        if isinstance(item, ReadFailure):
            self.report.failures.append(Failure(item.origin, item.line, item.message))
            return
        try:
            article = self._article(item, n)
        except StorylineError as e:
            origin = item.origin if isinstance(item, Article) and item.origin else f"item {n}"
            self.report.failures.append(Failure(origin, None, str(e)))
            return
        key = text_key(article.text)
        if not self._duplicate(article, key):
            self._store(article, key)

    def _article(self, item: Item, n: int) -> Article:
        if isinstance(item, dict | str):
            item = article_from_obj(item, f"item {n}")
        if not isinstance(item, Article):
            raise FormatError(f"item {n}: expected an article, got {type(item).__name__}")
        # A lone surrogate ("\ud800" from a JSON escape) cannot be hashed or stored.
        item = item.scrubbed()
        where = item.origin or f"item {n}"
        if not item.text.strip():
            raise EmptyInputError(f"{where}: the article's text is empty")
        for name in ("title", "source", "url", "id"):
            value = getattr(item, name)
            if value is not None and len(value) > MAX_FIELD:
                raise FormatError(
                    f"{where}: its {name} is {len(value):,} characters long (at most "
                    f"{MAX_FIELD:,}); is it the text in the wrong field?"
                )
        return item

    def _duplicate(self, article: Article, key: str) -> bool:
        checks = [("id", article.id), ("url", article.url), ("text_key", key)]
        for column, value in checks:
            if value is None:
                continue
            row = self.conn.execute(
                f"SELECT id FROM articles WHERE {column} = ?", (value,)
            ).fetchone()
            if row is not None:
                reason = "text" if column == "text_key" else column
                self.report.duplicates.append(Duplicate(article.label, article.id, row[0], reason))
                return True
        return False

    def _store(self, article: Article, key: str) -> None:
        features = featurize(article, self.features)
        ids, weights = self.clusterer.vectorize(features.terms)
        day = article.published.toordinal() if article.published else None
        eid, central, merged = self.clusterer.place(
            ids, weights, day, self.next_event, features.cased
        )
        self.seq += 1
        published = article.published.isoformat() if article.published else None
        if eid == self.next_event:
            self.next_event += 1
            self.conn.execute(
                "INSERT INTO events(id, title, created_seq, updated_seq) VALUES (?, ?, ?, ?)",
                (eid, features.title, self.seq, self.seq),
            )
            self.created.add(eid)
        elif eid not in self.created:
            self.updated.add(eid)
        new_outlet = (
            article.source is not None
            and self.conn.execute(
                "SELECT 1 FROM articles WHERE event_id = ? AND source = ? LIMIT 1",
                (eid, article.source),
            ).fetchone()
            is None
        )
        aid = article.id or stable_id(article.text)
        self.conn.execute(
            "INSERT INTO articles(seq, id, event_id, text, title, source, url, published, "
            "origin, text_key, added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                self.seq,
                aid,
                eid,
                article.text,
                article.title,
                article.source,
                article.url,
                published,
                article.origin,
                key,
                self.now,
            ),
        )
        self.conn.execute(
            "UPDATE events SET articles = articles + 1, outlets = outlets + ?, "
            "revision = revision + 1, updated_seq = ?, "
            "title = CASE WHEN ? THEN ? ELSE title END, "
            "first_published = coalesce(min(first_published, ?), first_published, ?), "
            "last_published = coalesce(max(last_published, ?), last_published, ?) "
            "WHERE id = ?",
            (
                int(new_outlet),
                self.seq,
                central,
                features.title,
                published,
                published,
                published,
                published,
                eid,
            ),
        )
        for other, took_title in merged:
            self._merge(eid, other, took_title)
        self.report.added += 1
        self.report.assigned.append((aid, eid))

    def _merge(self, into: int, other: int, took_title: bool) -> None:
        """Event ``other`` (merged by the clusterer) becomes part of ``into``: its
        articles move, its row stays with ``merged_into`` set (so its id still leads
        somewhere), and ``into``'s counts and dates are recounted."""
        conn = self.conn
        conn.execute("UPDATE articles SET event_id = ? WHERE event_id = ?", (into, other))
        conn.execute("DELETE FROM cache WHERE event_id = ?", (other,))
        conn.execute("DELETE FROM event_state WHERE event_id = ?", (other,))
        conn.execute(
            "UPDATE events SET merged_into = ?, articles = 0, outlets = 0, revision = revision + 1 "
            "WHERE id = ?",
            (into, other),
        )
        conn.execute(
            "UPDATE events SET revision = revision + 1, "
            "articles = (SELECT count(*) FROM articles WHERE event_id = :e), "
            "outlets = (SELECT count(DISTINCT source) FROM articles WHERE event_id = :e), "
            "first_published = (SELECT min(published) FROM articles WHERE event_id = :e), "
            "last_published = (SELECT max(published) FROM articles WHERE event_id = :e), "
            "created_seq = min(created_seq, (SELECT created_seq FROM events WHERE id = :o)) "
            "WHERE id = :e",
            {"e": into, "o": other},
        )
        if took_title:  # the other event's representative is the merged event's
            conn.execute(
                "UPDATE events SET title = (SELECT title FROM events WHERE id = ?) WHERE id = ?",
                (other, into),
            )
        self.merged[other] = into
        self.created.discard(other)
        self.updated.discard(other)
        if into not in self.created:
            self.updated.add(into)

    def finish(self) -> None:
        """Step 5, and the report's counts (merged events' articles reported under the
        event they ended in)."""
        # One statement for the batch's full-text rows: FTS5 then writes its index in
        # one pass, which costs much less CPU than a row after each article (a tenth
        # of a batch of full-length articles); the index holds the same rows.
        self.conn.execute(
            "INSERT INTO articles_fts(rowid, title, text) "
            "SELECT seq, title, text FROM articles WHERE seq > ? ORDER BY seq",
            (self.first_seq,),
        )
        state.save(self.conn, self.clusterer)

        def final(eid: int) -> int:
            while eid in self.merged:
                eid = self.merged[eid]
            return eid

        self.report.assigned = [(a, final(e)) for a, e in self.report.assigned]
        self.report.events_created = len(self.created)
        self.report.events_updated = len(self.updated)
        self.report.events_merged = len(self.merged)
