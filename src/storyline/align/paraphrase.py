"""Paraphrase support: two sentences that report one fact in different words.

No embedder is used (none can be fetched at run time, and one measured too slow); the
text gives enough for news:

* **anchors** — numbers and capitalised words inside a sentence (places, names,
  organisations): two reports of one fact share them, whatever their wording;
* **concepts** — content stems, where a small general lexicon of reporting
  paraphrases puts synonyms under one concept (``recaptur``/``regain``/``retak`` →
  *retake*; ``offici``/``govern``/``author`` → *authorities*), weighted by inverse
  sentence frequency over the corpus;
* **dates** — two sentences that name different years or weekdays tell two events.

(Position was measured too: a lower bar for two reports' leads admitted only false
pairs on the annotated DUC-dev pairs, so leads get none.)

Two sentences of different documents are paraphrases when they share an anchor and a
concept that is not an anchor (the predicate: "retake", "kill"), name no conflicting
dates, and the weighted cosine of their concepts reaches :data:`PARAPHRASE_THRESHOLD`.
Measured on hand-annotated pairs by ``bench/corroboration_eval.py``.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from storyline.annotate.vectors import STOPWORDS, Terms, stem

#: Concepts of the lexicon: each line is a concept name and the Porter stems under it.
_LEXICON_TEXT = """
retake recaptur retak retaken retook regain reclaim
capture captur seiz overran overrun
kill kill dead di death slain fatal
injure injur wound hurt
attack attack assault raid offens
authority offici govern author administr
troops forc troop soldier armi militari
rebel rebel insurg milit militia
flee evacu flee fled displac
arrest arrest detain custodi
home hous home
town town citi villag
destroy destroi devast demolish wreck
rescue rescu
quake earthquak quak tremor
resign resign quit
rise rise rose risen increas climb jump soar grew grow gain
fall fall fell drop declin decreas plung slump
charge charg indict accus
begin begin began start launch
halt halt stop ceas suspend
win won win elect victori
vote vote ballot poll
concede conced defeat
"""
LEXICON: dict[str, str] = {
    s: line.split()[0] for line in _LEXICON_TEXT.strip().splitlines() for s in line.split()[1:]
}
#: Reporting words that say nothing of the fact reported.
_GENERIC = frozenset("claim announc report state statement sourc spokesman spokeswoman".split())
_TIME = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april "
    "may june july august september october november december".split()
)
_TIME_STEMS = frozenset(stem(w) for w in _TIME)
_CAPITALISED = re.compile(r"(?<![.!?]\s)(?<!^)\b([A-Z][a-zA-Z'’-]+)")
_NUMBER = re.compile(r"\d[\d,.]*\d|\d")

#: Weighted concept cosine at which two sentences count as paraphrases. Measured on
#: annotated DUC-dev 2006 pairs (bench/corroboration_eval.py): leads of two reports are
#: given no lower bar, since in topic clusters two leads often tell two events.
PARAPHRASE_THRESHOLD = 0.45
_YEAR = re.compile(r"\b(?:1[89]|20)\d\d\b")
_WEEKDAY = re.compile(r"\b(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Concepts:
    """What the paraphrase test reads of one sentence."""

    concepts: frozenset[str]
    anchors: frozenset[str]
    #: Years and weekdays named: two sentences that name different ones tell two events.
    dates: frozenset[str] = frozenset()

    @classmethod
    def of(cls, text: str, terms: Terms, lexicon: Mapping[str, str] = LEXICON) -> Concepts:
        """Anchors and concepts of a sentence (``lexicon`` maps stems to concepts)."""
        anchors = {n.replace(",", "").rstrip(".") for n in _NUMBER.findall(text)}
        for m in _CAPITALISED.finditer(text):
            word = m.group(1).lower().replace("’", "'").split("'")[0]
            if word not in STOPWORDS and word not in _TIME and len(word) > 1:
                anchors.add(stem(word))
        concepts = {
            lexicon.get(s, s) for s in terms.content if s not in _GENERIC and not s.isdigit()
        }
        concepts |= anchors
        dates = {m.group().lower() for m in _YEAR.finditer(text)}
        dates |= {m.group().lower() for m in _WEEKDAY.finditer(text)}
        return cls(frozenset(concepts), frozenset(anchors), frozenset(dates))


class ParaphraseIndex:
    """The paraphrase test over one corpus's sentences (concept weights learned from it)."""

    def __init__(self, sentences: Sequence[Concepts]) -> None:
        self.sentences = list(sentences)
        df: Counter[str] = Counter()
        for s in self.sentences:
            df.update(s.concepts)
        n = len(self.sentences)
        self.weight_ = {c: math.log((1 + n) / (1 + k)) + 1.0 for c, k in df.items()}
        self.norm_ = [
            math.sqrt(sum(self.weight_[c] ** 2 for c in s.concepts)) or 1.0 for s in self.sentences
        ]

    def raw(self, i: int, j: int) -> float:
        """The weighted cosine of the concepts of sentences ``i`` and ``j``, untested."""
        a, b = self.sentences[i], self.sentences[j]
        dot = sum(self.weight_[c] ** 2 for c in a.concepts & b.concepts)
        return dot / (self.norm_[i] * self.norm_[j])

    def score(self, i: int, j: int, similarity: float = 0.0) -> float:
        """The weighted concept cosine of sentences ``i`` and ``j`` when they pass the
        paraphrase test, else 0. ``similarity`` (their TF-IDF cosine) is not used by the
        test itself; callers pass it so that a score is never below it."""
        a, b = self.sentences[i], self.sentences[j]
        shared = a.concepts & b.concepts
        if not (a.anchors & b.anchors) or not (shared - a.anchors - b.anchors - _TIME_STEMS):
            return 0.0
        if a.dates and b.dates and not (a.dates & b.dates):
            return 0.0
        cos = self.raw(i, j)
        return max(cos, similarity) if cos >= PARAPHRASE_THRESHOLD else 0.0
