"""Which sentences selection may take, given what it has taken: the readability rule.

A summary sentence is read right after the summary sentence before it, not after the
sentence before it in its report. :mod:`storyline.summarize.context` says which
sentences cannot stand alone and when their own predecessor makes that good; this
module turns that into what the greedy (select.py) consults:

1. **mask** — :class:`Context`: a sentence that needs context (a quotation whose
   speaker another sentence names, an opening pronoun or connective) is a candidate
   only once its predecessor in its document is chosen — story order (order.py) keeps
   the two together, predecessor first; a fragment, or a sentence its predecessor
   would not help (a quotation with no speech verb after a sentence that does not
   speak), is never one.

(Taking such a sentence together with its predecessor as one candidate of their joint
length was measured too and gained nothing: bench/RESULTS.md, readability.)
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from storyline.align import Alignment
from storyline.summarize.context import CONTEXT_REASONS, Reason, context_of


@dataclass(frozen=True, slots=True)
class Context:
    """Which sentences can be read where a summary puts them.

    ``prev[i]`` is the sentence before ``i`` in its document (-1 for a first sentence);
    ``needs[i]`` says that ``i`` cannot open a run of the summary (its predecessor must
    be chosen with it); ``barred[i]`` that it is never taken (a fragment, or a sentence
    whose predecessor would not give it what it needs: ``context.resolved_of``).
    """

    prev: np.ndarray
    needs: np.ndarray
    barred: np.ndarray

    @classmethod
    def of(cls, al: Alignment, texts: list[str]) -> Context:
        n = len(al.spans)
        prev = np.arange(n, dtype=np.int64) - 1
        for i in range(n):
            if i == 0 or al.spans[i - 1].doc != al.spans[i].doc:
                prev[i] = -1
        needs = np.zeros(n, dtype=bool)
        barred = np.zeros(n, dtype=bool)
        for i, (found, resolved) in enumerate(context_of(al.spans, texts)):
            reasons = {x.reason for x in found}
            needs[i] = bool(reasons & CONTEXT_REASONS)
            barred[i] = Reason.FRAGMENT in reasons or (needs[i] and not resolved)
        return cls(prev, needs, barred)

    @classmethod
    def free(cls, n: int) -> Context:
        """No constraint: every sentence stands alone."""
        none = np.zeros(n, dtype=bool)
        return cls(np.full(n, -1, dtype=np.int64), none, none.copy())

    def eligible(self, taken: np.ndarray) -> np.ndarray:
        """Sentences that may be added to the chosen set ``taken`` (a boolean mask)."""
        after = np.zeros_like(taken)
        has_prev = self.prev >= 0
        after[has_prev] = taken[self.prev[has_prev]]
        return ~self.barred & (~self.needs | after)

    def standalone(self) -> np.ndarray:
        """Sentences that can be read anywhere (what the fill may place last)."""
        return ~self.barred & ~self.needs
