"""Online, single-pass event clustering: each article joins the most similar live
event or starts a new one.

For each article, in the order given:

1. **learn** — the document frequencies of its terms are counted (the IDF keeps
   learning, one article at a time, so a feed added in one go or in ten pieces in the
   same order gives the same events).
2. **weigh** — its terms get TF-IDF weights (``idf = ln((1 + N) / (1 + df)) + 1``); the
   ``article_terms`` heaviest are kept and the vector is scaled to unit length.
3. **find** — candidate events are those indexed under one of its ``query_terms``
   heaviest terms (each event is indexed under its centroid's ``index_terms``
   heaviest terms), and *live* for its publication day: an event stops attracting
   an article published more than ``gap_days`` after its last article (or before its
   first). Undated articles and events are never out of time.
4. **score** — cosine between the article and each candidate's centroid (the sum of
   its members' unit vectors, ``event_terms`` heaviest terms kept). With the learned
   linker (``linker="learned"``, the default, once ``warmup`` articles were seen) the
   ``candidates`` most similar of them are then scored by
   :mod:`storyline.events.linker`: the probability, from several similarities, that
   the article belongs to that event.
5. **assign** — the best candidate at or above the joining probability (learned
   linker) or at or above ``threshold`` (``linker="cosine"``) gets the article;
   otherwise it starts a new event. Ties go to the older event.

All learned state (``vocab_``, ``df_``, ``docs_``, ``events_``) is what the store saves
after each batch and loads before the next.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from storyline.events import linker as linking

IntArray = NDArray[np.int32]
FloatArray = NDArray[np.float64]


@dataclass(frozen=True, slots=True)
class ClusterSettings:
    """The clusterer's settings (see the module docstring)."""

    #: "learned": the shipped logistic-regression linker decides (see
    #: :mod:`storyline.events.linker`), after ``warmup``; "cosine": the centroid cosine
    #: against ``threshold`` (also the decision during the learned linker's warm-up).
    linker: str = "learned"
    #: The learned linker's joining probability (None: the one it was tuned with).
    probability: float | None = None
    #: The learned linker decides once the IDF has seen this many articles; before,
    #: the cosine threshold does (it was trained on streams of hundreds of articles,
    #: and an IDF of a few dozen does not yet tell a story's words from common ones).
    warmup: int = 100
    threshold: float = 0.2
    gap_days: int | None = 1095
    article_terms: int = 100
    event_terms: int = 300
    index_terms: int = 25
    query_terms: int = 25
    #: The threshold for an article of ``n`` distinct terms is ``threshold * (n /
    #: 100) ** -length_power``: long articles share more incidental words with other
    #: stories, and a cosine between them reads lower (0: one threshold for all).
    length_power: float = 0.0
    #: An article published ``d`` days outside an event's span has its cosine with the
    #: event scaled by ``0.5 ** (d / half_life_days)`` (None: time only gates).
    half_life_days: float | None = None
    #: Two events whose centroids reach this cosine merge when an article is similar to
    #: both (None: never).
    merge_threshold: float | None = 0.3
    #: IDF exponent: above 1, rare terms (names, places) weigh more against common ones.
    idf_power: float = 1.0
    #: Terms indexing more events than this are not used to find candidates.
    max_postings: int = 5_000

    def __post_init__(self) -> None:
        if self.linker not in ("learned", "cosine"):
            raise ValueError(f"unknown event linker {self.linker!r} (learned or cosine)")


@dataclass(slots=True)
class EventState:
    """What the clusterer keeps of one event."""

    ids: IntArray
    weights: FloatArray
    size: int
    first_day: int | None
    last_day: int | None
    #: The member most similar to the centroid so far (its vector and score).
    rep_ids: IntArray
    rep_weights: FloatArray
    rep_score: float
    norm: float = 0.0
    indexed: tuple[int, ...] = ()

    def __post_init__(self) -> None:
        if not self.norm:
            self.norm = float(np.sqrt(self.weights @ self.weights)) or 1.0


def _top(ids: IntArray, weights: FloatArray, k: int) -> tuple[IntArray, FloatArray]:
    """The ``k`` heaviest entries (ties: lower id first), sorted by id."""
    if len(ids) > k:
        order = np.lexsort((ids, -weights))[:k]
        ids, weights = ids[order], weights[order]
    order = np.argsort(ids, kind="stable")
    return ids[order].astype(np.int32), weights[order].astype(np.float64)


def _add(
    a_ids: IntArray, a_w: FloatArray, b_ids: IntArray, b_w: FloatArray
) -> tuple[IntArray, FloatArray]:
    """Sparse sum of two id-sorted vectors."""
    ids = np.concatenate([a_ids, b_ids])
    weights = np.concatenate([a_w, b_w])
    uniq, inverse = np.unique(ids, return_inverse=True)
    return uniq.astype(np.int32), np.bincount(inverse, weights=weights).astype(np.float64)


def _segment_sums(values: FloatArray, starts: IntArray, lengths: IntArray) -> FloatArray:
    """Sums of consecutive segments of ``values`` (``lengths`` long, from ``starts``)."""
    if not len(values):
        return np.zeros(len(lengths))
    out = np.add.reduceat(values, starts)
    out[lengths == 0] = 0.0
    return np.asarray(out, dtype=np.float64)


@dataclass(slots=True)
class Clusterer:
    """Single-pass clustering with learned state (scikit-learn's trailing underscores)."""

    settings: ClusterSettings = field(default_factory=ClusterSettings)
    vocab_: dict[str, int] = field(default_factory=dict)
    #: Term of each term id, and its document frequency.
    terms_: list[str] = field(default_factory=list)
    df_: list[int] = field(default_factory=list)
    docs_: int = 0
    events_: dict[int, EventState] = field(default_factory=dict)
    #: Term ids whose df changed and events that changed since :meth:`take_dirty`.
    dirty_terms_: set[int] = field(default_factory=set)
    dirty_events_: set[int] = field(default_factory=set)
    removed_events_: set[int] = field(default_factory=set)
    #: Distinct terms of the article :meth:`vectorize` saw last.
    last_length_: int = 0
    #: The learned linker (None: the shipped one).
    model: linking.Linker | None = None
    _index: dict[int, set[int]] = field(default_factory=dict)
    _scratch: FloatArray = field(default_factory=lambda: np.zeros(1024))
    _names: NDArray[np.bool_] = field(default_factory=lambda: np.zeros(0, dtype=bool))
    _names_known: int = 0

    # --- 1-2: learn and weigh -------------------------------------------------------
    def vectorize(self, terms: dict[str, float]) -> tuple[IntArray, FloatArray]:
        """Count ``terms`` into the document frequencies, then weigh them: a unit vector."""
        self.docs_ += 1
        self.last_length_ = len(terms)
        vocab, df = self.vocab_, self.df_
        ids: list[int] = []
        for term in terms:
            tid = vocab.get(term)
            if tid is None:
                tid = vocab[term] = len(df)
                self.terms_.append(term)
                df.append(1)
            else:
                df[tid] += 1
            ids.append(tid)
        self.dirty_terms_.update(ids)
        counts = np.array([df[t] for t in ids], dtype=np.float64)
        idf = np.log((1 + self.docs_) / (1 + counts)) + 1.0
        if self.settings.idf_power != 1.0:
            idf **= self.settings.idf_power
        weights = np.fromiter(terms.values(), dtype=np.float64, count=len(ids)) * idf
        arr_ids, arr_w = _top(np.array(ids, dtype=np.int32), weights, self.settings.article_terms)
        norm = float(np.sqrt(arr_w @ arr_w)) or 1.0
        return arr_ids, arr_w / norm

    # --- 3-4: find and score --------------------------------------------------------
    def _live(self, event: EventState, day: int | None) -> bool:
        gap = self.settings.gap_days
        if gap is None or day is None or event.first_day is None or event.last_day is None:
            return True
        return event.first_day - gap <= day <= event.last_day + gap

    @staticmethod
    def _outside(event: EventState, day: int) -> int:
        if event.first_day is None or event.last_day is None:
            return 0
        return max(0, day - event.last_day, event.first_day - day)

    def candidates(self, ids: IntArray, weights: FloatArray) -> list[int]:
        """Events indexed under one of the article's heaviest terms, oldest first."""
        found: set[int] = set()
        heaviest = ids[np.lexsort((ids, -weights))[: self.settings.query_terms]]
        for tid in heaviest.tolist():
            posting = self._index.get(tid)
            if posting and len(posting) <= self.settings.max_postings:
                found |= posting
        return sorted(found)

    def _cosine(self, event: EventState) -> float:
        return float(self._scratch[event.ids] @ event.weights) / event.norm

    def _load_scratch(self, ids: IntArray, weights: FloatArray) -> None:
        if len(self._scratch) < len(self.df_):
            self._scratch = np.zeros(max(len(self.df_), 2 * len(self._scratch)))
        self._scratch[ids] = weights

    def _similarities(
        self,
        ids: IntArray,
        weights: FloatArray,
        day: int | None,
        linking: bool = False,
        names: bool = False,
    ) -> tuple[list[int], FloatArray, FloatArray, FloatArray]:
        """The live candidate events (oldest first); the article's dot products with
        each one's centroid and (when ``linking``) with its representative; and (when
        ``names`` too) the cosine of the article's ``#name`` terms with the centroid's."""
        found = [e for e in self.candidates(ids, weights) if self._live(self.events_[e], day)]
        if not found:
            return [], np.zeros(0), np.zeros(0), np.zeros(0)
        self._load_scratch(ids, weights)
        events = [self.events_[e] for e in found]
        all_ids = [e.ids for e in events]
        lengths = np.array([len(i) for i in all_ids])
        starts = np.concatenate([[0], np.cumsum(lengths)[:-1]])
        flat_ids = np.concatenate(all_ids)
        flat_w = np.concatenate([e.weights for e in events])
        products = self._scratch[flat_ids] * flat_w
        dots = _segment_sums(products, starts, lengths)
        reps = self._rep_dots(events) if linking else np.zeros(len(found))
        name_cos = np.zeros(len(found))
        if linking and names:
            mask = self._name_mask()
            own = mask[ids]
            own_norm = float(np.sqrt(weights[own] @ weights[own]))
            if own_norm:
                is_name = mask[flat_ids]
                name_dots = _segment_sums(products * is_name, starts, lengths)
                name_norms = np.sqrt(_segment_sums(flat_w * flat_w * is_name, starts, lengths))
                name_cos = np.divide(
                    name_dots, name_norms * own_norm, out=np.zeros(len(found)), where=name_norms > 0
                )
        self._scratch[ids] = 0.0
        return found, dots, reps, name_cos

    def _rep_dots(self, events: list[EventState]) -> FloatArray:
        """Dot products of the loaded article with each event's representative."""
        lengths = np.array([len(e.rep_ids) for e in events])
        products = self._scratch[np.concatenate([e.rep_ids for e in events])] * np.concatenate(
            [e.rep_weights for e in events]
        )
        starts = np.concatenate([[0], np.cumsum(lengths)[:-1]])
        return _segment_sums(products, starts, lengths)

    def _name_mask(self) -> NDArray[np.bool_]:
        """Which term ids are ``#name`` terms (grown as the vocabulary grows)."""
        n, known = len(self.terms_), self._names_known
        if len(self._names) < n:
            grown = np.zeros(max(n, 2 * len(self._names), 1024), dtype=bool)
            grown[:known] = self._names[:known]
            self._names = grown
        if known < n:
            self._names[known:n] = [t.startswith("#") for t in self.terms_[known:n]]
            self._names_known = n
        return self._names

    def scores(
        self, ids: IntArray, weights: FloatArray, day: int | None
    ) -> list[tuple[float, int]]:
        """``(cosine, event id)`` for every live candidate event, best first (ties:
        the older event first)."""
        found, dots, _, _ = self._similarities(ids, weights, day)
        if not found:
            return []
        events = [self.events_[e] for e in found]
        cosines = dots / np.array([e.norm for e in events])
        if self.settings.half_life_days and day is not None:
            cosines *= 0.5 ** (
                np.array([self._outside(e, day) for e in events]) / self.settings.half_life_days
            )
        return sorted(zip(cosines.tolist(), found, strict=True), key=lambda p: (-p[0], p[1]))

    def link_features(
        self, ids: IntArray, weights: FloatArray, day: int | None, cased: bool
    ) -> tuple[list[int], FloatArray]:
        """The learned linker's candidates (the most similar by centroid cosine, best
        first) and their feature rows (:data:`storyline.events.linker.FEATURES`)."""
        found, dots, reps, name_cos = self._similarities(ids, weights, day, True, cased)
        if not found:
            return [], np.zeros((0, len(linking.FEATURES)))
        events = [self.events_[e] for e in found]
        norms = np.array([e.norm for e in events])
        sizes = np.array([e.size for e in events], dtype=np.float64)
        cosines = dots / norms
        order = np.lexsort((np.array(found), -cosines))[: self._linker().candidates]
        chosen = [events[i] for i in order]
        gaps = np.array(
            [self._outside(e, day) if day is not None else 0 for e in chosen], dtype=np.float64
        )
        undated = np.array([float(day is None or e.first_day is None) for e in chosen])
        x = linking.pair_features(
            cosines[order],
            dots[order] / sizes[order],
            reps[order],
            name_cos[order],
            sizes[order],
            gaps,
            undated,
            self.last_length_,
            cased,
        )
        return [found[i] for i in order], x

    def _linker(self) -> linking.Linker:
        return self.model or linking.shipped()

    def joining_probability(self) -> float:
        given = self.settings.probability
        return self._linker().probability if given is None else given

    def linked(
        self, ids: IntArray, weights: FloatArray, day: int | None, cased: bool
    ) -> list[tuple[float, int]]:
        """``(probability, event id)`` of the learned linker's candidates at or above
        the joining probability, most probable first (ties: the older event)."""
        found, x = self.link_features(ids, weights, day, cased)
        if not found:
            return []
        p = self._linker().probabilities(x)
        floor = self.joining_probability()
        return sorted(
            ((float(q), e) for q, e in zip(p.tolist(), found, strict=True) if q >= floor),
            key=lambda t: (-t[0], t[1]),
        )

    def best(self, ids: IntArray, weights: FloatArray, day: int | None) -> tuple[int | None, float]:
        """The live event the article is most similar to, and that similarity."""
        ranked = self.scores(ids, weights, day)
        return (ranked[0][1], ranked[0][0]) if ranked else (None, -1.0)

    # --- 5: assign ------------------------------------------------------------------
    def assign(
        self, ids: IntArray, weights: FloatArray, day: int | None, cased: bool = False
    ) -> int | None:
        """The event the article joins, or None for a new one."""
        ranked = self._joinable(ids, weights, day, cased)
        return ranked[0][1] if ranked else None

    def _joinable(
        self, ids: IntArray, weights: FloatArray, day: int | None, cased: bool
    ) -> list[tuple[float, int]]:
        """The events the article may join, best first."""
        if self.settings.linker == "learned" and self.docs_ >= self.settings.warmup:
            return self.linked(ids, weights, day, cased)
        threshold = self.threshold_for(self.last_length_)
        return [(s, e) for s, e in self.scores(ids, weights, day) if s >= threshold]

    def place(
        self,
        ids: IntArray,
        weights: FloatArray,
        day: int | None,
        new_id: int,
        cased: bool = False,
    ) -> tuple[int, bool, list[tuple[int, bool]]]:
        """Steps 3-6 for one article: ``(its event, whether the article is now that
        event's representative, [(event merged into it, whether that event's
        representative is now the merged event's)])``. ``new_id`` is the id a new
        event gets; ``cased`` says whether the article has ``#name`` terms.

        6. **merge** — every other event the article could also have joined (at or
           above the joining probability, or ``threshold``) whose centroid is similar
           to the joined event's, at or above ``merge_threshold``, is merged into it
           (the article bridged two halves of one story that started apart)."""
        ranked = self._joinable(ids, weights, day, cased)
        if not ranked:
            self.create(new_id, ids, weights, day)
            return new_id, True, []
        eid = ranked[0][1]
        central = self.join(eid, ids, weights, day)
        merged: list[tuple[int, bool]] = []
        if self.settings.merge_threshold is not None:
            for _, other in ranked[1:]:
                if self.centroid_cosine(eid, other) >= self.settings.merge_threshold:
                    took = self.merge(eid, other)
                    central = central and not took
                    merged.append((other, took))
        return eid, central, merged

    def threshold_for(self, length: int) -> float:
        """The joining threshold for an article of ``length`` distinct terms."""
        power = self.settings.length_power
        if not power:
            return self.settings.threshold
        return float(self.settings.threshold * (max(length, 10) / 100) ** -power)

    def centroid_cosine(self, a: int, b: int) -> float:
        ea, eb = self.events_[a], self.events_[b]
        self._load_scratch(ea.ids, ea.weights)
        dot = float(self._scratch[eb.ids] @ eb.weights)
        self._scratch[ea.ids] = 0.0
        return dot / (ea.norm * eb.norm)

    def merge(self, into: int, other: int) -> bool:
        """Merge event ``other`` into ``into``; True when ``other``'s representative
        becomes the merged event's."""
        a, b = self.events_[into], self.events_.pop(other)
        summed = _add(a.ids, a.weights, b.ids, b.weights)
        a.ids, a.weights = _top(*summed, self.settings.event_terms)
        a.norm = float(np.sqrt(a.weights @ a.weights)) or 1.0
        a.size += b.size
        days = [d for d in (a.first_day, b.first_day, a.last_day, b.last_day) if d is not None]
        a.first_day, a.last_day = (min(days), max(days)) if days else (None, None)
        score_a, score_b = self._rep_cosine(a, a), self._rep_cosine(a, b)
        became = score_b > score_a
        if became:
            a.rep_ids, a.rep_weights = b.rep_ids, b.rep_weights
        a.rep_score = max(score_a, score_b)
        for tid in b.indexed:
            self._index[tid].discard(other)
        self._reindex(into, a)
        self.dirty_events_.discard(other)
        self.removed_events_.add(other)
        return became

    def _rep_cosine(self, centroid: EventState, holder: EventState) -> float:
        self._load_scratch(holder.rep_ids, holder.rep_weights)
        score = self._cosine(centroid)
        self._scratch[holder.rep_ids] = 0.0
        return score

    def create(self, event_id: int, ids: IntArray, weights: FloatArray, day: int | None) -> None:
        """Start event ``event_id`` with this article."""
        event = EventState(
            ids=ids,
            weights=weights.copy(),
            size=1,
            first_day=day,
            last_day=day,
            rep_ids=ids,
            rep_weights=weights,
            rep_score=1.0,
        )
        self.events_[event_id] = event
        self._reindex(event_id, event)

    def join(self, event_id: int, ids: IntArray, weights: FloatArray, day: int | None) -> bool:
        """Add the article to event ``event_id``; True when it becomes the member most
        similar to the new centroid (its representative)."""
        event = self.events_[event_id]
        c_ids, c_w = _top(*_add(event.ids, event.weights, ids, weights), self.settings.event_terms)
        event.ids, event.weights = c_ids, c_w
        event.norm = float(np.sqrt(c_w @ c_w)) or 1.0
        event.size += 1
        if day is not None:
            event.first_day = day if event.first_day is None else min(event.first_day, day)
            event.last_day = day if event.last_day is None else max(event.last_day, day)
        self._load_scratch(ids, weights)
        new_score = self._cosine(event)
        self._scratch[ids] = 0.0
        self._load_scratch(event.rep_ids, event.rep_weights)
        old_score = self._cosine(event)
        self._scratch[event.rep_ids] = 0.0
        became = new_score > old_score
        if became:
            event.rep_ids, event.rep_weights = ids, weights
        event.rep_score = max(new_score, old_score)
        self._reindex(event_id, event)
        return became

    def _reindex(self, event_id: int, event: EventState) -> None:
        k = self.settings.index_terms
        top = event.ids[np.lexsort((event.ids, -event.weights))[:k]]
        new = tuple(sorted(top.tolist()))
        for tid in set(event.indexed) - set(new):
            self._index[tid].discard(event_id)
        for tid in set(new) - set(event.indexed):
            self._index.setdefault(tid, set()).add(event_id)
        event.indexed = new
        self.dirty_events_.add(event_id)

    def restore(self, event_id: int, event: EventState) -> None:
        """Put back an event saved by the store (its index is rebuilt)."""
        event.indexed = ()
        self.events_[event_id] = event
        self._reindex(event_id, event)
        self.dirty_events_.discard(event_id)

    def take_dirty(self) -> tuple[set[int], set[int], set[int]]:
        """The term ids and event ids changed, and the event ids merged away, since the
        last call; and forget them."""
        terms, events, removed = self.dirty_terms_, self.dirty_events_, self.removed_events_
        self.dirty_terms_, self.dirty_events_, self.removed_events_ = set(), set(), set()
        return terms, events, removed
