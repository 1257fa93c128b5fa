"""scripts/train_scorer.py: targets over several references, DUC-style clusters read."""

from __future__ import annotations

import json
from pathlib import Path
from types import ModuleType

import numpy as np
import pytest

from script_support import load_script
from storyline.summarize.features import FEATURES

DOC_A = (
    "Flood water closed the Marren bridge on Tuesday after three days of rain. "
    "The town council said the bridge would stay shut until engineers inspect it. "
    "Shops on the river front moved their stock to upper floors."
)
DOC_B = (
    "The Marren bridge was closed by flood water on Tuesday. "
    "Engineers will inspect the bridge before it reopens, the council said."
)


@pytest.fixture(scope="module")
def train() -> ModuleType:
    return load_script("scripts/train_scorer.py", "train_scorer")


def test_train_scorer_targets_average_over_references(train: ModuleType) -> None:
    texts = ["Flood water closed the bridge.", "Shops moved their stock upstairs."]
    one = train.sentence_targets(texts, "Flood water closed the bridge on Tuesday.")
    two = train.sentence_targets(texts, "Shops moved stock to upper floors.")
    both = train.sentence_targets(
        texts, ["Flood water closed the bridge on Tuesday.", "Shops moved stock to upper floors."]
    )
    assert one[0] > one[1] and two[1] > two[0]
    np.testing.assert_allclose(both, (one + two) / 2)
    np.testing.assert_allclose(train.sentence_targets(texts, ["x y z"]), 0.0)


def test_train_scorer_target_mixes_rouge1_and_rouge2_precision(train: ModuleType) -> None:
    texts = ["Flood water closed the bridge.", "Water closed shops."]
    ref = "Flood water closed the bridge on Tuesday."
    r1 = train.sentence_targets(texts, ref, r2_weight=0.0)
    # every word of the first sentence is in the reference, two of the second's three
    # ("shops" is not): ROUGE-1 precision 1.0 and 2/3
    np.testing.assert_allclose(r1, [1.0, 2 / 3])
    r2 = train.sentence_targets(texts, ref, r2_weight=1.0) - r1
    # "water closed" is a reference bigram, "closed shops" is not
    np.testing.assert_allclose(r2, [1.0, 0.5])
    np.testing.assert_allclose(train.sentence_targets(texts, ref), r1 + train.R2_WEIGHT * r2)


def test_train_scorer_reads_article_objects_references_and_a_year(
    train: ModuleType, tmp_path: Path
) -> None:
    path = tmp_path / "clusters.jsonl"
    docs = [
        {"title": "Bridge shut", "source": "Wire", "published": "2024-03-05", "text": DOC_A},
        {"title": None, "source": "Daily", "published": "2024-03-05", "text": DOC_B},
    ]
    lines = [
        {"id": "A", "year": 2006, "documents": docs, "summaries": ["The bridge closed.", "Rain."]},
        {"id": "B", "year": 2007, "documents": [DOC_A, DOC_B], "summary": "The bridge closed."},
    ]
    path.write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
    x_all, y_all, w_all = train.read_dataset(path, 0, 10)
    x_06, y_06, w_06 = train.read_dataset(path, 0, 10, year=2006)
    assert x_all.shape == (2 * x_06.shape[0], len(FEATURES))
    assert len(y_06) == x_06.shape[0] and np.all(np.isfinite(y_06)) and y_06.max() > 0
    np.testing.assert_allclose(w_06, 2**0.5)
    assert len(w_all) == len(y_all)
