#!/usr/bin/env bash
# The whole test suite, from a fresh clone: installs the pinned toolchain (npm ci: forge, anvil, cast,
# solcjs) and the Rust crates (cargo), then runs every check CI runs. README: `npm test`.
#
# Fuzzing uses a fresh seed each run, printed before the forge tests; FOUNDRY_FUZZ_SEED=<seed> pins one. A failure
# replays with the seed and the same forge command (printed with the error): a narrower filter can run another
# campaign (measured with forge 1.7.1: an invariant failure of the full run did not recur with --match-contract).
set -euo pipefail
cd "$(dirname "$0")/.."
step() { printf '\n==> [%dm%02ds] %s\n' $((SECONDS / 60)) $((SECONDS % 60)) "$*"; }

# Test and invariant functions declared in the .sol files `find "$@"` selects: a filtered forge run must pass at
# least that many (inherited tests only add to what runs).
declared() { find "$@" -name '*.sol' -exec cat {} + | grep -cE '^\s*function\s+(test|invariant)\w*\s*\(' || true; }

# `forge test` with the given arguments, its output printed; fails unless forge succeeded and passed at least
# $1 tests. forge reports success when a filter matches nothing, and a skipped test is not a passed one.
forge_test() {
  local least=$1 log status summary passed cmd
  shift
  cmd="${FORGE_SNAPSHOT_CHECK:+FORGE_SNAPSHOT_CHECK=$FORGE_SNAPSHOT_CHECK }forge test$(printf ' %q' "$@")"
  log=$(mktemp)
  set +e
  forge test "$@" 2>&1 | tee "$log"
  status=${PIPESTATUS[0]}
  set -e
  summary=$(grep -E '^Ran [0-9]+ test suites? in .*: [0-9]+ tests passed, [0-9]+ failed, [0-9]+ skipped' "$log" | tail -1 || true)
  rm -f "$log"
  if [ "$status" -ne 0 ]; then
    echo "error: forge test failed (exit $status); replay: FOUNDRY_FUZZ_SEED=$FOUNDRY_FUZZ_SEED $cmd" >&2
    return 1
  fi
  passed=$(sed -nE 's/.*: ([0-9]+) tests passed.*/\1/p' <<<"$summary")
  if [ "$least" -lt 1 ] || [ "${passed:-0}" -lt "$least" ]; then
    echo "error: $cmd passed ${passed:-no} tests, but its files declare $least" >&2
    return 1
  fi
  echo "checked: $passed tests passed, at least the $least the files declare"
}

step "npm ci (Foundry 1.7.1 and solc from npm)"
npm ci --no-audit --no-fund --loglevel=error
# The platform binaries first: the npm wrappers exit 0 whatever forge, cast or anvil return.
source .ci/foundry-env.sh
forge --version | head -1

step "fuzz seed"
if [ -z "${FOUNDRY_FUZZ_SEED:-}" ]; then
  FOUNDRY_FUZZ_SEED="0x$(od -An -N8 -tx8 /dev/urandom | tr -d ' \n')"
fi
export FOUNDRY_FUZZ_SEED
echo "FOUNDRY_FUZZ_SEED=$FOUNDRY_FUZZ_SEED (fresh unless set; foundry.toml's seed is the local default)"

step "forge fmt --check"
forge fmt --check
step "forge build"
forge build
step "forge test (unit, fuzz, integration, invariant, exploits)"
forge_test "$(declared contracts/test -not -path 'contracts/test/gas/*')" --no-match-path 'contracts/test/gas/*'
step "gas snapshot check (isolated transactions; snapshots/ is committed)"
FORGE_SNAPSHOT_CHECK=true forge_test "$(declared contracts/test/gas)" --isolate --match-path 'contracts/test/gas/*'
step "bindings up to date"
bash .ci/bindings.sh
step "slither (static analysis; triage in .ci/slither-triage.json)"
bash .ci/slither.sh

# A clean build gains nothing from incremental caches, which would only take disk space.
export CARGO_INCREMENTAL="${CARGO_INCREMENTAL:-0}"

step "cargo fmt --check"
# Every workspace crate but the generated bindings (checked by .ci/bindings.sh, not by rustfmt), so a new crate is
# checked without being listed here.
mapfile -t crates < <(cargo metadata --no-deps --format-version 1 --locked |
  node -e 'for (const p of JSON.parse(require("fs").readFileSync(0, "utf8")).packages)
    if (p.name !== "cantilever-bindings") console.log(p.name)')
[ "${#crates[@]}" -gt 1 ] || { echo "error: cargo metadata listed no crates" >&2; exit 1; }
cargo fmt --check "${crates[@]/#/-p}"
step "cargo clippy"
cargo clippy --workspace --all-targets --locked -- -D warnings
step "cargo test"
cargo test --workspace --locked
step "done"
