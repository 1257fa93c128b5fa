"""Score a sentence splitter against hand-marked boundaries.

The gold format (see ``tests/fixtures/segment/gold.txt``) is plain text:

* documents are separated by a line ``=====``; lines starting with ``##`` are comments;
* inside a document, ``|`` marks a sentence boundary and is deleted from the text;
* every line is a region of its own (a line break always ends a sentence).

A *boundary* is the pair ``(end of one sentence, start of the next)`` inside one region,
so a splitter that puts a closing quote on the wrong side of a break is wrong at that
break, not merely close. Breaks at line ends are given to every splitter by the regions
and are therefore not scored.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

MARK = "|"
DOC_SEPARATOR = "====="

Splitter = Callable[[str, Sequence[tuple[int, int]]], list[tuple[int, int]]]

_LINE = re.compile(r"[^\n]*\S[^\n]*")


@dataclass(frozen=True, slots=True)
class GoldDoc:
    """One hand-marked document: its text, its line regions and its sentences."""

    text: str
    regions: tuple[tuple[int, int], ...]
    sentences: tuple[tuple[int, int], ...]


@dataclass(frozen=True, slots=True)
class Scores:
    """Boundary precision, recall and F1 over a gold set."""

    true_positives: int
    predicted: int
    gold: int

    @property
    def precision(self) -> float:
        return self.true_positives / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.true_positives / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def line_regions(text: str) -> tuple[tuple[int, int], ...]:
    """Every line holding a non-space character, as ``(start, end)`` offsets."""
    return tuple((m.start(), m.end()) for m in _LINE.finditer(text))


def parse_gold(source: str) -> list[GoldDoc]:
    """Read the gold format into documents with their sentence offsets."""
    lines = [ln for ln in source.splitlines() if not ln.startswith("##")]
    blocks = "\n".join(lines).split("\n" + DOC_SEPARATOR + "\n")
    return [_parse_doc(b.strip("\n")) for b in blocks if b.strip()]


def _parse_doc(marked: str) -> GoldDoc:
    """Delete the marks, keeping where they were, and cut sentences there and at lines."""
    text_parts: list[str] = []
    cuts: list[int] = []
    pos = 0
    for piece in marked.split(MARK):
        text_parts.append(piece)
        pos += len(piece)
        cuts.append(pos)
    text = "".join(text_parts)
    regions = line_regions(text)
    sentences: list[tuple[int, int]] = []
    for rs, re_ in regions:
        edges = [rs, *(c for c in cuts if rs < c < re_), re_]
        for a, b in itertools.pairwise(edges):
            span = _strip(text, a, b)
            if span is not None:
                sentences.append(span)
    return GoldDoc(text=text, regions=regions, sentences=tuple(sentences))


def _strip(text: str, a: int, b: int) -> tuple[int, int] | None:
    """``(a, b)`` without surrounding whitespace, or ``None`` if nothing is left."""
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return (a, b) if a < b else None


def boundaries(
    spans: Iterable[tuple[int, int]], regions: Sequence[tuple[int, int]]
) -> set[tuple[int, int]]:
    """``(end, next start)`` of consecutive sentences that share a region."""
    out: set[tuple[int, int]] = set()
    by_region: dict[int, list[tuple[int, int]]] = {}
    for span in spans:
        for i, (rs, re_) in enumerate(regions):
            if rs <= span[0] and span[1] <= re_:
                by_region.setdefault(i, []).append(span)
                break
    for group in by_region.values():
        group.sort()
        out.update((a[1], b[0]) for a, b in itertools.pairwise(group))
    return out


def score(splitter: Splitter, docs: Sequence[GoldDoc]) -> Scores:
    """Run ``splitter`` on every gold document and count boundaries it got right."""
    tp = predicted = gold = 0
    for doc in docs:
        want = boundaries(doc.sentences, doc.regions)
        got = boundaries(splitter(doc.text, doc.regions), doc.regions)
        tp += len(want & got)
        predicted += len(got)
        gold += len(want)
    return Scores(true_positives=tp, predicted=predicted, gold=gold)


def mistakes(splitter: Splitter, docs: Sequence[GoldDoc], width: int = 30) -> list[str]:
    """Each wrong or missed boundary shown in context, for reading (``[+]`` missed)."""
    out: list[str] = []
    for doc in docs:
        want = boundaries(doc.sentences, doc.regions)
        got = boundaries(splitter(doc.text, doc.regions), doc.regions)
        for kind, pairs in (("missed", want - got), ("wrong", got - want)):
            for end, start in sorted(pairs):
                left = doc.text[max(0, end - width) : end]
                right = doc.text[start : start + width]
                out.append(f"{kind:6} …{left}⟂{right}…")
    return out
