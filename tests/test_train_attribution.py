"""scripts/train_attribution.py: cross-validation folds and a whole run on invented articles.

The parses are written to the cache by hand (the script reads a cached parse before it
would load spaCy), so the run needs neither spaCy nor any corpus.
"""

from __future__ import annotations

import json
import pickle
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from script_support import load_script
from storyline.annotate.attribution.tokens import Parsed, Tok

NAMES = ["Okafor", "Brandt", "Lindqvist", "Moreau", "Tanaka", "Haddad"]
THINGS = ["ferry", "bridge", "levee", "harbour", "school", "clinic"]
STATES = ["late", "closed", "safe", "full", "open", "ready"]


@pytest.fixture(scope="module")
def script() -> ModuleType:
    return load_script("scripts/train_attribution.py", "train_attribution")


def _article(k: int) -> tuple[dict[str, Any], Parsed]:
    """Three sentences '<Name> said the <thing> was <state>.', parsed by hand."""
    words: list[tuple[str, str, str, str, int]] = []  # text, lemma, pos, dep, head offset
    toks: list[Tok] = []
    sentences = []
    attributions = []
    text = ""
    for s in range(3):
        name, thing = NAMES[(k + s) % 6], THINGS[(k * 2 + s) % 6]
        state = STATES[(k + 2 * s) % 6]
        words = [
            (name, name, "PROPN", "nsubj", 1),
            ("said", "say", "VERB", "ROOT", 1),
            ("the", "the", "DET", "det", 3),
            (thing, thing, "NOUN", "nsubj", 4),
            ("was", "be", "AUX", "ccomp", 1),
            (state, state, "ADJ", "acomp", 4),
            (".", ".", "PUNCT", "punct", 1),
        ]
        first = len(toks)
        spans = []
        for w, lemma, pos, dep, head in words:
            if text and w != ".":
                text += " "
            spans.append((len(text), len(text) + len(w)))
            toks.append(
                Tok(len(text), len(text) + len(w), w, lemma, pos, pos, dep, first + head, s)
            )
            text += w
        sentences.append((first, len(toks)))
        attributions.append(
            {
                "source": [list(spans[0])],
                "cue": [list(spans[1])],
                "content": [[spans[2][0], spans[5][1]]],
            }
        )
    article = {"id": f"a{k}", "date": f"2026-01-{k + 1:02d}", "text": text}
    article["attributions"] = attributions
    return article, Parsed(tuple(toks), tuple(sentences), frozenset({0}))


def test_folds_are_disjoint_cover_every_article_and_follow_the_seed(script: ModuleType) -> None:
    folds = script.folds(23, 5)
    assert [len(f) for f in folds] == [4, 5, 4, 5, 5]
    assert sorted(k for f in folds for k in f) == list(range(23))
    assert script.folds(23, 5) == folds
    assert script.folds(23, 5, seed=1) != folds
    assert all(f == sorted(f) for f in folds)


def test_summary_gives_mean_and_spread_per_role(script: ModuleType) -> None:
    text = script.summary(
        [
            {"source": 60.0, "cue": 70.0, "content": 40.0},
            {"source": 70.0, "cue": 70.0, "content": 50.0},
        ]
    )
    lines = text.splitlines()
    assert lines[0].split() == "source exact F1 mean 65.0 sd 5.0 range 60.0-70.0".split()
    assert lines[1].split()[3:5] == ["mean", "70.0"]
    assert lines[2].split()[3:7] == ["mean", "45.0", "sd", "5.0"]


def test_cross_validation_trains_and_scores_every_fold(
    script: ModuleType, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pairs = [_article(k) for k in range(12)]
    train = tmp_path / "invented.jsonl"
    train.write_text("".join(json.dumps(a) + "\n" for a, _ in pairs), encoding="utf-8")
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / "invented.parsed.pickle").write_bytes(pickle.dumps([p for _, p in pairs]))
    argv = ["--train", str(train), "--cache", str(cache), "--cv", "3", "--iterations", "40"]
    assert script.main(argv) == 0
    scores = json.loads((cache / "models" / "cv.json").read_text())
    assert sorted(scores) == ["0", "1", "2"]
    for fold in scores.values():  # one pattern, learnt from 8 articles, scored on 4
        assert fold["cue"] == pytest.approx(100.0)
        assert fold["source"] == pytest.approx(100.0)
        assert fold["content"] == pytest.approx(100.0)
    assert "3 of 3 folds" in capsys.readouterr().out
    # one fold again, from its cached models: the same scores
    assert script.main([*argv, "--fold", "1", "--skip-train"]) == 0
    assert json.loads((cache / "models" / "cv.json").read_text()) == scores
