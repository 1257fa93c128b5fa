#!/usr/bin/env bash
# Set up a virtual environment in .venv (if needed) and summarize the bundled sample
# cluster (four invented reports of one event, with scraped-web noise).
set -euo pipefail
source "$(dirname "$0")/_venv.sh"
pip_install -e .
.venv/bin/storyline summarize samples/velmar/ --explain "$@"
