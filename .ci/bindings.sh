#!/usr/bin/env bash
# Rust bindings for our contracts, generated from forge artifacts into contracts/bindings.
#   bash .ci/bindings.sh          check the committed bindings match the contracts (fails if stale)
#   bash .ci/bindings.sh --write  regenerate them
set -euo pipefail
cd "$(dirname "$0")/.."
source .ci/foundry-env.sh
# Contracts the keeper, the devnet and the tests talk to. LiquidationExecutor is left out: forge bind 1.7.1
# generates its Order struct without the file-level MarketParams it nests (does not compile); the keeper
# binds it with sol! over its ABI, kept in keeper/primitives/abi/ and checked here the same way.
select='^(Cantilever|CantileverLens|ChainlinkOracle|OwnerFeed|JumpRateModel|ERC20Mock|MarginRouter|UniswapV2Adapter)$'
args=(--bindings-path contracts/bindings --crate-name cantilever-bindings --alloy-version 2.5 --select "$select")
# The crate's Cargo.toml is ours, not forge's: forge writes alloy with its default features (an HTTP client
# and more), which would pull them into every crate that uses a binding. It is kept across --write.
if [ "${1:-}" = "--write" ]; then
  manifest="$(cat contracts/bindings/Cargo.toml)"
  forge bind "${args[@]}" --overwrite
  printf '%s\n' "$manifest" > contracts/bindings/Cargo.toml
elif ! forge bind "${args[@]}" --skip-cargo-toml; then
  echo "contracts/bindings is stale: run 'bash .ci/bindings.sh --write' and commit the result" >&2
  exit 1
fi

# LiquidationExecutor's ABI for the keeper's sol! binding (keeper/primitives/src/executor.rs).
abi_check='
const fs = require("fs");
const [artifact, committed, write] = process.argv.slice(1);
const abi = JSON.stringify(JSON.parse(fs.readFileSync(artifact, "utf8")).abi, null, 2) + "\n";
if (write === "--write") fs.writeFileSync(committed, abi);
else if (!fs.existsSync(committed) || fs.readFileSync(committed, "utf8") !== abi) {
  console.error(committed + " is stale: run \x27bash .ci/bindings.sh --write\x27 and commit the result");
  process.exit(1);
}'
node -e "$abi_check" out/LiquidationExecutor.sol/LiquidationExecutor.json keeper/primitives/abi/LiquidationExecutor.json "${1:-}"
