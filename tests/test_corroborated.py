"""Leads corroborated in other words: credited units, barred repeats."""

from __future__ import annotations

from storyline.align import align_corpus
from storyline.options import Options
from storyline.prepare import prepare
from storyline.summarize import SelectParams
from storyline.summarize.corroborated import as_duplicates, credit, lead_support
from storyline.summarize.select import select
from storyline.summarize.units import build_units

# Invented: two leads of one fact in other words (a paraphrase, not a near-copy).
WIRE = (
    "Brennish officials say they have regained control of key areas of Tolvaar, two days "
    "after rebels overran the port. "
    "The harbour master said ships would be turned away until Friday. "
    "A curfew was imposed on the old town from dusk to dawn."
)
PHOTOS = (
    "Brennish government forces claim they have recaptured most of Tolvaar from the rebels. "
    "Fishermen mended nets on the quay as soldiers patrolled the waterfront. "
    "Shops in the market square stayed shut for a third day."
)
OTHER = (
    "Aid lorries reached Tolvaar's hospital on Thursday with fuel for its generators. "
    "Doctors said the hospital had run on candles for two nights."
)


def _setup() -> tuple[object, list[str]]:
    corpus = prepare([WIRE, PHOTOS, OTHER], Options())
    al = align_corpus(corpus)
    return al, [corpus.documents[s.doc].text[s.start : s.end] for s in al.spans]


def test_corroborated_leads_are_found_and_credited() -> None:
    al, texts = _setup()
    support = lead_support(al)  # type: ignore[arg-type]
    photo_lead = texts.index(next(t for t in texts if t.startswith("Brennish government")))
    assert (0, [photo_lead]) in support
    units = build_units(al)  # type: ignore[arg-type]
    credited = credit(units, al, support)  # type: ignore[arg-type]
    lead_units = units.bigrams.indices[units.bigrams.indptr[0] : units.bigrams.indptr[1]]
    assert (credited.bigram_df[lead_units] >= 2).all()
    assert (units.bigram_df[lead_units] == 1).any()  # in other words: not shared before
    rest = units.bigrams.indices[units.bigrams.indptr[1] : units.bigrams.indptr[2]]
    assert (credited.bigram_df[rest] == units.bigram_df[rest]).all()


def test_corroborated_leads_are_each_others_repeats() -> None:
    al, _texts = _setup()
    support = lead_support(al)  # type: ignore[arg-type]
    twins = as_duplicates(al.similarity, support)  # type: ignore[attr-defined]
    j = support[0][1][0]
    assert twins[0, j] == twins[j, 0] == 1.0
    assert al.similarity[0, j] < SelectParams().max_similarity  # type: ignore[attr-defined]


def test_corroborated_selection_takes_one_copy_of_the_lead_fact_first() -> None:
    al, texts = _setup()
    chosen = select(al, texts, 60, SelectParams())  # type: ignore[arg-type]
    leads = [i for i in chosen if texts[i].startswith("Brennish")]
    assert len(leads) == 1
    off = select(al, texts, 60, SelectParams(corroborated_leads=0))  # type: ignore[arg-type]
    assert chosen != off
