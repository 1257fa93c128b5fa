"""The learned event linker: the shipped model, its checks, and its decisions."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import numpy as np
import pytest

from storyline.errors import LinkerModelError
from storyline.events import ClusterSettings, EventStore
from storyline.events.cluster import Clusterer
from storyline.events.features import featurize
from storyline.events.linker import FEATURES, Linker, shipped
from storyline.model import Article


def test_linker_shipped_model_fits_the_features() -> None:
    model = shipped()
    assert model.coef.shape == (len(FEATURES),)
    assert 0.0 < model.probability < 1.0 and model.candidates >= 1
    again = Linker.from_dict(model.to_dict())
    assert np.array_equal(again.coef, model.coef) and again.intercept == model.intercept


def test_linker_refuses_a_model_of_other_features() -> None:
    obj = shipped().to_dict()
    with pytest.raises(LinkerModelError):
        Linker.from_dict({**obj, "features": obj["features"][:-1]})
    with pytest.raises(LinkerModelError):
        Linker.from_dict({**obj, "coef": obj["coef"][:-1]})


def test_linker_unknown_linker_name_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown event linker"):
        ClusterSettings(linker="neural")


def _terms(text: str) -> dict[str, float]:
    return featurize(Article(text=text)).terms


def test_linker_joins_a_report_of_the_same_story_and_not_another() -> None:
    clusterer = Clusterer(ClusterSettings(linker="learned", warmup=0))
    for i in range(30):  # an IDF background of unrelated stories
        clusterer.vectorize(_terms(f"Story {i} about q{i}a, q{i}b and q{i}c in town t{i}."))
    first = (
        "Floods closed the Sarn bridge on Monday and the Sarn ferry stopped; "
        "Mayor Ilsa Dorn said Sarn schools would stay shut until the river fell."
    )
    ids, w = clusterer.vectorize(_terms(first))
    clusterer.create(1, ids, w, day=1000)
    again = (
        "Mayor Ilsa Dorn kept Sarn schools shut on Tuesday as the floods held the "
        "Sarn bridge closed and the ferry idle."
    )
    ids, w = clusterer.vectorize(_terms(again))
    assert clusterer.assign(ids, w, day=1001, cased=True) == 1
    other = (
        "A chess festival opened in Velm on Tuesday with players from nine countries "
        "and a prize of a silver knight for the best junior."
    )
    ids, w = clusterer.vectorize(_terms(other))
    assert clusterer.assign(ids, w, day=1001, cased=True) is None


def test_linker_store_made_before_it_keeps_the_cosine_linker(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    EventStore(path).close()
    conn = sqlite3.connect(path)
    (value,) = conn.execute("SELECT value FROM meta WHERE key = 'settings'").fetchone()
    saved = json.loads(value)
    saved.pop("linker")
    saved.pop("probability")
    conn.execute("UPDATE meta SET value = ? WHERE key = 'settings'", (json.dumps(saved),))
    conn.commit()
    conn.close()
    assert EventStore(path).settings.linker == "cosine"
    assert EventStore(tmp_path / "new.db").settings.linker == "learned"


def test_linker_cosine_decides_during_the_warmup(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Before ``warmup`` articles the learned linker gives the cosine linker's events;
    from then on the learned model is asked."""
    from events_helpers import feed

    items = feed(reports=6, seed=3)

    def partition(settings: ClusterSettings, name: str) -> list[int]:
        report = EventStore(tmp_path / name, settings=settings).add(items)
        return [e for _, e in report.assigned]

    cosine = partition(ClusterSettings(linker="cosine"), "c.db")
    assert partition(ClusterSettings(linker="learned", warmup=len(items) + 1), "w.db") == cosine
    calls: list[int] = []
    original = Clusterer.linked

    def spy(self: Clusterer, *args: object) -> list[tuple[float, int]]:
        calls.append(self.docs_)
        return original(self, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(Clusterer, "linked", spy)
    partition(ClusterSettings(linker="learned", warmup=10), "l.db")
    assert calls == list(range(10, len(items) + 1))
