"""Step 3 of :mod:`storyline.analyze.differences`: opposite claims; plus the labels and
short forms every difference uses (kept apart so each module stays short).

* **claims** — two claims of different reports with opposite polarity (one denied or
  negated, the other not) whose claim clauses (cut before "before", "when", ", killing"...;
  dates, verb and speaker left out) share at least :data:`CLAIM_SHARED` stemmed words with
  a set cosine of at least :data:`CLAIM_OVERLAP`: "engineers had reported cracks in the dam
  wall" vs "it had never received a report of cracks in the dam wall" conflict; "at least
  40 people were killed" vs "denied that it had ignored warnings" do not.
* **sentences** — paired sentences where one says "retaken" and the other "still hold",
  "open" vs "closed"... (:data:`OPPOSITES`), or, in very similar sentences, one negates
  or denies what the other says: the words in the scope of the negation must be in the
  other sentence too.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

from storyline.analyze._wordsets import content_words, cosine
from storyline.model import Corpus, Span
from storyline.model.dossier import Claim, Difference

#: Two sentences this similar with opposite polarity words are an opposite-claims pair.
OPPOSITE_MIN = 0.25
#: A negation flip alone needs sentences this similar.
NEGATION_MIN = 0.5
#: Two opposite claims must share this many stemmed words of their claim clauses...
CLAIM_SHARED = 2
#: ...with at least this set cosine.
CLAIM_OVERLAP = 0.35
OPPOSITES = [
    (r"\b(?:retaken|recaptured|regained|liberated|took back)\b",
     r"\b(?:still|continue to|remain in)\s+(?:hold|holds|control|controls|occupy)\b"),
    (r"\b(?:re)?open(?:ed|s)?\b", r"\b(?:closed|shut)\b"),
    (r"\b(?:alive|survived)\b", r"\b(?:dead|died|killed)\b"),
    (r"\b(?:arrested|detained)\b", r"\b(?:released|freed)\b"),
    (r"\b(?:accepted|approved)\b", r"\b(?:rejected|refused)\b"),
    (r"\b(?:rose|increased|up)\b", r"\b(?:fell|decreased|dropped)\b"),
]  # fmt: skip
_OPPOSITES = [(re.compile(a, re.I), re.compile(b, re.I)) for a, b in OPPOSITES]
_NOT = re.compile(r"\b(?:not|no longer|never|no)\b|n't\b", re.I)
_DENIAL = re.compile(r"\b(?:denied|denies|deny|denying)\b(?:[^,;]{0,25}?\bthat\b)?", re.I)
#: Where a claim clause or a negation's scope ends.
_CLAUSE_END = re.compile(
    r"[,;:()]|\s[—–-]\s|\b(?:before|after|when|while|because|although|as|since|until"
    r"|killing|leaving|sending|which|who|but|and)\b",
    re.I,
)
_CLAUSE_START = re.compile(
    r"[,;:()]|\b(?:that|said|says|told|say|added|claimed|insisted|stated)\b", re.I
)
_DATE_WORDS = content_words(
    "monday tuesday wednesday thursday friday saturday sunday january february march april "
    "may june july august september october november december today yesterday week month year"
)
_DENY = {"denied", "denies", "deny", "rejected", "disputed"}


def span_text(corpus: Corpus, s: Span) -> str:
    return corpus.documents[s.doc].text[s.start : s.end]


def doc_label(corpus: Corpus, doc: int) -> str:
    """'report 1 (BBC)': 1-based, as the renderings number reports (citations stay 0-based)."""
    source = corpus.documents[doc].article.source
    return f"report {doc + 1} ({source})" if source else f"report {doc + 1}"


def claim_differences(corpus: Corpus, claims: Sequence[Claim]) -> list[Difference]:
    """Claims of different documents, opposite in polarity, on the same subject."""
    usable = [(c, _core(c.text), _negative(c)) for c in claims if c.verb and c.citations]
    out = []
    for i, (a, wa, neg_a) in enumerate(usable):
        for b, wb, neg_b in usable[i + 1 :]:
            if neg_a == neg_b or a.citations[0].doc == b.citations[0].doc:
                continue
            if len(wa & wb) < CLAIM_SHARED or cosine(wa, wb) < CLAIM_OVERLAP:
                continue
            pos, neg = (b, a) if neg_a else (a, b)
            said = f"“{short(pos.text, 70)}” vs “{short(neg.text, 70)}”"
            if wa == wb:
                said = short(pos.text)
            text = (f"{_who(pos)} {pos.verb} ({doc_label(corpus, pos.citations[0].doc)}) vs "
                    f"{_who(neg)} {neg.verb} ({doc_label(corpus, neg.citations[0].doc)}): "
                    f"{said}")  # fmt: skip
            out.append(Difference("claim", text, (pos.citations[0], neg.citations[0])))
    return out


def _core(text: str) -> frozenset[str]:
    """Stemmed content words of a claim's main clause, dates left out."""
    end = next((m.start() for m in _CLAUSE_END.finditer(text) if m.start() > 0), len(text))
    return content_words(text[:end]) - _DATE_WORDS


def _negative(c: Claim) -> bool:
    """A denied claim, or one that negates its clause (a denied negation is positive)."""
    denied = (c.verb or "").lower() in _DENY
    end = next((m.start() for m in _CLAUSE_END.finditer(c.text) if m.start() > 0), None)
    return denied != bool(_NOT.search(c.text[:end]))


def _who(c: Claim) -> str:
    return c.speaker or "a source"


def short(text: str, n: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1].rsplit(" ", 1)[0] + "…"


class _Marks(NamedTuple):
    """What one sentence brings to the opposition test, found once per sentence: bit i of
    ``first`` / ``second`` is set when only the first / only the second word of the i-th
    opposite pair occurs in it; ``negated`` is the scope of its negation (None: none)."""

    first: int
    second: int
    negated: frozenset[str] | None


def sentence_opposites(
    corpus: Corpus, pairs: dict[tuple[Span, Span], float], words: dict[Span, frozenset[str]]
) -> list[Difference]:
    """Paired sentences with opposite polarity words, or one negating the other.

    Similar pairs grow with the square of the number of similar sentences (500 copies of
    one sentence are 124,750 pairs), so each sentence's marks are found once and a pair's
    test is a few bit and set operations.
    """
    marks: dict[Span, _Marks] = {}

    def marks_of(span: Span) -> _Marks:
        found = marks.get(span)
        if found is None:
            found = marks[span] = _marks(span_text(corpus, span))
        return found

    out = []
    for (a, b), sim in pairs.items():
        if not _opposed(marks_of(a), marks_of(b), sim, words[a], words[b]):
            continue
        ta, tb = span_text(corpus, a), span_text(corpus, b)
        text = (f"{short(ta, 70)} ({doc_label(corpus, a.doc)}) vs "
                f"{short(tb, 70)} ({doc_label(corpus, b.doc)})")  # fmt: skip
        out.append(Difference("claim", text, (a, b)))
    return out


def _marks(text: str) -> _Marks:
    first = second = 0
    for i, (pa, pb) in enumerate(_OPPOSITES):
        in_a, in_b = pa.search(text) is not None, pb.search(text) is not None
        if in_a and not in_b:
            first |= 1 << i
        elif in_b and not in_a:
            second |= 1 << i
    return _Marks(first, second, _negated(text))


def _opposed(ma: _Marks, mb: _Marks, sim: float, wa: frozenset[str], wb: frozenset[str]) -> bool:
    """Opposite polarity words in similar sentences (one has only the first word of a pair,
    the other only the second), or, in very similar ones, a negation whose scope the other
    sentence states."""
    if sim >= OPPOSITE_MIN and (ma.first & mb.second or ma.second & mb.first):
        return True
    if sim < NEGATION_MIN:
        return False
    scope_a, scope_b = ma.negated, mb.negated
    if (scope_a is None) == (scope_b is None):
        return False
    scope, other = (scope_a, wb) if scope_a is not None else (scope_b, wa)
    assert scope is not None
    return len(scope & other) >= CLAIM_SHARED


def _negated(text: str) -> frozenset[str] | None:
    """Content words in the scope of the sentence's negation, or None when it has none."""
    denial = _DENIAL.search(text)
    if denial:
        start, after = denial.end(), denial.end()
    else:
        neg = _NOT.search(text)
        if neg is None:
            return None
        starts = [m.end() for m in _CLAUSE_START.finditer(text, 0, neg.start())]
        start, after = max(starts, default=0), neg.end()
    end = _CLAUSE_END.search(text, after)
    return content_words(text[start : end.start() if end else len(text)]) - _DATE_WORDS
