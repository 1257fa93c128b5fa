"""Calendar arithmetic and TIMEX3 value strings for :mod:`storyline.annotate.timex`.

Values follow TimeML 1.2: ``1998-02-06`` (day), ``1998-W06`` (ISO week), ``1998-02``
(month), ``1998-Q1`` (quarter), ``1998-H1`` (half), ``1998-SU`` (season), ``1998``
(year), ``199`` (decade), ``19`` (century), ``1998-02-06TMO`` (part of day),
``1998-02-11T22:00`` (clock time), ``P3D`` / ``PT2H`` / ``PXY`` (durations).
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

from dateutil.easter import easter

PART_CODES = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI",
              "overnight": "NI"}  # fmt: skip
SEASON_CODES = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
#: Duration unit -> (TIMEX3 letter, is a time unit (after "T"), multiplier).
UNIT_CODES = {
    "second": ("S", True, 1), "minute": ("M", True, 1), "hour": ("H", True, 1),
    "day": ("D", False, 1), "week": ("W", False, 1), "fortnight": ("W", False, 2),
    "month": ("M", False, 1), "quarter": ("Q", False, 1), "year": ("Y", False, 1),
    "decade": ("Y", False, 10), "century": ("Y", False, 100), "millennium": ("Y", False, 1000),
}  # fmt: skip
VAGUE_UNIT = {"decade": "PXDE", "century": "PXCE", "millennium": "PXML"}


def unit_of(word: str) -> str:
    """The singular unit of a unit word ("centuries" -> "century", "days" -> "day")."""
    w = word.lower()
    if w.startswith("centur"):
        return "century"
    if w.startswith("millenni"):
        return "millennium"
    return w[:-1] if w.endswith("s") else w


def day(d: date) -> str:
    return d.isoformat()


def week(d: date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def month(y: int, m: int) -> str:
    return f"{y:04d}-{m:02d}"


def quarter_of(d: date) -> tuple[int, int]:
    return d.year, (d.month - 1) // 3 + 1


def shift_quarter(y: int, q: int, n: int) -> tuple[int, int]:
    total = y * 4 + (q - 1) + n
    return total // 4, total % 4 + 1


def shift_month(y: int, m: int, n: int) -> tuple[int, int]:
    total = y * 12 + (m - 1) + n
    return total // 12, total % 12 + 1


def shift_years(d: date, n: int) -> date:
    try:
        return d.replace(year=d.year + n)
    except ValueError:  # 29 February
        return d.replace(year=d.year + n, day=28)


def weekday_on_or_before(d: date, target: int) -> date:
    return d - timedelta(days=(d.weekday() - target) % 7)


def weekday_after(d: date, target: int) -> date:
    return d + timedelta(days=(target - d.weekday()) % 7 or 7)


def nth_weekday(y: int, m: int, target: int, n: int) -> date:
    """The ``n``-th ``target`` weekday of a month (``n = -1``: the last one)."""
    if n < 0:
        last = date(y, m, calendar.monthrange(y, m)[1])
        return weekday_on_or_before(last, target)
    first = date(y, m, 1)
    return first + timedelta(days=(target - first.weekday()) % 7 + 7 * (n - 1))


def holiday(name: str, y: int) -> date:
    """The date of a named holiday in year ``y`` (US dates for US holidays)."""
    n = " ".join(re.sub(r"['’]", "'", name.lower()).split())
    fixed = {"christmas": (12, 25), "christmas day": (12, 25), "christmas eve": (12, 24),
             "new year's": (1, 1), "new year's day": (1, 1), "new year's eve": (12, 31),
             "independence day": (7, 4), "valentine's day": (2, 14), "halloween": (10, 31),
             "veterans day": (11, 11), "boxing day": (12, 26), "may day": (5, 1)}  # fmt: skip
    if n in fixed:
        return date(y, *fixed[n])
    if n.startswith("thanksgiving"):
        return nth_weekday(y, 11, 3, 4)
    if n == "labor day":
        return nth_weekday(y, 9, 0, 1)
    if n == "memorial day":
        return nth_weekday(y, 5, 0, -1)
    return easter(y)


def number(word: str) -> float | None:
    """A count written in digits or words ("24", "twenty-four", "a couple of"); None if vague."""
    from storyline.annotate._timex_rules import NUMBER_WORDS, VAGUE_NUMBERS

    w = " ".join(word.lower().replace("-", " ").split())
    if w in VAGUE_NUMBERS:
        return None
    w = re.sub(r"^(?:a )?(couple|dozen)(?: of)?$", r"\1", w)
    if w == "half a":
        return 0.5
    try:
        return float(w)
    except ValueError:
        pass
    parts = w.split()
    if parts and all(p in NUMBER_WORDS for p in parts):
        return float(sum(NUMBER_WORDS[p] for p in parts))
    return None


def duration(n: float | None, unit: str) -> str:
    """``P3D``, ``PT2H``, ``P20Y`` (two decades), ``PXY`` (vague), ``P6M`` (half a year)."""
    letter, is_time, mult = UNIT_CODES[unit]
    if n is None:
        return VAGUE_UNIT.get(unit, f"P{'T' if is_time else ''}X{letter}")
    amount = n * mult
    if amount != int(amount):  # half a day, 1.5 years: one unit down
        smaller = {"Y": ("M", 12, False), "M": ("D", 30, False), "D": ("H", 24, True),
                   "W": ("D", 7, False), "H": ("M", 60, True), "Q": ("M", 3, False)}  # fmt: skip
        if letter in smaller and not (is_time and letter == "M"):
            letter, factor, is_time = smaller[letter]
            amount *= factor
    shown = int(amount) if amount == int(amount) else amount
    return f"P{'T' if is_time else ''}{shown}{letter}"


def value_range(value: str) -> tuple[date, date] | None:
    """The days a DATE/TIME value covers (``1998-Q3`` -> 1 July .. 30 September), or None
    when it is not anchored (``XXXX-10``, ``PRESENT_REF``, a duration)."""
    m = re.fullmatch(r"(\d{4})(?:-(.+?))?(?:T.*)?", value)
    if m is None:
        return _short_range(value)
    y, rest = int(m.group(1)), m.group(2)
    try:
        return _within_year(y, rest)
    except ValueError:
        return None


def _short_range(value: str) -> tuple[date, date] | None:
    """Decades ("199") and centuries ("19")."""
    if re.fullmatch(r"\d{3}", value):
        y = int(value) * 10
        return date(y, 1, 1), date(y + 9, 12, 31)
    if re.fullmatch(r"\d{2}", value):
        y = int(value) * 100
        return date(max(1, y), 1, 1), date(y + 99, 12, 31)
    return None


def _within_year(y: int, rest: str | None) -> tuple[date, date] | None:
    if rest is None:
        return date(y, 1, 1), date(y, 12, 31)
    if re.fullmatch(r"\d\d", rest):
        m = int(rest)
        return date(y, m, 1), date(y, m, calendar.monthrange(y, m)[1])
    if re.fullmatch(r"\d\d-\d\d", rest):
        d = date(y, int(rest[:2]), int(rest[3:]))
        return d, d
    if q := re.fullmatch(r"Q([1-4])", rest):
        first = (int(q.group(1)) - 1) * 3 + 1
        return date(y, first, 1), date(y, first + 2, calendar.monthrange(y, first + 2)[1])
    if h := re.fullmatch(r"H([12])", rest):
        first_half = h.group(1) == "1"
        return (date(y, 1, 1), date(y, 6, 30)) if first_half else (date(y, 7, 1), date(y, 12, 31))
    if w := re.fullmatch(r"W(\d\d)(-WE)?", rest):
        monday = date.fromisocalendar(y, int(w.group(1)), 1)
        if w.group(2):
            return monday + timedelta(days=5), monday + timedelta(days=6)
        return monday, monday + timedelta(days=6)
    if rest in SEASON_START:
        begin = SEASON_START[rest]
        ey, em = shift_month(y, begin, 2)
        return date(y, begin, 1), date(ey, em, calendar.monthrange(ey, em)[1])
    return None
