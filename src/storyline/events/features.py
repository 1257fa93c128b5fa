"""What the clusterer sees of an article: weighted terms, before any IDF.

1. **clean** — only the prose regions :func:`storyline.clean.clean` keeps are read
   (credits, related-link runs, share prompts and bylines say nothing about the event);
   the headline, the article's title and the dateline's place are kept apart.
2. **words** — content words, lower-cased and stemmed as everywhere in storyline
   (:mod:`storyline.annotate.vectors`), counted with sublinear weight ``1 + log tf``.
3. **headline** — the title's content words count again, ``title_weight`` times
   (a headline names the event in a few words).
4. **names** — in cased text, runs of capitalised words that do not open a sentence
   ("Kessa Dam", "Maria Okafor") become one ``#name`` term each; a lower-cased text
   (no capitals inside sentences) has none.

Only the first ``max_chars`` characters of a long article are read.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass

from storyline.annotate.vectors import _WORD, STOPWORDS, stem
from storyline.clean import clean
from storyline.model import Article

#: A run of capitalised words (with "of", "de", "van" style joiners inside). The
#: look-behind after the first capital is ``\b`` before it, written so the regex
#: engine can skip ahead to the next capital (twice as fast).
_CAP_RUN = re.compile(
    r"[A-Z](?<!\w[A-Z])[\w'’-]*(?:\s+(?:(?:of|de|del|la|al|bin|van|von|der)\s+)?[A-Z][\w'’-]*)*"
)
_INNER = re.compile(r"[a-z,] ([A-Za-z])")
_SENTENCE_START = re.compile(r"(?:^|[.!?:;\"“”'‘’()\[\]—–-]\s*|\n\s*)$")
#: Capitalised words that are not names even inside a sentence.
_NOT_NAMES = frozenset(
    """i monday tuesday wednesday thursday friday saturday sunday january february march
    april may june july august september october november december mr mrs ms dr the a an
    he she it we they his her their this that these those but and or if in on at for""".split()
)


@dataclass(frozen=True, slots=True)
class Features:
    """An article's terms with their weights (no IDF yet), and a display title."""

    terms: dict[str, float]
    title: str
    #: Whether it has ``#name`` terms (its text is cased).
    cased: bool = False


@dataclass(frozen=True, slots=True)
class FeatureSettings:
    """How an article becomes terms (see the module docstring)."""

    title_weight: float = 1.0
    name_weight: float = 1.0
    max_chars: int = 20_000


_SKIP = "\x00"  # no stem is this: words are runs of letters and digits


class _Stems(dict[str, str]):
    """Each word seen: its stem, or :data:`_SKIP` for a stopword or a lone letter
    (looked up from C: ``map(_STEMS.__getitem__, words)``; only new words run Python)."""

    def __missing__(self, word: str) -> str:
        if len(self) > 200_000:
            self.clear()
        s = _SKIP if word in STOPWORDS or (len(word) < 2 and not word.isdigit()) else stem(word)
        self[word] = s
        return s


_STEMS = _Stems()
#: ``1 + ln n`` for small counts (the same floats ``math.log`` gives).
_SUBLINEAR = [0.0] + [1.0 + math.log(n) for n in range(1, 64)]


def _sublinear(n: int) -> float:
    return _SUBLINEAR[n] if n < 64 else 1.0 + math.log(n)


def _counts(text: str, into: dict[str, float], weight: float = 1.0) -> None:
    """Add ``weight * (1 + ln tf)`` for each content-word stem of ``text``, in the
    order the stems first occur."""
    tokens = _WORD.findall(text.lower().replace("’", "'"))
    # Counting the tokens' stems gives each stem in the order of its first token.
    counts = Counter(map(_STEMS.__getitem__, tokens))
    counts.pop(_SKIP, None)
    if not into and weight == 1.0:  # the same floats as below: 0.0 + 1.0 * x == x
        into.update(zip(counts, map(_sublinear, counts.values()), strict=True))
        return
    for s, n in counts.items():
        into[s] = into.get(s, 0.0) + weight * _sublinear(n)


def _is_cased(text: str) -> bool:
    """True when capitals occur inside sentences (not only at their starts)."""
    inner = _INNER.findall(text, 0, 3000)
    return len(inner) > 20 and sum(map(str.isupper, inner)) > 0.03 * len(inner)


#: The (up to) three characters before a run of capitals: does the run open a sentence?
_OPENS: dict[str, bool] = {}
#: A run of capitalised words: its ``#name`` term (None: no name in it), when the run
#: is inside a sentence (``[False]``) and when it opens one (``[True]``).
_NAME_KEYS: tuple[dict[str, str | None], dict[str, str | None]] = ({}, {})


def _opens(before: str) -> bool:
    if len(_OPENS) > 100_000:
        _OPENS.clear()
    opens = _OPENS[before] = _SENTENCE_START.search(before) is not None
    return opens


def _name_key(run: str, opens: bool) -> str | None:
    parts = run.split()
    if opens:
        parts = parts[1:]  # the first word may be capitalised only as a sentence start
    while parts and parts[0].lower() in _NOT_NAMES:
        parts = parts[1:]
    key = "#" + " ".join(p.lower().strip("'’-") for p in parts) if parts else None
    known = _NAME_KEYS[opens]
    if len(known) > 100_000:
        known.clear()
    known[run] = key
    return key


def _names(text: str) -> dict[str, int]:
    found: dict[str, int] = {}
    opening, keys = _OPENS, _NAME_KEYS
    for m in _CAP_RUN.finditer(text):
        start = m.start()
        before = text[start - 3 : start] if start >= 3 else text[:start]
        opens = opening.get(before)
        if opens is None:
            opens = _opens(before)
        run = m.group()
        known = keys[opens]
        key = known[run] if run in known else _name_key(run, opens)
        if key is not None:
            found[key] = found.get(key, 0) + 1
    return found


def _first_sentence(text: str) -> str:
    line = text.strip().split("\n", 1)[0].strip()
    m = re.search(r"[.!?](?:\s|$)", line)
    sentence = line[: m.end()].strip() if m and m.end() > 20 else line
    return sentence if len(sentence) <= 160 else sentence[:157].rstrip() + "..."


def featurize(article: Article, settings: FeatureSettings | None = None) -> Features:
    """The terms of ``article`` and the title an event would show for it."""
    settings = settings or FeatureSettings()
    text = article.text[: settings.max_chars]
    cleaning = clean(text)
    prose = "\n".join(text[s:e] for s, e in cleaning.regions)
    title = article.title
    if not title and cleaning.headline is not None:
        title = text[cleaning.headline.start : cleaning.headline.end].lstrip("#").strip()
    terms: dict[str, float] = {}
    _counts(prose, terms)
    if title:
        _counts(title, terms, settings.title_weight)
    names: dict[str, int] = {}
    if settings.name_weight and _is_cased(prose):
        names = _names(prose if not title else f"{title}.\n{prose}")
        for name, n in names.items():
            terms[name] = settings.name_weight * (1.0 + math.log(n))
    shown = " ".join(title.split()) if title else _first_sentence(prose or text)
    return Features(terms=terms, title=shown[:300], cased=bool(names))
