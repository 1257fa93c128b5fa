"""Where the lines come from: input shards found, streamed, and hashed as they pass.

1. **find** — each input is a file, a folder (its ``*.jsonl`` and ``*.jsonl.gz``
   files, by name) or a glob (``archive/*.jsonl.gz``); the shards keep that order.
2. **read** — a shard is streamed line by line (gzip when its name ends in ``.gz``),
   never read whole, by :func:`storyline.ingest.jsonlines.read_lines` (what a line
   is); the bytes are hashed as they are read, so the checksum the manifest keeps
   is that of exactly what was summarized.
3. **chunk** — lines travel in :class:`Chunk` objects of a few lines each; a shard
   always yields one last chunk (empty for an empty shard).
"""

from __future__ import annotations

import glob
import gzip
import hashlib
import io
import zlib
from collections.abc import Iterator, Sequence
from itertools import islice
from pathlib import Path
from typing import IO

from storyline.batch._record import Chunk
from storyline.errors import FileReadError
from storyline.ingest.jsonlines import read_lines

#: What a folder given as input contributes.
FOLDER_PATTERNS = ("*.jsonl", "*.jsonl.gz")
_GLOB_CHARS = frozenset("*?[")


def find_shards(inputs: Sequence[str | Path]) -> list[Path]:
    """Every input shard, in the order given; each path once."""
    found: list[Path] = []
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            matches = sorted({p for pattern in FOLDER_PATTERNS for p in path.glob(pattern)})
            if not matches:
                raise FileReadError(
                    f"folder {path} has no *.jsonl or *.jsonl.gz file; name the files instead"
                )
            found.extend(matches)
        elif path.exists():
            found.append(path)
        elif _GLOB_CHARS & set(str(item)):
            matches = sorted(Path(p) for p in glob.glob(str(item)) if Path(p).is_file())
            if not matches:
                raise FileReadError(f"no file matches {item}; check the pattern")
            found.extend(matches)
        else:
            raise FileReadError(f"cannot read {path}: no such file; check the path")
    unique: dict[Path, Path] = {}
    for path in found:
        unique.setdefault(path.resolve(), path)
    return list(unique.values())


def output_name(shard: Path) -> str:
    """The name of a shard's output in an output folder: its own, without ``.gz``."""
    name = shard.name
    return name[: -len(".gz")] if name.endswith(".gz") else name


class _Hashing(io.RawIOBase):
    """A binary reader that hashes every byte read through it."""

    def __init__(self, raw: IO[bytes]) -> None:
        self._raw = raw
        self.sha256 = hashlib.sha256()

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        data = self._raw.read(len(buffer))
        buffer[: len(data)] = data
        self.sha256.update(data)
        return len(data)

    def drain(self) -> None:
        while self._raw.read(1 << 20):
            pass

    def close(self) -> None:
        self._raw.close()
        super().close()


def _open_binary(path: Path) -> tuple[IO[bytes], _Hashing]:
    try:
        raw = path.open("rb")
    except OSError as e:
        raise FileReadError(f"cannot read {path}: {e.strerror}; check the path") from e
    hashing = _Hashing(raw)
    binary: IO[bytes] = io.BufferedReader(hashing, buffer_size=1 << 16)
    if path.name.endswith(".gz"):
        binary = gzip.GzipFile(fileobj=binary, mode="rb")  # type: ignore[assignment]
    return binary, hashing


def read_chunks(shard: int, path: Path, size: int, digests: dict[int, str]) -> Iterator[Chunk]:
    """Chunks of ``size`` lines of ``path``; when the last is yielded, ``digests[shard]``
    holds the SHA-256 of the shard's bytes."""
    binary, hashing = _open_binary(path)
    try:
        with binary:
            lines = read_lines(binary, path.name)
            first, buffer = True, list(islice(lines, size))
            while True:
                following = list(islice(lines, size))
                if not following:
                    hashing.drain()
                    digests[shard] = hashing.sha256.hexdigest()
                yield Chunk(shard, path.name, buffer, first=first, last=not following)
                if not following:
                    return
                first, buffer = False, following
    except (OSError, EOFError, zlib.error) as e:
        raise FileReadError(
            f"cannot read {path}: {e}; the file is damaged or was cut short (gzip?)"
        ) from e


def sha256_file(path: Path) -> str | None:
    """SHA-256 of a file's bytes, or None when it cannot be read."""
    digest = hashlib.sha256()
    try:
        with path.open("rb") as f:
            while block := f.read(1 << 20):
                digest.update(block)
    except OSError:
        return None
    return digest.hexdigest()


def count_lines(path: Path) -> int | None:
    """Lines in a plain shard (for progress), None for gzip or an unreadable file."""
    if path.name.endswith(".gz"):
        return None
    try:
        with path.open("rb") as f:
            return sum(block.count(b"\n") for block in iter(lambda: f.read(1 << 20), b""))
    except OSError:
        return None
