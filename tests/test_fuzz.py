"""The fuzz targets of ``tests/fuzz_targets`` in every test run, a fast profile: 25 to 80
small generated inputs each (``Target.examples``). ``bench/fuzz.py --minutes N`` runs the
same targets at length, with bigger inputs and the CLI."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from hypothesis import HealthCheck, given, settings

from fuzz_targets import Target, load

#: Characters the fast profile aims at per input (bench/fuzz.py goes to 100 KB).
FAST_CHARS = 800


def _make(t: Target) -> Callable[..., None]:
    @settings(
        max_examples=t.examples,
        deadline=None,
        suppress_health_check=[
            HealthCheck.too_slow,
            HealthCheck.data_too_large,
            HealthCheck.filter_too_much,
        ],
    )
    @given(t.strategy(FAST_CHARS))
    def test(value: Any) -> None:
        t.run(value)

    test.__name__ = f"test_fuzz_{t.name.replace('.', '_')}"
    test.__doc__ = f"Fuzz target {t.name!r}: no crash, its invariants hold."
    return test


for _target in load().values():
    if not _target.cli:
        globals()[f"test_fuzz_{_target.name.replace('.', '_')}"] = _make(_target)


def test_fuzz_dossier_check_takes_a_figure_with_a_tab_as_written() -> None:
    # bench/fuzz.py flagged this: a figure's text keeps the tab it was written with (it
    # lies inside its citation); the target's check compares with white space collapsed.
    from storyline.model import Article

    text = "Gen. Barlow said 12%\tRadio Velmar claimed at least 40 people three days ago."
    load()["dossier"].run([Article(text, origin="a.txt"), Article("U.S. It \t", origin="b.txt")])
