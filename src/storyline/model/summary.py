"""The summary: extracted sentences, each with checkable citations."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from storyline.model.article import Article
from storyline.model.span import Span


@dataclass(frozen=True, slots=True)
class SummarySentence:
    """One summary sentence. ``citations[0]`` is where it was taken from; the rest are
    sentences of other documents that report the same content (its corroboration)."""

    text: str
    citations: tuple[Span, ...]

    @property
    def sources(self) -> tuple[int, ...]:
        """Distinct documents citing this sentence, in citation order."""
        return tuple(dict.fromkeys(c.doc for c in self.citations))

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "citations": [c.to_citation() for c in self.citations]}


@dataclass(frozen=True, slots=True)
class Removal:
    """Text the cleaner took out (a :class:`Span` with a kind) and why."""

    span: Span
    kind: str

    def to_dict(self, documents: tuple[Article, ...]) -> dict[str, Any]:
        return {
            "doc": self.span.doc,
            "start": self.span.start,
            "end": self.span.end,
            "kind": self.kind,
            "text": self.span.text(documents),
        }


@dataclass(frozen=True, slots=True)
class Summary:
    """What :func:`storyline.summarize` returns."""

    sentences: tuple[SummarySentence, ...]
    documents: tuple[Article, ...]
    removed: tuple[Removal, ...] = ()
    #: What a user should know: duplicates dropped, documents truncated...
    notes: tuple[str, ...] = field(default=())

    @property
    def text(self) -> str:
        return " ".join(s.text for s in self.sentences)

    def __str__(self) -> str:
        return self.text

    def to_dict(self) -> dict[str, Any]:
        return {
            "summary": [s.to_dict() for s in self.sentences],
            "documents": [a.to_dict(i) for i, a in enumerate(self.documents)],
            "removed": [r.to_dict(self.documents) for r in self.removed],
            "notes": list(self.notes),
        }
