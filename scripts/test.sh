#!/usr/bin/env bash
# Set up a virtual environment in .venv (if needed) and run the whole test suite:
# lint and type-check, then every test including the slow ones (real spaCy model, long inputs).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x .venv/bin/python ]; then
    python3 -m venv .venv
fi
# pip's notes about this machine's unused package mirrors are noise here.
pip_install() {
    .venv/bin/python -m pip install --quiet "$@" 2> >(grep -v "^WARNING: Location '" >&2)
}
pip_install --upgrade pip
pip_install -e ".[dev]"
.venv/bin/python -m ruff check src tests bench
.venv/bin/python -m mypy src/storyline
.venv/bin/python -m pytest "$@"
