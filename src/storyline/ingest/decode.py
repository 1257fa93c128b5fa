"""Bytes to text: BOMs, UTF-8, UTF-16 and legacy encodings, never a crash.

1. **empty** — 0 bytes or only whitespace: :class:`EmptyInputError`.
2. **BOM** — a byte-order mark names the encoding (UTF-8, UTF-16, UTF-32).
3. **binary** — known binary signatures (PNG, gzip, zip, PDF...) or NUL bytes in a
   file that is not UTF-16: :class:`BinaryFileError`.
4. **UTF-8** — tried strictly first; most files are.
5. **guess** — charset-normalizer picks a legacy encoding (cp1252, latin-1...); the
   article gets a note saying which. No plausible encoding: :class:`BinaryFileError`.
"""

from __future__ import annotations

import codecs

import charset_normalizer

from storyline.errors import BinaryFileError, EmptyInputError

_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
]
_MAGIC = [
    b"\x89PNG",
    b"GIF8",
    b"\xff\xd8\xff",
    b"%PDF",
    b"\x1f\x8b",
    b"PK\x03\x04",
    b"BZh",
    b"\xfd7zXZ",
    b"7z\xbc\xaf",
    b"\x7fELF",
    b"RIFF",
    b"OggS",
    b"ID3",
    b"\x00\x00\x01\x00",
]
#: Share of control characters above which decoded "text" is taken for binary.
_MAX_CONTROL = 0.01


def _binary(name: str, why: str) -> BinaryFileError:
    return BinaryFileError(f"{name} is not text ({why}); give a text, HTML or JSON file")


def _utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le'/'utf-16-be' when NUL bytes sit on every other position."""
    head = data[:400]
    if len(head) < 4 or len(head) % 2:
        head = head[: len(head) - len(head) % 2]
    odd_nul = head[1::2].count(0) / max(1, len(head) // 2)
    even_nul = head[0::2].count(0) / max(1, len(head) // 2)
    if odd_nul > 0.9 and even_nul < 0.1:
        return "utf-16-le"
    if even_nul > 0.9 and odd_nul < 0.1:
        return "utf-16-be"
    return None


def _check_text(text: str, name: str) -> str:
    control = sum(1 for c in text if ord(c) < 32 and c not in "\t\n\r\f\v")
    if control > _MAX_CONTROL * max(1, len(text)):
        raise _binary(name, "it is full of control characters")
    if not text.strip():
        raise EmptyInputError(f"{name} is empty (only whitespace); give it article text")
    return text


def _with_bom(data: bytes, name: str) -> tuple[str, str] | None:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding), encoding
            except UnicodeDecodeError as e:
                raise _binary(name, f"bytes invalid for its {encoding} byte-order mark") from e
    return None


def decode(data: bytes, name: str) -> tuple[str, list[str]]:
    """``(text, notes)`` for the bytes of file ``name`` (named in errors and notes)."""
    if not data.strip():
        raise EmptyInputError(f"{name} is empty; give it article text")
    found = _with_bom(data, name)
    if found is not None:
        return _check_text(found[0], name), []
    if any(data.startswith(m) for m in _MAGIC):
        raise _binary(name, "its first bytes are those of an image, archive or other binary")
    if b"\x00" in data:
        utf16 = _utf16_without_bom(data)
        if utf16 is None:
            raise _binary(name, "it contains NUL bytes")
        return _check_text(data.decode(utf16, errors="replace"), name), [
            f"{name}: read as {utf16} (no byte-order mark)"
        ]
    try:
        return _check_text(data.decode("utf-8"), name), []
    except UnicodeDecodeError:
        pass
    best = charset_normalizer.from_bytes(data).best()
    if best is None:
        raise _binary(name, "no text encoding fits its bytes")
    return _check_text(str(best), name), [f"{name}: not UTF-8; read as {best.encoding} (guessed)"]
