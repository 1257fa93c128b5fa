"""The sentence selector: budget, near-duplicates, agreement and speed on long inputs."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.align import align_corpus
from storyline.options import Options
from storyline.prepare import prepare
from storyline.summarize import SelectParams
from storyline.summarize.features import unterminated
from storyline.summarize.select import _Pool, _value, _worth, select

FIRE_A = (
    "A fire destroyed the old timber warehouse on Quay Street in Lorne on Friday night. "
    "Firefighters from three stations fought the blaze for six hours before it was under control. "
    "Nobody was injured, the fire brigade said. "
    "The warehouse had stored furniture for a local auction house since 1998. "
    "A neighbour recalled that the building was once a rope factory."
)
FIRE_B = (
    "Fire crews from three stations battled a blaze at a Quay Street warehouse in Lorne "
    "for six hours. "
    "The fire brigade said nobody was injured in the fire on Friday night. "
    "Police have not ruled out arson and asked witnesses to come forward."
)
FIRE_C = (
    "An old timber warehouse on Quay Street in Lorne burned down on Friday night. "
    "Police are investigating whether the fire was started deliberately. "
    "The auction house that rented the building said it had lost hundreds of pieces."
)


def _setup(docs: list[str]) -> tuple[object, list[str]]:
    corpus = prepare(docs, Options())
    al = align_corpus(corpus)
    texts = [corpus.documents[s.doc].text[s.start : s.end] for s in al.spans]
    return al, texts


@pytest.mark.parametrize("budget", [5, 15, 30, 60, 120, 400])
def test_select_respects_the_word_budget(budget: int) -> None:
    al, texts = _setup([FIRE_A, FIRE_B, FIRE_C])
    chosen = select(al, texts, budget, SelectParams())
    assert sum(len(texts[i].split()) for i in chosen) <= budget
    assert len(set(chosen)) == len(chosen)


def test_select_takes_single_source_facts_once_the_budget_allows() -> None:
    al, texts = _setup([FIRE_A, FIRE_B, FIRE_C])
    tight = " ".join(texts[i] for i in select(al, texts, 20, SelectParams()))
    loose = " ".join(texts[i] for i in select(al, texts, 400, SelectParams()))
    assert "witnesses" not in tight and "witnesses" in loose


def test_select_bars_a_near_duplicate_of_a_chosen_sentence() -> None:
    copy = FIRE_A.replace("Friday night", "Friday evening")
    al, texts = _setup([FIRE_A, copy, FIRE_B])
    chosen = select(al, texts, 400, SelectParams())
    picked = [texts[i] for i in chosen]
    opener = [t for t in picked if t.startswith("A fire destroyed the old timber warehouse")]
    assert len(opener) == 1  # the original or its copy, never both


def test_select_prefers_what_several_sources_report_under_a_tight_budget() -> None:
    al, texts = _setup([FIRE_A, FIRE_B, FIRE_C])
    chosen = select(al, texts, 20, SelectParams())
    text = " ".join(texts[i] for i in chosen)
    assert "Quay Street" in text
    assert "rope factory" not in text and "auction house" not in text


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("The levee broke on Tuesday.", False),
        ('"We lost everything," she said."', False),
        ("Was anyone hurt?", False),
        ("The mayor spoke (briefly.)", False),
        ("he said . ''", False),
        ("Copyright Valley Wire - all rights", True),
        ("Residents told reporters that the water rose", True),
        ("Floods: what we know so far", True),
    ],
)
def test_unterminated_tells_a_fragment_from_a_sentence(text: str, fragment: bool) -> None:
    assert unterminated(text) is fragment


def test_select_empty_alignment_gives_nothing() -> None:
    al, _texts = _setup([FIRE_A])
    al.spans, al.terms = [], []
    assert select(al, [], 100, SelectParams()) == []


def test_select_without_the_scorer_still_covers_the_story() -> None:
    al, texts = _setup([FIRE_A, FIRE_B, FIRE_C])
    chosen = select(al, texts, 40, SelectParams(score_power=0.0))
    assert chosen and sum(len(texts[i].split()) for i in chosen) <= 40


def _refill_parts(budget: int) -> tuple[list[int], list[int], object, list[str]]:
    """The greedy's picks and the refilled picks for the fire cluster at ``budget``."""
    al, texts = _setup([FIRE_A, FIRE_B, FIRE_C])
    greedy_only = select(al, texts, budget, SelectParams(refill_pool=0))
    return greedy_only, select(al, texts, budget, SelectParams()), al, texts


@settings(max_examples=40, deadline=None)
@given(st.integers(min_value=1, max_value=120))
def test_select_refill_stays_in_budget_and_never_lowers_the_value(budget: int) -> None:
    greedy_only, refilled, al, texts = _refill_parts(budget)
    assert sum(len(texts[i].split()) for i in refilled) <= budget
    assert len(set(refilled)) == len(refilled)
    assert all(
        al.similarity[i, j] < SelectParams().max_similarity
        for i in refilled
        for j in refilled
        if i != j
    )
    pool = _pool(al, texts)
    worth = _worth(pool, SelectParams())
    assert _value(pool, worth, refilled)[0] >= _value(pool, worth, greedy_only)[0] - 1e-9


def test_select_refill_uses_words_the_greedy_leaves_over() -> None:
    gains = []
    for budget in range(10, 80):
        greedy_only, refilled, _al, texts = _refill_parts(budget)
        used = [sum(len(texts[i].split()) for i in picks) for picks in (greedy_only, refilled)]
        gains.append(used[1] - used[0])
    assert max(gains) > 0  # somewhere the refill fills words the greedy left unused


def _pool(al: object, texts: list[str]) -> _Pool:
    from storyline.summarize.select import build_pool

    return build_pool(al, texts, SelectParams())  # type: ignore[arg-type]


def _long_cluster() -> list[str]:
    """Ten properly cased articles of ~600 words, each a varied retelling."""
    story = " ".join((FIRE_A, FIRE_B, FIRE_C))
    facts = [s.strip() + "." for s in story.split(".") if s.strip()]
    docs = []
    for d in range(10):
        sentences = []
        for k in range(45):
            fact = facts[(k * (d + 3)) % len(facts)]
            sentences.append(f"In update {k} from desk {d}, {fact[0].lower()}{fact[1:]}")
        docs.append(" ".join(sentences))
    return docs


def test_select_on_a_long_ten_article_cluster_stays_in_budget_without_repeats() -> None:
    # Speed is measured by bench/speed.py, not by a timed test; this checks behaviour
    # on a long, properly cased input whose ten articles retell the same facts.
    al, texts = _setup(_long_cluster())
    assert sum(len(t.split()) for t in texts) > 5000
    params = SelectParams()
    chosen = select(al, texts, 300, params)
    assert chosen and sum(len(texts[i].split()) for i in chosen) <= 300
    sim = al.similarity.toarray()
    for a in chosen:
        for b in chosen:
            assert a == b or sim[a, b] < params.max_similarity


# Two short reports: once the two sentences of a normal length are taken (one barred as
# a near-copy of the other), the rest are shorter than SelectParams.min_words.
SHORT_A = (
    "The harbour wall at Tessmouth collapsed on Sunday night during the storm. Six boats "
    "sank. Nobody was hurt. The wall was old. Repairs were funded in March."
)
SHORT_B = (
    "Storm waves broke the harbour wall at Tessmouth on Sunday night. Six fishing boats "
    "sank. The coastguard came quickly. Nobody was hurt at all."
)


def test_select_fill_goes_on_with_short_sentences_once_the_normal_ones_run_out() -> None:
    al, texts = _setup([SHORT_A, SHORT_B])
    strict = select(al, texts, 40, SelectParams(fill_spare=False), fill=True)
    filled = select(al, texts, 40, SelectParams(), fill=True)
    assert sum(len(texts[i].split()) for i in strict) < 20
    assert filled[: len(strict)] == strict
    assert sum(len(texts[i].split()) for i in filled) >= 30
    assert len(set(filled)) == len(filled)
    assert all(
        al.similarity[i, j] < SelectParams().max_similarity
        for i in filled
        for j in filled
        if i != j
    )  # still no near-copies
    # the bounded summary is unchanged: whole sentences of a normal length only
    bounded = select(al, texts, 40, SelectParams(fill_spare=False))
    assert select(al, texts, 40, SelectParams()) == bounded
