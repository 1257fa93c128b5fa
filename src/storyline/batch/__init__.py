"""Summarize many clusters, one output line per input line, on one machine or many.

``run(inputs, output, engine="local"|"dask", workers=K, scheduler=ADDRESS)`` reads
JSON Lines shards (files, folders, globs; gzip allowed) and writes one record per
input line, in input order, to one file or to a folder of output shards that a
re-run resumes. Every engine gives the same bytes. The room:

    _record.py      one line → one record (the only module that calls the summarizer)
    _shards.py      find, stream and hash input shards; chunks of lines
    _output.py      one output file, or a folder of shards with its manifest
    _engine.py      the engine interface and the registry of engines
    _run.py         the runner: plan, stream through an engine, write in order, report
    local.py        --engine local: this process, or a pool of processes
    dask_engine.py  --engine dask: a local Dask cluster or a running scheduler
"""

from storyline.batch._engine import ENGINES, Engine
from storyline.batch._record import summarize_line
from storyline.batch._run import BatchReport, Failure, Progress, batch, is_folder_target, run

__all__ = [
    "ENGINES",
    "BatchReport",
    "Engine",
    "Failure",
    "Progress",
    "batch",
    "is_folder_target",
    "run",
    "summarize_line",
]
