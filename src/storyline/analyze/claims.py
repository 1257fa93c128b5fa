"""The dossier's claims: who said what, and what the sources themselves doubt.

Built on the document's attributions (:mod:`storyline.annotate.attribution`, the same
annotations ``storyline annotate`` gives):

1. **attributions** — every document is parsed once (the spaCy pass the entity
   recogniser made) and its attributions found: cue, source, content, with the source
   resolved to an actor ("he" -> the person named before, "the spokeswoman" -> the
   person with that role) and unverified contents flagged.
2. **claims** — each attribution becomes a claim: its content (fragments joined) said
   by its speaker with its cue as the verb, citing the sentences it lies in; a
   sentence the source marks as doubtful ("could not be independently verified",
   "purportedly") without any attribution in it is an unverified claim of no speaker.
3. **merge** — the same claim from several documents (same speaker, same polarity,
   most content words shared) becomes one :class:`Claim` citing every sentence.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from storyline.annotate.attribution import Attribution, corpus_attributions
from storyline.annotate.attribution.speaker import UNVERIFIED
from storyline.model import Corpus, Document, Span
from storyline.model.dossier import Actor, Claim


def _words(text: str) -> frozenset[str]:
    """The space-separated words of ``text`` (keeps long word lists readable)."""
    return frozenset(text.split())


_DENY = {"denied", "denies", "deny", "denying", "rejected", "rejects", "dismissed"}
_CONTENT = re.compile(r"[^\W\d_]{3,}")
_FUNCTION = _words(
    "the and that this with from have has had was were are for not but its their his her "
    "they them said says been will would could into than then there which who what when"
)
_MIN_WORDS = 3
_THAT = re.compile(r"^that\s+", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class _Found:
    """One claim found in one document (offsets into the article text)."""

    sentence: Span
    text: str
    speaker: str | None
    verb: str | None
    marker: str | None


def find_claims(
    corpus: Corpus, actors: Sequence[Actor], analyzer: Any = None, method: str = "union"
) -> list[Claim]:
    """Attributed and unverified statements of ``corpus``, merged across documents.

    ``analyzer`` gives spaCy Docs with a parse (``SpacyRecognizer.docs``); without one
    the dossier's model is loaded. ``method`` chooses the attribution finder: "union"
    (default) is the CRFs' attributions (what ``storyline annotate`` gives) plus the
    rules' for cues the CRFs did not find (the dossier's hand-made gold loses a quarter
    of its claims to the CRFs alone); "crf", "rules", or "auto" (the CRFs when
    installed). Claims reported by more documents come first; ties keep reading order.
    """
    found: list[_Found] = []
    for doc, attributions in zip(
        corpus.documents, corpus_attributions(corpus, analyzer, actors, method), strict=True
    ):
        found += _claims_of(doc, attributions)
    return _merge(corpus, found)


def _claims_of(doc: Document, attributions: Sequence[Attribution]) -> list[_Found]:
    """Step 2 for one document, in text order."""
    out: list[tuple[int, _Found]] = []
    covered: set[int] = set()
    for a in attributions:
        # The attribution keeps PolNeAR's "that"; the dossier shows the clause itself.
        text = _THAT.sub("", " ".join(doc.text[s.start : s.end] for s in a.content))
        cited = _sentences(doc, a.start, a.end)
        if not cited or len(text.split()) < _MIN_WORDS:
            continue
        covered.update(id(s) for s in cited)
        verb = re.sub(r"\s+", " ", " ".join(doc.text[s.start : s.end] for s in a.cue)).casefold()
        sentence = Span(doc.index, cited[0].start, cited[-1].end, "claim")
        out.append((a.start, _Found(sentence, text, a.speaker, verb, a.marker)))
    for s in doc.sentences:
        m = UNVERIFIED.search(doc.text, s.start, s.end)
        if m is not None and id(s) not in covered:
            x, y = _trim(doc.text, s.start, s.end)
            out.append((s.start, _Found(s, doc.text[x:y], None, None, m.group(0))))
    return [f for _, f in sorted(out, key=lambda x: x[0])]


def _sentences(doc: Document, start: int, end: int) -> list[Span]:
    """The document's sentences that hold part of ``start:end``."""
    return [s for s in doc.sentences if s.start < end and start < s.end]


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Offsets without surrounding spaces, quotes, commas and the final full stop."""
    strip = " \t\n,;:\"“”‘’'-–—"
    while start < end and text[start] in strip:
        start += 1
    while end > start and text[end - 1] in strip + ".":
        end -= 1
    return start, end


def _merge(corpus: Corpus, found: list[_Found]) -> list[Claim]:
    """Step 4: one Claim per (speaker, polarity, similar text), citing every sentence."""
    groups: list[list[_Found]] = []
    words: list[set[str]] = []
    for f in found:
        w = _content(f.text)
        for i, g in enumerate(groups):
            if _same(g[0], f) and _jaccard(words[i], w) >= 0.5:
                g.append(f)
                words[i] |= w
                break
        else:
            groups.append([f])
            words.append(w)
    order = sorted(groups, key=lambda g: (-len({f.sentence.doc for f in g}), g[0].sentence))
    return [_claim(corpus, g) for g in order]


def _same(a: _Found, b: _Found) -> bool:
    speaker = (a.speaker or "").casefold() == (b.speaker or "").casefold()
    polarity = (a.verb in _DENY) == (b.verb in _DENY)
    return speaker and polarity and (a.verb is None) == (b.verb is None)


def _content(text: str) -> set[str]:
    return {w for w in (x.casefold() for x in _CONTENT.findall(text)) if w not in _FUNCTION}


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def _claim(corpus: Corpus, group: list[_Found]) -> Claim:
    first = group[0]
    text = first.text
    cites = tuple(
        dict.fromkeys(
            Span(f.sentence.doc, f.sentence.start, f.sentence.end, "claim") for f in group
        )
    )
    marker = next((f.marker for f in group if f.marker), None)
    return Claim(
        speaker=first.speaker,
        text=text,
        verb=first.verb,
        unverified=marker is not None,
        citations=cites,
        marker=marker,
    )
