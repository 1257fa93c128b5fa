"""The dossier's timeline: dated statements, merged across sources, in date order.

1. **find dates** — :func:`storyline.annotate.dates.find_dates` finds and resolves every
   date expression; the ones that cannot be resolved (relative, no publication date) are
   left out and a note says so.
2. **statement** — each date is placed with the words around it: the whole sentence when
   it is short, else the clause holding the date (cut at ``;``, ``:``, dashes and commas,
   grown clause by clause until it has :data:`MIN_CLAUSE_WORDS` words).
3. **merge** — statements on the same date whose stemmed content words (the date words
   left out) have a set cosine of at least :data:`MERGE_THRESHOLD` become one event with
   all their citations: several sources reporting the same thing.
4. **order** — by date (a range by its start, then its end), then by first citation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

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
    groups = _merge(statements)
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


def _merge(statements: list[_Statement]) -> list[list[_Statement]]:
    """Group same-date statements that say the same thing (greedy, in reading order)."""
    by_date: dict[When, list[list[_Statement]]] = {}
    for s in statements:
        assert s.mention.when is not None
        groups = by_date.setdefault(s.mention.when, [])
        for g in groups:
            if any(x.span == s.span for x in g):
                break  # same words, same date twice (e.g. "Monday ... on Monday night")
            if any(cosine(x.words, s.words) >= MERGE_THRESHOLD for x in g):
                g.append(s)
                break
        else:
            groups.append([s])
    return [g for groups in by_date.values() for g in groups]


def _event(corpus: Corpus, group: list[_Statement]) -> TimelineEvent:
    """One timeline event from merged statements; the first one gives the wording."""
    first = group[0]
    m = first.mention
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
