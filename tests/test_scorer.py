"""The learned sentence scorer: shipped model, numpy evaluation, finite features."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.align import align_corpus
from storyline.errors import InputError
from storyline.options import Options
from storyline.prepare import prepare
from storyline.summarize.features import FEATURES, sentence_features
from storyline.summarize.scorer import ScorerModelError, TreeScorer, load_scorer

REPORT_A = (
    "A cargo ship ran aground off Tarrow Point on Sunday night, spilling diesel into the bay. "
    "The coast guard said all 19 crew members were taken off the ship by helicopter. "
    "Fishermen in the harbour watched the rescue from the quay."
)
REPORT_B = (
    "All 19 crew of a cargo ship that ran aground near Tarrow Point were rescued by helicopter. "
    "Diesel from the ship has spread across the bay, the coast guard said on Monday."
)


def _features(docs: list[str]) -> np.ndarray:
    corpus = prepare(docs, Options())
    al = align_corpus(corpus)
    texts = [corpus.documents[s.doc].text[s.start : s.end] for s in al.spans]
    return sentence_features(al, texts)


def _stump(feature: int, threshold: float, low: float, high: float) -> TreeScorer:
    return TreeScorer(
        features=FEATURES,
        depth=1,
        base=0.5,
        rate=0.1,
        feature=np.array([[feature]]),
        threshold=np.array([[threshold]]),
        value=np.array([[low, high]]),
    )


def test_scorer_loads_from_package_data_with_the_current_features() -> None:
    scorer = load_scorer()
    assert scorer.features == FEATURES
    assert scorer.feature.shape[0] >= 10  # a real ensemble, not a placeholder


def test_scorer_predicts_one_finite_score_per_sentence() -> None:
    x = _features([REPORT_A, REPORT_B])
    scores = load_scorer().predict(x)
    assert scores.shape == (x.shape[0],) and np.isfinite(scores).all()
    assert np.ptp(scores) > 0  # different sentences get different scores


def test_scorer_tree_goes_left_at_or_below_the_threshold() -> None:
    stump = _stump(feature=FEATURES.index("length"), threshold=10.0, low=-1.0, high=3.0)
    x = np.zeros((3, len(FEATURES)))
    x[:, FEATURES.index("length")] = [5.0, 10.0, 11.0]
    assert stump.predict(x).tolist() == pytest.approx([0.4, 0.4, 0.8])


def test_scorer_round_trips_through_json(tmp_path: Path) -> None:
    stump = _stump(feature=3, threshold=2.5, low=1.0, high=2.0)
    path = tmp_path / "model.json"
    path.write_text(json.dumps(stump.to_dict()), encoding="utf-8")
    x = np.random.default_rng(0).uniform(0, 5, size=(20, len(FEATURES)))
    assert np.allclose(load_scorer(path).predict(x), stump.predict(x))


def test_scorer_refuses_a_model_trained_on_other_features(tmp_path: Path) -> None:
    obj = _stump(feature=0, threshold=1.0, low=0.0, high=1.0).to_dict()
    obj["features"] = ["position", *obj["features"][1:-1], "renamed"]
    path = tmp_path / "old.json"
    path.write_text(json.dumps(obj), encoding="utf-8")
    with pytest.raises(ScorerModelError, match="retrain"):
        load_scorer(path)


def test_scorer_reports_a_broken_model_file(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(ScorerModelError, match=r"broken\.json"):
        load_scorer(path)


@pytest.mark.parametrize(
    "docs",
    [
        ["One lonely sentence about the harbour fire."],
        ["A single report.", "Another single report about something else."],
        [REPORT_A, "Short."],
        [REPORT_A, REPORT_A.upper()],
    ],
)
def test_scorer_features_are_finite_on_edge_cases(docs: list[str]) -> None:
    x = _features(docs)
    assert x.shape[1] == len(FEATURES) and x.shape[0] >= 1
    assert np.isfinite(x).all()


_word = st.text(alphabet="abcdefghij", min_size=1, max_size=6)
_sentence = st.lists(_word, min_size=1, max_size=12).map(lambda ws: " ".join(ws).capitalize() + ".")
_doc = st.lists(_sentence, min_size=1, max_size=5).map(" ".join)


@settings(max_examples=30, deadline=None)
@given(docs=st.lists(_doc, min_size=1, max_size=3))
def test_scorer_features_are_always_finite(docs: list[str]) -> None:
    try:
        x = _features(docs)
    except InputError:
        return  # nothing sentence-like: prepare says so, covered elsewhere
    assert np.isfinite(x).all()
    assert np.isfinite(load_scorer().predict(x)).all()
