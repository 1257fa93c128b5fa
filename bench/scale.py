"""How ``storyline batch`` scales: the local engine and Dask at 1 and 2 workers.

    python bench/scale.py multinews-val.jsonl [--clusters 10000] [--shard 1000] [--runs 3]

1. **input** — ``--clusters`` lines of PATH from the top (repeated from the top when
   PATH has fewer), cut into shards of ``--shard`` lines in a temporary folder.
2. **runs** — each configuration runs ``storyline batch SHARDS/ -o OUT/`` as a
   subprocess (what a user runs): ``local`` with 1 and 2 workers, ``dask`` (a local
   cluster of worker processes) with 1 and 2 workers, and ``dask`` with 2 workers on
   the same lines as one shard (worker memory must not grow with the shard). Each of
   ``--runs`` rounds runs every configuration once, in a rotated order, so load on a
   shared machine falls on all of them alike; the table shows medians over rounds.
3. **measures** — wall-clock clusters/s (engine start-up included); speed-up and
   scaling efficiency (rate at K workers / (K × rate at 1)) against the same engine;
   the workers' CPU milliseconds per cluster (less sensitive than wall time to other
   load on a shared machine); peak RSS of the largest worker process and of the client,
   sampled from /proc every 0.1 s; the client's CPU seconds per 1,000 clusters (what
   bounds one client's rate).
4. **check** — every configuration's output shards are byte-identical to local-1's.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

TICKS = os.sysconf("SC_CLK_TCK")
PAGE_KB = os.sysconf("SC_PAGE_SIZE") // 1024


@dataclass(frozen=True)
class Config:
    name: str
    engine: str
    workers: int
    one_shard: bool = False


CONFIGS = [
    Config("local-1", "local", 1),
    Config("local-2", "local", 2),
    Config("dask-1", "dask", 1),
    Config("dask-2", "dask", 2),
    Config("dask-2, one shard", "dask", 2, one_shard=True),
]


@dataclass
class Sample:
    seconds: float = 0.0
    worker_peak_kb: int = 0
    client_peak_kb: int = 0
    client_cpu_s: float = 0.0
    exit_code: int = 0
    #: Last CPU seconds seen of each process of the tree (client included).
    cpu: dict[int, float] = field(default_factory=dict)

    @property
    def worker_cpu_s(self) -> float:
        """CPU seconds of the worker processes (the client's own when it is the worker)."""
        others = sum(self.cpu.values()) - self.client_cpu_s
        return others if others > 1 else self.client_cpu_s


def _stat(pid: int) -> tuple[int, float, int] | None:
    """(parent pid, CPU seconds, RSS kB) of a process, None when it is gone."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as f:
            fields = f.read().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return int(fields[1]), (int(fields[11]) + int(fields[12])) / TICKS, int(fields[21]) * PAGE_KB


def _tree(root: int) -> dict[int, tuple[float, int]]:
    """CPU seconds and RSS kB of ``root`` and of every process descended from it."""
    stats = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit() and (st := _stat(int(entry))):
            stats[int(entry)] = st
    tree, frontier = {}, [root]
    while frontier:
        pid = frontier.pop()
        if pid in stats:
            tree[pid] = stats[pid][1:]
            frontier += [p for p, st in stats.items() if st[0] == pid]
    return tree


def run_once(config: Config, shards: Path, out: Path) -> Sample:
    shutil.rmtree(out, ignore_errors=True)
    cmd = [
        sys.executable,
        "-m",
        "storyline",
        "batch",
        str(shards),
        "-o",
        f"{out}/",
        "--engine",
        config.engine,
        "--workers",
        str(config.workers),
    ]
    sample = Sample()
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)

    def watch() -> None:
        while proc.poll() is None:
            for pid, (cpu, rss) in _tree(proc.pid).items():
                sample.cpu[pid] = cpu
                if pid == proc.pid:
                    sample.client_peak_kb = max(sample.client_peak_kb, rss)
                    sample.client_cpu_s = cpu
                else:
                    sample.worker_peak_kb = max(sample.worker_peak_kb, rss)
            time.sleep(0.1)

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    _, err = proc.communicate()
    sample.seconds = time.perf_counter() - start
    watcher.join()
    sample.exit_code = proc.returncode
    if config.workers == 1 and config.engine == "local":  # inline: the client is the worker
        sample.worker_peak_kb = sample.client_peak_kb
    if proc.returncode != 0 and not 100 < proc.returncode <= 200:
        print(err.decode(errors="replace")[-2000:], file=sys.stderr)
    return sample


def write_input(src: Path, folder: Path, count: int, shard: int) -> tuple[Path, Path]:
    """``count`` lines of ``src`` (from the top, repeated) as shards, and as one file."""
    lines = [x for x in src.read_text(encoding="utf-8").splitlines() if x.strip()]
    sharded, single = folder / "shards", folder / "single"
    sharded.mkdir()
    single.mkdir()
    chosen = [lines[i % len(lines)] for i in range(count)]
    for k in range(0, count, shard):
        text = "".join(line + "\n" for line in chosen[k : k + shard])
        (sharded / f"part-{k // shard:04d}.jsonl").write_text(text, encoding="utf-8")
    (single / "all.jsonl").write_text("".join(line + "\n" for line in chosen), encoding="utf-8")
    return sharded, single


def _outputs(folder: Path) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(folder.glob("*.jsonl")))


def table(results: dict[str, list[Sample]], count: int) -> list[str]:
    rows = [
        "| configuration | median s | clusters/s | speed-up | efficiency | worker CPU ms "
        "/ cluster | peak RSS per worker MB | client peak RSS MB | client CPU s / 1k "
        "clusters |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    rate = {
        name: count / statistics.median(s.seconds for s in samples)
        for name, samples in results.items()
    }
    for config in CONFIGS:
        samples = results[config.name]
        base = rate[f"{config.engine}-1"]
        speedup = rate[config.name] / base
        med = statistics.median
        rows.append(
            f"| {config.name} | {med(s.seconds for s in samples):.1f} | {rate[config.name]:.1f} "
            f"| {speedup:.2f}x | {speedup / config.workers:.0%} "
            f"| {med(s.worker_cpu_s for s in samples) / count * 1000:.1f} "
            f"| {med(s.worker_peak_kb for s in samples) / 1024:.0f} "
            f"| {med(s.client_peak_kb for s in samples) / 1024:.0f} "
            f"| {med(s.client_cpu_s for s in samples) / count * 1000:.2f} |"
        )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("path", type=Path)
    parser.add_argument("--clusters", type=int, default=10_000)
    parser.add_argument("--shard", type=int, default=1_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    results: dict[str, list[Sample]] = {c.name: [] for c in CONFIGS}
    with tempfile.TemporaryDirectory(prefix="storyline-scale-") as tmp:
        sharded, single = write_input(args.path, Path(tmp), args.clusters, args.shard)
        reference: bytes | None = None
        differs: list[str] = []
        for r in range(args.runs):
            order = CONFIGS[r % len(CONFIGS) :] + CONFIGS[: r % len(CONFIGS)]
            for config in order:
                out = Path(tmp) / "out"
                sample = run_once(config, single if config.one_shard else sharded, out)
                results[config.name].append(sample)
                print(
                    f"round {r + 1} {config.name}: {sample.seconds:.1f} s, exit {sample.exit_code}",
                    file=sys.stderr,
                    flush=True,
                )
                got = _outputs(out)
                if config.name == "local-1" and reference is None:
                    reference = got
                elif not config.one_shard and reference is not None and got != reference:
                    print(f"OUTPUT DIFFERS: {config.name}", file=sys.stderr)
                    differs.append(config.name)
    print(
        f"## storyline batch scaling ({args.clusters:,} clusters of {args.path.name}, shards of "
        f"{args.shard:,} lines, {args.runs} rounds, {os.cpu_count()} cores)\n"
    )
    print("\n".join(table(results, args.clusters)))
    print(
        f"\nexit codes (100 + failed lines): "
        f"{sorted({s.exit_code for v in results.values() for s in v})}"
    )
    if differs:
        sys.exit(f"output differs from local-1's: {', '.join(sorted(set(differs)))}")


if __name__ == "__main__":
    main()
