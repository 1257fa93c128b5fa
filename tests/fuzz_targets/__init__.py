"""Fuzz targets, shared by the property tests (``tests/test_fuzz.py``, a fast profile in
every test run) and ``bench/fuzz.py`` (the same strategies at length, plus the CLI).

A target is a hypothesis strategy of inputs and a ``run`` function that takes one input
and raises when something is wrong: :class:`Broken` when an invariant fails (a citation
that does not slice to its sentence, an output line missing), or any exception that is
not a :class:`storyline.StorylineError` (those are the documented answer to bad input
and ``run`` lets them pass). ``bench/fuzz.py`` adds the time (a hang: over 10 s for an
input under 100 KB) and memory (over 1 GB for an input under 1 MB) limits.

Registering a target (one decorator, in a module listed in :data:`MODULES`)::

    from hypothesis import strategies as st
    from fuzz_targets import target
    from fuzz_targets.strategies import article_dicts

    @target("events.add", lambda chars: st.lists(article_dicts(chars), max_size=5))
    def events_add(items: list[dict]) -> None:
        ...  # run it; raise Broken("why") when an invariant fails

``lambda chars: ...`` builds the strategy for inputs of about ``chars`` characters (the
fast profile asks for small ones, the long run for up to 100 KB). ``cli=True`` marks a
target that runs the command in a subprocess: only ``bench/fuzz.py`` runs those.
``examples`` is how many inputs the fast profile tries.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from hypothesis.strategies import SearchStrategy

#: The modules that register targets, imported by :func:`load`.
MODULES = ["fuzz_targets.library", "fuzz_targets.events", "fuzz_targets.web", "fuzz_targets.cli"]


class Broken(AssertionError):
    """An invariant of a target's output does not hold."""


@dataclass(frozen=True, slots=True)
class Target:
    name: str
    strategy: Callable[[int], SearchStrategy[Any]]
    run: Callable[[Any], None]
    cli: bool = False
    examples: int = 200


TARGETS: dict[str, Target] = {}


def target(
    name: str,
    strategy: Callable[[int], SearchStrategy[Any]],
    *,
    cli: bool = False,
    examples: int = 200,
) -> Callable[[Callable[[Any], None]], Callable[[Any], None]]:
    """Register ``run`` as the target ``name`` (see the module docstring)."""

    def register(run: Callable[[Any], None]) -> Callable[[Any], None]:
        if name in TARGETS:
            raise ValueError(f"fuzz target {name!r} registered twice")
        TARGETS[name] = Target(name, strategy, run, cli, examples)
        return run

    return register


def load() -> dict[str, Target]:
    """Every registered target (the modules of :data:`MODULES` imported)."""
    for module in MODULES:
        importlib.import_module(module)
    return TARGETS


def size_of(value: Any) -> int:
    """Characters (or bytes) of an input, for the time and memory limits."""
    if isinstance(value, str | bytes):
        return len(value)
    if isinstance(value, dict):
        return sum(size_of(v) for v in value.values())
    if isinstance(value, list | tuple):
        return sum(size_of(v) for v in value)
    text = getattr(value, "text", None)
    return len(text) if isinstance(text, str) else 0
