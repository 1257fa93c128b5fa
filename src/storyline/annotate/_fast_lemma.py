"""A faster spaCy ``lemmatizer`` (rule mode): the same lemmas, each worked out once.

spaCy's rule lemmatizer caches the lemmas it derives by rules, but not the words it
returns unchanged: a singular noun, a base-form verb or adjective (``is_base_form``, which
builds the token's morphology as a dict every time) and every word of a part of speech
without rules (proper nouns, numbers, punctuation...) are worked out again at each
occurrence. That was most of its time, about 0.2-0.3 s of CPU a 10-article cluster (the
largest pipe after the three networks). A rule lemma depends only on the token's form,
coarse part of speech and morphology (and on tables that do not change), so here every
lemma is remembered under that key, and the lemmas of a Doc are read and written as
arrays (:meth:`FastLemmas.pipe`) rather than token by token.

:func:`speed_up` leaves a lemmatizer alone unless it is spaCy's rule lemmatizer
(``mode == "rule"``) whose ``lemmatize`` is its own ``rule_lemmatize``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

#: Lemmas remembered before the memo is emptied (one entry per distinct form, part of
#: speech and morphology: ~2,500 for a 10-article cluster).
MAX_MEMO = 500_000


class FastLemmas:
    """The lemmatizer's ``lemmatize`` with every answer remembered, and a ``pipe`` that
    lemmatizes whole Docs through arrays. Same lemmas as the wrapped lemmatizer."""

    def __init__(self, lemmatizer: Any) -> None:
        self.lemmatizer = lemmatizer
        self.rule = _with_set_index(lemmatizer).rule_lemmatize
        #: (ORTH, POS, MORPH) hashes -> the lemma's hash in the vocab's strings.
        self.memo: dict[tuple[int, int, int], int] = {}

    def lemmatize(self, token: Any) -> list[str]:
        """``rule_lemmatize(token)``, remembered (spaCy's ``__call__`` uses ``[0]``)."""
        return [token.vocab.strings[self._lemma(token.doc, token.i, token.orth, token.pos)]]

    def _lemma(self, doc: Any, i: int, orth: int, pos: int) -> int:
        token = doc[i]
        key = (orth, pos, token.morph.key)
        lemma = self.memo.get(key)
        if lemma is None:
            if len(self.memo) >= MAX_MEMO:
                self.memo.clear()
            lemma = self.memo[key] = doc.vocab.strings.add(self.rule(token)[0])
        return lemma

    def __call__(self, doc: Any) -> Any:
        from spacy.attrs import LEMMA, MORPH, ORTH, POS

        if not len(doc):
            return doc
        rows = doc.to_array([ORTH, POS, MORPH, LEMMA]).tolist()
        overwrite = self.lemmatizer.overwrite
        memo = self.memo
        lemmas = []
        changed = False
        for i, (orth, pos, morph, lemma) in enumerate(rows):
            if overwrite or lemma == 0:
                new = memo.get((orth, pos, morph))
                if new is None:
                    new = self._lemma(doc, i, orth, pos)
                changed = changed or new != lemma
                lemma = new
            lemmas.append(lemma)
        if changed:
            import numpy

            doc.from_array([LEMMA], numpy.array(lemmas, dtype="uint64").reshape(-1, 1))
        return doc

    def pipe(self, docs: Iterable[Any], batch_size: int = 128) -> Iterator[Any]:
        """What the pipeline calls: every Doc lemmatized in place, in order."""
        for doc in docs:
            yield self(doc)


def _with_set_index(lemmatizer: Any) -> Any:
    """A second lemmatizer of the same class and tables, but whose ``lemma_index`` word
    lists are sets: spaCy's ``rule_lemmatize`` only asks whether a form is in them
    (``form in index``), which on a list scans up to 57,528 nouns per candidate form."""
    from spacy.lookups import Lookups

    lookups = Lookups()
    for name in lemmatizer.lookups.tables:
        table = lemmatizer.lookups.get_table(name)
        copy = lookups.add_table(name)
        for key, value in table.items():
            copy[key] = frozenset(value) if name == "lemma_index" else value
    twin = type(lemmatizer)(
        lemmatizer.vocab, None, lemmatizer.name, mode="rule", overwrite=lemmatizer.overwrite
    )
    twin.initialize(lookups=lookups)
    return twin


def speed_up(nlp: Any) -> bool:
    """Give the pipeline's rule ``lemmatizer`` remembered lemmas and an array ``pipe``;
    False when it keeps spaCy's own (no such pipe, or not a plain rule lemmatizer)."""
    if "lemmatizer" not in nlp.pipe_names:
        return False
    lemmatizer = nlp.get_pipe("lemmatizer")
    if getattr(lemmatizer, "mode", None) != "rule" or not hasattr(lemmatizer, "rule_lemmatize"):
        return False
    if getattr(lemmatizer.lemmatize, "__func__", None) is not type(lemmatizer).rule_lemmatize:
        return False
    try:
        lemmatizer._validate_tables()  # what its own first call checks
    except ValueError:
        return False
    fast = FastLemmas(lemmatizer)
    lemmatizer.lemmatize = fast.lemmatize
    lemmatizer.pipe = fast.pipe
    return True
