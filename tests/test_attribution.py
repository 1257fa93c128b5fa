"""Attribution (storyline.annotate.attribution): the CRFs and the rules on invented texts.

The cases in ``tests/fixtures/attribution/cases.json`` are written for this project;
the end-to-end tests run the real spaCy parse, so they are slow.
"""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path
from typing import Any

import pytest

from storyline.annotate.attribution import Attribution, corpus_attributions, crf
from storyline.annotate.attribution.tokens import Parsed, Tok
from storyline.annotate.entities import find_actors
from storyline.annotate.ner import RuleRecognizer
from storyline.model import Article
from storyline.prepare import prepare

CASES = json.loads(
    (Path(__file__).parent / "fixtures" / "attribution" / "cases.json").read_text("utf-8")
)
NAMES = {
    "Maria Okafor": "PERSON",
    "Tomas Brandt": "PERSON",
    "Brandt": "PERSON",
    "Kessel": "GPE",
    "Norsund Lines": "ORG",
    "Seafarers Union": "ORG",
}


def _trim(text: str) -> str:
    skip = lambda c: c.isspace() or unicodedata.category(c).startswith("P")  # noqa: E731
    a, b = 0, len(text)
    while a < b and skip(text[a]):
        a += 1
    while b > a and skip(text[b - 1]):
        b -= 1
    return text[a:b]


def _found(text: str, method: str) -> list[dict[str, Any]]:
    corpus = prepare([Article(text, origin="case")])
    actors = find_actors(corpus, RuleRecognizer(NAMES))
    [found] = corpus_attributions(corpus, None, actors, method=method)
    return [_words(text, a) for a in found]


def _words(text: str, a: Attribution) -> dict[str, Any]:
    out: dict[str, Any] = {
        role: [t for t in (_trim(text[s.start : s.end]) for s in getattr(a, role)) if t]
        for role in ("source", "cue", "content")
    }
    out["speaker"] = a.speaker
    return out


def _matches(got: dict[str, Any], want: dict[str, Any]) -> bool:
    content = want["content"] if isinstance(want["content"], list) else [want["content"]]
    return (
        " ".join(got["source"]) == want["source"]
        and " ".join(got["cue"]) == want["cue"]
        and got["content"] == content
        and ("speaker" not in want or got["speaker"] == want["speaker"])
    )


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(CASES))
def test_crf_finds_every_attribution_of_the_case(name: str) -> None:
    case = CASES[name]
    found = _found(case["text"], "crf")
    for want in case["expect"]:
        assert any(_matches(g, want) for g in found), (want, found)


@pytest.mark.slow
@pytest.mark.parametrize("method", ["crf", "union", "rules"])
def test_reported_clause_with_its_own_verb_is_not_inverted(method: str) -> None:
    text = "The Seafarers Union said its 300 members wanted a new contract before the winter."
    found = _found(text, method)
    assert found
    for a in found:  # "wanted" never gets "The Seafarers Union said" as its content
        assert not any("said" in c for c in a["content"]), a
    said = [a for a in found if a["cue"] == ["said"]]
    assert said and said[0]["content"][0].startswith("its 300 members wanted")
    assert said[0]["speaker"] == "Seafarers Union"


@pytest.mark.slow
@pytest.mark.parametrize("method", ["union", "rules"])  # the CRF alone misses this cue
def test_name_in_apposition_is_the_speaker(method: str) -> None:
    text = "The ferry will not sail on Monday, the operator Norsund Lines said."
    [a] = [a for a in _found(text, method) if a["cue"] == ["said"]]
    assert a["speaker"] == "Norsund Lines"
    assert a["content"] == ["The ferry will not sail on Monday"]


def test_shipped_models_are_installed_and_auto_uses_them() -> None:
    assert crf.available()
    model = crf.shipped()
    assert "say" in model.lexicon


def _tok(i: int, text: str, start: int) -> Tok:
    return Tok(start, start + len(text), text, text, "X", "X", "dep", i, 0)


def test_in_quotes_marks_the_words_between_quote_marks_and_resets_at_a_break() -> None:
    words = ["“", "We", "won", "”", "he", "said", '"', "Again", "and"]
    starts, pos = [], 0
    for w in words:
        starts.append(pos)
        pos += len(w) + 1
    toks = tuple(_tok(i, w, s) for i, (w, s) in enumerate(zip(words, starts, strict=True)))
    parsed = Parsed(toks, ((0, len(toks)),), frozenset({0, starts[8]}))
    assert crf.in_quotes(parsed) == [False, True, True, False, False, False, False, True, False]


@pytest.mark.parametrize(
    ("words", "inside"),
    [
        # two apostrophes as both marks (a newspaper style): the words between are inside
        (["''", "We", "won", ",", "''", "he", "said", "."], [0, 1, 1, 1, 0, 0, 0, 0]),
        # backticks open, two apostrophes close
        (["``", "We", "won", "''", "he", "said", "``", "again", "''"], [0, 1, 1, 0, 0, 0, 0, 1, 0]),
        # a closing curly mark never opens
        (["”", "We", "won", "“", "again", "”", "he"], [0, 0, 0, 0, 1, 0, 0]),
    ],
)
def test_in_quotes_reads_each_style_of_quotation_marks(words: list[str], inside: list[int]) -> None:
    starts, pos = [], 0
    for w in words:
        starts.append(pos)
        pos += len(w) + 1
    toks = tuple(_tok(i, w, s) for i, (w, s) in enumerate(zip(words, starts, strict=True)))
    parsed = Parsed(toks, ((0, len(toks)),), frozenset({0}))
    assert crf.in_quotes(parsed) == [bool(x) for x in inside]


def test_a_content_of_quote_marks_only_at_the_end_is_kept_as_it_is() -> None:
    # Found by bench/fuzz.py: the role CRF tagged the article's last token, a stray
    # quote mark, as the whole content; close_quote stepped past the last token.
    words = ["“", "Homes", "went", ",", "”", "Barlow", "said", ".", '"']
    starts, pos = [], 0
    for w in words:
        starts.append(pos)
        pos += len(w) + 1
    toks = tuple(_tok(i, w, s) for i, (w, s) in enumerate(zip(words, starts, strict=True)))
    ctx = crf.Context(Parsed(toks, ((0, len(toks)),), frozenset({0})))
    assert crf.close_quote(ctx, {8}, {5, 6}) == {8}
    assert crf.close_quote(ctx, {4, 8}, {5, 6}) == {4, 8}


def _ctx(words: list[str], breaks: tuple[int, ...] = (0,)) -> crf.Context:
    """A context over ``words`` in one sentence; ``breaks`` are the token indexes that
    open a paragraph."""
    starts, pos = [], 0
    for w in words:
        starts.append(pos)
        pos += len(w) + 1
    toks = tuple(_tok(i, w, s) for i, (w, s) in enumerate(zip(words, starts, strict=True)))
    return crf.Context(Parsed(toks, ((0, len(toks)),), frozenset(starts[b] for b in breaks)))


def test_a_content_closing_a_quotation_runs_back_to_its_opening_mark() -> None:
    words = ["“", "Pumps", "failed", ".", "Water", "rose", ",", "”", "Brandt", "said", "."]
    ctx = _ctx(words)
    assert crf.open_quote(ctx, {4, 5}, {8, 9}) == {1, 2, 3, 4, 5}
    assert crf.open_quote(ctx, {4, 5, 6, 7}, {8, 9}) == {1, 2, 3, 4, 5, 6, 7}
    assert crf.open_quote(ctx, {4, 5}, {2, 8, 9}) == {4, 5}  # would swallow a taken token
    assert crf.open_quote(ctx, {5}, {8, 9}) == {1, 2, 3, 4, 5}
    assert crf.open_quote(ctx, {7}, {8, 9}) == {7}  # quote marks only
    # not at the closing mark, or across a paragraph break: unchanged
    assert crf.open_quote(ctx, {4}, {8, 9}) == {4}
    assert crf.open_quote(_ctx(words, (0, 4)), {4, 5}, {8, 9}) == {4, 5}
    # a content that already starts at the opening mark stays as it is
    assert crf.open_quote(ctx, {1, 2, 3, 4, 5}, {8, 9}) == {1, 2, 3, 4, 5}


def _sentences(*sents: list[str]) -> crf.Context:
    """A context over several sentences of words (heads point at themselves)."""
    toks, ranges, pos = [], [], 0
    for n, words in enumerate(sents):
        first = len(toks)
        for w in words:
            i = len(toks)
            toks.append(Tok(pos, pos + len(w), w, w, "X", "X", "dep", i, n))
            pos += len(w) + 1
        ranges.append((first, len(toks)))
    return crf.Context(Parsed(tuple(toks), tuple(ranges), frozenset({0})))


def test_the_role_window_reaches_other_sentences_only_through_a_quotation_or_colon(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(crf, "NARROW", True)
    a = ["Pumps", "failed", "."]
    said = ["Brandt", "said", "it", "."]
    b = ["Water", "rose", "."]
    c = ["Roads", "closed", "."]
    ctx = _sentences(a, said, b, c)  # no quotation: the cue's sentence alone
    assert crf.window(ctx, [4]) == (3, 7)
    ctx = _sentences(a, ["Brandt", "said", ":"], b, c)  # a colon: two sentences after
    assert crf.window(ctx, [4]) == (3, 12)
    ctx = _sentences(a, said, ["“", "Water", "rose", "."], c)  # the next opens a quote
    assert crf.window(ctx, [4]) == (3, 14)
    ctx = _sentences(["“", "Pumps", "failed", "."], ["Water", "rose", ",", "”", "he", "said"], c)
    assert crf.window(ctx, [9]) == (0, 10)  # opens inside a quotation: one sentence before
    monkeypatch.setattr(crf, "NARROW", False)
    ctx = _sentences(a, said, b, c)
    assert crf.window(ctx, [4]) == (0, 13)


def test_cue_spans_and_roles_from_tags() -> None:
    assert list(crf.cue_spans(["O", "B", "I", "O", "B", "B", "I"], 10)) == [
        [11, 12],
        [14],
        [15, 16],
    ]
    assert list(crf.cue_spans(["I", "O"], 0)) == [[0]]  # a stray I starts a cue
    assert crf.bio(["B-S", "I-S", "O", "B-C", "I-C"], 5) == {"S": {5, 6}, "C": {8, 9}}
    assert crf.runs({3, 4, 7}) == [[3, 4], [7]]
    assert crf.shape("Okafor") == "Xx" and crf.shape("300") == "d" and crf.shape(",") == "p"
