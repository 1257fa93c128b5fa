"""A faster ``match`` for spaCy's ``attribute_ruler``: the same matches in the same order.

en_core_web_sm's attribute ruler gives each token its coarse part of speech and
morphology from its tag and fixes a few words ("'s" -> "be"...): 179 patterns of one or
two tokens. spaCy's Matcher tries every pattern at every token, which took about a sixth
of the dossier's spaCy pass. Here each pattern is filed under a value its first token
must have (a tag, a lowercase form or a dependency label), so a token is checked only
against the patterns that can start at it; the ruler's own ``set_annotations`` then
applies the matches exactly as spaCy's would. :func:`speed_up` leaves a ruler alone when
any of its patterns uses something this matcher does not know (operators, other
attributes or predicates), so another model keeps spaCy's matcher.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

#: Token attributes a pattern may test (read for the whole Doc at once as numbers:
#: string hashes, and 0/1 for IS_SPACE).
_ATTRS = ("TAG", "LOWER", "DEP", "IS_SPACE")
#: First-token attributes a pattern can be filed under, most selective first.
_FILED = ("LOWER", "TAG", "DEP", "IS_SPACE")

Check = Callable[[int], bool]
#: One token of a pattern: (attribute's column, test of its value) pairs, all must hold.
TokenSpec = tuple[tuple[int, Check], ...]
#: A compiled pattern: the ruler's attribute id and its token specs.
Pattern = tuple[int, tuple[TokenSpec, ...]]


def _check(attr: str, value: Any, strings: Any) -> Check | None:
    """The test a pattern puts on one attribute's value (a string hash, or 0/1 for
    IS_SPACE), or None when unknown."""
    if attr == "IS_SPACE":
        return (lambda v: v == int(value)) if isinstance(value, bool) else None
    if isinstance(value, str):
        wanted = strings.add(value) if value else 0
        return lambda v: v == wanted
    if isinstance(value, dict) and len(value) == 1:
        ((op, arg),) = value.items()
        if (
            op in ("IN", "NOT_IN")
            and isinstance(arg, list)
            and all(isinstance(a, str) for a in arg)
        ):
            hashes = frozenset(strings.add(a) if a else 0 for a in arg)
            return (lambda v: v in hashes) if op == "IN" else (lambda v: v not in hashes)
        if op == "REGEX" and isinstance(arg, str):
            search = re.compile(arg).search
            memo: dict[int, bool] = {}

            def matches(v: int) -> bool:
                if v not in memo:
                    memo[v] = search(strings[v]) is not None
                return memo[v]

            return matches
    return None


def _filed_under(token: dict[str, Any], strings: Any) -> tuple[int, tuple[int, ...]] | None:
    """The column and the values a token must have to start a pattern (None: any)."""
    for attr in _FILED:
        value = token.get(attr)
        column = _ATTRS.index(attr)
        if attr == "IS_SPACE":
            if isinstance(value, bool):
                return column, (int(value),)
            continue
        if isinstance(value, str):
            return column, (strings.add(value) if value else 0,)
        if isinstance(value, dict) and list(value) == ["IN"]:
            return column, tuple(strings.add(a) if a else 0 for a in value["IN"])
    return None


class FastMatch:
    """``AttributeRuler.match``: spaCy's matches of the ruler's patterns, sorted as the
    ruler sorts them. Build with :meth:`of`."""

    def __init__(
        self, keys: dict[int, int], by: list[dict[int, list[Pattern]]], anywhere: list[Pattern]
    ) -> None:
        #: attribute id -> the match id spaCy's matcher reports (the id's string hash).
        self.keys = keys
        #: per column, value -> patterns whose first token must have it.
        self.by = by
        #: patterns that may start at any token (a regular expression on the word).
        self.anywhere = anywhere

    @classmethod
    def of(cls, ruler: Any) -> FastMatch | None:
        """The matcher for ``ruler``, or None when one of its patterns is beyond it."""
        strings = ruler.vocab.strings
        by: list[dict[int, list[Pattern]]] = [{} for _ in _ATTRS]
        anywhere: list[Pattern] = []
        keys: dict[int, int] = {}
        for attr_id, entry in enumerate(ruler.patterns):
            keys[attr_id] = strings[str(attr_id)]
            for pattern in entry["patterns"]:
                specs: list[TokenSpec] = []
                for token in pattern:
                    if not token or any(a not in _ATTRS for a in token):
                        return None
                    checks = [(_ATTRS.index(a), _check(a, v, strings)) for a, v in token.items()]
                    if any(c is None for _, c in checks):
                        return None
                    specs.append(tuple((col, c) for col, c in checks if c is not None))
                if not specs:
                    return None
                compiled = (attr_id, tuple(specs))
                filed = _filed_under(pattern[0], strings)
                if filed is None:
                    anywhere.append(compiled)
                    continue
                column, values = filed
                for v in dict.fromkeys(values):
                    by[column].setdefault(v, []).append(compiled)
        return cls(keys, by, anywhere)

    def __call__(self, doc: Any) -> list[tuple[int, int, int, int]]:
        from spacy.attrs import DEP, IS_SPACE, LOWER, TAG

        rows = doc.to_array([TAG, LOWER, DEP, IS_SPACE]).tolist() if len(doc) else []
        n = len(rows)
        found: set[tuple[int, int, int]] = set()
        by = list(enumerate(self.by))
        for i, row in enumerate(rows):
            candidates = [p for column, filed in by for p in filed.get(row[column], ())]
            for attr_id, specs in candidates + self.anywhere:
                end = i + len(specs)
                if end <= n and _holds(rows, i, specs):
                    found.add((attr_id, i, end))
        return sorted((attr_id, self.keys[attr_id], s, e) for attr_id, s, e in found)


def _holds(rows: list[list[int]], i: int, specs: tuple[TokenSpec, ...]) -> bool:
    """Whether the pattern's token specs hold for the tokens from ``i`` on."""
    for k, spec in enumerate(specs):
        row = rows[i + k]
        for column, check in spec:
            if not check(row[column]):
                return False
    return True


def speed_up(nlp: Any) -> bool:
    """Give the pipeline's ``attribute_ruler`` the faster matcher; False when it keeps
    spaCy's (no such pipe, or patterns this matcher does not know)."""
    if "attribute_ruler" not in nlp.pipe_names:
        return False
    ruler = nlp.get_pipe("attribute_ruler")
    match = FastMatch.of(ruler)
    if match is None:
        return False
    ruler.match = match
    return True
