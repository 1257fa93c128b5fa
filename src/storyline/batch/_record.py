"""The work every engine runs: one input line in, one output record out.

This is the only place the batch room touches the summarizer; engines move
:class:`Chunk` objects to wherever they run and :func:`summarize_chunk` back.
Lines are read by :func:`storyline.ingest.jsonlines.read_lines` (one line per ``\n``,
BOM, bad bytes) and written by :func:`storyline.render.json_out.dumps` (lone
surrogates stay escapes), so every input line gets exactly one writable record.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from storyline.errors import StorylineError
from storyline.ingest import article_from_obj
from storyline.ingest.jsonlines import JsonProblem, Line, loads
from storyline.options import Options
from storyline.prepare import prepare
from storyline.render.json_out import dumps
from storyline.summarize import summarize_corpus

#: One output line (JSON, no newline) and its error message, None when it succeeded.
Result = tuple[str, str | None]


@dataclass(frozen=True, slots=True)
class Chunk:
    """Consecutive lines of one input shard (``origin`` is its file name)."""

    shard: int
    origin: str
    lines: list[Line]
    #: The shard's first and last chunks (a shard always has one, maybe with no lines).
    first: bool
    last: bool


def summarize_line(
    line: str, lineno: int, origin: str, options: Options, notes: tuple[str, ...] = ()
) -> dict[str, Any]:
    """The output record for one input line; never raises for bad input. ``notes``
    (how the line was read) go first in the record's notes."""
    cluster_id: Any = None
    try:
        obj = loads(line)
        if not isinstance(obj, dict):
            raise ValueError("a line must be a JSON object with an 'id' and 'documents'")
        cluster_id = obj.get("id")
        docs = obj.get("documents")
        if not isinstance(docs, list):
            raise ValueError("'documents' must be a list of strings or article objects")
        articles = [
            article_from_obj(d, f"{origin}:{lineno}#{k + 1}", default_date=options.default_date)
            for k, d in enumerate(docs)
        ]
        summary = summarize_corpus(prepare(articles, options), options)
    except JsonProblem as e:
        return _failure(cluster_id, f"line {lineno}: not valid JSON ({e.describe()})", notes)
    except (ValueError, StorylineError) as e:
        return _failure(cluster_id, f"line {lineno}: {e}", notes)
    except Exception as e:  # a batch must record, not die, on any one item
        return _failure(cluster_id, f"line {lineno}: internal error {type(e).__name__}: {e}", notes)
    return {
        "id": cluster_id,
        "summary": summary.text,
        "sentences": [s.to_dict() for s in summary.sentences],
        "notes": [*notes, *summary.notes],
        "error": None,
    }


def _failure(cluster_id: Any, message: str, notes: tuple[str, ...] = ()) -> dict[str, Any]:
    return {
        "id": cluster_id,
        "summary": "",
        "sentences": [],
        "notes": list(notes),
        "error": message,
    }


def record_line(line: Line, origin: str, options: Options) -> Result:
    """The output line (JSON, no line end) for one input line, and its error if any."""
    if not line.text.strip():
        record = _failure(None, f"line {line.number}: empty line", line.notes)
    else:
        record = summarize_line(line.text, line.number, origin, options, line.notes)
    try:
        return dumps(record), record["error"]
    except (RecursionError, ValueError):  # an "id" nested deeper than the writer goes
        error = f"line {line.number}: its id cannot be written back (nested too deeply)"
        return dumps(_failure(None, error, line.notes)), error


def summarize_chunk(chunk: Chunk, options: Options) -> list[Result]:
    """Every line of ``chunk``, in order. What an engine's worker runs."""
    return [record_line(line, chunk.origin, options) for line in chunk.lines]


def lost_line(line: Line, why: str) -> Result:
    """The record of a line whose worker kept dying on it (engines that can lose one)."""
    cluster_id: Any = None
    try:
        obj = loads(line.text)
        cluster_id = obj.get("id") if isinstance(obj, dict) else None
    except JsonProblem:
        pass
    record = _failure(cluster_id, f"line {line.number}: {why}", line.notes)
    try:
        return dumps(record), record["error"]
    except (RecursionError, ValueError):
        return dumps(_failure(None, record["error"], line.notes)), record["error"]
