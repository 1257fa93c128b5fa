#!/usr/bin/env bash
# Set up a virtual environment in .venv (if needed) and summarize the bundled sample
# cluster (four invented reports of one event, with scraped-web noise).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x .venv/bin/python ]; then
    python3 -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e .
.venv/bin/storyline summarize samples/ --explain "$@"
