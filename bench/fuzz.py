"""Fuzz storyline at length: the targets of ``tests/fuzz_targets`` (library and CLI).

Runs every target's hypothesis strategy round-robin, in batches of fresh random inputs,
until ``--minutes`` have passed, and prints: runs per target, distinct failures
(deduplicated by exception type and the storyline line it came from), the slowest input
and the peak memory. A failure is an exception that is not a ``StorylineError`` (for the
CLI: exit code 1, a traceback, an undocumented exit code), a broken invariant (a citation
that does not slice to its sentence, batch's line accounting), a hang (over
``--hang`` s for an input under 100 KB) or memory over 1 GB for an input under 1 MB.
Failing inputs are saved (``--save``, one file each) to be replayed.

    python bench/fuzz.py --minutes 15 [--targets summarize,cli.batch] [--chars 60000]
"""

from __future__ import annotations

import argparse
import pickle
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

from fuzz_targets import Target, load, size_of
from fuzz_targets.cli import ChildUsage
from storyline.errors import StorylineError

HANG_INPUT = 100_000
MEMORY_INPUT = 1_000_000
MEMORY_LIMIT = 1 << 30


class Hang(Exception):
    """Raised by the alarm when one in-process run takes too long."""


@dataclass
class Failure:
    key: str
    message: str
    target: str
    count: int = 0
    saved: str | None = None


@dataclass
class Campaign:
    hang: float
    save: Path
    runs: Counter[str] = field(default_factory=Counter)
    failures: dict[str, Failure] = field(default_factory=dict)
    slowest: tuple[float, str, int, str] = (0.0, "", 0, "")
    peak_child: int = 0

    def record(self, t: Target, value: Any, error: BaseException | None, seconds: float) -> None:
        self.runs[t.name] += 1
        size = size_of(value)
        if seconds > self.slowest[0]:
            self.slowest = (seconds, t.name, size, repr(value)[:160])
        memory = ChildUsage.max_rss if t.cli else _rss()
        if t.cli:
            self.peak_child = max(self.peak_child, ChildUsage.max_rss)
        if error is None and size < MEMORY_INPUT and memory > MEMORY_LIMIT:
            error = MemoryError(f"{memory / 2**20:.0f} MB for an input of {size:,} characters")
        if error is None and size < HANG_INPUT and seconds > self.hang:
            error = Hang(f"{seconds:.1f} s for an input of {size:,} characters")
        if error is not None:
            self._fail(t, value, error)

    def _fail(self, t: Target, value: Any, error: BaseException) -> None:
        key = f"{t.name}: {type(error).__name__} at {_where(error)}"
        if type(error).__name__ in {"Broken", "Hang", "MemoryError"}:
            key = f"{t.name}: {type(error).__name__}: {str(error)[:80]}"
        failure = self.failures.setdefault(key, Failure(key, str(error)[:300], t.name))
        failure.count += 1
        if failure.saved is None:
            self.save.mkdir(parents=True, exist_ok=True)
            path = self.save / f"{len(self.failures):03d}-{t.name}.pickle"
            path.write_bytes(pickle.dumps((t.name, value)))
            failure.saved = str(path)


def _rss() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def _where(error: BaseException) -> str:
    """The innermost frame inside storyline's own code (else the innermost one)."""
    frames = traceback.extract_tb(error.__traceback__)
    ours = [f for f in frames if "/storyline/" in f.filename and "/tests/" not in f.filename]
    frame = (ours or frames or [None])[-1]
    if frame is None:
        return "?"
    return f"{Path(frame.filename).name}:{frame.lineno} ({frame.name})"


def _alarm(signum: int, frame: Any) -> None:
    raise Hang("the run was stopped by the alarm")


def run_one(campaign: Campaign, t: Target, value: Any) -> None:
    """Run one input; failures are recorded, never raised (hypothesis goes on)."""
    error: BaseException | None = None
    start = time.perf_counter()
    if not t.cli and size_of(value) < HANG_INPUT:
        signal.setitimer(signal.ITIMER_REAL, campaign.hang * 3)
    try:
        t.run(value)
    except StorylineError:
        pass
    except Exception as e:
        error = e
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
    seconds = ChildUsage.seconds if t.cli else time.perf_counter() - start
    campaign.record(t, value, error, seconds)


def batch_of(campaign: Campaign, t: Target, chars: int, examples: int) -> None:
    @settings(max_examples=examples, deadline=None, database=None, phases=[Phase.generate],
              suppress_health_check=list(HealthCheck))
    @given(t.strategy(chars))
    def fuzz(value: Any) -> None:
        run_one(campaign, t, value)

    fuzz()


def report(campaign: Campaign, minutes: float, started: float) -> None:
    elapsed = time.perf_counter() - started
    total = sum(campaign.runs.values())
    print(f"\nstoryline fuzz: {total:,} runs in {elapsed / 60:.1f} min (asked {minutes} min)")
    for name, n in sorted(campaign.runs.items()):
        fails = sum(f.count for f in campaign.failures.values() if f.target == name)
        print(f"  {name:16} {n:7,} runs  {fails:5,} failing")
    print(f"distinct failures: {len(campaign.failures)}")
    for f in campaign.failures.values():
        print(f"  [{f.count}x] {f.key}\n      {f.message[:200]}\n      input: {f.saved}")
    seconds, name, size, head = campaign.slowest
    print(f"slowest input: {seconds:.2f} s, {name}, {size:,} characters: {head}")
    print(f"peak memory: this process {_rss() / 2**20:.0f} MB, "
          f"largest CLI child {campaign.peak_child / 2**20:.0f} MB")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--minutes", type=float, default=10.0)
    ap.add_argument("--targets", help="comma-separated names (default: all)")
    ap.add_argument("--chars", type=int, default=60_000, help="input size to aim at")
    ap.add_argument("--batch", type=int, default=25, help="inputs per target per turn")
    ap.add_argument("--hang", type=float, default=10.0, help="seconds that make a hang")
    ap.add_argument("--no-cli", action="store_true", help="library targets only")
    ap.add_argument("--save", type=Path, default=Path("/tmp/storyline-fuzz-failures"))
    args = ap.parse_args(argv)
    targets = load()
    chosen = [t for name, t in targets.items()
              if (not args.targets or name in args.targets.split(","))
              and not (args.no_cli and t.cli)]
    if not chosen:
        ap.error(f"no such target; known: {', '.join(targets)}")
    signal.signal(signal.SIGALRM, _alarm)
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
