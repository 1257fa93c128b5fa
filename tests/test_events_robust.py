"""Whatever it is handed, ``EventStore.add`` records an article, a duplicate or a failure
for each item and never raises (the fuzz harness's target, until bench/fuzz.py lands)."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storyline.events import EventStore
from storyline.ingest.feed import read_feed

_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=40),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)
_objects = st.fixed_dictionaries(
    {}, optional={k: _json for k in ("id", "text", "title", "source", "url", "published")}
)


_SHARED_TMP = [HealthCheck.function_scoped_fixture]  # one store for all examples: fine here


@settings(max_examples=40, deadline=None, suppress_health_check=_SHARED_TMP)
@given(items=st.lists(_objects | st.text(max_size=200) | _json, max_size=6))
def test_add_accounts_for_every_item_and_never_raises(tmp_path: Path, items: list) -> None:
    store = EventStore(tmp_path / "r.db")
    before = store.stats()["articles"]
    report = store.add(items)
    assert report.added + len(report.duplicates) + report.failed == len(items)
    assert store.stats()["articles"] == before + report.added
    store.close()


@settings(max_examples=25, deadline=None, suppress_health_check=_SHARED_TMP)
@given(data=st.binary(max_size=400))
def test_add_of_random_bytes_as_a_feed_file_never_raises(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_bytes(data)
    store = EventStore(tmp_path / "b.db")
    report = store.add(read_feed([path]))
    assert report.failed + report.added + len(report.duplicates) >= (1 if data.strip() else 0)
    store.close()


def test_add_of_a_huge_article_stores_it_whole(tmp_path: Path) -> None:
    text = "The Orle dam held through the storm. " * 60_000  # 2.2 million characters
    store = EventStore(tmp_path / "h.db")
    report = store.add([{"id": "huge", "text": text}])
    assert report.added == 1
    stored = store.article("huge")
    assert stored is not None and stored.article.text == text
