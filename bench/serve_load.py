"""Load on ``storyline serve``: N concurrent clients for T seconds, loopback only.

    python bench/serve_load.py [--clients 8] [--seconds 10] [--runs 3] [--max-requests 20000]

1. **server** — starts ``storyline serve --port 0`` on 127.0.0.1 with a new store in a
   temporary folder, and adds the bundled sample reports (samples/velmar) through
   ``POST /api/articles``: one story.
2. **targets** — ``POST /api/summarize`` with the four sample reports, and the story's
   page ``GET /events/{id}`` (its dossier, cached by the store after the first view).
3. **load** — ``--clients`` threads, each with one keep-alive connection, send requests
   back to back for ``--seconds`` (or until ``--max-requests`` in all): requests per
   second, p50 / p95 latency, and errors (any status other than 200, or a failed
   connection: must be 0). Each of ``--runs`` runs is one row; the median row is marked.
4. **peer** — in the same process, ``storyline.summarize`` called directly by the same
   number of threads for the same time: what the HTTP layer costs on top.

Only loopback addresses are ever contacted. Timings on a shared machine are noisy.
"""

from __future__ import annotations

import argparse
import http.client
import json
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIMITS = {"clients": 64, "seconds": 120.0, "runs": 10}


@dataclass
class Tally:
    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Row:
    target: str
    requests: int
    seconds: float
    p50: float
    p95: float
    errors: int

    @property
    def rate(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


def _start_server(db: Path) -> tuple[subprocess.Popen[str], str, int]:
    proc = subprocess.Popen(
        [sys.executable, "-m", "storyline", "serve", "--db", str(db), "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    assert proc.stdout is not None
    line = proc.stdout.readline()
    found = re.search(r"serving http://(127\.0\.0\.1):(\d+)/", line)
    if not found:
        proc.terminate()
        raise SystemExit(f"storyline serve did not start: {line!r}")
    return proc, found.group(1), int(found.group(2))


def _samples() -> list[dict[str, object]]:
    from storyline.ingest import read_paths

    articles, _ = read_paths([ROOT / "samples" / "velmar"])
    return [
        {
            "text": a.text,
            "title": a.title,
            "source": a.source,
            "url": a.url,
            "published": a.published.isoformat() if a.published else None,
        }
        for a in articles
    ]


def _call(conn: http.client.HTTPConnection, method: str, path: str, body: bytes | None) -> int:
    headers = {"content-type": "application/json"} if body is not None else {}
    conn.request(method, path, body=body, headers=headers)
    response = conn.getresponse()
    response.read()
    return response.status


def _client(
    host: str,
    port: int,
    method: str,
    path: str,
    body: bytes | None,
    stop: Callable[[], bool],
    tally: Tally,
    lock: threading.Lock,
) -> None:
    conn = http.client.HTTPConnection(host, port, timeout=120)
    try:
        while not stop():
            start = time.perf_counter()
            try:
                status = _call(conn, method, path, body)
            except (OSError, http.client.HTTPException) as e:
                status = -1
                conn.close()
                conn = http.client.HTTPConnection(host, port, timeout=120)
                with lock:
                    tally.errors.append(f"{type(e).__name__}: {e}")
            elapsed = (time.perf_counter() - start) * 1000
            with lock:
                tally.latencies.append(elapsed)
                if status != 200 and status != -1:
                    tally.errors.append(f"HTTP {status}")
    finally:
        conn.close()


def _run(
    name: str,
    clients: int,
    seconds: float,
    max_requests: int,
    work: Callable[[Callable[[], bool], Tally, threading.Lock], None],
) -> Row:
    tally, lock = Tally(), threading.Lock()
    deadline = time.perf_counter() + seconds

    def stop() -> bool:
        return time.perf_counter() >= deadline or len(tally.latencies) >= max_requests

    threads = [threading.Thread(target=work, args=(stop, tally, lock)) for _ in range(clients)]
    began = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    took = time.perf_counter() - began
    lat = sorted(tally.latencies) or [0.0]
    p95 = lat[min(len(lat) - 1, round(0.95 * (len(lat) - 1)))]
    for e in sorted(set(tally.errors))[:5]:
        print(f"  {name}: error: {e}", file=sys.stderr)
    return Row(name, len(tally.latencies), took, statistics.median(lat), p95, len(tally.errors))


def _table(rows: list[Row], clients: int) -> None:
    print("\n| target | clients | requests | seconds | req/s | p50 ms | p95 ms | errors |")
    print("|---|---|---|---|---|---|---|---|")
    for r in rows:
        print(
            f"| {r.target} | {clients} | {r.requests} | {r.seconds:.1f} | {r.rate:.1f} | "
            f"{r.p50:.0f} | {r.p95:.0f} | {r.errors} |"
        )


def _median_row(rows: list[Row]) -> Row:
    return sorted(rows, key=lambda r: r.rate)[len(rows) // 2]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--clients", type=int, default=8)
    ap.add_argument("--seconds", type=float, default=10.0)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--max-requests", type=int, default=20_000)
    args = ap.parse_args()
    for key, cap in LIMITS.items():
        if not 0 < getattr(args, key) <= cap:
            ap.error(f"--{key} must be between 1 and {cap}")

    articles = _samples()
    summarize_body = json.dumps({"articles": articles}).encode()
    with tempfile.TemporaryDirectory() as tmp:
        proc, host, port = _start_server(Path(tmp) / "load.db")
        try:
            conn = http.client.HTTPConnection(host, port, timeout=300)
            conn.request(
                "POST",
                "/api/articles",
                body=json.dumps({"articles": articles}),
                headers={"content-type": "application/json"},
            )
            added = json.loads(conn.getresponse().read())
            event = added["assigned"][0]["event"]
            assert _call(conn, "GET", f"/events/{event}", None) == 200  # fills the cache
            conn.close()
            targets = {
                "POST /api/summarize": ("POST", "/api/summarize", summarize_body),
                f"GET /events/{event}": ("GET", f"/events/{event}", None),
            }
            results: dict[str, list[Row]] = {}
            for name, (method, path, body) in targets.items():

                def work(
                    stop: Callable[[], bool],
                    tally: Tally,
                    lock: threading.Lock,
                    m: str = method,
                    p: str = path,
                    b: bytes | None = body,
                ) -> None:
                    _client(host, port, m, p, b, stop, tally, lock)

                results[name] = [
                    _run(name, args.clients, args.seconds, args.max_requests, work)
                    for _ in range(args.runs)
                ]
        finally:
            proc.terminate()
            proc.wait(timeout=30)

    import storyline
    from storyline.ingest import article_from_obj

    objs = [article_from_obj(a, f"sample#{i}") for i, a in enumerate(articles, 1)]

    def direct(stop: Callable[[], bool], tally: Tally, lock: threading.Lock) -> None:
        while not stop():
            start = time.perf_counter()
            storyline.summarize(objs)
            with lock:
                tally.latencies.append((time.perf_counter() - start) * 1000)

    results["storyline.summarize (peer, in process)"] = [
        _run("peer", args.clients, args.seconds, args.max_requests, direct)
        for _ in range(args.runs)
    ]
    print(
        f"storyline serve under load: {args.clients} clients, {args.seconds:g} s a run, "
        f"{args.runs} runs (each row: the run with the median req/s)"
    )
    rows = []
    for name, runs in results.items():
        r = _median_row(runs)
        rows.append(Row(name, r.requests, r.seconds, r.p50, r.p95, r.errors))
    _table(rows, args.clients)
    http_rate, peer_rate = rows[0].rate, rows[-1].rate
    if peer_rate:
        print(
            f"\n/api/summarize over HTTP runs at {http_rate / peer_rate:.2f}x the in-process "
            "rate of storyline.summarize (same threads, same time)"
        )
    total_errors = sum(r.errors for rs in results.values() for r in rs)
    print(f"errors over all runs: {total_errors}")
    return 1 if total_errors else 0


if __name__ == "__main__":
    raise SystemExit(main())
