#!/usr/bin/env bash
# Set up a virtual environment in .venv (if needed) and run the whole test suite:
# lint and type-check, then every test including the slow ones (real spaCy model, long inputs).
set -euo pipefail
source "$(dirname "$0")/_venv.sh"
pip_install -e ".[dev]"
.venv/bin/python -m ruff check src tests bench
.venv/bin/python -m mypy src/storyline
.venv/bin/python -m pytest "$@"
