"""The timeline's view of the time expressions: which days a dated statement covers.

The expressions themselves are found once, as TIMEX3 (:mod:`storyline.annotate.timex`,
the same annotations ``storyline annotate`` lists); this module turns each DATE or
TIME timex inside a sentence into a :class:`DateMention` with a :class:`~datetime.date`
or a :class:`~storyline.model.dossier.DateRange` (``when``) and keeps the timex's
human-readable ``resolution`` ("latest Monday on or before 2015-09-30 (the article's
date)"). The rules, beyond the TIMEX3 value (``pub`` is the article's publication date):

* a signal before the timex that makes it a range is kept in the expression: "since
  April" runs from 1 April to ``pub``;
* a period that holds ``pub`` ends there outside a future clause: "this year" is
  1 January → ``pub``, "this week" Monday → ``pub``, "in March" (published 10 March)
  1 → 10 March;
* "earlier this week": Monday of ``pub``'s week → the day before ``pub`` (the seven
  days before ``pub`` when ``pub`` is a Monday);
* "overnight" and "last night": the night before publication, ``pub`` - 1 → ``pub``;
* "the past three years" (a DURATION ending at the time of writing): the range up to
  ``pub``;
* vague references ("recently", "in recent days/weeks") are kept with ``vague=True``
  and a range (30, 7 or 28 days) ending at ``pub``; PRESENT/FUTURE_REF, other
  durations and sets are not dated statements and are left out.

Without a publication date only expressions carrying a year resolve; the others are
returned with ``when=None`` and a note saying so (the timeline skips them).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from storyline.annotate._timex_calendar import value_range
from storyline.annotate._timex_normal import HALF_YEAR
from storyline.annotate.timex import Timex, article_timexes, document_timexes, future_marker
from storyline.model import Article, Corpus, Span
from storyline.model.dossier import DateRange

__all__ = ["HALF_YEAR", "DateMention", "When", "find_dates", "find_dates_in_document",
           "future_marker"]  # fmt: skip

When = date | DateRange

#: A signal before a timex that makes it run to the publication date.
_SINCE = re.compile(r"(?i:\b(since)\s+)$")
_PAST_SPAN = re.compile(r"(?i)^the\s+(?:past|last)\s+")
_VAGUE_DAYS = {"days": 7, "weeks": 28}


@dataclass(frozen=True, slots=True)
class DateMention:
    """One date expression: where it is, what it says, and what it resolves to."""

    span: Span
    sentence: Span
    expression: str
    #: ``None`` when it cannot be resolved (relative, and no publication date).
    when: When | None
    resolution: str
    vague: bool = False


def find_dates(corpus: Corpus) -> tuple[list[DateMention], list[str]]:
    """Every date expression in the corpus's sentences, resolved; plus notes for the user."""
    mentions: list[DateMention] = []
    notes: list[str] = []
    for d in corpus.documents:
        found = list(_dates_in(d.article, tuple(d.sentences), document_timexes(d)))
        unresolved = [m for m in found if m.when is None]
        if unresolved and d.article.published is None:
            shown = ", ".join(repr(e) for e in dict.fromkeys(m.expression for m in unresolved))
            notes.append(
                f"{d.article.label}: no publication date, so {len(unresolved)} relative "
                f"date(s) ({shown}) could not be placed on the timeline; pass --date to set one"
            )
        elif unresolved:
            shown = "; ".join(f"{m.expression!r}: {m.resolution}" for m in unresolved[:3])
            notes.append(
                f"{d.article.label}: {len(unresolved)} date(s) could not be placed on the "
                f"timeline ({shown})"
            )
        mentions += found
    return mentions, notes


def find_dates_in_document(article: Article, sentences: Sequence[Span]) -> list[DateMention]:
    """Date expressions inside ``sentences`` of ``article``, in reading order."""
    return list(_dates_in(article, tuple(sentences), article_timexes(article, sentences)))


@lru_cache(maxsize=64)
def _dates_in(
    article: Article, sentences: tuple[Span, ...], timexes: tuple[Timex, ...]
) -> tuple[DateMention, ...]:
    """Cached: the timeline and the differences both ask for the same documents' dates."""
    out: list[DateMention] = []
    pub = article.published
    for sent in sentences:
        for t in timexes:
            if sent.start <= t.start and t.end <= sent.end:
                mention = _mention(article.text, sent, t, pub)
                if mention is not None:
                    out.append(mention)
    return tuple(out)


def _mention(text: str, sent: Span, t: Timex, pub: date | None) -> DateMention | None:
    """The timeline's reading of timex ``t`` (rules in the module docstring)."""
    since = _SINCE.search(text[max(sent.start, t.start - 12) : t.start])
    start = t.start - len(since.group(0)) if since else t.start
    span = Span(sent.doc, start, t.end, "date")
    expression = text[start : t.end]
    words = " ".join(text[t.start : t.end].lower().split())
    try:
        found = _when(t, words, pub, since is not None)
    except OverflowError:
        found = None, "outside the calendar (years 1 to 9999)", False
    if found is None:
        return None
    when, how, vague = found
    return DateMention(span, sent, expression, when, how, vague)


def _when(
    t: Timex, words: str, pub: date | None, since: bool
) -> tuple[When | None, str, bool] | None:
    if t.type == "SET" or t.value in {"PRESENT_REF", "FUTURE_REF"}:
        return None
    if t.type == "DURATION":
        if pub is None or not _PAST_SPAN.match(words):
            return None
        return _past_span(t, pub)
    if t.value == "PAST_REF":
        if pub is None or not words.startswith(("recent", "lately", "more recently")):
            return None
        days = next((n for w, n in _VAGUE_DAYS.items() if words.endswith(w)), 30)
        how = f"vague: the {days} days up to {pub}"
        return DateRange(pub - timedelta(days=days), pub), how, True
    rng = value_range(t.value)
    if rng is None:
        return None, t.resolution, False
    first, last = rng
    if "T" in t.value and t.value.endswith("TNI") and words in {"overnight", "last night"}:
        return DateRange(first, first + timedelta(days=1)), t.resolution, False
    if pub is not None:
        return _cut(t, words, first, last, pub, since)
    return (first if first == last else DateRange(first, last)), t.resolution, False


def _cut(
    t: Timex, words: str, first: date, last: date, pub: date, since: bool
) -> tuple[When, str, bool]:
    """Ranges that hold the publication date end there; "since X" runs to it."""
    how = t.resolution
    if since:
        return DateRange(first, pub), f"from {first.isoformat()} to {pub.isoformat()}; {how}", False
    if words.startswith("earlier this week") or words.startswith("earlier in the week"):
        if pub.weekday() == 0:
            how = f"{pub.isoformat()} (the article's date) is a Monday, so the seven days before it"
            return DateRange(pub - timedelta(days=7), pub - timedelta(days=1)), how, False
        return DateRange(first, pub - timedelta(days=1)), how + ", to the day before", False
    future = "future clause" in how or first > pub
    if first <= pub < last and not future:
        last = pub
        how += f", up to {pub.isoformat()}"
    return (first if first == last else DateRange(first, last)), how, False


def _past_span(t: Timex, pub: date) -> tuple[When, str, bool] | None:
    """ "the past three years" -> the three years up to the publication date."""
    m = re.fullmatch(r"P(\d+)([DWMY])", t.value)
    if m is None:
        return None
    n, unit = int(m.group(1)), m.group(2)
    days = n * {"D": 1, "W": 7, "M": 30, "Y": 365}[unit]
    return DateRange(pub - timedelta(days=days), pub), f"the {t.value[1:]} up to {pub}", False
