# Sourced by scripts/demo.sh and scripts/test.sh: make .venv at the repository root if
# it is missing, and define pip_install (pip, quiet, without this machine's notes about
# unused package mirrors).
cd "$(dirname "${BASH_SOURCE[0]}")/.."
if [ ! -x .venv/bin/python ]; then
    python3 -m venv .venv
fi
pip_install() {
    .venv/bin/python -m pip install --quiet "$@" 2> >(grep -v "^WARNING: Location '" >&2)
}
pip_install --upgrade pip
