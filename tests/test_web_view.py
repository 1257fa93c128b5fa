"""The dossier page's data: pieces cover each report exactly and a marker's pieces are
exactly its cited span (what cite.js highlights)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from storyline.web.view import markers, page_from_json, piece_id, pieces


@st.composite
def _text_and_spans(draw: st.DrawFn) -> tuple[str, list[tuple[int, int]], list[tuple[int, int]]]:
    text = draw(st.text(min_size=0, max_size=80))
    n = len(text)
    point = st.integers(0, n)
    spans = [tuple(sorted(p)) for p in draw(st.lists(st.tuples(point, point), max_size=8))]
    removed = [tuple(sorted(p)) for p in draw(st.lists(st.tuples(point, point), max_size=3))]
    return text, spans, removed  # type: ignore[return-value]


@given(_text_and_spans())
def test_web_pieces_cover_the_text_and_every_span_exactly(
    case: tuple[str, list[tuple[int, int]], list[tuple[int, int]]],
) -> None:
    text, spans, removed = case
    got = pieces(text, 0, spans, [(s, e, "kind") for s, e in removed])
    assert "".join(p.text for p in got) == text
    assert all(text[p.start : p.end] == p.text for p in got)
    anchors = {p.anchor: p for p in got if p.anchor}
    for s, e in spans:
        inside = [p for p in got if p.start >= s and p.end <= e and (p.end > p.start or s == e)]
        assert "".join(p.text for p in inside) == text[s:e]
        assert piece_id(0, s) in anchors  # the no-JS link has a target
        if e > s:
            assert all(p.depth >= 1 for p in inside if p.end > p.start)


def test_web_markers_one_per_report_first_span_first() -> None:
    docs = [{"text": "Alpha beta. Gamma delta.", "source": "Wire"}, {"text": "Other text."}]
    spans = [
        {"doc": 0, "start": 0, "end": 5},
        {"doc": 0, "start": 0, "end": 11},
        {"doc": 1, "start": 0, "end": 11},
    ]
    got = markers(docs, spans)
    assert [(m.doc, m.start, m.end) for m in got] == [(0, 0, 5), (1, 0, 11)]
    assert got[0].label == "1" and got[0].anchor == "r1-0"
    assert got[0].tip == "Report 1 (Wire): “Alpha”"


def test_web_page_of_a_real_summary_cites_real_offsets() -> None:
    import storyline
    from storyline.ingest import article_from_obj
    from web_support import BRIDGE

    summary = storyline.summarize([article_from_obj(a, f"t#{i}") for i, a in enumerate(BRIDGE)])
    d = summary.to_dict()
    page = page_from_json(d)
    assert not page.is_dossier and page.title == BRIDGE[0]["title"]
    assert len(page.reports) == 2 and len(page.summary) == len(d["summary"])
    for item, s in zip(page.summary, d["summary"], strict=True):
        first = item.markers[0]
        assert d["documents"][first.doc]["text"][first.start : first.end] == s["text"]
        report = page.reports[first.doc]
        inside = [p for p in report.pieces if p.start >= first.start and p.end <= first.end]
        assert "".join(p.text for p in inside) == s["text"]
