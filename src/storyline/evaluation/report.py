"""``evaluate``: run storyline and its peers on the same clusters and score them.

1. **read** — clusters from JSON Lines (:mod:`storyline.evaluation.clusters`); bad
   lines are counted and reported, never fatal.
2. **run** — every system on every cluster, timed one call at a time (wall clock,
   including each system's own sentence splitting); a storyline error counts as an
   empty summary and is reported.
3. **score** — cut to the word budget and ROUGE-scored (:mod:`storyline.evaluation.scoring`).
4. **aggregate** — mean F1 and recall per metric, median and p95 ms per cluster.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

import numpy as np

from storyline.errors import StorylineError
from storyline.evaluation.clusters import BadLine, Cluster, read_clusters
from storyline.evaluation.scoring import METRICS, Scores, cut_words, score_sentences
from storyline.evaluation.systems import (
    PEERS,
    SUMY_PEERS,
    cached_ranking,
    cut_ranking,
    get_system,
    sumy_ranking,
)
from storyline.model import Article

_EMPTY: Scores = {m: (0.0, 0.0) for m in METRICS}


@dataclass(frozen=True, slots=True)
class Run:
    """One system on one cluster."""

    system: str
    cluster: str
    scores: Scores
    ms: float
    #: Words in the summary after the cut (0 when it failed).
    words: int = 0
    #: Why the system gave no summary (``[S105] ...``), or ``None``.
    failure: str | None = None
    #: ``True`` when the failure was an unexpected exception (a bug), not a StorylineError.
    crashed: bool = False


@dataclass(slots=True)
class SystemResult:
    """A system's scores over all clusters: means in [0, 1], times in ms."""

    name: str
    clusters: int
    f1: dict[str, float]
    recall: dict[str, float]
    ms_median: float
    ms_p95: float
    #: Mean words per summary after the cut (a short summary trades recall for precision).
    mean_words: float = 0.0
    failures: int = 0
    crashes: int = 0
    #: The first few failure messages, ``"<cluster id>: <message>"``.
    examples: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "system": self.name,
            "clusters": self.clusters,
            "f1": {m: round(v, 5) for m, v in self.f1.items()},
            "recall": {m: round(v, 5) for m, v in self.recall.items()},
            "ms_median": round(self.ms_median, 3),
            "ms_p95": round(self.ms_p95, 3),
            "mean_words": round(self.mean_words, 1),
            "failures": self.failures,
            "crashes": self.crashes,
            "failure_examples": self.examples,
        }


@dataclass(slots=True)
class EvalReport:
    """What :func:`evaluate` returns; render it with :mod:`storyline.evaluation.render`."""

    path: str
    words: int
    limit: int | None
    clusters: int
    systems: list[SystemResult]
    bad_lines: list[BadLine]
    protocol: list[str]
    notes: list[str] = field(default_factory=list)

    def system(self, name: str) -> SystemResult:
        return next(s for s in self.systems if s.name == name)

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "words": self.words,
            "limit": self.limit,
            "clusters": self.clusters,
            "systems": [s.to_dict() for s in self.systems],
            "bad_lines": [b.to_dict() for b in self.bad_lines],
            "protocol": self.protocol,
            "notes": self.notes,
        }


#: Systems already run once in this process (their lazy loading is not timed).
_WARM: set[str] = set()


def _warm_up(name: str, cluster: Cluster, words: int) -> None:
    """Run a system once, untimed, the first time this process uses it."""
    if name in _WARM:
        return
    _WARM.add(name)
    # Any error here is raised again, and reported, by the timed run.
    with contextlib.suppress(Exception):
        get_system(name)(cluster, words)


_WARM_TEXT = "A short text. It warms the peer up. Nothing more is needed here."


def _cached_sumy(name: str, cluster: Cluster, words: int, cache_dir: Path) -> Run:
    """A sumy peer from its cached ranking; ``ms`` is the time the ranking took when it
    was computed (the first call in a process warms sumy up on a tiny text first)."""
    if name not in _WARM:
        _WARM.add(name)
        warm = Cluster("warm-up", (Article(text=_WARM_TEXT),), ("warm",), line=0)
        with contextlib.suppress(Exception):
            sumy_ranking(name, warm)
    try:
        ranked, ms = cached_ranking(name, cluster, cache_dir)
    except Exception as e:  # a bug in a peer must not end a long run; it is reported
        return Run(name, cluster.id, _EMPTY, 0.0, failure=f"{type(e).__name__}: {e}", crashed=True)
    cut = cut_words(cut_ranking(ranked, words), words)
    n_words = sum(len(s.split()) for s in cut)
    return Run(name, cluster.id, score_sentences(cut, cluster.references), ms, n_words)


def run_system(name: str, cluster: Cluster, words: int, cache_dir: Path | None = None) -> Run:
    """Run one system on one cluster, time it and score it (steps 2-3).

    The first call per system and process runs it once untimed first, so model
    loading and caches do not count as that cluster's time. With ``cache_dir``, sumy
    peers are read from (or computed into) their cached rankings.
    """
    if cache_dir is not None and name in SUMY_PEERS:
        return _cached_sumy(name, cluster, words, cache_dir)
    system = get_system(name)
    _warm_up(name, cluster, words)
    start = time.perf_counter()
    try:
        sentences = system(cluster, words)
    except StorylineError as e:
        ms = (time.perf_counter() - start) * 1000
        return Run(name, cluster.id, _EMPTY, ms, failure=str(e))
    except Exception as e:  # a bug in a system must not end a long run; it is reported
        ms = (time.perf_counter() - start) * 1000
        return Run(name, cluster.id, _EMPTY, ms, failure=f"{type(e).__name__}: {e}", crashed=True)
    ms = (time.perf_counter() - start) * 1000
    cut = cut_words(sentences, words)
    n_words = sum(len(s.split()) for s in cut)
    return Run(name, cluster.id, score_sentences(cut, cluster.references), ms, n_words)


def run_cluster(
    cluster: Cluster, words: int, systems: Sequence[str], cache_dir: Path | None = None
) -> list[Run]:
    """Every system on one cluster (the unit of work sent to a worker)."""
    return [run_system(name, cluster, words, cache_dir) for name in systems]


def aggregate(name: str, runs: Sequence[Run]) -> SystemResult:
    """Step 4: mean scores and time percentiles of one system's runs."""
    ms = np.array([r.ms for r in runs]) if runs else np.zeros(1)
    failed = [r for r in runs if r.failure]
    return SystemResult(
        name=name,
        clusters=len(runs),
        f1={m: float(np.mean([r.scores[m][0] for r in runs] or [0.0])) for m in METRICS},
        recall={m: float(np.mean([r.scores[m][1] for r in runs] or [0.0])) for m in METRICS},
        ms_median=float(np.median(ms)),
        ms_p95=float(np.percentile(ms, 95)),
        mean_words=float(np.mean([r.words for r in runs] or [0])),
        failures=len(failed),
        crashes=sum(r.crashed for r in failed),
        examples=[f"{r.cluster}: {r.failure}" for r in failed[:3]],
    )


def _run_all(
    clusters: Iterable[Cluster],
    words: int,
    systems: Sequence[str],
    workers: int,
    progress: Callable[[int], None] | None = None,
    cache_dir: Path | None = None,
) -> list[list[Run]]:
    job = partial(run_cluster, words=words, systems=tuple(systems), cache_dir=cache_dir)
    done: list[list[Run]] = []
    with contextlib.ExitStack() as stack:
        if workers <= 1:
            results: Iterable[list[Run]] = map(job, clusters)
        else:
            pool = stack.enter_context(ProcessPoolExecutor(max_workers=workers))
            results = pool.map(job, clusters, chunksize=4)
        for runs in results:
            done.append(runs)
            if progress:
                progress(1)
    return done


def choose_systems(peers: Sequence[str] | None) -> tuple[list[str], list[str]]:
    """``storyline`` (when importable) plus the named peers; notes about what is skipped."""
    import storyline

    peers = list(PEERS if peers is None else peers)
    unknown = [p for p in peers if p not in PEERS]
    if unknown:
        raise ValueError(f"unknown peer(s) {', '.join(unknown)}; choose from {', '.join(PEERS)}")
    if hasattr(storyline, "summarize"):
        return ["storyline", *dict.fromkeys(peers)], []
    note = "storyline.summarize is not importable yet: only the peers were run"
    return list(dict.fromkeys(peers)), [note]


def evaluate(
    path: str | Path,
    words: int = 120,
    limit: int | None = None,
    peers: Sequence[str] | None = None,
    workers: int = 1,
    progress: Callable[[int], None] | None = None,
    cache: str | Path | None = None,
) -> EvalReport:
    """Score storyline and ``peers`` (default: all of :data:`PEERS`) on the clusters
    of ``path``, each summary cut to ``words`` words. ``progress(n)`` is called as
    clusters finish. With ``cache`` (a directory), sumy peers' rankings are kept there
    and reused by later runs (any budget), their ms being the time first measured."""
    if words < 1:
        raise ValueError(f"words must be at least 1, got {words}")
    systems, notes = choose_systems(peers)
    bad: list[BadLine] = []
    cache_dir = Path(cache) if cache is not None else None
    clusters = read_clusters(Path(path), limit, bad)
    per_cluster = _run_all(clusters, words, systems, workers, progress, cache_dir)
    results = [aggregate(n, [runs[i] for runs in per_cluster]) for i, n in enumerate(systems)]
    return EvalReport(
        path=str(path),
        words=words,
        limit=limit,
        clusters=len(per_cluster),
        systems=results,
        bad_lines=bad,
        protocol=protocol_lines(words, cached=cache_dir is not None),
        notes=notes,
    )


def protocol_lines(words: int, cached: bool = False) -> list[str]:
    """How the numbers were made, printed under the table."""
    cache_note = (
        [
            "sumy peers: rankings read from the cache; their ms are the times measured when "
            "each ranking was first computed."
        ]
        if cached
        else []
    )
    return [
        f"Every system returns sentences until they hold {words} words (storyline with "
        "fill=True, like the peers); each summary is cut to its first "
        f"{words} whitespace-separated words.",
        "ROUGE (rouge-score, Porter stemmer): F1 and recall x 100, mean over clusters; "
        "with several references, the mean over references.",
        "R-1/R-2/R-L on the text joined by spaces; R-Lsum with one sentence per line in "
        "candidate and reference (storyline's sentence splitter).",
        "Peers: sumy (English tokenizer, Snowball stemmer, stop words) on the documents "
        "joined by blank lines, asked for best sentences until the budget, in document order.",
        "lead: first sentences round-robin across documents; oracle: greedy ROUGE-1+2 F1 "
        "selection against the reference(s) (extractive ceiling).",
        "Time: wall ms per cluster per system (one call, in-process, including its own "
        "sentence splitting). A storyline error counts as an empty summary (failures).",
        *cache_note,
    ]
