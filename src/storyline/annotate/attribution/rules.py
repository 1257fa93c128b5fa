"""Attribution by rules on the dependency parse (the baseline and the fallback).

1. **cue** — a verb whose lemma is a reporting verb ("say", "tell", "claim"...) with a
   clausal complement, a subject or a quote beside it; or "according to".
2. **source** — the cue's subject subtree ("The ministry's spokesman"); for "according
   to X", X; for a relative clause ("officials, who said"), the noun it belongs to.
3. **content** — the cue's clausal complement with its "that"; or, when the cue is
   an aside ('"We will," he said, "win."'), the clause around it minus the aside.
"""

from __future__ import annotations

from storyline.annotate.attribution.tree import Tree

REPORTING = frozenset(
    "say tell claim argue add note write announce report state explain insist warn suggest "
    "believe think ask deny confirm acknowledge admit predict tweet allege accuse agree "
    "assert declare reveal stress testify recall estimate indicate show find conclude "
    "complain contend maintain reply respond urge vow promise know hope fear want".split()
)
_SUBJECT = ("nsubj", "nsubjpass")
_COMPLEMENT = ("ccomp", "xcomp")
_RELATIVE = {"who", "which", "that"}


def find(tree: Tree) -> list[tuple[set[int], set[int], set[int]]]:
    """``(source, cue, content)`` token sets, one per attribution found."""
    out = []
    for i, t in enumerate(tree.tokens):
        if t.lower == "according" and i + 1 < len(tree.tokens) and tree.tokens[i + 1].lower == "to":
            found = _according(tree, i)
        elif t.pos in ("VERB", "AUX") and t.lemma.casefold() in REPORTING:
            found = _reporting(tree, i)
        else:
            found = None
        if found is not None:
            out.append(found)
    return out


def _according(tree: Tree, i: int) -> tuple[set[int], set[int], set[int]] | None:
    to = i + 1
    obj = tree.child(to, "pobj")
    source = tree.subtree(obj) if obj is not None else set()
    head = tree.tokens[i].head
    if head == i:
        return None
    phrase = tree.subtree(i) | {to} | source
    content = tree.subtree(head) - phrase
    return (source, {i, to}, content) if content else None


def _reporting(tree: Tree, i: int) -> tuple[set[int], set[int], set[int]] | None:
    subject = tree.child(i, *_SUBJECT)
    source: set[int] = set() if subject is None else tree.subtree(subject)
    if subject is not None and tree.tokens[subject].lower in _RELATIVE:
        head = tree.tokens[i].head
        if tree.tokens[i].dep == "relcl" and head != i:
            source = {k for k in tree.subtree(head) if k < i} - tree.subtree(i) | {head}
            source = {k for k in source if k <= head}
    complement = tree.child(i, *_COMPLEMENT)
    if complement is not None:
        content = tree.subtree(complement)
    elif tree.tokens[i].dep in ("parataxis", "ccomp") and tree.tokens[i].head != i:
        head = tree.tokens[i].head
        if tree.tokens[i].dep == "ccomp" and tree.tokens[head].lemma.casefold() in REPORTING:
            return None  # "The union said its members wanted ...": reported, not an aside
        content = tree.subtree(head) - tree.subtree(i)
    else:
        return None
    return (source, {i}, content) if content else None
