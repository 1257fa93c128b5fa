"""clean(): noise found and reported, prose kept, offsets into the text as read."""

from __future__ import annotations

import pytest

from storyline.clean import Cleaning, clean


def kept(text: str, c: Cleaning) -> list[str]:
    return [text[s:e] for s, e in c.regions]


def removed(text: str, c: Cleaning) -> list[tuple[str, str]]:
    return [(r.kind, text[r.span.start : r.span.end]) for r in c.removed]


BODY = "Floodwater swept through the lower town on Monday after the dam gave way."


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("Image copyright Reuters", "image-credit"),
        ("Image copyright EPA", "image-credit"),
        ("Image caption Rescuers searched the riverbank overnight", "caption"),
        ("Photo: Lena Varga/Coastline Wire", "image-credit"),
        ("(AP Photo/Tomas Reyes)", "image-credit"),
        ("Getty Images", "image-credit"),
        ("Media playback is unsupported on your device", "widget"),
        ("Media caption The mayor visits the shelter", "caption"),
        ("Share this with Facebook", "share-prompt"),
        ("Share on Twitter", "share-prompt"),
        ("Subscribe to our newsletter", "share-prompt"),
        ("Sign up for our morning briefing", "share-prompt"),
        ("Click here to see the full gallery", "share-prompt"),
        ("Follow us on Instagram", "share-prompt"),
        ("We use cookies to improve your experience. By browsing you agree.", "cookie-notice"),
        ("By Jane Doe, BBC News", "byline"),
        ("By JANE DOE and JOHN ROE, Associated Press", "byline"),
        ("Updated 10:32 GMT", "timestamp"),
        ("© 2015 Reuters", "copyright"),
        ("Copyright 2015 The Associated Press. All rights reserved.", "copyright"),
        ("enlarge this image toggle caption", "widget"),
        ("toggle caption", "widget"),
        ("hide caption", "widget"),
        ("Advertisement", "widget"),
        ("Skip to main content", "widget"),
        ("Read more", "widget"),
        ("READ MORE: Dam inspectors warned of cracks", "widget"),
        ("Breaking news emails get breaking news alerts and special reports", "widget"),
    ],
)
def test_clean_removes_whole_noise_line(line: str, kind: str) -> None:
    text = f"{BODY}\n{line}\nRescuers worked through the night to reach the stranded."
    c = clean(text)
    assert (kind, line) in removed(text, c)
    assert kept(text, c) == [BODY, "Rescuers worked through the night to reach the stranded."]


def test_clean_splits_credit_glued_to_sentence_end() -> None:
    text = "The blast hit a depot near the airport Image copyright Reuters\nMore text follows here."
    c = clean(text)
    assert kept(text, c)[0] == "The blast hit a depot near the airport"
    assert ("image-credit", "Image copyright Reuters") in removed(text, c)


def test_clean_reports_headline_and_keeps_it_out_of_regions() -> None:
    text = f"Dam bursts above Velmar\n\n{BODY}"
    c = clean(text)
    assert c.headline is not None and text[c.headline.start : c.headline.end] == (
        "Dam bursts above Velmar"
    )
    assert ("headline", "Dam bursts above Velmar") in removed(text, c)
    assert kept(text, c) == [BODY]


def test_clean_headline_needs_text_after_it() -> None:
    c = clean("Dam bursts above Velmar")
    assert c.headline is None


def test_clean_removes_related_link_runs_and_sections() -> None:
    text = (
        f"{BODY}\nMayor Opens New Bridge\nStorm Season Starts Early\n"
        "Officials said the repairs would take a month.\nRelated Topics\nOstravia\nFloods\n"
    )
    c = clean(text)
    gone = [t for k, t in removed(text, c) if k == "related-links"]
    assert gone == [
        "Mayor Opens New Bridge",
        "Storm Season Starts Early",
        "Related Topics",
        "Ostravia",
        "Floods",
    ]
    assert kept(text, c) == [BODY, "Officials said the repairs would take a month."]


def test_clean_section_header_stops_at_a_real_sentence() -> None:
    text = f"{BODY}\nMore on this story\nRescuers found two more people alive on Tuesday."
    c = clean(text)
    assert kept(text, c) == [BODY, "Rescuers found two more people alive on Tuesday."]


@pytest.mark.parametrize(
    ("opening", "place", "source"),
    [
        ("MOSUL, Iraq (Reuters) -", "MOSUL, Iraq", "Reuters"),
        ("KABUL (AP) —", "KABUL", "AP"),
        ("LONDON, Sept 30 (Reuters) -", "LONDON", "Reuters"),
        ("PORT VELMAR, Ostravia (Coastline Wire) -", "PORT VELMAR, Ostravia", "Coastline Wire"),
        ("washington ( reuters ) -", "washington", "reuters"),
    ],
)
def test_clean_dateline_becomes_metadata(opening: str, place: str, source: str) -> None:
    text = f"{opening} {BODY}"
    c = clean(text)
    assert c.dateline is not None
    assert text[c.dateline.start : c.dateline.end] == opening
    assert (c.dateline_place, c.dateline_source) == (place, source)
    assert kept(text, c) == [BODY]


def test_clean_no_dateline_in_ordinary_parentheses() -> None:
    text = "The mayor (pictured) said the dam was safe. Nobody believed her."
    c = clean(text)
    assert c.dateline is None
    assert kept(text, c) == [text]


def test_clean_lowercased_dev_style_noise_mid_line() -> None:
    text = (
        "the bridge reopened on friday. image copyright getty images image caption workers "
        "painted the railings. traffic returned within an hour. media playback is unsupported "
        "on your device media caption the mayor cut the ribbon. drivers cheered."
    )
    c = clean(text)
    kinds = [k for k, _ in removed(text, c)]
    assert kinds == ["image-credit", "caption", "widget", "caption"]
    joined = " ".join(kept(text, c))
    assert "image" not in joined and "media" not in joined
    assert "traffic returned within an hour." in joined and "drivers cheered." in joined


def test_clean_npr_caption_with_repeated_credit() -> None:
    text = (
        "Voters queue in Velmar enlarge this image toggle caption lena varga/cw lena varga/cw "
        "polling stations opened early. It was busy."
    )
    c = clean(text)
    assert ("widget", "enlarge this image toggle caption lena varga/cw lena varga/cw") in (
        removed(text, c)
    )


def test_clean_read_more_in_prose_is_kept() -> None:
    text = "Visitors can read more about the dam at the museum. Read more"
    c = clean(text)
    assert kept(text, c) == ["Visitors can read more about the dam at the museum."]


def test_clean_hard_wrapped_paragraphs_keep_sentences_joined() -> None:
    text = (
        "Floodwater swept through the lower town of Velmar on Monday after the\n"
        "Kessa dam gave way, officials said, and rescuers spent the night on\n"
        "rooftops pulling people from the water.\n"
        "\n"
        "The regional governor said at least 40 people had been killed and\n"
        "that the toll could rise as the water went down in the coming days.\n"
    )
    c = clean(text)
    assert len(c.regions) == 2
    first = kept(text, c)[0]
    assert first.startswith("Floodwater") and first.endswith("from the water.")


def test_clean_one_paragraph_per_line_gives_line_regions() -> None:
    text = "Short line one is a sentence.\nShort line two is one too.\nAnd a third one here."
    c = clean(text)
    assert kept(text, c) == text.split("\n")


def test_clean_never_edits_and_offsets_slice_text() -> None:
    text = "KABUL (AP) — Troops moved in. Image copyright EPA\n\nShare on Twitter\n"
    c = clean(text, doc=3)
    assert all(r.span.doc == 3 for r in c.removed)
    assert all(r.span.label == r.kind for r in c.removed)
    assert kept(text, c) == ["Troops moved in."]


def test_clean_sample_photo_story_noise_is_removed() -> None:
    from pathlib import Path

    from storyline.ingest import read_path

    (a,) = read_path(Path(__file__).parent.parent / "samples" / "velmar" / "03-radio-velmar.txt")
    c = clean(a.text)
    gone = removed(a.text, c)
    assert ("image-credit", "Image copyright Coastline Wire") in gone
    assert ("related-links", "Related Topics") in gone
    assert ("related-links", "Who looks after the country's dams?") in gone
    prose = kept(a.text, c)
    assert "Some families spent the night on the roof of the old market hall near the river" in (
        " ".join(prose)
    )
    assert not any("Image" in p or "Media" in p or p == "Dams" for p in prose)


def test_clean_sample_wire_dateline_and_byline() -> None:
    from pathlib import Path

    from storyline.ingest import read_path

    (a,) = read_path(Path(__file__).parent.parent / "samples" / "velmar" / "01-coastline-wire.txt")
    c = clean(a.text)
    assert (c.dateline_source, c.dateline_place) == ("Coastline Wire", "PORT VELMAR, Ostravia")
    assert ("byline", "By Anja Ilves, Coastline Wire") in removed(a.text, c)
    assert kept(a.text, c)[0].startswith("At least 40 people were killed")


@pytest.mark.parametrize(
    "line",
    [
        "We use cookies to improve your experience.",
        "WE USE COOKIES. Accept all cookies",
        "Our site uses cookies \u2014 caf\u00e9 readers welcome",
        "This website uses coo\u212aies",  # Kelvin sign: IGNORECASE folds it to "k"
        "Cookie polic\u0131es and cook\u0130e settings",  # dotless i, dotted capital I
        "A line about biscuits and cake, nothing else",
        "cookie policy " + "x" * 486,
        "cookie policy " + "x" * 487,
        "x" * 301 + " we use cookies",
    ],
)
def test_classify_unit_guard_changes_nothing(line: str) -> None:
    """The cheap cookie-notice guard only skips lines the pattern cannot match."""
    from storyline.clean.boilerplate import classify_unit
    from storyline.clean.patterns import LINE_PATTERNS
    from storyline.clean.units import is_short_unstopped

    short = is_short_unstopped(line)
    unguarded = next((k for k, p, ok in LINE_PATTERNS if (ok or short) and p.fullmatch(line)), None)
    assert classify_unit(line) == unguarded
