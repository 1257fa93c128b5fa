"""TIMEX3 time expressions: spans in the TimeML convention, types and values."""

from __future__ import annotations

import re
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from storyline.annotate.timex import Timex, find_timexes

FRI = date(2015, 10, 2)  # a Friday


def _one(text: str, dct: date | None = FRI) -> Timex:
    found = find_timexes(text, dct)
    assert len(found) == 1, [(text[t.start : t.end], t.value) for t in found]
    return found[0]


def _tv(text: str, dct: date | None = FRI) -> tuple[str, str, str]:
    t = _one(text, dct)
    return text[t.start : t.end], t.type, t.value


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The council met on Friday.", ("Friday", "DATE", "2015-10-02")),
        ("The council will meet on Friday.", ("Friday", "DATE", "2015-10-02")),
        ("The council will meet on Tuesday.", ("Tuesday", "DATE", "2015-10-06")),
        ("The council met on Tuesday.", ("Tuesday", "DATE", "2015-09-29")),
        ("The council met last Friday.", ("last Friday", "DATE", "2015-09-25")),
        ("The council meets next Friday.", ("next Friday", "DATE", "2015-10-09")),
        ("Profits fell in the third quarter.", ("the third quarter", "DATE", "2015-Q3")),
        ("Sales will rise in the first quarter.", ("the first quarter", "DATE", "2016-Q1")),
        ("Prices rose last week.", ("last week", "DATE", "2015-W39")),
        ("Prices rose this week.", ("this week", "DATE", "2015-W40")),
        ("Prices rose in March 2013.", ("March 2013", "DATE", "2013-03")),
        ("Prices rose in 1998.", ("1998", "DATE", "1998")),
        ("Prices rose in the 1990s.", ("the 1990s", "DATE", "199")),
        ("Prices rose in the 20th century.", ("the 20th century", "DATE", "19")),
        ("Prices rose last summer.", ("last summer", "DATE", "2015-SU")),
        ("Prices rose this morning.", ("this morning", "TIME", "2015-10-02TMO")),
        ("The blast came at 10 p.m. Wednesday.", ("10 p.m. Wednesday", "TIME",
                                                  "2015-09-30T22:00")),
        ("Talks lasted three days.", ("three days", "DURATION", "P3D")),
        ("Talks lasted two hours.", ("two hours", "DURATION", "PT2H")),
        ("Fighting has gone on for years.", ("years", "DURATION", "PXY")),
        ("Prices rose over the past three years.", ("the past three years", "DURATION",
                                                    "P3Y")),
        ("The paper is printed daily.", ("daily", "SET", "P1D")),
        ("The market opens each Thursday.", ("each Thursday", "SET", "XXXX-WXX-4")),
        ("Prices are now falling.", ("now", "DATE", "PRESENT_REF")),
        ("Prices fell recently.", ("recently", "DATE", "PAST_REF")),
        ("Prices will fall in the future.", ("the future", "DATE", "FUTURE_REF")),
        ("It opens early next year.", ("early next year", "DATE", "2016")),
        ("It was signed on 30 September 2014.", ("30 September 2014", "DATE", "2014-09-30")),
        ("It was signed on Sept. 12.", ("Sept. 12", "DATE", "2015-09-12")),
        ("It was signed two weeks ago.", ("two weeks ago", "DATE", "2015-W38")),
        ("It was signed yesterday.", ("yesterday", "DATE", "2015-10-01")),
        ("It happened in the second half of 2014.", ("the second half of 2014", "DATE",
                                                     "2014-H2")),
    ],
)  # fmt: skip
def test_timex_span_type_and_value(text: str, expected: tuple[str, str, str]) -> None:
    assert _tv(text) == expected


def test_timex_the_week_is_a_week_value_like_timeml() -> None:
    found = find_timexes("It was filed last week.", date(2013, 3, 27))
    assert [(t.type, t.value) for t in found] == [("DATE", "2013-W12")]


def test_timex_friday_in_a_future_clause_of_a_friday_article_is_that_day() -> None:
    """The error reported in issue 9: it used to be the next week's Friday."""
    t = _one("The ministers will meet on Friday in Geneva.", FRI)
    assert t.value == "2015-10-02"
    assert "that very day" in t.resolution


def test_timex_a_year_earlier_follows_the_quarter_in_focus() -> None:
    text = "Profit rose in the third quarter. It was $5 million a year earlier."
    found = find_timexes(text, date(1989, 10, 26))
    assert [t.value for t in found] == ["1989-Q3", "1988-Q3"]


def test_timex_without_a_reference_date_keeps_unknown_parts_as_x() -> None:
    t = _one("The council met on Friday.", None)
    assert t.value == "XXXX-WXX-5"
    assert "publication date" in t.resolution
    assert _one("It was signed in 2014.", None).value == "2014"


@pytest.mark.parametrize(
    "text",
    [
        "The death toll may rise.",
        "Black Friday sales opened.",
        "The firm sold 2000 shares.",
        "Prices will fall as soon as the war ends.",
    ],
)
def test_timex_non_expressions_are_left_alone(text: str) -> None:
    assert find_timexes(text, FRI) == []


def test_timex_spans_leave_the_preposition_out() -> None:
    text = "On Monday and in March, since 2012, during the past week, by Friday."
    spans = [text[t.start : t.end] for t in find_timexes(text, FRI)]
    assert spans == ["Monday", "March", "2012", "the past week", "Friday"]


_VALUE = re.compile(
    r"\d{4}(-\d\d(-\d\d(T(\d\d:\d\d|MO|AF|EV|NI))?)?|-W\d\d(-WE)?|-Q[1-4]|-H[12]|-(SP|SU|FA|WI))?"
    r"|\d{2,3}|XXXX.*|P(T?[\dX.]+[A-Z]+)+|P\d+Y|(PRESENT|PAST|FUTURE)_REF"
)
_PHRASES = ["on Friday", "last week", "three days", "the third quarter", "daily", "in 1998",
            "now", "yesterday morning", "each Thursday", "two years ago", "next month",
            "10 p.m. Tuesday", "the 1990s", "early next year", "for years", "Sept. 4"]  # fmt: skip


@given(
    words=st.lists(
        st.sampled_from([*_PHRASES, "troops", "will", "moved", "north", ",", "and", "."]),
        min_size=1,
        max_size=25,
    ),
    dct=st.one_of(st.none(), st.dates(min_value=date(1990, 1, 1), max_value=date(2030, 12, 31))),
)
def test_timex_values_are_well_formed_and_spans_do_not_overlap(
    words: list[str], dct: date | None
) -> None:
    text = " ".join(words)
    found = find_timexes(text, dct)
    last_end = -1
    for t in found:
        assert t.type in {"DATE", "TIME", "DURATION", "SET"}
        assert _VALUE.fullmatch(t.value), t.value
        assert text[t.start : t.end].strip() == text[t.start : t.end]
        assert t.start >= last_end
        last_end = t.end
        assert t.resolution
