"""The batch runner, the same for every engine.

1. **plan** — find the input shards; the output is one file, or a folder of output
   shards whose manifest says which shards an earlier run finished (those are skipped).
2. **stream** — every shard still to do is read in chunks of lines, lazily, and the
   chunks go to the engine, which runs them where it likes.
3. **write** — results come back in input order and are written as they come; the
   end of a shard commits its output file (and, in a folder, the manifest).
4. **report** — lines, failures (each bad line also has its ``error`` record),
   shards skipped, and the time taken.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from time import perf_counter
from typing import Protocol

from storyline.batch._engine import open_engine
from storyline.batch._output import FileTarget, FolderTarget, Target
from storyline.batch._record import Chunk, Result
from storyline.batch._shards import count_lines, find_shards, read_chunks
from storyline.options import Options

MAX_LISTED = 1_000


@dataclass(frozen=True, slots=True)
class Failure:
    shard: str
    line: int
    error: str


@dataclass(slots=True)
class BatchReport:
    #: Lines in the output, with those of shards an earlier run finished.
    total: int = 0
    failed: int = 0
    #: The first ``MAX_LISTED`` lines that failed in this run (the output has every one).
    failures: list[Failure] = field(default_factory=list)
    shards: int = 0
    #: Shards (and their lines) finished by an earlier run and left as they were.
    skipped_shards: int = 0
    skipped_lines: int = 0
    #: Wall-clock seconds of this run, engine start-up included.
    seconds: float = 0.0

    @property
    def clusters_per_second(self) -> float:
        done = self.total - self.skipped_lines
        return done / self.seconds if self.seconds > 0 else 0.0


class Progress(Protocol):
    """What a progress display is told (the CLI draws it with rich)."""

    def start(self, shards: int, lines: int | None) -> None:
        """The shards and lines to do (``lines`` None when unknown: gzip)."""

    def advance(self, lines: int) -> None: ...

    def shard_done(self) -> None: ...


def is_folder_target(output: str | Path) -> bool:
    """An output folder: one that exists, or a path written with a final slash."""
    return Path(output).is_dir() or str(output).endswith(("/", os.sep))


def run(
    inputs: str | Path | Sequence[str | Path],
    output: str | Path,
    *,
    engine: str = "local",
    workers: int = 1,
    scheduler: str | None = None,
    options: Options | None = None,
    progress: Progress | None = None,
    chunk_lines: int | None = None,
) -> BatchReport:
    """Summarize every cluster line of ``inputs`` into ``output`` (JSON Lines).

    ``inputs``: files, folders (their ``*.jsonl``, ``*.jsonl.gz``) or globs.
    ``output``: a file receiving every line, or a folder (existing, or written with
    a final ``/``) receiving one output shard per input shard, resumable.
    ``engine``: a name in :data:`storyline.batch.ENGINES`; ``workers`` processes
    (local, or a local Dask cluster); ``scheduler`` a Dask scheduler's address.
    """
    options = options or Options()
    paths = find_shards([inputs] if isinstance(inputs, str | Path) else inputs)
    out = Path(output)
    target: Target = (
        FolderTarget(out, paths, options) if is_folder_target(output) else FileTarget(out)
    )
    report = BatchReport(shards=len(paths))
    complete = False
    try:
        todo = _skip_done(target, paths, report)
        if progress:
            counts = [count_lines(paths[i]) for i in todo]
            known = None if None in counts else sum(c or 0 for c in counts)
            progress.start(len(todo), known)
        started = perf_counter()
        with open_engine(engine, workers, scheduler) as eng:
            size = chunk_lines or eng.chunk_lines
            digests: dict[int, str] = {}
            chunks = (c for i in todo for c in read_chunks(i, paths[i], size, digests))
            writer = _Writer(target, report, digests, progress)
            for chunk, results in eng.map(chunks, options):
                writer.write(chunk, results)
        report.seconds = perf_counter() - started
        complete = True
    finally:
        target.close(complete)
    return report


def _skip_done(target: Target, paths: list[Path], report: BatchReport) -> list[int]:
    todo = []
    for i, path in enumerate(paths):
        done = target.done(path, i)
        if done is None:
            todo.append(i)
            continue
        report.skipped_shards += 1
        report.skipped_lines += done.lines
        report.total += done.lines
        report.failed += done.failed
    return todo


class _Writer:
    """Results to the target, counting as they pass."""

    def __init__(
        self,
        target: Target,
        report: BatchReport,
        digests: dict[int, str],
        progress: Progress | None,
    ) -> None:
        self.target, self.report, self.digests, self.progress = target, report, digests, progress
        self.shard_lines = self.shard_failed = 0

    def write(self, chunk: Chunk, results: list[Result]) -> None:
        report = self.report
        if chunk.first:
            self.target.begin(chunk.shard)
            self.shard_lines = self.shard_failed = 0
        for line, (record, error) in zip(chunk.lines, results, strict=True):
            self.target.write(record)
            report.total += 1
            if error:
                report.failed += 1
                self.shard_failed += 1
                if len(report.failures) < MAX_LISTED:
                    report.failures.append(Failure(chunk.origin, line.number, error))
        self.shard_lines += len(results)
        if self.progress:
            self.progress.advance(len(results))
        if chunk.last:
            digest = self.digests.pop(chunk.shard)
            self.target.end(chunk.shard, digest, self.shard_lines, self.shard_failed)
            if self.progress:
                self.progress.shard_done()


class _Callback:
    """A plain ``callback(lines)`` as a :class:`Progress`."""

    def __init__(self, callback: Callable[[int], None]) -> None:
        self.callback = callback

    def start(self, shards: int, lines: int | None) -> None:
        pass

    def advance(self, lines: int) -> None:
        self.callback(lines)

    def shard_done(self) -> None:
        pass


def batch(
    source: Path,
    output: Path,
    options: Options | None = None,
    workers: int = 1,
    progress: Callable[[int], None] | None = None,
) -> BatchReport:
    """One JSON Lines file into another with the local engine: ``run`` for one file."""
    return run(
        [source],
        output,
        options=options,
        workers=workers,
        progress=_Callback(progress) if progress else None,
    )
