"""``storyline.batch.run`` with the local engine: shards in (files, folders, globs,
gzip), one file or a folder of shards out, the manifest, resuming, bad shards."""

from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from batch_clusters import cluster_lines, write_shards
from storyline.batch import BatchReport, run
from storyline.batch._output import MANIFEST
from storyline.cli.app import app
from storyline.errors import EngineError, FileReadError, InputError
from storyline.options import Options

OPTIONS = Options(words=40)


@pytest.fixture(scope="module")
def lines() -> list[str]:
    return cluster_lines(40, bad_every=9)


@pytest.fixture(scope="module")
def reference(lines: list[str], tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """The output lines of one shard per 10 input lines, each run alone."""
    folder = tmp_path_factory.mktemp("reference")
    out: list[str] = []
    for path in write_shards(folder / "in", lines, 10):
        run(path, folder / f"{path.name}.out", options=OPTIONS)
        out += (folder / f"{path.name}.out").read_text("utf-8").splitlines(keepends=True)
    return out


def _stamps(folder: Path) -> dict[str, tuple[int, int]]:
    return {p.name: (p.stat().st_ino, p.stat().st_mtime_ns) for p in folder.glob("*.jsonl")}


def test_several_shards_into_one_file_keep_input_order(
    lines: list[str], reference: list[str], tmp_path: Path
) -> None:
    shards = write_shards(tmp_path / "in", lines, 10)
    report = run([str(p) for p in reversed(shards)], tmp_path / "all.jsonl", options=OPTIONS)
    expected = [line for k in (3, 2, 1, 0) for line in reference[10 * k : 10 * k + 10]]
    assert (tmp_path / "all.jsonl").read_text("utf-8").splitlines(keepends=True) == expected
    assert report.total == 40 and report.shards == 4


def test_a_folder_into_a_folder_gives_one_shard_each_and_a_manifest(
    lines: list[str], reference: list[str], tmp_path: Path
) -> None:
    write_shards(tmp_path / "in", lines, 10)
    report = run(tmp_path / "in", f"{tmp_path / 'out'}/", options=OPTIONS)
    outputs = sorted((tmp_path / "out").glob("*.jsonl"))
    assert [p.name for p in outputs] == [f"part-00{k}.jsonl" for k in range(4)]
    assert [ln for p in outputs for ln in p.read_text("utf-8").splitlines(True)] == reference
    manifest = json.loads((tmp_path / "out" / MANIFEST).read_text("utf-8"))
    assert sorted(manifest["shards"]) == [p.name for p in outputs]
    assert manifest["made_by"]["options"]["words"] == 40
    assert report.failed == sum(json.loads(r)["error"] is not None for r in reference) > 0


def test_a_glob_of_gzip_shards_reads_like_the_plain_ones(
    lines: list[str], reference: list[str], tmp_path: Path
) -> None:
    for path in write_shards(tmp_path / "in", lines, 10):
        with gzip.open(path.with_name(path.name + ".gz"), "wt", encoding="utf-8") as f:
            f.write(path.read_text("utf-8"))
        path.unlink()
    run(str(tmp_path / "in" / "part-*.jsonl.gz"), f"{tmp_path / 'out'}/", options=OPTIONS)
    outputs = sorted((tmp_path / "out").glob("*"))
    names = [p.name for p in outputs if p.name != MANIFEST]
    assert names == [f"part-00{k}.jsonl" for k in range(4)]
    text = "".join(p.read_text("utf-8") for p in outputs if p.name != MANIFEST)
    assert text.replace(".jsonl.gz:", ".jsonl:") == "".join(reference)  # notes name the file


def test_a_rerun_skips_finished_shards_and_redoes_a_changed_one(
    lines: list[str], tmp_path: Path
) -> None:
    shards = write_shards(tmp_path / "in", lines, 10)
    out = tmp_path / "out"
    first = run(tmp_path / "in", f"{out}/", options=OPTIONS)
    before = _stamps(out)
    again = run(tmp_path / "in", out, options=OPTIONS)
    assert again.skipped_shards == 4 and _stamps(out) == before
    assert (again.total, again.failed) == (first.total, first.failed)
    shards[2].write_text(shards[2].read_text("utf-8").replace("c2", "C2"), "utf-8")
    (out / "part-000.jsonl").unlink()
    third = run(tmp_path / "in", out, options=OPTIONS)
    assert third.skipped_shards == 2
    after = _stamps(out)
    assert {n for n in after if after[n] != before.get(n)} == {"part-000.jsonl", "part-002.jsonl"}
    assert '"C2' in (out / "part-002.jsonl").read_text("utf-8")


def test_other_options_redo_every_shard(lines: list[str], tmp_path: Path) -> None:
    write_shards(tmp_path / "in", lines, 20)
    run(tmp_path / "in", f"{tmp_path / 'out'}/", options=OPTIONS)
    report = run(tmp_path / "in", tmp_path / "out", options=Options(words=60))
    assert report.skipped_shards == 0


class _StopAfterShards:
    """A progress display whose user presses Ctrl-C after ``shards`` shards."""

    def __init__(self, shards: int) -> None:
        self.left = shards

    def start(self, shards: int, lines: int | None) -> None:
        pass

    def advance(self, lines: int) -> None:
        pass

    def shard_done(self) -> None:
        self.left -= 1
        if self.left == 0:
            raise KeyboardInterrupt


def test_an_interrupted_run_resumes_with_the_unfinished_shards(
    lines: list[str], reference: list[str], tmp_path: Path
) -> None:
    write_shards(tmp_path / "in", lines, 10)
    out = tmp_path / "out"
    with pytest.raises(KeyboardInterrupt):
        run(tmp_path / "in", f"{out}/", options=OPTIONS, progress=_StopAfterShards(2))
    done = _stamps(out)
    assert sorted(done) == ["part-000.jsonl", "part-001.jsonl"]
    assert not list(out.glob(".*.tmp"))
    report = run(tmp_path / "in", out, options=OPTIONS)
    assert report.skipped_shards == 2 and report.skipped_lines == 20
    assert {n: s for n, s in _stamps(out).items() if n in done} == done
    text = "".join(p.read_text("utf-8") for p in sorted(out.glob("*.jsonl")))
    assert text == "".join(reference)


def test_a_temporary_file_left_by_a_killed_run_is_removed(lines: list[str], tmp_path: Path) -> None:
    write_shards(tmp_path / "in", lines[:5], 5)
    (tmp_path / "out").mkdir()
    stale = tmp_path / "out" / ".part-000.jsonl.abc123.tmp"
    stale.write_text("half a line", "utf-8")
    run(tmp_path / "in", tmp_path / "out", options=OPTIONS)
    assert not stale.exists()


def test_an_empty_shard_gives_an_empty_output_shard(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "empty.jsonl").write_text("", "utf-8")
    report = run(tmp_path / "in", f"{tmp_path / 'out'}/")
    assert (tmp_path / "out" / "empty.jsonl").read_text("utf-8") == ""
    assert report.total == 0


def test_two_shards_with_one_output_name_are_refused(tmp_path: Path) -> None:
    for sub in ("a", "b"):
        (tmp_path / sub).mkdir()
        (tmp_path / sub / "x.jsonl").write_text("", "utf-8")
    with pytest.raises(InputError, match="would both be written"):
        run([tmp_path / "a", tmp_path / "b"], f"{tmp_path / 'out'}/")


def test_an_output_folder_that_is_the_input_folder_is_refused(tmp_path: Path) -> None:
    (tmp_path / "x.jsonl").write_text("", "utf-8")
    with pytest.raises(InputError, match="overwrite the input"):
        run(tmp_path, tmp_path)
    assert (tmp_path / "x.jsonl").exists()


def test_inputs_that_match_nothing_are_named(tmp_path: Path) -> None:
    with pytest.raises(FileReadError, match=r"no file matches .*\*\.jsonl"):
        run(str(tmp_path / "*.jsonl"), tmp_path / "o.jsonl")
    with pytest.raises(FileReadError, match="has no"):
        run(tmp_path, tmp_path / "o.jsonl")


def test_a_damaged_gzip_shard_fails_and_keeps_the_finished_ones(
    lines: list[str], tmp_path: Path
) -> None:
    write_shards(tmp_path / "in", lines[:10], 10)
    data = gzip.compress("".join(line + "\n" for line in lines[:10]).encode())
    (tmp_path / "in" / "part-001.jsonl.gz").write_bytes(data[: len(data) // 2])
    with pytest.raises(FileReadError, match=r"part-001\.jsonl\.gz"):
        run(tmp_path / "in", f"{tmp_path / 'out'}/", options=OPTIONS)
    assert [p.name for p in (tmp_path / "out").glob("*.jsonl")] == ["part-000.jsonl"]
    assert not list((tmp_path / "out").glob(".*.tmp"))


def test_two_local_workers_write_the_same_bytes(lines: list[str], tmp_path: Path) -> None:
    src = write_shards(tmp_path / "in", lines, 40)[0]
    one = run(src, tmp_path / "one.jsonl", options=OPTIONS, workers=1)
    two = run(src, tmp_path / "two.jsonl", options=OPTIONS, workers=2, chunk_lines=3)
    assert (tmp_path / "one.jsonl").read_bytes() == (tmp_path / "two.jsonl").read_bytes()
    assert isinstance(two, BatchReport) and (one.total, one.failed) == (two.total, two.failed)


def test_cli_resumed_run_counts_every_shard_in_its_exit_code(
    lines: list[str], tmp_path: Path
) -> None:
    write_shards(tmp_path / "in", lines, 10)
    args = ["batch", str(tmp_path / "in"), "-o", f"{tmp_path / 'out'}/", "--words", "40"]
    first = CliRunner().invoke(app, args)
    failed = sum(
        json.loads(r)["error"] is not None
        for p in sorted((tmp_path / "out").glob("*.jsonl"))
        for r in p.read_text("utf-8").splitlines()
    )
    assert first.exit_code == 100 + failed, first.output
    assert "clusters/s" in first.stderr and "part-000.jsonl: line" in first.stderr
    again = CliRunner().invoke(app, args)
    assert again.exit_code == first.exit_code
    assert "4 of 4 shards were already done (40 lines)" in again.stderr


def test_cli_dask_engine_without_dask_names_the_extra(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)
    src = tmp_path / "in.jsonl"
    src.write_text("", "utf-8")
    result = CliRunner().invoke(
        app, ["batch", str(src), "-o", str(tmp_path / "o"), "--engine", "dask"]
    )
    assert result.exit_code == 9, result.output
    assert "storyline[dask]" in result.stderr and "[S600]" in result.stderr
    with pytest.raises(EngineError):
        run(src, tmp_path / "o.jsonl", engine="dask")


def test_cli_scheduler_needs_the_dask_engine(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app, ["batch", "x.jsonl", "-o", "o.jsonl", "--scheduler", "tcp://127.0.0.1:1"]
    )
    assert result.exit_code == 2
    assert "--engine dask" in result.output + result.stderr
