"""An article owns its text; everything storyline finds in it is a span of it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date

#: Half of a UTF-16 surrogate pair on its own: no encoding can write it.
_SURROGATE = re.compile("[\ud800-\udfff]")


def scrub_surrogates(text: str) -> tuple[str, int]:
    """``text`` with every lone surrogate replaced by U+FFFD (one character for one, so
    offsets do not move), and how many there were."""
    if _SURROGATE.search(text) is None:
        return text, 0
    return _SURROGATE.subn("\ufffd", text)


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
    #: The article's own identifier (an article object's ``"id"``), kept as given; the
    #: event store assigns a stable one to articles without it.
    id: str | None = None

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

    def scrubbed(self) -> Article:
        """This article with lone surrogates (``"\\ud800"`` from a JSON escape, a file
        name Python could not decode) replaced by U+FFFD in every field, and a note
        saying so; the article itself when there are none. Offsets are unchanged."""
        changed: dict[str, str] = {}
        count = 0
        for name in ("text", "title", "source", "url", "origin", "id"):
            value = getattr(self, name)
            if value is None:
                continue
            clean, n = scrub_surrogates(value)
            if n:
                changed[name] = clean
                count += n
        if not count:
            return self
        label = changed.get("origin", self.origin) or "a document"
        note = (
            f"{label}: {count:,} lone surrogate code point(s) (half of a UTF-16 pair, not "
            "text) replaced by U+FFFD"
        )
        notes = tuple(scrub_surrogates(n)[0] for n in self.notes)
        return replace(self, **changed, notes=(*notes, note))  # type: ignore[arg-type]
