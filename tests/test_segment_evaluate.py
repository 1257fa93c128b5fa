"""The gold-set reader and boundary scorer behind the segmentation quality gate."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from script_support import load_script
from storyline.segment.evaluate import boundaries, parse_gold, score

SOURCE = """## a comment line
First one.| Second one.|Glued on.
A headline
=====
Only sentence here.
"""


def test_segment_evaluate_parse_gold_removes_marks_and_keeps_offsets() -> None:
    docs = parse_gold(SOURCE)
    assert len(docs) == 2
    first = docs[0]
    assert "|" not in first.text
    assert "##" not in first.text
    got = [first.text[a:b] for a, b in first.sentences]
    assert got == ["First one.", "Second one.", "Glued on.", "A headline"]
    assert len(first.regions) == 2
    assert [docs[1].text[a:b] for a, b in docs[1].sentences] == ["Only sentence here."]


def test_segment_evaluate_boundaries_ignore_region_edges() -> None:
    doc = parse_gold(SOURCE)[0]
    # two boundaries inside the first line; the line break is not scored
    assert len(boundaries(doc.sentences, doc.regions)) == 2


def test_segment_evaluate_score_counts_missed_and_wrong_breaks() -> None:
    docs = parse_gold(SOURCE)

    def one_per_region(text: str, regions: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
        return [(a, b) for a, b in regions]

    result = score(one_per_region, docs)
    assert (result.true_positives, result.predicted, result.gold) == (0, 0, 2)
    assert result.recall == 0.0
    assert result.f1 == 0.0

    def perfect(text: str, regions: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
        return next(list(d.sentences) for d in docs if d.text == text)

    assert score(perfect, docs).f1 == 1.0


def test_segment_evaluate_misplaced_quote_counts_as_wrong() -> None:
    doc = parse_gold('He said "go."| Then he left.')[0]
    cut = doc.text.index('"go."') + 4  # before the closing quote
    wrong = [(0, cut), (cut, len(doc.text))]
    assert boundaries(wrong, doc.regions).isdisjoint(boundaries(doc.sentences, doc.regions))


def test_segment_bench_prints_a_row_per_splitter(capsys: pytest.CaptureFixture[str]) -> None:
    module = load_script("bench/segmenters.py", "bench_segmenters")
    module.main(["--data", "/nonexistent/dev.jsonl", "--words", "600"])
    out = capsys.readouterr().out
    for name in ("pysbd", "punkt (english)", "nupunkt", "storyline"):
        assert any(line.startswith(name) for line in out.splitlines()), name
    assert "gold text repeated" in out
