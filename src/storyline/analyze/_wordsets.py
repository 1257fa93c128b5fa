"""Cheap sentence similarity: cosine of stemmed content-word sets.

Used by the timeline (to merge events several sources report) and by differences (to
pair sentences when no alignment is given). Sets, not counts: news sentences are short
and repeat few words, so a set cosine ``|A ∩ B| / sqrt(|A| |B|)`` is enough and fast.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache

import snowballstemmer
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?|\d+(?:[.,]\d+)*")
#: Snowball's English (Porter2) stemmer from snowballstemmer, the package's one stemmer
#: library (NLTK, which this once used, is only in the eval extra). Its current rules
#: differ from NLTK's copy on 0.2% of the words of the DUC and Multi-News dev sets
#: ("archaeologist" -> "archaeolog", "added" -> "add" rather than "ad").
_STEMMER = snowballstemmer.stemmer("english")


@lru_cache(maxsize=50_000)
def _stem(word: str) -> str:
    return _STEMMER.stemWord(word)


def content_words(text: str) -> frozenset[str]:
    """Stemmed, lower-cased words of ``text`` without stop words (numbers kept)."""
    words = (w.lower() for w in _WORD.findall(text))
    return frozenset(_stem(w) for w in words if w not in ENGLISH_STOP_WORDS and len(w) > 1)


def cosine(a: frozenset[str], b: frozenset[str]) -> float:
    """Set cosine of two word sets; 0.0 when either is empty."""
    if not a or not b:
        return 0.0
    return len(a & b) / math.sqrt(len(a) * len(b))
