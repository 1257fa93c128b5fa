"""An article owns its text; everything storyline finds in it is a span of it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True, slots=True)
class Article:
    """One news report, as read.

    ``text`` is the document as storyline read it: after HTML extraction, before any
    cleaning. Every offset storyline reports (sentences, citations, removals,
    entities, dates) points into this string.
    """

    text: str
    title: str | None = None
    source: str | None = None
    url: str | None = None
    published: date | None = None
    #: Where it came from: a path, ``<stdin>``, ``clusters.jsonl:12#3``...
    origin: str | None = None
    #: Things the reader did to it that a user should know (encoding guessed, truncated...).
    notes: tuple[str, ...] = field(default=())

    @property
    def label(self) -> str:
        """A short human name for messages: origin, else title, else the first words."""
        if self.origin:
            return self.origin
        if self.title:
            return repr(self.title[:60])
        return repr(self.text[:40] + ("..." if len(self.text) > 40 else ""))

    def to_dict(self, doc_id: int) -> dict[str, object]:
        return {
            "id": doc_id,
            "title": self.title,
            "source": self.source,
            "url": self.url,
            "published": self.published.isoformat() if self.published else None,
            "origin": self.origin,
            "text": self.text,
        }
