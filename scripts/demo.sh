#!/usr/bin/env bash
# Set up a virtual environment in .venv (if needed) and summarize the bundled sample
# clusters (invented reports of one event each, with scraped-web noise).
set -euo pipefail
source "$(dirname "$0")/_venv.sh"
pip_install -e .
.venv/bin/storyline summarize samples/velmar/ --explain "$@"
.venv/bin/storyline summarize samples/kalvik/ "$@"
