"""Who the source is (step 4) and whether the source doubts the content (step 5).

The speaker is resolved only where the text makes it clear:

- the source's head word lies in a named mention ("Interior ministry spokesman Sediq
  Sediqqi", "Maria Okafor, the spokeswoman") -> that actor; a place merely inside the
  phrase ("A police spokesman in Kunduz") is not the speaker;
- "he" / "she" -> the person named last before the source;
- "the spokesman", "the minister" -> the person named before with that role;
- a common noun with a name in apposition ("the operator Norsund Lines") -> the name;
- otherwise the source's own words ("Militants", "a police spokesman"), and None when
  there is no source or it is "it", "they", "we", "you", "I".
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from storyline.annotate.attribution.model import Named
from storyline.annotate.attribution.tree import Tree

_PRONOUN = {"he", "she", "him", "her"}
_RELATIVE = {"who", "which", "that", "whom"}
_VAGUE = {"it", "they", "we", "i", "you", "this", "that", "them", "us", "one", "who", "which"}
_DEFINITE = re.compile(r"^(?:the|this|that)\s+(?:[\w-]+\s+){0,3}?([\w-]+)$", re.IGNORECASE)
UNVERIFIED = re.compile(
    r"\b(?:(?:could|can|can't|cannot|could\s+not)\s+(?:not\s+)?(?:be\s+)?(?:independently\s+)?"
    r"(?:verified|verify|confirmed|confirm)"
    r"|(?:was|were|is|are)\s+unable\s+to\s+(?:independently\s+)?(?:verify|confirm)"
    r"|(?:has|have|had)\s+not\s+been\s+(?:independently\s+)?(?:verified|confirmed)"
    r"|purportedly|purported|reportedly|allegedly|alleged|claims?|claimed|unconfirmed"
    r"|unverified|(?:is|are|was|were)\s+said\s+to"
    r"|it\s+(?:is|was|remains|remained)\s+(?:not\s+clear|unclear))\b",
    re.IGNORECASE,
)


class Resolver:
    """Speaker resolution over one document's named mentions (in text order)."""

    def __init__(self, text: str, named: Sequence[Named], roles: dict[str, str] | None = None):
        self.text = text
        self.named = sorted(named, key=lambda n: (n.start, n.end))
        #: actor name -> its role ("spokesman"), for "the spokesman".
        self.roles = {k: v.casefold() for k, v in (roles or {}).items()}

    def speaker(self, tree: Tree, source: set[int]) -> str | None:
        """The actor or words behind the source tokens (module docstring)."""
        if not source:
            return None
        toks = tree.tokens
        head = next((i for i in sorted(source) if toks[i].head not in source), min(source))
        lower = " ".join(toks[i].text for i in sorted(source)).strip().casefold()
        if lower in _RELATIVE and toks[toks[head].head].dep in ("relcl", "acl"):
            head = toks[toks[head].head].head  # "officials, who said": the officials
            source = _core(tree, head)
            lower = " ".join(toks[i].text for i in sorted(source)).strip().casefold()
        if lower in _PRONOUN:
            person = self._last_person(toks[head].start)
            return person.name if person else None
        if lower in _VAGUE:
            return None
        hit = self._at(toks[head].start, toks[head].end)
        if hit is not None:
            return hit.name
        named = _apposed(tree, head, source)
        if named is not None:  # "the operator Norsund Lines": the name, not "the operator"
            hit = self._at(toks[named].start, toks[named].end)
            return hit.name if hit is not None else _phrase(self.text, tree, _core(tree, named))
        definite = _DEFINITE.match(lower)
        if definite and toks[head].ent == "":
            role = definite.group(1).rstrip("s")
            person = self._with_role(role, toks[head].start)
            if person is not None:
                return person.name
        return _phrase(self.text, tree, _core(tree, head) & source)

    def _at(self, start: int, end: int) -> Named | None:
        hits = [n for n in self.named if n.start < end and start < n.end]
        return next((n for n in hits if n.kind == "person"), hits[0] if hits else None)

    def _last_person(self, pos: int) -> Named | None:
        people = [n for n in self.named if n.end <= pos and n.kind == "person"]
        return people[-1] if people else None

    def _with_role(self, role: str, pos: int) -> Named | None:
        for n in reversed([n for n in self.named if n.end <= pos and n.kind == "person"]):
            given = self.roles.get(n.name, "")
            if given and given.split()[-1].rstrip("s") == role:
                return n
        return None


def _apposed(tree: Tree, head: int, source: set[int]) -> int | None:
    """A proper name in apposition to a common-noun head ("the operator Norsund Lines",
    "its chairman, Lars Holm"), inside the source."""
    if tree.tokens[head].pos == "PROPN":
        return None
    for k in tree.kids[head]:
        if tree.tokens[k].dep == "appos" and k in source and tree.tokens[k].pos == "PROPN":
            return k
    return None


def _core(tree: Tree, head: int) -> set[int]:
    """The noun phrase of ``head`` without relative clauses, appositions and what
    follows them ("Firefighters who reached the mill" -> "Firefighters")."""
    out = tree.subtree(head)
    for k in tree.kids[head]:
        if tree.tokens[k].dep in ("relcl", "acl", "appos", "punct") and k > head:
            out -= {i for i in out if i >= min(tree.subtree(k))}
    return out


def _phrase(text: str, tree: Tree, source: set[int]) -> str:
    """The source as written: its fragments joined by one space."""
    return " ".join(text[a:b] for a, b in tree.fragments(source))


def marker(text: str, start: int, end: int) -> str | None:
    """The first unverified marker within ``text[start:end]``."""
    m = UNVERIFIED.search(text, start, end)
    return m.group(0) if m else None
