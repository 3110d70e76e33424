#!/usr/bin/env bash
# Static analysis of contracts/src with Slither: `bash .ci/slither.sh` (CI runs it from .ci/test.sh).
#
# 1. Slither and its dependencies, pinned in .ci/slither-requirements.txt, go into a venv of their own under
#    $CANTILEVER_CACHE_DIR (default ~/.cache/cantilever), one per Python version and hash of that file, reused
#    while it exists (SLITHER_PYTHON: the interpreter, default python3).
#    Where `python3 -m venv` cannot install pip (Debian/Ubuntu without python3-venv: no ensurepip), the venv is
#    made without pip and pip is bootstrapped from its wheel on PyPI.
# 2. forge compiles contracts/src alone, with the full build info crytic-compile reads, into cache/slither/
#    (about 40 s, from scratch each time). The main out/ is left alone: its build info is forge's short
#    form, which crytic-compile cannot read, and asking the main build for the full form would make Slither
#    parse every test too, which takes as long as this separate build (measured: 58 s vs 39 s + 20 s).
# 3. Slither runs every detector (slither.config.json: what it looks at), the report is printed one finding a
#    line, and any finding of Medium or High impact not triaged in .ci/slither-triage.json fails.
set -euo pipefail
cd "$(dirname "$0")/.."
source .ci/foundry-env.sh

requirements=.ci/slither-requirements.txt
python="${SLITHER_PYTHON:-python3}"
cache_dir="${CANTILEVER_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/cantilever}"
venv="$cache_dir/slither-venv-py$("$python" -c 'import sys; print("%d.%d" % sys.version_info[:2])')-$(sha256sum "$requirements" | cut -c1-16)"
# pip itself, when it has to be bootstrapped (a wheel runs as `python <wheel>/pip`).
pip_version=24.3.1

make_venv() {
  rm -rf "$venv"
  mkdir -p "$cache_dir"
  if "$python" -m venv "$venv" >/dev/null 2>&1 && "$venv/bin/python" -m pip --version >/dev/null 2>&1; then
    return
  fi
  echo "slither: $python -m venv has no pip here (python3-venv missing?): bootstrapping pip $pip_version from PyPI"
  rm -rf "$venv"
  "$python" -m venv --without-pip "$venv"
  local wheel="$venv/pip-$pip_version-py3-none-any.whl"
  "$venv/bin/python" - "$pip_version" "$wheel" <<'PY'
import hashlib, json, sys, urllib.request
version, dest = sys.argv[1], sys.argv[2]
# PyPI's simple index (PEP 691 JSON): the file's URL and sha256.
index = urllib.request.Request(
    "https://pypi.org/simple/pip/", headers={"Accept": "application/vnd.pypi.simple.v1+json"}
)
with urllib.request.urlopen(index, timeout=60) as r:
    name = f"pip-{version}-py3-none-any.whl"
    wheel = next(f for f in json.load(r)["files"] if f["filename"] == name)
with urllib.request.urlopen(wheel["url"], timeout=120) as r:
    data = r.read()
if hashlib.sha256(data).hexdigest() != wheel["hashes"]["sha256"]:
    sys.exit(f"{name}: the sha256 differs from PyPI's index")
with open(dest, "wb") as f:
    f.write(data)
PY
  "$venv/bin/python" "$wheel/pip" install --quiet --disable-pip-version-check --no-input "$wheel"
  rm -f "$wheel"
}

if [ ! -f "$venv/.installed" ]; then
  started=$SECONDS
  make_venv
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check --no-input -r "$requirements"
  touch "$venv/.installed"
  echo "slither: installed $("$venv/bin/slither" --version) into $venv in $((SECONDS - started)) s"
fi

# Always from scratch: an incremental build keeps the build info of files since changed or deleted, which
# crytic-compile would read too.
out=cache/slither
rm -rf "$out"
mkdir -p "$out"
started=$SECONDS
forge build --build-info --skip test --skip script --out "$out/out" --cache-path "$out/cache" >"$out/build.log" 2>&1 ||
  { cat "$out/build.log"; exit 1; }
echo "slither: contracts/src compiled with build info in $((SECONDS - started)) s"

started=$SECONDS
rm -f "$out/report.json"
# --fail-none: the gate is the triage below, which knows what was read and judged.
if ! "$venv/bin/slither" . --foundry-ignore-compile --foundry-out-directory "$out/out" \
  --json "$out/report.json" --fail-none >"$out/slither.log" 2>&1; then
  cat "$out/slither.log"
  echo "slither: crashed" >&2
  exit 1
fi
analyzed=$(sed -nE 's/.*analyzed \(([0-9]+) contracts.*/\1/p' "$out/slither.log" | tail -1)
# Every contract, library and interface of contracts/src must be among those analyzed.
declared=$(find contracts/src -name '*.sol' -exec cat {} + | grep -cE '^\s*(abstract\s+)?(contract|library|interface)\s+\w+' || true)
echo "slither: analysis in $((SECONDS - started)) s"
"$venv/bin/python" .ci/slither-triage.py "$out/report.json" .ci/slither-triage.json "${analyzed:-0}" "$declared"
