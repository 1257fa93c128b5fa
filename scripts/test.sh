#!/usr/bin/env bash
# Set up a virtual environment in .venv (if needed) and run the whole test suite:
# lint, then every test including the slow ones (real spaCy model, long inputs).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x .venv/bin/python ]; then
    python3 -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e ".[dev]"
.venv/bin/python -m ruff check src tests bench
.venv/bin/python -m pytest "$@"
