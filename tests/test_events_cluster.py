"""Online clustering: same-kind events apart, chunking and order determinism, time."""

from __future__ import annotations

import itertools
import json
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from events_helpers import feed, gold, other_news
from storyline.events import ClusterSettings, EventStore
from storyline.events.cluster import Clusterer
from storyline.events.features import featurize
from storyline.model import Article

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


def _partition(assigned: list[tuple[str, int]]) -> set[frozenset[str]]:
    groups: dict[int, set[str]] = {}
    for aid, eid in assigned:
        groups.setdefault(eid, set()).add(aid)
    return {frozenset(g) for g in groups.values()}


def test_cluster_keeps_same_kind_events_at_the_same_time_apart(tmp_path: Path) -> None:
    items = feed(reports=4)
    report = EventStore(tmp_path / "s.db").add(items)
    truth = gold(items)
    expected: dict[str, set[str]] = {}
    for aid, story in truth.items():
        expected.setdefault(story, set()).add(aid)
    assert _partition(report.assigned) == {frozenset(g) for g in expected.values()}


@pytest.mark.parametrize(
    "linker",
    [
        "cosine",
        pytest.param(
            "learned",
            marks=pytest.mark.xfail(
                strict=True,
                reason=(
                    "known limitation (bench/RESULTS.md, issue 10): after a feed of other news the "
                    "learned linker joins the invented same-kind stories (cosine 0.08-0.2 with an "
                    "event of one or two articles that shares no name); the vetoes tried on the "
                    "tuning part cost DUC B3-F1 or left one of the probed feeds mixed"
                ),
            ),
        ),
    ],
)
def test_cluster_same_kind_events_apart_after_other_news(tmp_path: Path, linker: str) -> None:
    """The hard case in a store that has already seen 150 reports of 32 other stories
    (an IDF of mixed news, not of the four stories alone)."""
    store = EventStore(tmp_path / "s.db", settings=ClusterSettings(linker=linker))
    store.add(other_news(150))
    items = feed(reports=4)
    report = store.add(items)
    expected: dict[str, set[str]] = {}
    for aid, story in gold(items).items():
        expected.setdefault(story, set()).add(aid)
    assert _partition(report.assigned) == {frozenset(g) for g in expected.values()}
    for eid in {e for _, e in report.assigned}:  # and no story joined other news
        assert {a.id for a in store.event(eid).articles} <= set(gold(items))


def test_cluster_sample_feed_two_earthquakes_in_one_week_stay_apart(tmp_path: Path) -> None:
    lines = (SAMPLES / "events" / "feed.jsonl").read_text(encoding="utf-8").splitlines()
    items = [json.loads(line) for line in lines]
    report = EventStore(tmp_path / "s.db").add(items)
    event = dict(report.assigned)
    assert event["halvard-quake-1"] == event["halvard-quake-2"] == event["halvard-quake-3"]
    assert event["mirela-quake-1"] == event["mirela-quake-2"] == event["mirela-quake-3"]
    assert event["halvard-quake-1"] != event["mirela-quake-1"]
    assert len(set(event.values())) == 4


def _export(path: Path) -> list[tuple[str, int]]:
    store = EventStore(path)
    out = [(a.id, a.event) for a in store.export()]
    store.close()
    return out


@settings(max_examples=15, deadline=None)
@given(cuts=st.lists(st.integers(min_value=1, max_value=23), max_size=6, unique=True))
def test_cluster_chunking_gives_the_same_events(tmp_path_factory, cuts: list[int]) -> None:
    items = feed(reports=6, seed=3)
    base = tmp_path_factory.mktemp("c")
    one = base / "one.db"
    EventStore(one).add(items)
    pieces = base / "pieces.db"
    bounds = [0, *sorted(cuts), len(items)]
    for a, b in itertools.pairwise(bounds):
        store = EventStore(pieces)  # a new process would open it like this
        store.add(items[a:b])
        store.close()
    assert _export(one) == _export(pieces)


def test_cluster_is_deterministic_for_an_input_order(tmp_path: Path) -> None:
    items = feed(reports=5, seed=7)
    a = EventStore(tmp_path / "a.db").add(items).assigned
    b = EventStore(tmp_path / "b.db").add(items).assigned
    assert a == b


def test_cluster_event_stops_attracting_after_the_gap() -> None:
    clusterer = Clusterer(ClusterSettings(gap_days=10))
    text = "Floods closed the Sarn bridge and the Sarn ferry; Sarn schools shut."
    terms = featurize(Article(text=text)).terms
    ids, w = clusterer.vectorize(terms)
    clusterer.create(1, ids, w, day=1000)
    ids, w = clusterer.vectorize(terms)
    assert clusterer.assign(ids, w, day=1009) == 1
    assert clusterer.assign(ids, w, day=1011) is None  # 11 days after its last article
    assert clusterer.assign(ids, w, day=None) == 1  # undated: never out of time


def test_cluster_features_names_only_in_cased_text() -> None:
    cased = featurize(
        Article(
            text="Rescuers reached Port Velmar on Monday. The mayor of Port Velmar, Anna Rusk, "
            "said roads were open. " * 5
        )
    ).terms
    assert "#port velmar" in cased and "#anna rusk" in cased
    lower = featurize(Article(text="rescuers reached port velmar on monday. " * 10)).terms
    assert not any(t.startswith("#") for t in lower)


def _vec(clusterer: Clusterer, words: str) -> tuple:
    return clusterer.vectorize({w: 1.0 for w in words.split()})


def test_cluster_an_article_bridging_two_events_merges_them() -> None:
    clusterer = Clusterer(ClusterSettings(linker="cosine", threshold=0.3, merge_threshold=0.3))
    filler = [_vec(clusterer, f"x{i} y{i} z{i}") for i in range(20)]  # IDF background
    del filler
    a = _vec(clusterer, "alpha beta gamma")
    assert clusterer.place(*a, day=None, new_id=1)[0] == 1
    b = _vec(clusterer, "delta epsilon zeta")
    assert clusterer.place(*b, day=None, new_id=2)[0] == 2
    c = _vec(clusterer, "alpha beta gamma delta epsilon zeta")
    event, _, merged = clusterer.place(*c, day=None, new_id=3)
    assert event == 1 and [m for m, _ in merged] == [2]
    assert set(clusterer.events_) == {1} and clusterer.events_[1].size == 3
    never = Clusterer(ClusterSettings(linker="cosine", threshold=0.3, merge_threshold=None))
    for words in ("alpha beta gamma", "delta epsilon zeta"):
        never.place(*_vec(never, words), day=None, new_id=len(never.events_) + 1)
    assert never.place(*_vec(never, "alpha beta gamma delta epsilon zeta"), None, 3)[2] == []


def test_store_merged_event_leads_to_the_event_it_joined(tmp_path: Path) -> None:
    store = EventStore(
        tmp_path / "m.db",
        settings=ClusterSettings(linker="cosine", threshold=0.3, merge_threshold=0.3),
    )
    store.add([f"Filler story {i} about w{i}a w{i}b w{i}c." for i in range(20)])
    report = store.add(
        [
            {"id": "a", "text": "Alpha beta gamma.", "source": "One", "published": "2025-01-02"},
            {"id": "b", "text": "Delta epsilon zeta.", "source": "Two", "published": "2025-01-05"},
            {"id": "c", "text": "Alpha beta gamma delta epsilon zeta.", "source": "One"},
        ]
    )
    assert report.events_merged == 1
    assert len({e for _, e in report.assigned}) == 1
    eid = dict(report.assigned)["a"]
    merged_away = eid + 1
    assert store.event(merged_away).info.id == eid
    info = store.event(eid).info
    assert (info.articles, info.outlets) == (3, 2)
    assert (info.first_published, info.last_published) == (date(2025, 1, 2), date(2025, 1, 5))
    assert merged_away not in [e.id for e in store.events(limit=None)]
    assert {a.event for a in store.export() if a.id in {"a", "b", "c"}} == {eid}
    again = EventStore(tmp_path / "m.db")  # the merged state is what a reload sees
    assert again.add(["Alpha beta gamma delta epsilon zeta again."]).assigned[0][1] == eid
