"""The readability rule of selection: a sentence that needs context only with it."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.align import align_corpus
from storyline.options import Options
from storyline.prepare import prepare
from storyline.summarize import SelectParams, summarize_corpus, summary_order
from storyline.summarize.context import document_resolved, sentence_needs, summary_needs
from storyline.summarize.order import story_order
from storyline.summarize.select import select
from storyline.summarize.standalone import Context

# Invented reports: the best-covered facts sit in sentences that cannot stand alone.
HARBOUR_A = (
    "The harbour wall at Tessmouth collapsed on Sunday night during the storm. "
    "It sent tonnes of rock into the fishing fleet moored behind the harbour wall. "
    "“We lost six boats in ten minutes and the harbour wall is gone.” "
    "Harbour master Ines Kordal said the wall had been due for repair since 2019. "
    "But the council said the harbour wall repair had been funded in March."
)
HARBOUR_B = (
    "Storm waves broke the harbour wall at Tessmouth on Sunday night. "
    "They sank six fishing boats in the harbour, fishermen said. "
    "However, nobody was hurt when the harbour wall fell, the coastguard said. "
    "The council said repairs to the harbour wall had been funded in March. "
    "The harbour was closed to all boats until the wall is inspected"
)
HARBOUR_C = (
    "Tessmouth's harbour wall gave way on Sunday night in the storm. "
    "“It just went, the whole harbour wall, with the fleet behind it,” he said. "
    "Six fishing boats sank in the harbour, the coastguard said. "
    "Also, the coastguard said nobody was hurt when the harbour wall fell."
)
DOCS = [HARBOUR_A, HARBOUR_B, HARBOUR_C]


def _setup(docs: list[str]) -> tuple[object, list[str]]:
    corpus = prepare(docs, Options())
    al = align_corpus(corpus)
    return al, [corpus.documents[s.doc].text[s.start : s.end] for s in al.spans]


def test_standalone_resolved_by_previous_for_pronouns_but_not_for_an_unspoken_quote() -> None:
    texts = [
        "Fishermen gathered on the quay at dawn.",  # first sentence: nothing before it
        "They counted six boats lost.",  # pronoun: the sentence before helps
        "“We lost everything in ten minutes.”",  # quotation, no speech verb
        "Harbour master Ines Kordal spoke to reporters at noon, she said.",
        "“The wall had been due for repair since 2019.”",  # after a sentence that speaks
    ]
    assert document_resolved(texts) == [False, True, False, True, True]


def test_standalone_quotation_that_began_before_is_resolved_by_its_opening() -> None:
    texts = [
        "Ines Kordal told the radio station: “The wall is gone.",
        "We lost six boats.”",
    ]
    assert document_resolved(texts) == [False, True]


def test_standalone_summary_needs_counts_an_unspoken_quote_even_after_its_predecessor() -> None:
    corpus = prepare(
        ["Six boats sank at Tessmouth. “They took the whole fleet with them.” The port shut."]
    )
    d = corpus.documents[0]
    needs = summary_needs([d.sentences[0], d.sentences[1]], corpus)
    assert needs[0] == ()
    assert {n.reason.value for n in needs[1]} == {"quote", "pronoun"}


def test_standalone_context_mask_waits_for_the_predecessor() -> None:
    al, texts = _setup(DOCS)
    ctx = Context.of(al, texts)  # type: ignore[arg-type]
    they = texts.index("They sank six fishing boats in the harbour, fishermen said.")
    taken = np.zeros(len(texts), dtype=bool)
    assert ctx.needs[they] and not ctx.eligible(taken)[they]
    taken[they - 1] = True
    assert ctx.eligible(taken)[they]
    quote = next(i for i, t in enumerate(texts) if t.startswith("“We lost six boats"))
    fragment = next(i for i, t in enumerate(texts) if t.endswith("inspected"))
    taken[:] = True
    assert ctx.barred[quote] and ctx.barred[fragment]
    assert not ctx.eligible(taken)[quote] and not ctx.eligible(taken)[fragment]


@pytest.mark.parametrize("words", [20, 40, 60, 100, 200])
@pytest.mark.parametrize("fill", [False, True])
def test_standalone_every_summary_sentence_reads_where_it_is_placed(words: int, fill: bool) -> None:
    corpus = prepare(DOCS, Options())
    summary = summarize_corpus(corpus, Options(words=words, fill=fill))
    assert summary.sentences
    sources = [s.citations[0] for s in summary.sentences]
    assert summary_needs(sources, corpus) == [()] * len(sources)


def test_standalone_rule_changes_what_is_chosen_here() -> None:
    # Without the rule the selection takes sentences that need context (so the test
    # above can fail); with it, none that is read without its context.
    corpus = prepare(DOCS, Options())
    loose = summarize_corpus(corpus, Options(words=200), SelectParams(context_rule=False))
    sources = [s.citations[0] for s in loose.sentences]
    assert any(summary_needs(sources, corpus))


def test_standalone_nothing_stands_alone_still_gives_a_summary() -> None:
    al, texts = _setup(["They said the harbour wall at Tessmouth had collapsed in the storm."])
    ctx = Context.of(al, texts)  # type: ignore[arg-type]
    assert ctx.barred.all()
    assert select(al, texts, 50, SelectParams())  # type: ignore[arg-type]


def test_standalone_story_order_keeps_a_run_together_predecessor_first() -> None:
    corpus = prepare(
        [
            "Storm waves hit Tessmouth. The harbour wall fell on Sunday night. They sank boats.",
            "The harbour wall fell. Storm waves hit Tessmouth on Sunday, the coastguard said.",
        ]
    )
    d0 = corpus.documents[0]
    s1, s2 = d0.sentences[1], d0.sentences[2]
    other = corpus.documents[1].sentences[0]
    # the run's second sentence is cited at the head of report 2: the run moves up whole
    cited = [(s2, other), (s1,), (corpus.documents[1].sentences[1],)]
    order = story_order(cited, corpus)
    assert order.index(1) + 1 == order.index(0)
    assert order[0] == 1


@settings(max_examples=25, deadline=None)
@given(st.permutations(list(range(5))), st.integers(10, 120))
def test_standalone_rule_holds_for_any_report_order(perm: list[int], words: int) -> None:
    sentences = [s.strip() + "." for s in HARBOUR_A.split(".") if s.strip()]
    doc = " ".join(sentences[i] for i in perm)
    corpus = prepare([doc, HARBOUR_B, HARBOUR_C], Options())
    summary = summarize_corpus(corpus, Options(words=words, fill=True))
    sources = [s.citations[0] for s in summary.sentences]
    assert summary_needs(sources, corpus) == [()] * len(sources)
    for sentence in summary.sentences:
        c = sentence.citations[0]
        assert summary.documents[c.doc].text[c.start : c.end] == sentence.text


def test_standalone_fill_may_end_with_a_sentence_right_after_its_predecessor() -> None:
    # At 72 words the fill's crossing pick is the "he said" quotation of report 3: it
    # is taken because its predecessor is chosen, and the run the two make is moved
    # to the end, predecessor first, so it is still read with its context.
    corpus = prepare(DOCS, Options())
    filled = summarize_corpus(corpus, Options(words=72, fill=True))
    texts = [s.text for s in filled.sentences]
    sources = [s.citations[0] for s in filled.sentences]
    assert texts[-1].startswith("“It just went") and sentence_needs(texts[-1])
    assert texts[-2].startswith("Tessmouth's harbour wall gave way")
    assert sum(len(t.split()) for t in texts[:-1]) < 72 < sum(len(t.split()) for t in texts)
    assert summary_needs(sources, corpus) == [()] * len(sources)
    # without fill_runs the crossing pick must stand alone, and this one is not taken
    strict = summarize_corpus(corpus, Options(words=72, fill=True), SelectParams(fill_runs=False))
    assert not any(s.text.startswith("“It just went") for s in strict.sentences)


def test_standalone_summary_order_moves_the_crossing_sentences_run_last() -> None:
    corpus = prepare(DOCS, Options())
    al = align_corpus(corpus)
    texts = [corpus.documents[s.doc].text[s.start : s.end] for s in al.spans]
    quote = next(i for i, t in enumerate(texts) if t.startswith("“It just went"))
    late = next(i for i, t in enumerate(texts) if t.startswith("Harbour master Ines Kordal"))
    before = quote - 1  # report 3's lead, which story order puts first
    chosen = [before, late, quote]
    cited = [(al.spans[i],) for i in chosen]
    within = [chosen[k] for k in summary_order(al, chosen, cited, corpus, 200)]
    assert within == [before, quote, late]  # within the budget: story order, runs kept
    crossing = [chosen[k] for k in summary_order(al, chosen, cited, corpus, 20)]
    assert crossing == [late, before, quote]  # the quote crosses 20 words: its run last
