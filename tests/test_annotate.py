"""``storyline annotate`` and :func:`storyline.annotate_documents`: each document's
spans (entities, TIMEX3, figures, attributions), offsets into the text as read."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

import storyline
from storyline.analyze.dossier import build_dossier, default_stages
from storyline.annotate import run as run_module
from storyline.annotate.document import annotate_corpus
from storyline.annotate.ner import RuleRecognizer
from storyline.cli.app import app
from storyline.model import Article
from storyline.prepare import prepare

NAMES = {"Helena Saar": "PERSON", "Velmar": "GPE", "Kessa": "GPE", "Coastline Wire": "ORG"}
TEXT = (
    "VELMAR (Coastline Wire) - At least 40 people were killed when the Kessa dam gave way "
    "overnight, regional officials said on Friday. Prime Minister Helena Saar said she "
    'would visit Velmar on Tuesday. "We will rebuild," she said. Some 3,000 people were '
    "evacuated in the past three days, and the dam will be inspected each Thursday."
)


def _recognizer() -> RuleRecognizer:
    return RuleRecognizer(NAMES)


def test_annotate_documents_spans_slice_the_text_as_read() -> None:
    article = Article(text=TEXT, published=date(2025, 3, 7), origin="wire.txt")
    [doc] = storyline.annotate_documents([article], recognizer=_recognizer())
    out = doc.to_dict()
    assert out["text"] == TEXT
    for key in ("entities", "timexes", "figures"):
        assert out[key], key
        for item in out[key]:
            assert TEXT[item["start"] : item["end"]] == item["text"]
    for a in out["attributions"]:
        for role in ("source", "cue", "content"):
            assert all(0 <= s < e <= len(TEXT) for s, e in a[role])
    timexes = {t["text"]: (t["type"], t["value"]) for t in out["timexes"]}
    assert timexes["Friday"] == ("DATE", "2025-03-07")  # the article's own Friday
    assert timexes["Tuesday"] == ("DATE", "2025-03-11")  # "would visit": future
    assert timexes["the past three days"] == ("DURATION", "P3D")
    assert timexes["each Thursday"] == ("SET", "XXXX-WXX-4")
    labels = {e["text"]: e["label"] for e in out["entities"]}
    assert labels["Helena Saar"] == "person"
    said = [a for a in out["attributions"] if a["speaker"] == "Helena Saar"]
    assert said and said[0]["cue"] and not said[0]["unverified"]


def test_annotate_documents_date_anchors_articles_without_one() -> None:
    [doc] = storyline.annotate_documents(
        ["The talks ended on Monday."], date=date(2025, 3, 5), recognizer=_recognizer()
    )
    found = [(t.value, doc.article.text[t.start : t.end]) for t in doc.timexes]
    assert found == [("2025-03-03", "Monday")]


def test_annotate_the_dossier_uses_exactly_these_annotations() -> None:
    articles = [
        Article(text=TEXT, published=date(2025, 3, 7), source="Coastline Wire"),
        Article(text="Helena Saar visited Velmar on Tuesday. Nearly 200 homes were lost.",
                published=date(2025, 3, 12), source="Valley Post"),
    ]  # fmt: skip
    corpus = prepare(articles)
    annotated = annotate_corpus(corpus, _recognizer())
    stages = default_stages(recognizer=lambda model: _recognizer())
    dossier = build_dossier(corpus, stages=stages)
    assert dossier.timeline
    for event in dossier.timeline:
        c = event.citations[0]
        text = corpus.documents[c.doc].text
        timexes = annotated[c.doc].timexes
        inside = [text[t.start : t.end] for t in timexes if c.start <= t.start <= t.end <= c.end]
        assert any(word in event.resolved_from for word in inside)
    figure_spans = {(f.citations[0].doc, f.citations[0].start, f.citations[0].end)
                    for a in annotated for f in a.figures}  # fmt: skip
    for f in dossier.figures:
        for own, _ in zip(f.citations[::2], f.citations[1::2], strict=True):
            assert (own.doc, own.start, own.end) in figure_spans
    entity_spans = {(s.doc, s.start, s.end, s.label) for a in annotated for s in a.entities}
    for actor in dossier.actors:
        for m in actor.mentions:
            assert (m.doc, m.start, m.end, actor.type) in entity_spans


runner = CliRunner()


@pytest.fixture
def rules(monkeypatch: pytest.MonkeyPatch) -> None:
    """The command loads the deterministic recogniser instead of spaCy."""
    monkeypatch.setattr(run_module, "load_recognizer", lambda options: _recognizer())


def test_annotate_cli_jsonl_keeps_order_ids_and_reports_bad_lines(tmp_path: Path, rules) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text(
        json.dumps({"id": "a1", "text": TEXT, "published": "2025-03-07"}) + "\n"
        + "{not json\n"
        + json.dumps({"id": 7, "text": "Talks ended on Monday."}) + "\n"
        + json.dumps({"id": "x", "title": "no text"}) + "\n",
        encoding="utf-8",
    )  # fmt: skip
    out = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["annotate", str(src), "--date", "2025-03-05", "-o", str(out)])
    assert result.exit_code == 102, result.output
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in records] == ["a1", None, 7, "x"]
    assert records[0]["error"] is None and records[0]["published"] == "2025-03-07"
    assert "in.jsonl:2" in records[1]["error"] and "not valid JSON" in records[1]["error"]
    assert records[2]["timexes"][0]["value"] == "2025-03-03"  # --date for the dateless
    assert "in.jsonl:4" in records[3]["error"]
    assert "in.jsonl:2" in result.output and "in.jsonl:4" in result.output


def test_annotate_cli_plain_files_and_markdown(tmp_path: Path, rules) -> None:
    src = tmp_path / "wire.txt"
    src.write_text(TEXT + "\n", encoding="utf-8")
    result = runner.invoke(app, ["annotate", str(src), "--date", "2025-03-07"])
    assert result.exit_code == 0, result.output
    [record] = [json.loads(line) for line in result.stdout.splitlines()]
    assert record["text"] == TEXT + "\n" and record["error"] is None
    md = runner.invoke(app, ["annotate", str(src), "--date", "2025-03-07", "--format", "md"])
    assert md.exit_code == 0 and "DATE 2025-03-07" in md.stdout and "Helena Saar" in md.stdout


@pytest.mark.slow
def test_annotate_cli_with_the_real_model(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": 1, "text": TEXT, "published": "2025-03-07"}) + "\n")
    result = runner.invoke(app, ["annotate", str(src)])
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout)
    assert any(e["text"] == "Helena Saar" and e["label"] == "person" for e in record["entities"])
