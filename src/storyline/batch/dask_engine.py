"""The Dask engine (``--engine dask``): chunks of lines as tasks on a Dask cluster.

1. **connect** — to a running scheduler (``--scheduler tcp://host:8786``: what
   ``dask scheduler`` and ``dask worker`` start), or to a local cluster of
   ``workers`` processes, one thread each (storyline is Python-bound: threads
   would share one interpreter lock).
2. **check** — every worker must import the same storyline version (the output
   must not depend on where a line ran); a worker plugin loads the scorer once
   per worker process, including workers that join later.
3. **submit** — the client streams its shards and submits one task per chunk, at
   most a few per worker thread at a time; the chunk's lines travel inside the
   task, so the scheduler can rerun it elsewhere when its worker is lost.
4. **collect** — results come back oldest first and go straight to the writer.
   A chunk whose workers keep dying (Dask's ``KilledWorker``) is split into its
   lines, and a line that still kills its worker gets an ``error`` record.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Iterable
from concurrent.futures import CancelledError
from types import TracebackType
from typing import Any
from uuid import uuid4

from storyline.batch._engine import Done, Work, in_order
from storyline.batch._record import Chunk, Result, lost_line, summarize_chunk
from storyline.errors import EngineError
from storyline.options import Options

#: How many chunks may be out per worker thread: enough to keep each busy while
#: the oldest comes back, few enough that the client holds little.
CHUNKS_PER_THREAD = 3
CONNECT_TIMEOUT = "10s"
WORKER_TIMEOUT = 60


def _import_distributed() -> Any:
    try:
        import distributed
    except ImportError:
        raise EngineError(
            "--engine dask needs Dask, which is not installed: "
            "pip install 'storyline[dask]' (on the client and on every worker)"
        ) from None
    return distributed


class DaskEngine:
    chunk_lines = 32

    def __init__(self, workers: int = 1, scheduler: str | None = None) -> None:
        self.workers = max(workers, 1)
        self.scheduler = scheduler
        self._client: Any = None
        self._cluster: Any = None
        self._run = uuid4().hex[:8]

    def __enter__(self) -> DaskEngine:
        distributed = _import_distributed()
        try:
            if self.scheduler is None:
                self._cluster = distributed.LocalCluster(
                    n_workers=self.workers,
                    threads_per_worker=1,
                    processes=True,
                    dashboard_address=":0",
                    silence_logs=logging.ERROR,
                )
                self._client = distributed.Client(self._cluster)
            else:
                self._client = distributed.Client(self.scheduler, timeout=CONNECT_TIMEOUT)
        except (OSError, TimeoutError) as e:
            self.__exit__(None, None, None)
            where = self.scheduler or "a local Dask cluster"
            raise EngineError(
                f"cannot reach the Dask scheduler at {where}: {e}; start one with "
                "`dask scheduler` (and workers with `dask worker ADDRESS`) or check the address"
            ) from None
        self._check_workers()
        return self

    def _check_workers(self) -> None:
        from storyline import __version__
        from storyline.batch._dask_worker import LoadStoryline, storyline_version

        try:
            versions = self._client.run(storyline_version)
            self._client.register_plugin(LoadStoryline())
        except Exception as e:  # whatever a worker raised while importing storyline
            self.__exit__(None, None, None)
            raise EngineError(
                f"the Dask workers cannot run storyline ({type(e).__name__}: {e}); "
                "install the same storyline on every worker"
            ) from None
        if not versions:
            try:
                self._client.wait_for_workers(1, timeout=WORKER_TIMEOUT)
            except TimeoutError:
                self.__exit__(None, None, None)
                raise EngineError(
                    f"no Dask worker joined the scheduler at {self.scheduler} within "
                    f"{WORKER_TIMEOUT} s; start some with `dask worker {self.scheduler}`"
                ) from None
            versions = self._client.run(storyline_version)
        wrong = {w: v for w, v in versions.items() if v != __version__}
        if wrong:
            self.__exit__(None, None, None)
            raise EngineError(
                f"Dask workers run other storyline versions than this client's {__version__}: "
                f"{wrong}; install the same version everywhere (the output depends on it)"
            )

    def __exit__(
        self, kind: type[BaseException] | None, err: BaseException | None, tb: TracebackType | None
    ) -> None:
        client, cluster, self._client, self._cluster = self._client, self._cluster, None, None
        if client is not None:
            client.close()
        if cluster is not None:
            cluster.close()

    def _window(self) -> int:
        threads = sum(self._client.nthreads().values()) or self.workers
        return CHUNKS_PER_THREAD * threads

    def map(self, chunks: Iterable[Chunk], options: Options, work: Work = summarize_chunk) -> Done:
        client = self._client
        distributed = _import_distributed()
        numbers = itertools.count()

        def submit(chunk: Chunk) -> Any:
            key = f"storyline-{self._run}-{chunk.shard}-{next(numbers)}"
            return client.submit(work, chunk, options, key=key, pure=False)

        def collect(chunk: Chunk, future: Any) -> list[Result]:
            try:
                results: list[Result] = future.result()
                return results
            except distributed.KilledWorker:
                return self._line_by_line(chunk, options, work)
            except (CancelledError, OSError) as e:  # the scheduler went away
                raise EngineError(
                    f"lost the Dask scheduler ({type(e).__name__}: {e}); the finished output "
                    "shards are kept: run the same command again to resume"
                ) from None
            finally:
                future.release()

        yield from in_order(chunks, submit, collect, self._window())

    def _line_by_line(self, chunk: Chunk, options: Options, work: Work) -> list[Result]:
        """A chunk that kept killing workers: its lines one at a time, each alone on the
        cluster (a task on a dying worker is blamed with it), so one bad line costs one."""
        distributed = _import_distributed()
        results: list[Result] = []
        for line in chunk.lines:
            future = self._client.submit(
                work,
                Chunk(chunk.shard, chunk.origin, [line], False, False),
                options,
                key=f"storyline-{self._run}-{chunk.shard}-{line.number}-alone",
                pure=False,
            )
            try:
                results.extend(future.result())
            except distributed.KilledWorker:
                why = "a Dask worker died on this line each time it was tried (out of memory?)"
                results.append(lost_line(line, why))
            finally:
                future.release()
        return results
