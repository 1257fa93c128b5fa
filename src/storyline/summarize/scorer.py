"""A learned sentence scorer: a small gradient-boosted tree ensemble evaluated with numpy.

The model is a JSON file shipped in ``storyline/data/scorer.json`` and written by
``scripts/train_scorer.py`` (which uses scikit-learn; the package never imports it).
Every tree is stored *complete* to a fixed depth — a leaf above that depth is padded
with copies of itself — so all trees are evaluated at once by index arithmetic:
at each level, node ``k`` goes to ``2k+1`` when ``x[feature] <= threshold`` and to
``2k+2`` otherwise.

JSON layout::

    {"features": [names...], "depth": D, "base": b, "rate": r,
     "feature": [[...]] (trees x 2^D-1), "threshold": [[...]], "value": [[...]] (trees x 2^D)}

The prediction is ``base + rate * sum(tree values)``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from storyline.errors import ModelError
from storyline.summarize.features import FEATURES

MODEL_FILE = "scorer.json"


class ScorerModelError(ModelError):
    """The shipped sentence-scorer model is missing or does not fit this version."""

    code = "S301"


@dataclass(frozen=True, slots=True)
class TreeScorer:
    """A complete-tree ensemble: ``predict(x)`` gives one score per row of ``x``."""

    features: tuple[str, ...]
    depth: int
    base: float
    rate: float
    feature: np.ndarray  # (trees, 2^depth - 1) int
    threshold: np.ndarray  # (trees, 2^depth - 1) float
    value: np.ndarray  # (trees, 2^depth) float

    def predict(self, x: np.ndarray) -> np.ndarray:
        """Scores for the rows of the feature matrix ``x`` (columns as :attr:`features`)."""
        if x.ndim != 2 or x.shape[1] != len(self.features):
            raise ValueError(f"expected {len(self.features)} feature columns, got {x.shape}")
        n, trees = x.shape[0], self.feature.shape[0]
        if n == 0:
            return np.zeros(0)
        node = np.zeros((trees, n), dtype=np.int64)
        rows = np.arange(n)[None, :]
        tree_ix = np.arange(trees)[:, None]
        for _ in range(self.depth):
            f = self.feature[tree_ix, node]
            t = self.threshold[tree_ix, node]
            node = 2 * node + 1 + (x[rows, f] > t)
        leaves = node - (2**self.depth - 1)
        return self.base + self.rate * self.value[tree_ix, leaves].sum(axis=0)

    @classmethod
    def from_dict(cls, obj: dict[str, Any]) -> TreeScorer:
        depth = int(obj["depth"])
        feature = np.asarray(obj["feature"], dtype=np.int64).reshape(-1, 2**depth - 1)
        threshold = np.asarray(obj["threshold"], dtype=np.float64).reshape(feature.shape)
        value = np.asarray(obj["value"], dtype=np.float64).reshape(feature.shape[0], 2**depth)
        names = tuple(obj["features"])
        if feature.size and (feature.min() < 0 or feature.max() >= len(names)):
            raise ValueError("a tree splits on a feature index outside the feature list")
        return cls(names, depth, float(obj["base"]), float(obj["rate"]), feature, threshold, value)

    def to_dict(self) -> dict[str, Any]:
        return {
            "features": list(self.features),
            "depth": self.depth,
            "base": self.base,
            "rate": self.rate,
            "feature": self.feature.tolist(),
            "threshold": self.threshold.tolist(),
            "value": self.value.tolist(),
        }


def load_scorer(
    path: Path | None = None,
    *,
    file: str = MODEL_FILE,
    features: tuple[str, ...] = FEATURES,
    what: str = "sentence scorer",
    script: str = "scripts/train_scorer.py",
) -> TreeScorer:
    """The model at ``path``, or the package's ``file``; checks that it was trained on
    ``features`` (the ones this version computes)."""
    try:
        if path is None:
            raw = resources.files("storyline.data").joinpath(file).read_text("utf-8")
        else:
            raw = Path(path).read_text(encoding="utf-8")
        model = TreeScorer.from_dict(json.loads(raw))
    except (OSError, ValueError, KeyError, TypeError) as e:
        where = path or f"storyline/data/{file}"
        raise ScorerModelError(
            f"{where}: cannot load the {what} ({e}); reinstall storyline or "
            f"retrain it with {script}"
        ) from None
    if model.features != features:
        raise ScorerModelError(
            f"the {what} was trained on features {list(model.features)}, "
            f"but this version computes {list(features)}; retrain it with {script}"
        )
    return model


@cache
def default_scorer() -> TreeScorer:
    """The shipped scorer, loaded once per process."""
    return load_scorer()
