"""Time expressions in TIMEX3: find them, type them, normalise them (HeidelTime's habit:
rules, not a model).

:func:`find_timexes` runs these steps over each sentence of a text:

1. **match** — every rule of :mod:`storyline.annotate._timex_rules` is applied; the
   candidates are taken longest first (earlier rules win ties), skipping overlaps and
   any candidate its normaliser refuses ("2000 people" is not a year).
2. **tense** — the clause around a relative expression decides its direction
   (:func:`tense_of`): a future clause ("will meet on Friday", "is to resume",
   "plans to") looks forward from the document creation time (DCT, the article's
   ``published``), a past one ("met", "was", "had") back.
3. **normalise** — each match becomes a ``type`` (DATE, TIME, DURATION, SET), a
   TIMEX3 ``value`` and a human-readable ``resolution``
   (:mod:`storyline.annotate._timex_normal`). Relative expressions are anchored on the
   DCT; "a year earlier", "the year-ago quarter", "that week" on the *focus*, the last
   DATE mentioned before them in the document.

The rules for the choices, measured on the TempEval-3 training data
(``bench/timex_eval.py``, see bench/RESULTS.md):

* a weekday named in an article published on that weekday is the DCT itself, in any
  tense (134 such weekdays in the training file: 132 are the DCT);
* otherwise a bare weekday is the latest such day before the DCT, or the first after
  it in a future clause; "last"/"next" weekday exclude the DCT;
* a month without a year: the DCT's month is the DCT's year; otherwise the latest such
  month before the DCT, or the first after it in a future clause;
* a day and month without a year: the latest such day on or before the DCT (first on or
  after it in a future clause), unless that is more than half a year away outside a past
  clause, then the nearest one;
* "the quarter", "the latest quarter": the quarter the focus names, else the last
  quarter completed before the DCT; "third quarter": the latest third quarter that
  started on or before the DCT (the next one in a future clause);
* "a year ago/earlier", "year-earlier": one year before the focus when the focus is a
  quarter or half year (the earnings-report idiom), else the DCT's year minus one.

Without a DCT, anchored values keep ``X`` for what cannot be known ("XXXX-10",
"XXXX-WXX-5") and the resolution says so.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from storyline.annotate._timex_normal import Context, normalise, trimmed_start
from storyline.annotate._timex_rules import candidates, lower
from storyline.model import Article, Document, Span

__all__ = [
    "Timex",
    "article_timexes",
    "document_timexes",
    "find_timexes",
    "future_marker",
    "tense_of",
    "timexes_in",
]


@dataclass(frozen=True, slots=True)
class Timex:
    """One time expression: ``text[start:end]``, its TIMEX3 type and value, and how the
    value was found, for people."""

    start: int
    end: int
    type: str
    value: str
    resolution: str
    #: The rule that matched (for error analysis; not part of the JSON).
    rule: str = ""

    def to_dict(self) -> dict[str, object]:
        return {"start": self.start, "end": self.end, "type": self.type, "value": self.value,
                "resolution": self.resolution}  # fmt: skip


#: Words that put a clause in the future or make it an intention.
_FUTURE = re.compile(
    r"\b(?:will|shall|won't|(?:is|are|was|were)\s+(?:to|due\s+to|set\s+to)"
    r"|plans?\s+to|planned\s+to|planning\s+to|intends?\s+to|(?:is|are)\s+expected\s+to"
    r"|expected\s+to|going\s+to|next|resume|scheduled|upcoming)\b|(?<=\w)'ll\b",
    re.IGNORECASE,
)
#: "would" counts as future only in reported speech ("said she would visit").
_WOULD = re.compile(r"\bwould\b", re.IGNORECASE)
#: Where the clause around a date stops, for :data:`_FUTURE`.
_CLAUSE_EDGE = re.compile(
    r"[;:,()—–]|\s-\s|\b(?:and|but|that|which|who|while|whereas|because|although)\b",
    re.IGNORECASE,
)
#: A past-tense clause.
_PAST = re.compile(
    r"\b(?:was|were|had|did|said|told|set|hit|fell|rose|won|lost|took|made|came|went|began"
    r"|saw|met|left|held|led|paid|sold|bought|struck|fought|ran|got|gave|found|kept|brought"
    r"|thought|became|shot|flew|grew|knew|wrote|spoke|broke|chose|drove|sent|spent|built"
    r"|felt|stood|heard|caught|sought|fled|withdrew|rang|threw|stole|hid|swept|dealt|fed"
    r"|laid|lent|slept|woke|wore|tore|sank|shut|quit|cut|put)\b|\b[a-z]{3,}ed\b",
    re.IGNORECASE,
)
#: A sentence end inside a text given without sentence spans.
#: Words ending in a full stop that do not end a sentence ("p.m.", "Sept.", "Mr.", "U.S.").
_ABBREVIATION = re.compile(
    r"(?:^|[^\w])(?:[ap]\.m|[A-Z]|[A-Z]\.[A-Z]|Mr|Mrs|Ms|Dr|Prof|Gen|Gov|Sen|Rep|Lt|Col|Capt|Sgt"
    r"|St|Jr|Sr|Inc|Corp|Co|Ltd|No|vs|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.$"
)
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’')]*\s+(?=[\"“‘'(]?[A-Z0-9])|\n\s*")


def future_marker(clause: str) -> str | None:
    """The word that puts ``clause`` in the future or makes it an intention, or None."""
    found = _FUTURE.search(clause) or _WOULD.search(clause)
    return " ".join(found.group(0).lower().split()) if found else None


def _clause_around(text: str, start: int, end: int, lo: int, hi: int) -> str:
    """The clause around ``text[start:end]`` inside ``text[lo:hi]``, without those words."""
    left = max((e.end() for e in _CLAUSE_EDGE.finditer(text, lo, start)), default=lo)
    nxt = _CLAUSE_EDGE.search(text, end, hi)
    right = nxt.start() if nxt else hi
    return text[left:start] + " " + text[end:right]


def tense_of(text: str, start: int, end: int, lo: int, hi: int) -> tuple[str | None, str | None]:
    """``("future", word)``, ``("past", None)`` or ``(None, None)`` for the clause holding
    ``text[start:end]`` within the sentence ``text[lo:hi]``."""
    clause = _clause_around(text, start, end, lo, hi)
    word = future_marker(clause)
    if word is not None:
        return "future", word
    if _PAST.search(clause):
        return "past", None
    return None, None


def sentences_of(text: str) -> list[tuple[int, int]]:
    """Sentence-like regions of ``text``, for texts given without sentence spans."""
    out = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        last = text[max(0, m.start() - 12) : m.start()].split()
        if "\n" not in m.group(0) and last and _ABBREVIATION.search(last[-1]):
            continue
        if text[start : m.start()].strip():
            out.append((start, m.start()))
        start = m.end()
    if text[start:].strip():
        out.append((start, len(text)))
    return out


def find_timexes(
    text: str, dct: date | None, sentences: Iterable[tuple[int, int]] | None = None
) -> list[Timex]:
    """Every time expression in ``text``, in reading order, normalised against ``dct``
    (the document creation time). ``sentences`` are ``(start, end)`` regions to search
    (and to judge tense in); without them the whole text is split into sentences."""
    regions = tuple(sentences) if sentences is not None else tuple(sentences_of(text))
    return list(_find(text, dct, regions))


@lru_cache(maxsize=64)
def _find(text: str, dct: date | None, regions: tuple[tuple[int, int], ...]) -> tuple[Timex, ...]:
    """Cached: the annotation, the timeline and the differences ask for the same texts."""
    ctx = Context(dct)
    lowered = lower(text)
    out: list[Timex] = []
    for lo, hi in sorted(regions):
        out += _in_sentence(text, lowered, lo, hi, ctx)
    return tuple(out)


def _in_sentence(text: str, lowered: str, lo: int, hi: int, ctx: Context) -> list[Timex]:
    """Steps 1-3 for one sentence; ``ctx.focus`` moves on with every DATE found."""
    chosen: list[tuple[int, int, str, str, re.Match[str]]] = []
    focus = ctx.focus
    for s, e, rule, typ, m in candidates(text, lo, hi, lowered):
        if any(s < b and a < e for a, b, *_ in chosen):
            continue
        if _normalised(text, s, e, rule, typ, m, lo, hi, ctx) is not None:
            chosen.append((s, e, rule, typ, m))
    ctx.focus = focus
    out = []
    for s, e, rule, typ, m in sorted(chosen, key=lambda c: c[0]):
        found = _normalised(text, s, e, rule, typ, m, lo, hi, ctx)
        if found is None:
            continue
        kind, value, how = found
        out.append(Timex(trimmed_start(rule, m), e, kind, value, how, rule))
        ctx.see(kind, value, how)
    return out


def _normalised(
    text: str,
    s: int,
    e: int,
    rule: str,
    typ: str,
    m: re.Match[str],
    lo: int,
    hi: int,
    ctx: Context,
) -> tuple[str, str, str] | None:
    tense, word = tense_of(text, s, e, lo, hi)
    return normalise(rule, typ, m, ctx.at(tense, word, text[max(lo, s - 30) : s]))


def timexes_in(
    text: str, dct: date | None, regions: tuple[tuple[int, int], ...]
) -> tuple[Timex, ...]:
    """:func:`find_timexes` for given regions (cached)."""
    return _find(text, dct, regions)


def document_timexes(document: Document) -> tuple[Timex, ...]:
    """The timexes of a corpus document (:func:`article_timexes` of its sentences)."""
    return article_timexes(document.article, document.sentences)


def article_timexes(article: Article, sentences: Sequence[Span]) -> tuple[Timex, ...]:
    """The timexes of an article: searched in its sentences (where tense is judged on the
    sentence) and in the text between them (headline, dateline, captions), split into
    sentence-like pieces. The article's ``published`` date is the DCT. Cached: the
    annotation, the timeline and the differences get the same tuple."""
    text = article.text
    regions: list[tuple[int, int]] = []
    pos = 0
    for s in sentences:
        regions += [(pos + a, pos + b) for a, b in sentences_of(text[pos : s.start])]
        regions.append((s.start, s.end))
        pos = max(pos, s.end)
    regions += [(pos + a, pos + b) for a, b in sentences_of(text[pos:])]
    return _find(text, article.published, tuple(regions))
