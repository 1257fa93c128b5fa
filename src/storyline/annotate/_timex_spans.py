"""Normalisers of :mod:`storyline.annotate.timex` for periods (quarters, halves, seasons,
weeks, "last year", "a year ago"), durations, sets and the PRESENT/PAST/FUTURE_REF
references. Same contract as :mod:`storyline.annotate._timex_normal`."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta

from storyline.annotate import _timex_calendar as cal
from storyline.annotate._timex_normal import At, Result, _lower, _unanchored
from storyline.annotate._timex_rules import MONTHS, ORDINALS, WEEKDAYS

_QUARTER = re.compile(r"(\d{4})-Q([1-4])")
_HALF = re.compile(r"(\d{4})-H([12])")


# ---- quarters and halves -------------------------------------------------------------


def _last_completed_quarter(dct: date) -> tuple[int, int]:
    return cal.shift_quarter(*cal.quarter_of(dct), -1)


def _quarter(m: re.Match[str], c: At) -> Result:
    q = ORDINALS[m["q"].lower()]
    year = m["y"] or m["y1"]
    if year:
        return "DATE", f"{year}-Q{q}", "written in full"
    if c.dct is None:
        return _unanchored(f"XXXX-Q{q}", "a quarter without a year")
    if m["rely"]:
        y = c.dct.year + {"this": 0, "last": -1, "next": 1}[m["rely"].lower()]
        return "DATE", f"{y}-Q{q}", f"Q{q} of {y}, from {c.pub()}"
    y, current = cal.quarter_of(c.dct)
    if c.future and q < current:
        y += 1
    elif not c.future and q > current:
        y -= 1
    which = "first" if c.future else "latest"
    how = f"{which} Q{q} {'after' if c.future else 'on or before'} {c.pub()}"
    return "DATE", f"{y}-Q{q}", how


def _quarter_rel(m: re.Match[str], c: At) -> Result:
    rel = re.sub(r"[\s-]+", "", _lower(m, "rel"))
    word = m.group(0).split()[-1].lower()
    focus = _QUARTER.fullmatch(c.focus or "")
    if c.dct is None:
        return _unanchored("XXXX-QX", "a quarter relative to the article's date")
    if rel in {"yearago", "yearearlier", "prioryear", "comparable"}:
        if focus:
            y, q = int(focus[1]) - 1, int(focus[2])
            return "DATE", f"{y}-Q{q}", f"a year before {c.focus}, the quarter named before"
        if word == "period":
            return None
        y, q = _last_completed_quarter(c.dct)
        return "DATE", f"{y - 1}-Q{q}", f"a year before the last quarter completed by {c.pub()}"
    if word == "period" and rel not in {"latest", "same"}:
        return None
    if rel in {"current", "this"}:
        y, q = cal.quarter_of(c.dct)
        return "DATE", f"{y}-Q{q}", f"the quarter of {c.pub()}"
    if rel in {"next", "coming"}:
        y, q = cal.shift_quarter(*cal.quarter_of(c.dct), 1)
        return "DATE", f"{y}-Q{q}", f"the quarter after that of {c.pub()}"
    if rel == "same" and focus:
        return "DATE", c.focus or "", "the quarter named before"
    if rel == "previous" and focus:
        y, q = cal.shift_quarter(int(focus[1]), int(focus[2]), -1)
        return "DATE", f"{y}-Q{q}", f"the quarter before {c.focus}"
    if focus and rel in {"latest", "fiscal", "same"}:
        return "DATE", c.focus or "", "the quarter named before"
    y, q = _last_completed_quarter(c.dct)
    return "DATE", f"{y}-Q{q}", f"the last quarter completed by {c.pub()}"


def _the_quarter(m: re.Match[str], c: At) -> Result:
    if _QUARTER.fullmatch(c.focus or ""):
        return "DATE", c.focus or "", "the quarter named before"
    if c.dct is None:
        return None
    y, q = _last_completed_quarter(c.dct)
    return "DATE", f"{y}-Q{q}", f"the last quarter completed by {c.pub()}"


def _half(m: re.Match[str], c: At) -> Result:
    h = 1 if m["h"].lower() == "first" else 2
    if m["y"]:
        return "DATE", f"{m['y']}-H{h}", "written in full"
    if c.dct is None:
        return _unanchored(f"XXXX-H{h}", "a half year without a year")
    rel = _lower(m, "rel")
    y = c.dct.year + {"next": 1, "last": -1}.get(rel, 0)
    if not rel and c.tense == "past" and h == 2 and c.dct.month <= 6:
        y -= 1
    return "DATE", f"{y}-H{h}", f"half {h} of {y}, from {c.pub()}"


def _months_of(m: re.Match[str], c: At) -> Result:
    n = cal.number(m["n"])
    return "DURATION", cal.duration(n, "month"), "a span of months"


# ---- seasons, weeks, months, years relative to the DCT --------------------------------


def _season(m: re.Match[str], c: At) -> Result:
    code = cal.SEASON_CODES[m["s"].lower()]
    rel = _lower(m, "rel").replace("this past", "last")
    if m["y"]:
        return "DATE", f"{m['y']}-{code}", "written in full"
    if not rel and not m["mod"] and not re.search(r"(?i)\bthe\s$", c.before):
        return None  # "fall" and "spring" are verbs too often
    if c.dct is None:
        return _unanchored(f"XXXX-{code}", "a season without a year")
    pub = c.dct
    start = date(pub.year, cal.SEASON_START[code], 1)
    y = pub.year - 1 if code == "WI" and pub.month <= 2 else pub.year
    if rel in {"last", "past"}:
        finished = start + timedelta(days=92) <= pub
        y = pub.year if finished and code != "WI" else pub.year - 1
    elif rel in {"next", "coming"} or (c.future and start + timedelta(days=92) < pub):
        y = pub.year if start > pub else pub.year + 1
    return "DATE", f"{y}-{code}", f"{m['s'].lower()} {y}, from {c.pub()}"


def _period_value(unit: str, d: date) -> str:
    if unit == "week":
        return cal.week(d)
    if unit == "weekend":
        return cal.week(d) + "-WE"
    if unit == "month":
        return cal.month(d.year, d.month)
    if unit == "decade":
        return str(d.year // 10)
    if unit == "season":
        code = {12: "WI", 1: "WI", 2: "WI", 3: "SP", 4: "SP", 5: "SP", 6: "SU", 7: "SU", 8: "SU"}
        return f"{d.year}-{code.get(d.month, 'FA')}"
    return str(d.year)


def _shift(unit: str, d: date, n: int) -> date:
    if unit in {"week", "weekend"}:
        return d + timedelta(weeks=n)
    if unit == "month":
        y, mo = cal.shift_month(d.year, d.month, n)
        return date(y, mo, 1)
    if unit == "decade":
        return cal.shift_years(d, 10 * n)
    if unit == "season":
        return d + timedelta(days=91 * n)
    return cal.shift_years(d, n)


def _focus_date(focus: str | None) -> date | None:
    rng = cal.value_range(focus or "")
    return rng[0] if rng else None


def _rel_period(m: re.Match[str], c: At) -> Result:
    rel, unit = _lower(m, "rel"), _lower(m, "unit").replace("fiscal ", "")
    words = m.group(0).split()
    if all(w[0].isupper() for w in words) and c.before.strip()[-1:] not in {"", ".", "!", "?"}:
        return None  # a name: ABC's "This Week"
    if m["the"] and rel in {"past", "last", "next", "coming", "previous"}:
        unit_word = {"weekend": "day", "season": "month"}.get(unit, unit)
        value = "P2D" if unit == "weekend" else cal.duration(1, unit_word)
        if unit == "season":
            return None
        return "DURATION", value, f"a span of one {unit}"
    if rel in {"that", "same", "following"}:
        anchor = _focus_date(c.focus)
        if anchor is None:
            return None
        d = _shift(unit, anchor, 1 if rel == "following" else 0)
        return "DATE", _period_value(unit, d), f"the {unit} of {c.focus} (the date before)"
    if c.dct is None:
        return _unanchored("XXXX", f"{rel} {unit}")
    n = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1}.get(rel, 0)
    d = _shift(unit, c.dct, n)
    if unit == "weekend":
        d = cal.weekday_on_or_before(d, 5) if n < 0 else d + timedelta(days=(5 - d.weekday()) % 7)
    where = {-1: "before", 1: "after", 0: "of"}[n]
    return "DATE", _period_value(unit, d), f"the {unit} {where} that of {c.pub()}"


def _the_weekend(m: re.Match[str], c: At) -> Result:
    if c.dct is None:
        return _unanchored("XXXX-WXX-WE", "the weekend")
    if c.future:
        d = c.dct + timedelta(days=(5 - c.dct.weekday()) % 7)
        how = f"the weekend after {c.pub()}"
    else:
        d = cal.weekday_on_or_before(c.dct, 5)
        how = f"the latest weekend on or before {c.pub()}"
    return "DATE", cal.week(d) + "-WE", how


# ---- "a year ago", "two weeks later", "year-earlier" ---------------------------------


def _ago(m: re.Match[str], c: At) -> Result:
    unit = cal.unit_of(m["unit"])
    direction = _lower(m, "dir")
    back = direction in {"ago", "earlier", "before"}
    n = cal.number(m["n"]) if m["n"] else 1.0
    if n is None:
        return "DATE", "PAST_REF" if back else "FUTURE_REF", "an unspecified time " + direction
    anchored = direction not in {"ago", "from now", "hence"}
    focus = _QUARTER.fullmatch(c.focus or "") or _HALF.fullmatch(c.focus or "")
    if unit == "year" and n == int(n) and focus:
        shifted = _shift_value(c.focus or "", -int(n) if back else int(n))
        if shifted:
            return "DATE", shifted, f"{int(n)} year(s) {direction} {c.focus} (the date before)"
    if c.dct is None:
        return _unanchored("XXXX", f"a time {direction}")
    anchor, what = c.dct, c.pub()
    if (
        anchored
        and (fd := _focus_date(c.focus))
        and re.fullmatch(r"\d{4}-\d\d-\d\d", c.focus or "")
    ):
        anchor, what = fd, f"{c.focus} (the date before)"
    sign = -1 if back else 1
    return "DATE", _moved(anchor, unit, sign * n), f"{m.group(0).strip()}: counted from {what}"


def _shift_value(value: str, years: int) -> str | None:
    """``value`` moved by whole years, keeping its granularity ("1989-Q3" -> "1988-Q3")."""
    mm = re.fullmatch(r"(\d{4})(.*)", value)
    if mm is None:
        return None
    rest = mm.group(2)
    if rest.startswith("-W") or "T" in rest:
        return None
    if rest == "-02-29":
        rest = "-02-28"
    return f"{int(mm.group(1)) + years:04d}{rest}"


def _moved(d: date, unit: str, n: float) -> str:
    if unit in {"second", "minute", "hour"}:
        return d.isoformat()
    if unit == "day":
        return (d + timedelta(days=n)).isoformat()
    if unit in {"week", "fortnight"}:
        return cal.week(d + timedelta(weeks=n * (2 if unit == "fortnight" else 1)))
    if unit == "month":
        y, mo = cal.shift_month(d.year, d.month, round(n))
        return cal.month(y, mo)
    if unit == "quarter":
        y, q = cal.shift_quarter(*cal.quarter_of(d), round(n))
        return f"{y}-Q{q}"
    if unit == "decade":
        return str((d.year + round(10 * n)) // 10)
    if unit == "century":
        return f"{(d.year + round(100 * n)) // 100:02d}"
    return str(d.year + round(n))


def _year_earlier(m: re.Match[str], c: At) -> Result:
    what = _lower(m, "what")
    focus = c.focus or ""
    if what == "year" and (_QUARTER.fullmatch(focus) or _HALF.fullmatch(focus)):
        shifted = _shift_value(focus, -1)
        if shifted:
            return "DATE", shifted, f"a year before {focus} (the date before)"
    if c.dct is None:
        return _unanchored("XXXX", f"a {what} earlier")
    if what == "year" and m["ord"] and (m["noun"] or "").lower() == "quarter":
        y, q = cal.quarter_of(c.dct)
        q2 = ORDINALS[m["ord"].lower()]
        y = y - 1 if q2 <= q else y - 2
        return "DATE", f"{y}-Q{q2}", f"Q{q2} a year before the latest one by {c.pub()}"
    if what == "year" and (m["noun"] or "").lower() == "quarter":
        y, q = _last_completed_quarter(c.dct)
        return "DATE", f"{y - 1}-Q{q}", f"a year before the last quarter completed by {c.pub()}"
    return "DATE", _moved(c.dct, what, -1), f"a {what} before {c.pub()}"


# ---- durations ------------------------------------------------------------------------


def _duration(m: re.Match[str], c: At) -> Result:
    unit = cal.unit_of(m["unit"])
    raw = " ".join(m["n"].lower().split())
    after = m.string[m.end() : m.end() + 6].lower()
    if unit == "quarter" and re.match(r"\s+of\b", after):
        return None  # "a quarter of the vote"
    if re.fullmatch(r"(?:1[5-9]|20)\d\d", raw):
        return None  # "the 1988 quarter": a year, not 1,988 quarters
    if unit in {"second", "minute"} and raw in {"a", "an"}:
        return None  # "a second term"
    if m["rel"] is None and m["det"] is None and raw in {"one"} and unit in {"day"}:
        return None  # "one day he ..."
    n = cal.number(raw)
    return "DURATION", cal.duration(n, unit), f"a span of {m['n'].strip()} {unit}(s)"


def _duration_adj(m: re.Match[str], c: At) -> Result:
    unit = cal.unit_of(m["unit"])
    raw = m["n"].lower()
    n = None if raw in {"several", "many", "multi"} else cal.number(raw)
    return "DURATION", cal.duration(n, unit), f"lasting {m['n']} {unit}(s)"


def _half_unit(m: re.Match[str], c: At) -> Result:
    return "DURATION", cal.duration(0.5, cal.unit_of(m["unit"])), "half a unit"


_FOR = re.compile(
    r"(?i:\b(?:for|in|over|within|after|from|during|than|take|takes|took|taking|last|lasted"
    r"|lasting|spend|spent|nearly|almost|about|past|through))\s*$"
)


def _bare_units(m: re.Match[str], c: At) -> Result:
    unit = cal.unit_of(m["unit"])
    rel = _lower(m, "rel")
    if rel == "coming" or (rel == "the coming"):
        return "DATE", "FUTURE_REF", f"the coming {unit}s: an unspecified time ahead"
    if m["ahead"]:
        return "DURATION", cal.duration(None, unit), f"the {unit}s ahead"
    if rel == "recent":
        return (
            "DATE",
            "PAST_REF",
            f"recent {unit}s: an unspecified time before {c.pub() if c.dct else 'now'}",
        )
    if rel in {"", "the"} and not _FOR.search(c.before):
        return None
    return "DURATION", cal.duration(None, unit), f"an unspecified number of {unit}s"


# ---- sets -------------------------------------------------------------------------------

_ADVERB = {"daily": "P1D", "weekly": "P1W", "monthly": "P1M", "annually": "P1Y",
           "yearly": "P1Y", "hourly": "PT1H", "nightly": "P1D", "quarterly": "P3M",
           "biweekly": "P2W", "semiannually": "P6M", "bimonthly": "P2M"}  # fmt: skip


def _set_adverb(m: re.Match[str], c: At) -> Result:
    w = m["w"].lower()
    return "SET", _ADVERB[w], f"{w}: every {_ADVERB[w][1:]}"


def _set_every(m: re.Match[str], c: At) -> Result:
    what = m["what"].lower().rstrip(".")
    raw = (m["n"] or "").lower()
    n = 2.0 if raw == "other" else (cal.number(raw) if raw else 1.0)
    if what in WEEKDAYS:
        return "SET", f"XXXX-WXX-{WEEKDAYS.index(what) + 1}", f"every {what.capitalize()}"
    if what in MONTHS:
        return "SET", f"XXXX-{MONTHS[what]:02d}", f"every {what.capitalize()}"
    if what in cal.PART_CODES:
        return "SET", f"XXXX-XX-XXT{cal.PART_CODES[what]}", f"every {what}"
    if what in cal.SEASON_CODES:
        return "SET", f"XXXX-{cal.SEASON_CODES[what]}", f"every {what}"
    if what == "weekend":
        return "SET", "XXXX-WXX-WE", "every weekend"
    unit = cal.unit_of(what)
    return "SET", cal.duration(n, unit), f"every {raw + ' ' if raw else ''}{unit}"


#: What comes before "a year" when it is a rate ("$5 a year", "three meals a day").
_RATE_BEFORE = re.compile(
    r"(?:\d|%|\b(?:dollars|cents|each|people|meals|times|hours|calls|visits|trips|flights"
    r"|tons|barrels))[\w\s,.]{0,12}$",
    re.IGNORECASE,
)


def _set_times(m: re.Match[str], c: At) -> Result:
    unit = cal.unit_of(m["what"])
    if not m["freq"] and m["q"].lower() != "per" and not _RATE_BEFORE.search(c.before):
        return None
    return "SET", cal.duration(1, unit), f"once every {unit}"


def _weekday_plural(m: re.Match[str], c: At) -> Result:
    target = WEEKDAYS.index(m["wd"].lower())
    return "SET", f"XXXX-WXX-{target + 1}", f"every {m['wd']}"


# ---- references -------------------------------------------------------------------------

_PRESENT = {"now", "right now", "currently", "nowadays", "presently", "at present", "the present",
            "these days", "the moment", "current"}  # fmt: skip
_FUTURE_WORDS = {"soon", "the future", "future", "the near future", "the near term",
                 "the short term", "the long term", "as soon as possible"}  # fmt: skip


def _ref(m: re.Match[str], c: At) -> Result:
    w = " ".join(m["w"].lower().split())
    after = m.string[m.end() : m.end() + 12].lower()
    if w == "current" and re.match(r"\s+(?:account|affairs|events?|flows?|density)\b", after):
        return None
    if w == "now" and re.match(r"-", after):
        return None
    if w == "soon" and re.match(r"\s+(?:as|after|before|afterwards?)\b", after):
        return None
    if w == "future" and re.search(r"(?i)foreseeable\s+$", c.before):
        return None
    if w in _PRESENT:
        return "DATE", "PRESENT_REF", "the time of writing"
    if w in _FUTURE_WORDS or w.startswith(("coming", "the coming")):
        return "DATE", "FUTURE_REF", "an unspecified time after the time of writing"
    return "DATE", "PAST_REF", "an unspecified time before the time of writing"


def _the_unit(m: re.Match[str], c: At) -> Result:
    unit, det = m["unit"].lower(), m["det"].lower()
    after = m.string[m.end() : m.end() + 12].lower()
    if unit == "year" and re.match(r"\s+(?:end(?:ed|ing)|to\s+date)\b", after):
        return "DURATION", "P1Y", "a span of one year"
    anchor = _focus_date(c.focus) if det == "that" or unit == "day" else None
    if det == "that" or unit == "day":
        if anchor is None or (
            unit == "day" and not re.fullmatch(r"\d{4}-\d\d-\d\d", c.focus or "")
        ):
            return None
        return (
            "DATE",
            _period_value(unit, anchor) if unit != "day" else c.focus or "",
            (f"the {unit} of {c.focus} (the date before)"),
        )
    if unit == "month":
        return None
    d = c.dct
    if d is None:
        return None
    src = f"{c.focus} (the date before)" if anchor else c.pub()
    return "DATE", _period_value(unit, d), f"the {unit} of {src}"


def _earlier_in(m: re.Match[str], c: At) -> Result:
    if c.dct is None:
        return None
    unit = m["unit"].lower()
    return "DATE", _period_value(unit, c.dct), f"the {unit} of {c.pub()}"


def _year_end(m: re.Match[str], c: At) -> Result:
    if c.dct is None:
        return None
    return "DATE", str(c.dct.year), f"the end of {c.dct.year}, the year of {c.pub()}"


SPAN_NORMALISERS: dict[str, Callable[[re.Match[str], At], Result]] = {
    "the_unit": _the_unit,
    "year_end": _year_end,
    "earlier_in": _earlier_in,
    "quarter": _quarter,
    "quarter_rel": _quarter_rel,
    "the_quarter": _the_quarter,
    "half": _half,
    "months_of": _months_of,
    "season": _season,
    "rel_period": _rel_period,
    "the_weekend": _the_weekend,
    "ago": _ago,
    "year_earlier": _year_earlier,
    "duration": _duration,
    "duration_adj": _duration_adj,
    "half_unit": _half_unit,
    "bare_units": _bare_units,
    "set_adverb": _set_adverb,
    "set_every": _set_every,
    "set_times": _set_times,
    "weekday_plural": _weekday_plural,
    "ref": _ref,
}
