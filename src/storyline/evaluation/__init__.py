"""Evaluation: storyline against sumy peers, lead and an oracle, by ROUGE and time.

Needs the ``eval`` extra (sumy, nltk, rouge-score).
"""

from storyline.evaluation.nltk_data import ensure_punkt_tab
from storyline.evaluation.report import EvalReport, SystemResult, evaluate
from storyline.evaluation.scoring import cut_words, score_summary
from storyline.evaluation.systems import PEERS

__all__ = [
    "PEERS",
    "EvalReport",
    "SystemResult",
    "cut_words",
    "ensure_punkt_tab",
    "evaluate",
    "score_summary",
]
