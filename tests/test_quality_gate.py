"""Quality gate (trafilatura's eval_gate spirit): storyline on eight hand-written golden
clusters (tests/fixtures/gold/) must keep its ROUGE and keep beating lead.

The floors sit a little below the scores measured with the scorer trained with
document-count weights (50 words, ROUGE-1 / ROUGE-2 F1: storyline, filled as in
``storyline eval``, 60.8 / 38.4; storyline-bounded, as ``summarize`` runs by default,
60.5 / 38.0; lead 50.7 / 29.7). The unweighted scorer before it gave 62.4 / 38.2 and
62.4 / 37.7: eight clusters swing by about two points with the training set alone
(bench/RESULTS.md). A change that
drops below them is a regression to explain, not a number to lower quietly. Raise
the floors when the summarizer gets better.

Lowered once, explained (issue 8, readability): the ROUGE-2 floor went from 0.36 to
0.34 when selection stopped taking sentences that cannot stand alone. On the museum
theft cluster the summary had taken "It was recovered undamaged on Monday, and two men
were arrested." right after another report's sentence (an unresolved "It"); without it
that cluster's ROUGE-2 F1 falls from 0.40 to 0.31, the mean from 0.361 to 0.351 (filled)
and 0.362 to 0.345 (bounded), while ROUGE-1 rises (0.600 to 0.609, 0.601 to 0.618).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.evaluation import EvalReport, evaluate

GOLD = Path(__file__).parent / "fixtures" / "gold" / "clusters.jsonl"
WORDS = 50
#: Mean F1 (0-1) storyline must reach on the golden clusters.
FLOORS = {"rouge1": 0.60, "rouge2": 0.34}


@pytest.fixture(scope="module")
def report() -> EvalReport:
    return evaluate(GOLD, words=WORDS, peers=["storyline-bounded", "lead"])


def test_quality_gate_reads_every_golden_cluster(report: EvalReport) -> None:
    assert report.clusters == 8
    assert not report.bad_lines
    assert report.system("storyline").failures == 0


@pytest.mark.parametrize("system", ["storyline", "storyline-bounded"])
@pytest.mark.parametrize("metric", sorted(FLOORS))
def test_quality_gate_storyline_keeps_its_floor(
    report: EvalReport, system: str, metric: str
) -> None:
    got = report.system(system).f1[metric]
    assert got >= FLOORS[metric], f"{system} {metric} F1 {got:.3f} < floor {FLOORS[metric]}"


@pytest.mark.parametrize("system", ["storyline", "storyline-bounded"])
@pytest.mark.parametrize("metric", ["rouge1", "rouge2", "rougeL"])
def test_quality_gate_storyline_beats_lead(report: EvalReport, system: str, metric: str) -> None:
    ours, lead = report.system(system).f1[metric], report.system("lead").f1[metric]
    assert ours > lead, f"{system} {metric} F1 {ours:.3f} <= lead {lead:.3f}"
