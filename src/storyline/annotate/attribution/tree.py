"""Small helpers over a :class:`~storyline.annotate.attribution.tokens.Parsed` tree."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from storyline.annotate.attribution.tokens import Parsed, Tok

_PUNCT = set(".,;:!?\"“”‘’'()[]-–—…")


class Tree:
    """Children, subtrees and character fragments of one parsed article."""

    def __init__(self, parsed: Parsed) -> None:
        self.parsed = parsed
        self.tokens: Sequence[Tok] = parsed.tokens
        self.kids = parsed.children()

    def subtree(self, i: int) -> set[int]:
        """Token ``i`` and everything below it."""
        out = {i}
        stack = [i]
        while stack:
            for k in self.kids[stack.pop()]:
                if k not in out:
                    out.add(k)
                    stack.append(k)
        return out

    def child(self, i: int, *deps: str) -> int | None:
        """The first dependent of ``i`` with one of the labels ``deps``."""
        return next((k for k in self.kids[i] if self.tokens[k].dep in deps), None)

    def fragments(self, indexes: Iterable[int]) -> list[tuple[int, int]]:
        """Character ranges of runs of consecutive tokens, punctuation trimmed at the edges."""
        keep = sorted(indexes)
        runs: list[list[int]] = []
        for i in keep:
            if runs and i == runs[-1][-1] + 1:
                runs[-1].append(i)
            else:
                runs.append([i])
        out = []
        for run in runs:
            while run and self.tokens[run[0]].text in _PUNCT:
                run.pop(0)
            while run and self.tokens[run[-1]].text in _PUNCT:
                run.pop()
            if run:
                out.append((self.tokens[run[0]].start, self.tokens[run[-1]].end))
        return out
