"""Regression tests for the nine fuzzed failures of issue 13, one (or a few) per item.

Each test rebuilds the input the issue describes and checks the documented outcome:
a result or a ``StorylineError`` with its exit code, never an internal error, a lost
output file or a broken line accounting.
"""

from __future__ import annotations

import codecs
import itertools
import json
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

import storyline
from storyline.batch import batch
from storyline.cli.app import app
from storyline.errors import FormatError
from storyline.ingest import read_bytes
from storyline.ingest.jsonlines import read_lines, split_lines
from storyline.options import Options

runner = CliRunner()

STORY = (
    "Police said yesterday that the bridge had collapsed. "
    "Rescue crews worked through the night to reach the stranded cars. "
    "The regional council will meet next Monday to discuss repairs."
)
OTHER = (
    "The bridge over the Orla river collapsed on Tuesday, police said. "
    "Crews reached the stranded cars before dawn."
)


def _cluster(cid: object, *docs: object) -> str:
    return json.dumps({"id": cid, "documents": list(docs)})


def _records(path: Path) -> list[dict]:
    data = path.read_bytes()
    data.decode("utf-8")  # the output is valid UTF-8
    return [json.loads(line) for line in data.split(b"\n")[:-1]]


# -- 2. lone surrogates ------------------------------------------------------------------


def test_item2_summarize_json_writes_a_lone_surrogate_as_an_escape(tmp_path: Path) -> None:
    src = tmp_path / "a.json"
    src.write_text('{"text": "' + STORY + ' Odd \\ud800 char.", "title": "T\\udfff"}')
    out = tmp_path / "out.json"
    result = runner.invoke(app, ["summarize", str(src), "--format", "json", "-o", str(out)])
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_bytes().decode("utf-8"))
    doc = data["documents"][0]
    assert "\ud800" not in doc["text"] and "\ufffd" in doc["text"]
    assert doc["title"] == "T\ufffd"
    assert any("surrogate" in n for n in data["notes"])
    for s in data["summary"]:
        c = s["citations"][0]
        assert data["documents"][c["doc"]]["text"][c["start"] : c["end"]] == s["text"]


def test_item2_batch_keeps_every_line_and_its_output_file(tmp_path: Path) -> None:
    lines = [
        _cluster("ok", STORY, OTHER),
        _cluster("\ud800", STORY + " Odd \ud800 char."),  # escaped by json.dumps
        _cluster("ok-2", OTHER),
    ]
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(lines) + "\n", encoding="ascii")
    out = tmp_path / "out.jsonl"
    report = batch(src, out, Options(words=40))
    records = _records(out)
    assert report.total == 3 and report.failed == 0
    assert [r["id"] for r in records] == ["ok", "\ud800", "ok-2"]  # the id comes back exact
    assert all(r["error"] is None and r["summary"] for r in records)


def test_item2_library_dossier_accepts_a_lone_surrogate() -> None:
    from dossier_fakes import FakeRecognizer
    from storyline.analyze.dossier import build_dossier, default_stages
    from storyline.prepare import prepare

    corpus = prepare([STORY + " Odd \ud800 char.", OTHER])
    result = build_dossier(corpus, Options(), stages=default_stages(recognizer=FakeRecognizer))
    assert all("\ud800" not in a.text for a in result.documents)
    assert any("surrogate" in n for n in result.notes)
    storyline.render.to_json(result).encode("utf-8")


# -- 5. bare \r, 6. BOM, 7. U+2028 -------------------------------------------------------


def test_item5_a_bare_cr_inside_a_json_line_does_not_split_it(tmp_path: Path) -> None:
    first = _cluster("cr", STORY.replace("night", "night\r"))
    raw = (first.replace("\\r", "\r") + "\n" + _cluster("two", OTHER) + "\n").encode()
    assert raw.count(b"\r") == 1
    src = tmp_path / "in.jsonl"
    src.write_bytes(raw)
    out = tmp_path / "out.jsonl"
    report = batch(src, out, Options(words=40))
    assert report.total == 2 and report.failed == 0
    assert [r["id"] for r in _records(out)] == ["cr", "two"]


def test_item5_crlf_and_classic_mac_line_ends_count_one_record_per_line(tmp_path: Path) -> None:
    lines = [_cluster(1, STORY), "{not json", _cluster(3, OTHER)]
    for end in ("\r\n", "\r"):
        src = tmp_path / "in.jsonl"
        src.write_bytes(end.join(lines).encode() + end.encode())
        out = tmp_path / "out.jsonl"
        report = batch(src, out, Options(words=40))
        records = _records(out)
        assert (report.total, report.failed) == (3, 1), end
        assert [r["id"] for r in records] == [1, None, 3]
        assert "line 2" in records[1]["error"]


def test_item5_one_line_with_a_bare_cr_in_a_string_stays_one_line() -> None:
    line = _cluster("x", "a\rb").replace("\\r", "\r")
    assert split_lines(line) == [line]
    assert split_lines(line + "\r") == [line]


def test_item6_a_utf8_bom_at_the_start_of_a_batch_file_is_skipped(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_bytes(codecs.BOM_UTF8 + (_cluster("bom", STORY) + "\n").encode())
    out = tmp_path / "out.jsonl"
    report = batch(src, out, Options(words=40))
    assert (report.total, report.failed) == (1, 0)
    assert _records(out)[0]["id"] == "bom"


def test_item6_a_utf16_batch_file_is_refused_with_a_message(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_bytes((_cluster("w", STORY) + "\n").encode("utf-16"))
    with pytest.raises(FormatError, match="UTF-16"):
        batch(src, tmp_path / "out.jsonl")
    assert not (tmp_path / "out.jsonl").exists()


def test_batch_bytes_that_are_not_utf8_are_replaced_and_noted(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_bytes(_cluster("b", STORY).encode().replace(b"bridge", b"br\xffdge") + b"\n")
    out = tmp_path / "out.jsonl"
    batch(src, out, Options(words=40))
    record = _records(out)[0]
    assert record["error"] is None and "U+FFFD" in record["notes"][0]


def test_read_lines_gives_one_line_per_newline() -> None:
    import io

    data = b"a\r\n\nb\rc\n\xe2\x80\xa8d"
    lines = list(read_lines(io.BytesIO(data), "x"))
    assert [(ln.number, ln.text) for ln in lines] == [
        (1, "a"),
        (2, ""),
        (3, "b\rc"),
        (4, "\u2028d"),
    ]


def test_item7_u2028_inside_a_json_lines_string_is_not_a_line_break() -> None:
    lines = [
        json.dumps({"text": STORY.replace(". ", ".\u2028 ", 1)}, ensure_ascii=False),
        json.dumps({"text": OTHER}),
    ]
    articles = read_bytes("\n".join(lines).encode(), "in.jsonl")
    assert len(articles) == 2 and "\u2028" in articles[0].text


# -- 3. deep nesting, 4. huge integers ---------------------------------------------------


@pytest.mark.parametrize("name", ["deep.json", "deep.jsonl", "deep"])
def test_item3_deeply_nested_json_is_a_format_error(tmp_path: Path, name: str) -> None:
    src = tmp_path / name
    src.write_text("[" * 100_000)
    result = runner.invoke(app, ["summarize", str(src)])
    assert result.exit_code == 3, result.output
    assert "nested too deeply" in result.output


def test_item3_batch_records_deep_nesting_as_bad_json(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text("[" * 100_000 + "\n" + _cluster("ok", STORY) + "\n")
    out = tmp_path / "out.jsonl"
    report = batch(src, out, Options(words=40))
    records = _records(out)
    assert (report.total, report.failed) == (2, 1)
    assert "not valid JSON" in records[0]["error"] and "internal" not in records[0]["error"]


def test_item4_a_huge_integer_is_a_format_error(tmp_path: Path) -> None:
    src = tmp_path / "big.json"
    src.write_text('{"text": 1' + "0" * 5000 + "}")
    result = runner.invoke(app, ["summarize", str(src)])
    assert result.exit_code == 3, result.output
    assert "5,001 digits" in result.output


def test_item4_batch_records_a_huge_integer_id(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text('{"id": 1' + "0" * 5000 + ', "documents": ["x"]}\n')
    out = tmp_path / "out.jsonl"
    batch(src, out)
    assert "digits" in _records(out)[0]["error"]


def test_published_date_is_read_from_json_unchanged() -> None:
    art = read_bytes(b'{"text": "A b c.", "published": "2015-09-30"}', "a.json")[0]
    assert art.published == date(2015, 9, 30)


# -- 1. dates at the ends of the calendar ------------------------------------------------


@pytest.mark.parametrize(
    ("text", "published"),
    [
        ("Police said yesterday that the bridge had collapsed.", date(1, 1, 1)),
        ("The council will meet next Monday to discuss the bridge.", date(9999, 12, 31)),
        ("The bridge was closed last week and the week before.", date(1, 1, 3)),
        ("Crews worked overnight and in recent weeks on the bridge.", date(1, 1, 1)),
        ("The mayor said 999999999999 days ago the bridge opened.", date(2015, 9, 30)),
    ],
)
def test_item1_dates_at_the_calendar_ends_are_unresolved_not_a_crash(
    text: str, published: date
) -> None:
    from dossier_fakes import FakeRecognizer
    from storyline.analyze.dossier import build_dossier, default_stages
    from storyline.prepare import prepare

    corpus = prepare([storyline.Article(text=text, published=published, origin="a.json")])
    result = build_dossier(corpus, Options(), stages=default_stages(recognizer=FakeRecognizer))
    for event in result.timeline:
        c = event.citations[0]
        assert result.documents[c.doc].text[c.start : c.end] == event.text


def test_item1_today_on_the_first_day_of_the_calendar_still_resolves() -> None:
    from storyline.annotate.dates import find_dates
    from storyline.prepare import prepare

    art = storyline.Article(text="The bridge reopened today.", published=date(1, 1, 1))
    corpus = prepare([art])
    found, _ = find_dates(corpus)
    assert [m.when for m in found] == [date(1, 1, 1)]


def test_item1_an_out_of_calendar_date_is_named_in_the_notes() -> None:
    from storyline.annotate.dates import find_dates
    from storyline.prepare import prepare

    art = storyline.Article(
        text="Police said yesterday that the bridge had collapsed.",
        published=date(1, 1, 1),
        origin="a.json",
    )
    found, notes = find_dates(prepare([art]))
    assert [m.when for m in found] == [None]
    assert any("'yesterday'" in n and "outside the calendar" in n for n in notes)


# -- 9. one long token -------------------------------------------------------------------


def test_item9_unit_table_does_not_pad_to_the_longest_term() -> None:
    import tracemalloc

    from storyline.summarize.units import _incidence

    rows = [[f"w{i}" for i in range(1_000)] + ["x" * 100_000], ["w1", "w2"]]
    tracemalloc.start()
    try:
        m = _incidence(rows, 2)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert m.shape == (2, 1_001) and m[1].sum() == 2
    # A padded numpy string array of these 1,001 terms alone is 1,001 x 400 KB = 400 MB.
    assert peak < 20_000_000


def _max_rss() -> int:
    """This process's peak resident memory so far, in bytes (Linux reports KiB)."""
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


@pytest.mark.slow
def test_item9_summary_with_one_giant_token_stays_small() -> None:
    base = " ".join(
        f"Crew number {i} reached the flooded valley road before noon." for i in range(300)
    )
    before = _max_rss()
    summary = storyline.summarize([base + " " + "x" * 100_000 + " and then it ended."])
    assert summary.sentences
    assert _max_rss() - before < 300_000_000  # it took 6.6 GB


@pytest.mark.slow
def test_item9_a_page_of_4000_unknown_elements_stays_small() -> None:
    body = "".join(f"<x-item{i}>Item {i} was found.</x-item{i}>" for i in range(4_000))
    page = f"<html><head><title>List</title></head><body>{body}</body></html>".encode()
    articles = read_bytes(page, "page.html")
    before = _max_rss()
    summary = storyline.summarize(articles)
    for s in summary.sentences:
        c = s.citations[0]
        assert summary.documents[c.doc].text[c.start : c.end] == s.text
    assert _max_rss() - before < 300_000_000


# -- 8. quadratic sentence splitting: tests/test_segment_cost.py -------------------------


# -- found by the fuzz run of the event store (after the nine) ---------------------------
def test_event_store_add_takes_a_lone_surrogate_in_text_and_id(tmp_path: Path) -> None:
    from storyline.events import EventStore

    with EventStore(tmp_path / "store.db") as store:
        report = store.add(
            [{"text": "\ud800 "}, {"text": STORY + " Odd \udfff char.", "id": "a\ud800"}]
        )
        assert report.added == 2 and not report.failed  # it raised UnicodeEncodeError
        article_id, event_id = report.assigned[1]
        stored = store.event(event_id).articles[0]
        assert stored.id == article_id == "a\ufffd"
        assert "\ufffd" in stored.article.text and "\udfff" not in stored.article.text


# -- spaCy's working memory on one giant line (found by bench/pathological.py) -----------
def _one_document(text: str):  # type: ignore[no-untyped-def]
    from storyline.prepare import prepare

    return prepare([text]).documents[0]


def test_passages_are_bounded_and_cover_the_text() -> None:
    from storyline.annotate.ner import MAX_PASSAGE, passages

    line = "Mr. " * 50_000 + "The dam held, officials said."  # one line, 200 KB
    words = " ".join(["word"] * 40_000)  # one line, no stop
    for text in (line, words, ("A short sentence. " * 3_000) + "\nNext line here."):
        doc = _one_document(text)
        found = passages(doc)
        assert found and all(b - a <= MAX_PASSAGE for a, b in found)
        assert all(a < b <= c for (a, b), (c, _) in itertools.pairwise(found))
        covered = "".join(doc.text[a:b] for a, b in found)
        kept = "".join(doc.text[s.start : s.end] for s in doc.sentences)
        assert "".join(covered.split()) == "".join(kept.split())


def test_short_lines_stay_one_passage_per_line() -> None:
    from storyline.annotate.ner import passages

    text = "The dam held on Monday. Officials said so.\nA second line of news. It ended."
    doc = _one_document(text)
    assert [doc.text[a:b] for a, b in passages(doc)] == [
        "The dam held on Monday. Officials said so.",
        "A second line of news. It ended.",
    ]


def test_spacy_batches_are_bounded_in_characters() -> None:
    from storyline.annotate.ner import _batches

    texts = ["x" * 9_000, "y" * 9_000, "z" * 9_000, "w" * 30_000, "v"]
    assert [[len(t) for t in b] for b in _batches(texts, 256, 20_000)] == [
        [9_000, 9_000],
        [9_000],
        [30_000],
        [1],
    ]
    assert [len(b) for b in _batches(["a"] * 5, 2, 20_000)] == [2, 2, 1]


@pytest.mark.slow
def test_the_parse_of_one_giant_line_stays_small() -> None:
    import tracemalloc

    from storyline.annotate.ner import SpacyRecognizer, passages

    doc = _one_document("Mr. " * 25_000 + "The dam held, officials said.")  # 100 KB
    recognizer = SpacyRecognizer().load()
    recognizer.docs(["Warm up, said Maria Okafor."])
    tracemalloc.start()
    try:
        recognizer.docs([doc.text[a:b] for a, b in passages(doc)])
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 150_000_000  # 408 MB before passages and batches were bounded


# -- spaCy's tokenizer on one long run of punctuation (found by the hour-long fuzz run) --
def test_long_runs_are_given_to_spacy_as_x_of_the_same_length() -> None:
    from storyline.annotate.ner import MAX_TOKEN, tame

    text = "The dam held. " + "[" * 5_000 + " Police said " + "a" * MAX_TOKEN + " so."
    out = tame(text)
    assert len(out) == len(text)
    assert out == text.replace("[" * 5_000, "x" * 5_000)  # a run of MAX_TOKEN stays


@pytest.mark.slow
def test_a_run_of_11000_brackets_is_not_quadratic_in_spacy() -> None:
    import time

    from storyline.annotate.ner import SpacyRecognizer

    recognizer = SpacyRecognizer().load()
    recognizer.docs(["Warm up, said Maria Okafor."])
    start = time.process_time()
    found = recognizer(["[" * 11_375 + " Maria Okafor said the dam held."])
    assert time.process_time() - start < 3.0  # about 10 s of CPU before
    assert all(a >= 11_375 for a, _, _ in found[0])
