"""Regression tests for the Kunduz items of issue 9 (entity typing, figures, outlets), on
an invented cluster with the same traps (tests/fixtures/marzan/): a wire rewrite of a
broadcaster's story, and the broadcaster's own photo story whose page names no site but
whose image credits do."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.analyze.dossier import build_dossier, default_stages
from storyline.analyze.sourcing import credited_outlet, outlet_from_url
from storyline.annotate.entities import find_actors
from storyline.annotate.figures import find_figures
from storyline.annotate.ner import RuleRecognizer
from storyline.ingest import read_path
from storyline.ingest.html import page_credit
from storyline.model import Article
from storyline.prepare import prepare
from storyline.render._dossier_refs import byline

MARZAN = Path(__file__).parent / "fixtures" / "marzan"
#: What a small model gets wrong: the TV presenter typed as an organisation.
NAMES = {"Farid Zaman": "ORG", "Daud Rahimi": "PERSON", "Marzan": "GPE", "Kestria": "GPE"}


def _corpus():  # type: ignore[no-untyped-def]
    articles = [a for p in sorted(MARZAN.iterdir()) for a in read_path(p)]
    return prepare(articles)


def test_kunduz_tv_presenter_is_a_person_even_when_the_model_says_organisation() -> None:
    actors = {a.name: a for a in find_actors(_corpus(), RuleRecognizer(NAMES))}
    assert actors["Farid Zaman"].type == "person"
    assert actors["Farid Zaman"].role and "presenter" in actors["Farid Zaman"].role


def test_kunduz_several_districts_is_not_a_figure() -> None:
    texts = [f.text for f in find_figures(_corpus())]
    assert not any("several" in t.lower() for t in texts), texts


def test_kunduz_nearly_n_of_those_troops_is_a_figure() -> None:
    found = [f for f in find_figures(_corpus()) if f.value == 9000.0]
    assert len(found) == 1
    figure = found[0]
    assert figure.counts == "troops" and figure.hedge == "nearly"
    assert {c.doc for c in figure.citations} == {0, 1}  # both reports, merged


def test_kunduz_photo_story_outlet_is_read_from_its_image_credits() -> None:
    corpus = _corpus()
    assert [d.article.source for d in corpus.documents] == ["Valley Wire", "BBC"]
    assert page_credit((MARZAN / "02-photos.html").read_text(encoding="utf-8")) == "BBC"


def test_kunduz_dossier_header_names_both_outlets() -> None:
    corpus = _corpus()
    dossier = build_dossier(corpus, stages=default_stages(
        recognizer=lambda model: RuleRecognizer(NAMES)))  # fmt: skip
    assert byline(dossier).startswith("Built from 2 reports by Valley Wire, BBC")
    assert [s.outlet for s in dossier.sources] == ["Valley Wire", "BBC"]


@pytest.mark.parametrize(
    ("url", "outlet"),
    [
        ("https://www.bbc.co.uk/news/world-asia-34410003", "BBC"),
        ("http://www.bbc.com/news/world-asia-34410003", "BBC"),
        ("https://uk.reuters.com/article/x", "Reuters"),
        ("https://news.valleywire.example/2015/10/01/marzan", "news.valleywire.example"),
        ("not a url", None),
        (None, None),
    ],
)
def test_kunduz_outlet_from_url(url: str | None, outlet: str | None) -> None:
    assert outlet_from_url(url) == outlet


def test_kunduz_outlet_from_a_site_name_that_is_a_domain_or_a_handle() -> None:
    pairs = [("bbc.co.uk", "BBC"), ("BBCNews", "BBC"), ("Valley Post", "Valley Post")]
    for source, outlet in pairs:
        [doc] = prepare([Article(text="Troops entered the city.", source=source)]).documents
        assert doc.article.source == outlet


def test_kunduz_agency_photo_credits_do_not_name_the_publisher() -> None:
    assert credited_outlet(["Image copyright Reuters", "Image copyright BBC"]) == "BBC"
    assert credited_outlet(["Getty Images", "AFP"]) is None
    assert credited_outlet(["Image copyright BBC", "Image copyright CNN"]) is None


@pytest.mark.slow
def test_kunduz_cluster_with_the_real_model() -> None:
    corpus = _corpus()
    dossier = build_dossier(corpus)
    types = {a.name: a.type for a in dossier.actors}
    assert types.get("Farid Zaman") == "person"
    assert not any("several" in f.text.lower() for f in dossier.figures)
    assert any(f.value == 9000.0 for f in dossier.figures)
    assert [s.outlet for s in dossier.sources] == ["Valley Wire", "BBC"]
