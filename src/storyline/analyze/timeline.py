"""The dossier's timeline: dated statements, merged across sources, in date order.

1. **find dates** — :func:`storyline.annotate.dates.find_dates` finds and resolves every
   date expression; the ones that cannot be resolved (relative, no publication date) are
   left out and a note says so.
2. **statement** — each date is placed with the words around it: the whole sentence when
   it is short, else the clause holding the date (cut at ``;``, ``:``, dashes and commas,
   grown clause by clause until it has :data:`MIN_CLAUSE_WORDS` words).
3. **one date per statement** — a statement holding several dates gives one event: a
   date attached to a reporting verb ("officials said on Monday") gives way to the date
   of the event itself ("gave way overnight"), and the most precise of the rest wins (a
   day before a range: "overnight on Sunday" is Sunday). The dropped reporting date is
   named in ``resolution``.
4. **merge** — statements on the same date (or one on a day inside the other's range:
   "on Sunday night" and Monday's "overnight") whose stemmed content words (the date
   words left out) have a set cosine of at least :data:`MERGE_THRESHOLD` become one
   event with all their citations: several sources reporting the same thing (the day,
   being the more precise, dates it). The same statement copied by several outlets
   (cosine ≥ :data:`COPY_THRESHOLD`) is one event even when their publication dates
   resolve it differently; the earliest-published copy gives the date (a later copy
   repeats the earlier article's "overnight").
5. **order** — by date (a range by its start, then its end), then by first citation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date

from storyline.analyze._wordsets import content_words, cosine
from storyline.annotate.dates import DateMention, When, find_dates
from storyline.model import Corpus, Span
from storyline.model.dossier import DateRange, TimelineEvent

#: Sentences longer than this (in words) are cut to the clause around the date.
MAX_SENTENCE_WORDS = 40
#: A clause cut from a long sentence grows until it has at least this many words.
MIN_CLAUSE_WORDS = 10
#: Set cosine of content words at or above which two same-date statements are merged.
MERGE_THRESHOLD = 0.35
#: Set cosine at or above which two statements are copies of one another.
COPY_THRESHOLD = 0.8
#: Copies whose resolved dates start this many days apart or fewer are one event.
COPY_MAX_DAYS = 3

#: A reporting verb just before the date ("said on Monday", "announced late on Tuesday")
#: or just after it ("officials on Monday said").
_REPORTING = (
    r"(?:said|says|told|announced|confirmed|denied|reported|added|stated|tweeted|wrote"
    r"|declared|insisted|warned|claimed|revealed|admitted|acknowledged|explained)"
)
_REPORTED_BEFORE = re.compile(
    rf"\b{_REPORTING}(?:\s+(?:on|late|early|earlier|later|again|also|publicly|in|at|by))*\s*$",
    re.IGNORECASE,
)
_REPORTED_AFTER = re.compile(rf"^\s*,?\s*{_REPORTING}\b", re.IGNORECASE)

_CLAUSE_BREAK = re.compile(r"[;:,](?=\s)|\s[—–-]\s")


@dataclass(slots=True)
class _Statement:
    mention: DateMention
    span: Span
    words: frozenset[str]


def build_timeline(corpus: Corpus) -> tuple[list[TimelineEvent], list[str]]:
    """Dated events of ``corpus`` in date order, and notes for the user."""
    mentions, notes = find_dates(corpus)
    statements = [_statement(corpus, m) for m in mentions if m.when is not None]
    groups = _merge(_one_date_each(corpus, statements), _published(corpus))
    events = [_event(corpus, g) for g in groups]
    events.sort(key=lambda e: (e.sort_key, _end(e.when), e.citations[0]))
    return events, notes


def _end(when: When) -> tuple[int, object]:
    """Single days sort before ranges that start on the same day; ranges by their end."""
    return (1, when.end) if isinstance(when, DateRange) else (0, when)


def _statement(corpus: Corpus, m: DateMention) -> _Statement:
    """The sentence, or the clause of a long sentence, that holds date mention ``m``."""
    text = corpus.documents[m.sentence.doc].text
    sent = m.sentence
    start, end = sent.start, sent.end
    if len(text[start:end].split()) > MAX_SENTENCE_WORDS:
        start, end = _clause(text, sent, m.span)
    span = Span(sent.doc, start, end, "timeline")
    statement = text[start : m.span.start] + " " + text[m.span.end : end]
    return _Statement(m, span, content_words(statement))


def _clause(text: str, sent: Span, date_span: Span) -> tuple[int, int]:
    """Grow the clause around ``date_span`` break by break until it is long enough."""
    breaks = [(b.start(), b.end()) for b in _CLAUSE_BREAK.finditer(text, sent.start, sent.end)]
    left = [b for b in breaks if b[1] <= date_span.start]
    right = [b for b in breaks if b[0] >= date_span.end]
    start = left[-1][1] if left else sent.start
    end = right[0][0] if right else sent.end
    while len(text[start:end].split()) < MIN_CLAUSE_WORDS and (left or right):
        if right:
            right.pop(0)
            end = right[0][0] if right else sent.end
        if left and len(text[start:end].split()) < MIN_CLAUSE_WORDS:
            left.pop()
            start = left[-1][1] if left else sent.start
    return start, end


def _is_reporting_date(corpus: Corpus, m: DateMention) -> bool:
    """True when the date is attached to a reporting verb ("said on Monday")."""
    text = corpus.documents[m.sentence.doc].text
    before = text[m.sentence.start : m.span.start]
    after = text[m.span.end : m.sentence.end]
    return bool(_REPORTED_BEFORE.search(before) or _REPORTED_AFTER.match(after))


def _length(when: When | None) -> int:
    return (when.end - when.start).days + 1 if isinstance(when, DateRange) else 1


def _one_date_each(corpus: Corpus, statements: list[_Statement]) -> list[_Statement]:
    """Step 3: keep one date per statement (rules in the module docstring)."""
    by_span: dict[Span, list[_Statement]] = {}
    for s in statements:
        by_span.setdefault(s.span, []).append(s)
    out = []
    for group in by_span.values():
        if len(group) == 1:
            out.append(group[0])
            continue
        reporting = [s for s in group if _is_reporting_date(corpus, s.mention)]
        events = [s for s in group if s not in reporting] or group
        best = min(events, key=lambda s: _length(s.mention.when))  # first among equals
        said = [s.mention.expression for s in reporting if s not in events]
        if said:
            how = f"{best.mention.resolution}; reported {', '.join(repr(e) for e in said)}"
            best = replace(best, mention=replace(best.mention, resolution=how))
        out.append(best)
    return out


def _published(corpus: Corpus) -> dict[int, date]:
    return {d.index: d.article.published or date.max for d in corpus.documents}


def _start(s: _Statement) -> date:
    when = s.mention.when
    assert when is not None
    return when.start if isinstance(when, DateRange) else when


def _within(day: object, span: object) -> bool:
    """Whether ``day`` is a single date inside the range ``span`` ("Sunday night" in
    the "overnight" before Monday's paper)."""
    return isinstance(span, DateRange) and isinstance(day, date) and span.start <= day <= span.end


def _same_event(x: _Statement, s: _Statement) -> bool:
    """Same date (or a day inside the other's range) and similar words, or copies of
    one statement a few days apart."""
    sim = cosine(x.words, s.words)
    a, b = x.mention.when, s.mention.when
    if a == b or _within(a, b) or _within(b, a):
        return sim >= MERGE_THRESHOLD
    close = abs((_start(x) - _start(s)).days) <= COPY_MAX_DAYS
    return close and sim >= COPY_THRESHOLD and x.span.doc != s.span.doc


def _merge(statements: list[_Statement], published: dict[int, date]) -> list[list[_Statement]]:
    """Step 4: group statements that report the same event (greedy, in reading order);
    each group starts with its earliest-published statement, which gives the date."""
    groups: list[list[_Statement]] = []
    for s in statements:
        for g in groups:
            if any(_same_event(x, s) for x in g):
                g.append(s)
                break
        else:
            groups.append([s])
    first = {id(g): min(g, key=lambda x: published[x.span.doc]) for g in groups}
    return [[first[id(g)], *(x for x in g if x is not first[id(g)])] for g in groups]


def _event(corpus: Corpus, group: list[_Statement]) -> TimelineEvent:
    """One timeline event from merged statements; the first one gives the wording, and
    the date unless another gives a day inside its range (the more precise date)."""
    first = group[0]
    within = (s.mention for s in group if _within(s.mention.when, first.mention.when))
    m = next(within, first.mention)
    assert m.when is not None
    text = corpus.documents[first.span.doc].text[first.span.start : first.span.end]
    return TimelineEvent(
        when=m.when,
        resolved_from=m.expression,
        text=" ".join(text.split()),
        citations=tuple(s.span for s in group),
        resolution=m.resolution,
        vague=all(s.mention.vague for s in group),
    )
