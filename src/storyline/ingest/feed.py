"""A feed: many files, folders or stdin read article by article, bad items reported.

:func:`read_feed` is what the event store's ``add`` reads. It uses the same steps
and readers as :func:`~storyline.ingest.read_paths` (expand, load, decode, sniff,
parse), but where ``read_paths`` raises on the first unusable file, a feed goes on:

* a file that cannot be read, is binary or empty, or holds malformed JSON becomes
  one :class:`ReadFailure` naming the file (and the line, where JSON gives one);
* a JSON Lines file is read line by line: a malformed line, or a line whose article
  object is unusable, is one :class:`ReadFailure` with its line number, and the
  lines after it are still read.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from storyline.errors import FormatError, InputError, StorylineError
from storyline.ingest.decode import decode
from storyline.ingest.jsonin import iter_jsonl
from storyline.ingest.reader import STDIN, folder_files, load, read_bytes
from storyline.ingest.sniff import sniff
from storyline.model import Article

_LINE = re.compile(r"\bline (\d+)\b")


@dataclass(frozen=True, slots=True)
class ReadFailure:
    """An item of a feed that could not be read: which file, which line, and why."""

    origin: str
    line: int | None
    error: StorylineError

    @property
    def message(self) -> str:
        return str(self.error)


def _line_of(error: StorylineError) -> int | None:
    found = _LINE.search(error.message)
    return int(found.group(1)) if found else None


def _read_one(
    data: bytes, origin: str, default_date: date | None
) -> Iterator[Article | ReadFailure]:
    try:
        text, notes = decode(data, origin)
    except InputError as e:
        yield ReadFailure(origin, None, e)
        return
    if sniff(origin, text) != "jsonl":
        try:
            yield from read_bytes(data, origin, default_date=default_date)
        except InputError as e:
            yield ReadFailure(origin, _line_of(e), e)
        return
    for line, item in iter_jsonl(text, origin, default_date=default_date):
        if isinstance(item, FormatError):
            yield ReadFailure(origin, line, item)
        else:
            yield replace(item, notes=(*notes, *item.notes)) if notes else item


def read_feed(
    paths: Sequence[str | Path],
    *,
    default_date: date | None = None,
    notes: list[str] | None = None,
) -> Iterator[Article | ReadFailure]:
    """Articles, and failures for what cannot be read, from files, folders and ``-``
    (stdin), in order. Files a folder holds but storyline does not read are named in
    ``notes`` when a list is given."""
    for p in paths:
        if str(p) == STDIN:
            yield from _read_one(sys.stdin.buffer.read(), "<stdin>", default_date)
            continue
        path = Path(p)
        files = [path]
        if path.is_dir():
            files, skipped = folder_files(path)
            if notes is not None:
                notes += skipped
        for file in files:
            try:
                data = load(file)
            except InputError as e:
                yield ReadFailure(str(file), None, e)
                continue
            yield from _read_one(data, str(file), default_date)
