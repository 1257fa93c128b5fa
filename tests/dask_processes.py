"""A real Dask cluster on loopback for the tests: ``dask scheduler`` and ``dask
worker`` processes on free ports, always stopped — by the context manager, and by
the kernel if the test process itself dies (PR_SET_PDEATHSIG)."""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from storyline.batch._record import Chunk, Result, summarize_chunk
from storyline.options import Options

DASK = Path(sys.executable).with_name("dask")
START_TIMEOUT = 120.0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def _die_with_parent() -> None:
    """In the child, before exec: be sent SIGKILL when the test process ends."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG


def spawn(args: list[str], log: Path, env: dict[str, str] | None = None) -> subprocess.Popen[bytes]:
    with log.open("ab") as out:
        return subprocess.Popen(
            args,
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
            preexec_fn=_die_with_parent,
            env=env,
        )


def kill_on_marked_line(chunk: Chunk, options: Options) -> list[Result]:
    """Batch work that kills its worker process whenever its chunk has a line with
    ``KILL-THIS-WORKER`` (the cluster's processes import this module: PYTHONPATH)."""
    if any("KILL-THIS-WORKER" in line.text for line in chunk.lines):
        os._exit(3)
    return summarize_chunk(chunk, options)


@dataclass
class Cluster:
    address: str
    scheduler: subprocess.Popen[bytes]
    workers: list[subprocess.Popen[bytes]] = field(default_factory=list)

    def processes(self) -> list[subprocess.Popen[bytes]]:
        return [self.scheduler, *self.workers]


def _wait_for_workers(address: str, count: int) -> None:
    from distributed import Client

    deadline = time.monotonic() + START_TIMEOUT
    while True:
        try:
            with Client(address, timeout="5s") as client:
                if count:
                    client.wait_for_workers(count, timeout=max(deadline - time.monotonic(), 1))
                return
        except (OSError, TimeoutError):
            if time.monotonic() > deadline:
                raise
            time.sleep(0.5)


def stop(process: subprocess.Popen[bytes]) -> None:
    """SIGTERM, then SIGKILL, to the process's whole group; wait for it."""
    for sig, wait in ((signal.SIGTERM, 10), (signal.SIGKILL, 10)):
        if process.poll() is not None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, sig)
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(wait)


@contextlib.contextmanager
def dask_cluster(
    workers: int, logs: Path, nanny: bool = False, allowed_failures: int = 3
) -> Iterator[Cluster]:
    """A scheduler and ``workers`` single-threaded workers on 127.0.0.1; their output
    goes to ``logs``. Without a nanny a killed worker stays dead; with one it restarts.
    A task that was running on ``allowed_failures + 1`` dying workers is given up."""
    logs.mkdir(parents=True, exist_ok=True)
    port = free_port()
    address = f"tcp://127.0.0.1:{port}"
    env = {
        **os.environ,
        "DASK_DISTRIBUTED__SCHEDULER__ALLOWED_FAILURES": str(allowed_failures),
        "PYTHONPATH": str(Path(__file__).parent),
    }
    cluster = Cluster(
        address,
        spawn(
            [str(DASK), "scheduler", "--host", "127.0.0.1", "--port", str(port), "--no-dashboard"],
            logs / "scheduler.log",
            env,
        ),
    )
    try:
        for k in range(workers):
            cluster.workers.append(
                spawn(
                    [
                        str(DASK),
                        "worker",
                        address,
                        "--nthreads",
                        "1",
                        "--nanny" if nanny else "--no-nanny",
                        "--no-dashboard",
                        "--host",
                        "127.0.0.1",
                        "--death-timeout",
                        "60",
                    ],
                    logs / f"worker-{k}.log",
                    env,
                )
            )
        _wait_for_workers(address, workers)
        yield cluster
    finally:
        for process in reversed(cluster.processes()):
            stop(process)
