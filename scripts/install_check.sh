#!/usr/bin/env bash
# Install storyline as users do and check each install works alone (issue 9):
# a fresh venv made with `python3 -m venv` and the pip that comes with it (no upgrade).
#
#   base      `pip install .`           -> summarize works on text, HTML and JSON;
#                                          dossier answers exit 6 naming the extra
#   dossier   `pip install ".[dossier]"` -> dossier works
#   web       `pip install ".[web]"`     -> `storyline serve` answers /api/health
#   dask      `pip install ".[dask]"`    -> `storyline batch --engine dask` on a tiny file
#
# To check another extra, add one line to EXTRAS below: "name|command to run in the venv"
# (the command runs with the venv's bin/ first on PATH, in a folder holding the samples).
# pip's cache is reused between runs (PIP_CACHE_DIR, default ~/.cache/pip).
# Usage: bash scripts/install_check.sh [work folder]   (default: a temporary folder)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="${1:-$(mktemp -d)}"
mkdir -p "$work"

EXTRAS=(
    "dossier|storyline dossier samples/velmar/ --format json -o out/dossier.json && python -c 'from storyline.annotate.attribution import crf; assert crf.available()'"
    "web|python serve_check.py"
    "dask|storyline batch tiny.jsonl -o out/tiny-out.jsonl --engine dask --words 30 && python -c 'import json; rows = [json.loads(l) for l in open(\"out/tiny-out.jsonl\")]; assert len(rows) == 2 and all(r[\"summary\"] for r in rows), rows'"
)

# The tree as committed plus uncommitted edits, without .venv and caches.
src="$work/src"
rm -rf "$src" && mkdir -p "$src"
tar -C "$root" --exclude=./.venv --exclude=./.git --exclude='*.egg-info' --exclude=./build \
    --exclude=.hypothesis --exclude=__pycache__ -cf - . | tar -C "$src" -xf -

samples="$work/run"
rm -rf "$samples" && mkdir -p "$samples/out" "$samples/samples"
cp -r "$root/samples/velmar" "$samples/samples/"
cp "$root/scripts/_serve_check.py" "$samples/serve_check.py"
# A batch file of two clusters: the sample's texts, and its first two.
python3 - "$samples" <<'PY'
import json, pathlib, sys
folder = pathlib.Path(sys.argv[1])
texts = [p.read_text() for p in sorted((folder / "samples/velmar").glob("*.txt"))]
lines = [json.dumps({"id": "velmar", "documents": texts}),
         json.dumps({"id": "velmar-2", "documents": texts[:2]})]
(folder / "tiny.jsonl").write_text("\n".join(lines) + "\n")
PY

fresh_venv() {  # $1 = folder; python3's own pip, never upgraded
    rm -rf "$1"
    python3 -m venv "$1"
    echo "install-check: $1 has $("$1/bin/pip" --version | cut -d' ' -f1-2)"
}

pip_into() {  # $1 = venv, $2 = requirement
    "$1/bin/pip" install --quiet "$2" 2> >(grep -v "^WARNING: Location '" >&2)
}

in_venv() {  # $1 = venv, rest = command
    local venv="$1"
    shift
    (cd "$samples" && PATH="$venv/bin:$PATH" bash -c "$*")
}

fail() {
    echo "install-check: FAILED: $*" >&2
    exit 1
}

echo "install-check: base install"
base="$work/venv-base"
fresh_venv "$base"
pip_into "$base" "$src"
for f in samples/velmar/01-coastline-wire.txt samples/velmar/02-velmar-courier.html \
    samples/velmar/04-northern-ledger.json; do
    [ -f "$samples/$f" ] || fail "missing sample $f"
    in_venv "$base" "storyline summarize $f --words 40 --format json -o out/s.json" \
        || fail "base: storyline summarize $f"
    in_venv "$base" "python -c 'import json; d = json.load(open(\"out/s.json\")); assert d[\"summary\"]'" \
        || fail "base: summarize $f gave no summary"
done
set +e
msg="$(in_venv "$base" "storyline dossier samples/velmar/" 2>&1)"
code=$?
set -e
[ "$code" -eq 6 ] || fail "base: storyline dossier exited $code, not 6: $msg"
case "$msg" in
    *'pip install "storyline[dossier]"'*) ;;
    *) fail "base: dossier's message does not name the extra: $msg" ;;
esac
echo "install-check: base ok (dossier: exit 6, names the extra)"

for entry in "${EXTRAS[@]}"; do
    extra="${entry%%|*}"
    command="${entry#*|}"
    echo "install-check: .[$extra] alone"
    venv="$work/venv-$extra"
    fresh_venv "$venv"
    pip_into "$venv" "$src[$extra]"
    in_venv "$venv" "$command" || fail "[$extra]: $command"
    echo "install-check: [$extra] ok"
done
[ -z "${1:-}" ] && rm -rf "$work"
echo "install-check: all installs ok"
