"""Sourcing: outlets a document relies on, and how many independent sources a set is."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.analyze.sourcing import (
    canonical_outlet,
    cited_outlets,
    count_independent,
    independent_groups,
    publisher,
)
from storyline.model import Article
from storyline.prepare import prepare

STORY_A = (
    "Floodwater swept through the river town of Kessel on Tuesday night. "
    "Hundreds of families climbed onto rooftops as the Lenna burst its banks. "
    "The defence ministry said fourteen people had died and dozens were missing. "
    "Boats from the army reached the old quarter shortly before dawn."
)
STORY_B = (
    "A regional court in Osterby ruled on Friday that the new harbour tax was lawful. "
    "Fishing crews had argued the levy would drive small boats out of business. "
    "The judges said the council had consulted widely before setting the rate."
)
STORY_C = (
    "Volunteers in Kessel handed out blankets and bread at the school gym. "
    "Several shop owners said the water had ruined their stock within an hour. "
    "Engineers warned the eastern embankment might not survive more rain."
)


@pytest.mark.parametrize(
    ("text", "outlet"),
    [
        ("The governor told Reuters the dam held.", "Reuters"),
        ("Fourteen people died, reports AFP.", "AFP"),
        ("A resident told BBC Afghan the water was waist deep.", "BBC"),
        ("According to the Associated Press, the river rose fast.", "Associated Press"),
        ("A BBC report said the army was slow to arrive.", "BBC"),
        ("The river rose fast, Al Jazeera reported.", "Al Jazeera"),
    ],
)
def test_sourcing_cited_outlet_phrases(text: str, outlet: str) -> None:
    corpus = prepare([text])
    assert cited_outlets(corpus)[0] == (outlet,)


def test_sourcing_dateline_names_publisher_not_a_cited_outlet() -> None:
    corpus = prepare([Article("KESSEL (Reuters) - " + STORY_A)])
    assert publisher(corpus.documents[0]) == "Reuters"
    assert cited_outlets(corpus)[0] == ()


def test_sourcing_wire_dateline_in_another_outlets_story_is_cited() -> None:
    corpus = prepare([Article("KESSEL (Reuters) - " + STORY_A, source="Kessel Courier")])
    assert publisher(corpus.documents[0]) == "Kessel Courier"
    assert cited_outlets(corpus)[0] == ("Reuters",)


def test_sourcing_document_never_relies_on_its_own_outlet() -> None:
    text = "PORT MELLIN (Harbor Tribune) - The bridge fell, the Harbor Tribune reported."
    own = Article(text, source="The Harbor Tribune")
    other = Article("Four people died, the Harbor Tribune reported. " + STORY_C, source="Northwire")
    corpus = prepare([own, other])
    assert cited_outlets(corpus) == {0: (), 1: ("Harbor Tribune",)}
    assert count_independent([0, 1], corpus) == 1


@pytest.mark.parametrize(
    ("text", "outlet"),
    [
        ("The bridge fell on Friday, the Harbor Tribune reported.", "Harbor Tribune"),
        ("Four people died, Coastline Wire reports.", "Coastline Wire"),
        ("A Coastal Herald report said three lanes were shut.", "Coastal Herald"),
        ("The mayor told the Mellin Daily News that repairs were late.", "Mellin Daily News"),
        ("According to the Northern Ledger, the dam was inspected.", "Northern Ledger"),
        ("The dam was inspected in December (Valley Post).", "Valley Post"),
        ("The governor told Radio Velmar that the toll would rise.", "Radio Velmar"),
    ],
)
def test_sourcing_unknown_outlet_named_by_its_outlet_word(text: str, outlet: str) -> None:
    assert cited_outlets(prepare([text]))[0] == (outlet,)


@pytest.mark.parametrize(
    "text",
    [
        "The civil protection agency said 2,000 people had left.",
        "The Environment Agency said the river would peak overnight.",
        "Rescuers worked along the Post Road until dawn, officials said.",
    ],
)
def test_sourcing_agencies_and_streets_are_not_outlets(text: str) -> None:
    assert cited_outlets(prepare([text]))[0] == ()


def test_sourcing_plain_words_are_not_outlets() -> None:
    corpus = prepare(["The mayor told reporters the ap road was closed to the bbc-free zone."])
    assert cited_outlets(corpus)[0] == ()


def test_sourcing_canonical_outlet_names() -> None:
    assert canonical_outlet("the Associated Press") == "Associated Press"
    assert canonical_outlet("bbc afghan") == "BBC"
    assert canonical_outlet("  Kessel Courier ") == "Kessel Courier"
    assert canonical_outlet("") is None


def test_sourcing_rewrite_of_another_outlets_story_counts_once() -> None:
    corpus = prepare(
        [
            Article(STORY_A, source="Reuters"),
            Article(
                "Fourteen people died in Kessel, a town official told Reuters. " + STORY_C,
                source="Kessel Courier",
            ),
            Article(STORY_B, source="Osterby Post"),
        ]
    )
    assert count_independent([0, 1], corpus) == 1
    assert count_independent([0, 1, 2], corpus) == 2
    assert independent_groups(corpus) == [{0, 1}, {2}]


def test_sourcing_near_copy_counts_once() -> None:
    rewrite = STORY_A.replace("Tuesday night", "late on Tuesday") + " Schools will stay shut."
    corpus = prepare([STORY_A, rewrite, STORY_C])
    assert independent_groups(corpus) == [{0, 1}, {2}]
    assert count_independent([0, 1, 2], corpus) == 2


def test_sourcing_same_publisher_counts_once() -> None:
    corpus = prepare(
        [Article(STORY_A, source="AFP"), Article(STORY_C, source="Agence France-Presse")]
    )
    assert count_independent([0, 1], corpus) == 1


def test_sourcing_distinct_stories_are_independent() -> None:
    corpus = prepare([STORY_A, STORY_B, STORY_C])
    groups = independent_groups(corpus)
    assert groups == [{0}, {1}, {2}]
    assert count_independent([0, 2], groups) == 2


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.sampled_from([STORY_A, STORY_B, STORY_C]), min_size=1, max_size=5),
    st.data(),
)
def test_sourcing_groups_partition_documents(stories: list[str], data: st.DataObject) -> None:
    texts = [f"Report {i}. {s}" for i, s in enumerate(stories)]
    corpus = prepare(texts)
    groups = independent_groups(corpus)
    assert sorted(i for g in groups for i in g) == list(range(len(texts)))
    assert len(groups) == len(set(stories))
    docs = data.draw(st.sets(st.integers(0, len(texts) - 1), min_size=1))
    assert 1 <= count_independent(docs, corpus) <= len(docs)
