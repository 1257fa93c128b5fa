"""Noise inside prose: datelines, credits glued to sentences, lower-cased widget text."""

from __future__ import annotations

import re

from storyline.clean.patterns import AGENCY, DATELINE, DATELINE_CAPS, INLINE_PATTERNS
from storyline.clean.units import strip_span

Interval = tuple[int, int]
Cut = tuple[int, int, str]

_WORD = re.compile(r"\S+")
#: A dateline's place has at most this many words, its source at most this many.
_MAX_PLACE_WORDS = 7
_MAX_SOURCE_WORDS = 4


def _words(s: str | None) -> int:
    return len(_WORD.findall(s or ""))


def _plausible(m: re.Match[str], piece: str) -> bool:
    """A dateline match that is short, is followed by text, and names its source
    with a capital or is a known agency."""
    place, source = m.group("place"), m.group("source")
    if m.end() >= len(piece) or _words(place) > _MAX_PLACE_WORDS:
        return False
    if _words(source) > _MAX_SOURCE_WORDS:
        return False
    return source[0].isupper() or AGENCY.fullmatch(source) is not None


def find_dateline(text: str, unit: Interval) -> Interval | None:
    """The dateline opening ``unit`` ("MOSUL, Iraq (Reuters) -"), trimmed, or None."""
    piece = text[unit[0] : unit[1]]
    m = DATELINE.match(piece)
    if m is not None and _plausible(m, piece):
        return strip_span(text, unit[0], unit[0] + m.end())
    m = DATELINE_CAPS.match(piece)
    if m is not None and m.end() < len(piece):
        return strip_span(text, unit[0], unit[0] + m.end())
    return None


def dateline_parts(dateline: str) -> tuple[str | None, str | None]:
    """``(source, place)`` read off a dateline's text."""
    m = DATELINE.match(dateline.strip())
    if m is not None:
        place = (m.group("place") or "").strip(" ,") or None
        return m.group("source").strip(), place
    m = DATELINE_CAPS.match(dateline.strip())
    if m is not None:
        return None, m.group("place").strip(" ,")
    return None, None


def inline_noise(text: str, unit: Interval) -> list[Cut]:
    """Non-overlapping noise pieces inside ``unit``, trimmed, in text order.

    Where two patterns overlap, the one starting first (then the longer) wins.
    """
    piece = text[unit[0] : unit[1]]
    lowered = piece.lower()
    found: list[Cut] = []
    for kind, pattern, triggers in INLINE_PATTERNS:
        for t in triggers:  # (a loop, not any(): this runs for every unit of every text)
            if t in lowered:
                break
        else:
            continue
        for m in pattern.finditer(piece):
            s, e = strip_span(text, unit[0] + m.start(), unit[0] + m.end())
            if s < e:
                found.append((s, e, kind))
    found.sort(key=lambda c: (c[0], -c[1]))
    out: list[Cut] = []
    for cut in found:
        if not out or cut[0] >= out[-1][1]:
            out.append(cut)
    return out
