"""What the event store hands out: frozen records, each with a ``to_dict()`` for JSON."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from storyline.model import Article


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


@dataclass(frozen=True, slots=True)
class EventInfo:
    """One event (story): its title is the headline (or first sentence) of its most
    central article; ``revision`` grows each time an article joins it."""

    id: int
    title: str | None
    articles: int
    outlets: int
    first_published: date | None
    last_published: date | None
    revision: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "articles": self.articles,
            "outlets": self.outlets,
            "first_published": _iso(self.first_published),
            "last_published": _iso(self.last_published),
            "revision": self.revision,
        }


@dataclass(frozen=True, slots=True)
class StoredArticle:
    """An article as stored: its id, its event, its place in the order added (``seq``)
    and the article as read (``article.text`` is what citations slice)."""

    id: str
    event: int
    seq: int
    article: Article

    def to_dict(self, with_text: bool = True) -> dict[str, Any]:
        a = self.article
        out: dict[str, Any] = {
            "id": self.id,
            "event": self.event,
            "title": a.title,
            "source": a.source,
            "url": a.url,
            "published": _iso(a.published),
            "origin": a.origin,
        }
        if with_text:
            out["text"] = a.text
        return out


@dataclass(frozen=True, slots=True)
class Event:
    """An event with its articles, in the order they were added."""

    info: EventInfo
    articles: tuple[StoredArticle, ...]

    def to_dict(self) -> dict[str, Any]:
        return {**self.info.to_dict(), "documents": [a.to_dict() for a in self.articles]}


@dataclass(frozen=True, slots=True)
class SearchHit:
    """An event that matches a search: how many of its articles match, the best ones."""

    event: EventInfo
    matches: int
    article_ids: tuple[str, ...]
    score: float

    def to_dict(self) -> dict[str, Any]:
        return {
            **self.event.to_dict(),
            "matches": self.matches,
            "matching_articles": list(self.article_ids),
            "score": round(self.score, 4),
        }


@dataclass(frozen=True, slots=True)
class Duplicate:
    """An article not stored because the store already holds it."""

    origin: str
    id: str | None
    #: The id of the stored article it repeats, and what they share: "id", "url", "text".
    of: str
    reason: str

    def message(self) -> str:
        return f"{self.origin} repeats stored article {self.of} (same {self.reason}); counted once"


@dataclass(frozen=True, slots=True)
class Failure:
    """An item that could not be added: where it came from and why."""

    origin: str
    line: int | None
    message: str

    def to_dict(self) -> dict[str, Any]:
        return {"origin": self.origin, "line": self.line, "error": self.message}


@dataclass(slots=True)
class AddReport:
    """What one :meth:`EventStore.add` did. Nothing is dropped silently: every item
    given is added, a duplicate or a failure."""

    added: int = 0
    duplicates: list[Duplicate] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    events_created: int = 0
    events_updated: int = 0
    #: Events merged into another because an article bridged them.
    events_merged: int = 0
    #: ``(article id, event id)`` for each article added, in order.
    assigned: list[tuple[str, int]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def failed(self) -> int:
        return len(self.failures)

    def summary_line(self) -> str:
        return (
            f"{self.added} articles added, {len(self.duplicates)} duplicates skipped, "
            f"{self.failed} errors; {self.events_created} events created, "
            f"{self.events_updated} updated"
            + (f", {self.events_merged} merged into others" if self.events_merged else "")
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "added": self.added,
            "duplicates": [
                {"origin": d.origin, "id": d.id, "of": d.of, "reason": d.reason}
                for d in self.duplicates
            ],
            "failures": [f.to_dict() for f in self.failures],
            "events_created": self.events_created,
            "events_updated": self.events_updated,
            "events_merged": self.events_merged,
            "notes": list(self.notes),
        }
