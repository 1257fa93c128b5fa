"""``--engine dask`` on real Dask processes on loopback: the same bytes as the local
engine, a worker killed mid-run, a client killed mid-run and resumed."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from batch_clusters import cluster_lines, write_shards
from dask_processes import Cluster, dask_cluster, free_port, kill_on_marked_line, stop
from storyline.batch import dask_engine, run
from storyline.batch._output import MANIFEST
from storyline.batch._shards import read_chunks
from storyline.batch.dask_engine import DaskEngine
from storyline.cli.app import app
from storyline.errors import EngineError
from storyline.options import Options

pytest.importorskip("distributed")
pytestmark = pytest.mark.slow

OPTIONS = Options(words=40)
COUNT = 300
STORYLINE = Path(sys.executable).with_name("storyline")


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cluster]:
    with dask_cluster(2, tmp_path_factory.mktemp("dask-logs")) as running:
        yield running


@pytest.fixture(scope="module")
def clusters_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("in") / "clusters.jsonl"
    path.write_text("".join(line + "\n" for line in cluster_lines(COUNT)), "utf-8")
    return path


@pytest.fixture(scope="module")
def reference(clusters_file: Path, tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """What ``--engine local`` writes for ``clusters_file``."""
    out = tmp_path_factory.mktemp("local") / "out.jsonl"
    report = run(clusters_file, out, options=OPTIONS)
    assert report.total == COUNT and 0 < report.failed < COUNT
    return out.read_bytes()


def test_dask_cluster_writes_the_local_engines_bytes(
    cluster: Cluster, clusters_file: Path, reference: bytes, tmp_path: Path
) -> None:
    out = tmp_path / "out.jsonl"
    report = run(
        clusters_file, out, engine="dask", scheduler=cluster.address, options=OPTIONS, chunk_lines=8
    )
    assert out.read_bytes() == reference
    assert report.total == COUNT and report.failed == reference.count(b'"error": "line ')


def test_cli_local_dask_cluster_writes_the_local_engines_bytes(
    clusters_file: Path, reference: bytes, tmp_path: Path
) -> None:
    head = b"".join(reference.splitlines(keepends=True)[:60])
    src = tmp_path / "in" / clusters_file.name
    src.parent.mkdir()
    src.write_bytes(b"".join(clusters_file.read_bytes().splitlines(keepends=True)[:60]))
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(
        app,
        ["batch", str(src), "-o", str(out), "--words", "40", "--engine", "dask", "--workers", "2"],
    )
    assert result.exit_code == 100 + head.count(b'"error": "line '), result.output
    assert out.read_bytes() == head
    assert "clusters/s" in result.stderr


class _KillWorker:
    """Progress that kills one worker once some chunks are written."""

    def __init__(self, worker: subprocess.Popen[bytes], after_lines: int) -> None:
        self.worker, self.after, self.written = worker, after_lines, 0

    def start(self, shards: int, lines: int | None) -> None:
        pass

    def advance(self, lines: int) -> None:
        self.written += lines
        if self.written >= self.after and self.worker.poll() is None:
            self.worker.send_signal(signal.SIGKILL)
            self.worker.wait(10)

    def shard_done(self) -> None:
        pass


def test_a_worker_killed_mid_run_loses_no_line_and_repeats_none(
    clusters_file: Path, reference: bytes, tmp_path: Path
) -> None:
    with dask_cluster(2, tmp_path / "logs") as running:
        victim = running.workers[0]
        out = tmp_path / "out.jsonl"
        run(
            clusters_file,
            out,
            engine="dask",
            scheduler=running.address,
            options=OPTIONS,
            chunk_lines=4,
            progress=_KillWorker(victim, after_lines=40),
        )
        assert victim.returncode == -signal.SIGKILL
        assert running.workers[1].poll() is None
    assert out.read_bytes() == reference


def _finished(folder: Path) -> dict[str, int]:
    try:
        manifest = json.loads((folder / MANIFEST).read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    return {name: (folder / name).stat().st_mtime_ns for name in manifest["shards"]}


def test_a_killed_client_resumes_with_only_the_unfinished_shards(
    cluster: Cluster, clusters_file: Path, tmp_path: Path
) -> None:
    lines = clusters_file.read_text("utf-8").splitlines()[:120]
    write_shards(tmp_path / "in", lines, 12)
    run(tmp_path / "in", f"{tmp_path / 'local'}/", options=OPTIONS)
    out = tmp_path / "out"
    args = [
        str(STORYLINE),
        "batch",
        str(tmp_path / "in"),
        "-o",
        f"{out}/",
        "--words",
        "40",
        "--engine",
        "dask",
        "--scheduler",
        cluster.address,
    ]
    with (tmp_path / "client.log").open("wb") as log:
        client = subprocess.Popen(args, stdout=log, stderr=log, start_new_session=True)
    try:
        deadline = time.monotonic() + 300
        while not _finished(out) and client.poll() is None and time.monotonic() < deadline:
            time.sleep(0.02)
        client.send_signal(signal.SIGKILL)
        client.wait(10)
    finally:
        stop(client)
    done = _finished(out)
    assert 1 <= len(done) < 10, (tmp_path / "client.log").read_text()
    result = CliRunner().invoke(app, args[1:])
    assert f"{len(done)} of 10 shards were already done" in result.stderr, result.output
    assert {name: stamp for name, stamp in _finished(out).items() if name in done} == done
    for want in sorted((tmp_path / "local").glob("*.jsonl")):
        assert (out / want.name).read_bytes() == want.read_bytes()
    assert len(list(out.glob("*.jsonl"))) == 10 and not list(out.glob(".*.tmp"))


def test_a_line_that_kills_every_worker_it_meets_gets_an_error_record(
    clusters_file: Path, reference: bytes, tmp_path: Path
) -> None:
    lines = clusters_file.read_text("utf-8").splitlines()[:12]
    lines[5] = json.dumps({"id": "killer", "documents": ["KILL-THIS-WORKER now. " * 3]})
    src = tmp_path / "in.jsonl"
    src.write_text("".join(line + "\n" for line in lines), "utf-8")
    chunks = list(read_chunks(0, src, 4, {}))
    with (
        dask_cluster(1, tmp_path / "logs", nanny=True, allowed_failures=0) as running,
        DaskEngine(scheduler=running.address) as engine,
    ):
        done = list(engine.map(chunks, OPTIONS, work=kill_on_marked_line))
    records = [record for _, results in done for record, _ in results]
    expected = reference.decode("utf-8").splitlines()[:12]
    assert [r for k, r in enumerate(records) if k != 5] == expected[:5] + expected[6:]
    killed = json.loads(records[5])
    assert killed["id"] == "killer" and "line 6: a Dask worker died" in killed["error"]


def test_a_scheduler_without_workers_is_a_clear_error(
    clusters_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(dask_engine, "WORKER_TIMEOUT", 1)
    with (
        dask_cluster(0, tmp_path / "logs") as running,
        pytest.raises(EngineError, match="no Dask worker joined"),
    ):
        run(clusters_file, tmp_path / "o.jsonl", engine="dask", scheduler=running.address)


def test_an_unreachable_scheduler_is_a_clear_error(clusters_file: Path, tmp_path: Path) -> None:
    address = f"tcp://127.0.0.1:{free_port()}"
    with pytest.raises(EngineError, match=r"cannot reach the Dask scheduler at tcp://127\.0\.0\.1"):
        run(clusters_file, tmp_path / "o.jsonl", engine="dask", scheduler=address)
    assert not (tmp_path / "o.jsonl").exists()
