#!/usr/bin/env bash
# Set up a virtual environment in .venv (if needed) and summarize the bundled sample
# cluster (four invented reports of one event, with scraped-web noise).
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
pip_install -e .
.venv/bin/storyline summarize samples/velmar/ --explain "$@"
