"""Online clustering: same-kind events apart, chunking and order determinism, time."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from events_helpers import feed, gold
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
    cased = featurize(Article(
        text="Rescuers reached Port Velmar on Monday. The mayor of Port Velmar, Anna Rusk, "
        "said roads were open. " * 5
    )).terms
    assert "#port velmar" in cased and "#anna rusk" in cased
    lower = featurize(Article(text="rescuers reached port velmar on monday. " * 10)).terms
    assert not any(t.startswith("#") for t in lower)
