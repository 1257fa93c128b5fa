"""The needs-context detector: quotes without their speaker, dangling openers, fragments."""

from __future__ import annotations

import json
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import given
from hypothesis import strategies as st

from script_support import load_script
from storyline.model import Span
from storyline.prepare import prepare
from storyline.summarize.context import (
    Reason,
    document_needs,
    needs_of,
    sentence_needs,
    summary_needs,
)


def reasons(text: str, inside: bool = False) -> set[Reason]:
    return {n.reason for n in sentence_needs(text, inside=inside)}


@pytest.mark.parametrize(
    "text",
    [
        "The governor said on Tuesday that 43 bodies had been recovered.",
        "After John Smith arrived, he called the police.",
        "It is not clear how many people died.",
        "It was not immediately known whether the dam had been inspected.",
        "This year the harvest failed across the valley.",
        "So far, 40 people have died.",
        "Both Smith and Jones resigned on Friday.",
        'A union official called the decision "shameful."',
        "``The dam is a disgrace,'' said Mayor Liis Ormel.",
        "“We had ten minutes to leave,” said Joel Aran, a fisherman.",
        '"This is a good day," said the trade commissioner.',
        'Asked about the money, Governor Ruiz replied: "Not yet."',
        "Under the plan, ``one-stop centres'' would open in two towns.",
        "There were no survivors, the coastguard said.",
        "the army said on friday that two soldiers were killed .",
        '" we are still gathering facts , " said the police chief .',
    ],
)
def test_context_stands_alone(text: str) -> None:
    assert sentence_needs(text) == ()


@pytest.mark.parametrize(
    ("text", "reason", "detail"),
    [
        ("They are also reported to have looted banks.", Reason.PRONOUN, "They"),
        ("His death was confirmed on Monday.", Reason.PRONOUN, "His"),
        ("It's going to take years.", Reason.PRONOUN, "It's"),
        ("On Monday, she visited the shelter.", Reason.PRONOUN, "On Monday, she"),
        ("on monday , he visited the shelter .", Reason.PRONOUN, "on monday , he"),
        ("This is the third flood in a decade.", Reason.PRONOUN, "This"),
        ("But the army denied it.", Reason.CONNECTIVE, "But"),
        ("However, the army denied it.", Reason.CONNECTIVE, "However"),
        ("Also on Tuesday, the senate voted.", Reason.CONNECTIVE, "Also"),
        ("Meanwhile the river kept rising.", Reason.CONNECTIVE, "Meanwhile"),
        ("In addition, two bridges collapsed.", Reason.CONNECTIVE, "In addition"),
        ("Both men resigned on Friday.", Reason.CONNECTIVE, "Both"),
        ("``Until now, we have had a short amount of time.''", Reason.QUOTE, "no speaker"),
        ("“We had ten minutes to leave!”", Reason.QUOTE, "no speaker"),
        ('"It held for six hours," he said.', Reason.QUOTE, "he said"),
        ("``It held for six hours,'' said a spokesman.", Reason.QUOTE, "a spokesman said"),
        ('The plan is "a betrayal of everything we fought for."', Reason.QUOTE, "no speaker"),
        ("``The land is held in trust.", Reason.QUOTE, "runs on"),
        ("The bank wants collateral,'' Cuomo said.", Reason.QUOTE, "began in an earlier"),
        ("In pictures: Velmar after the flood", Reason.FRAGMENT, "no final stop"),
        ("The three things to know:", Reason.FRAGMENT, "no final stop"),
        ("Rescuers said the water had reached the", Reason.FRAGMENT, "no final stop"),
    ],
)
def test_context_needs(text: str, reason: Reason, detail: str) -> None:
    needs = [n for n in sentence_needs(text) if n.reason == reason]
    assert needs, f"{reason} not found in {sentence_needs(text)}"
    assert detail in needs[0].detail


def test_context_quote_opening_with_connective_has_both_reasons() -> None:
    text = "“But if they need to defend themselves, they will,” said a spokesman."
    assert reasons(text) == {Reason.QUOTE, Reason.CONNECTIVE}


def test_context_inside_a_quotation_without_marks_is_a_quote() -> None:
    assert reasons("The bank does not want the land.", inside=True) == {Reason.QUOTE}
    assert reasons("The bank does not want the land.") == set()


def test_context_document_carries_the_open_quotation() -> None:
    texts = [
        "``The land is held in trust.",
        "The bank does not want it.",
        "The main asset cannot be used,'' Cuomo said.",
        "The hearing ended at noon.",
    ]
    got = [{n.reason for n in needs} for needs in document_needs(texts)]
    assert got == [{Reason.QUOTE}, {Reason.QUOTE}, {Reason.QUOTE}, set()]


def test_context_needs_of_restarts_at_each_document() -> None:
    spans = [Span(0, 0, 1), Span(1, 0, 1)]
    texts = ["``The land is held in trust.", "The bank does not want it."]
    assert [len(n) for n in needs_of(spans, texts)] == [1, 0]


def test_context_summary_needs_forgives_a_sentence_after_its_own_predecessor() -> None:
    corpus = prepare(
        [
            "Governor Ana Ruiz visited Velmar on Monday. She promised new funds for the dam.",
            "Floods hit the valley. They destroyed 300 homes in two days.",
        ]
    )
    d0, d1 = corpus.documents
    together = summary_needs([d0.sentences[0], d0.sentences[1]], corpus)
    assert together == [(), ()]
    apart = summary_needs([d0.sentences[0], d1.sentences[1]], corpus)
    assert [n.reason for n in apart[1]] == [Reason.PRONOUN]
    reversed_ = summary_needs([d0.sentences[1], d0.sentences[0]], corpus)
    assert [n.reason for n in reversed_[0]] == [Reason.PRONOUN]


@given(st.text(max_size=200), st.booleans())
def test_context_never_fails_and_gives_known_reasons(text: str, inside: bool) -> None:
    for need in sentence_needs(text, inside=inside):
        assert isinstance(need.reason, Reason)
        assert isinstance(need.detail, str)


def _bench() -> ModuleType:
    return load_script("bench/readability.py", "bench_readability")


def test_context_readability_tally_counts_each_sentence_once() -> None:
    tally = _bench().Tally()
    tally.add("c", "They left.", sentence_needs("They left."), 2)
    tally.add("c", "But they left", sentence_needs("But they left"), 2)
    tally.add("c", "The army left.", (), 2)
    assert (tally.sentences, tally.any_reason) == (3, 2)
    assert tally.by_reason[Reason.PRONOUN] == 1
    assert tally.by_reason[Reason.CONNECTIVE] == tally.by_reason[Reason.FRAGMENT] == 1
    assert round(tally.share(tally.any_reason), 1) == 66.7
    assert tally.examples[Reason.PRONOUN] == ["[c] (They) They left."]


def test_context_readability_bench_prints_shares(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    docs = [
        "The Kessa dam above Velmar gave way on Monday, flooding the lower town. "
        "They said it was the worst flood in decades in the valley.",
        "Floods hit the town of Velmar after the Kessa dam gave way on Monday. "
        "“We had ten minutes to leave the house!” Rescue teams searched the flooded streets",
    ]
    data = tmp_path / "clusters.jsonl"
    line = {"id": "c1", "documents": docs, "summary": "The dam gave way."}
    data.write_text(json.dumps(line) + "\n", encoding="utf-8")
    _bench().main([str(data), "--words", "60"])
    out = capsys.readouterr().out
    assert "1 summaries" in out
    for name in ("quote", "pronoun", "connective", "fragment", "any"):
        assert any(line.startswith(name) for line in out.splitlines()), name


def test_context_typewriter_quote_opened_with_two_apostrophes() -> None:
    text = "''Every child should be computer literate,'' she said, ''but it is not.''"
    assert [n.detail for n in sentence_needs(text)] == ["the speaker is named elsewhere: she said"]
