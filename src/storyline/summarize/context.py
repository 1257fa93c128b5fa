"""Which sentences cannot stand alone in a summary, and why.

A summary sentence is read without the sentences around it in its report. It then
*needs context* when:

* **quote** — it carries a quotation whose speaker is in another sentence: no speech
  verb outside the quoted words (``“We had ten minutes to leave!”`` after ``…, said Joel
  Aran``), a speaker that only another sentence names (``he said``, ``said a
  spokesman``), or a quotation that began in an earlier sentence or runs on into the
  next one (unbalanced marks);
* **pronoun** — it opens with a pronoun or a demonstrative whose referent it does not
  name before it: ``He``, ``They``, ``This``, ``Its`` …, also after a short opening
  phrase (``On Monday, she …``); ``After John Smith arrived, he …`` is resolved, and so
  are expletive ``It is not clear whether …`` and ``This year …``;
* **connective** — it opens with a connective that links it to what came before:
  ``But``, ``However``, ``Also``, ``Meanwhile``, ``Instead``, ``Still`` …;
* **fragment** — it has no final stop: a headline, a caption, a list lead-in ending
  with a colon, or a report cut off mid-sentence.

:func:`sentence_needs` judges one sentence (its text, and whether a quotation is open
when it begins, which the previous sentence of its document tells);
:func:`document_needs` and :func:`needs_of` carry that state through each document, in
reading order. :func:`summary_needs` judges sentences *as placed in a summary*: a
sentence right after its own document's previous sentence has the context it needs for
a pronoun, a connective, a "he said" or a quotation that began in that sentence — but a
quotation with no speech verb at all (``“They emptied every shop.”``) is made good only by
a previous sentence that speaks (``…, Piet Ruhl told the broadcaster.``): the speaker of
such a quotation is as often in the next sentence, and then the previous one does not
help (:func:`resolved_by_previous`). ``bench/readability.py`` measures summaries with
these functions, and selection (select.py) takes a sentence only where they count it as
readable, so there is one definition of a defect.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import TypeVar

from storyline.model import Corpus, Span
from storyline.segment.quotes import (
    Quotation,
    attribution,
    inside_after,
    outside,
    quotations,
)

T = TypeVar("T")


class Reason(StrEnum):
    """Why a sentence cannot stand alone (the value is its stable name in JSON and tables)."""

    QUOTE = "quote"
    PRONOUN = "pronoun"
    CONNECTIVE = "connective"
    FRAGMENT = "fragment"


#: The reasons a summary sentence's own predecessor, placed right before it, makes good.
CONTEXT_REASONS = frozenset({Reason.QUOTE, Reason.PRONOUN, Reason.CONNECTIVE})


@dataclass(frozen=True, slots=True)
class Need:
    """One reason a sentence needs context, with what shows it (``"They"``, ``"he said"``)."""

    reason: Reason
    detail: str


def _words(spaced: str) -> frozenset[str]:
    return frozenset(spaced.split())


#: Third-person pronouns and demonstratives that refer back when they open a sentence.
PRONOUNS = _words("he she they it him her them his hers its their theirs this that these those")
#: Demonstratives a speaker uses of the situation at hand: they open a quotation freely
#: ("“This is a good day,” said the commissioner").
_DEICTIC = _words("this that these those")
#: Opening words and phrases that tie a sentence to the one before it.
CONNECTIVES = [
    *(
        "but however also meanwhile instead still yet then so and or nor thus therefore hence "
        "moreover furthermore besides nevertheless nonetheless likewise similarly consequently "
        "accordingly indeed otherwise later afterwards afterward such both"
    ).split(),
    "in addition",
    "in contrast",
    "in turn",
    "in response",
    "as a result",
    "as well",
    "even so",
    "on the other hand",
    "by contrast",
    "at the same time",
    "for his part",
    "for her part",
    "for their part",
    "the latter",
    "the former",
]
_CONNECTIVE = re.compile(
    r"(?:" + "|".join(re.escape(c) for c in sorted(CONNECTIVES, key=len, reverse=True)) + r")\b",
    re.IGNORECASE,
)
#: Openers that look like a connective or pronoun but stand alone.
_STANDS_ALONE = re.compile(
    r"(?:so far|so-called|still others|both\s+\S+(?:\s+\S+){0,4}\s+and\s|"
    r"(?:later|earlier|this|these|that)\s+(?:this|that|next|last)?\s*"
    r"(?:year|week|month|morning|afternoon|evening|night|weekend|summer|winter|spring|fall|"
    r"autumn|season|decade|century|january|february|march|april|may|june|july|august|"
    r"september|october|november|december|monday|tuesday|wednesday|thursday|friday|"
    r"saturday|sunday)s?\b|"
    r"it(?:\s*['’]s|\s+(?:is|was|has been|had been|will be|would be|remains|remained|seems|"
    r"seemed|appears|appeared))\s+(?:not\s+|still\s+|also\s+|now\s+|yet\s+|immediately\s+|too\s+)*"
    r"(?:clear|unclear|known|unknown|likely|unlikely|possible|impossible|expected|estimated|"
    r"believed|thought|feared|hoped|understood|important|necessary|difficult|easy|hard|"
    r"early|uncertain|certain|true|reported|alleged|said|time|confirmed)\b)",
    re.IGNORECASE,
)
_LEADING = re.compile(r"^(?:``|''|[\s\"“”‘’'(\[—–-])*")
_OPEN_MARK = re.compile(r"``|[\"“‘']")
_WORD = re.compile(r"[^\W_][\w'’-]*")
#: A short opening phrase before a comma: "On Monday, he ...", "In a statement, they ...".
_INTRO = re.compile(r"^([^,;:\"“”`]{2,60}?),\s+(\S+)")
_TIME_WORDS = _words(
    "monday tuesday wednesday thursday friday saturday sunday january february march april "
    "may june july august september october november december jan feb mar apr jun jul aug sep "
    "sept oct nov dec"
)
_TERMINATED = re.compile(r"[.!?…]['\"”’)\]\s]*$")
#: Quoted words are a quotation (which needs its speaker here), not a quoted term or
#: phrase woven into the reporter's sentence ("called the decision “shameful”", "as
#: well as “generous quantities of fat”"), when they make up this share of the
#: sentence, or open it and are at least QUOTATION_WORDS long.
QUOTATION_SHARE = 0.5
QUOTATION_WORDS = 3


def unterminated(text: str) -> bool:
    """Whether ``text`` lacks a final stop (closing quotes and brackets may follow it)."""
    return _TERMINATED.search(text.rstrip()) is None


def sentence_needs(text: str, *, inside: bool = False) -> tuple[Need, ...]:
    """Why ``text`` cannot stand alone; empty when it can.

    ``inside`` says that a quotation is open where the sentence begins (its opening
    mark is in an earlier sentence).
    """
    return _needs(text, quotations(text, inside=inside))[0]


def _needs(text: str, quotes: list[Quotation]) -> tuple[tuple[Need, ...], str | None]:
    """:func:`sentence_needs` given the sentence's quotations, and its quote kind."""
    needs: list[Need] = []
    kind = _quote_kind(text, quotes)
    quote = _quote_need(text, quotes, kind)
    if quote is not None:
        needs.append(quote)
    needs.extend(_opener_needs(text))
    if unterminated(text):
        tail = text.rstrip()[-12:]
        needs.append(Need(Reason.FRAGMENT, f"no final stop: …{tail}"))
    return tuple(needs), kind


#: Why a quotation needs context (:func:`_quote_kind`), and whether the sentence before
#: it, placed right before it, makes that good.
_CONTINUES = "the quotation began in an earlier sentence"
_RUNS_ON = "the quotation runs on into the next sentence"
_UNATTRIBUTED = "no speaker: the quotation is not attributed here"
_ELSEWHERE = "the speaker is named elsewhere"
#: Quote needs that only a previous sentence with a speech verb makes good.
_NEEDS_A_SPEAKER = frozenset({_RUNS_ON, _UNATTRIBUTED})


def _quote_need(text: str, quotes: list[Quotation], kind: str | None) -> Need | None:
    """The quote reason (``kind`` is :func:`_quote_kind`'s), if the sentence's quotation
    lacks a speaker here."""
    if kind is None:
        return None
    if kind == _ELSEWHERE:
        said = attribution(outside(text, quotes))
        assert said is not None
        return Need(Reason.QUOTE, f"{_ELSEWHERE}: {said.speaker} {said.verb}")
    return Need(Reason.QUOTE, kind)


def _quote_kind(text: str, quotes: list[Quotation]) -> str | None:
    """Which quote need ``text`` has (one of the constants above), or ``None``."""
    if not quotes:
        return None
    if any(not q.opened for q in quotes):
        return _CONTINUES
    if any(not q.closed for q in quotes):
        return _RUNS_ON
    total = len(_WORD.findall(text))
    quoted = sum(len(_WORD.findall(text, q.start, q.end)) for q in quotes)
    starts_quoted = _WORD.search(text, 0, quotes[0].start) is None
    if quoted < QUOTATION_SHARE * total and not (starts_quoted and quoted >= QUOTATION_WORDS):
        return None  # a quoted term, not a quotation
    said = attribution(outside(text, quotes))
    if said is None:
        return _UNATTRIBUTED
    if not said.names_speaker:
        return _ELSEWHERE
    return None


def _opener_needs(text: str) -> list[Need]:
    """Pronoun and connective reasons from how the sentence (or its quotation) opens."""
    lead = _LEADING.match(text)
    body = text[lead.end() :] if lead else text
    quoted = lead is not None and _OPEN_MARK.search(lead.group()) is not None
    if not body or _STANDS_ALONE.match(body):
        return []
    m = _CONNECTIVE.match(body)
    if m:
        return [Need(Reason.CONNECTIVE, body[: m.end()])]
    first = _WORD.match(body)
    if first is None:
        return []
    word = re.split(r"['’]", first.group())[0].lower()
    if word in PRONOUNS and not (quoted and word in _DEICTIC):
        return [Need(Reason.PRONOUN, first.group())]
    return _after_intro(body)


def _after_intro(body: str) -> list[Need]:
    """``On Monday, he …``: a pronoun right after a short opening phrase that names no one."""
    m = _INTRO.match(body)
    if m is None:
        return []
    intro, word = m.group(1), m.group(2).strip("\"“”'‘’")
    if re.split(r"['’]", word)[0].lower() not in PRONOUNS:
        return []
    if _STANDS_ALONE.match(body[m.start(2) :]):
        return []
    if len(intro.split()) > 8 or _names_someone(intro):
        return []
    return [Need(Reason.PRONOUN, f"{intro}, {word}")]


def _names_someone(intro: str) -> bool:
    """Whether an opening phrase holds a capitalised word other than its first word and
    dates ("After John Smith arrived" does; "On Monday" does not)."""
    words = _WORD.findall(intro)
    return any(w[0].isupper() and w.lower() not in _TIME_WORDS for w in words[1:])


def document_context(texts: Sequence[str]) -> list[tuple[tuple[Need, ...], bool]]:
    """For each sentence of one document, in reading order: its needs
    (:func:`sentence_needs`, with the open-quotation state carried from each sentence
    to the next) and whether its previous sentence, placed right before it, gives it
    the context it needs (:func:`document_resolved`). One pass over the quotations."""
    out: list[tuple[tuple[Need, ...], bool]] = []
    inside = False
    before: tuple[str, list[Quotation]] | None = None  # the previous sentence, its quotes
    for text in texts:
        quotes = quotations(text, inside=inside)
        needs, kind = _needs(text, quotes)
        if before is None:
            resolved = False
        elif kind in _NEEDS_A_SPEAKER:  # only then does it matter whether `before` speaks
            resolved = attribution(outside(*before)) is not None
        else:
            resolved = True
        out.append((needs, resolved))
        before = (text, quotes)
        inside = inside_after(quotes, inside)
    return out


def document_needs(texts: Sequence[str]) -> list[tuple[Need, ...]]:
    """:func:`sentence_needs` of each sentence of one document, in reading order, with
    the open-quotation state carried from each sentence to the next."""
    return [needs for needs, _ in document_context(texts)]


def document_resolved(texts: Sequence[str]) -> list[bool]:
    """For each sentence of one document (in reading order), whether its previous
    sentence, placed right before it, gives it the context it needs: always for a
    pronoun, a connective, a quotation that began there or a "he said"; for a quotation
    with no speech verb (or one that runs on), only when that sentence speaks (has a
    speech verb outside its own quotation marks, or a colon introducing the quote)."""
    return [resolved for _, resolved in document_context(texts)]


def _by_document(
    spans: Sequence[Span], texts: Sequence[str], judge: Callable[[Sequence[str]], list[T]]
) -> list[T]:
    """``judge`` applied to each document's run of sentences (documents contiguous)."""
    out: list[T] = []
    i = 0
    while i < len(spans):
        j = i
        while j < len(spans) and spans[j].doc == spans[i].doc:
            j += 1
        out.extend(judge(texts[i:j]))
        i = j
    return out


def resolved_of(spans: Sequence[Span], texts: Sequence[str]) -> list[bool]:
    """:func:`document_resolved` over sentences given in corpus order (as :func:`needs_of`)."""
    return _by_document(spans, texts, document_resolved)


def context_of(spans: Sequence[Span], texts: Sequence[str]) -> list[tuple[tuple[Need, ...], bool]]:
    """:func:`document_context` over sentences given in corpus order (as :func:`needs_of`)."""
    return _by_document(spans, texts, document_context)


def needs_of(spans: Sequence[Span], texts: Sequence[str]) -> list[tuple[Need, ...]]:
    """:func:`document_needs` over sentences given in corpus order (documents contiguous,
    each in reading order), e.g. an :class:`~storyline.align.Alignment`'s ``spans``."""
    return _by_document(spans, texts, document_needs)


def corpus_needs(corpus: Corpus) -> dict[tuple[int, int], tuple[Need, ...]]:
    """Needs of every sentence of ``corpus``, keyed by ``(doc, start)``."""
    spans = corpus.sentences()
    texts = [corpus.documents[s.doc].text[s.start : s.end] for s in spans]
    return {(s.doc, s.start): n for s, n in zip(spans, needs_of(spans, texts), strict=True)}


def summary_needs(sources: Sequence[Span], corpus: Corpus) -> list[tuple[Need, ...]]:
    """Needs of summary sentences taken from ``sources`` (each sentence's own span, in
    summary order): a sentence placed right after its document's previous sentence has
    the context it needs when :func:`resolved_by_previous` says so, and then only its
    fragment reason (if any) counts."""
    spans = corpus.sentences()
    texts = [corpus.documents[s.doc].text[s.start : s.end] for s in spans]
    keys = [(s.doc, s.start) for s in spans]
    needs = dict(zip(keys, needs_of(spans, texts), strict=True))
    resolved = dict(zip(keys, resolved_of(spans, texts), strict=True))
    index = {(s.doc, s.start): k for d in corpus.documents for k, s in enumerate(d.sentences)}
    out: list[tuple[Need, ...]] = []
    for k, span in enumerate(sources):
        key = (span.doc, span.start)
        found = needs.get(key, ())
        prev = sources[k - 1] if k else None
        if (
            prev is not None
            and prev.doc == span.doc
            and index.get((prev.doc, prev.start), -2) + 1 == index.get(key)
            and resolved.get(key, False)
        ):
            found = tuple(n for n in found if n.reason not in CONTEXT_REASONS)
        out.append(found)
    return out
