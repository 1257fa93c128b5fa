"""The peers: lead round-robin, the greedy oracle, and sumy summarizers."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.evaluation.clusters import Cluster
from storyline.evaluation.oracle import oracle_sentences
from storyline.evaluation.systems import (
    SUMY_PEERS,
    cached_ranking,
    cut_ranking,
    get_system,
    lead_system,
    sumy_ranking,
)
from storyline.model import Article

DOC_1 = (
    "Heavy rain flooded the lower town of Sellick on Sunday. "
    "The river rose two metres in six hours. "
    "Shops on Mill Street were closed."
)
DOC_2 = (
    "Emergency crews rescued 40 people from their homes in Sellick. "
    "A temporary shelter opened at the sports hall. "
    "More rain is forecast for Wednesday."
)
REFERENCE = "Rain flooded Sellick on Sunday and crews rescued 40 people from their homes."


def _cluster(*docs: str, reference: str = REFERENCE) -> Cluster:
    return Cluster("c1", tuple(Article(text=d) for d in docs), (reference,), line=1)


def test_systems_lead_takes_first_sentences_round_robin() -> None:
    got = lead_system(_cluster(DOC_1, DOC_2), words=25)
    assert got == [
        "Heavy rain flooded the lower town of Sellick on Sunday.",
        "Emergency crews rescued 40 people from their homes in Sellick.",
        "The river rose two metres in six hours.",
    ]


def test_systems_lead_stops_once_the_budget_is_reached() -> None:
    assert lead_system(_cluster(DOC_1, DOC_2), words=5) == [
        "Heavy rain flooded the lower town of Sellick on Sunday."
    ]


def test_systems_lead_with_uneven_documents_runs_out_gracefully() -> None:
    got = lead_system(_cluster("Only one sentence here.", DOC_2), words=200)
    assert got[0] == "Only one sentence here."
    assert got[1:] == [
        "Emergency crews rescued 40 people from their homes in Sellick.",
        "A temporary shelter opened at the sports hall.",
        "More rain is forecast for Wednesday.",
    ]


def test_systems_oracle_picks_the_sentences_that_match_the_reference() -> None:
    pool = [
        "Shops on Mill Street were closed.",
        "Emergency crews rescued 40 people from their homes in Sellick.",
        "Heavy rain flooded the lower town of Sellick on Sunday.",
    ]
    got = oracle_sentences(pool, [REFERENCE], words=30)
    assert set(got) == {pool[1], pool[2]}


def test_systems_oracle_stops_when_nothing_adds() -> None:
    pool = ["Crews rescued 40 people.", "Zebras graze quietly in Kenya."]
    assert oracle_sentences(pool, ["Crews rescued 40 people."], words=50) == [pool[0]]


def test_systems_oracle_respects_the_word_budget() -> None:
    pool = [f"Rain flooded Sellick on day {i} and crews rescued people." for i in range(20)]
    got = oracle_sentences(pool, [REFERENCE], words=12)
    assert sum(len(s.split()) for s in got[:-1]) < 12
    assert len(got) <= 2


def test_systems_oracle_averages_over_references() -> None:
    pool = ["Crews rescued 40 people.", "The river rose two metres."]
    refs = ["Crews rescued 40 people.", "The river rose two metres."]
    assert set(oracle_sentences(pool, refs, words=50)) == set(pool)
    assert oracle_sentences(pool, refs[:1], words=50) == pool[:1]


@pytest.mark.parametrize("name", SUMY_PEERS)
def test_systems_sumy_peer_returns_input_sentences_up_to_the_budget(name: str) -> None:
    cluster = _cluster(DOC_1, DOC_2)
    got = get_system(name)(cluster, 15)
    assert got
    text = DOC_1 + " " + DOC_2
    assert all(s in text for s in got)
    # asked for best sentences until the budget: without the last-ranked one (at
    # most the longest, since sumy returns document order) they fit inside it
    lengths = [len(s.split()) for s in got]
    assert sum(lengths) - max(lengths) < 15


def test_systems_storyline_fills_the_budget_like_the_peers_and_bounded_does_not() -> None:
    cluster = _cluster(DOC_1, DOC_2)
    filled = get_system("storyline")(cluster, 15)
    bounded = get_system("storyline-bounded")(cluster, 15)
    assert sum(len(s.split()) for s in bounded) <= 15 < sum(len(s.split()) for s in filled)


def test_systems_unknown_name_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown system"):
        get_system("gpt")


def _sumy_direct(name: str, cluster: Cluster, words: int) -> list[str]:
    """sumy asked directly for its best sentences until ``words`` (no ranking cut)."""
    from sumy.parsers.plaintext import PlaintextParser

    from storyline.evaluation.systems import _sumy_parts, _word_budget

    tokenizer, summarizer = _sumy_parts(name)
    text = "\n\n".join(a.text for a in cluster.documents)
    parser = PlaintextParser.from_string(text, tokenizer)
    return [str(s) for s in summarizer(parser.document, _word_budget(words))]


@pytest.mark.parametrize("name", ["lexrank", "sumbasic", "textrank"])
@pytest.mark.parametrize("words", [5, 15, 30, 200])
def test_systems_a_budget_cut_from_the_whole_ranking_is_what_sumy_returns(
    name: str, words: int
) -> None:
    cluster = _cluster(DOC_1, DOC_2, "The mayor said the town would rebuild. Help came fast.")
    ranked = sumy_ranking(name, cluster)
    assert sorted(o for o, _ in ranked) == list(range(len(ranked)))
    assert cut_ranking(ranked, words) == _sumy_direct(name, cluster, words)


def test_systems_cached_ranking_is_computed_once_and_reused(tmp_path: Path) -> None:
    cluster = _cluster(DOC_1, DOC_2)
    first, ms = cached_ranking("lexrank", cluster, tmp_path)
    files = list((tmp_path / "lexrank").glob("*.json"))
    assert len(files) == 1 and ms > 0
    again, ms_again = cached_ranking("lexrank", cluster, tmp_path)
    assert again == first and ms_again == ms
    other, _ = cached_ranking("lexrank", _cluster(DOC_2, DOC_1), tmp_path)
    assert len(list((tmp_path / "lexrank").glob("*.json"))) == 2
    assert sorted(t for _, t in other) == sorted(t for _, t in first)
    files[0].write_text("not json", encoding="utf-8")  # a broken entry is recomputed
    assert cached_ranking("lexrank", cluster, tmp_path)[0] == first
    cached = get_system("lexrank", tmp_path)(cluster, 15)
    assert cached == get_system("lexrank")(cluster, 15)
