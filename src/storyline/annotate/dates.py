"""Find date expressions in sentences and resolve them against the article's date.

1. **prefilter** — one cheap regex (:data:`_PREFILTER`) skips sentences with no month,
   weekday, year or relative-time word; most sentences stop here.
2. **match** — the patterns in :data:`_PATTERNS` find expressions ("30 September 2015",
   "Sept. 30", "on Monday", "since April", "overnight"...), longest first, no overlaps.
3. **resolve** — each expression becomes a :class:`~datetime.date` or a
   :class:`~storyline.model.dossier.DateRange`, with a ``resolution`` string that says
   how, e.g. ``"latest Monday on or before 2015-09-30 (the article's date)"``.

The rules, written down (``pub`` is the article's publication date):

* a weekday ("on Monday", "Monday night"): the latest Monday on or before ``pub`` — an
  article published on a Monday means that very day; "last Monday": the latest Monday
  strictly before ``pub``; "next Monday": the first Monday strictly after ``pub``.
* **future clauses**: when the clause around the date speaks of the future or of an
  intention ("will", "would", "is/are to", "plans to", "is expected to", "is due to",
  "next", "resume", "scheduled" — :data:`_FUTURE`, clause cut by :data:`_CLAUSE_EDGE`),
  a bare weekday is the first such weekday strictly after ``pub``, a month without a
  year the first such month from ``pub``'s on, and a day and month without a year the
  first such day on or after ``pub``; ``resolution`` names the word that decided it.
* "yesterday": ``pub`` - 1 day; "today", "tonight", "this morning": ``pub``.
* "overnight": the night before publication, the range ``pub`` - 1 → ``pub``.
* weeks start on Monday. "last week": Monday → Sunday of the week before ``pub``'s;
  "this week": Monday of ``pub``'s week → ``pub``; "earlier this week" / "earlier in the
  week": Monday of ``pub``'s week → the day before ``pub``; when ``pub`` is a Monday
  that week has no earlier day, so it is the seven days before ``pub``.
* a month without a year ("in March", "since April"): the latest such month that starts on
  or before ``pub``; "in March" is that month (cut at ``pub``), "since April" runs from its
  first day to ``pub``. "last month": the whole calendar month before ``pub``'s;
  "this month": its first day → ``pub``.
* "this year": 1 January → ``pub``; "last year": the whole previous calendar year;
  "in 2014": the whole year; "N days/weeks/months/years ago": counted back from ``pub``.
* a day and month without a year ("Sept. 30"): the latest such day on or before ``pub``
  (the first on or after it in a future clause), unless that is more than
  :data:`HALF_YEAR` days away and the clause is not in the past tense (:data:`_PAST`):
  then the nearest such day to ``pub`` ("opens on March 20" in an article of 11 March
  2026 is 20 March 2026, not 2025).
* vague expressions ("recently", "in recent days/weeks") are kept with ``vague=True`` and a
  range (7 days, 28 days, or 30 days for "recently") ending at ``pub``.

Without a publication date only expressions carrying a year resolve; the others are
returned with ``when=None`` and a note saying so (the timeline skips them).
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from storyline.model import Article, Corpus, Span
from storyline.model.dossier import DateRange

When = date | DateRange

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip

_FULL_MONTH = (
    r"(?:january|february|march|april|may|june|july|august|september|october|november|december)"
)
_ABBR_MONTH = r"(?:jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\.?"
_ANY_MONTH = rf"(?:{_FULL_MONTH}|{_ABBR_MONTH})"
_WEEKDAY = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[89]\d\d|20\d\d)"
_PART = r"(?:\s+(?:morning|afternoon|evening|night))?"
_NUM = r"(?:\d{1,2}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"

_PREFILTER = re.compile(
    rf"\b(?:{_ANY_MONTH}|{_WEEKDAY}|{_YEAR}|yesterday|today|tonight|overnight|week|month|"
    r"year|ago|recent|recently|morning|\d{4}-\d\d-\d\d)\b",
    re.IGNORECASE,
)

#: (kind, pattern), tried in this order; earlier (more specific) matches win overlaps.
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (kind, re.compile(p, re.IGNORECASE))
    for kind, p in [
        ("iso", r"\b(?P<y>\d{4})-(?P<m>\d\d)-(?P<d>\d\d)\b"),
        ("dmy", rf"\b(?P<d>{_DAY})\s+(?:of\s+)?(?P<mon>{_ANY_MONTH})(?:,?\s+(?P<y>{_YEAR}))?\b"),
        ("mdy", rf"\b(?P<mon>{_ANY_MONTH})\s+(?P<d>{_DAY})(?!\d)(?:,?\s+(?P<y>{_YEAR}))?\b(?!,\d)"),
        ("since", rf"\bsince\s+(?:(?P<mon>{_FULL_MONTH})(?:\s+(?P<y>{_YEAR}))?|(?P<yo>{_YEAR})"
                  rf"|(?P<wd>{_WEEKDAY}))\b"),
        ("month_year", rf"\b(?P<mon>{_FULL_MONTH})\s+(?P<y>{_YEAR})\b"),
        ("earlier_week", r"\bearlier\s+(?:this|in\s+the)\s+week\b"),
        ("ago", rf"\b(?P<n>{_NUM})\s+(?P<unit>day|week|month|year)s?\s+ago\b"),
        ("rel_period", r"\b(?P<which>last|this|past)\s+(?P<unit>week|month|year)\b"),
        ("weekday", rf"\b(?:(?P<which>last|next|this|on|early|late)\s+)?(?P<wd>{_WEEKDAY})"
                    rf"{_PART}\b"),
        ("in_month", rf"\b(?:in|during|by|until|from|early|late|mid-?|last|this)\s+"
                     rf"(?P<mon>{_FULL_MONTH})\b(?!\s+(?:be|have|not|also)\b)"),
        ("in_year", rf"\b(?:in|during|by|until|from|early|late|mid-?)\s*(?P<y>{_YEAR})\b"
                    r"(?![-,]\d)"),
        ("word", r"\b(?P<w>yesterday|today|tonight|overnight|this\s+morning|last\s+night"
                 r"|recently|in\s+recent\s+(?:days|weeks))\b"),
    ]
]  # fmt: skip


#: Words that put a clause in the future or make it an intention (rule in the docstring).
_FUTURE = re.compile(
    r"\b(?:will|would|shall|won't|(?:is|are|was|were)\s+(?:to|due\s+to|set\s+to)"
    r"|plans?\s+to|planned\s+to|planning\s+to|intends?\s+to|(?:is|are)\s+expected\s+to"
    r"|expected\s+to|going\s+to|next|resume|scheduled|upcoming)\b|(?<=\w)'ll\b",
    re.IGNORECASE,
)
#: Where the clause around a date stops, for :data:`_FUTURE`.
_CLAUSE_EDGE = re.compile(
    r"[;:,()—–]|\s-\s|\b(?:and|but|that|which|who|while|whereas|because|although)\b",
    re.IGNORECASE,
)
#: A past-tense clause: a day-month without a year there stays in the past.
_PAST = re.compile(r"\b(?:was|were|had|did)\b|\b[a-z]{3,}ed\b", re.IGNORECASE)
#: A day-month without a year further than this from the article's date is taken nearest.
HALF_YEAR = 183


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
        found = find_dates_in_document(d.article, d.sentences)
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
    return list(_dates_in(article, tuple(sentences)))


@lru_cache(maxsize=64)
def _dates_in(article: Article, sentences: tuple[Span, ...]) -> tuple[DateMention, ...]:
    """Cached: the timeline and the differences both ask for the same documents' dates."""
    out: list[DateMention] = []
    for sent in sentences:
        text = article.text[sent.start : sent.end]
        if not _PREFILTER.search(text):
            continue
        for kind, m in _matches(text):
            clause = _clause_around(text, m.start(), m.end())
            future = future_marker(clause)
            past = future is None and _PAST.search(clause) is not None
            when, how, vague = resolve(kind, m, article.published, future, past)
            span = Span(sent.doc, sent.start + m.start(), sent.start + m.end(), "date")
            out.append(DateMention(span, sent, m.group(0), when, how, vague))
    return tuple(out)


def _matches(text: str) -> list[tuple[str, re.Match[str]]]:
    """Non-overlapping matches; earlier patterns, then longer ones, win."""
    taken: list[tuple[int, int]] = []
    found: list[tuple[str, re.Match[str]]] = []
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            if kind == "weekday" and _is_name(m):
                continue
            taken.append((m.start(), m.end()))
            found.append((kind, m))
    found.sort(key=lambda km: km[1].start())
    return found


def _clause_around(text: str, start: int, end: int) -> str:
    """The clause around ``text[start:end]``, without those words."""
    left = max((e.end() for e in _CLAUSE_EDGE.finditer(text, 0, start)), default=0)
    nxt = _CLAUSE_EDGE.search(text, end)
    right = nxt.start() if nxt else len(text)
    return text[left:start] + " " + text[end:right]


def future_marker(clause: str) -> str | None:
    """The word that puts ``clause`` in the future or makes it an intention, or None."""
    found = _FUTURE.search(clause)
    return " ".join(found.group(0).lower().split()) if found else None


def _is_name(m: re.Match[str]) -> bool:
    """'Black Friday', 'Good Friday' and 'Super Tuesday' name days, not dates."""
    before = m.string[max(0, m.start() - 6) : m.start()].lower()
    return m.group("which") is None and before.rstrip().endswith(("black", "good", "super"))


def resolve(
    kind: str, m: re.Match[str], pub: date | None, future: str | None = None, past: bool = False
) -> tuple[When | None, str, bool]:
    """``(when, resolution, vague)`` for match ``m`` of pattern ``kind``; ``future`` is the
    word that puts its clause in the future ("would"), if any; ``past`` says the clause
    is in the past tense."""
    try:
        carries_year = kind == "since" and (m.group("y") or m.group("yo"))
        if kind in {"iso", "dmy", "mdy", "month_year", "in_year"} or carries_year:
            result = _absolute(kind, m, pub, future, past)
        elif pub is None:
            return None, "relative date and no publication date", False
        else:
            result = _relative(kind, m, pub, future)
    except ValueError as exc:  # 31 February and the like
        return None, f"not a valid date ({exc})", False
    if result is None:
        return None, "needs the publication date, and the article has none", False
    when, how = result
    vague = kind == "word" and m.group("w").lower().startswith(("recent", "in recent"))
    return when, how, vague


def _month(name: str) -> int:
    return MONTHS[name.lower().rstrip(".")]


def _day(text: str) -> int:
    return int(re.sub(r"\D", "", text))


def _absolute(
    kind: str, m: re.Match[str], pub: date | None, future: str | None = None, past: bool = False
) -> tuple[When, str] | None:
    """Expressions that carry their own month or year."""
    if kind == "iso":
        return date(int(m["y"]), int(m["m"]), int(m["d"])), "written in full"
    if kind in {"in_year", "since"}:
        year = int(m["y"] if kind == "in_year" else (m["yo"] or m["y"]))
        if kind == "since":
            start = date(year, _month(m["mon"]) if m["mon"] else 1, 1)
            if pub is None:
                return None
            return DateRange(start, pub), f"from {start.isoformat()} to {_pub(pub)}"
        return DateRange(date(year, 1, 1), date(year, 12, 31)), f"the whole year {year}"
    month = _month(m["mon"])
    if kind == "month_year":
        year = int(m["y"])
        return _month_range(year, month), f"the whole of {calendar.month_name[month]} {year}"
    day = _day(m["d"])
    if m["y"]:
        return date(int(m["y"]), month, day), "written in full"
    if pub is None:
        return None
    return _nearest_day(month, day, pub, future, past)


def _nearest_day(
    month: int, day: int, pub: date, future: str | None, past: bool
) -> tuple[date, str]:
    """``month``/``day`` with the year missing from the text (rule in the docstring)."""
    name = f"{calendar.month_name[month]} {day}"
    days = []
    for year in (pub.year - 1, pub.year, pub.year + 1):
        try:
            days.append(date(year, month, day))
        except ValueError:  # 29 February outside a leap year
            continue
    if not days:
        raise ValueError(f"{name} never occurs")
    if future:
        when = min(d for d in days if d >= pub)
        how = f"no year given: first {name} on or after {_pub(pub)}, future clause ('{future}')"
    else:
        when = max(d for d in days if d <= pub)
        how = f"no year given: latest {name} on or before {_pub(pub)}"
    if past or abs((when - pub).days) <= HALF_YEAR:
        return when, how
    when = min(days, key=lambda d: abs((d - pub).days))
    return when, f"no year given: the {name} nearest to {_pub(pub)}"


def _pub(pub: date) -> str:
    return f"{pub.isoformat()} (the article's date)"


def _shift(day: date, days: int) -> date:
    """``day`` moved by ``days`` days; a :class:`ValueError` (an unresolvable date, as
    31 February is) when that leaves the calendar (years 1 to 9999)."""
    try:
        return day + timedelta(days=days)
    except OverflowError:
        raise ValueError(
            f"{days:+,} days from {day.isoformat()} is outside the calendar"
        ) from None


def _month_range(year: int, month: int, cut: date | None = None) -> DateRange:
    end = date(year, month, calendar.monthrange(year, month)[1])
    if cut is not None and cut < end:
        end = cut
    return DateRange(date(year, month, 1), end)


def _latest_month(month: int, pub: date) -> int:
    """Year of the latest ``month`` that starts on or before ``pub``."""
    return pub.year if month <= pub.month else pub.year - 1


def _relative(
    kind: str, m: re.Match[str], pub: date, future: str | None = None
) -> tuple[When, str]:
    """Expressions that only make sense against the publication date."""
    if kind == "weekday":
        return _weekday(m["wd"].lower(), (m["which"] or "").lower(), pub, future)
    if kind == "since":
        if m["wd"]:
            start, how = _weekday(m["wd"].lower(), "", pub)
            return DateRange(start, pub), f"from the {how} to the article's date"
        month = _month(m["mon"])
        start = date(_latest_month(month, pub), month, 1)
        name = calendar.month_name[month]
        return DateRange(start, pub), f"from 1 {name} (latest {name} on or before {_pub(pub)})"
    if kind == "in_month":
        month = _month(m["mon"])
        if future:
            year = pub.year if month >= pub.month else pub.year + 1
            name = calendar.month_name[month]
            how = f"first {name} from the month of {_pub(pub)}, future clause ('{future}')"
            return _month_range(year, month), how
        year = _latest_month(month, pub)
        how = f"latest {calendar.month_name[month]} on or before {_pub(pub)}"
        return _month_range(year, month, cut=pub), how
    if kind == "earlier_week":
        if pub.weekday() == 0:
            how = f"{_pub(pub)} is a Monday, so the seven days before it"
            return DateRange(_shift(pub, -7), _shift(pub, -1)), how
        monday = _shift(pub, -pub.weekday())
        how = f"Monday of the week of {_pub(pub)} to the day before"
        return DateRange(monday, _shift(pub, -1)), how
    if kind == "ago":
        return _ago(m, pub)
    if kind == "rel_period":
        return _period(m["which"].lower(), m["unit"].lower(), pub)
    return _word(m["w"].lower(), pub)


def _weekday(name: str, which: str, pub: date, future: str | None = None) -> tuple[date, str]:
    """Resolve a weekday name; the rule for each qualifier is in the module docstring."""
    target = WEEKDAYS.index(name)
    back = (pub.weekday() - target) % 7
    title = name.capitalize()
    if which == "next" or (future and which != "last"):
        ahead = (target - pub.weekday()) % 7 or 7
        why = "" if which == "next" else f", future clause ('{future}')"
        return _shift(pub, ahead), f"first {title} after {_pub(pub)}{why}"
    if which == "last":
        back = back or 7
        return _shift(pub, -back), f"latest {title} before {_pub(pub)}"
    return _shift(pub, -back), f"latest {title} on or before {_pub(pub)}"


def _ago(m: re.Match[str], pub: date) -> tuple[When, str]:
    raw = m["n"].lower()
    n = int(raw) if raw.isdigit() else _NUMBER_WORDS[raw]
    unit = m["unit"].lower()
    how = f"{n} {unit}(s) before {_pub(pub)}"
    if unit == "day":
        return _shift(pub, -n), how
    if unit == "week":
        return _shift(pub, -7 * n), how
    if unit == "month":
        total = pub.year * 12 + pub.month - 1 - n
        return _month_range(total // 12, total % 12 + 1), how
    return DateRange(date(pub.year - n, 1, 1), date(pub.year - n, 12, 31)), how


def _period(which: str, unit: str, pub: date) -> tuple[When, str]:
    """'last/past/this week|month|year'."""
    if unit == "week":
        monday = _shift(pub, -pub.weekday())
        if which == "this":
            return DateRange(monday, pub), f"Monday of the week of {_pub(pub)} to that date"
        if which == "past":
            return DateRange(_shift(pub, -7), pub), f"the 7 days up to {_pub(pub)}"
        last = _shift(monday, -7)
        how = f"the week (Monday to Sunday) before the week of {_pub(pub)}"
        return DateRange(last, _shift(monday, -1)), how
    if unit == "month":
        if which == "this":
            return DateRange(pub.replace(day=1), pub), f"1st of the month to {_pub(pub)}"
        if which == "past":
            return DateRange(_shift(pub, -30), pub), f"the 30 days up to {_pub(pub)}"
        prev = _shift(pub.replace(day=1), -1)
        how = f"the calendar month before the month of {_pub(pub)}"
        return _month_range(prev.year, prev.month), how
    if which == "this":
        return DateRange(date(pub.year, 1, 1), pub), f"1 January to {_pub(pub)}"
    if which == "past":
        return DateRange(_shift(pub, -365), pub), f"the 365 days up to {_pub(pub)}"
    y = pub.year - 1
    how = f"the calendar year before the year of {_pub(pub)}"
    return DateRange(date(y, 1, 1), date(y, 12, 31)), how


def _word(word: str, pub: date) -> tuple[When, str]:
    """'yesterday', 'today', 'overnight', 'recently'..."""
    word = " ".join(word.split())
    if word == "yesterday":
        return _shift(pub, -1), f"the day before {_pub(pub)}"
    if word in {"overnight", "last night"}:
        return DateRange(_shift(pub, -1), pub), f"the night before {_pub(pub)}"
    if word == "in recent days":
        return DateRange(_shift(pub, -7), pub), f"vague: the 7 days up to {_pub(pub)}"
    if word == "in recent weeks":
        return DateRange(_shift(pub, -28), pub), f"vague: the 4 weeks up to {_pub(pub)}"
    if word == "recently":
        return DateRange(_shift(pub, -30), pub), f"vague: the 30 days up to {_pub(pub)}"
    return pub, f"the article's date, {pub.isoformat()}"
