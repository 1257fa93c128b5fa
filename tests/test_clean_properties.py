"""Invariants of clean() on random mixes of real sentences and scraped-web noise."""

from __future__ import annotations

import itertools
import textwrap

from hypothesis import example, given, settings
from hypothesis import strategies as st

from storyline.clean import Cleaning, clean

SENTENCES = [
    "Floodwater swept through the lower town on Monday after the dam gave way.",
    "Officials said at least 40 people were killed.",
    "Rescuers worked through the night to reach families trapped on rooftops.",
    "The regional governor told Radio Velmar that the toll could rise.",
    "A spokesman for the water authority denied that warnings had been ignored.",
    "Residents had complained about cracks in the wall for years, a local engineer said.",
    "By Tuesday morning the water had begun to recede from the market square.",
    "The army sent two helicopters and a field hospital to the valley.",
    "Schools will stay closed until the end of the week, the mayor announced.",
    "“We lost everything,” said Mira Kask, who runs a bakery near the river.",
    "Photos purportedly showing the breach could not be independently verified.",
    "Insurers estimate the damage at more than 200 million crowns.",
    "He said he would read more reports before deciding.",
    "The advertisement for volunteers drew hundreds of replies.",
]

NOISE_LINES = [
    "Image copyright Reuters",
    "Image copyright EPA",
    "Image caption Rescuers search the riverbank",
    "Media playback is unsupported on your device",
    "Media caption The mayor visits a shelter",
    "Photo: Lena Varga/Coastline Wire",
    "(AP Photo/Tomas Reyes)",
    "Getty Images",
    "Share this with Facebook",
    "Share on Twitter",
    "Subscribe to our newsletter",
    "Sign up for our morning briefing",
    "By Jane Doe, BBC News",
    "Updated 10:32 GMT",
    "© 2015 Reuters",
    "Advertisement",
    "toggle caption",
    "Read more",
    "Related Topics",
    "More on this story",
    "Mayor Opens New Bridge",
    "Storm Season Starts Early In The North",
    "Ostravia",
]

GLUED = [" Image copyright Reuters", " Image copyright AFP", " (AP Photo/Tomas Reyes)"]

Piece = tuple[str, bool]  # (text, is it a real sentence line?)

line_st = st.one_of(
    st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=3).map(lambda s: (" ".join(s), True)),
    st.sampled_from(NOISE_LINES).map(lambda s: (s, False)),
    st.tuples(st.sampled_from(SENTENCES), st.sampled_from(GLUED)).map(
        lambda t: (t[0] + t[1], True)
    ),
)


def build(pieces: list[Piece], blank: list[bool]) -> tuple[str, list[tuple[int, int]]]:
    """Join lines; return the text and the offsets of every real sentence in it."""
    text, spans = "", []
    for (line, real), gap in zip(pieces, blank, strict=False):
        start = len(text)
        if real:
            for sent in SENTENCES:
                i = line.find(sent)
                while i >= 0:
                    spans.append((start + i, start + i + len(sent)))
                    i = line.find(sent, i + 1)
        text += line + ("\n\n" if gap else "\n")
    return text, spans


def covered(c: Cleaning) -> list[tuple[int, int, str]]:
    out = [(s, e, "region") for s, e in c.regions]
    out += [(r.span.start, r.span.end, r.kind) for r in c.removed]
    return sorted(out)


def check_disjoint_and_exact(text: str, c: Cleaning) -> None:
    spans = covered(c)
    for (_s1, e1, _), (s2, _e2, _) in itertools.pairwise(spans):
        assert e1 <= s2, "regions and removals overlap"
    for s, e, _ in spans:
        assert 0 <= s < e <= len(text)
        assert text[s:e] == text[s:e].strip(), "span not trimmed"
    for r in c.removed:
        assert r.span.label == r.kind
    assert list(c.regions) == sorted(c.regions)


def check_nothing_vanishes(text: str, c: Cleaning) -> None:
    seen = [False] * len(text)
    for s, e, _ in covered(c):
        seen[s:e] = [True] * (e - s)
    lost = "".join(ch for ch, ok in zip(text, seen, strict=True) if not ok)
    assert lost.strip() == "", f"unreported text: {lost!r}"


def check_sentences_survive(c: Cleaning, sentences: list[tuple[int, int]]) -> None:
    for s, e in sentences:
        assert any(rs <= s and e <= re for rs, re in c.regions), f"lost sentence at {s}:{e}"


@settings(max_examples=300, deadline=None)
@given(
    st.lists(line_st, min_size=1, max_size=14),
    st.lists(st.booleans(), min_size=14, max_size=14),
)
@example(  # found by this test: a section header inside a hard-wrapped paragraph
    pieces=[
        ("Related Topics", False),
        (SENTENCES[0] + " Image copyright Reuters", True),
        ("Related Topics", False),
        (SENTENCES[0] + " Image copyright Reuters", True),
        ("toggle caption", False),
    ],
    blank=[True, False, True] + [False] * 11,
)
@example(  # and: a wrapped paragraph after a section header that ends in a title
    pieces=[
        ("Related Topics", False),
        (SENTENCES[0] + " Image copyright Reuters", True),
        ("Mayor Opens New Bridge", False),
        (SENTENCES[0] + " Image copyright Reuters", True),
        ("toggle caption", False),
    ],
    blank=[False, False, True] + [False] * 11,
)
def test_clean_properties_on_mixed_lines(pieces: list[Piece], blank: list[bool]) -> None:
    text, sentences = build(pieces, blank)
    c = clean(text, doc=1)
    check_disjoint_and_exact(text, c)
    check_nothing_vanishes(text, c)
    check_sentences_survive(c, sentences)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=4), min_size=1, max_size=5)
)
@example(  # found by this test: one line that breaks mid-sentence in line-per-paragraph text
    paragraphs=[
        [SENTENCES[3], SENTENCES[11], SENTENCES[0]],
        [SENTENCES[3], SENTENCES[11], SENTENCES[1]],
    ],
)
def test_clean_properties_on_hard_wrapped_text(paragraphs: list[list[str]]) -> None:
    text, sentences = "", []
    for para in paragraphs:
        wrapped = textwrap.fill(" ".join(para), width=70)
        flat = " ".join(para)
        pos = 0
        for sent in para:  # map flat offsets to wrapped ones (same length, \n for spaces)
            i = flat.index(sent, pos)
            sentences.append((len(text) + i, len(text) + i + len(sent)))
            pos = i + len(sent)
        text += wrapped + "\n\n"
    c = clean(text)
    check_disjoint_and_exact(text, c)
    check_nothing_vanishes(text, c)
    check_sentences_survive(c, sentences)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=300))
def test_clean_properties_on_arbitrary_text(text: str) -> None:
    c = clean(text)
    check_disjoint_and_exact(text, c)
    check_nothing_vanishes(text, c)


def _one_by_one(piece: str) -> str | None:
    """classify_unit as its contract reads: each pattern in turn, no shortcuts."""
    from storyline.clean.patterns import LINE_PATTERNS
    from storyline.clean.units import is_short_unstopped

    short = is_short_unstopped(piece)
    return next((k for k, p, ok in LINE_PATTERNS if (ok or short) and p.fullmatch(piece)), None)


_NOISY_WORDS = st.sampled_from(
    "image copyright caption photo credit by the share on via facebook twitter we use "
    "cookies cookie policy accept all read more updated published © 2015 reuters ap getty "
    "images advertisement subscribe sign up click here follow us toggle hide : / ( ) . , -".split()
)


@settings(max_examples=300, deadline=None)
@given(
    st.one_of(
        st.sampled_from(NOISE_LINES + SENTENCES),
        st.lists(_NOISY_WORDS, min_size=1, max_size=12).map(" ".join),
        st.text(alphabet=st.characters(codec="utf-8"), max_size=120),
    )
)
def test_classify_unit_is_the_first_matching_pattern(piece: str) -> None:
    from storyline.clean.boilerplate import classify_unit

    assert classify_unit(piece) == _one_by_one(piece)
