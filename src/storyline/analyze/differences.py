"""Where sources differ: figures given differently, opposite claims, facts only one reports.

1. **pair sentences** — sentences of different documents that report the same content:
   the groups of ``alignment`` when given (an iterable of groups of sentence spans), else
   a set cosine of stemmed content words ≥ :data:`SAME_FACT` (:mod:`._wordsets`).
2. **figures** — figures whose ``counts`` fall in the same category (killed/dead/deaths →
   deaths, injured/wounded → injuries...) or share a head word, with compatible nouns
   ("rebels killed" and "soldiers killed" are different quantities), in different
   documents, with values that cannot both be said as written. Equal values never
   conflict; a hedge is an interval ("at least 40" agrees with "45"). Two different bounds
   ("at least 40" vs "more than 50") and a number against a counting word ("40" vs
   "dozens") are reported: the sources give the quantity differently.
3. **claims** — opposite statements on the same subject: a claim confirmed in one source
   and denied in another, or paired sentences where one says "retaken" and the other
   "still hold", "open" vs "closed"... (:data:`OPPOSITES`), or one negates the other.
4. **unique** — sentences with a figure or a date (or a capitalised name) that only one
   independent source reports. Documents from the same outlet, or that repeat each other
   sentence for sentence (wire copies), count as one source.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence

from storyline.analyze._wordsets import content_words, cosine
from storyline.annotate.dates import find_dates_in_document
from storyline.annotate.figures import vague_bounds
from storyline.model import Corpus, Span
from storyline.model.dossier import Claim, Difference, Figure

#: Set cosine at or above which two sentences of different documents report the same fact.
SAME_FACT = 0.35
#: Two sentences this similar with opposite polarity words are an opposite-claims pair.
OPPOSITE_MIN = 0.25
#: A negation flip alone needs sentences this similar.
NEGATION_MIN = 0.5
#: Share of a document's sentences that must be near-copies for two documents to count
#: as one source (and the cosine that makes a near-copy).
COPY_SHARE, COPY_MIN = 0.6, 0.8
#: Documents shorter than this are never called copies (one shared sentence is not a copy).
COPY_MIN_SENTENCES = 3

CATEGORIES = {
    "Deaths": {"killed", "dead", "died", "deaths", "death", "fatalities", "bodies", "lives"},
    "Injuries": {"injured", "wounded", "hurt", "injuries", "casualties"},
    "Arrests": {"arrested", "detained", "arrests", "detentions"},
    "Missing": {"missing"},
    "Displaced": {"displaced", "fled", "evacuated", "homeless", "refugees"},
}
_GENERIC = {"people", "persons", "individuals", "others", "more", ""}
_UPPER = {"at least", "more than", "over", "upwards of", "just over"}
_LOWER = {"up to", "at most", "fewer than", "less than", "as many as", "just under"}
_NEAR = {"nearly", "almost"}
OPPOSITES = [
    (r"\b(?:retaken|recaptured|regained|liberated|took back)\b",
     r"\b(?:still|continue to|remain in)\s+(?:hold|holds|control|controls|occupy)\b"),
    (r"\bconfirm(?:ed|s)?\b", r"\bden(?:ied|ies|y)\b"),
    (r"\b(?:re)?open(?:ed|s)?\b", r"\b(?:closed|shut)\b"),
    (r"\b(?:alive|survived)\b", r"\b(?:dead|died|killed)\b"),
    (r"\b(?:arrested|detained)\b", r"\b(?:released|freed)\b"),
    (r"\b(?:accepted|approved)\b", r"\b(?:rejected|refused)\b"),
    (r"\b(?:rose|increased|up)\b", r"\b(?:fell|decreased|dropped)\b"),
]  # fmt: skip
_OPPOSITES = [(re.compile(a, re.I), re.compile(b, re.I)) for a, b in OPPOSITES]
_NEGATION = re.compile(r"\b(?:not|no longer|never|n't|denied)\b|n't\b", re.I)
_CONFIRM = {"confirmed", "confirms", "confirm", "acknowledged", "admitted"}
_DENY = {"denied", "denies", "deny", "rejected", "disputed"}
_NAME = re.compile(r"(?<=[a-z,;] )[A-Z][a-z]+")


def find_differences(
    corpus: Corpus,
    figures: Sequence[Figure],
    claims: Sequence[Claim],
    alignment: Iterable[Iterable[Span]] | None = None,
) -> list[Difference]:
    """Figure conflicts, opposite claims and single-source facts in ``corpus``."""
    words = {s: content_words(_text(corpus, s)) for s in corpus.sentences()}
    pairs = _pairs_from(alignment, words) if alignment is not None else _similar_pairs(words)
    out = _figure_differences(corpus, figures)
    out += _claim_differences(corpus, claims)
    out += _sentence_opposites(corpus, pairs, words)
    out += _unique_facts(corpus, figures, pairs, words)
    return out


def _text(corpus: Corpus, s: Span) -> str:
    return corpus.documents[s.doc].text[s.start : s.end]


def _doc_label(corpus: Corpus, doc: int, paren: bool = False) -> str:
    """'doc 1, BBC' (or 'doc 1 (BBC)' with ``paren``); the number is the citation's ``doc``."""
    source = corpus.documents[doc].article.source
    if not source:
        return f"doc {doc}"
    return f"doc {doc} ({source})" if paren else f"doc {doc}, {source}"


# -- 1. pairing ---------------------------------------------------------------------------


def _similar_pairs(words: dict[Span, frozenset[str]]) -> dict[tuple[Span, Span], float]:
    """Cross-document sentence pairs with cosine ≥ the lowest threshold used here."""
    index: dict[str, list[Span]] = defaultdict(list)
    for s, ws in words.items():
        for w in ws:
            index[w].append(s)
    shared: dict[tuple[Span, Span], int] = defaultdict(int)
    for spans in index.values():
        for i, a in enumerate(spans):
            for b in spans[i + 1 :]:
                if a.doc != b.doc:
                    shared[(a, b) if a < b else (b, a)] += 1
    floor = min(SAME_FACT, OPPOSITE_MIN)
    out = {}
    for (a, b), n in shared.items():
        sim = n / math.sqrt(len(words[a]) * len(words[b]))
        if sim >= floor:
            out[(a, b)] = sim
    return out


def _pairs_from(
    alignment: Iterable[Iterable[Span]], words: dict[Span, frozenset[str]]
) -> dict[tuple[Span, Span], float]:
    """Every cross-document pair inside each alignment group, scored by word cosine."""
    out = {}
    for group in alignment:
        spans = sorted(group)
        for i, a in enumerate(spans):
            for b in spans[i + 1 :]:
                if a.doc != b.doc:
                    sim = cosine(words.get(a, frozenset()), words.get(b, frozenset()))
                    out[(a, b)] = max(sim, SAME_FACT)
    return out


# -- 2. figures ---------------------------------------------------------------------------


def _category(figure: Figure) -> tuple[str, str] | None:
    """``(category, noun)`` of a figure's counts, e.g. ("Deaths", "rebels")."""
    if not figure.counts:
        return None
    words = figure.counts.split()
    for name, members in CATEGORIES.items():
        hits = [w for w in words if w in members]
        if hits:
            noun = " ".join(w for w in words if w not in members)
            return name, noun
    if words[-1] in _GENERIC:
        return None  # "300 people" alone: too generic to say it is the same quantity
    head = next(iter(content_words(words[-1])), words[-1])
    return f"{words[-1].capitalize()} ({figure.unit})" if figure.unit else words[-1], head


def _interval(f: Figure) -> tuple[str, float, float]:
    """``(kind, low, high)``: exact, approx, bound or vague."""
    if f.value is None:
        lo, hi = vague_bounds(f) or (0.0, math.inf)
        return "vague", lo, hi
    if isinstance(f.value, tuple):
        return "approx", f.value[0], f.value[1]
    v = f.value
    if f.hedge in _UPPER:
        return "bound", v, math.inf
    if f.hedge in _LOWER:
        return "bound", 0.0, v
    if f.hedge in _NEAR:
        return "approx", v * 0.9, v
    if f.hedge:
        return "approx", v * 0.9, v * 1.1
    return "exact", v, v


def _conflict(a: Figure, b: Figure) -> bool:
    """True when ``a`` and ``b`` give the same quantity differently (rules in the docstring)."""
    if (a.value, a.hedge) == (b.value, b.hedge) and a.value is not None:
        return False
    ka, la, ha = _interval(a)
    kb, lb, hb = _interval(b)
    if ka == "vague" or kb == "vague":
        return not (ka == kb and vague_bounds(a) == vague_bounds(b))
    if ka == kb == "bound":
        return (la, ha) != (lb, hb)
    return ha < lb or hb < la


def _nouns_match(a: str, b: str) -> bool:
    return a in _GENERIC or b in _GENERIC or content_words(a) == content_words(b)


def _figure_differences(corpus: Corpus, figures: Sequence[Figure]) -> list[Difference]:
    """One difference per quantity that documents give incompatibly."""
    groups: dict[str, list[tuple[Figure, str]]] = defaultdict(list)
    for f in figures:
        cat = _category(f)
        if cat is not None and f.counts != "age":  # ages of different people differ
            groups[cat[0]].append((f, cat[1]))
    out = []
    for name, members in groups.items():
        said = defaultdict(set)  # doc -> values it gives for this quantity
        for f, _ in members:
            said[f.citations[0].doc].add(f.value)
        involved: list[Figure] = []
        for i, (a, na) in enumerate(members):
            for b, nb in members[i + 1 :]:
                da, db = a.citations[0].doc, b.citations[0].doc
                if da == db or a.value in said[db] or b.value in said[da]:
                    continue  # both documents give both numbers: different quantities
                if _nouns_match(na, nb) and _conflict(a, b):
                    involved += [x for x in (a, b) if x not in involved]
        if involved:
            out.append(_figure_difference(corpus, name, involved))
    return out


def _show(f: Figure) -> str:
    """'at least 40', '30-40', '$2.5bn'-like short form of a figure's value."""
    if f.value is None:
        m = re.match(r"[A-Za-z]+(?:\s+of\s+thousands)?", f.text)
        return m.group(0).lower() if m else f.text
    if isinstance(f.value, tuple):
        shown = f"{f.value[0]:,g}-{f.value[1]:,g}"
    else:
        shown = f"{f.value:,.0f}" if f.value == int(f.value) else f"{f.value:,g}"
    if f.unit == "%":
        shown += "%"
    elif f.unit:
        shown += f" {f.unit}"
    return f"{f.hedge} {shown}" if f.hedge else shown


def _figure_difference(corpus: Corpus, name: str, figs: list[Figure]) -> Difference:
    figs = sorted(figs, key=lambda f: f.citations[0])
    parts = [f"{_show(f)} ({_doc_label(corpus, f.citations[0].doc)})" for f in figs]
    text = f"{name[:1].upper()}{name[1:]}: " + " vs ".join(dict.fromkeys(parts))
    dates = {corpus.documents[f.citations[0].doc].article.published for f in figs}
    if len(dates) > 1 and None not in dates:
        text += " (reported on different dates)"
    return Difference("figure", text, tuple(f.citations[0] for f in figs))


# -- 3. claims ----------------------------------------------------------------------------


def _claim_differences(corpus: Corpus, claims: Sequence[Claim]) -> list[Difference]:
    """A claim confirmed in one document and denied in another, on the same subject."""
    confirm = [c for c in claims if c.verb and c.verb.lower() in _CONFIRM and c.citations]
    deny = [c for c in claims if c.verb and c.verb.lower() in _DENY and c.citations]
    out = []
    for a in confirm:
        for b in deny:
            if a.citations[0].doc == b.citations[0].doc:
                continue
            if cosine(content_words(a.text), content_words(b.text)) >= OPPOSITE_MIN:
                text = (f"{_who(a)} {a.verb} ({_doc_label(corpus, a.citations[0].doc)}) vs "
                        f"{_who(b)} {b.verb} ({_doc_label(corpus, b.citations[0].doc)}): "
                        f"{_short(a.text)}")  # fmt: skip
                out.append(Difference("claim", text, (a.citations[0], b.citations[0])))
    return out


def _who(c: Claim) -> str:
    return c.speaker or "a source"


def _short(text: str, n: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1].rsplit(" ", 1)[0] + "…"


def _sentence_opposites(
    corpus: Corpus, pairs: dict[tuple[Span, Span], float], words: dict[Span, frozenset[str]]
) -> list[Difference]:
    """Paired sentences with opposite polarity words, or one negating the other."""
    out = []
    for (a, b), sim in pairs.items():
        ta, tb = _text(corpus, a), _text(corpus, b)
        if not _opposed(ta, tb, sim):
            continue
        text = (f"{_short(ta, 70)} ({_doc_label(corpus, a.doc)}) vs "
                f"{_short(tb, 70)} ({_doc_label(corpus, b.doc)})")  # fmt: skip
        out.append(Difference("claim", text, (a, b)))
    return out


def _opposed(ta: str, tb: str, sim: float) -> bool:
    """Opposite polarity words in similar sentences, or a negation flip in very similar ones."""
    if sim >= OPPOSITE_MIN and _opposite(ta, tb):
        return True
    return sim >= NEGATION_MIN and bool(_NEGATION.search(ta)) != bool(_NEGATION.search(tb))


def _opposite(ta: str, tb: str) -> bool:
    for pa, pb in _OPPOSITES:
        a1, a2, b1, b2 = pa.search(ta), pb.search(ta), pa.search(tb), pb.search(tb)
        if (a1 and not a2 and b2 and not b1) or (a2 and not a1 and b1 and not b2):
            return True
    return False


# -- 4. unique facts ----------------------------------------------------------------------


def _sources(corpus: Corpus, pairs: dict[tuple[Span, Span], float]) -> list[int]:
    """Independence group of each document: same outlet or near-copies count as one."""
    parent = list(range(len(corpus.documents)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    outlets: dict[str, int] = {}
    for d in corpus.documents:
        key = (d.article.source or "").strip().casefold()
        if key:
            parent[find(d.index)] = find(outlets.setdefault(key, d.index))
    copies: dict[tuple[int, int], set[Span]] = defaultdict(set)
    for (a, b), sim in pairs.items():
        if sim >= COPY_MIN:
            copies[(a.doc, b.doc)].add(a)
    for (da, db), spans in copies.items():
        shorter = min(len(corpus.documents[da].sentences), len(corpus.documents[db].sentences))
        if shorter >= COPY_MIN_SENTENCES and len(spans) / shorter >= COPY_SHARE:
            parent[find(db)] = find(da)
    return [find(i) for i in range(len(corpus.documents))]


def _unique_facts(
    corpus: Corpus,
    figures: Sequence[Figure],
    pairs: dict[tuple[Span, Span], float],
    words: dict[Span, frozenset[str]],
) -> list[Difference]:
    """Fact sentences that only one independent source reports."""
    group = _sources(corpus, pairs)
    if len(set(group)) < 2:
        return []
    reporters: dict[Span, set[int]] = defaultdict(set)
    for (a, b), sim in pairs.items():
        if sim >= SAME_FACT:
            reporters[a].add(group[b.doc])
            reporters[b].add(group[a.doc])
    facts = _fact_sentences(corpus, figures)
    out = []
    for s in facts:
        if reporters[s] - {group[s.doc]} or not words.get(s):
            continue
        text = f"Only {_doc_label(corpus, s.doc, paren=True)} reports: {_short(_text(corpus, s))}"
        out.append(Difference("unique", text, (s,)))
    return out


def _fact_sentences(corpus: Corpus, figures: Sequence[Figure]) -> list[Span]:
    """Sentences holding a figure, a date expression or a capitalised name."""
    with_figure = {f.citations[-1] for f in figures}
    out = []
    for d in corpus.documents:
        dated = {m.sentence for m in find_dates_in_document(d.article, d.sentences)}
        for s in d.sentences:
            if s in with_figure or s in dated or _NAME.search(_text(corpus, s)):
                out.append(s)
    return out
