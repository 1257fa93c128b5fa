"""Summarize a JSON Lines file of clusters, one output line per input line.

1. **stream** — input lines are read in chunks, so memory stays flat on any file size.
2. **summarize** — each chunk goes to a process pool (``workers``) or runs inline.
3. **record** — every line yields ``{"id", "summary", "sentences", "error"}``; a line
   that cannot be summarized gets its ``error`` and the run goes on.
4. **write** — results are written in input order as soon as their chunk is done.
"""

from __future__ import annotations

import json
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
from storyline.options import Options
from storyline.prepare import prepare
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


def summarize_line(line: str, lineno: int, origin: str, options: Options) -> dict[str, Any]:
    """The output record for one input line; never raises for bad input."""
    cluster_id: Any = None
    try:
        obj = json.loads(line)
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
    except json.JSONDecodeError as e:
        return _failure(cluster_id, f"line {lineno}: not valid JSON ({e.msg} at column {e.colno})")
    except (ValueError, StorylineError) as e:
        return _failure(cluster_id, f"line {lineno}: {e}")
    except Exception as e:  # a batch must record, not die, on any one item
        return _failure(cluster_id, f"line {lineno}: internal error {type(e).__name__}: {e}")
    return {
        "id": cluster_id,
        "summary": summary.text,
        "sentences": [s.to_dict() for s in summary.sentences],
        "notes": list(summary.notes),
        "error": None,
    }


def _failure(cluster_id: Any, message: str) -> dict[str, Any]:
    return {"id": cluster_id, "summary": "", "sentences": [], "notes": [], "error": message}


def _work(args: tuple[str, int, str, Options]) -> tuple[str, str | None]:
    line, lineno, origin, options = args
    if not line.strip():
        record = _failure(None, f"line {lineno}: empty line")
    else:
        record = summarize_line(line, lineno, origin, options)
    return json.dumps(record, ensure_ascii=False), record["error"]


def _chunks(lines: IO[str], origin: str, options: Options, size: int) -> Iterator[list[tuple]]:
    numbered = ((line, n, origin, options) for n, line in enumerate(lines, start=1))
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
        src = source.open(encoding="utf-8", errors="replace", newline=None)
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
                for (_, lineno, _, _), (line, error) in zip(chunk, results, strict=True):
                    out.write(line + "\n")
                    report.total += 1
                    if error:
                        report.failed += 1
                        if len(report.failures) < MAX_LISTED:
                            report.failures.append((lineno, error))
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
