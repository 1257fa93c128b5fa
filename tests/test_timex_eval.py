"""bench/timex_eval.py: TempEval-3 task A scoring on tiny hand-made examples."""

from __future__ import annotations

import json
from pathlib import Path
from types import ModuleType

import pytest

from script_support import load_script


def _bench() -> ModuleType:
    return load_script("bench/timex_eval.py", "timex_eval")


te = _bench()

TEXT = "The mill closed on Friday after two weeks of talks, officials said last week."


def _t(start: int, end: int, typ: str = "DATE", value: str = "X") -> dict[str, object]:
    return {"start": start, "end": end, "type": typ, "value": value}


GOLD = [_t(19, 25, "DATE", "2024-05-03"), _t(32, 41, "DURATION", "P2W"),
        _t(67, 76, "DATE", "2024-W17")]  # fmt: skip


def test_timex_eval_gold_offsets_slice_the_example() -> None:
    assert [TEXT[g["start"] : g["end"]] for g in GOLD] == ["Friday", "two weeks", "last week"]  # type: ignore[misc]


def test_timex_eval_perfect_prediction_scores_100_everywhere() -> None:
    counts = te.score_document(GOLD, GOLD)
    for m in te.MEASURES:
        assert counts.prf(m) == (100.0, 100.0, 100.0)


def test_timex_eval_wider_extent_is_relaxed_not_strict() -> None:
    pred = [_t(16, 25, "DATE", "2024-05-03")]  # "on Friday"
    counts = te.score_document(GOLD, pred)
    assert counts.matches == {"strict": 0, "relaxed": 1, "value": 1, "type": 1}
    p, r, f = counts.prf("relaxed")
    assert (p, round(r, 2), round(f, 2)) == (100.0, 33.33, 50.0)


def test_timex_eval_value_and_type_count_only_relaxed_pairs_with_equal_strings() -> None:
    pred = [_t(19, 25, "DATE", "2024-05-10"), _t(32, 41, "DATE", "P2W"), _t(0, 3, "DATE", "X")]
    counts = te.score_document(GOLD, pred)
    assert counts.matches == {"strict": 2, "relaxed": 2, "value": 1, "type": 1}
    assert counts.prf("value")[0] == pytest.approx(100 / 3)
    assert counts.prf("value")[1] == pytest.approx(100 / 3)


def test_timex_eval_each_timex_is_paired_at_most_once() -> None:
    # one prediction over two gold timexes ("Friday after two weeks") pairs with one only
    counts = te.score_document(GOLD, [_t(19, 41, "DATE", "2024-05-03")])
    assert counts.matches["relaxed"] == 1
    # two predictions inside one gold timex: one pairs, the other is spurious
    gold = [_t(67, 76)]
    counts = te.score_document(gold, [_t(67, 71), _t(72, 76)])
    assert counts.matches["relaxed"] == 1 and counts.predicted == 2


def test_timex_eval_identical_extent_wins_the_pairing() -> None:
    gold = [_t(19, 25, value="a"), _t(26, 41, value="b")]
    pred = [_t(19, 41, value="b"), _t(26, 41, value="b")]
    pairs = te.pair(gold, pred)
    assert (1, 1) in pairs and (0, 0) in pairs


def test_timex_eval_counts_are_pooled_and_types_filtered() -> None:
    docs = [{"id": "a", "timexes": GOLD}, {"id": "b", "timexes": [_t(0, 4, "SET", "P1D")]}]
    counts = te.score(docs, {"a": GOLD})  # nothing predicted for "b"
    assert (counts.gold, counts.predicted) == (4, 3)
    assert counts.prf("strict")[1] == 75.0
    dates = te.score(docs, {"a": GOLD}, types={"DATE"})
    assert (dates.gold, dates.predicted, dates.matches["strict"]) == (2, 2, 2)


def test_timex_eval_cli_reads_gold_and_predictions(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    gold = tmp_path / "gold.jsonl"
    pred = tmp_path / "pred.jsonl"
    gold.write_text(json.dumps({"id": "a", "dct": "2024-05-03", "text": TEXT, "timexes": GOLD}))
    pred.write_text(json.dumps({"id": "a", "timexes": GOLD[:2]}) + "\n")
    assert te.main([str(gold), str(pred), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["strict"]["p"] == 100.0 and round(out["strict"]["r"], 2) == 66.67
    assert te.main([str(gold), str(pred), "--types", "DURATION", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["value"]["f"] == 100.0
