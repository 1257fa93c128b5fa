"""Find quantities in sentences: the number, what it counts, its unit, hedge and speaker.

1. **match** — :data:`_QTY` finds numbers ("40", "450,000", "2.5", "nine", "twenty-five"),
   with a currency sign, a scale ("million", "bn", "m") and a percent sign around them;
   :data:`_VAGUE` finds counting words ("dozens", "hundreds of thousands", "a dozen").
2. **skip** — years, parts of dates ("30 September"), clock times, ordinals, numbers that
   name things ("Flight 17", "Resolution 2254") and the word "one" are not figures.
3. **range** — "between 30 and 40", "30 to 40" and "30-40" become ``(low, high)``.
4. **hedge** — a qualifier just before the number is kept: about, around, nearly, almost,
   at least, more than, over, up to, some, roughly, an estimated...
5. **counts** — what is counted: the words after the number ("40 rebels killed", "nine
   people were killed" → "people killed"), the noun of "a population of 450,000", the
   noun phrase after "a 2,500-strong ...", ``"age"`` for "aged 34" / "34-year-old",
   ``"deaths"`` for "the death toll rose to 40", and the verb before a bare number
   ("injuring 12" → "injured"). A number with neither a unit nor a
   counted noun is dropped: it says nothing a reader can use.
   A small count of bare "people" with nothing said about them ("two people counted among
   the dead...") names particular people, not a quantity, and is dropped too.
6. **attribute** — a cheap regex fills ``attribution`` ("officials said", "according to
   the UN"); the claims module does the full job.
7. **merge** — figures with the same value, unit, counts and hedge (several reports of
   "at least 40 people killed") become one figure whose citations are the figure span and
   sentence span of every report of it, in that order (:func:`occurrences` pairs them).

"Several" is not a figure: it names no number and no order of magnitude ("several
districts" says only "more than two"); "dozens", "hundreds" and kin are kept, since
they bound a count the differences step can compare.

Vague words ("dozens") get ``value=None`` and ``text`` is the word itself ("dozens"), what
a reader should see as the value; the citation still covers the words around it, and
:func:`vague_bounds` gives the interval the differences step compares with.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

from storyline.annotate._figure_words import (
    CASUALTY,
    CURRENCY,
    FUNCTION,
    NAMING,
    SCALES,
    TENS,
    UNITS_1,
    VAGUE,
    VERB_BEFORE,
    WORD_VALUES,
)
from storyline.model import Corpus, Document, Span
from storyline.model.dossier import Figure

_WORDNUM = (
    rf"(?:(?:{'|'.join(TENS)})(?:[- ](?:{'|'.join(UNITS_1[1:10])}))?"
    rf"|{'|'.join(UNITS_1[2:])})"
)
_QTY = re.compile(
    r"(?<![\w.,/$£€-])(?P<cur>us\$|[$£€])?\s?"
    rf"(?P<num>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?|{_WORDNUM}(?![\w-]))"
    r"(?:\s?(?P<scale>bn|mn|tn|m|k|b)(?![\w])|\s(?P<wscale>hundred|thousand|million|billion|trillion)\b)?"
    r"(?P<pct>\s?%|\s+per\s?cent\b|\s+percent\b)?"
    r"(?![\w]|\.\d|,\d{3})",
    re.IGNORECASE,
)
_VAGUE = re.compile(
    r"\b(?P<vague>(?:hundreds|tens)\s+of\s+thousands|a\s+dozen|a\s+handful|dozens|scores"
    r"|hundreds|thousands|millions)\b",
    re.IGNORECASE,
)
_HEDGE = re.compile(
    r"\b(?P<hedge>at\s+least|at\s+most|more\s+than|fewer\s+than|less\s+than|up\s+to"
    r"|as\s+many\s+as|close\s+to|upwards\s+of|an\s+estimated|just\s+(?:over|under)|about"
    r"|around|nearly|almost|over|some|roughly|approximately|estimated)\s+$",
    re.IGNORECASE,
)
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_VERBISH = {"left", "fled", "fell", "went", "came", "took", "made", "fought", "ran", "remain"}
_NEXT_WORD = re.compile(r"[ \t]*([a-z][a-z'’-]*)", re.IGNORECASE)
_AUX = re.compile(
    r"\s+(?:(?:were|was|are|is|have\s+been|had\s+been|has\s+been|been|being"
    r"|reportedly|later|all)\s+)*(?P<p>[a-z]+)\b",
    re.IGNORECASE,
)
_ATTRIB = [
    re.compile(r"\baccording\s+to\s+(?P<who>[^,.;:()\"“”]{2,60}?)\s*(?:[,.;:()\"“”]|$)", re.I),
    re.compile(
        r",\s*(?P<who>(?:[\w'’-]+\s+){0,3}[\w'’-]+)\s+(?:said|says|told|reported|claimed"
        r"|estimated|announced|confirmed|added)\b[^,]*$",
        re.I,
    ),
    re.compile(
        r"\b(?:said|says|told\s+\w+|reported|claimed|estimated|announced)\s+"
        r"(?P<who>(?:the\s+)?[\w'’-]+(?:\s+[\w'’-]+){0,3}?)\s*[.;]?\s*$",
        re.I,
    ),
    re.compile(
        r"^\s*(?P<who>(?:[\w'’-]+\s+){0,3}?[\w'’-]+)\s+(?:said|say|says|told|reported"
        r"|claimed|estimated|announced|confirmed)\b",
        re.I,
    ),
]


#: A count this small of bare generic people, with no verb saying what happened to them,
#: is not a quantity claim.
_PERSONS_MAX = 3
_BARE_PERSONS = {"people", "persons", "men", "women", "others"}


def find_figures(corpus: Corpus) -> list[Figure]:
    """Every figure in the corpus's sentences, the same figure in several reports merged,
    in order of first mention."""
    return merge_figures(f for d in corpus.documents for f in document_figures(d))


def document_figures(document: Document) -> list[Figure]:
    """The figures of one document's sentences, in reading order (not merged)."""
    return [f for sent in document.sentences for f in figures_in_sentence(document.text, sent)]


def merge_figures(figures: Iterable[Figure]) -> list[Figure]:
    """Step 7: one figure per (value, unit, counts, hedge, vague word), citing every report."""
    merged: dict[tuple[object, ...], Figure] = {}
    for f in figures:
        key = (f.value, f.unit, f.counts, f.hedge, f.text.lower() if f.value is None else "")
        seen = merged.get(key)
        if seen is None:
            merged[key] = f
        else:
            merged[key] = replace(
                seen,
                citations=seen.citations + f.citations,
                attribution=seen.attribution or f.attribution,
            )
    return list(merged.values())


def occurrences(figure: Figure) -> list[tuple[Span, Span]]:
    """``(figure span, sentence span)`` of each report of ``figure``."""
    cites = figure.citations
    return [(cites[i], cites[i + 1]) for i in range(0, len(cites) - 1, 2)]


def figures_in_sentence(text: str, sent: Span) -> list[Figure]:
    """Figures in sentence ``sent`` of document ``text`` (offsets are into ``text``)."""
    s = text[sent.start : sent.end]
    if not _DIGIT.search(s) and not _has_number_word(s):
        return []
    who = attribution(s)
    figures: list[Figure] = []
    taken: list[tuple[int, int]] = []
    for found in _quantities(s):
        start, end, value, unit, hedge_ok = found
        if any(start < e and b < end for b, e in taken):
            continue
        figure = _figure(s, sent, start, end, value, unit, who, hedge_ok)
        if figure is not None:
            taken.append(
                (figure.citations[0].start - sent.start, figure.citations[0].end - sent.start)
            )
            figures.append(figure)
    return figures


_DIGIT = re.compile(r"\d")
_NUMBER_WORD_RE = re.compile(
    rf"\b(?:{_WORDNUM}|dozens?|scores|hundreds|thousands|millions|handful)\b", re.I
)


def _has_number_word(s: str) -> bool:
    return _NUMBER_WORD_RE.search(s) is not None


_Found = tuple[int, int, float | tuple[float, float] | None, str | None, bool]


def _quantities(s: str) -> list[_Found]:
    """``(start, end, value, unit, hedgeable)`` for numbers, ranges and vague words in ``s``."""
    found: list[_Found] = []
    matches = [m for m in _QTY.finditer(s) if not _skip(s, m)]
    used: set[int] = set()
    for i, m in enumerate(matches):
        if i in used:
            continue
        value, unit = _value(m)
        nxt = matches[i + 1] if i + 1 < len(matches) else None
        rng = _range(s, m, nxt)
        if rng is not None and nxt is not None:
            used.add(i + 1)
            start, hi_value = rng, _value(nxt)
            found.append(
                (start, nxt.end(), (float(value), float(hi_value[0])), unit or hi_value[1], False)
            )
            continue
        found.append((m.start(), m.end(), value, unit, True))
    for m in _VAGUE.finditer(s):
        dozen = m["vague"].lower().startswith("a dozen")
        found.append((m.start(), m.end(), 12.0 if dozen else None, None, True))
    found.sort(key=lambda f: (f[0], -f[1]))
    return found


def _range(s: str, lo: re.Match[str], hi: re.Match[str] | None) -> int | None:
    """Start of the range ``lo``..``hi`` ("between 30 and 40", "30 to 40", "30-40")."""
    if hi is None:
        return None
    gap = s[lo.end() : hi.start()].strip().lower()
    between = re.search(r"\bbetween\s+$", s[: lo.start()], re.I)
    if gap == "and" and between:
        return between.start()
    if gap in {"to", "-", "–"} and lo["num"][0].isdigit() == hi["num"][0].isdigit():
        return lo.start()
    return None


def _number(raw: str) -> float:
    raw = raw.lower().replace(",", "")
    if raw[0].isdigit():
        return float(raw)
    parts = re.split(r"[- ]", raw)
    return float(sum(WORD_VALUES[p] for p in parts))


def _value(m: re.Match[str]) -> tuple[float, str | None]:
    value = _number(m["num"])
    scale = (m["scale"] or m["wscale"] or "").lower()
    if scale == "m" and not m["cur"]:
        return value, "m"  # "100m" without a currency sign: metres
    value *= SCALES.get(scale, 1)
    if m["pct"]:
        return value, "%"
    if m["cur"]:
        return value, CURRENCY[m["cur"].lower()]
    return value, None


def _skip(s: str, m: re.Match[str]) -> bool:
    """Years, dates, clock times, ordinals and numbers that name things."""
    raw = m["num"].lower()
    before = s[: m.start()].rstrip()
    after = s[m.end() :]
    if raw == "one" or (
        m["num"][0].isdigit()
        and re.fullmatch(r"(?:1[89]|20)\d\d", raw)
        and not m["cur"]
        and not m["scale"]
    ):
        return not re.match(r"\s*-?strong\b|\s+(?:people|troops|soldiers)\b", after, re.I)
    if re.search(rf"\b{_MONTH}$", before, re.I) and not m["cur"]:
        return True
    if re.match(rf"\s*(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}(?:\s|$|[,.])", after, re.I):
        return True
    if re.match(r"(?::\d\d|\s*(?:a\.?m\.?|p\.?m\.?|o'clock|gmt|utc|bst|hrs)\b)", after, re.I):
        return True
    last = before.split()[-1].lower() if before.split() else ""
    return last in NAMING


def _figure(
    s: str,
    sent: Span,
    start: int,
    end: int,
    value: float | tuple[float, float] | None,
    unit: str | None,
    who: str | None,
    hedgeable: bool,
) -> Figure | None:
    """Build one figure from a quantity at ``s[start:end]``; None when it counts nothing.

    Its ``text`` is the cited words exactly as written (a slice of ``s``, line breaks and
    capitals kept), so that it lies inside its own citation; display layers normalise it.
    """
    word = s[start:end]
    hedge = None
    h = _HEDGE.search(s[max(0, start - 25) : start]) if hedgeable else None
    if h is not None:
        hedge = " ".join(h["hedge"].lower().split())
        start = start - (len(s[max(0, start - 25) : start]) - h.start())
    if unit is None:
        cur = re.match(r"\s+(dollars|pounds|euros)\b", s[end:], re.I)
        if cur:
            unit, end = CURRENCY[cur[1].lower()], end + cur.end()
    counts, start, end, age = _counts(s, start, end, unit)
    if age:
        unit = "years"
    if (counts is None and unit is None) or _bare_persons(value, unit, counts, hedge):
        return None
    own = Span(sent.doc, sent.start + start, sent.start + end, "figure")
    return Figure(
        value=value,
        unit=unit,
        counts=counts,
        text=word if value is None else s[start:end],
        citations=(own, Span(sent.doc, sent.start, sent.end, "sentence")),
        hedge=hedge,
        attribution=who,
    )


def _bare_persons(
    value: float | tuple[float, float] | None,
    unit: str | None,
    counts: str | None,
    hedge: str | None,
) -> bool:
    """'two people counted among the dead': a few people named, not a quantity claim."""
    small = isinstance(value, float) and value <= _PERSONS_MAX
    return small and unit is None and hedge is None and counts in _BARE_PERSONS


def _counts(s: str, start: int, end: int, unit: str | None) -> tuple[str | None, int, int, bool]:
    """``(counts, start, end, is_age)``: what the number counts and the widened span."""
    after = s[end:]
    aged = re.search(r"\baged\s+$", s[:start], re.I)
    years_old = re.match(r"[- ]years?[- ]old\b", after, re.I)
    if aged or years_old:
        return (
            "age",
            (aged.start() if aged else start),
            end + (years_old.end() if years_old else 0),
            True,
        )
    strong = re.match(r"-strong\b", after, re.I)
    if strong:
        words, stop = _noun_phrase(s, end + strong.end())
        return (words or None), start, max(stop, end + strong.end()), False
    skip_of = None
    if unit is not None or _is_vague(s, start, end):
        skip_of = re.match(r"\s+of\s+(?:the\s+|a\s+|an\s+|its\s+|their\s+)?", after, re.I)
    else:  # "Nearly 10,000 of those troops": a part of a group named before
        skip_of = re.match(
            r"\s+of\s+(?:the|those|these|its|their)\s+(?!\d|(?:two|three|four|five|six|seven"
            r"|eight|nine|ten)\b)",
            after,
            re.I,
        )
    at = end + (skip_of.end() if skip_of else 0)
    words, stop = _noun_phrase(s, at)
    part = _AUX.match(s, stop if words else end)
    if part and part["p"].lower() in CASUALTY:
        words = f"{words} {part['p'].lower()}".strip()
        stop = part.end()
    verb = VERB_BEFORE.get(_word_before(s, start).lower())
    if not words:
        if verb:  # "killing 4 people and injuring 12": 12 injured
            return verb, start, end, False
        return _counts_before(s, start, end)
    if verb and verb not in words:
        words = f"{words} {verb}"
    return words, start, stop, False


def _is_vague(s: str, start: int, end: int) -> bool:
    return _VAGUE.fullmatch(s, start, end) is not None


def _noun_phrase(s: str, at: int) -> tuple[str, int]:
    """Up to three content words from ``at``; returns them and where they end."""
    words: list[str] = []
    pos = at
    while len(words) < 3:
        m = _NEXT_WORD.match(s, pos)
        if m is None:
            break
        w = m[1].lower()
        if w in FUNCTION or (w in CASUALTY and words):
            break  # a trailing participle is picked up by ``_AUX``
        if words and (w.endswith("ed") or w in _VERBISH):
            break  # "houses burned down": the count is "houses"
        words.append(w)
        pos = m.end()
        if w in CASUALTY:
            break
    return " ".join(words), pos


def _counts_before(s: str, start: int, end: int) -> tuple[str | None, int, int, bool]:
    """'a population of 450,000' → population; 'the death toll rose to 40' → deaths."""
    of = re.search(r"\b(?P<noun>[a-z][a-z-]+)\s+of\s+(?:a\s+|an\s+)?$", s[:start], re.I)
    if of and of["noun"].lower() not in FUNCTION | {"total", "number"}:
        return of["noun"].lower(), of.start(), end, False
    toll = re.search(r"\b(?:death|casualty)\s+toll\b[^.;,]{0,30}$", s[:start], re.I)
    if toll:
        return "deaths", toll.start(), end, False
    return None, start, end, False


def _word_before(s: str, start: int) -> str:
    words = s[:start].split()
    return words[-1].strip(",;:") if words else ""


def attribution(sentence: str) -> str | None:
    """Who the sentence says gives its content: 'officials', 'the UN'... or None."""
    for pattern in _ATTRIB:
        m = pattern.search(sentence)
        if m:
            who = " ".join(m["who"].split())
            if not any(c.isdigit() for c in who):
                return who
    return None


def vague_bounds(figure: Figure) -> tuple[float, float] | None:
    """The interval a vague figure ("dozens of ...") stands for, else None."""
    if figure.value is not None:
        return None
    m = _VAGUE.search(figure.text)
    return VAGUE.get(" ".join(m["vague"].lower().split())) if m else None
