"""CLI targets: ``storyline summarize|dossier|batch`` in a subprocess on generated files.

Only ``bench/fuzz.py`` runs them (each run starts Python). A run fails on exit code 1, a
traceback, an exit code the README does not document, a summary citation that does not
slice to its sentence, or batch output that breaks "one output line per input line".
The CPU time, wall time and memory of each run are the child's own (``os.wait4``), so
``bench/fuzz.py`` applies its limits to them; the kernel stops a child past the CPU limit
(``RLIMIT_CPU``).
"""

from __future__ import annotations

import json
import os
import re
import resource
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from fuzz_targets import Broken, target
from fuzz_targets.library import check_batch_output
from fuzz_targets.strategies import batch_file, file_bytes

STORYLINE = str(Path(sys.executable).with_name("storyline"))
DOCUMENTED = {0, 2, 3, 4, 5, 6, *range(101, 201)}
#: CPU seconds a CLI run may use before it counts as a hang (bench/fuzz.py's limit).
CPU_LIMIT = 10.0
#: Wall seconds per CPU second of the limit before a run is stopped whatever its CPU time.
WALL_FACTOR = 6.0


class ChildUsage:
    """CPU time (s), wall time (s) and peak memory (bytes) of the last CLI run, for
    bench/fuzz.py; ``cpu_limit`` is the hang limit it sets."""

    cpu_limit = CPU_LIMIT
    cpu = 0.0
    seconds = 0.0
    max_rss = 0

    @classmethod
    def reset(cls) -> None:
        cls.cpu = cls.seconds = 0.0
        cls.max_rss = 0


class ChildTimeout(Broken):
    """The child used more CPU time than the limit (the kernel stopped it)."""

    kind = "timeout"


class WallStop(Exception):
    """The child ran ``WALL_FACTOR`` x the limit in wall time while under the CPU limit:
    the machine is loaded, not a hang by the CPU criterion (bench/fuzz.py counts these)."""


class ChildCrash(Broken):
    """Exit 1, a traceback or an undocumented exit code; ``kind`` and ``stage`` are read
    from the traceback when there is one."""

    def __init__(self, message: str, kind: str, stage: str) -> None:
        super().__init__(message)
        self.kind = kind
        self.stage = stage


def _limit_cpu(seconds: float) -> Any:
    def limit() -> None:
        cap = int(seconds) + 2  # the kernel counts whole seconds; the limit is checked after
        resource.setrlimit(resource.RLIMIT_CPU, (cap, cap))

    return limit


def run_cli(args: list[str]) -> tuple[int, str, str]:
    """``(exit code, stdout, stderr)`` of ``storyline ARGS``. :class:`ChildTimeout` when
    the child used over the CPU limit; :class:`WallStop` when it was stopped by the wall
    backstop while under it."""
    limit = ChildUsage.cpu_limit
    start = time.perf_counter()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(
            [STORYLINE, *args],
            stdout=out,
            stderr=err,
            stdin=subprocess.DEVNULL,
            preexec_fn=_limit_cpu(limit),
        )
        deadline = start + limit * WALL_FACTOR
        killed = False
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                proc.kill()
                killed = True
                _, status, usage = os.wait4(proc.pid, 0)
                break
            time.sleep(0.02)
        ChildUsage.seconds = time.perf_counter() - start
        ChildUsage.cpu = usage.ru_utime + usage.ru_stime
        ChildUsage.max_rss = usage.ru_maxrss * 1024
        code = os.waitstatus_to_exitcode(status)
        if ChildUsage.cpu > limit or code == -signal.SIGXCPU:
            raise ChildTimeout(
                f"storyline {args[0]}: {ChildUsage.cpu:.1f} s CPU ({ChildUsage.seconds:.1f} s wall)"
            )
        if killed:
            raise WallStop(
                f"storyline {args[0]}: stopped after {ChildUsage.seconds:.0f} s wall "
                f"at {ChildUsage.cpu:.1f} s CPU"
            )
        out.seek(0)
        err.seek(0)
        return code, out.read().decode("utf-8", "replace"), err.read().decode("utf-8", "replace")


_FRAME = re.compile(r'File "[^"]*(?:src|site-packages)/storyline/(\w+)')
_RAISED = re.compile(r"^(\w+(?:\.\w+)*(?:Error|Exception|Exit|Interrupt))\b", re.M)


def check_exit(command: str, code: int, stderr: str) -> None:
    if code == 1 or "Traceback" in stderr or "internal error" in stderr:
        last = stderr.strip().splitlines()[-1:] or ["(no message)"]
        frames = _FRAME.findall(stderr)
        raised = _RAISED.findall(stderr)
        raise ChildCrash(
            f"storyline {command}: exit {code}: {last[0][:200]}",
            raised[-1] if raised else f"exit {code}",
            frames[-1] if frames else command,
        )
    if code not in DOCUMENTED:
        raise ChildCrash(
            f"storyline {command}: undocumented exit code {code}", f"exit {code}", command
        )


def _check_summary_json(text: str) -> None:
    data = json.loads(text)
    docs = [d["text"] for d in data["documents"]]
    for s in data["summary"]:
        c = s["citations"][0]
        if docs[c["doc"]][c["start"] : c["end"]] != s["text"]:
            raise Broken("CLI summary citation does not slice to its sentence")


def _write(tmp: str, named: tuple[str, bytes]) -> Path:
    path = Path(tmp) / named[0]
    path.write_bytes(named[1])
    return path


@target("cli.summarize", lambda chars: file_bytes(chars), cli=True)
def cli_summarize(named: tuple[str, bytes]) -> None:
    with tempfile.TemporaryDirectory(prefix="storyline-fuzz-") as tmp:
        path = _write(tmp, named)
        code, out, err = run_cli(["summarize", str(path), "--format", "json", "--words", "60"])
        check_exit("summarize", code, err)
        if code == 0:
            _check_summary_json(out)


@target("cli.dossier", lambda chars: file_bytes(chars), cli=True)
def cli_dossier(named: tuple[str, bytes]) -> None:
    with tempfile.TemporaryDirectory(prefix="storyline-fuzz-") as tmp:
        path = _write(tmp, named)
        code, out, err = run_cli(["dossier", str(path), "--format", "json"])
        check_exit("dossier", code, err)
        if code == 0:
            _check_summary_json(out)


@target("cli.batch", lambda chars: batch_file(chars), cli=True)
def cli_batch(data: bytes) -> None:
    with tempfile.TemporaryDirectory(prefix="storyline-fuzz-") as tmp:
        src, out = Path(tmp) / "in.jsonl", Path(tmp) / "out.jsonl"
        src.write_bytes(data)
        code, _, err = run_cli(["batch", str(src), "-o", str(out), "--words", "40"])
        check_exit("batch", code, err)
        if code == 3 and data.startswith((b"\xff\xfe", b"\xfe\xff")):
            return
        check_batch_output(data, out.read_bytes())


__all__ = ["ChildCrash", "ChildTimeout", "ChildUsage", "WallStop", "run_cli"]
