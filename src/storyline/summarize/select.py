"""Choose summary sentences: budgeted maximum coverage of weighted content units.

1. **weigh** — every stemmed bigram and content word is a content unit; its weight
   grows with the number of documents that mention it (what most sources report
   counts most), and units first seen early in a document weigh a little more.
2. **prior** — each sentence gets a prior from its position in its document, its
   length, and whether it can stand alone (no opening "He said" or "But").
3. **greedy** — repeatedly take the sentence with the best ratio of *uncovered*
   unit weight to length (times its prior) that still fits the word budget. Units a
   chosen sentence covers stop counting, so paraphrases of a fact already chosen
   lose their value; near-duplicates (cosine above ``max_similarity``) are barred.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

import numpy as np

from storyline.align import Alignment

_DANGLING = re.compile(
    r"^\W*(he|she|they|it|his|her|their|its|this|that|these|those|but|and|or|so|also|however|"
    r"meanwhile|still|yet|then|instead|there|here|such|both|nor|though|although)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class SelectParams:
    """Tunable constants (tuned on validation clusters, one setting for every input)."""

    bigram_weight: float = 1.0
    unigram_weight: float = 0.3
    #: Exponent on document frequency: 1 counts each document alike, >1 favours agreement.
    df_power: float = 1.5
    #: Length exponent in the gain/length ratio (0 = ignore length, 1 = pure density).
    length_power: float = 0.6
    #: Prior multiplier for the first sentence of a document, decaying with position.
    position_boost: float = 1.0
    position_decay: float = 3.0
    #: Prior multiplier for a sentence that opens with a pronoun or connective.
    dangling_penalty: float = 0.5
    min_words: int = 6
    max_words: int = 60
    max_similarity: float = 0.6
    #: A sentence whose not-yet-covered share of unit weight is below this repeats
    #: what the summary already says, and is not taken.
    min_novelty: float = 0.5


def _unit_weights(al: Alignment, params: SelectParams) -> dict[object, float]:
    docs_of: dict[object, set[int]] = defaultdict(set)
    for span, t in zip(al.spans, al.terms, strict=True):
        for b in t.bigrams:
            docs_of[b].add(span.doc)
        for w in t.content:
            docs_of[w].add(span.doc)
    n_docs = len({s.doc for s in al.spans})
    weights: dict[object, float] = {}
    for unit, docs in docs_of.items():
        base = params.bigram_weight if isinstance(unit, tuple) else params.unigram_weight
        df = len(docs)
        if n_docs > 1 and df == 1:
            df = 0.5  # a unit only one source has still counts, but less
        weights[unit] = base * df**params.df_power
    return weights


def _priors(al: Alignment, params: SelectParams) -> np.ndarray:
    n = len(al.spans)
    prior = np.ones(n)
    position: dict[int, int] = defaultdict(int)
    for i, (span, t) in enumerate(zip(al.spans, al.terms, strict=True)):
        k = position[span.doc]
        position[span.doc] += 1
        prior[i] = 1.0 + params.position_boost * np.exp(-k / params.position_decay)
        if t.length < params.min_words or t.length > params.max_words or len(t.content) < 3:
            prior[i] = 0.0
    return prior


def _dangling(text: str) -> bool:
    return bool(_DANGLING.match(text))


def select(al: Alignment, texts: list[str], budget: int, params: SelectParams) -> list[int]:
    """Indices (into ``al.spans``) of the chosen sentences, in choice order."""
    weights = _unit_weights(al, params)
    prior = _priors(al, params)
    if not prior.any():  # nothing of a normal length: let everything compete
        prior = np.ones(len(al.spans))
    for i, text in enumerate(texts):
        if prior[i] and _dangling(text):
            prior[i] *= params.dangling_penalty
    units = [list(t.bigrams) + list(set(t.content)) for t in al.terms]
    totals = [sum(weights[u] for u in us) or 1.0 for us in units]
    covered: set[object] = set()
    chosen: list[int] = []
    left = budget
    alive = {i for i in range(len(texts)) if prior[i] > 0}
    while alive:
        best, best_score = -1, 0.0
        for i in alive:
            length = al.terms[i].length
            if length > left:
                continue
            gain = sum(weights[u] for u in units[i] if u not in covered)
            if gain < params.min_novelty * totals[i]:
                continue
            score = prior[i] * gain / max(length, 1) ** params.length_power
            if score > best_score:
                best, best_score = i, score
        if best < 0:
            break
        chosen.append(best)
        left -= al.terms[best].length
        covered.update(units[best])
        alive.discard(best)
        row = al.similarity.getrow(best)
        alive -= {int(j) for j, s in zip(row.indices, row.data, strict=True)
                  if s >= params.max_similarity}
    return chosen
