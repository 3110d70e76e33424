#!/usr/bin/env bash
# Rust bindings for our contracts, generated from forge artifacts into contracts/bindings.
#   bash .ci/bindings.sh          check the committed bindings match the contracts (fails if stale)
#   bash .ci/bindings.sh --write  regenerate them
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$PATH"
# Contracts the keeper, the devnet and the tests talk to. LiquidationExecutor is left out: forge bind 1.7.1
# generates its Order struct without the file-level MarketParams it nests (does not compile); the keeper
# should bind it with sol! over its artifact until that is fixed.
select='^(Cantilever|CantileverLens|ChainlinkOracle|OwnerFeed|JumpRateModel|ERC20Mock|MarginRouter|UniswapV2Adapter)$'
args=(--bindings-path contracts/bindings --crate-name cantilever-bindings --alloy-version 2.5 --select "$select")
if [ "${1:-}" = "--write" ]; then
  forge bind "${args[@]}" --overwrite
elif ! forge bind "${args[@]}"; then
  echo "contracts/bindings is stale: run 'bash .ci/bindings.sh --write' and commit the result" >&2
  exit 1
fi
