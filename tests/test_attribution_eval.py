"""bench/attribution_eval.py: span matching, exact and soft role scores, attribution scores."""

from __future__ import annotations

import pytest

from script_support import load_script


def _bench():
    return load_script("bench/attribution_eval.py", "attribution_eval")


ev = _bench()
TEXT = 'Mayor Ilse Varn said that "the weir will hold," and added that pumps were ready.'


def _span(word: str, text: str = TEXT) -> list[int]:
    start = text.index(word)
    return [start, start + len(word)]


def _attr(source: list[str], cue: list[str], content: list[str]) -> dict:
    return {
        "source": [_span(w) for w in source],
        "cue": [_span(w) for w in cue],
        "content": [_span(w) for w in content],
    }


GOLD = [
    _attr(["Mayor Ilse Varn"], ["said"], ['that "the weir will hold,"']),
    _attr(["Mayor Ilse Varn"], ["added"], ["that pumps were ready"]),
]


def test_canonical_trims_punctuation_and_joins_touching_fragments() -> None:
    quoted = _span('"the weir will hold,"')
    assert ev.canonical(TEXT, [quoted]) == ((quoted[0] + 1, quoted[1] - 2),)
    whole = _span("that pumps were ready")
    # "that pumps" + " were ready."
    split = [[whole[0], whole[0] + 10], [whole[0] + 10, whole[1] + 1]]
    assert ev.canonical(TEXT, split) == ((whole[0], whole[1]),)


def test_canonical_keeps_a_gap_with_words_in_it() -> None:
    a, b = _span("Mayor"), _span("Varn")
    assert ev.canonical(TEXT, [b, a]) == (tuple(a), tuple(b))


def test_perfect_prediction_scores_100_and_shared_source_counts_once() -> None:
    result = ev.score([{"id": "x", "text": TEXT, "attributions": GOLD}], {"x": GOLD})
    assert result["source"]["gold"] == 1  # one source span shared by two attributions
    for role in ev.ROLES:
        assert result[role]["exact"]["f1"] == pytest.approx(100)
        assert result[role]["soft"]["f1"] == pytest.approx(100)
    assert result["attribution"]["f1"] == pytest.approx(100)
    assert result["source_resolved"] == pytest.approx(100)


def test_content_without_that_is_not_exact_but_gets_soft_credit() -> None:
    pred = [
        _attr(["Mayor Ilse Varn"], ["said"], ["the weir will hold"]),
        _attr(["Ilse Varn"], ["added"], ["that pumps were ready"]),
    ]
    result = ev.score([{"id": "x", "text": TEXT, "attributions": GOLD}], {"x": pred})
    content = result["content"]
    assert content["exact"]["p"] == pytest.approx(50) and content["exact"]["r"] == pytest.approx(50)
    # soft: 4/5 tokens for the first content, 1.0 for the second
    assert content["soft"]["p"] == pytest.approx(100 * (0.8 + 1.0) / 2)
    source = result["source"]
    assert source["exact"]["p"] == pytest.approx(50)  # two distinct predicted sources, one right
    assert source["exact"]["r"] == pytest.approx(100)
    assert source["soft"]["r"] == pytest.approx(100)  # greedy: the exact one takes the gold span
    assert result["attribution"]["f1"] == pytest.approx(0)
    assert result["source_resolved"] == pytest.approx(50)


def test_missing_source_matches_missing_source_and_missing_article_counts_as_empty() -> None:
    text = "Talks were said to be close."
    gold = [{"source": [], "cue": [[11, 15]], "content": [[0, 10], [16, 27]]}]
    pred = [{"source": [], "cue": [[11, 15]], "content": [[0, 10], [16, 28]]}]
    both = [
        {"id": "a", "text": text, "attributions": gold},
        {"id": "b", "text": text, "attributions": gold},
    ]
    result = ev.score(both, {"a": pred})
    assert result["attribution"]["p"] == pytest.approx(100)
    assert result["attribution"]["r"] == pytest.approx(50)
    assert result["source"]["gold"] == 0
    assert result["source_resolved"] == pytest.approx(100)
    assert result["cue"]["exact"]["r"] == pytest.approx(50)


def test_each_gold_span_matched_at_most_once() -> None:
    text = "Aides said so. Aides said so."
    gold = [{"source": [[0, 5]], "cue": [[6, 10]], "content": [[11, 13]]}]
    pred = [gold[0], gold[0]]
    result = ev.score([{"id": "a", "text": text, "attributions": gold}], {"a": pred})
    assert result["attribution"]["p"] == pytest.approx(50)
    assert result["attribution"]["r"] == pytest.approx(100)
