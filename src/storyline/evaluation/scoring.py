"""ROUGE scoring with one protocol for every system.

1. **cut** — a candidate (a list of sentences) is cut to its first ``words``
   whitespace-separated words; the sentence that crosses the bound is truncated.
2. **score** — rouge-score with Porter stemming: ROUGE-1, ROUGE-2 and ROUGE-L on the
   sentences joined by spaces; ROUGE-Lsum with one sentence per line in the
   candidate and in the reference (references split by storyline's splitter).
3. **average** — with several references, each metric is the mean over references.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from rouge_score import rouge_scorer

from storyline.segment import split_sentences

#: Metric names, in table order.
METRICS = ("rouge1", "rouge2", "rougeL", "rougeLsum")
#: Short labels for tables.
LABELS = {"rouge1": "R1", "rouge2": "R2", "rougeL": "RL", "rougeLsum": "RLsum"}

#: ``{metric: (f1, recall)}``, each in [0, 1].
Scores = dict[str, tuple[float, float]]


def cut_words(sentences: Sequence[str], words: int) -> list[str]:
    """The sentences, in order, up to ``words`` whitespace-separated words in all.

    The sentence that crosses the bound keeps only the words that fit; sentences
    after it, and sentences with no words, are dropped.
    """
    out: list[str] = []
    left = words
    for s in sentences:
        if left <= 0:
            break
        toks = s.split()
        if not toks:
            continue
        out.append(" ".join(toks[:left]))
        left -= len(toks[:left])
    return out


@lru_cache(maxsize=4096)
def reference_lines(reference: str) -> str:
    """The reference with one sentence per line (for ROUGE-Lsum)."""
    spans = split_sentences(reference, [(0, len(reference))])
    lines = [" ".join(reference[a:b].split()) for a, b in spans]
    lines = [x for x in lines if x]
    return "\n".join(lines) if lines else " ".join(reference.split())


@lru_cache(maxsize=1)
def _scorers() -> tuple[rouge_scorer.RougeScorer, rouge_scorer.RougeScorer]:
    flat = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeL"], use_stemmer=True)
    lsum = rouge_scorer.RougeScorer(["rougeLsum"], use_stemmer=True)
    return flat, lsum


def score_sentences(sentences: Sequence[str], references: Sequence[str]) -> Scores:
    """ROUGE F1 and recall of already-cut ``sentences`` against ``references``,
    averaged over the references."""
    if not references:
        raise ValueError("at least one reference summary is needed")
    flat, lsum = _scorers()
    cand_flat = " ".join(sentences)
    cand_lines = "\n".join(sentences)
    totals = {m: [0.0, 0.0] for m in METRICS}
    for ref in references:
        got = flat.score(" ".join(ref.split()), cand_flat)
        got.update(lsum.score(reference_lines(ref), cand_lines))
        for m in METRICS:
            totals[m][0] += got[m].fmeasure
            totals[m][1] += got[m].recall
    n = len(references)
    return {m: (f / n, r / n) for m, (f, r) in totals.items()}


def score_summary(sentences: Sequence[str], references: Sequence[str], words: int) -> Scores:
    """Cut ``sentences`` to ``words`` words, then score them (steps 1-3)."""
    return score_sentences(cut_words(sentences, words), references)
