"""Normalisers of :mod:`storyline.annotate.timex`: one function per rule of
:mod:`storyline.annotate._timex_rules`, from a match to ``(type, value, resolution)``
(or None to refuse the match). The rules they apply are in ``timex``'s docstring;
durations, sets and references are in :mod:`storyline.annotate._timex_spans`."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from storyline.annotate import _timex_calendar as cal
from storyline.annotate._timex_rules import MONTHS, ORDINALS, WEEKDAYS

Result = tuple[str, str, str] | None
HALF_YEAR = 183


@dataclass(slots=True)
class Context:
    """What a document's normalisers share: its DCT and the focus (last DATE seen)."""

    dct: date | None
    focus: str | None = None

    def see(self, kind: str, value: str, how: str) -> None:
        """Move the focus to a DATE/TIME just found, unless it was itself placed from
        the focus ("a year earlier" must not become the next one's anchor)."""
        anchored = "the date before" in how or "named before" in how
        if kind in {"DATE", "TIME"} and re.match(r"\d{4}", value) and not anchored:
            self.focus = value

    def at(self, tense: str | None, word: str | None, before: str) -> At:
        return At(self.dct, self.focus, tense, word, before)


@dataclass(frozen=True, slots=True)
class At:
    """The context of one match: DCT, focus, the clause's tense, the text just before."""

    dct: date | None
    focus: str | None
    tense: str | None
    word: str | None
    before: str

    @property
    def future(self) -> bool:
        return self.tense == "future"

    def pub(self) -> str:
        assert self.dct is not None
        return f"{self.dct.isoformat()} (the article's date)"

    def why(self) -> str:
        return f", future clause ('{self.word}')" if self.future else ""


def _g(m: re.Match[str], name: str) -> str | None:
    return m.groupdict().get(name)


def _lower(m: re.Match[str], name: str) -> str:
    return " ".join((_g(m, name) or "").lower().split())


def _month_no(name: str) -> int:
    return MONTHS[name.lower().rstrip(".")]


def _year(raw: str, c: At) -> int:
    if raw.startswith(("'", "’")):
        century = (c.dct.year // 100 * 100) if c.dct else 1900
        y = century + int(raw[1:])
        return y - 100 if c.dct and y > c.dct.year + 10 else y
    return int(raw)


def _unanchored(value: str, what: str) -> tuple[str, str, str]:
    return "DATE", value, f"{what}: needs the publication date, and the article has none"


# ---- days, months, years ------------------------------------------------------------


def _iso(m: re.Match[str], c: At) -> Result:
    d = date(int(m["y"]), int(m["m"]), int(m["d"]))
    if m["hh"]:
        return "TIME", f"{d.isoformat()}T{m['hh']}:{m['mm']}", "written in full"
    return "DATE", d.isoformat(), "written in full"


def _day_month(m: re.Match[str], c: At) -> Result:
    mon, d = _month_no(m["mon"]), int(m["d"])
    if m["y"]:
        return "DATE", date(int(m["y"]), mon, d).isoformat(), "written in full"
    if c.dct is None:
        return _unanchored(f"XXXX-{mon:02d}-{d:02d}", "no year given")
    when, how = nearest_day(mon, d, c)
    return "DATE", when.isoformat(), how


def nearest_day(mon: int, d: int, c: At) -> tuple[date, str]:
    """A day and month without a year (rule in ``timex``'s docstring)."""
    assert c.dct is not None
    pub = c.dct
    name = f"{date(2000, mon, 1):%B} {d}"
    days = []
    for year in (pub.year - 1, pub.year, pub.year + 1):
        try:
            days.append(date(year, mon, d))
        except ValueError:  # 29 February outside a leap year
            continue
    if not days:
        raise ValueError(f"{name} never occurs")
    ahead = _looks_ahead(c)
    if ahead and (min(x for x in days if x >= pub) - pub).days <= HALF_YEAR:
        when = min(x for x in days if x >= pub)
        why = c.why() or ", a deadline"
        how = f"no year given: first {name} on or after {c.pub()}{why}"
    else:
        when = max(x for x in days if x <= pub)
        how = f"no year given: latest {name} on or before {c.pub()}"
    if ahead or c.tense == "past" or abs((when - pub).days) <= HALF_YEAR:
        return when, how
    when = min(days, key=lambda x: abs((x - pub).days))
    return when, f"no year given: the {name} nearest to {c.pub()}"


def _numeric(m: re.Match[str], c: At) -> Result:
    y = int(m["y"])
    if y < 100:
        y += 1900 if y > 30 else 2000
    return "DATE", date(y, int(m["m"]), int(m["d"])).isoformat(), "written in full"


def _month_year(m: re.Match[str], c: At) -> Result:
    mon = _month_no(m["mon"])
    if m["rely"]:
        if c.dct is None:
            return _unanchored(f"XXXX-{mon:02d}", f"a month of {m['rely'].lower()} year")
        y = c.dct.year + {"this": 0, "last": -1, "next": 1}[m["rely"].lower()]
        return "DATE", cal.month(y, mon), f"{date(y, mon, 1):%B %Y}, from {c.pub()}"
    y = _year(m["y"], c)
    return "DATE", cal.month(y, mon), f"the month {date(y, mon, 1):%B %Y}"


def _month(m: re.Match[str], c: At) -> Result:
    mon = _month_no(m["mon"])
    rel = _lower(m, "rel")
    name = f"{date(2000, mon, 1):%B}"
    if c.dct is None:
        return _unanchored(f"XXXX-{mon:02d}", "a month without a year")
    pub = c.dct
    if rel == "last" or rel == "past" or rel == "previous":
        y = pub.year if mon < pub.month else pub.year - 1
        how = f"latest {name} before the month of {c.pub()}"
    elif rel in {"next", "coming"} or (_looks_ahead(c) and rel != "this" and mon != pub.month):
        y = pub.year if mon > pub.month else pub.year + 1
        how = f"first {name} after the month of {c.pub()}{c.why() if rel == '' else ''}"
    elif mon == pub.month or rel == "this":
        y = pub.year
        how = f"{name} of the year of {c.pub()}"
    else:
        y = pub.year if mon < pub.month else pub.year - 1
        how = f"latest {name} on or before {c.pub()}"
    return "DATE", cal.month(y, mon), how


#: A deadline just before a date ("by August", "until May", "extended to Nov. 20").
_DEADLINE = re.compile(
    r"(?i)\b(?:by|until|till|through|to|before|effective|expires?|expiring)\s+"
    r"(?:(?:early|late|mid-?|around|about)\s+)?$"
)


def _looks_ahead(c: At) -> bool:
    """A future clause, or a deadline ("by August", "until May")."""
    return c.future or _DEADLINE.search(c.before) is not None


def _year_only(m: re.Match[str], c: At) -> Result:
    after = m.string[m.end() : m.end() + 25]
    if re.match(r"\s+(?:people|persons|troops|soldiers|workers|employees|men|women|children"
                r"|cars|units|shares|jobs|cases|miles|tons|feet|metres|meters|points|votes"
                r"|homes|houses|acres|barrels|deaths)\b", after, re.I):  # fmt: skip
        return None
    y = int(m["y"])
    return "DATE", str(y), f"the year {y}"


def _decade(m: re.Match[str], c: At) -> Result:
    if m["dec"]:
        v = m["dec"]
    elif m["short"]:
        century = (c.dct.year // 100) if c.dct else 19
        v = f"{century}{m['short']}"
        if c.dct and int(v) * 10 > c.dct.year:
            v = f"{century - 1}{m['short']}"
    else:
        tens = ["twenties", "thirties", "forties", "fifties", "sixties", "seventies",
                "eighties", "nineties"].index(m["word"].lower()) + 2  # fmt: skip
        v = f"19{tens}"
    return "DATE", v, f"the decade {v}0s"


def _century(m: re.Match[str], c: At) -> Result:
    words = {"eighteenth": 18, "nineteenth": 19, "twentieth": 20, "twenty-first": 21}
    n = int(m["n"]) if m["n"] else words[m["ordw"].lower()]
    return "DATE", f"{n - 1:02d}", f"the {n}th century"


def _rel_century(m: re.Match[str], c: At) -> Result:
    rel = _lower(m, "rel")
    if rel.startswith("the "):
        return "DURATION", "P100Y", "a century"
    if c.dct is None:
        return _unanchored("XX", "a century relative to the article's date")
    n = c.dct.year // 100 + {"this": 0, "last": -1, "next": 1}[rel]
    return "DATE", f"{n:02d}", f"the century {n}00-{n}99, from {c.pub()}"


def _holiday(m: re.Match[str], c: At) -> Result:
    name = m["hol"]
    if m["y"]:
        y = int(m["y"])
    elif c.dct is None:
        return None
    else:
        y = c.dct.year
        d = cal.holiday(name, y)
        if c.future and d < c.dct:
            y += 1
        elif not c.future and d > c.dct + timedelta(days=7):
            y -= 1
    return "DATE", cal.holiday(name, y).isoformat(), f"{name} {y}"


# ---- weekdays, days, parts of day -----------------------------------------------------


def weekday_date(target: int, rel: str, c: At) -> tuple[date, str]:
    """A weekday's date (rule in ``timex``'s docstring)."""
    assert c.dct is not None
    pub = c.dct
    title = WEEKDAYS[target].capitalize()
    if rel in {"next", "coming"}:
        return cal.weekday_after(pub, target), f"first {title} after {c.pub()}"
    if rel in {"last", "past", "previous"}:
        before = cal.weekday_on_or_before(pub - timedelta(days=1), target)
        return before, f"latest {title} before {c.pub()}"
    if rel == "this":
        monday = pub - timedelta(days=pub.weekday())
        return monday + timedelta(days=target), f"the {title} of the week of {c.pub()}"
    if pub.weekday() == target:
        return pub, f"latest {title} on or before {c.pub()}, that very day"
    if c.future:
        return cal.weekday_after(pub, target), f"first {title} after {c.pub()}{c.why()}"
    return cal.weekday_on_or_before(pub, target), f"latest {title} on or before {c.pub()}"


def _weekday(m: re.Match[str], c: At) -> Result:
    before = m.string[max(0, m.start() - 7) : m.start()].lower()
    if not m["rel"] and before.rstrip().endswith(("black", "good", "super", "cyber", "ash")):
        return None
    target = WEEKDAYS.index(m["wd"].lower())
    part = _lower(m, "part")
    if c.dct is None:
        return _unanchored(f"XXXX-WXX-{target + 1}", "a weekday")
    d, how = weekday_date(target, _lower(m, "rel"), c)
    if part:
        return "TIME", f"{d.isoformat()}T{cal.PART_CODES[part]}", f"{part} of {how}"
    return "DATE", d.isoformat(), how


def _rel_day(m: re.Match[str], c: At) -> Result:
    rel = _lower(m, "rel")
    part = _lower(m, "part")
    offsets = {"today": 0, "tonight": 0, "tomorrow": 1, "yesterday": -1, "overnight": -1,
               "the day before yesterday": -2, "the day after tomorrow": 2}  # fmt: skip
    if c.dct is None:
        return _unanchored("XXXX-XX-XX", rel)
    d = c.dct + timedelta(days=offsets[rel])
    names = {0: "the article's date", 1: "the day after", -1: "the day before",
             -2: "two days before", 2: "two days after"}  # fmt: skip
    how = f"{names[offsets[rel]]} {c.pub()}" if offsets[rel] else f"{c.pub()}"
    if rel == "overnight" and not part:
        return "TIME", f"{d.isoformat()}TNI", f"the night before {c.pub()}"
    if rel == "tonight" or part:
        code = cal.PART_CODES[part or "night"]
        return "TIME", f"{d.isoformat()}T{code}", f"{part or 'night'} of {how}"
    return "DATE", d.isoformat(), how


def _this_part(m: re.Match[str], c: At) -> Result:
    rel, part = _lower(m, "rel"), _lower(m, "part")
    if rel == "that":
        if not (c.focus and re.fullmatch(r"\d{4}-\d\d-\d\d", c.focus)):
            return None
        return "TIME", f"{c.focus}T{cal.PART_CODES[part]}", f"{part} of {c.focus} (the date before)"
    if c.dct is None:
        return _unanchored(f"XXXX-XX-XXT{cal.PART_CODES[part]}", f"{rel} {part}")
    d = c.dct - timedelta(days=1) if rel == "last" else c.dct
    how = f"{part} of {'the day before ' if rel == 'last' else ''}{c.pub()}"
    if rel == "last" and part == "night":
        how = f"the night before {c.pub()}"
    return "TIME", f"{d.isoformat()}T{cal.PART_CODES[part]}", how


def _clock(m: re.Match[str], c: At) -> Result:
    named = _lower(m, "named")
    if named:
        hh, mm = (24, 0) if named == "midnight" else (12, 0)
    elif m["hour24"] is not None:
        hh, mm = int(m["hour24"]), int(m["minute24"])
    else:
        hh, mm = int(m["hour"]), int(m["minute"] or 0)
        pm = m["ampm"].lower().startswith("p")
        if hh > 12:
            return None
        hh = hh % 12 + (12 if pm else 0)
    d, how = _clock_day(m, c)
    clock = f"T{hh:02d}:{mm:02d}"
    return "TIME", (d.isoformat() if d else "XXXX-XX-XX") + clock, how


def _clock_day(m: re.Match[str], c: At) -> tuple[date | None, str]:
    if _g(m, "mon") and m["d"]:
        sub = At(c.dct, c.focus, c.tense, c.word, c.before)
        if m["y"]:
            return date(int(m["y"]), _month_no(m["mon"]), int(m["d"])), "written in full"
        if c.dct is None:
            return None, "no publication date"
        return nearest_day(_month_no(m["mon"]), int(m["d"]), sub)
    if c.dct is None:
        return None, "a time of day: needs the publication date"
    if m["wd"]:
        return weekday_date(WEEKDAYS.index(m["wd"].lower()), "", c)
    rel = _lower(m, "rel")
    off = {"": 0, "today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}[rel]
    return c.dct + timedelta(days=off), f"a time of day, {rel or 'on'} {c.pub()}"


# ---- the normaliser table ------------------------------------------------------------


def trimmed_start(rule: str, m: re.Match[str]) -> int:
    """Where the timex starts: a determiner before an adjectival duration or quarter is
    left out ("a [five year] low", "the [third-quarter] loss"), as TimeML annotates."""
    groups = m.groupdict()
    if rule == "duration" and groups.get("det") and not groups.get("rel"):
        unit = m["unit"].lower()
        if not unit.endswith("s") and m["n"].lower() not in {"a", "an"}:
            return m.start("hedge") if groups.get("hedge") else m.start("n")
    if (
        rule == "quarter"
        and m.group(0).lower().startswith("the ")
        and re.search(r"(?i)-quarter$", m.group(0))
    ):
        return m.start("q")
    return m.start()


def normalise(rule: str, typ: str, m: re.Match[str], c: At) -> Result:
    """``(type, value, resolution)`` for match ``m`` of ``rule``, or None to refuse it."""
    from storyline.annotate._timex_spans import SPAN_NORMALISERS

    fn = _NORMALISERS.get(rule) or SPAN_NORMALISERS[rule]
    try:
        return fn(m, c)
    except OverflowError:  # "yesterday" in an article dated 1 January of year 1
        return "DATE", "XXXX-XX-XX", "outside the calendar (years 1 to 9999)"
    except (ValueError, KeyError, IndexError):  # 31 February and the like
        return None


_NORMALISERS: dict[str, Callable[[re.Match[str], At], Result]] = {
    "iso": _iso,
    "mdy": _day_month,
    "dmy": _day_month,
    "numeric": _numeric,
    "month_year": _month_year,
    "month": _month,
    "month_may": _month,
    "year": _year_only,
    "decade": _decade,
    "century": _century,
    "rel_century": _rel_century,
    "holiday": _holiday,
    "weekday": _weekday,
    "rel_day": _rel_day,
    "this_part": _this_part,
    "clock_day": _clock,
    "day_clock": _clock,
}
ORDINAL = ORDINALS
