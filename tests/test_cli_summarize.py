"""End-to-end: the ``storyline summarize`` command, including every kind of bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from storyline.cli.app import app

runner = CliRunner()
SAMPLES = Path(__file__).resolve().parent.parent / "samples" / "velmar"

REPORT_A = (
    "Floodwater broke through the Marrow Creek levee early on Tuesday, forcing 3,000 residents "
    "of Halden to leave their homes.\nImage copyright Valley Wire\n"
    "The regional fire service said its crews rescued 41 people from rooftops in the lower town.\n"
    "Mayor Ines Varga declared a state of emergency and opened the sports hall as a shelter.\n"
)
REPORT_B = (
    "Some 3,000 people were evacuated from Halden after the Marrow Creek levee broke on Tuesday.\n"
    "Fire crews rescued 41 residents who were trapped on rooftops, the fire service said.\n"
    "Mayor Ines Varga declared a state of emergency in the town.\n"
)


@pytest.fixture
def reports(tmp_path: Path) -> Path:
    (tmp_path / "a.txt").write_text(REPORT_A, encoding="utf-8")
    (tmp_path / "b.txt").write_text(REPORT_B, encoding="utf-8")
    return tmp_path


def _run(*args: str, input: str | bytes | None = None):
    return runner.invoke(app, list(args), input=input)


def test_cli_summarize_prints_a_cited_markdown_summary(reports: Path) -> None:
    result = _run("summarize", str(reports / "a.txt"), str(reports / "b.txt"))
    assert result.exit_code == 0, result.output
    assert "# Summary of 2 reports" in result.stdout
    assert "[1]" in result.stdout and "[2]" in result.stdout
    assert "## Sources" in result.stdout


def test_cli_summarize_json_citations_slice_documents(reports: Path) -> None:
    result = _run("summarize", str(reports), "--format", "json", "--words", "40")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["summary"]
    for s in data["summary"]:
        c = s["citations"][0]
        assert data["documents"][c["doc"]]["text"][c["start"] : c["end"]] == s["text"]
    assert sum(len(s["text"].split()) for s in data["summary"]) <= 40


@pytest.mark.parametrize("budget", [22, 32])
def test_cli_summarize_fill_reaches_the_word_budget(reports: Path, budget: int) -> None:
    def words_of(*extra: str) -> list[int]:
        args = ("--format", "json", "--words", str(budget), *extra)
        result = _run("summarize", str(reports), *args)
        assert result.exit_code == 0, result.output
        return [len(s["text"].split()) for s in json.loads(result.stdout)["summary"]]

    bounded, filled = words_of(), words_of("--fill")
    assert sum(bounded) < budget < sum(filled)
    assert sum(filled[:-1]) <= budget


def test_cli_summarize_explain_lists_removed_noise(reports: Path) -> None:
    result = _run("summarize", str(reports), "--explain")
    assert result.exit_code == 0, result.output
    assert "Image copyright Valley Wire" in result.stdout
    assert "Image copyright" not in result.stdout.split("## Sources")[0]


def test_cli_summarize_writes_output_file(reports: Path, tmp_path: Path) -> None:
    out = tmp_path / "summary.md"
    result = _run("summarize", str(reports), "-o", str(out), "--format", "text")
    assert result.exit_code == 0, result.output
    assert "Mayor Ines Varga" in out.read_text(encoding="utf-8") or "3,000" in out.read_text(
        encoding="utf-8"
    )


def test_cli_summarize_unwritable_output_leaves_no_file(reports: Path, tmp_path: Path) -> None:
    out = tmp_path / "missing-folder" / "summary.md"
    result = _run("summarize", str(reports), "-o", str(out))
    assert result.exit_code == 5
    assert "missing-folder" in result.stderr and "Traceback" not in result.output
    assert not out.exists()


def test_cli_summarize_reads_stdin() -> None:
    result = _run("summarize", "-", input=REPORT_B)
    assert result.exit_code == 0, result.output
    assert "# Summary of 1 report" in result.stdout


def test_cli_summarize_missing_file_names_it(tmp_path: Path) -> None:
    result = _run("summarize", str(tmp_path / "nope.txt"))
    assert result.exit_code == 3
    assert "nope.txt" in result.stderr and "Traceback" not in result.output


def test_cli_summarize_binary_file_is_refused(tmp_path: Path) -> None:
    png = tmp_path / "photo.txt"
    png.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    result = _run("summarize", str(png))
    assert result.exit_code == 3
    assert "photo.txt" in result.stderr and "Traceback" not in result.output


def test_cli_summarize_empty_file_is_refused(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n", encoding="utf-8")
    result = _run("summarize", str(empty))
    assert result.exit_code == 3
    assert "empty.txt" in result.stderr


def test_cli_summarize_no_sentences_exit_code(tmp_path: Path) -> None:
    f = tmp_path / "credits.txt"
    f.write_text("Image copyright Reuters\nImage caption Smoke over the port\n", encoding="utf-8")
    result = _run("summarize", str(f))
    assert result.exit_code == 4, result.output
    assert "credits.txt" in result.stderr


def test_cli_summarize_single_document(reports: Path) -> None:
    result = _run("summarize", str(reports / "b.txt"), "--words", "30")
    assert result.exit_code == 0, result.output


def test_cli_summarize_duplicate_documents_counted_once(reports: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy.txt"
    copy.write_text(REPORT_A, encoding="utf-8")
    result = _run("summarize", str(reports / "a.txt"), str(copy), "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert len(data["documents"]) == 1
    assert any("counted once" in n for n in data["notes"])


def test_cli_summarize_huge_document_is_bounded_and_said_so(tmp_path: Path) -> None:
    huge = tmp_path / "huge.txt"
    huge.write_text(REPORT_A + "The river rose again overnight in the valley.\n" * 6000)
    result = _run("summarize", str(huge), "--format", "json")
    assert result.exit_code == 0, result.output
    assert any("only its first" in n for n in json.loads(result.stdout)["notes"])


def test_cli_summarize_bad_date_is_a_usage_error(reports: Path) -> None:
    result = _run("summarize", str(reports), "--date", "30/09/2015")
    assert result.exit_code == 2


def test_cli_summarize_bundled_sample_in_a_real_process() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "storyline", "summarize", str(SAMPLES), "--format", "json"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert len(data["documents"]) >= 3 and data["removed"]
    assert any(len({c["doc"] for c in s["citations"]}) >= 2 for s in data["summary"])


def test_cli_summarize_internal_error_is_one_line_not_a_traceback(
    reports: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import storyline.cli.summarize_cmd as cmd

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("simulated bug")

    monkeypatch.setattr(cmd, "summarize", broken)
    result = _run("summarize", str(reports))
    assert result.exit_code == 1
    assert "internal error" in result.stderr and "simulated bug" in result.stderr
    assert "Traceback" not in result.output
