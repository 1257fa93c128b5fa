"""Front door of ingest: paths (files, folders, ``-`` for stdin) to articles.

1. **expand** — a folder is walked recursively in sorted order, hidden files and
   folders skipped; a file whose extension storyline does not read is not read but
   reported in the notes.
2. **load** — bytes are read (stdin: ``sys.stdin.buffer``) and decoded
   (:mod:`~storyline.ingest.decode`).
3. **sniff** — the format is decided once (:mod:`~storyline.ingest.sniff`).
4. **parse** — the text, HTML or JSON reader makes the articles.

Inside a folder README/LICENSE files are skipped with a note, and an empty or
binary file is skipped with a note (folders collect
stray files); named directly, it raises. Malformed JSON always raises.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path

from storyline.errors import BinaryFileError, EmptyInputError, FileReadError
from storyline.ingest.decode import decode
from storyline.ingest.html import article_from_html
from storyline.ingest.jsonin import articles_from_json, articles_from_jsonl
from storyline.ingest.sniff import EXTENSIONS, readable, sniff
from storyline.ingest.text import article_from_text
from storyline.model import Article

STDIN = "-"
#: Files in a folder that document it rather than report news.
_DOC_NAMES = re.compile(r"(?:readme|license|licence|changelog)(?:\.\w+)?\Z", re.IGNORECASE)


def read_bytes(data: bytes, origin: str, *, default_date: date | None = None) -> list[Article]:
    """Articles in ``data``, the bytes of a file (or stdin) called ``origin``."""
    text, notes = decode(data, origin)
    fmt = sniff(origin, text)
    if fmt == "html":
        return [article_from_html(text, origin, default_date=default_date, notes=tuple(notes))]
    if fmt in ("json", "jsonl"):
        reader = articles_from_json if fmt == "json" else articles_from_jsonl
        arts = reader(text, origin, default_date=default_date)
        return [_with_notes(a, notes) for a in arts]
    return [article_from_text(text, origin, default_date=default_date, notes=tuple(notes))]


def _with_notes(article: Article, notes: list[str]) -> Article:
    if not notes:
        return article
    return replace(article, notes=(*notes, *article.notes))


def load(path: Path) -> bytes:
    """The bytes of ``path``; :class:`FileReadError` when it cannot be read."""
    try:
        return path.read_bytes()
    except FileNotFoundError as e:
        raise FileReadError(f"{path}: no such file or folder; check the path") from e
    except PermissionError as e:
        raise FileReadError(f"{path}: permission denied; make it readable") from e
    except OSError as e:
        raise FileReadError(f"{path}: cannot be read ({e.strerror}); check the path") from e


def _hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def folder_files(root: Path) -> tuple[list[Path], list[str]]:
    """Step 1 (expand) for a folder: the files to read, in sorted order, and notes for
    the files that are not read (documentation, formats storyline does not read)."""
    files: list[Path] = []
    notes: list[str] = []
    for path in sorted(p for p in root.rglob("*") if p.is_file() and not _hidden(p, root)):
        if _DOC_NAMES.match(path.name):
            notes.append(f"ignored {path}: looks like documentation, not an article")
        elif not readable(path):
            kinds = ", ".join(k for k in EXTENSIONS if k)
            notes.append(f"ignored {path}: not a text format storyline reads ({kinds})")
        else:
            files.append(path)
    return files, notes


def _folder(root: Path, default_date: date | None) -> tuple[list[Article], list[str]]:
    """Step 1 for a folder: every readable file under it, notes for the rest."""
    articles: list[Article] = []
    files, notes = folder_files(root)
    for path in files:
        try:
            articles += read_bytes(load(path), str(path), default_date=default_date)
        except (EmptyInputError, BinaryFileError) as e:
            notes.append(f"skipped {e.message}")
    if not articles:
        raise FileReadError(
            f"{root}: folder has no article storyline can read; put .txt, .html or .json "
            "files in it"
        )
    return articles, notes


def read_paths(
    paths: Sequence[str | Path], *, default_date: date | None = None
) -> tuple[list[Article], list[str]]:
    """Articles from files, folders and ``-`` (stdin), plus notes for the user."""
    articles: list[Article] = []
    notes: list[str] = []
    for p in paths:
        if str(p) == STDIN:
            articles += read_bytes(sys.stdin.buffer.read(), "<stdin>", default_date=default_date)
            continue
        path = Path(p)
        if path.is_dir():
            got, more = _folder(path, default_date)
            articles += got
            notes += more
        else:
            articles += read_bytes(load(path), str(path), default_date=default_date)
    return articles, notes


def read_path(path: str | Path, *, default_date: date | None = None) -> list[Article]:
    """Articles from one file, folder or ``-``. Use :func:`read_paths` to also get the
    notes about files in a folder that were skipped."""
    return read_paths([path], default_date=default_date)[0]
