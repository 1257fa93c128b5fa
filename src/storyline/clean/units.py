"""Cutting a text into units (lines or paragraphs) that cleaning judges one by one.

Web text puts one paragraph on each line; e-mail and wire copy wrap lines at about
70 columns and separate paragraphs with blank lines. :func:`units` decides which,
per document, from line lengths alone, so a hard-wrapped sentence stays in one unit.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable

from storyline.clean.patterns import STOP_END

_LINE = re.compile(r"[^\n]*")
_WORD = re.compile(r"\S+")

#: A headline or related-link title has at most this many words.
SHORT_WORDS = 15
#: ...and at most this many characters.
SHORT_CHARS = 140
#: Wrapped text has lines no longer than this.
MAX_WRAP_WIDTH = 100


def strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    """``(start, end)`` narrowed to exclude surrounding whitespace (may become empty)."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def lines(text: str) -> list[tuple[int, int]]:
    """Non-blank lines as stripped ``(start, end)`` offsets, in order."""
    out = []
    for m in _LINE.finditer(text):
        s, e = strip_span(text, m.start(), m.end())
        if s < e:
            out.append((s, e))
    return out


def is_stopped(piece: str) -> bool:
    """True when ``piece`` ends with sentence-final punctuation."""
    return STOP_END.search(piece) is not None


#: A sentence ending inside a piece: a lower-case word of 3+ letters, a stop, more words
#: ("... could rise. By"); abbreviations ("U.S.", "Mr.", "Gen.") do not look like this.
_INNER_STOP = re.compile(r"\b[a-z]{3,}[.!?][\"'”’)]*\s+\S")


def has_inner_stop(piece: str) -> bool:
    """True when a sentence ends inside ``piece`` (see :data:`_INNER_STOP`)."""
    return _INNER_STOP.search(piece) is not None


def is_short_unstopped(piece: str) -> bool:
    """A headline-like piece: few words, no final stop, no sentence ending inside."""
    if len(piece) > SHORT_CHARS or is_stopped(piece):
        return False
    return len(_WORD.findall(piece)) <= SHORT_WORDS and not has_inner_stop(piece)


def _blocks(text: str, spans: list[tuple[int, int]]) -> list[list[tuple[int, int]]]:
    """Group lines into blank-line separated blocks."""
    blocks: list[list[tuple[int, int]]] = []
    prev_end = -1
    for s, e in spans:
        if blocks and "\n" not in text[prev_end:s].replace("\n", "", 1):
            blocks[-1].append((s, e))
        else:
            blocks.append([(s, e)])
        prev_end = e
    return blocks


def _runs_on(first_char: str) -> bool:
    """A line starting like this continues the sentence of the line before."""
    return first_char.islower() or first_char.isdigit()


#: A line ending in one of these words runs on into the next.
_RUN_ON_END = re.compile(
    r"\b(?:the|a|an|of|to|and|or|but|that|in|on|at|for|with|by|from|as|was|were|is|are|had"
    r"|has|have|its|their|his|her|told|said|after|before|than|into|over|about),?\Z",
    re.IGNORECASE,
)


def wrapped_line(text: str, spans: list[tuple[int, int]]) -> bool:
    """True when the first line runs on into the next one (a hard-wrapped paragraph
    rather than a headline): it breaks mid-sentence before a lower-case word or after
    a word no headline ends with, or the whole text is hard-wrapped."""
    blocks = _blocks(text, spans)
    if not blocks or len(blocks[0]) < 2:
        return False
    (s, e), (s2, _) = blocks[0][0], blocks[0][1]
    if _runs_on(text[s2]) or _RUN_ON_END.search(text[s:e]):
        return True
    width = max(e - s for s, e in spans)
    return is_hard_wrapped(text, blocks) and e - s >= 0.6 * width


def is_hard_wrapped(text: str, blocks: list[list[tuple[int, int]]]) -> bool:
    """Lines wrapped at a fixed width: no line is longer than MAX_WRAP_WIDTH, most lines
    that run on into the next are long, and a fair share of them break mid-sentence
    (no final stop, and the next line starts in lower case)."""
    pairs = [(a, b) for block in blocks for a, b in itertools.pairwise(block)]
    if not pairs:
        return False
    width = max(e - s for block in blocks for (s, e) in block)
    if width > MAX_WRAP_WIDTH:
        return False
    long_ = sum(1 for (s, e), _ in pairs if e - s >= 0.6 * width)
    broken = sum(
        1
        for (s, e), (s2, _) in pairs
        if not is_stopped(text[s:e])
        and (_runs_on(text[s2]) or _RUN_ON_END.search(text[s:e]) is not None)
    )
    return long_ >= 0.6 * len(pairs) and broken >= max(1, 0.25 * len(pairs))


def _block_units(text: str, block: list[tuple[int, int]], width: int) -> list[tuple[int, int]]:
    """One unit for a wrapped paragraph; its lines when the block is a list of short lines."""
    if len(block) > 1 and all(e - s < 0.6 * width for s, e in block[:-1]):
        return block
    return [(block[0][0], block[-1][1])]


def _split_at_noise(
    text: str, block: list[tuple[int, int]], is_noise: Callable[[str], bool]
) -> list[list[tuple[int, int]]]:
    """Cut a block at its whole-line noise: each noise line becomes a block of its own,
    so a credit line inside a wrapped paragraph never glues onto the prose. A line that
    continues an unstopped line in lower case is wrapped prose ("…he would / read more
    reports."), not noise; inline patterns still catch glued credits there."""
    out: list[list[tuple[int, int]]] = [[]]
    for k, span in enumerate(block):
        line = text[span[0] : span[1]]
        prev = text[block[k - 1][0] : block[k - 1][1]] if k else ""
        continues = bool(prev) and not is_stopped(prev) and _runs_on(line[:1])
        if not continues and is_noise(line):
            out += [[span], []]
        else:
            out[-1].append(span)
    return [b for b in out if b]


def _join_run_ons(
    text: str, blocks: list[list[tuple[int, int]]], is_noise: Callable[[str], bool]
) -> list[tuple[int, int]]:
    """Lines as units, except that a line which breaks mid-sentence (no final stop,
    the next line of its block starts in lower case: "...after the dam gave / way.")
    is one unit with the line it runs on into. Noise lines are never joined."""
    out: list[tuple[int, int]] = []
    for block in blocks:
        for k, (s, e) in enumerate(block):
            line = text[s:e]
            if k and _joins(text, out[-1], line, is_noise):
                out[-1] = (out[-1][0], e)
            else:
                out.append((s, e))
    return out


def _joins(text: str, prev: tuple[int, int], line: str, is_noise: Callable[[str], bool]) -> bool:
    before = text[prev[0] : prev[1]]
    if is_stopped(before) or not _runs_on(line[:1]) or is_noise(line):
        return False
    last_line = before.rsplit("\n", 1)[-1]
    return not is_noise(last_line)


def units(text: str, is_noise: Callable[[str], bool] = lambda _: False) -> list[tuple[int, int]]:
    """The lines of ``text``, or its paragraphs when it is hard-wrapped (a line that
    ``is_noise`` always stays a unit of its own)."""
    spans = lines(text)
    blocks = _blocks(text, spans)
    if not is_hard_wrapped(text, blocks):
        return _join_run_ons(text, blocks, is_noise)
    width = max(e - s for s, e in spans)
    return [
        u
        for block in blocks
        for part in _split_at_noise(text, block, is_noise)
        for u in _block_units(text, part, width)
    ]
