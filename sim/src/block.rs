//! A fork of a node's block and the environment of the block after it: the one place the keeper, the tests
//! and the benchmarks build them.

use std::sync::Arc;

use alloy::eips::BlockId;
use alloy::eips::eip1559::BaseFeeParams;
use alloy::primitives::{B256, U256};
use alloy::providers::{DynProvider, Provider};
use alloy::transports::{TransportError, TransportErrorKind};
use revm::context::BlockEnv;
use revm::primitives::hardfork::SpecId;

use crate::fork::{RpcSource, SharedFork, StateSource};
use crate::simulate::SimEnv;

/// A fork of `block` over `provider`, filled lazily from the node, and its source (for its call counter).
/// It starts with the code `previous` (the last block's fork) already fetched, since code never changes under
/// its hash. Must be called inside a tokio runtime: the source blocks on the runtime's handle.
pub fn rpc_fork(
    provider: &DynProvider,
    block: u64,
    previous: Option<&SharedFork>,
) -> (Arc<SharedFork>, Arc<RpcSource>) {
    let source = rpc_source(provider, block);
    let dyn_source: Arc<dyn StateSource> = source.clone();
    let fork = match previous {
        Some(previous) => previous.successor(dyn_source, Some(block)),
        None => SharedFork::new(dyn_source, Some(block)),
    };
    (Arc::new(fork), source)
}

/// A state source reading `block` from `provider`. Must be called inside a tokio runtime: the source blocks
/// on the runtime's handle, so simulations over it run on blocking threads.
pub fn rpc_source(provider: &DynProvider, block: u64) -> Arc<RpcSource> {
    Arc::new(RpcSource::new(
        provider.clone(),
        BlockId::number(block),
        tokio::runtime::Handle::current(),
    ))
}

/// The environment of the block after `header`, as a node mines it: number + 1, one second later, the next
/// base fee under Ethereum's rules, the same beneficiary and gas limit.
pub fn next_block_env(header: &alloy::consensus::Header, spec: SpecId, chain_id: u64) -> SimEnv {
    SimEnv {
        spec,
        chain_id,
        block: BlockEnv {
            number: U256::from(header.number + 1),
            beneficiary: header.beneficiary,
            timestamp: U256::from(header.timestamp + 1),
            gas_limit: header.gas_limit,
            basefee: header
                .next_block_base_fee(BaseFeeParams::ethereum())
                .unwrap_or_default(),
            difficulty: U256::ZERO,
            prevrandao: Some(B256::ZERO),
            ..BlockEnv::default()
        },
    }
}

/// Reads block `number`'s header and returns the next block's environment with it, and the header's
/// timestamp.
pub async fn next_env(
    provider: &DynProvider,
    number: u64,
    spec: SpecId,
    chain_id: u64,
) -> Result<(SimEnv, u64), TransportError> {
    let header = provider
        .get_block_by_number(number.into())
        .await?
        .map(|b| b.header.inner)
        .ok_or_else(|| TransportErrorKind::custom_str("block not found"))?;
    Ok((next_block_env(&header, spec, chain_id), header.timestamp))
}

/// The hardfork a name gives ("osaka", "prague", "cancun", "shanghai"), as revm's spec. anvil's
/// blob-parameter-only forks "bpo1".."bpo5" change blob pricing, not the EVM: Osaka rules.
pub fn spec_named(name: &str) -> Option<SpecId> {
    match name.to_ascii_lowercase().as_str() {
        "osaka" | "bpo1" | "bpo2" | "bpo3" | "bpo4" | "bpo5" => Some(SpecId::OSAKA),
        "prague" => Some(SpecId::PRAGUE),
        "cancun" => Some(SpecId::CANCUN),
        "shanghai" => Some(SpecId::SHANGHAI),
        _ => None,
    }
}

/// The hardfork an anvil node runs (its `anvil_nodeInfo`), as revm's spec; `None` on other nodes.
pub async fn node_spec(provider: &DynProvider) -> Option<SpecId> {
    let info: serde_json::Value = provider
        .raw_request("anvil_nodeInfo".into(), serde_json::json!([]))
        .await
        .ok()?;
    let fork = info["hardFork"].as_str().or(info["hardfork"].as_str())?;
    spec_named(fork)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_next_block_follows_the_header() {
        let header = alloy::consensus::Header {
            number: 41,
            timestamp: 1_000,
            gas_limit: 30_000_000,
            gas_used: 15_000_000,
            base_fee_per_gas: Some(1_000_000_000),
            ..Default::default()
        };
        let env = next_block_env(&header, SpecId::PRAGUE, 31337);
        assert_eq!(env.block.number, U256::from(42));
        assert_eq!(env.block.timestamp, U256::from(1_001));
        // Half full: the base fee stays.
        assert_eq!(env.block.basefee, 1_000_000_000);
        assert_eq!(env.chain_id, 31337);
    }

    #[test]
    fn specs_by_name() {
        assert_eq!(spec_named("BPO2"), Some(SpecId::OSAKA));
        assert_eq!(spec_named("cancun"), Some(SpecId::CANCUN));
        assert_eq!(spec_named("frontier"), None);
    }
}
