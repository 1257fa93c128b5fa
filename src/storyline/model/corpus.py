"""A corpus: the articles of one story after reading, cleaning and segmenting.

Built by :func:`storyline.prepare.prepare`; the summarizer and the dossier both start
from it, so the expensive steps (cleaning, sentence splitting) run once.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from storyline.model.article import Article
from storyline.model.span import Span
from storyline.model.summary import Removal


@dataclass(slots=True)
class Document:
    """One article in a corpus, with what the pipeline found in its text."""

    index: int
    article: Article
    #: Sentence spans (label ``"sentence"``) in reading order.
    sentences: list[Span] = field(default_factory=list)
    #: What cleaning took out of ``article.text``.
    removed: list[Removal] = field(default_factory=list)
    #: A dateline such as "MOSUL, Iraq (Reuters) -", kept as metadata.
    dateline: Span | None = None
    #: Outlet and place read off the dateline ("Reuters", "MOSUL, Iraq").
    dateline_source: str | None = None
    dateline_place: str | None = None

    @property
    def text(self) -> str:
        return self.article.text

    def sentence_text(self, i: int) -> str:
        s = self.sentences[i]
        return self.article.text[s.start : s.end]


@dataclass(slots=True)
class Corpus:
    documents: list[Document]
    #: Notes for the user: duplicates dropped, truncations, empty documents.
    notes: list[str] = field(default_factory=list)

    @property
    def articles(self) -> tuple[Article, ...]:
        return tuple(d.article for d in self.documents)

    @property
    def removed(self) -> list[Removal]:
        return [r for d in self.documents for r in d.removed]

    def sentences(self) -> list[Span]:
        return [s for d in self.documents for s in d.sentences]
