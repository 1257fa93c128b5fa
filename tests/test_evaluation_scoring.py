"""Word cut and ROUGE scoring: the protocol every system is scored by."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from storyline.evaluation.scoring import (
    METRICS,
    cut_words,
    reference_lines,
    score_sentences,
    score_summary,
)

REF_A = "The bridge over the Lune reopened on Monday. Repairs took nine months."
REF_B = "Drivers can use the Lune bridge again. It cost four million pounds to fix."


def test_scoring_cut_words_truncates_the_crossing_sentence() -> None:
    got = cut_words(["one two three.", "four five six seven.", "eight."], 5)
    assert got == ["one two three.", "four five"]


def test_scoring_cut_words_drops_empty_sentences_and_normalises_spaces() -> None:
    assert cut_words(["  ", "a\n b", "c"], 10) == ["a b", "c"]


@given(
    st.lists(st.text(alphabet="ab .\n", max_size=30), max_size=8),
    st.integers(min_value=1, max_value=40),
)
def test_scoring_cut_words_is_a_word_prefix_within_budget(sentences: list[str], n: int) -> None:
    got = cut_words(sentences, n)
    words = [w for s in sentences for w in s.split()]
    cut = [w for s in got for w in s.split()]
    assert cut == words[:n]


def test_scoring_identical_text_scores_one() -> None:
    scores = score_sentences(
        ["The bridge over the Lune reopened on Monday.", "Repairs took nine months."], [REF_A]
    )
    for m in METRICS:
        assert scores[m] == pytest.approx((1.0, 1.0))


def test_scoring_unrelated_text_scores_zero() -> None:
    scores = score_sentences(["Xylophones quietly hum."], [REF_A])
    assert scores["rouge1"] == (0.0, 0.0)


def test_scoring_several_references_are_averaged() -> None:
    cand = ["The Lune bridge reopened on Monday after repairs."]
    both = score_sentences(cand, [REF_A, REF_B])
    a = score_sentences(cand, [REF_A])
    b = score_sentences(cand, [REF_B])
    for m in METRICS:
        assert both[m][0] == pytest.approx((a[m][0] + b[m][0]) / 2)
        assert both[m][1] == pytest.approx((a[m][1] + b[m][1]) / 2)
    assert a["rouge1"] != b["rouge1"]


def test_scoring_summary_is_cut_before_scoring() -> None:
    long = ["The bridge over the Lune reopened on Monday.", "Repairs took nine months."]
    cut = score_summary(long, [REF_A], words=4)
    assert cut["rouge1"][1] == pytest.approx(4 / 12)  # 4 of the reference's 12 tokens


def test_scoring_reference_lines_has_one_sentence_per_line() -> None:
    assert reference_lines(REF_A).split("\n") == [
        "The bridge over the Lune reopened on Monday.",
        "Repairs took nine months.",
    ]


def test_scoring_lsum_rewards_sentence_order_less_than_rouge_l() -> None:
    swapped = ["Repairs took nine months.", "The bridge over the Lune reopened on Monday."]
    scores = score_sentences(swapped, [REF_A])
    assert scores["rougeLsum"][0] == pytest.approx(1.0)
    assert scores["rougeL"][0] < 1.0


def test_scoring_needs_a_reference() -> None:
    with pytest.raises(ValueError, match="reference"):
        score_sentences(["x"], [])
