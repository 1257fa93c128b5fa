"""The local engine: this machine's processes (``--engine local``, the default).

One worker runs inline, in this process; more run in a pool of spawned processes,
each importing storyline once and keeping its loaded scorer for every chunk it gets.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterable
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from types import TracebackType

from storyline.batch._engine import Done, Work, in_order
from storyline.batch._record import Chunk, Result, summarize_chunk
from storyline.errors import EngineError
from storyline.options import Options


def _warm() -> None:
    """Load what every chunk needs once per worker process, before the first chunk."""
    from storyline.summarize.scorer import default_scorer

    default_scorer()


class LocalEngine:
    chunk_lines = 8

    def __init__(self, workers: int = 1, scheduler: str | None = None) -> None:
        if scheduler is not None:
            raise ValueError("a scheduler address needs the dask engine (--engine dask)")
        self.workers = max(workers, 1)
        self._pool: ProcessPoolExecutor | None = None

    def __enter__(self) -> LocalEngine:
        if self.workers > 1:
            self._pool = ProcessPoolExecutor(
                self.workers, mp_context=multiprocessing.get_context("spawn"), initializer=_warm
            )
        return self

    def __exit__(
        self, kind: type[BaseException] | None, err: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=kind is None, cancel_futures=True)
            self._pool = None

    def map(self, chunks: Iterable[Chunk], options: Options, work: Work = summarize_chunk) -> Done:
        pool = self._pool
        if pool is None:
            for chunk in chunks:
                yield chunk, work(chunk, options)
            return

        def collect(chunk: Chunk, future: Future[list[Result]]) -> list[Result]:
            try:
                return future.result()
            except BrokenProcessPool:
                raise EngineError(
                    "a worker process died (out of memory?); the finished output shards are "
                    "kept: run the same command again to resume, with fewer --workers"
                ) from None

        def submit(chunk: Chunk) -> Future[list[Result]]:
            return pool.submit(work, chunk, options)

        yield from in_order(chunks, submit, collect, window=4 * self.workers)
