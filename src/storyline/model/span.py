"""Spans: ``(doc, start, end, label)`` views into an article's text (spaCy's ``Span`` habit)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from storyline.model.article import Article


@dataclass(frozen=True, slots=True, order=True)
class Span:
    """Characters ``start:end`` of document number ``doc``.

    ``doc`` indexes the list of documents the span was found in (the ``documents``
    of a summary or dossier). ``label`` says what the span is: ``"sentence"``,
    a removal kind such as ``"image-credit"``, an entity type...
    """

    doc: int
    start: int
    end: int
    label: str = ""

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad span offsets {self.start}:{self.end}")

    def text(self, documents: Sequence[Article]) -> str:
        """The words this span covers: ``documents[doc].text[start:end]``."""
        return documents[self.doc].text[self.start : self.end]

    def to_citation(self) -> dict[str, int]:
        return {"doc": self.doc, "start": self.start, "end": self.end}
