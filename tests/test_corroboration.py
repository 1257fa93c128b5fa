"""Corroboration: near-copies and paraphrases of one fact across reports."""

from __future__ import annotations

from script_support import load_script
from storyline.align import align_corpus
from storyline.align.paraphrase import LEXICON, Concepts
from storyline.annotate.vectors import terms
from storyline.prepare import prepare


def _bench():  # type: ignore[no-untyped-def]
    return load_script("bench/corroboration_eval.py", "bench_corroboration")


def test_corroboration_paraphrased_leads_support_each_other() -> None:
    corpus = prepare(
        [
            "Afghan officials say they have regained control of key areas of Kunduz.\n\n"
            "The city's hospital was hit by an air strike on Saturday.",
            "Afghan government forces claim they have recaptured most of Kunduz.\n\n"
            "Shops in the old bazaar stayed closed.",
        ]
    )
    al = align_corpus(corpus)
    assert float(al.similarity[0, 2]) < al.threshold  # not a near-copy
    assert al.support(0) == [2] and al.support(2) == [0]
    assert align_corpus(corpus, lexicon={}).support(0) == []  # the lexicon finds it
    assert align_corpus(corpus, lexicon=None).support(0) == []  # near-copies only


def test_corroboration_paraphrase_needs_a_shared_anchor_and_no_conflicting_date() -> None:
    corpus = prepare(
        [
            "Violent crime fell 10 percent in 1996 in the United States, the survey said.",
            "Violent crime in the United States fell 10 percent in 1999, the survey said.",
            "Violent crime fell sharply across many large cities, a survey said.",
            "Violent crime in the United States fell 10 percent in 1996, the survey said.",
        ]
    )
    index = align_corpus(corpus).paraphrase
    assert index is not None
    assert index.raw(0, 1) > 0.6 and index.score(0, 1) == 0.0  # two years: two facts
    assert index.raw(0, 2) > 0.2 and index.score(0, 2) == 0.0  # nothing rare in common
    assert index.score(0, 3) > 0.6


def test_corroboration_concepts_map_paraphrases_and_keep_anchors() -> None:
    text = "Government forces recaptured Kunduz and 200 militants were killed."
    c = Concepts.of(text, terms(text))
    assert {"retake", "authority", "troops", "kill", "rebel"} <= c.concepts
    assert {"kunduz", "200"} <= c.anchors
    assert LEXICON["regain"] == LEXICON["recaptur"] == "retake"


def test_corroboration_fixture_precision_and_recall_floors() -> None:
    bench = _bench()
    counts = bench._score(bench.fixture_items(bench.FIXTURE))
    before, now = counts["near-copy (before)"], counts["storyline"]
    # measured at landing: before P 1.000 R 0.188; now P 1.000 R 0.375 (31 invented pairs)
    assert now.fp == 0
    assert now.tp >= before.tp + 3
