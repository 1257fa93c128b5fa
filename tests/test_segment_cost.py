"""The sentence rules read each character of a line a bounded number of times (issue 13,
item 8: ``"Mr. "`` repeated made them rescan the line from its start at every title).

Not a timed test: the text is a ``str`` subclass that counts the characters the rules
slice, count or hand to a regular expression, and the count must stay within a constant
times the length of the line whatever its length.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from storyline.segment import _rules, sentences


class CountingStr(str):
    """A string that adds up the characters its slices, counts and prefix tests cover."""

    touched = 0

    def __getitem__(self, key: Any) -> Any:
        got = str.__getitem__(self, key)
        if isinstance(key, slice):
            CountingStr.touched += len(got)
            return CountingStr(got)
        return got

    def count(self, sub: str, start: Any = None, end: Any = None) -> int:
        lo, hi, _ = slice(start, end).indices(len(self))
        CountingStr.touched += max(0, hi - lo)
        return str.count(self, sub, start, end)


class CountingPattern:
    """A compiled pattern that adds the window each search may scan."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern

    def _window(self, args: tuple[Any, ...]) -> None:
        text, pos, endpos = (*args, 0, None)[:3]
        endpos = len(text) if endpos is None else min(endpos, len(text))
        CountingStr.touched += max(0, endpos - pos)

    def search(self, *args: Any) -> Any:
        self._window(args)
        return self.pattern.search(*args)

    def finditer(self, *args: Any) -> Any:
        self._window(args)
        return self.pattern.finditer(*args)

    def match(self, *args: Any) -> Any:
        m = self.pattern.match(*args)
        CountingStr.touched += m.end() - m.start() + 1 if m else 1
        return m

    def fullmatch(self, *args: Any) -> Any:
        return self.match(*args)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.pattern, name)


@pytest.fixture
def counting(monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in vars(_rules).copy().items():
        if isinstance(value, re.Pattern):
            monkeypatch.setattr(_rules, name, CountingPattern(value))
    punkt_cuts = sentences._punkt_cuts
    monkeypatch.setattr(sentences, "_punkt_cuts", lambda chunk: punkt_cuts(str(chunk)))


def _touched(unit: str, repeats: int) -> float:
    text = CountingStr(unit * repeats + "Then the bridge fell.")
    CountingStr.touched = 0
    sentences._sentences_in_line(text, 0, len(text))
    return CountingStr.touched / len(text)


@pytest.mark.parametrize(
    "unit",
    [
        "Mr. ",
        "E. ",
        "U.S. It ",
        "3 p.m. Results ",
        'it . " the ',
        "killed.The",
        "Mrs.Smith ",
        '"Why?" she asked ',
        "aaaa.",
        '))))." ',
        "... The ",
        "x",
    ],
)
def test_segment_rules_read_each_character_a_bounded_number_of_times(
    counting: None, unit: str
) -> None:
    small, large = _touched(unit, 100), _touched(unit, 1_000)
    # Linear work: the same characters-read per character at 10x the length (a rescan
    # from the line's start made it grow tenfold).
    assert large <= 1.5 * small + 2, (unit, small, large)
