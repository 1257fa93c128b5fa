"""Choose summary sentences: budgeted coverage of content units, led by a learned scorer.

1. **weigh** — every stemmed bigram and content word is a content unit; its weight
   grows with the number of documents that mention it (what most sources report
   counts most).
2. **score** — the learned scorer (scorer.py, features.py) predicts how much of a
   good summary each sentence reproduces per word, from its position, length,
   agreement across sources, centrality and form. Its score is the sentence's prior;
   sentences of abnormal length or that open with a dangling pronoun are damped.
3. **greedy** — repeatedly take the sentence with the best
   ``prior * (uncovered unit weight / total unit weight)^novelty_power * length^length_power``
   that still fits the word budget. Units a chosen sentence covers stop counting, so
   paraphrases of a fact already chosen lose their value; near-duplicates (cosine at
   or above ``max_similarity``) are barred. Gains are computed for all sentences at
   once with one sparse product per step, so long clusters stay fast.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import sparse

from storyline.align import Alignment
from storyline.summarize.features import dangling, sentence_features
from storyline.summarize.scorer import TreeScorer, default_scorer
from storyline.summarize.units import Units, build_units


@dataclass(frozen=True, slots=True)
class SelectParams:
    """Tunable constants (tuned on validation clusters 1000+, one setting for every input)."""

    bigram_weight: float = 1.0
    unigram_weight: float = 0.3
    #: Exponent on document frequency: 1 counts each document alike, >1 favours agreement.
    df_power: float = 1.5
    #: Exponent on the learned score in the prior (0 ignores the scorer).
    score_power: float = 3.0
    #: Exponent on the density (uncovered unit weight per word) of a sentence.
    coverage_power: float = 0.0
    #: Exponent on the share of a sentence's unit weight not yet covered.
    novelty_power: float = 1.0
    #: Length exponent: the learned score is per word, so 1 values sentences by total
    #: content; below 1 prefers shorter sentences.
    length_power: float = 0.5
    #: Prior multiplier for a sentence that opens with a pronoun or connective.
    dangling_penalty: float = 0.7
    min_words: int = 6
    max_words: int = 60
    max_similarity: float = 0.6
    #: A sentence whose not-yet-covered share of unit weight is below this repeats
    #: what the summary already says, and is not taken.
    min_novelty: float = 0.3


def _unit_matrix(units: Units, params: SelectParams) -> tuple[sparse.csr_matrix, np.ndarray]:
    """Sentence-by-unit incidence (bigrams, then words) and unit weights: the unit's
    base weight times its document frequency to the power ``df_power``."""

    def weigh(df: np.ndarray, base: float) -> np.ndarray:
        df = df.copy()
        if units.n_docs > 1:
            df[df == 1] = 0.5  # a unit only one source has still counts, but less
        return base * df**params.df_power

    matrix = sparse.hstack([units.bigrams, units.words], format="csr")
    weights = np.concatenate(
        [weigh(units.bigram_df, params.bigram_weight), weigh(units.word_df, params.unigram_weight)]
    )
    return matrix, weights


def sentence_priors(
    al: Alignment,
    texts: list[str],
    params: SelectParams,
    scorer: TreeScorer | None = None,
    units: Units | None = None,
) -> np.ndarray:
    """Each sentence's prior: learned score (floored above zero), damped for dangling
    openers; zero for sentences of abnormal length or with too few content words."""
    scorer = scorer or default_scorer()
    learned = np.maximum(scorer.predict(sentence_features(al, texts, units)), 1e-3)
    prior = learned**params.score_power
    for i, (t, text) in enumerate(zip(al.terms, texts, strict=True)):
        if t.length < params.min_words or t.length > params.max_words or len(t.content) < 3:
            prior[i] = 0.0
        elif dangling(text):
            prior[i] *= params.dangling_penalty
    if not prior.any():  # nothing of a normal length: let everything compete
        prior = learned**params.score_power
    return prior


def select(
    al: Alignment,
    texts: list[str],
    budget: int,
    params: SelectParams,
    scorer: TreeScorer | None = None,
) -> list[int]:
    """Indices (into ``al.spans``) of the chosen sentences, in choice order."""
    if not al.spans:
        return []
    units = build_units(al)
    matrix, weights = _unit_matrix(units, params)
    prior = sentence_priors(al, texts, params, scorer, units)
    length = np.array([max(t.length, 1) for t in al.terms], dtype=np.float64)
    totals = matrix @ weights
    totals[totals == 0] = 1.0
    scale = max(float(weights.max()), 1e-9)
    alive = prior > 0
    uncovered = np.ones_like(weights)
    chosen: list[int] = []
    left = budget
    while True:
        novelty = (matrix @ (weights * uncovered)) / totals
        ok = alive & (length <= left) & (novelty >= params.min_novelty)
        if not ok.any():
            break
        gain = novelty * totals / (length * scale)
        score = (
            prior
            * gain**params.coverage_power
            * novelty**params.novelty_power
            * length**params.length_power
        )
        best = int(np.argmax(np.where(ok, score, -np.inf)))
        chosen.append(best)
        left -= int(length[best])
        uncovered[matrix.indices[matrix.indptr[best] : matrix.indptr[best + 1]]] = 0.0
        alive[best] = False
        row = al.similarity.getrow(best)
        alive[row.indices[row.data >= params.max_similarity]] = False
    return chosen
