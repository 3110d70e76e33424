#!/usr/bin/env bash
# The whole test suite, from a fresh clone: installs the pinned toolchain (npm ci: forge, anvil, cast,
# solcjs) and the Rust crates (cargo), then runs every check CI runs. README: `npm test`.
set -euo pipefail
cd "$(dirname "$0")/.."
step() { printf '\n==> %s\n' "$*"; }

step "npm ci (Foundry 1.7.1 and solc from npm)"
npm ci --no-audit --no-fund --loglevel=error
export PATH="$PWD/node_modules/.bin:$PATH"
forge --version | head -1

step "forge fmt --check"
forge fmt --check
step "forge build"
forge build
step "forge test (unit, fuzz, integration, invariant, exploits)"
forge test --no-match-path 'contracts/test/gas/*'
step "gas snapshot check (isolated transactions; snapshots/ is committed)"
FORGE_SNAPSHOT_CHECK=true forge test --isolate --match-path 'contracts/test/gas/*'
step "bindings up to date"
bash .ci/bindings.sh

step "cargo fmt --check"
# Generated bindings are checked by .ci/bindings.sh, not by rustfmt.
cargo fmt --check -p cantilever-primitives -p cantilever-planner -p cantilever-index -p cantilever-exec \
  -p cantilever-daemon -p cantilever-devnet -p cantilever -p cantilever-oracle-adapter -p cantilever-sim -p cantilever-tests \
  -p cantilever-paths -p cantilever-report -p cantilever-backtest
step "cargo clippy"
cargo clippy --workspace --all-targets --locked -- -D warnings
step "cargo test"
cargo test --workspace --locked
