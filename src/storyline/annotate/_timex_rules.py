"""The extraction grammar of :mod:`storyline.annotate.timex`: word lists and one regex per
rule, in the TimeML span convention (no leading preposition; determiners, modifiers
such as "early", "the end of", "earlier this" and hedges such as "about" included).

Month and weekday names are matched case-sensitively ("May", not "may"); every other
word with ``(?i:...)``. A rule is ``(name, type, pattern)``; :func:`matches` applies them
all and keeps the longest non-overlapping matches (earlier rules win ties).
"""

from __future__ import annotations

import re

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
    "couple": 2, "half": 0.5, "dozen": 12,
}  # fmt: skip
ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "1st": 1, "2nd": 2,
    "3rd": 3, "4th": 4, "final": 4, "last": 4,
}  # fmt: skip
#: Vague quantities: the value gets an ``X`` ("a few days" -> PXD).
VAGUE_NUMBERS = {"several", "few", "a few", "many", "some", "a number of", "numerous",
                 "the few", "the past few", "countless"}  # fmt: skip


def _caps(words: list[str]) -> str:
    """Names written capitalised or in capitals ("March", "MARCH")."""
    return "|".join(f"{w.capitalize()}|{w.upper()}" for w in sorted(words, key=len, reverse=True))


_FULL = _caps([m for m in MONTHS if len(m) > 3 or m == "may"])
_ABBR = _caps(["jan", "feb", "mar", "apr", "jun", "jul", "aug", "sept", "sep", "oct", "nov",
               "dec"])  # fmt: skip
MON = rf"(?:{_FULL}|(?:{_ABBR})\.?)"
#: A bare month, "May" excluded (it needs a day, a year or a modifier before it).
MON_BARE = rf"(?:{_caps([m for m in MONTHS if len(m) > 3])})"
WD = rf"(?:{_caps(WEEKDAYS)})"
_AFTER_PREP = (
    "(?:"
    + "|".join(
        f"(?<={w} )"
        for w in ["in", "In", "by", "of", "until", "since", "from", "during", "through"]
    )
    + ")"
)
YEAR = r"(?:1[5-9]\d\d|20\d\d)"
YEAR_SHORT = r"(?:'\d\d)"
DAYNUM = r"(?:[12]\d|3[01]|0?[1-9])"
_NUMWORD = (
    r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three"
    r"|four|five|six|seven|eight|nine))?|one|two|three|four|five|six|seven|eight|nine|ten"
    r"|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
    r"|a\s+couple\s+of|couple\s+of|a\s+dozen|half\s+a|a|an)"
)
NUM = rf"(?i:\d+(?:\.\d+)?|{_NUMWORD})"
VAGUE = r"(?i:several|a\s+few|few|many|some|a\s+number\s+of|numerous)"
UNIT = (
    r"(?:seconds?|minutes?|hours?|days?|weeks?|fortnights?|months?|quarters?|years?|decades?"
    r"|centur(?:y|ies)|millenni(?:um|a))\b"
)
#: Hedges TimeML keeps in the extent (mod APPROX, LESS_THAN, MORE_THAN...).
HEDGE = (
    r"(?i:about|almost|nearly|roughly|approximately|around|some|at\s+least|no\s+more\s+than"
    r"|no\s+less\s+than|more\s+than|less\s+than|fewer\s+than|up\s+to|close\s+to|well\s+over"
    r"|barely|not\s+quite|the\s+better\s+part\s+of)"
)
#: Modifiers of a point in time kept in the extent ("early", "the end of").
MOD = (
    r"(?i:early|earlier|late|later|mid-?|the\s+(?:end|beginning|start|middle|close|turn|rest"
    r"|remainder|first\s+days?|last\s+days?)\s+of(?:\s+the)?|(?:earlier|later)\s+in|end\s+of"
    r"|beginning\s+of|start\s+of)"
)
REL = r"(?i:last|next|this|coming|past|previous|current|following|same|that)"
PART = r"(?i:morning|afternoon|evening|night|overnight)"
SEASON = r"(?i:spring|summer|fall|autumn|winter)"
ORD = r"(?i:first|second|third|fourth|1st|2nd|3rd|4th|final)"
ZONE = r"(?:\s+(?:[ECMP][SD]T|GMT|UTC|BST|CET|local\s+time))?"
CLOCK = (
    r"(?:(?i:around|about|approximately|shortly\s+(?:before|after)|just\s+(?:before|after))\s+)?"
    r"(?:(?P<hour>[01]?\d|2[0-3])(?:[:.](?P<minute>[0-5]\d))?\s*(?P<ampm>(?i:a\.m\.?|p\.m\.?"
    r"|am\b|pm\b))|(?P<hour24>[01]?\d|2[0-3]):(?P<minute24>[0-5]\d)(?!\d)|(?P<named>(?i:noon"
    r"|midnight|midday)))"
)

_RULES: list[tuple[str, str, str]] = [
    ("iso", "DATE",
     r"\b(?P<y>\d{4})-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?:T(?P<hh>\d\d):(?P<mm>\d\d))?\b"),
    ("clock_day", "TIME",
     rf"\b{CLOCK}{ZONE}(?:,?\s+(?:(?i:on)\s+)?(?P<wd>{WD})|\s+(?P<rel>(?i:today|yesterday"
     rf"|tomorrow|tonight)))?(?:,?\s+(?P<mon>{MON})\s+(?P<d>{DAYNUM})(?:,?\s+(?P<y>{YEAR}))?)?"),
    ("day_clock", "TIME",
     rf"\b(?:(?P<wd>{WD})|(?P<rel>(?i:today|yesterday|tomorrow)))\s+(?i:at\s+)?{CLOCK}{ZONE}"),
    ("mdy", "DATE",
     rf"(?:\b(?P<wd>{WD}),?\s+)?(?:(?P<mod>{MOD})\s+)?\b(?P<mon>{MON})\s+(?P<d>{DAYNUM})"
     rf"(?:st|nd|rd|th)?\b(?!:\d|\.\d)(?:,?\s+(?P<y>{YEAR})\b)?"),
    ("dmy", "DATE",
     rf"(?:\b(?P<wd>{WD}),?\s+)?\b(?:(?i:the)\s+)?(?P<d>{DAYNUM})(?:st|nd|rd|th)?\s+(?:(?i:of)\s+)?"
     rf"(?P<mon>{MON})(?![a-z])(?:,?\s+(?P<y>{YEAR})\b)?"),
    ("numeric", "DATE", r"\b(?P<m>1[0-2]|0?[1-9])/(?P<d>[12]\d|3[01]|0?[1-9])/(?P<y>\d{4}|\d\d)\b"),
    ("month_year", "DATE",
     rf"(?:(?P<mod>{MOD})(?:\s+|(?<=-)))?\b(?P<mon>{MON})(?:,|\s+(?i:of))?\s+(?:(?P<y>{YEAR}|{YEAR_SHORT})\b"
     r"|(?P<rely>(?i:this|last|next))\s+(?i:year)\b)"),
    ("decade", "DATE",
     rf"(?:(?i:the)\s+)?(?:(?P<mod>{MOD})(?:\s+|(?<=-)))?(?:(?P<dec>1[5-9]\d|20\d)0['’]?s\b|['’](?P<short>\d)0['’]?s\b"
     r"|(?P<word>(?i:twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties))\b)"),
    ("century", "DATE",
     rf"(?:(?i:the)\s+)?(?:(?P<mod>{MOD})\s+)?(?:(?P<n>\d{{1,2}})(?:st|nd|rd|th)|(?P<ordw>(?i:"
     r"eighteenth|nineteenth|twentieth|twenty-first)))[- ](?i:century)\b"),
    ("rel_century", "DATE",
     r"\b(?P<rel>(?i:this|last|next|the\s+(?:last|past|next)))\s+(?i:century)\b"),
    ("quarter", "DATE",
     rf"(?:(?i:the)\s+)?(?:(?P<y1>{YEAR})(?:['’]s)?\s+|(?P<rely>(?i:this|last|next))\s+(?i:year)['’]s\s+)?"
     rf"(?:(?i:fiscal|calendar)\s+)?(?P<q>{ORD})"
     rf"[- ](?:(?i:fiscal|calendar)[- ])?(?i:quarter)\b(?:\s+(?i:of)\s+(?:(?i:fiscal|calendar)\s+)?"
     rf"(?P<y>{YEAR}))?"),
    ("quarter_rel", "DATE",
     r"(?:(?i:the)\s+)?(?P<rel>(?i:latest|last|current|this|previous|past|recent|next|coming|same"
     r"|year-?ago|year-?earlier|prior-year|comparable|fiscal|just-ended|just-completed|"
     r"most\s+recent))(?:\s+|-)(?:(?i:fiscal)\s+)?(?i:quarter|period)\b(?!\s+(?i:of)\b)"),
    ("the_quarter", "DATE", r"\b(?i:the)\s+(?i:quarter)\b(?!\s+(?i:of|point|mile|century)\b)"),
    ("half", "DATE",
     rf"(?:(?i:the)\s+)?(?P<h>(?i:first|second|latter))[- ](?i:half)\b(?:\s+(?i:of)\s+(?:(?P<y>"
     rf"{YEAR})|(?i:the\s+year)|(?P<rel>(?i:next|this|last))\s+(?i:year)))?"),
    ("months_of", "DURATION",
     r"(?:(?i:the)\s+)?(?:(?P<rel>(?i:first|last|past|latest|year-?earlier|same|next|final))\s+)?"
     r"(?P<n>(?i:two|three|four|five|six|seven|eight|nine|ten|eleven|\d{1,2}))\s+(?i:months)\b"
     r"(?!\s+(?i:ago|earlier|later|before|after))"),
    ("season", "DATE",
     rf"(?:(?i:the)\s+(?={MOD}))?(?:(?P<mod>{MOD})\s+)?(?:(?P<rel>(?i:last|this\s+past|this|next|past|coming))\s+"
     rf"|(?<=the )|(?<=The ))?(?P<s>{SEASON})\b"
     rf"(?:\s+(?:(?i:of)\s+)?(?P<y>{YEAR}))?"),
    ("ago", "DATE",
     rf"(?:(?P<hedge>{HEDGE})\s+)?(?P<n>{NUM}|{VAGUE})\s+(?:(?i:more)\s+)?(?P<unit>{UNIT})"
     r"(?:\s+(?i:or\s+so))?\s+(?P<dir>(?i:ago|earlier|later|from\s+now|hence|before(?=\s*[,.;:)])"
     r"|after(?=\s*[,.;:)])))\b"),
    ("year_earlier", "DATE",
     rf"\b(?:(?i:the)\s+(?=\S+\s+(?:{ORD}\s+)?(?i:quarter|period)\b))?(?P<what>(?i:year|month|week|day))"
     rf"[- ](?i:ago|earlier|before)\b(?:\s+(?P<ord>{ORD}))?(?:\s+(?P<noun>(?i:quarter|period)))?"),
    ("rel_day", "DATE",
     rf"\b(?:(?P<mod>(?i:early|late|earlier|later))\s+)?(?P<rel>(?i:today|tomorrow|yesterday|tonight"
     r"|the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow|overnight))\b"
     rf"(?:\s+(?P<part>{PART}))?"),
    ("this_part", "TIME",
     rf"\b(?:(?P<mod>(?i:early|late|earlier|later))\s+)?(?P<rel>(?i:this|last|that))\s+(?P<part>{PART})\b"),
    ("weekday", "DATE",
     rf"(?:\b(?P<mod>(?i:early|late|earlier|later))\s+)?(?:\b(?P<rel>(?i:last|next|this|coming|"
     rf"past|previous))\s+)?\b(?P<wd>{WD})\b(?:\s+(?P<part>{PART}))?"),
    ("weekday_plural", "SET", rf"\b(?P<wd>{WD})s\b"),
    ("rel_period", "DATE",
     rf"(?:(?P<mod>{MOD})\s+)?(?:(?P<the>(?i:the))\s+)?(?P<rel>{REL})\s+(?P<unit>(?i:week|weekend"
     r"|month|year|decade|season|fiscal\s+year))\b(?!-)"),
    ("the_weekend", "DATE", r"\b(?i:the)\s+(?i:weekend)\b"),
    ("the_unit", "DATE",
     r"\b(?P<det>(?i:the|that))\s+(?:(?P<adj>(?i:full|fiscal|calendar|same))\s+)?(?P<unit>(?i:year|week"
     r"|month|day))\b(?![-\w])(?!\s+(?i:of|before|after|earlier|later|ago)\b)"),
    ("earlier_in", "DATE", r"\b(?i:(?:earlier|later)\s+in\s+the\s+(?P<unit>week|month|year))\b"),
    ("year_end", "DATE", r"\b(?i:(?:the\s+)?(?:end\s+of\s+the\s+year|year[- ]end))\b"),
    ("year", "DATE",
     rf"(?:(?P<mod>{MOD})(?:\s+|(?<=-)))?(?:(?P<fiscal>(?i:fiscal|calendar|the\s+year|model\s+year))\s+)?"
     rf"(?<![\d$£€#.,])\b(?P<y>{YEAR})\b(?![-.,]?\d|\s*%|\s*(?i:percent))"),
    ("month", "DATE",
     rf"(?:(?P<mod>{MOD})\s+)?(?:(?P<rel>(?i:last|next|this|coming|past|previous))\s+)?\b(?P<mon>"
     rf"{MON_BARE}|{_AFTER_PREP}May)\b(?!\s+\d)"),
    ("month_may", "DATE",
     rf"(?P<mod>{MOD}|(?i:last|next|this|coming|past))\s+(?P<mon>May)\b"),
    ("holiday", "DATE",
     rf"\b(?P<hol>Christmas(?:\s+(?:Day|Eve))?|New\s+Year['’]s(?:\s+(?:Day|Eve))?|Thanksgiving(?:\s+Day)?"
     rf"|Independence\s+Day|Valentine['’]s\s+Day|Halloween|Easter(?:\s+Sunday)?|Labor\s+Day"
     rf"|Memorial\s+Day|Veterans\s+Day|Boxing\s+Day|May\s+Day)\b(?:\s+(?P<y>{YEAR}))?"),
    ("set_times", "SET",
     rf"\b(?:(?P<freq>(?i:once|twice|thrice)|{NUM}\s+(?i:times))\s+)?(?P<q>(?i:a|an|per))\s+"
     r"(?P<what>(?i:second|minute|hour|day|week|month|quarter|year|decade))\b"),
    ("duration", "DURATION",
     rf"(?:(?P<det>(?i:the|a|an|another))\s+)?(?:(?P<rel>(?i:past|last|next|first|coming|previous"
     rf"|final|latest|following|initial|remaining|same|preceding|ensuing|subsequent|succeeding))\s+)?"
     rf"(?:(?P<hedge>{HEDGE})\s+)?(?P<n>{NUM}|{VAGUE})(?:\s+(?i:or|to)\s+(?P<n2>{NUM}))?"
     r"(?:\s+(?i:more|additional|full|straight|consecutive|long|whole|extra|other))?\s+"
     rf"(?P<unit>{UNIT})(?!-)(?:\s+(?i:or\s+so))?(?!\s+(?i:old)\b)"),
    ("duration_adj", "DURATION",
     rf"(?:\b(?i:a|an|the)\s+(?=\S+\s+(?i:period|span|stretch)\b))?\b(?P<n>\d+(?:\.\d+)?|{_NUMWORD}"
     r"|(?i:several|many|multi))-(?P<unit>(?i:second|minute|hour|day|week|month|year|decade|century))"
     r"(?:-(?i:long))?\b(?!-(?i:old|olds)\b)(?:\s+(?i:period|span|stretch)\b)?"),
    ("half_unit", "DURATION",
     rf"(?:(?P<hedge>{HEDGE})\s+)?\b(?i:half\s+an?\s+)(?P<unit>(?i:hour|day|year|century))\b"),
    ("bare_units", "DURATION",
     r"(?:(?P<rel>(?i:the\s+(?:past|last|next|coming|first|few)|recent|coming|the))\s+)?"
     r"\b(?P<unit>(?i:seconds|minutes|hours|days|weeks|months|years|decades|centuries))\b"
     r"(?!\s+(?i:of|ago|earlier|later|old)\b)(?:\s+(?P<ahead>(?i:ahead)))?"),
    ("set_adverb", "SET",
     r"\b(?P<w>(?i:daily|weekly|monthly|annually|yearly|hourly|nightly|biweekly"
     r"|semiannually|bimonthly))\b"),
    ("set_every", "SET",
     rf"\b(?P<q>(?i:every|each|per))\s+(?:(?P<n>{NUM}|(?i:other))\s+)?(?P<what>{UNIT}|{WD}|{MON}"
     rf"|{PART}|(?i:weekend|summer|winter|spring|fall|autumn))\b"),
    ("ref", "DATE",
     r"\b(?P<w>(?i:now|currently|nowadays|presently|at\s+present|the\s+present|these\s+days"
     r"|right\s+now|current|more\s+recently|recently|lately"
     r"|the\s+past|as\s+soon\s+as\s+possible|soon|the\s+future|the\s+near\s+future"
     r"|the\s+(?:near|short|long)\s+term"
     r"|the\s+near\s+future|the\s+coming\s+(?:days|weeks|months|years)|recent\s+(?:days|weeks"
     r"|months|years)|coming\s+(?:days|weeks|months|years)))\b"),
]  # fmt: skip


def _w(text: str) -> frozenset[str]:
    return frozenset(text.split())


_UNITS = _w("second seconds minute minutes hour hours day days week weeks fortnight fortnights "
            "month months quarter quarters year years decade decades century centuries "
            "millennium millennia")  # fmt: skip
_MONTH_WORDS = frozenset(MONTHS)
_WEEKDAY_WORDS = frozenset(WEEKDAYS) | {d + "s" for d in WEEKDAYS}
_PERIODS = _w("week weekend month year decade season day")
_DIGIT = "<digit>"
#: A cheap test per rule: the rule runs on a sentence only when the sentence holds one of
#: these words (lower-cased letter runs; ``<digit>`` for any digit). The patterns cost
#: about a microsecond a character each, and most sentences trigger few rules.
_TRIGGERS: dict[str, frozenset[str]] = {
    "iso": _w(_DIGIT), "numeric": _w(_DIGIT), "year": _w(_DIGIT),
    "clock_day": _w(f"{_DIGIT} noon midnight midday"),
    "day_clock": _w(f"{_DIGIT} noon midnight midday"),
    "mdy": _MONTH_WORDS, "dmy": _MONTH_WORDS, "month_year": _MONTH_WORDS, "month": _MONTH_WORDS,
    "month_may": _w("may"),
    "decade": _w(f"{_DIGIT} twenties thirties forties fifties sixties seventies eighties nineties"),
    "century": _w("century"), "rel_century": _w("century"),
    "quarter": _w("quarter"), "quarter_rel": _w("quarter period"), "the_quarter": _w("quarter"),
    "half": _w("half"), "months_of": _w("months"), "season": _w("spring summer fall autumn winter"),
    "ago": _w("ago earlier later before after now hence"),
    "year_earlier": _w("ago earlier before"),
    "rel_day": _w("today tomorrow yesterday tonight overnight"),
    "this_part": _w("morning afternoon evening night overnight"),
    "weekday": _WEEKDAY_WORDS, "weekday_plural": _WEEKDAY_WORDS,
    "rel_period": _PERIODS, "the_weekend": _w("weekend"), "the_unit": _PERIODS,
    "earlier_in": _w("earlier later"), "year_end": _w("end"),
    "holiday": _w("christmas year thanksgiving independence valentine halloween easter labor "
                  "memorial veterans boxing may"),
    "set_adverb": _w("daily weekly monthly annually yearly hourly nightly biweekly semiannually "
                     "bimonthly"),
    "set_every": _w("every each per"), "set_times": _w("a an per"),
    "duration": _UNITS, "duration_adj": _UNITS, "half_unit": _w("half"), "bare_units": _UNITS,
    "ref": _w("now current currently nowadays presently present days moment recently lately "
              "past soon future term"),
}  # fmt: skip


def _lowered(pattern: str) -> str:
    """``pattern`` for lower-cased text: literal letters lower-cased (escapes such as
    ``\\S`` and group names kept), ``(?i:`` groups made plain. Python's ``re`` runs
    case-insensitive alternations about a hundred times slower than plain ones; the
    case a rule needs ("May", not "may") is checked on the original text instead
    (:func:`case_ok`)."""
    pattern = pattern.replace("(?i:", "(?:")
    out: list[str] = []
    i = 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            out.append(pattern[i : i + 2])
            i += 2
            continue
        if pattern.startswith("(?P<", i):
            close = pattern.index(">", i)
            out.append(pattern[i : close + 1])
            i = close + 1
            continue
        out.append(ch.lower())
        i += 1
    return "".join(out)


RULES: list[tuple[str, str, re.Pattern[str], frozenset[str]]] = [
    (name, typ, re.compile(_lowered(pattern)), _TRIGGERS[name]) for name, typ, pattern in _RULES
]
#: Groups whose words must be capitalised in the text (month, weekday and holiday names).
_CAPITALISED = ("mon", "wd", "hol")


def case_ok(text: str, m: re.Match[str]) -> bool:
    """Whether a match on the lower-cased text fits the case of the original: names
    capitalised ("May 5", not "may"), units lower-case ("Sandra Day" is no duration)."""
    groups = m.groupdict()
    for g in _CAPITALISED:
        if groups.get(g) and not text[m.start(g)].isupper():
            return False
    if groups.get("unit"):
        a = m.start("unit")
        whole = text[m.start() : m.end()]
        if text[a].isupper() and not (whole.istitle() or whole.isupper()):
            return False
    return True


_LETTERS = re.compile(r"[a-z]+")


def sentence_words(text: str) -> frozenset[str]:
    """The trigger words of a sentence: its lower-cased letter runs, and ``<digit>``."""
    words = set(_LETTERS.findall(text.lower()))
    if any(c.isdigit() for c in text):
        words.add(_DIGIT)
    return frozenset(words)


ORDER = {name: i for i, (name, _, _) in enumerate(_RULES)}


#: Words (and "'90s") a rule's match may start at; it starts at most this many words
#: before its trigger word ("the end of the year": four words before "year").
_TOKEN = re.compile(r"[a-z]+|\d+")
_REACH = 7
_HAS_DIGIT = re.compile(r"\d")
_AFTER = 45


def _windows(
    tokens: list[tuple[int, str]], hits: list[int], start: int, end: int
) -> list[tuple[int, int]]:
    """Merged regions around the trigger words: from :data:`_REACH` words before each to
    :data:`_AFTER` characters after it."""
    out: list[list[int]] = []
    for i in hits:
        lo = max(start, tokens[max(0, i - _REACH)][0] - 1)  # "'90s" starts before its word
        hi = min(end, tokens[i][0] + len(tokens[i][1]) + _AFTER)
        if out and lo <= out[-1][1]:
            out[-1][1] = max(out[-1][1], hi)
        else:
            out.append([lo, hi])
    return [(a, b) for a, b in out]


def lower(text: str) -> str:
    """``text`` lower-cased, offsets kept (a character whose lower case is longer stays)."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def candidates(
    text: str, start: int = 0, end: int | None = None, lowered: str | None = None
) -> list[tuple[int, int, str, str, re.Match[str]]]:
    """Every rule match in ``text[start:end]`` as ``(start, end, rule, type, match)``,
    best first: longest, then the earlier rule, then reading order. The caller takes
    them in this order, skipping any that overlaps one already taken."""
    end = len(text) if end is None else end
    found = []
    probe = lowered if lowered is not None else lower(text)
    tokens = [(t.start(), t.group(0)) for t in _TOKEN.finditer(probe, start, end)]
    index: dict[str, list[int]] = {}
    for i, (_, w) in enumerate(tokens):
        index.setdefault(_DIGIT if _HAS_DIGIT.search(w) else w, []).append(i)
    present = index.keys()
    for name, typ, pattern, trigger in RULES:
        words = trigger & present
        if not words:
            continue
        hits = sorted(i for w in words for i in index[w])
        seen: set[int] = set()
        for lo, hi in _windows(tokens, hits, start, end):
            for m in pattern.finditer(probe, lo, hi):
                if m.end() > m.start() and m.start() not in seen and case_ok(text, m):
                    seen.add(m.start())
                    found.append((m.start(), m.end(), ORDER[name], name, typ, m))
    found.sort(key=lambda f: (-(f[1] - f[0]), f[2], f[0]))
    return [(s, e, name, typ, m) for s, e, _, name, typ, m in found]
