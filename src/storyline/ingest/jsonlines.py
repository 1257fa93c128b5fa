"""JSON values and JSON Lines, read the same way by every reader (``summarize``'s JSON
readers and ``batch``).

* **lines** — a line ends at ``\\n`` and nowhere else (JSON Lines' own rule): a ``\\r``
  right before it is dropped (``\\r\\n`` files); a ``\\r``, U+2028 or any other character
  elsewhere belongs to the line (JSON whitespace, or a character of a string).
  A file with no ``\\n`` at all that does not read as one JSON value but whose pieces
  between bare ``\\r`` do is a classic-Mac file: each piece is a line.
* **BOM** — a UTF-8 byte-order mark at the start is skipped; a UTF-16/32 one is refused
  (``batch`` reads UTF-8).
* **bytes** — in a stream, a line that is not UTF-8 has its bad bytes replaced by U+FFFD,
  and a note says so.
* **values** — :func:`loads` is ``json.loads`` that accepts control characters inside
  strings and turns every way a JSON text can fail — syntax, nesting too deep for the
  parser, an integer too long for Python to convert — into one :class:`JsonProblem`.
"""

from __future__ import annotations

import codecs
import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO, Any

from storyline.errors import FormatError

_WIDE_BOMS = (
    codecs.BOM_UTF32_LE,
    codecs.BOM_UTF32_BE,
    codecs.BOM_UTF16_LE,
    codecs.BOM_UTF16_BE,
)


class JsonProblem(ValueError):
    """Why a JSON text could not be read: ``reason`` and, when known, where."""

    def __init__(self, reason: str, line: int | None = None, column: int | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.line = line
        self.column = column

    def describe(self, *, with_line: bool = False) -> str:
        """``reason at column 5`` (``at line 2 column 5`` with ``with_line``)."""
        if self.column is None:
            return self.reason
        where = f"line {self.line} column {self.column}" if with_line else f"column {self.column}"
        return f"{self.reason} at {where}"


def _int(digits: str) -> int:
    limit = sys.get_int_max_str_digits()
    length = len(digits) - digits.startswith("-")
    if limit and length > limit:
        raise JsonProblem(
            f"a number with {length:,} digits (Python reads at most {limit:,}); "
            "write it as a string"
        )
    return int(digits)


def loads(text: str) -> Any:
    """The JSON value in ``text``; raises :class:`JsonProblem` on anything unreadable."""
    try:
        return json.loads(text, strict=False, parse_int=_int)
    except json.JSONDecodeError as e:
        raise JsonProblem(e.msg, e.lineno, e.colno) from None
    except RecursionError:
        raise JsonProblem("arrays or objects nested too deeply to read") from None


@dataclass(frozen=True, slots=True)
class Line:
    """One line of a JSON Lines stream: its 1-based ``number``, its text (without the
    line end) and what a user should know about how it was read."""

    number: int
    text: str
    notes: tuple[str, ...] = ()


def _classic_mac(text: str) -> list[str] | None:
    """The lines of a text without ``\\n`` whose lines end with a bare ``\\r``, or None
    when it is one line (a ``\\r`` inside a JSON value, or no ``\\r`` at all)."""
    if "\r" not in text.strip():
        return None
    try:
        loads(text)
        return None
    except JsonProblem:
        pass
    pieces = text.split("\r")
    if pieces[-1] == "":
        pieces.pop()
    return pieces


def split_lines(text: str) -> list[str]:
    """The lines of a decoded JSON Lines text (see the module docstring)."""
    if text.startswith("\ufeff"):
        text = text[1:]
    lines = text.split("\n")
    if lines[-1] == "":
        lines.pop()
    lines = [ln[:-1] if ln.endswith("\r") else ln for ln in lines]
    if len(lines) == 1:
        return _classic_mac(lines[0]) or lines
    return lines


def _decode(raw: bytes, number: int) -> tuple[str, tuple[str, ...]]:
    try:
        return raw.decode("utf-8"), ()
    except UnicodeDecodeError:
        note = f"line {number}: bytes that are not UTF-8 were replaced by U+FFFD"
        return raw.decode("utf-8", errors="replace"), (note,)


def read_lines(stream: IO[bytes], name: str) -> Iterator[Line]:
    """The lines of a binary JSON Lines stream called ``name``, one at a time.

    Every line of the file gives exactly one :class:`Line`, empty ones included.
    Raises :class:`FormatError` for a UTF-16 or UTF-32 file.
    """
    number = 0
    for raw in stream:
        number += 1
        ended = raw.endswith(b"\n")
        if ended:
            raw = raw[:-1]
        if raw.endswith(b"\r"):
            raw = raw[:-1]
        if number == 1:
            if raw.startswith(_WIDE_BOMS):
                raise FormatError(
                    f"{name} is UTF-16 or UTF-32 (byte-order mark); batch reads UTF-8 "
                    "JSON Lines: convert it (e.g. iconv -t UTF-8)"
                )
            raw = raw.removeprefix(codecs.BOM_UTF8)
        text, notes = _decode(raw, number)
        pieces = _classic_mac(text) if number == 1 and not ended else None
        if pieces is None:
            yield Line(number, text, notes)
            continue
        for k, piece in enumerate(pieces, 1):
            yield Line(k, piece, notes)
