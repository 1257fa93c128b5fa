"""The one interface every batch engine implements, and the registry of engines.

An engine takes chunks of lines and gives back, *in the order it was given them*,
each chunk with its results (``work``: :func:`storyline.batch._record.summarize_chunk`,
so an engine knows nothing of summarizing). It
may run them anywhere and in any order; it holds only a bounded window of chunks at
a time, so neither the client nor a worker ever holds a whole shard. Writing,
resuming and reporting are the runner's; the summarizer is the record's. Adding an
engine (Ray, Spark) is one module with a class like :class:`storyline.batch.local.
LocalEngine` and one line in :data:`ENGINES`.
"""

from __future__ import annotations

import importlib
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from types import TracebackType
from typing import Protocol, TypeVar

from storyline.batch._record import Chunk, Result
from storyline.options import Options

#: Engine name → ``module:class``; imported only when chosen, so an engine's
#: optional dependencies are needed only by those who use it.
ENGINES: dict[str, str] = {
    "local": "storyline.batch.local:LocalEngine",
    "dask": "storyline.batch.dask_engine:DaskEngine",
}

Done = Iterator[tuple[Chunk, list[Result]]]
#: What runs on a worker: :func:`storyline.batch._record.summarize_chunk` (a
#: module-level function, so engines that pickle send it by reference).
Work = Callable[[Chunk, Options], list[Result]]
F = TypeVar("F")


class Engine(Protocol):
    """Start in ``__enter__`` (pools, clusters, connections), stop in ``__exit__``."""

    #: Chunk size that suits the engine (lines), unless the caller sets one.
    chunk_lines: int

    def __enter__(self) -> Engine: ...

    def __exit__(
        self, kind: type[BaseException] | None, err: BaseException | None, tb: TracebackType | None
    ) -> None: ...

    def map(self, chunks: Iterable[Chunk], options: Options, work: Work = ...) -> Done:
        """Each chunk with ``work(chunk, options)``, in the order of ``chunks``
        (``work`` is :func:`storyline.batch._record.summarize_chunk` by default)."""
        ...


def open_engine(name: str, workers: int, scheduler: str | None) -> Engine:
    """The engine called ``name``, not yet started."""
    if name not in ENGINES:
        raise ValueError(f"unknown engine {name!r}; choose one of {', '.join(ENGINES)}")
    module, cls = ENGINES[name].split(":")
    engine: Engine = getattr(importlib.import_module(module), cls)(workers, scheduler)
    return engine


def in_order(
    chunks: Iterable[Chunk],
    submit: Callable[[Chunk], F],
    collect: Callable[[Chunk, F], list[Result]],
    window: int,
) -> Done:
    """Submit chunks while at most ``window`` are out, and collect them in order.

    Collecting the oldest first keeps the output in input order with no reordering
    buffer: the chunks behind it go on running meanwhile.
    """
    out: deque[tuple[Chunk, F]] = deque()
    try:
        for chunk in chunks:
            out.append((chunk, submit(chunk)))
            while len(out) >= window:
                oldest, future = out.popleft()
                yield oldest, collect(oldest, future)
        while out:
            oldest, future = out.popleft()
            yield oldest, collect(oldest, future)
    finally:
        out.clear()
