"""Sentence terms for the summarizer and the aligner: stemmed words and bigrams.

Words are lower-cased, split on letters/digits, Porter-stemmed (snowballstemmer,
cached per word). *Content* words are the non-stopwords of two or more characters
(or any number). Bigrams are pairs of adjacent stems in which at least one is a
content word, so "the army" counts as a bigram but "of the" does not.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise

import snowballstemmer

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*", re.UNICODE)

STOPWORDS = frozenset(
    """a about above after again against all also although am an and any are aren't as at be
    because been before being below between both but by can can't cannot could couldn't did
    didn't do does doesn't doing don't down during each either else ever every few for from
    further had hadn't has hasn't have haven't having he he'd he'll he's her here here's hers
    herself him himself his how how's however i i'd i'll i'm i've if in into is isn't it it's
    its itself just let's may me might more most much must mustn't my myself neither no nor not
    now of off on once only or other ought our ours ourselves out over own per rather same
    shall shan't she she'd she'll she's should shouldn't since so some such than that that's
    the their theirs them themselves then there there's these they they'd they'll they're
    they've this those though through thus to too under until up upon us very was wasn't we
    we'd we'll we're we've were weren't what what's when when's where where's whether which
    while who who's whom whose why why's will with won't would wouldn't yet you you'd you'll
    you're you've your yours yourself yourselves said says say told according one two also
    would could mr mrs ms dr s t re ve ll d m""".split()
)

_stemmer = snowballstemmer.stemmer("porter")
_stem_cache: dict[str, str] = {}


def stem(word: str) -> str:
    """Porter stem of a lower-cased word, cached."""
    s = _stem_cache.get(word)
    if s is None:
        if len(_stem_cache) > 200_000:
            _stem_cache.clear()
        s = _stemmer.stemWord(word)
        _stem_cache[word] = s
    return s


def words(text: str) -> list[str]:
    """Lower-cased word tokens (apostrophes inside words kept, typographic ones unified)."""
    return [w.replace("’", "'") for w in _WORD.findall(text.lower())]


@dataclass(frozen=True, slots=True)
class Terms:
    """The terms of one sentence."""

    #: Number of whitespace-separated words (what a ``--words`` budget counts).
    length: int
    #: Stems of content words, in order, repeats kept.
    content: tuple[str, ...]
    #: Distinct stemmed bigrams with at least one content word.
    bigrams: frozenset[tuple[str, str]]


def terms(text: str) -> Terms:
    # The hot loop of the summarizer: cache look-ups inline, one pass for the flags.
    toks = words(text)
    cache = _stem_cache
    stems = [cache.get(w) or stem(w) for w in toks]
    flags = [w not in STOPWORDS and (len(w) > 1 or w.isdigit()) for w in toks]
    content = tuple(s for s, f in zip(stems, flags, strict=True) if f)
    bigrams = frozenset(
        pair for pair, (f1, f2) in zip(pairwise(stems), pairwise(flags), strict=False) if f1 or f2
    )
    return Terms(length=len(text.split()), content=content, bigrams=bigrams)


def terms_of(texts: Iterable[str]) -> list[Terms]:
    return [terms(t) for t in texts]
