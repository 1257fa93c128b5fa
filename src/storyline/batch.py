"""Summarize a JSON Lines file of clusters, one output line per input line.

1. **stream** — input lines are read in chunks, so memory stays flat on any file size.
   A line ends at ``\\n`` only, so every line of the file gets exactly one record
   (:func:`storyline.ingest.jsonlines.read_lines`: BOM, ``\\r``, bad bytes).
2. **summarize** — each chunk goes to a process pool (``workers``) or runs inline.
3. **record** — every line yields ``{"id", "summary", "sentences", "error"}``; a line
   that cannot be summarized gets its ``error`` and the run goes on.
4. **write** — results are written in input order as soon as their chunk is done;
   every record can be written, whatever the input held (:func:`record_line`).
"""

from __future__ import annotations

import multiprocessing
import os
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import IO, Any

from storyline.errors import FileReadError, OutputError, StorylineError
from storyline.ingest import article_from_obj
from storyline.ingest.jsonlines import JsonProblem, Line, loads, read_lines
from storyline.options import Options
from storyline.prepare import prepare
from storyline.render.json_out import dumps
from storyline.summarize import summarize_corpus

CHUNK_PER_WORKER = 64
MAX_LISTED = 1_000


@dataclass(slots=True)
class BatchReport:
    total: int = 0
    failed: int = 0
    #: ``(line number, error)`` of the first ``MAX_LISTED`` failed lines (the output
    #: file has every one).
    failures: list[tuple[int, str]] = field(default_factory=list)


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
        return _failure(
            cluster_id, f"line {lineno}: internal error {type(e).__name__}: {e}", notes
        )
    return {
        "id": cluster_id,
        "summary": summary.text,
        "sentences": [s.to_dict() for s in summary.sentences],
        "notes": [*notes, *summary.notes],
        "error": None,
    }


def _failure(cluster_id: Any, message: str, notes: tuple[str, ...] = ()) -> dict[str, Any]:
    return {"id": cluster_id, "summary": "", "sentences": [], "notes": list(notes),
            "error": message}


def record_line(line: Line, origin: str, options: Options) -> tuple[str, str | None]:
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


def _work(args: tuple[Line, str, Options]) -> tuple[str, str | None]:
    return record_line(*args)


def _chunks(lines: IO[bytes], origin: str, options: Options, size: int) -> Iterator[list[tuple]]:
    numbered = ((line, origin, options) for line in read_lines(lines, origin))
    while chunk := list(islice(numbered, size)):
        yield chunk


def batch(
    source: Path,
    output: Path,
    options: Options | None = None,
    workers: int = 1,
    progress: Callable[[int], None] | None = None,
) -> BatchReport:
    """Summarize every cluster line of ``source`` into ``output`` (JSON Lines)."""
    options = options or Options()
    report = BatchReport()
    try:
        src = source.open("rb")
    except OSError as e:
        raise FileReadError(f"cannot read {source}: {e.strerror}; check the path") from e
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{output.name}.", suffix=".tmp", dir=output.parent)
        out = os.fdopen(fd, "w", encoding="utf-8")
    except OSError as e:
        src.close()
        raise OutputError(f"cannot write {output}: {e.strerror}; check the folder") from e
    pool = multiprocessing.get_context("spawn").Pool(workers) if workers > 1 else None
    try:
        with src, out:
            size = CHUNK_PER_WORKER * max(workers, 1)
            for chunk in _chunks(src, source.name, options, size):
                results = pool.map(_work, chunk, chunksize=8) if pool else map(_work, chunk)
                for (line, _, _), (record, error) in zip(chunk, results, strict=True):
                    out.write(record + "\n")
                    report.total += 1
                    if error:
                        report.failed += 1
                        if len(report.failures) < MAX_LISTED:
                            report.failures.append((line.number, error))
                if progress:
                    progress(len(chunk))
        os.replace(tmp, output)
    finally:
        if pool:
            pool.close()
            pool.join()
        if os.path.exists(tmp):
            os.unlink(tmp)
    return report
