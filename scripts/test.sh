#!/usr/bin/env bash
# Set up a virtual environment in .venv (if needed) and run the whole test suite:
# lint and type-check, then every test including the slow ones (real spaCy model, long inputs).
set -euo pipefail
source "$(dirname "$0")/_venv.sh"
pip_install -e ".[dev]"
# The web app's browser tests drive Debian's Chromium (Playwright never downloads one).
if [ ! -x /usr/bin/chromium ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
    else
        echo "test.sh: /usr/bin/chromium is missing (apt-get install chromium); browser tests skip" >&2
    fi
fi
.venv/bin/python -m ruff check src tests bench scripts
.venv/bin/python -m ruff format --check src tests bench scripts
.venv/bin/python -m mypy src/storyline
# Installs as users do them (fresh venvs, Python's own pip): in CI (.ci/run sets
# STORYLINE_INSTALL_CHECK=1), or when asked.
if [ -n "${CI:-}" ] || [ -n "${STORYLINE_INSTALL_CHECK:-}" ]; then
    bash scripts/install_check.sh
else
    echo "install check skipped (runs in CI; STORYLINE_INSTALL_CHECK=1 runs it here)"
fi
.venv/bin/python -m pytest "$@"
