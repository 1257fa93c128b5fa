"""Quotation marks and attributions (storyline.segment.quotes)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from storyline.segment.quotes import Quotation, attribution, outside, quotations


def spans(text: str, inside: bool = False) -> list[tuple[str, bool, bool]]:
    return [(text[q.start : q.end], q.opened, q.closed) for q in quotations(text, inside=inside)]


def test_quotes_typewriter_curly_and_straight_pairs() -> None:
    assert spans("``Until now,'' he said.") == [("``Until now,''", True, True)]
    assert spans("“We left,” she said.") == [("“We left,”", True, True)]
    assert spans('He said "no." "Why?" she asked.') == [
        ('"no."', True, True),
        ('"Why?"', True, True),
    ]


def test_quotes_tokenised_straight_quotes_alternate() -> None:
    text = '" this is a good day , " said the envoy . " we agree . "'
    assert [s for s, _, _ in spans(text)] == ['" this is a good day , "', '" we agree . "']


def test_quotes_unbalanced_marks_say_where_the_quotation_goes_on() -> None:
    assert spans("``The land is held in trust.") == [("``The land is held in trust.", True, False)]
    assert spans("It is in trust,'' Cuomo said.") == [("It is in trust,''", False, True)]
    assert spans("It is in trust.", inside=True) == [("It is in trust.", False, False)]


def test_quotes_apostrophes_are_not_quotation_marks() -> None:
    assert quotations("The farmers' union said it’s the ’90s all over again.") == []
    assert spans("He called it ‘a disgrace’ on Monday.") == [("‘a disgrace’", True, True)]


def test_quotes_attribution_and_speaker() -> None:
    def said(text: str) -> tuple[str, str | None, bool] | None:
        a = attribution(outside(text, quotations(text)))
        return None if a is None else (a.verb, a.speaker, a.names_speaker)

    assert said("``It held,'' Cuomo said.") == ("said", "Cuomo", True)
    assert said("“We left,” said Joel Aran, a fisherman.") == ("said", "Joel Aran", True)
    assert said('"It held," he said.') == ("said", "he", False)
    assert said("``It held,'' said a spokesman.") == ("said", "a spokesman", False)
    assert said("``It held,'' said a spokesman for the ministry.")[2] is True  # type: ignore[index]
    assert said("“We had ten minutes to leave!”") is None
    assert said('She replied: "Not yet."') == ("replied", "She", False)


@given(st.text(alphabet=st.sampled_from(list("ab .,\"“”‘’'`\n")), max_size=80), st.booleans())
def test_quotes_are_ordered_and_inside_the_text(text: str, inside: bool) -> None:
    qs: list[Quotation] = quotations(text, inside=inside)
    prev = 0
    for q in qs:
        assert prev <= q.start <= q.end <= len(text)
        prev = q.end
