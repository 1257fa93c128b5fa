"""PLACEHOLDER (to be replaced): keeps every non-empty line, removes nothing."""

from __future__ import annotations

import re
from dataclasses import dataclass

from storyline.model import Removal, Span


@dataclass(frozen=True, slots=True)
class Cleaning:
    """What cleaning found in one article's text.

    ``regions`` are ``(start, end)`` offsets of the prose kept, in text order; a region
    never crosses a paragraph break, so sentences never span one.
    """

    regions: tuple[tuple[int, int], ...]
    removed: tuple[Removal, ...] = ()
    dateline: Span | None = None
    #: Outlet and place read off the dateline ("Reuters", "MOSUL, Iraq"), if any.
    dateline_source: str | None = None
    dateline_place: str | None = None


def clean(text: str, doc: int = 0) -> Cleaning:
    regions = tuple(
        (m.start(), m.end()) for m in re.finditer(r"[^\n]*\S[^\n]*", text)
    )
    return Cleaning(regions=regions)
