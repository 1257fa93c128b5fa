"""CLI targets: ``storyline summarize|dossier|batch`` in a subprocess on generated files.

Only ``bench/fuzz.py`` runs them (each run starts Python). A run fails on exit code 1, a
traceback, an exit code the README does not document, a summary citation that does not
slice to its sentence, or batch output that breaks "one output line per input line".
The time and memory of each run are the child's own (``os.wait4``), so ``bench/fuzz.py``
applies its limits to them.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from fuzz_targets import Broken, target
from fuzz_targets.library import check_batch_output
from fuzz_targets.strategies import batch_file, file_bytes

STORYLINE = str(Path(sys.executable).with_name("storyline"))
DOCUMENTED = {0, 2, 3, 4, 5, 6, *range(101, 201)}
#: Seconds a CLI run may take before it counts as a hang (bench/fuzz.py's limit).
TIMEOUT = 10.0


class ChildUsage:
    """Wall time (s) and peak memory (bytes) of the last CLI run, for bench/fuzz.py."""

    seconds = 0.0
    max_rss = 0


def run_cli(args: list[str], timeout: float = TIMEOUT) -> tuple[int, str, str]:
    """``(exit code, stdout, stderr)`` of ``storyline ARGS``; :class:`Broken` on a hang."""
    start = time.perf_counter()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        proc = subprocess.Popen([STORYLINE, *args], stdout=out, stderr=err,
                                stdin=subprocess.DEVNULL)
        deadline = start + timeout
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                proc.kill()
                os.wait4(proc.pid, 0)
                raise Broken(f"hang: storyline {args[0]} ran over {timeout:.0f} s")
            time.sleep(0.02)
        ChildUsage.seconds = time.perf_counter() - start
        ChildUsage.max_rss = usage.ru_maxrss * 1024
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return proc.returncode, out.read().decode("utf-8", "replace"), err.read().decode(
            "utf-8", "replace")


def check_exit(command: str, code: int, stderr: str) -> None:
    if code == 1 or "Traceback" in stderr or "internal error" in stderr:
        last = stderr.strip().splitlines()[-1:] or ["(no message)"]
        raise Broken(f"storyline {command}: exit {code}: {last[0][:200]}")
    if code not in DOCUMENTED:
        raise Broken(f"storyline {command}: undocumented exit code {code}")


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
        code, out, err = run_cli(["dossier", str(path), "--format", "json"], timeout=30.0)
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


__all__ = ["ChildUsage", "run_cli"]
