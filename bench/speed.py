"""Speed of storyline against sumy's LexRank, and of ``storyline batch``.

    python bench/speed.py multinews-val.jsonl [--limit 1000] [--long 100] [--runs 3]
    python bench/speed.py multinews-val.jsonl --limit 0 --long 0 --batch 0 \
        --duc duc-dev.jsonl --duc-limit 10 --duc-first 10 --runs 1 --clock cpu

1. **as given** — the first ``--limit`` clusters of PATH.
2. **long** — ``--long`` clusters built by bench/long_clusters.py (10 consecutive
   clusters, each joined into one article: 10 articles, ~5,000 words).
   On both sets, storyline and LexRank run on the same clusters in the same run,
   alternating which goes first; each call is timed alone (wall clock). Each of
   ``--runs`` runs gives a median and a p95; the table shows the median over runs.
3. **DUC-dev** (``--duc``) — the first ``--duc-limit`` clusters of a DUC-dev file
   (25 full-length cased articles each), or, with ``--duc-first K``, each cluster's
   first K articles (K=10: real 10-article clusters); timed as above. LexRank takes
   tens of seconds on one such cluster, so keep ``--duc-limit`` small.
   ``--clock cpu`` times each call in CPU seconds of this process
   (``time.process_time``: all its threads) instead of wall time — on a shared,
   loaded machine the wall clock measures the other jobs too.
4. **batch** — ``storyline batch --workers 2`` (``--batch-runs`` times) on ``--batch``
   clusters (PATH repeated from the top until there are enough lines) in a
   subprocess: throughput, and peak
   RSS both as the largest single process (getrusage RUSAGE_CHILDREN) and as the
   sum over the process tree (sampled from /proc every 0.1 s).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

import numpy as np

from long_clusters import DESCRIPTION, long_clusters
from storyline.evaluation.clusters import Cluster, parse_cluster, read_clusters
from storyline.evaluation.systems import storyline_system, sumy_system

System = Callable[[Cluster, int], list[str]]


#: The clock calls are timed with (``--clock``): wall time or this process's CPU time.
CLOCKS: dict[str, Callable[[], float]] = {"wall": time.perf_counter, "cpu": time.process_time}
_clock = CLOCKS["wall"]


def _time(system: System, cluster: Cluster, words: int) -> float:
    start = _clock()
    try:
        system(cluster, words)
    except Exception as e:  # a failure still costs time; say so and go on
        print(f"  {cluster.id}: {type(e).__name__}: {e}", file=sys.stderr)
    return (_clock() - start) * 1000


def one_run(clusters: Sequence[Cluster], words: int) -> dict[str, list[float]]:
    """Time storyline and LexRank on every cluster, alternating which goes first."""
    systems: dict[str, System] = {"storyline": storyline_system, "lexrank": sumy_system("lexrank")}
    for system in systems.values():  # warm up: imports and caches are not timed
        system(clusters[0], words)
    times: dict[str, list[float]] = {name: [] for name in systems}
    for i, cluster in enumerate(clusters):
        order = list(systems) if i % 2 == 0 else list(reversed(systems))
        for name in order:
            times[name].append(_time(systems[name], cluster, words))
    return times


def timing_table(title: str, clusters: Sequence[Cluster], words: int, runs: int) -> list[str]:
    """Median over runs of each run's median and p95 ms per cluster, and their ratio."""
    per_run = [one_run(clusters, words) for _ in range(runs)]
    rows = [f"### {title} ({len(clusters)} clusters, {words} words, {runs} runs)", ""]
    rows += ["| system | median ms | p95 ms |", "|---|---:|---:|"]
    stats: dict[str, tuple[float, float]] = {}
    for name in ("storyline", "lexrank"):
        med = statistics.median(float(np.median(r[name])) for r in per_run)
        p95 = statistics.median(float(np.percentile(r[name], 95)) for r in per_run)
        stats[name] = (med, p95)
        rows.append(f"| {name} | {med:.1f} | {p95:.1f} |")
    (sm, sp), (lm, lp) = stats["storyline"], stats["lexrank"]
    rows += ["", f"LexRank / storyline: median {lm / sm:.2f}x, p95 {lp / sp:.2f}x", ""]
    return rows


def load_duc(path: Path, count: int, first: int) -> list[Cluster]:
    """The first ``count`` clusters of a DUC-dev file, each cut to its first ``first``
    articles when ``first`` > 0."""
    out = []
    for cluster in read_clusters(path, count):
        if first > 0:
            cluster = replace(cluster, documents=cluster.documents[:first])
        out.append(cluster)
    return out


def load_long(path: Path, count: int) -> list[Cluster]:
    return [
        parse_cluster(json.dumps(obj), i + 1, "long")
        for i, obj in enumerate(long_clusters(path, count))
    ]


def _tree_rss_kb(root: int) -> int:
    """Sum of VmRSS over ``root`` and its descendants, from /proc."""
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
                parents[int(entry)] = int(stat.rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue
    tree, frontier = {root}, [root]
    while frontier:
        pid = frontier.pop()
        kids = [p for p, pp in parents.items() if pp == pid and p not in tree]
        tree.update(kids)
        frontier += kids
    total = 0
    for pid in tree:
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            continue
    return total


def write_batch_input(src: Path, dst: Path, count: int) -> None:
    """``count`` lines: the lines of ``src`` from the top, repeated as needed."""
    lines = [x for x in src.read_text(encoding="utf-8").splitlines() if x.strip()]
    with dst.open("w", encoding="utf-8") as out:
        for i in range(count):
            out.write(lines[i % len(lines)] + "\n")


def batch_run(infile: Path, workers: int) -> tuple[float, int, int, int]:
    """Run ``storyline batch`` once: seconds, exit code, tree peak RSS kB."""
    out = infile.with_suffix(".out.jsonl")
    cmd = [sys.executable, "-m", "storyline", "batch", str(infile), "-o", str(out)]
    cmd += ["--workers", str(workers)]
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = [0]

    def sample() -> None:
        while proc.poll() is None:
            peak[0] = max(peak[0], _tree_rss_kb(proc.pid))
            time.sleep(0.1)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, err = proc.communicate()
    seconds = time.perf_counter() - start
    sampler.join()
    failed = sum(1 for line in out.open(encoding="utf-8") if json.loads(line).get("error"))
    if proc.returncode not in (0,) and not failed:
        print(err.decode(errors="replace")[-2000:], file=sys.stderr)
    return seconds, proc.returncode, peak[0], failed


def batch_table(src: Path, count: int, workers: int, runs: int) -> list[str]:
    rows = [f"### storyline batch --workers {workers} ({count:,} clusters, {runs} runs)", ""]
    with tempfile.TemporaryDirectory() as tmp:
        infile = Path(tmp) / "batch.jsonl"
        write_batch_input(src, infile, count)
        results = [batch_run(infile, workers) for _ in range(runs)]
    maxrss_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    secs = statistics.median(r[0] for r in results)
    tree_mb = statistics.median(r[2] for r in results) / 1024
    rows += [
        f"- input: the file's lines from the top, repeated until {count:,} lines",
        f"- wall time: median {secs:.1f} s (runs: {', '.join(f'{r[0]:.1f}' for r in results)})",
        f"- throughput: {count / secs:.0f} clusters/s",
        f"- exit codes: {[r[1] for r in results]}; failed lines per run: {[r[3] for r in results]}",
        f"- peak RSS, whole process tree (sampled /proc, median of runs): {tree_mb:.0f} MB",
        f"- peak RSS, largest single process (RUSAGE_CHILDREN ru_maxrss): {maxrss_mb:.0f} MB",
        "",
    ]
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description="storyline vs LexRank speed; batch throughput")
    parser.add_argument("path", type=Path)
    parser.add_argument("--limit", type=int, default=1000)
    parser.add_argument("--long", type=int, default=100)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--words", type=int, default=120)
    parser.add_argument("--batch", type=int, default=10_000, help="0 skips the batch run")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--batch-runs", type=int, default=1, help="runs of the batch (slow)")
    parser.add_argument("--duc", type=Path, default=None, help="a DUC-dev clusters file")
    parser.add_argument("--duc-limit", type=int, default=10, help="DUC-dev clusters timed")
    parser.add_argument("--duc-first", type=int, default=0, help="first K articles (0: all)")
    parser.add_argument("--clock", choices=sorted(CLOCKS), default="wall")
    args = parser.parse_args()
    global _clock
    _clock = CLOCKS[args.clock]
    print(f"clock: {args.clock}; load average {os.getloadavg()[0]:.1f} at start\n", flush=True)
    if args.limit:
        clusters = list(read_clusters(args.path, args.limit))
        lines = timing_table(
            f"first {len(clusters)} clusters as given", clusters, args.words, args.runs
        )
        print("\n".join(lines), flush=True)
    if args.duc:
        duc = load_duc(args.duc, args.duc_limit, args.duc_first)
        size = statistics.mean(len(c.documents) for c in duc)
        words = statistics.mean(sum(len(a.text.split()) for a in c.documents) for c in duc)
        title = f"DUC-dev, {size:.0f} articles a cluster, mean {words:,.0f} words"
        print("\n".join(timing_table(title, duc, args.words, args.runs)), flush=True)
    if args.long:
        long = load_long(args.path, args.long)
        words = statistics.mean(sum(len(a.text.split()) for a in c.documents) for c in long)
        print(f"{DESCRIPTION}; mean {words:,.0f} words per long cluster\n", flush=True)
        print("\n".join(timing_table("long clusters", long, args.words, args.runs)), flush=True)
    print(f"load average {os.getloadavg()[0]:.1f} at the end", flush=True)
    if args.batch:
        print(
            "\n".join(batch_table(args.path, args.batch, args.workers, args.batch_runs)), flush=True
        )


if __name__ == "__main__":
    main()
