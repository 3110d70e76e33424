//! End-to-end test harness for Cantilever: a real anvil (from the repo's pinned Foundry in
//! `node_modules/.bin`), the protocol deployed onto it by `forge script contracts/script/DeployDevnet.s.sol`,
//! and the deployment loaded with the keeper's own loader, so tests exercise the code the keeper ships.
//! The scenarios themselves are one integration binary, `it/main.rs`.
//!
//! - [`binary`]: the real `cantilever` binary, built for tests that run it as a child process.
//! - [`fixture`]: the shared devnet, deployed once per test binary, with `evm_snapshot`/`evm_revert`
//!   around each test that uses it.
//! - [`keeper_harness`]: seeded devnets, the keeper as `cantilever devnet` builds it, the daemon driven
//!   beside a test script, independent checks through `eth_call` and the chain's own records, a TCP proxy.
//! - [`feeds`]: a scriptable HTTP price server and stream helpers for the oracle-adapter tests.
//! - [`scene`]: random positions sized against a market, and the batched transactions that fund the market and
//!   open them.
//!
//! The node itself (anvil, its methods through alloy's `AnvilApi`, batches of transactions, the seeded RNG)
//! is the devnet crate's: [`cantilever_devnet`], re-exported here where tests use it.

pub mod binary;
mod error;
pub mod feeds;
pub mod fixture;
pub mod keeper_harness;
pub mod scene;

pub use cantilever_devnet::{
    Anvil, AnvilConfig, Batch, DEPLOYER, Devnet, DevnetOptions, SplitMix64, rpc,
};
pub use error::{HarnessError, Result};
pub use fixture::{SharedDevnet, shared_devnet};

/// Gas limit for test transactions: ample for any single protocol call (transactions are sent without
/// estimation, see [`Anvil::provider`]).
pub const TX_GAS: u64 = 3_000_000;

/// The environment of the block after `number`, at `timestamp`, as anvil will mine it: the simulator's
/// [`cantilever_sim::next_env`] under anvil's hardfork, with the timestamp the test will set.
pub async fn next_env_at(
    provider: &alloy::providers::DynProvider,
    number: u64,
    timestamp: u64,
) -> Result<cantilever_sim::SimEnv> {
    use alloy::providers::Provider;
    let spec = cantilever_sim::node_spec(provider)
        .await
        .ok_or_else(|| HarnessError::Setup("anvil_nodeInfo names no known hardfork".into()))?;
    let chain_id = provider
        .get_chain_id()
        .await
        .map_err(HarnessError::rpc("eth_chainId"))?;
    let (mut env, _) = cantilever_sim::next_env(provider, number, spec, chain_id)
        .await
        .map_err(HarnessError::rpc(format!("block {number}")))?;
    env.block.timestamp = alloy::primitives::U256::from(timestamp);
    Ok(env)
}
