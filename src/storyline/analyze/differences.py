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
   "dozens") are reported: the sources give the quantity differently. The line lists each
   value once with the reports giving it ("Deaths: at least 40 (reports 1, 2, 4) vs
   dozens (reports 2, 3)"); a value a report says it revised to is marked "revised".
3. **claims** — opposite statements on the same subject: claims of different reports
   with opposite polarity whose claim clauses share their subject, or paired sentences
   with opposite words or one negating the other (:mod:`._claim_conflicts`).
4. **unique** — sentences with a figure or a date (or a capitalised name) that only one
   independent source reports. Documents from the same outlet, or that repeat each other
   sentence for sentence (wire copies), count as one source. The :data:`MAX_UNIQUE` most
   informative are listed (figures, then dates and names count), then one line says how
   many more there were.

Report numbers in ``Difference.text`` are 1-based ("report 1 (Coastline Wire)"), as in
the Markdown and HTML renderings; the citations' ``doc`` stays 0-based.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence

import numpy as np
from scipy import sparse

from storyline.analyze._claim_conflicts import (
    OPPOSITE_MIN,
    claim_differences,
    doc_label,
    sentence_opposites,
    short,
    span_text,
)
from storyline.analyze._wordsets import content_words, cosine
from storyline.annotate.dates import find_dates_in_document
from storyline.annotate.figures import occurrences, vague_bounds
from storyline.model import Corpus, Span
from storyline.model.dossier import Claim, Difference, Figure

#: Set cosine at or above which two sentences of different documents report the same fact.
SAME_FACT = 0.35
#: Share of a document's sentences that must be near-copies for two documents to count
#: as one source (and the cosine that makes a near-copy).
COPY_SHARE, COPY_MIN = 0.6, 0.8
#: Documents shorter than this are never called copies (one shared sentence is not a copy).
COPY_MIN_SENTENCES = 3
#: At most this many "only one source" items are listed, the most informative first.
MAX_UNIQUE = 8

CATEGORIES = {
    "Deaths": {"killed", "dead", "died", "deaths", "death", "fatalities", "bodies", "lives"},
    "Injuries": {"injured", "wounded", "hurt", "injuries", "casualties"},
    "Arrests": {"arrested", "detained", "arrests", "detentions"},
    "Missing": {"missing"},
    "Displaced": {"displaced", "fled", "evacuated", "homeless", "refugees"},
    "Stranded": {"stranded"},
}
_GENERIC = {"people", "persons", "individuals", "others", "more", ""}
_UPPER = {"at least", "more than", "over", "upwards of", "just over"}
_LOWER = {"up to", "at most", "fewer than", "less than", "as many as", "just under"}
_NEAR = {"nearly", "almost"}
_REVISED = re.compile(
    r"\b(?:revis|lower|rais|updat|correct|cut|increas|reduc)\w*\b[^.;]{0,40}?\bto\s+"
    r"(?:about\s+|at\s+least\s+|around\s+)?(?P<n>\d[\d,]*(?:\.\d+)?)",
    re.I,
)
_NAME = re.compile(r"(?<=[a-z,;] )[A-Z][a-z]+")


def find_differences(
    corpus: Corpus,
    figures: Sequence[Figure],
    claims: Sequence[Claim],
    alignment: Iterable[Iterable[Span]] | None = None,
) -> list[Difference]:
    """Figure conflicts, opposite claims and single-source facts in ``corpus``."""
    words = {s: content_words(span_text(corpus, s)) for s in corpus.sentences()}
    pairs = _pairs_from(alignment, words) if alignment is not None else _similar_pairs(words)
    out = _figure_differences(corpus, figures)
    out += _distinct(claim_differences(corpus, claims) + sentence_opposites(corpus, pairs, words))
    out += _unique_facts(corpus, figures, pairs, words)
    return out


def _distinct(differences: list[Difference]) -> list[Difference]:
    """The first difference for each set of cited spans (a claim pair and its sentences)."""
    seen: set[frozenset[tuple[int, int, int]]] = set()
    out = []
    for d in differences:
        key = frozenset((c.doc, c.start, c.end) for c in d.citations)
        if key not in seen:
            seen.add(key)
            out.append(d)
    return out


def _reports(docs: Iterable[int]) -> str:
    """'report 4' or 'reports 1, 2, 4' (1-based)."""
    numbers = sorted({d + 1 for d in docs})
    label = "report" if len(numbers) == 1 else "reports"
    return f"{label} {', '.join(str(n) for n in numbers)}"


# -- 1. pairing ---------------------------------------------------------------------------


def _similar_pairs(words: dict[Span, frozenset[str]]) -> dict[tuple[Span, Span], float]:
    """Cross-document sentence pairs with cosine ≥ the lowest threshold used here (one
    sparse product of the sentence-by-word matrix counts the shared words)."""
    spans = [s for s, ws in words.items() if ws]
    vocab: dict[str, int] = {}
    rows, cols = [], []
    for i, s in enumerate(spans):
        for w in words[s]:
            rows.append(i)
            cols.append(vocab.setdefault(w, len(vocab)))
    if not spans:
        return {}
    x = sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(spans), len(vocab)))
    shared = sparse.triu(x @ x.T, k=1).tocoo()
    sizes = np.asarray(x.sum(axis=1)).ravel()
    sims = shared.data / np.sqrt(sizes[shared.row] * sizes[shared.col])
    docs = np.array([s.doc for s in spans])
    keep = (sims >= min(SAME_FACT, OPPOSITE_MIN)) & (docs[shared.row] != docs[shared.col])
    return {
        (spans[i], spans[j]): float(sim)
        for i, j, sim in zip(shared.row[keep], shared.col[keep], sims[keep], strict=True)
    }


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


_Member = tuple[Figure, str, Span]  # a report of a figure: figure, counted noun, its span


def _figure_differences(corpus: Corpus, figures: Sequence[Figure]) -> list[Difference]:
    """One difference per quantity that documents give incompatibly."""
    groups: dict[str, list[_Member]] = defaultdict(list)
    for f in figures:
        cat = _category(f)
        if cat is not None and f.counts != "age":  # ages of different people differ
            groups[cat[0]] += [(f, cat[1], own) for own, _ in occurrences(f)]
    revised = _revised_values(corpus)
    out = []
    for name, members in groups.items():
        involved = _conflicting(members)
        if involved:
            out.append(_figure_difference(corpus, name, members, involved, revised))
    return out


def _conflicting(members: list[_Member]) -> set[int]:
    """Indexes of members that conflict with a member of another document."""
    said = defaultdict(set)  # doc -> values it gives for this quantity
    for f, _, own in members:
        said[own.doc].add(f.value)
    involved: set[int] = set()
    for i, (a, na, sa) in enumerate(members):
        for j in range(i + 1, len(members)):
            b, nb, sb = members[j]
            if sa.doc == sb.doc or a.value in said[sb.doc] or b.value in said[sa.doc]:
                continue  # both documents give both numbers: different quantities
            if _nouns_match(na, nb) and _conflict(a, b):
                involved |= {i, j}
    return involved


def _revised_values(corpus: Corpus) -> set[tuple[int, float]]:
    """``(doc, value)`` for each figure a document says was revised to ("revised ... to 38")."""
    out = set()
    for d in corpus.documents:
        for m in _REVISED.finditer(d.text):
            out.add((d.index, float(m["n"].replace(",", ""))))
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


def _figure_difference(
    corpus: Corpus,
    name: str,
    members: list[_Member],
    involved: set[int],
    revised: set[tuple[int, float]],
) -> Difference:
    """'Deaths: at least 40 (reports 1, 2, 4) vs dozens (reports 2, 3)': each value once."""
    wanted = {_show(members[i][0]) for i in involved}
    docs: dict[str, set[int]] = {}
    value: dict[str, object] = {}
    spans = []
    for f, _, own in sorted(members, key=lambda m: m[2]):
        shown = _show(f)
        if shown in wanted:
            docs.setdefault(shown, set()).add(own.doc)
            value[shown] = f.value
            spans.append(own)
    parts = []
    for shown, ds in docs.items():
        changed = {d for d in ds if (d, value[shown]) in revised}
        label = _reports(ds)
        if changed:
            label += ", revised" if changed == ds else f"; revised in {_reports(changed)}"
        parts.append(f"{shown} ({label})")
    nouns = {members[i][1] for i in involved} - _GENERIC
    if len(nouns) == 1 and name in CATEGORIES:
        name = f"{name} ({nouns.pop()})"  # "Displaced (workers)"
    text = f"{name[:1].upper()}{name[1:]}: " + " vs ".join(parts)
    dates = {corpus.documents[s.doc].article.published for s in spans}
    if len(dates) > 1 and None not in dates:
        text += " (reported on different dates)"
    return Difference("figure", text, tuple(spans))


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
    """Fact sentences that only one independent source reports, most informative first."""
    group = _sources(corpus, pairs)
    if len(set(group)) < 2:
        return []
    reporters: dict[Span, set[int]] = defaultdict(set)
    for (a, b), sim in pairs.items():
        if sim >= SAME_FACT:
            reporters[a].add(group[b.doc])
            reporters[b].add(group[a.doc])
    facts = _fact_sentences(corpus, figures)
    alone = [s for s in facts if words.get(s) and not reporters[s] - {group[s.doc]}]
    alone.sort(key=lambda s: (-facts[s], s))
    out = [
        Difference("unique", f"Only in {doc_label(corpus, s.doc)}: {short(span_text(corpus, s))}",
                   (s,))
        for s in alone[:MAX_UNIQUE]
    ]  # fmt: skip
    rest = sorted(alone[MAX_UNIQUE:])
    if rest:
        n = len(rest)
        text = f"…and {n} more fact{'s' if n > 1 else ''} only one source reports (cited here)"
        out.append(Difference("unique", text, tuple(rest)))
    return out


def _fact_sentences(corpus: Corpus, figures: Sequence[Figure]) -> dict[Span, int]:
    """Sentences holding a figure, a date expression or a capitalised name, with how
    informative each is: 2 for a figure, 1 for a date, 1 per name (at most 2)."""
    with_figure = {sent for f in figures for _, sent in occurrences(f)}
    out = {}
    for d in corpus.documents:
        dated = {m.sentence for m in find_dates_in_document(d.article, d.sentences)}
        for s in d.sentences:
            names = min(2, len(_NAME.findall(span_text(corpus, s))))
            score = 2 * (s in with_figure) + (s in dated) + names
            if score:
                out[s] = score
    return out
