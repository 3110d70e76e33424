//! Turning proposals into executor calls, simulating them on a fork of the head block (in parallel), and
//! reading back what each would do: the executor's own return values (repaid, seized, profit) and the gas.

use std::sync::Arc;

use alloy::primitives::{Address, Bytes, U256};
use alloy::providers::{DynProvider, Provider};
use alloy::sol_types::{SolCall, SolInterface};
use cantilever_bindings::cantilever::Cantilever::CantileverErrors;
use cantilever_sim::revm::context::BlockEnv;
use cantilever_sim::revm::primitives::hardfork::SpecId;
use cantilever_sim::{Candidate, Outcome, RpcSource, SharedFork, SimEnv, Simulation, StateSource};

use crate::deployment::MarketParams;
use crate::exec::contract::LiquidationExecutor::{self, LiquidationExecutorErrors};
use crate::strategy::Proposal;

/// Gas limit of a simulated liquidation: generous, the simulation reports what it used.
pub const SIM_GAS_LIMIT: u64 = 2_000_000;

/// The executor call that carries out `proposal`: liquidate everything the core allows, sell all the
/// seized collateral through `adapter`, and revert unless the profit covers the guard.
pub fn executor_call(params: &MarketParams, proposal: &Proposal, adapter: Address) -> Bytes {
    LiquidationExecutor::liquidateCall {
        marketParams: LiquidationExecutor::MarketParams {
            loanToken: params.loan_token,
            collateralToken: params.collateral_token,
            oracle: params.oracle,
            rateModel: params.rate_model,
            lltv: params.lltv,
        },
        borrower: proposal.key.borrower,
        maxRepayAssets: U256::MAX,
        adapter,
        swapData: Bytes::new(),
        minProfit: proposal.min_profit_guard,
    }
    .abi_encode()
    .into()
}

/// What a simulated liquidation did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SimResult {
    /// It succeeded: the executor's return values and the gas used.
    Liquidated {
        /// Loan assets repaid.
        repaid: U256,
        /// Collateral seized (and sold).
        seized: U256,
        /// Profit paid to the owner (loan token units).
        profit: U256,
        /// Gas used, the 21k base included.
        gas_used: u64,
    },
    /// It reverted or halted; the decoded reason.
    Failed(String),
}

/// Reads a simulation of an executor `liquidate` call.
pub fn read_simulation(sim: &Simulation) -> SimResult {
    match &sim.outcome {
        Outcome::Success(output) => {
            match LiquidationExecutor::liquidateCall::abi_decode_returns(output) {
                Ok(r) => SimResult::Liquidated {
                    repaid: r.repaidAssets,
                    seized: r.seizedAssets,
                    profit: r.profit,
                    gas_used: sim.gas_used,
                },
                Err(e) => SimResult::Failed(format!("undecodable executor output: {e}")),
            }
        }
        Outcome::Revert(data) => SimResult::Failed(decode_revert(data)),
        Outcome::Halt(reason) => SimResult::Failed(format!("halted: {reason}")),
    }
}

/// A revert's reason by name when it is one of the executor's or the core's errors.
pub fn decode_revert(data: &[u8]) -> String {
    if let Ok(e) = LiquidationExecutorErrors::abi_decode(data) {
        return format!("{e:?}");
    }
    if let Ok(e) = CantileverErrors::abi_decode(data) {
        return format!("{e:?}");
    }
    if data.is_empty() {
        return "reverted without data".into();
    }
    format!("reverted with 0x{}", alloy::primitives::hex::encode(data))
}

/// The candidate transaction for an executor call from `from`.
pub fn candidate(from: Address, executor: Address, data: Bytes, gas_price: u128) -> Candidate {
    Candidate {
        from,
        to: executor,
        data,
        value: U256::ZERO,
        gas_limit: SIM_GAS_LIMIT,
        gas_price,
    }
}

/// A fork of `block` over the keeper's RPC, filled lazily from the node; it starts with the code `previous`
/// (the last block's fork) already fetched, since code never changes under its hash.
pub fn fork_at(
    provider: &DynProvider,
    block: u64,
    previous: Option<&SharedFork>,
) -> Arc<SharedFork> {
    let source: Arc<dyn StateSource> = Arc::new(RpcSource::new(
        provider.clone(),
        alloy::eips::BlockId::number(block),
        tokio::runtime::Handle::current(),
    ));
    Arc::new(match previous {
        Some(previous) => previous.successor(source, Some(block)),
        None => SharedFork::new(source, Some(block)),
    })
}

/// The environment of the block after `head` (number + 1, at least one second later, next base fee).
pub async fn next_env(
    provider: &DynProvider,
    head: u64,
    spec: SpecId,
    chain_id: u64,
) -> Result<(SimEnv, u64), alloy::transports::TransportError> {
    use alloy::eips::eip1559::BaseFeeParams;
    let header = provider
        .get_block_by_number(head.into())
        .await?
        .map(|b| b.header)
        .ok_or_else(|| alloy::transports::TransportErrorKind::custom_str("head block not found"))?;
    let base_fee = header
        .next_block_base_fee(BaseFeeParams::ethereum())
        .unwrap_or_default();
    let env = SimEnv {
        spec,
        chain_id,
        block: BlockEnv {
            number: U256::from(head + 1),
            beneficiary: header.beneficiary,
            timestamp: U256::from(header.timestamp + 1),
            gas_limit: header.gas_limit,
            basefee: base_fee,
            difficulty: U256::ZERO,
            prevrandao: Some(alloy::primitives::B256::ZERO),
            ..BlockEnv::default()
        },
    };
    Ok((env, header.timestamp))
}

/// The hardfork a config names, as revm's spec ("osaka", "prague", "cancun"; anvil's blob-parameter forks
/// "bpo1".."bpo5" run Osaka's EVM).
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
pub async fn anvil_spec(provider: &DynProvider) -> Option<SpecId> {
    let info: serde_json::Value = provider
        .raw_request("anvil_nodeInfo".into(), serde_json::json!([]))
        .await
        .ok()?;
    let fork = info["hardFork"].as_str().or(info["hardfork"].as_str())?;
    spec_named(fork)
}
