//! The executor call that carries out a proposal, the candidate transaction around it, and what a simulation
//! of it did: the executor's own return values (repaid, seized, profit) and the gas, or why it failed.

use alloy::sol_types::{SolCall, SolInterface};
use alloy_primitives::{Address, Bytes, U256};
use cantilever_bindings::cantilever::Cantilever::CantileverErrors;
use cantilever_primitives::MarketParams;
use cantilever_primitives::executor::LiquidationExecutor::{self, LiquidationExecutorErrors};
use cantilever_sim::{Candidate, Outcome, Simulation};

use crate::strategy::Proposal;

/// Gas limit of a simulated liquidation: generous, the simulation reports what it used.
pub const SIM_GAS_LIMIT: u64 = 2_000_000;

/// The executor call that carries out `proposal`: liquidate everything the core allows, sell all the
/// seized collateral through `adapter`, and revert unless the profit covers the guard.
pub fn executor_call(params: &MarketParams, proposal: &Proposal, adapter: Address) -> Bytes {
    LiquidationExecutor::liquidateCall {
        marketParams: (*params).into(),
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
    /// It reverted or halted.
    Failed(SimFailure),
}

/// Why a simulated transaction did not succeed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SimFailure {
    /// The executor reverted with one of its own errors (`ProfitTooLow`, …), named with its fields.
    #[error("executor: {0}")]
    Executor(String),
    /// The core reverted with one of its errors (`HealthyPosition`, …), named with its fields.
    #[error("core: {0}")]
    Core(String),
    /// It reverted with data no known contract's error decodes.
    #[error("reverted with {0}")]
    Unknown(Bytes),
    /// It reverted without data.
    #[error("reverted without data")]
    Empty,
    /// The EVM halted (out of gas, invalid opcode, …).
    #[error("halted: {0}")]
    Halted(String),
    /// It succeeded but its output is not the executor's return values.
    #[error("undecodable executor output: {0}")]
    Undecodable(String),
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
                Err(e) => SimResult::Failed(SimFailure::Undecodable(e.to_string())),
            }
        }
        Outcome::Revert(data) => SimResult::Failed(decode_revert(data)),
        Outcome::Halt(reason) => SimResult::Failed(SimFailure::Halted(reason.to_string())),
    }
}

/// A revert's reason, by name when it is one of the executor's or the core's errors.
pub fn decode_revert(data: &[u8]) -> SimFailure {
    if let Ok(e) = LiquidationExecutorErrors::abi_decode(data) {
        return SimFailure::Executor(format!("{e:?}"));
    }
    if let Ok(e) = CantileverErrors::abi_decode(data) {
        return SimFailure::Core(format!("{e:?}"));
    }
    if data.is_empty() {
        return SimFailure::Empty;
    }
    SimFailure::Unknown(Bytes::copy_from_slice(data))
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
