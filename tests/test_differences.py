"""Differences between sources: figures, opposite claims, single-source facts."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.analyze.differences import find_differences
from storyline.annotate.figures import find_figures
from storyline.model import Article, Corpus, Span
from storyline.model.dossier import Claim, Difference
from storyline.prepare import prepare

PUB = date(2016, 3, 9)


def _corpus(*texts: str, sources: tuple[str, ...] = ("Wire", "BBC", "Herald")) -> Corpus:
    return prepare([Article(text=t, source=sources[i], published=PUB) for i, t in enumerate(texts)])


def _diffs(corpus: Corpus, claims: list[Claim] | None = None) -> list[Difference]:
    return find_differences(corpus, find_figures(corpus), claims or [])


def _kind(diffs: list[Difference], kind: str) -> list[Difference]:
    return [d for d in diffs if d.kind == kind]


def test_differences_exact_number_vs_counting_word_is_reported() -> None:
    corpus = _corpus(
        "Flooding in the valley left 40 people dead, officials said.",
        "Dozens of people died in the valley floods, rescuers said.",
    )
    [d] = _kind(_diffs(corpus), "figure")
    assert d.text == "Deaths: 40 (report 1) vs dozens (report 2)"
    assert {c.doc for c in d.citations} == {0, 1}


def test_differences_two_different_lower_bounds_are_reported() -> None:
    corpus = _corpus(
        "At least 40 people were killed when the dam burst.",
        "More than 50 people were killed when the dam burst.",
    )
    [d] = _kind(_diffs(corpus), "figure")
    assert "at least 40" in d.text and "more than 50" in d.text


def test_differences_compatible_hedged_values_are_not_a_conflict() -> None:
    corpus = _corpus(
        "At least 40 people were killed when the dam burst.",
        "The dam burst killed 45 people, the governor said.",
    )
    assert _kind(_diffs(corpus), "figure") == []


def test_differences_a_rewrite_repeating_the_figure_is_not_a_conflict() -> None:
    corpus = _corpus(
        "Forty miners were killed in the collapse on Tuesday.",
        "The collapse on Tuesday killed 40 miners, the company said.",
    )
    assert _kind(_diffs(corpus), "figure") == []


def test_differences_equal_or_different_numbers_about_different_things_do_not_conflict() -> None:
    corpus = _corpus(
        "Rebels lost 40 fighters killed and 40 trucks in the raid.",
        "Twelve soldiers were killed, and 300 homes were destroyed.",
    )
    assert _kind(_diffs(corpus), "figure") == []


def test_differences_confirmed_vs_denied_claims() -> None:
    corpus = _corpus(
        "The ministry confirmed that troops crossed the northern border.",
        "The army denied that troops crossed the northern border.",
    )
    c0, c1 = corpus.documents[0].sentences[0], corpus.documents[1].sentences[0]
    claims = [
        Claim("The ministry", "troops crossed the northern border", "confirmed", False, (c0,)),
        Claim("The army", "troops crossed the northern border", "denied", False, (c1,)),
    ]
    found = _kind(find_differences(corpus, [], claims), "claim")
    assert any("The ministry confirmed" in d.text and "The army denied" in d.text for d in found)


def test_differences_retaken_vs_still_hold_is_an_opposite_claim() -> None:
    corpus = _corpus(
        "Government forces have retaken the port of Velmora.",
        "Rebels still hold the port of Velmora, residents say.",
    )
    found = _kind(_diffs(corpus), "claim")
    assert len(found) == 1 and {c.doc for c in found[0].citations} == {0, 1}


def test_differences_unique_fact_only_one_source_reports() -> None:
    corpus = _corpus(
        "Storms hit the coast on Monday. A ferry sank near the harbour with 30 passengers.",
        "Storms hit the coast on Monday, forecasters said.",
    )
    found = _kind(_diffs(corpus), "unique")
    assert [d.citations[0].doc for d in found] == [0]
    assert "ferry" in found[0].text and found[0].text.startswith("Only in report 1 (Wire): ")


def test_differences_same_outlet_counts_as_one_source() -> None:
    corpus = _corpus(
        "A ferry sank near the harbour with 30 passengers.",
        "Storms hit the coast on Monday.",
        sources=("Wire", "Wire"),
    )
    assert _kind(_diffs(corpus), "unique") == []


def test_differences_use_the_given_alignment() -> None:
    corpus = _corpus(
        "A ferry sank near the harbour with 30 passengers.",
        "The vessel went down with everyone aboard on Monday.",
    )
    s0, s1 = corpus.documents[0].sentences[0], corpus.documents[1].sentences[0]
    assert len(_kind(_diffs(corpus), "unique")) == 2
    aligned = find_differences(corpus, find_figures(corpus), [], alignment=[[s0, s1]])
    assert _kind(aligned, "unique") == []


_SENTENCES = st.sampled_from([
    "At least 40 people were killed in the blast.",
    "Dozens of people died on Monday.",
    "Police said 12 protesters were arrested yesterday.",
    "Rebels still hold the port.",
    "The army has retaken the port.",
    "Some 3,000 residents fled the town in March.",
    "Nearly 50 people were killed, officials said.",
])  # fmt: skip


@settings(max_examples=40, deadline=None)
@given(st.lists(st.lists(_SENTENCES, min_size=1, max_size=4).map(" ".join), min_size=2,
                max_size=3, unique=True))  # fmt: skip
def test_differences_every_citation_slices_inside_its_document(texts: list[str]) -> None:
    corpus = _corpus(*texts)
    for d in _diffs(corpus):
        assert d.text and d.citations
        for c in d.citations:
            doc_text = corpus.documents[c.doc].text
            assert isinstance(c, Span) and 0 <= c.start < c.end <= len(doc_text)


def test_differences_two_numbers_both_sources_give_are_not_a_conflict() -> None:
    corpus = _corpus(
        "Police found 43 students missing and 17 students injured after the raid.",
        "Of the students, 17 were hurt and 43 students missing, police said.",
    )
    assert _kind(_diffs(corpus), "figure") == []


_DAM = [
    "At least 40 people were killed when the Kessa dam gave way overnight, officials said. "
    "The water authority confirmed that engineers had reported cracks in the dam wall in "
    "January.",
    "Dozens of people were killed when the Kessa dam gave way. At least 40 people were "
    "killed when the Kessa dam gave way overnight, officials said.",
    "Dozens of people were killed when the water swept through the lower districts.",
    "The water authority denied on Tuesday that it had ignored warnings before the wall gave "
    "way, killing at least 38 people. The authority later revised that figure to 38. "
    "Authority director Oskar Pold said it had never received a report of cracks in the dam "
    "wall. At least 40 people were killed when the Kessa dam gave way overnight.",
]


def test_differences_figure_conflict_lists_each_value_once_with_its_reports() -> None:
    corpus = _corpus(*_DAM, sources=("Wire", "Courier", "Radio", "Ledger"))
    [d] = _kind(_diffs(corpus), "figure")
    assert d.text == (
        "Deaths: at least 40 (reports 1, 2, 4) vs dozens (reports 2, 3) "
        "vs at least 38 (report 4, revised)"
    )
    cited = {(c.doc, corpus.documents[c.doc].text[c.start : c.end]) for c in d.citations}
    assert (3, "at least 38 people") in cited and (2, "Dozens of people were killed") in cited


def test_differences_claims_on_different_subjects_do_not_conflict() -> None:
    corpus = _corpus(*_DAM, sources=("Wire", "Courier", "Radio", "Ledger"))
    s0 = corpus.documents[0].sentences
    s3 = corpus.documents[3].sentences
    claims = [
        Claim("officials", "At least 40 people were killed when the Kessa dam gave way "
              "overnight", "said", False, (s0[0],)),
        Claim("The water authority", "engineers had reported cracks in the dam wall in January",
              "confirmed", False, (s0[1],)),
        Claim("The water authority", "it had ignored warnings before the wall gave way, killing "
              "at least 38 people", "denied", False, (s3[0],)),
        Claim("Oskar Pold", "it had never received a report of cracks in the dam wall", "said",
              False, (s3[2],)),
    ]  # fmt: skip
    found = _kind(find_differences(corpus, find_figures(corpus), claims), "claim")
    pairs = [{(c.doc, c.start) for c in d.citations} for d in found]
    assert pairs == [{(0, s0[1].start), (3, s3[2].start)}]
    assert "report 1 (Wire)" in found[0].text and "report 4 (Ledger)" in found[0].text


def test_differences_said_vs_denied_on_the_same_subject_conflict() -> None:
    corpus = _corpus(
        "The contractor denied that safety inspections had been skipped.",
        "Residents said safety inspections had been skipped for years.",
    )
    c0, c1 = corpus.documents[0].sentences[0], corpus.documents[1].sentences[0]
    claims = [
        Claim("The contractor", "safety inspections had been skipped", "denied", False, (c0,)),
        Claim("Residents", "safety inspections had been skipped for years", "said", False, (c1,)),
    ]
    [d] = _kind(find_differences(corpus, [], claims), "claim")
    assert d.text.startswith("Residents said (report 2 (BBC)) vs The contractor denied")


@pytest.mark.parametrize(
    ("first", "second", "category"),
    [
        ("Halvern confirmed that 200 workers had been evacuated from the site.",
         "About 250 workers fled the plant when the fire broke out.", "Displaced (workers)"),
        ("Crews walked out on Sunday, stranding about 1,500 passengers.",
         "More than 2,000 passengers have been stranded since Sunday.", "Stranded (passengers)"),
    ],
)  # fmt: skip
def test_differences_evacuated_vs_fled_and_stranding_vs_stranded_conflict(
    first: str, second: str, category: str
) -> None:
    [d] = _kind(_diffs(_corpus(first, second)), "figure")
    assert d.text.startswith(f"{category}: ")


def test_differences_unique_facts_are_capped_ranked_and_counted() -> None:
    facts = " ".join(f"Crew {n} of the Marlin fleet docked at {n} piers." for n in range(12, 24))
    corpus = _corpus(facts, "Storms hit the coast on Monday.")
    found = _kind(_diffs(corpus), "unique")
    assert len(found) == 9
    assert found[-1].text.startswith("…and 5 more facts only one source reports")
    assert len(found[-1].citations) == 5


def test_differences_opposition_marks_are_found_once_per_sentence(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # 40 copies of one report and one that says the opposite: 820 similar pairs, but each
    # sentence's polarity words and negation are looked for once (pairs grow with the
    # square of similar sentences; the pathological benchmark's 500 documents).
    from storyline.analyze import _claim_conflicts

    calls = []
    marks = _claim_conflicts._marks
    monkeypatch.setattr(_claim_conflicts, "_marks", lambda t: calls.append(t) or marks(t))
    same = "Government forces have retaken the centre of Kunduz, officials said."
    texts = [f"{same} Filed by desk {i}." for i in range(40)]
    texts.append("Taliban fighters still hold the centre of Kunduz, officials said.")
    corpus = prepare(
        [Article(text=t, source=f"Outlet {i}", published=PUB) for i, t in enumerate(texts)]
    )
    assert len(corpus.documents) == 41
    claims = _kind(_diffs(corpus), "claim")
    assert len(calls) <= sum(len(d.sentences) for d in corpus.documents)
    assert claims and all(any(c.doc == 40 for c in d.citations) for d in claims)
