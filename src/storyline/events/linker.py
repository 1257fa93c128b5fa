"""The learned linking decision: which live event an article joins, if any.

After Miranda et al. (2018), "Multilingual clustering of streaming news": instead of
one cosine and one threshold, several similarities of the article to each candidate
event are combined by a logistic regression that gives the probability that the
article belongs to that event. The article joins the most probable candidate when
that probability reaches ``probability`` (the learned new-event decision); otherwise
it starts an event.

Features of an (article, candidate event) pair, all from the clusterer's state (no
article text is kept for them), see :data:`FEATURES`:

* ``cosine`` — article vs the event's centroid (the sum of its members' unit vectors);
* ``mean_link`` — the mean cosine of the article with the event's members
  (``article . sum / size``: what average-link clustering uses);
* ``representative`` — cosine with the event's most central member;
* ``names`` — cosine of the article's ``#name`` terms with the centroid's (0 when
  either has none), and ``no_shared_name``: 1 when the article has names and shares
  none with the event;
* ``log_size`` — ``ln`` of the event's number of articles;
* ``log_gap`` — ``ln(1 + days)`` the article lies outside the event's span;
* ``undated`` — 1 when the article or the event has no date;
* ``behind_best`` — how far the cosine is below the best candidate's;
* ``log_length`` — ``ln(distinct terms / 100)`` of the article (long articles share
  more incidental words with other stories);
* ``cased`` — 1 when the article has ``#name`` terms (cased text);
* products of cosine with ``log_length`` and ``cased``, and of ``mean_link`` with
  ``cased`` (a linear model cannot make those by itself).

The weights are package data (``storyline/data/linker.json``) written by
``scripts/train_linker.py`` (which uses scikit-learn; the package never imports it).
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import numpy as np
from numpy.typing import NDArray

from storyline.errors import LinkerModelError

MODEL_FILE = "linker.json"

FEATURES: tuple[str, ...] = (
    "cosine",
    "mean_link",
    "representative",
    "names",
    "no_shared_name",
    "log_size",
    "log_gap",
    "undated",
    "behind_best",
    "log_length",
    "cased",
    "cosine_x_log_length",
    "cosine_x_cased",
    "mean_link_x_cased",
)


@dataclass(frozen=True, slots=True)
class Linker:
    """A logistic regression over :data:`FEATURES`."""

    coef: NDArray[np.float64]
    intercept: float
    #: The joining probability the model was trained and tuned for.
    probability: float
    #: Only this many candidates (the most similar by centroid cosine) are scored.
    candidates: int

    def probabilities(self, x: NDArray[np.float64]) -> NDArray[np.float64]:
        z = x @ self.coef + self.intercept
        return np.asarray(1.0 / (1.0 + np.exp(-z)), dtype=np.float64)

    @classmethod
    def from_dict(cls, obj: dict[str, Any]) -> Linker:
        if tuple(obj.get("features", ())) != FEATURES:
            raise LinkerModelError(
                "the event-linking model's features are not this storyline's: "
                "retrain it with scripts/train_linker.py"
            )
        coef = np.asarray(obj["coef"], dtype=np.float64)
        if coef.shape != (len(FEATURES),):
            raise LinkerModelError("the event-linking model has the wrong number of weights")
        return cls(coef, float(obj["intercept"]), float(obj["probability"]), int(obj["candidates"]))

    def to_dict(self, **extra: Any) -> dict[str, Any]:
        return {
            "features": list(FEATURES),
            "coef": self.coef.tolist(),
            "intercept": self.intercept,
            "probability": self.probability,
            "candidates": self.candidates,
            **extra,
        }


@cache
def shipped() -> Linker:
    """The linker shipped with storyline."""
    try:
        text = resources.files("storyline.data").joinpath(MODEL_FILE).read_text("utf-8")
        return Linker.from_dict(json.loads(text))
    except (OSError, ValueError, KeyError, TypeError) as e:
        raise LinkerModelError(
            f"the event-linking model storyline/data/{MODEL_FILE} is missing or damaged "
            f"({e}); reinstall storyline"
        ) from e


def pair_features(
    cosine: NDArray[np.float64],
    mean_link: NDArray[np.float64],
    representative: NDArray[np.float64],
    names: NDArray[np.float64],
    sizes: NDArray[np.float64],
    gaps: NDArray[np.float64],
    undated: NDArray[np.float64],
    length: int,
    cased: bool,
) -> NDArray[np.float64]:
    """The feature matrix of one article against its candidates (one row each)."""
    log_length = math.log(max(length, 10) / 100)
    c = float(cased)
    n = len(cosine)
    return np.column_stack(
        [
            cosine,
            mean_link,
            representative,
            names,
            (names == 0) * c,
            np.log(sizes),
            np.log1p(gaps),
            undated,
            cosine.max() - cosine if n else cosine,
            np.full(n, log_length),
            np.full(n, c),
            cosine * log_length,
            cosine * c,
            mean_link * c,
        ]
    ).astype(np.float64)
