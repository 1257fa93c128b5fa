"""Event clustering benchmark: storyline's EventStore against two scikit-learn peers.

    python bench/events.py --multinews PATH/multinews-val.jsonl --duc PATH/duc-dev.jsonl \
        [--part report|tune] [--runs 3] [--memory 100000] [--settings '{"threshold": 0.3}']

Streams (bench/event_streams.py; gold event = source cluster):

* ``multinews`` — all articles of 1,000 clusters of multinews-val, shuffled;
* ``duc`` — 10 articles of each DUC cluster of one year, shuffled (full-length, cased);
* ``duc-pairs`` — DUC clusters paired with their most similar cluster, the second's
  dates moved onto the first's (two distinct events of the same kind at the same time);
* ``mn-pairs`` — the same pairing on Multi-News clusters of 4+ articles.

Held out: ``--part tune`` uses the first half of multinews-val and DUC 2007 (where
storyline's settings were chosen); ``--part report`` (the default) the second half of
multinews-val and DUC 2006, never used for tuning.

For each stream: B-cubed P/R/F1 and ARI for storyline (EventStore.add on a new store,
one batch, its default settings) and for the peers at their best threshold *on the
gold of that stream* (tuned on what they are scored on); storyline's articles per
second with the store included (median of ``--runs``, one process, one thread);
the peers' seconds for one run at their threshold. ``--memory N`` then adds a stream
of N articles (the multinews stream repeated; each repeat gets new ids, a line
"(copy k)" at the end of each text so it is not a duplicate, and dates 100 days after
the previous repeat so its events are new) in batches of 1,000 in a subprocess, and
reports its peak RSS and throughput.
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
import time
from collections.abc import Sequence
from datetime import date, timedelta
from pathlib import Path
from typing import Any

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

from event_peers import agglomerative, ari, bcubed, best_threshold, similarities, single_pass
from event_streams import (
    Item,
    duc_groups,
    duc_split,
    duc_stream,
    multinews_groups,
    multinews_split,
    multinews_stream,
    pairs_stream,
    read_jsonl,
)
from storyline.events import ClusterSettings, EventStore

GRID = [round(0.05 + 0.025 * i, 3) for i in range(30)]


def run_storyline(
    items: Sequence[Item], settings: ClusterSettings | None
) -> tuple[list[Any], tuple[float, float]]:
    """Labels for each item (a duplicate gets its original's event), and the wall-clock
    and CPU seconds ``add`` took."""
    with tempfile.TemporaryDirectory() as tmp:
        store = EventStore(Path(tmp) / "bench.db", settings=settings)
        objs = [it.obj() for it in items]
        start, cpu = time.perf_counter(), time.process_time()
        report = store.add(objs)
        seconds = time.perf_counter() - start
        cpu_seconds = time.process_time() - cpu
        event_of = dict(report.assigned)
        for d in report.duplicates:
            event_of[d.id or ""] = event_of[d.of]
        store.close()
    return [event_of.get(it.id, ("missing", it.id)) for it in items], (seconds, cpu_seconds)


def _scores(labels: Sequence[Any], gold: Sequence[str]) -> dict[str, float]:
    p, r, f = bcubed(labels, gold)
    return {"P": p, "R": r, "F1": f, "ARI": ari(labels, gold), "clusters": len(set(labels))}


def evaluate(
    name: str, items: list[Item], settings: ClusterSettings | None, runs: int, peers: bool = True
) -> dict[str, Any]:
    gold = [it.gold for it in items]
    texts = [f"{it.title or ''}\n{it.text}" for it in items]
    labels, first = run_storyline(items, settings)
    times = [first] + [run_storyline(items, settings)[1] for _ in range(runs - 1)]
    wall = statistics.median(t[0] for t in times)
    cpu = statistics.median(t[1] for t in times)
    out: dict[str, Any] = {
        "stream": name,
        "articles": len(items),
        "events": len(set(gold)),
        "storyline": {
            **_scores(labels, gold),
            "per_second": len(items) / wall,
            "per_cpu_second": len(items) / cpu,
        },
    }
    if not peers:
        return out
    sim = similarities(texts)
    for peer, run in (("single-pass", single_pass), ("agglomerative", agglomerative)):
        threshold, peer_labels = best_threshold(run, sim, gold, GRID)
        start = time.perf_counter()
        run(similarities(texts), threshold)
        out[peer] = {
            **_scores(peer_labels, gold),
            "threshold": threshold,
            "seconds": time.perf_counter() - start,
        }
    return out


def streams(args: argparse.Namespace) -> dict[str, list[Item]]:
    out: dict[str, list[Item]] = {}
    if args.multinews:
        mn = multinews_split(read_jsonl(Path(args.multinews)), args.part)
        out["multinews"] = multinews_stream(mn, 1000, seed=1)
        pairs, _ = pairs_stream(multinews_groups(mn, 4), seed=3, max_similarity=args.mn_max_sim)
        out["mn-pairs"] = pairs
    if args.duc:
        duc = duc_split(read_jsonl(Path(args.duc)), args.part)
        out["duc"] = duc_stream(duc, 10, seed=2)
        pairs, _ = pairs_stream(duc_groups(duc, 11, seed=4), seed=5)
        out["duc-pairs"] = pairs
    return out


def _row(name: str, s: dict[str, Any], extra: str) -> str:
    return (
        f"| {name} | {s['P']:.3f} | {s['R']:.3f} | **{s['F1']:.3f}** | {s['ARI']:.3f} | "
        f"{s['clusters']} | {extra} |"
    )


def print_table(result: dict[str, Any]) -> None:
    print(f"\n### {result['stream']}: {result['articles']} articles, {result['events']} events\n")
    print("| system | B3 P | B3 R | B3 F1 | ARI | clusters | notes |")
    print("|---|---|---|---|---|---|---|")
    s = result["storyline"]
    print(
        _row(
            "storyline",
            s,
            f"{s['per_second']:.0f} articles/s wall, "
            f"{s['per_cpu_second']:.0f}/CPU-s, store included",
        )
    )
    if "single-pass" not in result:
        return
    for peer in ("single-pass", "agglomerative"):
        p = result[peer]
        print(_row(f"{peer} (gold-tuned)", p, f"threshold {p['threshold']}, {p['seconds']:.2f} s"))
    best_peer = max(result["single-pass"]["F1"], result["agglomerative"]["F1"])
    print(f"\nmargin over the better gold-tuned peer: {s['F1'] - best_peer:+.3f}")


def memory_child(path: str, n: int, settings_json: str) -> None:
    """In a subprocess: add ``n`` articles in batches of 1,000; print peak RSS."""
    items = [Item(**d) for d in json.loads(Path(path).read_text())]
    settings = ClusterSettings(**json.loads(settings_json)) if settings_json else None
    base = date(2001, 1, 1)
    with tempfile.TemporaryDirectory() as tmp:
        store = EventStore(Path(tmp) / "mem.db", settings=settings)
        batch: list[dict[str, Any]] = []
        added, start, cpu, k = 0, time.perf_counter(), time.process_time(), 0
        while added + len(batch) < n:
            day = (base + timedelta(days=100 * k)).isoformat()
            for it in items:
                if added + len(batch) >= n:
                    break
                obj = it.obj()
                batch.append(
                    {
                        **obj,
                        "id": f"{k}:{it.id}",
                        "published": day,
                        "text": f"{it.text}\n\n(copy {k})",
                    }
                )
                if len(batch) == 1000:
                    added += store.add(batch).added
                    batch = []
            k += 1
        if batch:
            added += store.add(batch).added
        seconds = time.perf_counter() - start
        cpu_seconds = time.process_time() - cpu
        stats = store.stats()
        size = sum(f.stat().st_size for f in Path(tmp).iterdir())
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        json.dumps(
            {
                "added": added,
                "events": stats["events"],
                "peak_mb": peak,
                "per_second": added / seconds,
                "per_cpu_second": added / cpu_seconds,
                "db_mb": size / 2**20,
            }
        )
    )


def memory(items: list[Item], n: int, settings_json: str) -> dict[str, Any]:
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
        json.dump(
            [{"id": it.id, "gold": it.gold, "text": it.text, "title": it.title} for it in items], f
        )
    try:
        out = subprocess.run(
            [sys.executable, __file__, "--memory-child", f.name, str(n), settings_json],
            capture_output=True,
            text=True,
            check=True,
        )
    finally:
        os.unlink(f.name)
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--multinews")
    parser.add_argument("--duc")
    parser.add_argument("--part", choices=["tune", "report"], default="report")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--memory", type=int, default=0)
    parser.add_argument("--settings", default="", help="ClusterSettings as JSON (tuning).")
    parser.add_argument("--only", default="", help="Comma-separated stream names.")
    parser.add_argument("--mn-max-sim", type=float, default=0.5)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--no-peers", action="store_true", help="storyline only (tuning).")
    parser.add_argument("--memory-child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.memory_child:
        memory_child(args.memory_child[0], int(args.memory_child[1]), args.memory_child[2])
        return
    settings = ClusterSettings(**json.loads(args.settings)) if args.settings else None
    print(f"storyline settings: {settings or ClusterSettings()}; part: {args.part}")
    results = []
    for name, items in streams(args).items():
        if args.only and name not in args.only.split(","):
            continue
        result = evaluate(name, items, settings, args.runs, not args.no_peers)
        results.append(result)
        print_table(result)
        if args.memory and name == "multinews":
            mem = memory(items, args.memory, args.settings)
            result["memory"] = mem
            print(
                f"\n{mem['added']:,} articles (multinews repeated): peak RSS "
                f"{mem['peak_mb']:.0f} MB, {mem['per_second']:.0f} articles/s wall "
                f"({mem['per_cpu_second']:.0f}/CPU-s), "
                f"{mem['events']:,} events, store {mem['db_mb']:.0f} MB on disk"
            )
        sys.stdout.flush()
    if args.json:
        print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
