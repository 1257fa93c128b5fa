"""Deterministic stand-ins for the dossier's analysis stages, and fixture loading.

The fakes find their items with plain rules over the corpus's sentences, so every
span they return is a real offset range of a real document; tests of the front door
and the renderings then check what a user sees without loading spaCy.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from storyline.analyze.dossier import Stages
from storyline.ingest import article_from_obj
from storyline.model import Article, Corpus, Span, Summary, SummarySentence
from storyline.model.dossier import Actor, Claim, Difference, Figure, TimelineEvent
from storyline.options import Options

CLUSTERS = Path(__file__).parent / "fixtures" / "dossier" / "clusters"
_NUMBER = re.compile(r"\d[\d,]*")
_NAME = re.compile(r"\b[A-Z][a-z]+ [A-Z][a-z]+\b")


def load_cluster(name: str) -> list[Article]:
    """The articles of fixture cluster ``name`` (bridge, factory, ferry)."""
    raw = json.loads((CLUSTERS / f"{name}.json").read_text(encoding="utf-8"))
    return [article_from_obj(a, f"{name}.json#{i}") for i, a in enumerate(raw["articles"])]


def fake_summarize(corpus: Corpus, options: Options, alignment: Any = None) -> Summary:
    """First sentence of each document, cited by the first sentence of every other."""
    firsts = [d.sentences[0] for d in corpus.documents if d.sentences]
    sentences = tuple(
        SummarySentence(
            text=corpus.documents[s.doc].text[s.start : s.end],
            citations=(s, *(o for o in firsts if o.doc != s.doc)),
        )
        for s in firsts
    )
    return Summary(sentences, corpus.articles, notes=("summary note",))


def fake_actors(corpus: Corpus, recognizer: Any) -> list[Actor]:
    """Two capitalised words in a row are a person; mentions merged by name."""
    found: dict[str, list[Span]] = {}
    for d in corpus.documents:
        for m in _NAME.finditer(d.text):
            found.setdefault(m.group(), []).append(Span(d.index, m.start(), m.end(), "PERSON"))
    return [Actor(name, "person", tuple(spans)) for name, spans in found.items()]


def fake_timeline(corpus: Corpus) -> tuple[list[TimelineEvent], list[str]]:
    """Each document's first sentence, dated by its publication date (latest first)."""
    events = [
        TimelineEvent(
            when=d.article.published or date(2026, 1, 1),
            resolved_from="on Friday",
            text=d.sentence_text(0),
            citations=(d.sentences[0],),
            resolution="latest Friday on or before the article's date",
        )
        for d in reversed(corpus.documents)
        if d.sentences
    ]
    return events, ["timeline note", "summary note"]


def fake_figures(corpus: Corpus) -> list[Figure]:
    out = []
    for s in corpus.sentences():
        text = corpus.documents[s.doc].text
        for m in _NUMBER.finditer(text, s.start, s.end):
            value = float(m.group().replace(",", ""))
            out.append(Figure(value, None, "things", m.group(), (s,), hedge="at least"))
    return out


def fake_claims(corpus: Corpus, actors: Sequence[Actor], recognizer: Any = None) -> list[Claim]:
    out = []
    for s in corpus.sentences():
        text = corpus.documents[s.doc].text[s.start : s.end]
        if " said" in text or "verified" in text:
            unverified = "verified" in text
            out.append(
                Claim(
                    speaker=None if unverified else text.split()[0],
                    text=text,
                    verb="said",
                    unverified=unverified,
                    citations=(s,),
                    marker="could not be verified" if unverified else None,
                )
            )
    return out


def fake_differences(
    corpus: Corpus, figures: Sequence[Figure], claims: Sequence[Claim], alignment: Any = None
) -> list[Difference]:
    docs = {f.citations[0].doc: f for f in figures}
    if len(docs) < 2:
        return []
    a, b = list(docs.values())[:2]
    return [Difference("figure", f"{a.text} vs {b.text}", (*a.citations, *b.citations))]


def fake_count_independent(docs: Sequence[int], corpus: Corpus) -> int:
    """Documents 0 and 1 count as one source (1 rewrites 0)."""
    return len({0 if d == 1 else d for d in docs})


class FakeRecognizer:
    def __init__(self, model: str) -> None:
        self.model = model
        self.loaded = False

    def load(self) -> FakeRecognizer:
        self.loaded = True
        return self

    def __call__(self, texts: Sequence[str]) -> list[list[tuple[int, int, str]]]:
        return [[] for _ in texts]


def fake_stages(**overrides: Any) -> Stages:
    """All stages faked; keyword arguments replace single ones."""
    stages = {
        "summarize": fake_summarize,
        "align": None,
        "recognizer": FakeRecognizer,
        "actors": fake_actors,
        "timeline": fake_timeline,
        "figures": fake_figures,
        "claims": fake_claims,
        "differences": fake_differences,
        "cited_outlets": lambda corpus: {1: ("Harbor Tribune",)},
        "count_independent": fake_count_independent,
    }
    stages.update(overrides)
    return Stages(**stages)
