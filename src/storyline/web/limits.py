"""The per-request time limit: pipeline work runs in a worker thread, and a request
whose work takes longer than ``time_limit`` seconds is answered 503 (S502).

Python cannot stop a thread, so timed-out work is abandoned (it finishes in the
background and its result is dropped); a small limiter caps how many pipeline runs
share the CPU at once, so abandoned work cannot pile up without bound.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any, TypeVar

import anyio
import anyio.to_thread
from starlette.requests import Request

from storyline.errors import TimeLimitError

T = TypeVar("T")

#: Pipeline runs computing at once (the rest wait their turn, inside their time limit).
COMPUTE_SLOTS = 4


def compute_limiter() -> anyio.CapacityLimiter:
    return anyio.CapacityLimiter(COMPUTE_SLOTS)


async def run_limited(request: Request, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """``fn(*args, **kwargs)`` in a worker thread, within the server's time limit."""
    state = request.app.state
    limit: float = state.settings.time_limit
    with anyio.move_on_after(limit) as scope:
        return await anyio.to_thread.run_sync(
            partial(fn, *args, **kwargs), abandon_on_cancel=True, limiter=state.compute
        )
    assert scope.cancelled_caught
    raise TimeLimitError(
        f"the request took longer than this server's limit of {limit:g} seconds; send fewer "
        "or shorter articles, or start the server with a larger --time-limit"
    )


async def run_unlimited(request: Request, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """``fn(*args, **kwargs)`` in a worker thread with no time limit: for writes to the
    store, which are all or nothing and must never be abandoned half-way."""
    return await anyio.to_thread.run_sync(partial(fn, *args, **kwargs))
