"""Library targets: summarize, dossier (fake recognizer), annotate, the readers, batch."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

import storyline
import storyline.render
from fuzz_targets import Broken, target
from fuzz_targets.strategies import articles, batch_file, file_bytes
from storyline.errors import StorylineError
from storyline.model import Span


class RuleRecognizer:
    """A deterministic entity recognizer (two capitalised words are a PERSON); it stands
    for spaCy so the dossier's real stages run on every fuzzed input in milliseconds."""

    def __init__(self, model: str = "rules") -> None:
        self.model = model

    def load(self) -> RuleRecognizer:
        return self

    def __call__(self, texts: Any) -> list[list[tuple[int, int, str]]]:
        import re

        pattern = re.compile(r"\b[A-Z][a-z]+ [A-Z][a-z]+\b")
        return [[(m.start(), m.end(), "PERSON") for m in pattern.finditer(t)] for t in texts]


def check_span(texts: list[str], span: Span | dict[str, int], what: str) -> str:
    """The text a citation points at; :class:`Broken` when it is outside its document."""
    doc, start, end = (
        (span.doc, span.start, span.end)
        if isinstance(span, Span)
        else (span["doc"], span["start"], span["end"])
    )
    if not (0 <= doc < len(texts) and 0 <= start < end <= len(texts[doc])):
        raise Broken(f"{what}: citation {doc}:{start}:{end} is outside its document")
    return texts[doc][start:end]


def check_summary(summary: Any) -> None:
    texts = [a.text for a in summary.documents]
    for s in summary.sentences:
        if check_span(texts, s.citations[0], "summary") != s.text:
            raise Broken(f"summary citation does not slice to its sentence: {s.text[:60]!r}")
        for c in s.citations[1:]:
            cited = check_span(texts, c, "corroboration")
            if cited != cited.strip():
                raise Broken("a corroborating citation is not a trimmed sentence")
    storyline.render.to_json(summary).encode("utf-8")


@target("summarize", lambda chars: articles(chars), examples=80)
def run_summarize(docs: list[Any]) -> None:
    try:
        summary = storyline.summarize(docs, words=60)
    except StorylineError:
        return
    check_summary(summary)


def _dossier_citations(data: dict[str, Any]) -> list[tuple[str, dict[str, int], str | None]]:
    """``(section, citation, text it must slice to or None)`` for every dossier citation."""
    out: list[tuple[str, dict[str, int], str | None]] = []
    for item in data["summary"]:
        out += [
            ("summary", c, item["text"] if k == 0 else None)
            for k, c in enumerate(item["citations"])
        ]
    for section in ("timeline", "claims", "differences"):
        out += [(section, c, None) for item in data[section] for c in item["citations"]]
    for f in data["figures"]:
        out += [("figures", c, f["text"] if k == 0 else None) for k, c in enumerate(f["citations"])]
    out += [("actors", m, None) for a in data["actors"] for m in a["mentions"]]
    return out


@target("dossier", lambda chars: articles(chars), examples=30)
def run_dossier(docs: list[Any]) -> None:
    from storyline.analyze.dossier import build_dossier
    from storyline.prepare import prepare

    try:
        result = build_dossier(
            prepare(docs), storyline.Options(words=60), recognizer=RuleRecognizer()
        )
    except StorylineError:
        return
    data = json.loads(storyline.render.to_json(result))
    texts = [d["text"] for d in data["documents"]]
    for section, c, expected in _dossier_citations(data):
        cited = check_span(texts, c, section)
        # A summary sentence is its citation's words exactly; a figure's text ("Dozens")
        # lies inside its first citation ("Dozens of homes"), compared with runs of
        # white space collapsed on both sides (a tab inside the figure is kept in its text).
        exact = section == "summary"
        if expected is not None and (
            cited != expected
            if exact
            else " ".join(expected.split()) not in " ".join(cited.split())
        ):
            raise Broken(f"{section} citation does not slice to its text: {expected[:60]!r}")


@target("annotate", lambda chars: articles(chars), examples=20)
def run_annotate(docs: list[Any]) -> None:
    annotate = getattr(storyline, "annotate_documents", None)
    if annotate is None:
        return
    try:
        results = annotate(docs, recognizer=RuleRecognizer())
    except StorylineError:
        return
    if len(results) != len(docs):
        raise Broken(f"{len(docs)} documents in, {len(results)} annotated out")
    for r in results:
        data = json.loads(json.dumps(r.to_dict()))
        text = data.get("text") or ""
        for key in ("entities", "timexes", "figures"):
            for span in data.get(key) or []:
                if not 0 <= span["start"] < span["end"] <= len(text):
                    raise Broken(f"annotate: a {key} span is outside its text")


@target("readers", lambda chars: file_bytes(chars), examples=80)
def run_readers(named: tuple[str, bytes]) -> None:
    from storyline.ingest import read_bytes

    name, data = named
    try:
        found = read_bytes(data, name)
    except StorylineError:
        return
    for a in found:
        if not isinstance(a.text, str):
            raise Broken("a reader made an article whose text is not a string")


def expected_lines(data: bytes) -> int | None:
    """Lines of a batch file by the rule (a line ends at \\n); None when the file has no
    \\n at all (then the classic-Mac rule may apply)."""
    if b"\n" not in data:
        return None
    return data.count(b"\n") + (0 if data.endswith(b"\n") else 1)


def check_batch_output(data: bytes, out: bytes) -> None:
    """One JSON record per input line, each with its id and error keys."""
    records = out.split(b"\n")
    if records[-1] != b"":
        raise Broken("batch output does not end with a line end")
    records.pop()
    expected = expected_lines(data)
    if expected is not None and len(records) != expected:
        raise Broken(f"batch: {expected} input lines, {len(records)} output lines")
    for raw in records:
        record = json.loads(raw.decode("utf-8"))
        if not {"id", "summary", "sentences", "notes", "error"} <= set(record):
            raise Broken(f"batch record without its keys: {sorted(record)}")


@target("batch", lambda chars: batch_file(chars), examples=25)
def run_batch(data: bytes) -> None:
    from storyline.batch import batch

    with tempfile.TemporaryDirectory(prefix="storyline-fuzz-") as tmp:
        src, out = Path(tmp) / "in.jsonl", Path(tmp) / "out.jsonl"
        src.write_bytes(data)
        try:
            report = batch(src, out, storyline.Options(words=40))
        except StorylineError:
            if data.startswith((b"\xff\xfe", b"\xfe\xff")):
                return  # a UTF-16 file is refused as a whole
            raise
        produced = out.read_bytes()
        check_batch_output(data, produced)
        written = produced.count(b"\n")
        if report.total != written:
            raise Broken(f"batch reported {report.total} lines, wrote {written}")
