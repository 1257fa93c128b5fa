"""What a Dask worker runs besides the chunks: the check and the plugin that loads
storyline once per worker process. Imported only once Dask is known to be there."""

from __future__ import annotations

from typing import Any

from distributed import WorkerPlugin


def storyline_version() -> str:
    """The storyline version a worker imports."""
    from storyline import __version__

    return __version__


class LoadStoryline(WorkerPlugin):  # type: ignore[misc]
    """Load the sentence scorer when a worker starts (or joins later), not per chunk."""

    name = "storyline-load"
    idempotent = True

    def setup(self, worker: Any) -> None:
        from storyline.summarize.scorer import default_scorer

        default_scorer()
