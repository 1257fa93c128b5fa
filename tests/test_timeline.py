"""The timeline: dated statements merged across sources and ordered by date."""

from __future__ import annotations

from datetime import date

from storyline.analyze.timeline import build_timeline
from storyline.model import Article
from storyline.model.dossier import DateRange
from storyline.prepare import prepare

PUB = date(2015, 9, 30)


def _corpus(*texts: str, published: date | None = PUB):  # type: ignore[no-untyped-def]
    return prepare([Article(text=t, source=f"Outlet {i}", published=published)
                    for i, t in enumerate(texts)])  # fmt: skip


def test_timeline_merges_same_event_from_two_sources_with_both_citations() -> None:
    corpus = _corpus(
        "Rebels seized the northern port of Velmora on Monday, officials said.",
        "On Monday rebel fighters seized the port of Velmora after a short battle.",
    )
    events, notes = build_timeline(corpus)
    assert notes == []
    assert len(events) == 1
    assert events[0].when == date(2015, 9, 28)
    assert {c.doc for c in events[0].citations} == {0, 1}


def test_timeline_keeps_different_events_on_the_same_date_apart() -> None:
    corpus = _corpus(
        "Rebels seized the northern port of Velmora on Monday.",
        "On Monday the central bank raised interest rates by half a point.",
    )
    events, _ = build_timeline(corpus)
    assert len(events) == 2


def test_timeline_is_ordered_by_date_and_cites_the_date_words() -> None:
    corpus = _corpus(
        "The governor resigned yesterday. A ceasefire was agreed on 3 March 2014. "
        "Since April the camp has doubled in size."
    )
    events, _ = build_timeline(corpus)
    starts = [e.sort_key for e in events]
    assert starts == sorted(starts)
    assert [e.resolved_from for e in events] == ["3 March 2014", "Since April", "yesterday"]
    for e in events:
        for c in e.citations:
            assert e.resolved_from in corpus.documents[c.doc].text[c.start : c.end]
    assert events[1].when == DateRange(date(2015, 4, 1), PUB)


def test_timeline_cuts_long_sentences_to_the_clause_around_the_date() -> None:
    long = ("The mission, which had been planned for months by engineers from four countries "
            "and delayed twice by storms, finally launched on 14 June 2013, carrying three "
            "crew members and a cargo of supplies, spare parts, scientific instruments and "
            "letters from home for the station.")  # fmt: skip
    events, _ = build_timeline(_corpus(long))
    assert len(events) == 1
    text = events[0].text
    assert "14 June 2013" in text
    assert len(text.split()) < len(long.split())


def test_timeline_without_publication_date_skips_relative_dates_with_a_note() -> None:
    corpus = _corpus("Troops left on Friday. The treaty of 2 May 2014 still holds.", published=None)
    events, notes = build_timeline(corpus)
    assert [e.resolved_from for e in events] == ["2 May 2014"]
    assert notes and "on Friday" in notes[0]


def test_timeline_one_statement_is_one_event_dated_by_the_event_not_the_reporting_verb() -> None:
    monday = date(2025, 3, 3)
    corpus = _corpus(
        "At least 40 people were killed when the Kessa dam gave way overnight, sending water "
        "through the lower districts, regional officials said on Monday.",
        published=monday,
    )
    [event] = build_timeline(corpus)[0]
    assert event.resolved_from == "overnight"
    assert event.when == DateRange(date(2025, 3, 2), monday)
    assert "'Monday'" in event.resolution


def test_timeline_overnight_on_a_weekday_is_that_weekday() -> None:
    corpus = _corpus(
        "Dozens of people died when the water swept through the town overnight on Sunday.",
        published=date(2025, 3, 4),
    )
    [event] = build_timeline(corpus)[0]
    assert event.when == date(2025, 3, 2)


def test_timeline_a_date_only_said_on_is_kept() -> None:
    corpus = _corpus("The governor said on Tuesday that 43 bodies had been recovered.")
    [event] = build_timeline(corpus)[0]
    assert event.when == date(2015, 9, 29)


def test_timeline_same_statement_copied_by_later_outlet_is_one_event_dated_by_the_first() -> None:
    text = ("The Kessa dam above the town of Velmar gave way overnight, sending a wall of "
            "water through the lower districts.")  # fmt: skip
    corpus = prepare([
        Article(text=text, source="Wire", published=date(2025, 3, 4)),
        Article(text="Rescuers searched. " + text, source="Herald", published=date(2025, 3, 3)),
    ])  # fmt: skip
    [event] = build_timeline(corpus)[0]
    assert event.when == DateRange(date(2025, 3, 2), date(2025, 3, 3))
    assert {c.doc for c in event.citations} == {0, 1}
    assert event.citations[0].doc == 1  # the earliest-published copy comes first


def test_timeline_future_visit_is_after_publication() -> None:
    corpus = _corpus(
        "Prime Minister Helena Saar said she would visit Velmar on Tuesday.",
        published=date(2025, 3, 3),
    )
    [event] = build_timeline(corpus)[0]
    assert event.when == date(2025, 3, 4)
    assert "future" in event.resolution


def test_timeline_a_day_inside_another_reports_night_range_is_one_event_dated_by_the_day() -> None:
    corpus = prepare([
        Article(text="The Kessa dam gave way overnight, flooding the lower districts of Velmar.",
                source="Wire", published=date(2025, 3, 3)),
        Article(text="On Sunday night the dam above Velmar burst and water flooded the town.",
                source="Herald", published=date(2025, 3, 4)),
    ])  # fmt: skip
    [event] = build_timeline(corpus)[0]
    assert event.when == date(2025, 3, 2)  # Sunday: the precise date inside "overnight"
    assert {c.doc for c in event.citations} == {0, 1}


def test_timeline_a_day_outside_the_night_range_stays_a_separate_event() -> None:
    corpus = prepare([
        Article(text="The Kessa dam gave way overnight, flooding the lower districts of Velmar.",
                source="Wire", published=date(2025, 3, 3)),
        Article(text="On Friday the dam above Velmar was inspected by engineers from the town.",
                source="Herald", published=date(2025, 3, 4)),
    ])  # fmt: skip
    assert len(build_timeline(corpus)[0]) == 2
