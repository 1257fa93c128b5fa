"""Figures: numbers with what they count, their unit, hedge and speaker."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from storyline.annotate.figures import figures_in_sentence, find_figures
from storyline.model import Article, Span
from storyline.model.dossier import Figure
from storyline.prepare import prepare
from storyline.render._dossier_refs import value_text


def _figs(sentence: str) -> list[Figure]:
    return figures_in_sentence(sentence, Span(0, 0, len(sentence), "sentence"))


def _one(sentence: str) -> Figure:
    found = _figs(sentence)
    assert len(found) == 1, [f.text for f in found]
    return found[0]


@pytest.mark.parametrize(
    ("sentence", "value", "unit", "counts", "hedge"),
    [
        ("At least 40 rebels killed in the clash.", 40, None, "rebels killed", "at least"),
        ("The town has a population of around 450,000.", 450_000, None, "population", "around"),
        ("A 2,500-strong peacekeeping force will deploy.", 2500, None, "peacekeeping force", None),
        ("Donors pledged $2.5bn in aid.", 2.5e9, "USD", None, None),
        ("Inflation reached 3.5% in the spring.", 3.5, "%", None, None),
        ("Nine people were killed in the storm.", 9, None, "people killed", None),
        ("Between 30 and 40 houses burned down.", (30, 40), None, "houses", None),
        ("The driver, aged 34, survived.", 34, "years", "age", None),
        ("The blast killed nearly 60 villagers.", 60, None, "villagers killed", "nearly"),
        ("The death toll rose to 61 on the island.", 61, None, "deaths", None),
        ("An estimated 12,000 residents left.", 12_000, None, "residents", "an estimated"),
    ],
)
def test_figures_value_unit_counts_and_hedge(
    sentence: str, value: object, unit: str | None, counts: str | None, hedge: str | None
) -> None:
    f = _one(sentence)
    assert f.value == value
    assert (f.unit, f.counts, f.hedge) == (unit, counts, hedge)


def test_figures_vague_words_keep_the_word_and_no_value() -> None:
    f = _one("Dozens of civilians were wounded.")
    assert f.value is None and f.counts == "civilians wounded"
    assert f.text.lower().startswith("dozens")


def test_figures_skip_years_dates_times_ordinals_and_names() -> None:
    sentence = "On 30 September 2015 at 10:30 the 3rd battalion boarded Flight 17 in 2014."
    assert _figs(sentence) == []


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        ("Forty people were killed, officials said.", "officials"),
        ("According to the health ministry, 40 people were killed.", "the health ministry"),
        ("Police said 12 protesters were arrested.", "Police"),
    ],
)
def test_figures_attribution_names_the_speaker(sentence: str, speaker: str) -> None:
    assert _one(sentence).attribution == speaker


def test_figures_cite_their_own_words_and_the_sentence() -> None:
    text = "Storms hit the coast. Some 300 homes were flooded, the mayor said."
    corpus = prepare([Article(text=text)])
    [f] = find_figures(corpus)
    own, sentence = f.citations
    assert text[own.start : own.end] == "Some 300 homes"
    assert text[sentence.start : sentence.end] == "Some 300 homes were flooded, the mayor said."


_NUMBERS = st.one_of(
    st.integers(2, 999_999).map(lambda n: f"{n:,}"),
    st.sampled_from(["nine", "twenty-five", "dozens of", "hundreds of", "$3bn", "4.5%"]),
)
_FILLER = st.sampled_from(["the", "police", "said", "and", "in", "town", ",", "at least"])


@given(
    st.lists(
        st.one_of(
            _FILLER,
            st.tuples(
                _NUMBERS, st.sampled_from(["people", "soldiers were killed", "homes", ""])
            ).map(" ".join),
        ),
        min_size=1,
        max_size=20,
    )
)
def test_figures_every_citation_slices_inside_and_holds_the_number(parts: list[str]) -> None:
    text = " ".join(parts) + "."
    for f in _figs(text):
        own = f.citations[0]
        assert 0 <= own.start < own.end <= len(text)
        words = text[own.start : own.end].lower()
        assert any(c.isdigit() for c in words) or any(
            w in words for w in ("nine", "twenty", "dozens", "hundreds")
        )


def test_figures_same_figure_in_several_reports_is_one_figure_citing_each() -> None:
    texts = ["At least 40 people were killed, officials said.",
             "Rescuers worked all night. At least 40 people were killed.",
             "Dozens of people were killed. About 2,000 residents were evacuated."]  # fmt: skip
    corpus = prepare([Article(text=t, source=f"S{i}") for i, t in enumerate(texts)])
    figures = find_figures(corpus)
    [forty] = [f for f in figures if f.value == 40]
    assert [c.doc for c in forty.citations] == [0, 0, 1, 1]
    assert [c.label for c in forty.citations] == ["figure", "sentence"] * 2
    for c in forty.citations[::2]:
        assert corpus.documents[c.doc].text[c.start : c.end] == "At least 40 people were killed"


def test_figures_counting_word_shows_the_word_and_counts_what_happened() -> None:
    f = _one("Dozens of people were killed in the flood.")
    # the text is the words as written (inside the citation); the dossier shows them lowercased
    assert (f.value, f.text, f.counts) == (None, "Dozens", "people killed")
    assert value_text(f) == "dozens"


def test_figures_a_few_bare_people_are_not_a_quantity_claim() -> None:
    assert _figs("The figure fell after two people counted among the dead were found.") == []
    assert _one("Two people were arrested at the scene.").counts == "people arrested"


def test_figures_duration_counts_months() -> None:
    f = _one("Every dam would be inspected within three months.")
    assert (f.value, f.counts) == (3, "months")


def test_figures_bare_number_after_a_casualty_verb_counts_that() -> None:
    figures = _figs("The collapse killed 4 people, injuring 12.")
    assert [(f.value, f.counts) for f in figures] == [(4, "people killed"), (12, "injured")]


@pytest.mark.parametrize(
    "text",
    [
        "Mr.  Maria Okafor said at least 40 people\tMaria Okafor said the bridge. ",
        "Police said at least 40\npeople were hurt.",
        "Dozens of homes were flooded on Monday.",
    ],
)
def test_figures_text_is_the_cited_words_as_written(text: str) -> None:
    # Found by the dossier fuzz target: a tab inside a figure was normalised to a space, so
    # the figure's text no longer lay inside the words its citation slices.
    for f in find_figures(prepare([Article(text=text)])):
        own = f.citations[0]
        assert f.text in text[own.start : own.end]
