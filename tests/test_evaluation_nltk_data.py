"""The generated NLTK punkt_tab model: sumy can tokenize, and it matches ``punkt``."""

from __future__ import annotations

from pathlib import Path

import nltk
import punkt
import pytest
from sumy.nlp.tokenizers import Tokenizer

from storyline.evaluation.nltk_data import MODEL_FILES, data_root, ensure_punkt_tab, model_dir

PARAGRAPH = (
    "The council met on Tuesday. Mr. Alder, the chair, opened the session at 9 a.m. "
    "and read the agenda. Dr. Reyes of the U.S. delegation spoke next; she said the "
    "plan was sound. Votes were counted twice! Was the result ever in doubt? Nobody "
    "on the committee thought so, said Sen. Hallam."
)


@pytest.fixture
def nltk_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh data folder; ``nltk.data.path`` is restored after the test."""
    monkeypatch.setattr(nltk.data, "path", list(nltk.data.path))
    monkeypatch.setenv("STORYLINE_NLTK_DATA", str(tmp_path / "nltk_data"))
    return tmp_path / "nltk_data"


def test_nltk_data_root_follows_env(nltk_root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert data_root() == nltk_root
    monkeypatch.delenv("STORYLINE_NLTK_DATA")
    monkeypatch.setenv("XDG_CACHE_HOME", "/somewhere/cache")
    assert data_root() == Path("/somewhere/cache/storyline/nltk_data")


def test_nltk_data_writes_the_four_files_and_puts_root_on_path(nltk_root: Path) -> None:
    root = ensure_punkt_tab()
    assert root == nltk_root.resolve()
    assert sorted(p.name for p in model_dir(root).iterdir()) == sorted(MODEL_FILES)
    assert nltk.data.path[0] == str(root)


def test_nltk_data_is_idempotent(nltk_root: Path) -> None:
    root = ensure_punkt_tab()
    stamps = {p: p.stat().st_mtime_ns for p in model_dir(root).iterdir()}
    assert ensure_punkt_tab() == root
    assert {p: p.stat().st_mtime_ns for p in model_dir(root).iterdir()} == stamps
    assert nltk.data.path.count(str(root)) == 1


def test_nltk_data_repairs_an_incomplete_model(nltk_root: Path) -> None:
    root = ensure_punkt_tab()
    (model_dir(root) / "ortho_context.tab").unlink()
    ensure_punkt_tab()
    assert (model_dir(root) / "ortho_context.tab").stat().st_size > 100_000


def test_nltk_data_sumy_tokenizer_splits_sentences(nltk_root: Path) -> None:
    ensure_punkt_tab()
    sentences = Tokenizer("english").to_sentences(PARAGRAPH)
    assert sentences[0] == "The council met on Tuesday."
    assert sentences[1].startswith("Mr. Alder, the chair")
    assert len(sentences) == 6


def test_nltk_data_model_agrees_with_punkt(nltk_root: Path) -> None:
    ensure_punkt_tab()
    ours = nltk.tokenize.PunktTokenizer("english")
    reference = punkt.PunktSentenceTokenizer(punkt.load_model("english"))
    assert ours.tokenize(PARAGRAPH) == reference.tokenize(PARAGRAPH)
    params = punkt.load_model("english")
    assert ours._params.abbrev_types == params.abbrev_types
    assert ours._params.collocations == params.collocations
    assert ours._params.sent_starters == params.sent_starters
    # NLTK's defaultdict grows a zero entry for every type it is asked about.
    grown = {t: f for t, f in ours._params.ortho_context.items() if f}
    assert grown == params.ortho_context
