"""One document's annotations: the spans the dossier is built from, as ``storyline
annotate`` lists them.

:func:`annotate_corpus` runs, for every document of a corpus:

1. **entities** — spaCy NER, tidied and typed by vote
   (:func:`storyline.annotate.entities.entity_mentions`); each mention's label is the
   type of the actor it belongs to (person, organization, place).
2. **timexes** — TIMEX3 time expressions (:func:`storyline.annotate.timex.document_timexes`),
   the article's ``published`` date as the document creation time.
3. **figures** — quantities (:func:`storyline.annotate.figures.document_figures`).
4. **attributions** — who said what
   (:func:`storyline.annotate.attribution.corpus_attributions`, on the parse made in the
   same spaCy pass as the entities): source, cue and content as lists of fragments, the
   speaker resolved to an actor, and whether the source marks the content as unverified.

The dossier calls the same functions on the same corpus (its timeline reads the
timexes, its figures are the documents' figures merged, its actors are the mentions
merged), so what ``annotate`` prints is what the dossier used.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from storyline.annotate.attribution import Attribution, corpus_attributions
from storyline.annotate.entities import actors_from_mentions, entity_mentions
from storyline.annotate.figures import document_figures
from storyline.annotate.ner import EntityRecognizer
from storyline.annotate.timex import Timex, document_timexes
from storyline.model import Article, Corpus, Span
from storyline.model.dossier import Figure

__all__ = ["AnnotatedDocument", "Attribution", "annotate_corpus"]


@dataclass(frozen=True, slots=True)
class AnnotatedDocument:
    """The annotations of one document; every offset points into ``article.text``."""

    article: Article
    entities: tuple[Span, ...]
    timexes: tuple[Timex, ...]
    figures: tuple[Figure, ...]
    attributions: tuple[Attribution, ...]
    #: The input object's ``"id"``, when it had one.
    id: Any = None

    def to_dict(self) -> dict[str, Any]:
        text = self.article.text
        published = self.article.published
        return {
            "id": self.id,
            "origin": self.article.origin,
            "published": published.isoformat() if published else None,
            "text": text,
            "entities": [
                {"start": s.start, "end": s.end, "label": s.label, "text": text[s.start : s.end]}
                for s in self.entities
            ],
            "timexes": [t.to_dict() | {"text": text[t.start : t.end]} for t in self.timexes],
            "figures": [_figure(f) for f in self.figures],
            "attributions": [a.to_dict() for a in self.attributions],
        }


def _figure(f: Figure) -> dict[str, Any]:
    own = f.citations[0]
    value: Any = list(f.value) if isinstance(f.value, tuple) else f.value
    return {"start": own.start, "end": own.end, "value": value, "unit": f.unit,
            "counts": f.counts, "hedge": f.hedge, "text": f.text}  # fmt: skip


def annotate_corpus(corpus: Corpus, recognizer: EntityRecognizer) -> list[AnnotatedDocument]:
    """Steps 1-4 of the module docstring for every document of ``corpus``."""
    mentions = entity_mentions(corpus, recognizer)
    actors = actors_from_mentions(corpus, mentions)
    attributions = corpus_attributions(corpus, recognizer, actors)
    typed = {(m.doc, m.start, m.end): a.type for a in actors for m in a.mentions}
    out = []
    for d, ms in zip(corpus.documents, mentions, strict=True):
        keys = [(d.index, m.span.start, m.span.end) for m in ms]
        entities = tuple(
            Span(*key, typed.get(key, m.type)) for key, m in zip(keys, ms, strict=True)
        )
        out.append(
            AnnotatedDocument(
                article=d.article,
                entities=entities,
                timexes=document_timexes(d),
                figures=tuple(document_figures(d)),
                attributions=tuple(attributions[d.index]),
            )
        )
    return out
