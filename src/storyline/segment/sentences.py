"""Sentence boundaries as offsets into the text as read: Punkt plus a few measured rules.

Chosen by ``bench/segmenters.py`` against a hand-marked gold set
(``tests/fixtures/segment/gold.txt``): Punkt's English model with the curated
non-breaking prefixes is fast (a few ms per 5,000 words) and good on edited prose; the
rules in :mod:`storyline.segment._rules` fix what it gets wrong in news text.

For each region:

1. **lines** — cut at line breaks (a blank line always; a single break unless it looks
   like hard-wrapped prose, lower case running on into lower case).
2. **punkt** — Punkt's raw breaks inside each line, before its own realignment.
3. **realign** — closing quotes and brackets go to the sentence they close; straight
   double quotes are settled by counting them (``good . " he said`` vs ``it . " the``).
4. **add** — breaks Punkt misses: glued sentences (``killed.The``), a capitalised
   sentence start after ``a.m.``/``p.m.``/``U.S.``/an ellipsis.
5. **drop** — breaks Punkt invents: after titles (``Sgt.``), between a quoted question
   and its attribution (``"Why?" she asked``), after a list marker (``1.``).
6. **quotes** — a quotation stays with its attribution: the breaks inside a quotation
   of several sentences go when its "he said" is next to it, and a quotation that goes
   on right after an attributed one joins it (:func:`~storyline.segment.quotes.join_quotations`).
7. **trim** — sentences lose surrounding whitespace; a piece with no letter or digit
   joins the sentence before it.
"""

from __future__ import annotations

import dataclasses
import itertools
import re
from collections.abc import Iterable, Iterator
from functools import lru_cache

import punkt

from storyline.segment import _rules
from storyline.segment.quotes import join_quotations

_BREAK = re.compile(r"[ \t\f\v\r]*\n\s*")


@lru_cache(maxsize=1)
def _tokenizer() -> punkt.PunktSentenceTokenizer:
    """Punkt's English model, curated prefixes (``e.g.``, ``No. 5``) and titles added."""
    params = punkt.with_nonbreaking_prefixes(punkt.load_model("english"), "english")
    params = dataclasses.replace(params, abbrev_types=params.abbrev_types | _rules.TITLES)
    return punkt.PunktSentenceTokenizer(params)


def split_sentences(text: str, regions: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sentence ``(start, end)`` offsets into ``text``, each inside one region.

    Sentences come in text order, never overlap, are never empty and carry no
    surrounding whitespace; every non-space character of a region is in one of them.
    """
    out: list[tuple[int, int]] = []
    for rs, re_ in regions:
        for a, b in _lines(text, rs, re_):
            out.extend(_sentences_in_line(text, a, b))
    return out


def _lines(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Step 1: ``(start, end)`` of each line of the region, hard-wrapped lines rejoined."""
    cursor = start
    for m in _BREAK.finditer(text, start, end):
        if _is_wrap(text, start, m, end):
            continue
        yield cursor, m.start()
        cursor = m.end()
    yield cursor, end


def _is_wrap(text: str, start: int, brk: re.Match[str], end: int) -> bool:
    """Whether a line break is a soft wrap inside a sentence rather than a break."""
    if brk.group().count("\n") > 1:
        return False
    before = text[max(start, brk.start() - 1) : brk.start()]
    after = text[brk.end() : min(end, brk.end() + 1)]
    return bool(before) and bool(after) and (before.islower() or before in ",;") and after.islower()


def _sentences_in_line(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Steps 2-7 on one line: Punkt's breaks, corrected, as trimmed sentence spans."""
    chunk = text[start:end]
    if not chunk.strip():
        return []
    cuts = _rules.realign(chunk, _punkt_cuts(chunk))
    cuts = sorted(
        set(cuts)
        | set(_rules.glued_cuts(chunk, 0, len(chunk), _tokenizer().params.abbrev_types))
        | set(_abbreviation_cuts(chunk, cuts))
    )
    cuts = join_quotations(chunk, _drop_false_cuts(chunk, cuts))
    return [(start + a, start + b) for a, b in _trimmed_pieces(chunk, cuts)]


def _punkt_cuts(chunk: str) -> list[int]:
    """Step 2: where Punkt ends each sentence but the last."""
    spans = list(_tokenizer().span_tokenize(chunk, realign_boundaries=False))
    # Punkt ends a sentence at its punctuation; the cut is right after it so that
    # realignment can look at the spaces and quotes that follow.
    return [e for _, e in spans[:-1]]


def _abbreviation_cuts(chunk: str, cuts: list[int]) -> list[int]:
    """Step 4 (second half): sentence starts after abbreviations, inside each piece."""
    edges = [0, *cuts, len(chunk)]
    found: list[int] = []
    for a, b in itertools.pairwise(edges):
        found.extend(_rules.abbreviation_cuts(chunk, a, b))
    return found


def _drop_false_cuts(chunk: str, cuts: list[int]) -> list[int]:
    """Step 5: keep only the cuts that the rules do not hold together."""
    kept: list[int] = []
    prev_start = 0
    for cut in cuts:
        if _rules.keeps_together(chunk, prev_start, cut):
            continue
        kept.append(cut)
        prev_start = cut
    return kept


def _trimmed_pieces(chunk: str, cuts: list[int]) -> list[tuple[int, int]]:
    """Step 7: the pieces between cuts without whitespace; punctuation-only ones merged."""
    edges = [0, *cuts, len(chunk)]
    out: list[tuple[int, int]] = []
    for a, b in itertools.pairwise(edges):
        piece = chunk[a:b]
        lead = len(piece) - len(piece.lstrip())
        tail = len(piece.rstrip())
        if tail <= lead:
            continue
        span = (a + lead, a + tail)
        if out and not any(ch.isalnum() for ch in chunk[span[0] : span[1]]):
            out[-1] = (out[-1][0], span[1])
        else:
            out.append(span)
    return out
