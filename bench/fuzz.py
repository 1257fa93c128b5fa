"""Fuzz storyline at length: the targets of ``tests/fuzz_targets`` (library and CLI).

Runs every target's hypothesis strategy round-robin, in batches of fresh random inputs,
until ``--minutes`` have passed, and prints: runs per target, distinct failures
(deduplicated by kind, target and stage: the exception's type or "timeout"/"memory", the
target, the storyline package it came from), the slowest input and the peak memory. A
failure is an exception that is not a ``StorylineError`` (for the CLI: exit code 1, a
traceback, an undocumented exit code; for the web app: a 500), a broken invariant (a
citation that does not slice to its sentence, batch's line accounting), a hang (over
``--hang`` s of CPU time for an input under 100 KB: the CPU time of this process or of the
CLI child, since other load on a shared machine inflates wall time; wall time is reported
beside, and a run is stopped at 6x the limit in wall time whatever its CPU time) or memory
over 1 GB for an input under 1 MB. Failing inputs are saved (``--save``, one file each)
to be replayed.

    python bench/fuzz.py --minutes 15 [--targets summarize,cli.batch] [--chars 60000]
"""

from __future__ import annotations

import argparse
import pickle
import re
import resource
import signal
import sys
import time
import traceback
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from hypothesis import HealthCheck, Phase, given, settings

from fuzz_targets import Broken, Target, load, size_of
from fuzz_targets.cli import ChildUsage, WallStop
from storyline.errors import StorylineError

HANG_INPUT = 100_000
MEMORY_INPUT = 1_000_000
MEMORY_LIMIT = 1 << 30
#: Wall seconds per CPU second of the hang limit before a run is stopped anyway (the
#: machine may be shared: wall time is not the criterion, CPU time is).
WALL_FACTOR = 6.0


class Hang(Exception):
    """A run used more CPU time than the hang limit (or was stopped by the alarm)."""


@dataclass
class Failure:
    key: tuple[str, str, str]
    message: str
    target: str
    count: int = 0
    saved: str | None = None


@dataclass
class Campaign:
    hang: float
    save: Path
    runs: Counter[str] = field(default_factory=Counter)
    failures: dict[tuple[str, str, str], Failure] = field(default_factory=dict)
    #: (CPU s, wall s, target, characters, input head) of the run with the most CPU time.
    slowest: tuple[float, float, str, int, str] = (0.0, 0.0, "", 0, "")
    slowest_wall: tuple[float, float, str, int, str] = (0.0, 0.0, "", 0, "")
    peak_child: int = 0
    #: Runs stopped by the wall-clock backstop while under the CPU limit (machine load).
    wall_stops: int = 0

    def record(
        self, t: Target, value: Any, error: BaseException | None, cpu: float, wall: float
    ) -> None:
        self.runs[t.name] += 1
        size = size_of(value)
        row = (cpu, wall, t.name, size, repr(value)[:160])
        if cpu > self.slowest[0]:
            self.slowest = row
        if wall > self.slowest_wall[1]:
            self.slowest_wall = row
        if t.cli:
            self.peak_child = max(self.peak_child, ChildUsage.max_rss)
        if error is None and size < MEMORY_INPUT and _crossed_memory(t):
            error = MemoryError(
                f"{_memory_of(t) / 2**20:.0f} MB for an input of {size:,} characters"
            )
        if error is None and size < HANG_INPUT and cpu > self.hang:
            error = Hang(f"{cpu:.1f} s CPU ({wall:.1f} s wall) for an input of {size:,} characters")
        if error is not None:
            self._fail(t, value, error)

    def _fail(self, t: Target, value: Any, error: BaseException) -> None:
        key = failure_key(t.name, error)
        failure = self.failures.setdefault(key, Failure(key, str(error)[:300], t.name))
        failure.count += 1
        if failure.saved is None:
            self.save.mkdir(parents=True, exist_ok=True)
            path = self.save / f"{len(self.failures):03d}-{t.name}.pickle"
            path.write_bytes(pickle.dumps((t.name, value)))
            failure.saved = str(path)


def failure_key(target: str, error: BaseException) -> tuple[str, str, str]:
    """``(kind, target, stage)``: kind is the exception's type, "timeout" or "memory";
    stage is the storyline package the failure came from (``segment``, ``web``...), or
    for a broken invariant the check that failed. Messages (seconds, sizes, line
    numbers) are not part of it, so one bug counts once however often it shows."""
    kind = getattr(error, "kind", None) or type(error).__name__
    if isinstance(error, Hang):
        kind = "timeout"
    elif isinstance(error, MemoryError):
        kind = "memory"
    stage = getattr(error, "stage", None)
    if stage is None and isinstance(error, Broken):
        stage = re.sub(r"\d+", "N", str(error).split(":")[0])[:60]
    return (kind, target, stage or _stage(error))


_PACKAGE = re.compile(r"(?:^|/)(?:src|site-packages)/storyline/(\w+)")


def _stage(error: BaseException) -> str:
    """The top-level storyline package (``segment``, ``web``...) of the innermost frame
    inside storyline's own code; "-" when none (the run ended outside storyline)."""
    for frame in reversed(traceback.extract_tb(error.__traceback__)):
        m = _PACKAGE.search(frame.filename.replace("\\", "/"))
        if m:
            return m.group(1)
    return "-"


_LAST_RSS = 0


def _rss() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def _memory_of(t: Target) -> int:
    return ChildUsage.max_rss if t.cli else _rss()


def _crossed_memory(t: Target) -> bool:
    """Over the limit: a CLI child's peak, or this process's high-water mark when this
    run raised it over the limit (a high-water mark never falls, so only the run that
    crossed it is blamed)."""
    global _LAST_RSS
    if t.cli:
        return ChildUsage.max_rss > MEMORY_LIMIT
    now = _rss()
    crossed = _LAST_RSS <= MEMORY_LIMIT < now
    _LAST_RSS = now
    return crossed


def _alarm(signum: int, frame: Any) -> None:
    what = "CPU" if signum == signal.SIGPROF else "wall-clock"
    raise Hang(f"the run was stopped by the {what} alarm")


def run_one(campaign: Campaign, t: Target, value: Any) -> None:
    """Run one input; failures are recorded, never raised (hypothesis goes on). The
    hang criterion is CPU time (this process's, or the CLI child's own): wall time on
    a shared machine is inflated by others' load; it is reported beside."""
    error: BaseException | None = None
    start, cpu_start = time.perf_counter(), time.process_time()
    timed = not t.cli and size_of(value) < HANG_INPUT
    if timed:
        signal.setitimer(signal.ITIMER_PROF, campaign.hang * 1.5)
        signal.setitimer(signal.ITIMER_REAL, campaign.hang * WALL_FACTOR)
    ChildUsage.reset()
    try:
        t.run(value)
    except StorylineError:
        pass
    except WallStop:
        campaign.wall_stops += 1
    except Exception as e:
        error = e
    finally:
        if timed:
            signal.setitimer(signal.ITIMER_PROF, 0)
            signal.setitimer(signal.ITIMER_REAL, 0)
    if t.cli:
        cpu, wall = ChildUsage.cpu, ChildUsage.seconds
    else:
        cpu, wall = time.process_time() - cpu_start, time.perf_counter() - start
    campaign.record(t, value, error, cpu, wall)


def batch_of(campaign: Campaign, t: Target, chars: int, examples: int) -> None:
    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(t.strategy(chars))
    def fuzz(value: Any) -> None:
        run_one(campaign, t, value)

    fuzz()


def report(campaign: Campaign, minutes: float, started: float) -> None:
    elapsed = time.perf_counter() - started
    total = sum(campaign.runs.values())
    print(
        f"\nstoryline fuzz: {total:,} runs in {elapsed / 60:.1f} min (asked {minutes} min); "
        f"hang = over {campaign.hang:g} s of CPU time for an input under {HANG_INPUT:,}"
    )
    for name, n in sorted(campaign.runs.items()):
        fails = sum(f.count for f in campaign.failures.values() if f.target == name)
        print(f"  {name:16} {n:7,} runs  {fails:5,} failing")
    print(f"distinct failures (kind, target, stage): {len(campaign.failures)}")
    for f in campaign.failures.values():
        print(
            f"  [{f.count}x] {' / '.join(f.key)}\n      {f.message[:200]}\n      input: {f.saved}"
        )
    for label, (cpu, wall, name, size, head) in (
        ("slowest input (CPU)", campaign.slowest),
        ("slowest input (wall)", campaign.slowest_wall),
    ):
        print(f"{label}: {cpu:.2f} s CPU, {wall:.2f} s wall, {name}, {size:,} characters: {head}")
    if campaign.wall_stops:
        print(f"runs stopped by the wall-clock backstop under the CPU limit: {campaign.wall_stops}")
    print(
        f"peak memory: this process {_rss() / 2**20:.0f} MB, "
        f"largest CLI child {campaign.peak_child / 2**20:.0f} MB"
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--minutes", type=float, default=10.0)
    ap.add_argument("--targets", help="comma-separated names (default: all)")
    ap.add_argument("--chars", type=int, default=60_000, help="input size to aim at")
    ap.add_argument("--batch", type=int, default=25, help="inputs per target per turn")
    ap.add_argument("--hang", type=float, default=10.0, help="CPU seconds that make a hang")
    ap.add_argument("--no-cli", action="store_true", help="library targets only")
    ap.add_argument("--save", type=Path, default=Path("/tmp/storyline-fuzz-failures"))
    args = ap.parse_args(argv)
    targets = load()
    chosen = [
        t
        for name, t in targets.items()
        if (not args.targets or name in args.targets.split(",")) and not (args.no_cli and t.cli)
    ]
    if not chosen:
        ap.error(f"no such target; known: {', '.join(targets)}")
    signal.signal(signal.SIGALRM, _alarm)
    signal.signal(signal.SIGPROF, _alarm)
    ChildUsage.cpu_limit = args.hang
    for t in chosen:  # imports and first-use caches are not the inputs' cost
        if not t.cli:
            batch_of(Campaign(hang=1e9, save=args.save / "warm-up"), t, 200, 2)
    campaign = Campaign(hang=args.hang, save=args.save)
    started = time.perf_counter()
    deadline = started + args.minutes * 60
    turn = 0
    while time.perf_counter() < deadline:
        t = chosen[turn % len(chosen)]
        # Small inputs most turns, big ones every third: both kinds of bug show up.
        chars = args.chars if turn % 3 == 2 else min(args.chars, 3_000)
        batch_of(campaign, t, chars, args.batch if not t.cli else max(2, args.batch // 5))
        turn += 1
    report(campaign, args.minutes, started)
    return 1 if campaign.failures else 0


if __name__ == "__main__":
    sys.exit(main())
