"""``storyline batch``: streaming, in order, one record per line, failures recorded."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from storyline.batch import batch
from storyline.cli.app import app
from storyline.options import Options

DOC_A = (
    "The Kessel bridge reopened on Friday after three months of repairs. "
    "Engineers replaced the worn bearings and resurfaced the road deck. "
    "Traffic on the old ferry route fell sharply within hours."
)
DOC_B = (
    "After three months of repairs, the Kessel bridge reopened to traffic on Friday. "
    "The town council said the repairs cost 2.4 million euros."
)


def _write(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def clusters(tmp_path: Path) -> Path:
    good = json.dumps({"id": "ok-1", "documents": [DOC_A, DOC_B]})
    objects = json.dumps(
        {"id": "ok-2", "documents": [{"text": DOC_B, "title": "Bridge", "source": "Post"}]}
    )
    return _write(
        tmp_path / "in.jsonl",
        [
            good,
            "{not json",
            json.dumps({"id": "no-docs"}),
            "",
            objects,
            json.dumps({"id": "empty", "documents": ["   "]}),
        ],
    )


def test_batch_writes_one_record_per_line_in_order(clusters: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    report = batch(clusters, out, Options(words=40))
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in records] == ["ok-1", None, "no-docs", None, "ok-2", "empty"]
    assert report.total == 6 and report.failed == 4
    assert records[0]["error"] is None and records[0]["summary"]
    assert records[4]["error"] is None
    assert "line 2" in records[1]["error"] and "JSON" in records[1]["error"]
    assert "documents" in records[2]["error"]
    assert "empty" in records[3]["error"]


def test_batch_sentences_cite_their_documents(clusters: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    batch(clusters, out, Options(words=40))
    first = json.loads(out.read_text(encoding="utf-8").splitlines()[0])
    docs = [DOC_A, DOC_B]
    for s in first["sentences"]:
        c = s["citations"][0]
        assert docs[c["doc"]][c["start"] : c["end"]] == s["text"]


def test_batch_two_workers_give_the_same_output(clusters: Path, tmp_path: Path) -> None:
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    batch(clusters, one, Options(words=40), workers=1)
    batch(clusters, two, Options(words=40), workers=2)
    assert one.read_text(encoding="utf-8") == two.read_text(encoding="utf-8")


def test_cli_batch_exit_code_counts_failures(clusters: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(app, ["batch", str(clusters), "-o", str(out), "--words", "40"])
    assert result.exit_code == 104, result.output
    assert "2 of 6 clusters summarized" in result.stderr
    assert "line 2" in result.stderr


def test_cli_batch_all_good_exits_zero(tmp_path: Path) -> None:
    src = _write(tmp_path / "in.jsonl", [json.dumps({"id": 1, "documents": [DOC_A, DOC_B]})])
    result = CliRunner().invoke(app, ["batch", str(src), "-o", str(tmp_path / "o.jsonl")])
    assert result.exit_code == 0, result.output


def test_cli_batch_fill_ends_each_summary_past_the_budget(tmp_path: Path) -> None:
    src = _write(tmp_path / "in.jsonl", [json.dumps({"id": 1, "documents": [DOC_A, DOC_B]})])
    counts = []
    for extra in ([], ["--fill"]):
        out = tmp_path / f"o{len(extra)}.jsonl"
        args = ["batch", str(src), "-o", str(out), "--words", "15", *extra]
        result = CliRunner().invoke(app, args)
        assert result.exit_code == 0, result.output
        record = json.loads(out.read_text(encoding="utf-8"))
        counts.append(sum(len(s["text"].split()) for s in record["sentences"]))
    assert counts[0] <= 15 < counts[1]


def test_cli_batch_missing_input_file(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["batch", str(tmp_path / "x.jsonl"), "-o", "o.jsonl"])
    assert result.exit_code == 3
    assert "x.jsonl" in result.stderr
