"""Attribution: who said what, read over the whole article (PolNeAR's conventions).

:func:`find_attributions` takes one document's text and its parse
(:class:`~storyline.annotate.attribution.tokens.Parsed`, built once from the spaCy pass
the entity recogniser also uses) and returns :class:`Attribution` s in text order:

1. **parse** — tokens, tags and dependency arcs of the whole article;
2. **cue, source, content** — tagged by two CRFs trained on PolNeAR (:mod:`.crf`: cues
   first, then the source and content of each cue over a window of sentences), or, where
   python-crfsuite is missing, found by rules on the parse (:mod:`.rules`); an
   inverted attribution (a reported clause's own verb taking the reporting clause as
   its content) is dropped;
3. **speaker** — the source resolved to an actor where the text makes it clear
   (:mod:`.speaker`);
4. **unverified** — the words of the attribution flag its content as doubtful.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import Any

from storyline.annotate.attribution import crf, rules
from storyline.annotate.attribution.model import Attribution, Named
from storyline.annotate.attribution.speaker import Resolver, marker
from storyline.annotate.attribution.tokens import Parsed, Tok, from_spacy
from storyline.annotate.attribution.tree import Tree
from storyline.model import Corpus, Span
from storyline.model.dossier import Actor

__all__ = [
    "Attribution",
    "Named",
    "Parsed",
    "Tok",
    "corpus_attributions",
    "find_attributions",
    "from_spacy",
    "parse_corpus",
]


def corpus_attributions(
    corpus: Corpus, analyzer: Any, actors: Sequence[Actor] = (), method: str = "auto"
) -> list[list[Attribution]]:
    """The attributions of every document of ``corpus`` (what ``storyline annotate``
    gives and the dossier's claims are built from).

    ``analyzer`` gives parsed spaCy Docs (``SpacyRecognizer.docs``); ``actors`` (the
    dossier's merged actors) resolve speakers: "he" -> the person named before;
    ``method`` as for :func:`find_attributions`.
    """
    parsed = parse_corpus(corpus, analyzer if hasattr(analyzer, "docs") else default_analyzer())
    out = []
    for d in corpus.documents:
        named = [
            Named(m.start, m.end, a.name, a.type)
            for a in actors
            for m in a.mentions
            if m.doc == d.index
        ]
        roles = {a.name: a.role for a in actors if a.role}
        out.append(
            find_attributions(
                d.text, parsed[d.index], doc=d.index, named=named, roles=roles, method=method
            )
        )
    return out


@functools.cache
def default_analyzer() -> Any:
    """The dossier's spaCy pipeline, loaded once (for callers whose recogniser does not
    parse, such as the rule-based one of the unit tests)."""
    from storyline.annotate.ner import SpacyRecognizer

    return SpacyRecognizer().load()


def parse_corpus(corpus: Corpus, analyzer: Any) -> list[Parsed]:
    """Step 1 for every document: the parse of its passages (the same passages the entity
    recogniser reads, so a :class:`~storyline.annotate.ner.SpacyRecognizer` that has
    just recognised the corpus parses nothing twice).

    ``analyzer`` has ``docs(texts) -> spaCy Docs`` with a dependency parse.
    """
    from storyline.annotate.ner import passages

    places = [[(a, d.text[a:b]) for a, b in passages(d)] for d in corpus.documents]
    texts = list(dict.fromkeys(t for doc in places for _, t in doc))
    docs = dict(zip(texts, analyzer.docs(texts), strict=True))
    return [from_spacy((a, docs[t]) for a, t in doc) for doc in places]


def find_attributions(
    text: str,
    parsed: Parsed,
    *,
    doc: int = 0,
    named: Sequence[Named] = (),
    roles: dict[str, str] | None = None,
    method: str = "auto",
) -> list[Attribution]:
    """The attributions of one document, in text order.

    ``parsed`` holds the document's tokens with offsets into ``text``; ``doc`` is the
    document's index, put into every span; ``named`` are the actor mentions of the
    document (for speakers) and ``roles`` maps an actor name to its role ("spokesman").
    ``method`` is "crf" (the shipped CRFs), "rules" (the dependency rules), "union" (the
    CRFs' and the rules' whose cue the CRFs did not find: the dossier's claims) or "auto"
    (the CRFs when python-crfsuite and the models are installed, else the rules).
    """
    tree = Tree(parsed)
    resolver = Resolver(text, named, roles)
    out = []
    for source, cue, content in _outer(tree, _triples(tree, method)):
        spans = [
            tuple(Span(doc, a, b, label) for a, b in tree.fragments(role))
            for role, label in ((source, "source"), (cue, "cue"), (content, "content"))
        ]
        if not spans[1] or not spans[2]:
            continue
        first = min(s.start for role in spans for s in role)
        last = max(s.end for role in spans for s in role)
        flag = marker(text, first, last)
        out.append(
            Attribution(
                source=spans[0],
                cue=spans[1],
                content=spans[2],
                speaker=resolver.speaker(tree, source),
                unverified=flag is not None,
                marker=flag,
            )
        )
    return sorted(out, key=lambda a: (a.start, a.cue))


def _triples(tree: Tree, method: str) -> list[tuple[set[int], set[int], set[int]]]:
    """Step 2: ``(source, cue, content)`` token sets by the chosen method."""
    if method in ("auto", "union") and not crf.available():
        method = "rules"
    if method == "auto":
        method = "crf"
    if method in ("crf", "union"):
        found = crf.shipped().find(tree.parsed) if tree.tokens else []
        if method == "union":
            found = _union(tree, found, rules.find(tree))
        return found
    if method == "rules":
        return rules.find(tree)
    raise ValueError(f"unknown attribution method {method!r}: crf, rules or auto")


def _outer(
    tree: Tree, found: list[tuple[set[int], set[int], set[int]]]
) -> list[tuple[set[int], set[int], set[int]]]:
    """Drop inverted attributions: one whose content holds the cue of another attribution
    that governs it ("The union said its members wanted ...": "wanted" cannot have
    "The union said" as its content)."""
    out = []
    for k, (source, cue, content) in enumerate(found):
        inverted = False
        for m, (_, other, other_content) in enumerate(found):
            if m == k or not other & content or not cue & other_content:
                continue
            # the other cue governs this one when it is among this cue's heads
            heads: set[int] = set()
            i = min(cue)
            while tree.tokens[i].head != i and len(heads) < 60:
                i = tree.tokens[i].head
                heads.add(i)
            if heads & other:
                inverted = True
                break
        if not inverted:
            out.append((source, cue, content))
    return out


def _union(
    tree: Tree,
    found: list[tuple[set[int], set[int], set[int]]],
    ruled: list[tuple[set[int], set[int], set[int]]],
) -> list[tuple[set[int], set[int], set[int]]]:
    """The dossier's claims: the CRFs' attributions whose cue holds a reporting verb
    (or "according to"; PolNeAR's cues also include "covered", "support", "plan"...), a
    source the rules found for the same cue where the CRF found none (taken out of the
    content), and the rules' attributions whose cue no CRF attribution has."""
    toks = tree.tokens
    out = []
    for source, cue, content in found:
        if not any(toks[i].lemma.casefold() in rules.REPORTING or toks[i].lower == "according"
                   for i in cue):  # fmt: skip
            continue
        if not source:
            source = next((s for s, c, _ in ruled if c & cue and s), source)
            content = content - source
        out.append((source, cue, content))
    taken = set().union(*(c | s for s, c, _ in out)) if out else set()
    return out + [t for t in ruled if not t[1] & taken]
