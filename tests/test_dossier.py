"""build_dossier: the front door gathers every stage; JSON shape and citations hold."""

from __future__ import annotations

import json

import pytest

from dossier_fakes import fake_stages, load_cluster
from storyline.analyze.dossier import build_dossier
from storyline.errors import ModelError
from storyline.model import Article
from storyline.options import Options
from storyline.prepare import prepare
from storyline.render.json_out import to_json

ITEM_KEYS = {
    "summary": {"text", "citations", "independent_sources"},
    "actors": {"name", "type", "role", "aliases", "salience", "mentions"},
    "timeline": {"date", "resolved_from", "resolution", "vague", "text", "citations"},
    "figures": {"value", "unit", "counts", "text", "hedge", "attribution", "citations"},
    "claims": {"speaker", "text", "verb", "unverified", "marker", "citations"},
    "differences": {"kind", "text", "citations"},
    "sources": {
        "doc",
        "outlet",
        "title",
        "published",
        "summary_sentences",
        "citations",
        "cites_outlets",
    },
}


def _dossier(name: str = "bridge", **overrides):
    corpus = prepare(load_cluster(name))
    return build_dossier(corpus, Options(), stages=fake_stages(**overrides))


def _citations(data: dict) -> list[dict]:
    out = []
    for section in ("summary", "timeline", "figures", "claims", "differences"):
        for item in data[section]:
            out += item["citations"]
    out += [m for a in data["actors"] for m in a["mentions"]]
    return out


def test_dossier_json_has_every_key():
    data = json.loads(to_json(_dossier()))
    assert set(data) == {*ITEM_KEYS, "documents", "removed", "notes"}
    for section, keys in ITEM_KEYS.items():
        assert data[section], f"{section} is empty in the fixture dossier"
        for item in data[section]:
            assert set(item) == keys, section


def test_dossier_every_citation_slices_its_document_inside_bounds():
    data = json.loads(to_json(_dossier()))
    texts = [d["text"] for d in data["documents"]]
    cites = _citations(data)
    assert cites
    for c in cites:
        assert 0 <= c["doc"] < len(texts)
        assert 0 <= c["start"] < c["end"] <= len(texts[c["doc"]])
    for s in data["summary"]:
        first = s["citations"][0]
        assert texts[first["doc"]][first["start"] : first["end"]] == s["text"]


def test_dossier_corroboration_counts_a_rewrite_once():
    dossier = _dossier()
    # Every summary sentence is cited by all four reports; report 2 rewrites report 1.
    assert {len(s.sources) for s in dossier.summary} == {4}
    assert {s.independent for s in dossier.summary} == {3}


def test_dossier_sources_count_what_each_report_gave():
    dossier = _dossier()
    assert [s.outlet for s in dossier.sources] == [
        "Harbor Tribune",
        "Coastal Herald",
        "Mellin Daily",
        "Northwire",
    ]
    assert [s.summary_sentences for s in dossier.sources] == [1, 1, 1, 1]
    assert [s.citations for s in dossier.sources] == [4, 4, 4, 4]
    assert dossier.sources[1].cites_outlets == ("Harbor Tribune",)
    assert dossier.sources[0].cites_outlets == ()
    assert str(dossier.sources[2].published) == "2026-03-09"


def test_dossier_timeline_is_ordered_by_date():
    dates = [t.sort_key for t in _dossier().timeline]
    assert dates == sorted(dates)
    assert len(dates) == 4


def test_dossier_notes_are_collected_once_in_order():
    articles = [*load_cluster("ferry"), Article(text=load_cluster("ferry")[0].text)]
    dossier = build_dossier(prepare(articles), Options(), stages=fake_stages())
    assert "repeats ferry.json#0 word for word" in dossier.notes[0]
    assert dossier.notes[1:] == ("summary note", "timeline note")


def test_dossier_missing_model_fails_before_any_other_stage():
    calls = []

    def missing(model: str):
        raise ModelError(f"spaCy model {model!r} is not installed")

    def summarize(*args, **kwargs):
        calls.append("summarize")
        raise AssertionError("summary ran before the model was loaded")

    corpus = prepare(load_cluster("ferry"))
    stages = fake_stages(recognizer=missing, summarize=summarize)
    with pytest.raises(ModelError, match="'no_such_model' is not installed"):
        build_dossier(corpus, Options(spacy_model="no_such_model"), stages=stages)
    assert calls == []


def test_dossier_uses_a_given_recognizer_without_loading_the_model():
    seen = []

    def actors(corpus, recognizer):
        seen.append(recognizer)
        return []

    def never(model: str):
        raise AssertionError("model loaded although a recognizer was given")

    mine = object()
    corpus = prepare(load_cluster("ferry"))
    dossier = build_dossier(
        corpus, Options(), mine, stages=fake_stages(actors=actors, recognizer=never)
    )
    assert seen == [mine]
    assert dossier.actors == ()
