"""Where the lines go: one output file, or a folder of output shards with a manifest.

Only the client writes, in input order, so a chunk that an engine ran twice (a lost
worker's task retried) is still written once. Every file is written to a temporary
file in its folder and renamed into place when complete: a run that is interrupted
leaves whole files or none.

An output folder keeps ``.storyline-batch.json``, the manifest: per finished shard
the SHA-256 of its input and of its output, its line and failure counts, under the
storyline version and options that made it. A re-run skips a shard whose entry still
matches both files; a changed input, a changed option or a touched output is redone.
"""

from __future__ import annotations

import contextlib
import dataclasses
import glob
import hashlib
import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, Protocol

from storyline.batch._shards import output_name, sha256_file
from storyline.errors import InputError, OutputError
from storyline.options import Options

MANIFEST = ".storyline-batch.json"


@dataclass(frozen=True, slots=True)
class Done:
    """A finished shard, as the manifest records it."""

    input_sha256: str
    output_sha256: str
    lines: int
    failed: int


def fingerprint(options: Options) -> dict[str, Any]:
    """What the output depends on besides the input: the version and the options."""
    from storyline import __version__

    fields = {
        k: (v.isoformat() if hasattr(v, "isoformat") else v)
        for k, v in dataclasses.asdict(options).items()
    }
    return {"storyline": __version__, "options": fields}


def _open_temp(path: Path) -> tuple[IO[str], str]:
    folder = path.parent
    if not folder.is_dir():
        raise OutputError(f"cannot write {path}: folder {folder} does not exist; create it first")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as e:
        raise OutputError(f"cannot write {path}: {e.strerror}; check the folder") from e
    return os.fdopen(fd, "w", encoding="utf-8", newline="\n"), tmp


class _Writer:
    """One output file being written: temporary until :meth:`commit`."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._file, self._tmp = _open_temp(path)
        self.sha256 = hashlib.sha256()

    def write(self, line: str) -> None:
        text = line + "\n"
        try:
            self._file.write(text)
        except OSError as e:
            raise OutputError(f"cannot write {self.path}: {e.strerror}") from e
        self.sha256.update(text.encode("utf-8"))

    def commit(self) -> None:
        try:
            self._file.close()
            os.replace(self._tmp, self.path)
        except OSError as e:
            raise OutputError(f"cannot write {self.path}: {e.strerror}") from e
        finally:
            self.abort()

    def abort(self) -> None:
        self._file.close()
        with contextlib.suppress(OSError):
            os.unlink(self._tmp)


class Target(Protocol):
    """Where a run's lines go, shard by shard, in input order."""

    def done(self, shard: Path, index: int) -> Done | None:
        """The record of a shard finished by an earlier run, if it still holds."""

    def begin(self, index: int) -> None: ...

    def write(self, line: str) -> None: ...

    def end(self, index: int, input_sha256: str, lines: int, failed: int) -> None: ...

    def close(self, complete: bool) -> None:
        """Commit (``complete``) or throw away what is not yet committed."""


class FileTarget:
    """Every shard's lines, in order, into one file (not resumable: all or nothing)."""

    def __init__(self, path: Path) -> None:
        self._writer = _Writer(path)

    def done(self, shard: Path, index: int) -> Done | None:
        return None

    def begin(self, index: int) -> None:
        pass

    def write(self, line: str) -> None:
        self._writer.write(line)

    def end(self, index: int, input_sha256: str, lines: int, failed: int) -> None:
        pass

    def close(self, complete: bool) -> None:
        if complete:
            self._writer.commit()
        else:
            self._writer.abort()


class FolderTarget:
    """One output shard per input shard, each renamed into place when whole, and the
    manifest rewritten (atomically too) after each."""

    def __init__(self, folder: Path, shards: list[Path], options: Options) -> None:
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise OutputError(f"cannot create folder {folder}: {e.strerror}") from e
        self.folder = folder
        self.paths = _output_paths(folder, shards)
        self._fingerprint = fingerprint(options)
        self._entries = self._load()
        self._writer: _Writer | None = None
        for path in [*self.paths, folder / MANIFEST]:  # left by a run that was killed
            for stale in folder.glob(f".{glob.escape(path.name)}.*.tmp"):
                with contextlib.suppress(OSError):
                    stale.unlink()

    def _load(self) -> dict[str, dict[str, Any]]:
        try:
            stored = json.loads((self.folder / MANIFEST).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        if not isinstance(stored, dict) or stored.get("made_by") != self._fingerprint:
            return {}
        shards = stored.get("shards")
        return shards if isinstance(shards, dict) else {}

    def done(self, shard: Path, index: int) -> Done | None:
        """The manifest's entry for a shard whose input and output still match it."""
        entry = self._entries.get(self.paths[index].name)
        try:
            done = Done(**entry) if isinstance(entry, dict) else None
        except TypeError:
            return None
        if done is None or sha256_file(shard) != done.input_sha256:
            return None
        return done if sha256_file(self.paths[index]) == done.output_sha256 else None

    def begin(self, index: int) -> None:
        self._writer = _Writer(self.paths[index])

    def write(self, line: str) -> None:
        assert self._writer is not None
        self._writer.write(line)

    def end(self, index: int, input_sha256: str, lines: int, failed: int) -> None:
        assert self._writer is not None
        writer, self._writer = self._writer, None
        writer.commit()
        entry = Done(input_sha256, writer.sha256.hexdigest(), lines, failed)
        self._entries[writer.path.name] = dataclasses.asdict(entry)
        self._save()

    def _save(self) -> None:
        manifest = {"made_by": self._fingerprint, "shards": self._entries}
        writer = _Writer(self.folder / MANIFEST)
        writer.write(json.dumps(manifest, indent=1, sort_keys=True))
        writer.commit()

    def close(self, complete: bool) -> None:
        if self._writer is not None:
            self._writer.abort()
            self._writer = None


def _output_paths(folder: Path, shards: list[Path]) -> list[Path]:
    """Each input shard's output path; two shards may not share one, nor may an
    output be an input."""
    inputs = {p.resolve(): p for p in shards}
    paths: dict[str, Path] = {}
    for shard in shards:
        out = folder / output_name(shard)
        if out.name in paths:
            raise InputError(
                f"{paths[out.name]} and {shard} would both be written to {out}; "
                "rename one or run them separately"
            )
        if out.resolve() in inputs:
            raise InputError(
                f"the output {out} would overwrite the input {shard}; choose another -o folder"
            )
        paths[out.name] = shard
    return [folder / output_name(s) for s in shards]
