"""The extractive oracle: greedy sentence selection against the reference(s).

It is the ceiling an extractive system could reach with these sentences and this
word budget. At each step it adds the sentence that most raises ROUGE-1 F1 +
ROUGE-2 F1 (mean over references) of the selection cut to the budget; it stops
when no sentence raises the score or the budget is spent.

Counting follows rouge-score exactly (lower case, non-alphanumerics split, Porter
stem on tokens longer than 3 characters; bigrams run across sentence joins), but on
words tokenized once and cached, with plain n-gram counters, so a trial costs a
counter pass rather than a full rouge-score call.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

from rouge_score import tokenize
from rouge_score.tokenizers import DefaultTokenizer


@lru_cache(maxsize=1)
def _stemmer() -> object:
    return DefaultTokenizer(use_stemmer=True)._stemmer


@lru_cache(maxsize=200_000)
def _word_tokens(word: str) -> tuple[str, ...]:
    """rouge-score's tokens for one whitespace word (tokenizing word by word gives
    the same tokens as tokenizing the whole text)."""
    return tuple(tokenize.tokenize(word, _stemmer()))


def _tokens(text: str) -> list[str]:
    return [t for w in text.split() for t in _word_tokens(w)]


def _counts(tokens: Sequence[str]) -> tuple[Counter[str], Counter[tuple[str, str]]]:
    return Counter(tokens), Counter(pairwise(tokens))


def _f1(overlap: int, cand: int, ref: int) -> float:
    if overlap == 0 or cand == 0 or ref == 0:
        return 0.0
    p, r = overlap / cand, overlap / ref
    return 2 * p * r / (p + r)


@dataclass(slots=True)
class _Reference:
    unigrams: Counter[str]
    bigrams: Counter[tuple[str, str]]

    @classmethod
    def of(cls, text: str) -> _Reference:
        return cls(*_counts(_tokens(text)))

    def gain_score(self, uni: Counter[str], bi: Counter[tuple[str, str]]) -> float:
        o1 = sum(min(c, self.unigrams[t]) for t, c in uni.items() if t in self.unigrams)
        o2 = sum(min(c, self.bigrams[t]) for t, c in bi.items() if t in self.bigrams)
        n1, n2 = sum(uni.values()), sum(bi.values())
        return _f1(o1, n1, sum(self.unigrams.values())) + _f1(o2, n2, sum(self.bigrams.values()))


def _candidate_tokens(chosen: list[list[str]], sentence: str, left: int) -> list[str]:
    """Tokens of the selection plus ``sentence`` cut to ``left`` whitespace words."""
    extra = [t for w in sentence.split()[:left] for t in _word_tokens(w)]
    return [t for toks in chosen for t in toks] + extra


def oracle_sentences(sentences: Sequence[str], references: Sequence[str], words: int) -> list[str]:
    """Greedy oracle: the chosen sentences, in the order they were chosen (so the
    word cut trims the least useful one)."""
    refs = [_Reference.of(r) for r in references]
    chosen: list[list[str]] = []
    picked: list[str] = []
    remaining = list(dict.fromkeys(s for s in sentences if s.split()))
    best, left = 0.0, words
    while remaining and left > 0:
        scored = []
        for s in remaining:
            uni, bi = _counts(_candidate_tokens(chosen, s, left))
            scored.append((sum(r.gain_score(uni, bi) for r in refs) / len(refs), s))
        score, sentence = max(scored, key=lambda x: x[0])
        if score <= best:
            break
        best = score
        kept = sentence.split()[:left]
        chosen.append([t for w in kept for t in _word_tokens(w)])
        picked.append(sentence)
        remaining.remove(sentence)
        left -= len(kept)
    return picked
