"""What an attribution is: who (source), the reporting words (cue), what (content).

PolNeAR's conventions: every role is a tuple of fragments, because a quote
interrupted by "he said" gives a content in two pieces and a source may be split
too; the source may be absent ("It was reported that ..."); the content keeps the
"that" introducing a reported clause.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from storyline.model import Span


@dataclass(frozen=True, slots=True)
class Attribution:
    """One attribution of one document; every span indexes that document's text."""

    #: Who says it, as written ("The ministry's spokesman", "he"); may be empty.
    source: tuple[Span, ...]
    #: The reporting words ("said", "according to", "tweeted").
    cue: tuple[Span, ...]
    #: What is said, with "that" when it introduces the clause; may run over sentences.
    content: tuple[Span, ...]
    #: The actor the source refers to ("he" -> "Maria Okafor"), else the source's words,
    #: else None (no source).
    speaker: str | None
    #: The source itself flags the content as doubtful ("could not be verified").
    unverified: bool
    #: The words that make it unverified ("purportedly"), if any.
    marker: str | None = None

    @property
    def start(self) -> int:
        """Where the attribution's first fragment starts."""
        return min(s.start for s in (*self.source, *self.cue, *self.content))

    @property
    def end(self) -> int:
        return max(s.end for s in (*self.source, *self.cue, *self.content))

    def to_dict(self) -> dict[str, Any]:
        """``{"source": [[s, e], ...], "cue": ..., "content": ..., "speaker", "unverified"}``."""
        return {
            "source": [[s.start, s.end] for s in self.source],
            "cue": [[s.start, s.end] for s in self.cue],
            "content": [[s.start, s.end] for s in self.content],
            "speaker": self.speaker,
            "unverified": self.unverified,
        }


@dataclass(frozen=True, slots=True)
class Named:
    """A mention of an actor in the document: ``text[start:end]`` names ``name``."""

    start: int
    end: int
    name: str
    #: "person", "organization" or "place".
    kind: str
