"""A parsed text as plain tokens with offsets into the article text.

spaCy's ``Doc`` objects of several passages of one article are flattened into one
:class:`Parsed`: tokens in text order, each with its offsets into ``article.text``,
its lemma, tags, dependency label, the index of its head (into the same token list)
and the number of its sentence. Whitespace-only tokens are dropped. Attribution reads
only this structure, so it never depends on how the article was cut for the parser.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class Tok:
    """One token: ``text[start:end]``, tags, dependency arc and sentence number."""

    start: int
    end: int
    text: str
    lemma: str
    pos: str
    tag: str
    dep: str
    head: int
    sent: int
    #: The entity label of the token ("PERSON", "ORG"...) or "".
    ent: str = ""

    @property
    def lower(self) -> str:
        return self.text.casefold()


@dataclass(frozen=True, slots=True)
class Parsed:
    """The tokens of one article and its sentences as ``(first, last + 1)`` token ranges."""

    tokens: tuple[Tok, ...]
    sentences: tuple[tuple[int, int], ...]
    #: Start offsets of tokens that begin a passage (a line break, or the text's start).
    breaks: frozenset[int] = frozenset()

    def children(self) -> list[list[int]]:
        """For every token, the indexes of its dependents (in text order)."""
        out: list[list[int]] = [[] for _ in self.tokens]
        for i, t in enumerate(self.tokens):
            if t.head != i:
                out[t.head].append(i)
        return out


def from_spacy(docs: Iterable[tuple[int, Any]]) -> Parsed:
    """Flatten ``(offset, spacy Doc)`` pairs (in text order) into one :class:`Parsed`.

    ``offset`` is where the Doc's text starts in the article text.
    """
    tokens: list[Tok] = []
    sentences: list[tuple[int, int]] = []
    breaks: set[int] = set()
    for offset, doc in docs:
        keep = [t for t in doc if not t.is_space]
        if keep:
            breaks.add(offset + keep[0].idx)
        index = {t.i: len(tokens) + k for k, t in enumerate(keep)}
        sent_of: dict[int, int] = {}
        for s in doc.sents:
            members = [index[t.i] for t in s if t.i in index]
            if members:
                sent_of.update({m: len(sentences) for m in members})
                sentences.append((members[0], members[-1] + 1))
        for t in keep:
            i = index[t.i]
            tokens.append(
                Tok(
                    start=offset + t.idx,
                    end=offset + t.idx + len(t.text),
                    text=t.text,
                    lemma=t.lemma_,
                    pos=t.pos_,
                    tag=t.tag_,
                    dep=t.dep_,
                    head=index.get(t.head.i, i),
                    sent=sent_of[i],
                    ent=t.ent_type_,
                )
            )
    return Parsed(tuple(tokens), tuple(sentences), frozenset(breaks))
