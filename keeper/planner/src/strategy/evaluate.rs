//! Whether a liquidatable position is worth liquidating, and for how much, before any simulation: the core's
//! own plan (partial or full, bad debt, the incentive), the sale of the seized collateral into the pool, and
//! the gas, all in the loan token. The simulation then confirms or overrides the numbers.

use alloy_primitives::{I256, U256, keccak256};

use super::skip::SkipReason;
use crate::book::{Liquidatable, MarketSnapshot};
use cantilever_primitives::PositionKey;
use cantilever_primitives::Reserves;
use cantilever_primitives::math::constants::ORACLE_PRICE_SCALE;
use cantilever_primitives::math::{Liquidation, LiquidationInput, LiquidationStatus, plan};
use cantilever_primitives::units::{Ether, Gwei};

/// The strategy's knobs: the config's `[strategy]` section, as written (every field has a default).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct StrategyParams {
    /// Least net profit worth a transaction, after gas and the buffer, in the native token (ether units,
    /// 18 decimals, held in wei; the strategy values the loan token in native token through the oracle).
    pub min_profit: Ether,
    /// Share of the expected profit held back against price moves and estimation error (bps, 0..=10000).
    pub safety_buffer_bps: u32,
    /// Nothing is proposed while the next block's base fee is above this (gwei, held in wei); `None`: no cap.
    pub max_gas_price_gwei: Option<Gwei>,
    /// Gas assumed for a liquidation with a swap before it is simulated (the simulation replaces it).
    pub gas_estimate: u64,
}

impl Default for StrategyParams {
    fn default() -> Self {
        Self {
            min_profit: Ether::default(),
            safety_buffer_bps: 1_000,
            max_gas_price_gwei: None,
            // Measured: an executor liquidation with a swap into a real pool uses about 218k gas.
            gas_estimate: 300_000,
        }
    }
}

impl StrategyParams {
    /// The minimum profit in wei.
    pub fn min_profit_wei(&self) -> U256 {
        self.min_profit.0
    }

    /// The base-fee cap in wei per gas, if any.
    pub fn max_base_fee_wei(&self) -> Option<u128> {
        self.max_gas_price_gwei.map(|g| g.0)
    }
}

/// Everything about a market the decision needs at one block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MarketView {
    /// Accrued totals and the oracle price.
    pub snapshot: MarketSnapshot,
    /// The market's liquidation LTV (WAD).
    pub lltv: U256,
    /// The market's dust floor (loan token units).
    pub min_debt: U256,
    /// The pool the seized collateral is sold into, oriented collateral → loan; `None` when there is none.
    pub pool: Option<Reserves>,
    /// Price of one wei of the native token in loan-token units (scale 1e36), to value gas in the loan token;
    /// `None` when no oracle prices the native token in this loan token.
    pub native_price: Option<U256>,
    /// The oracle allows only deep liquidations (health below 0.95: the L2 sequencer's grace period).
    pub deep_only: bool,
}

/// A liquidation worth sending, with the numbers it was chosen on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Proposal {
    /// The position.
    pub key: PositionKey,
    /// Identifies this chance to liquidate: the same position in the same state gives the same id, so the
    /// executor never sends it twice.
    pub id: alloy_primitives::B256,
    /// What the core will repay, seize and write off.
    pub plan: Liquidation,
    /// Loan tokens the seized collateral sells for.
    pub proceeds: U256,
    /// Proceeds less the repayment (loan token units), before gas.
    pub gross_profit: U256,
    /// Gas cost (loan token units) at the given gas price and gas.
    pub gas_cost: U256,
    /// The executor's `minProfit` guard (loan token units): the transaction reverts rather than pay less than
    /// its gas and the minimum profit.
    pub min_profit_guard: U256,
    /// What is left after gas and the safety buffer (loan token units); positive by construction.
    pub net_profit: U256,
    /// `net_profit` in wei of the native token.
    pub net_profit_wei: U256,
    /// The most the transaction may spend on gas (wei): the profit after the buffer, less the minimum
    /// profit. The executor caps the first fee and every bump at it, so gas never eats the minimum profit.
    pub fee_budget_wei: U256,
}

/// Decides on one liquidatable position at `gas_price` (wei per gas: base fee plus priority fee) with `gas`
/// units of gas (the estimate, or the simulated figure).
pub fn evaluate(
    key: PositionKey,
    candidate: &Liquidatable,
    market: &MarketView,
    params: &StrategyParams,
    gas_price: u128,
    gas: u64,
) -> Result<Proposal, SkipReason> {
    if market.snapshot.price.is_zero() {
        return Err(SkipReason::NoPrice);
    }
    let input = LiquidationInput {
        borrow_shares: U256::from(candidate.position.borrow_shares),
        collateral: U256::from(candidate.position.collateral),
        total_borrow_assets: market.snapshot.total_borrow_assets,
        total_borrow_shares: market.snapshot.total_borrow_shares,
        price: market.snapshot.price,
        deep_only: market.deep_only,
        lltv: market.lltv,
        min_debt: market.min_debt,
        max_repay_assets: U256::MAX,
    };
    let planned = plan(&input).map_err(SkipReason::Math)?;
    match planned.status {
        LiquidationStatus::Liquidated => {}
        status => return Err(SkipReason::NotLiquidatable(status)),
    }
    if planned.seized_assets.is_zero() {
        return Err(SkipReason::NothingSeized);
    }
    let pool = market.pool.ok_or(SkipReason::NoPool)?;
    let proceeds = pool.amount_out(planned.seized_assets);
    let native_price = market.native_price.ok_or(SkipReason::NoGasPrice)?;
    let gas_cost = to_loan(U256::from(gas) * U256::from(gas_price), native_price, true);
    let min_profit = to_loan(params.min_profit_wei(), native_price, true);
    if proceeds <= planned.repaid_assets {
        return Err(SkipReason::Unprofitable {
            profit: I256::from_raw(proceeds) - I256::from_raw(planned.repaid_assets),
            gas_cost,
        });
    }
    let gross_profit = proceeds - planned.repaid_assets;
    let buffered =
        gross_profit - gross_profit * U256::from(params.safety_buffer_bps) / U256::from(10_000u64);
    let required = gas_cost + min_profit;
    if buffered <= required {
        return Err(SkipReason::Unprofitable {
            profit: I256::from_raw(buffered) - I256::from_raw(gas_cost),
            gas_cost,
        });
    }
    let net_profit = buffered - gas_cost;
    Ok(Proposal {
        key,
        id: opportunity_id(key, candidate),
        plan: planned,
        proceeds,
        gross_profit,
        gas_cost,
        min_profit_guard: required,
        net_profit,
        net_profit_wei: net_profit * ORACLE_PRICE_SCALE / native_price,
        fee_budget_wei: fee_budget(buffered, native_price, params),
    })
}

/// Wei the buffered profit (loan units) is worth, less the minimum profit: what gas may cost at most.
fn fee_budget(buffered: U256, native_price: U256, params: &StrategyParams) -> U256 {
    (buffered.saturating_mul(ORACLE_PRICE_SCALE) / native_price)
        .saturating_sub(params.min_profit_wei())
}

/// Loan-token units worth `wei` at `native_price` (scale 1e36), rounded up for costs.
fn to_loan(wei: U256, native_price: U256, round_up: bool) -> U256 {
    let product = wei.saturating_mul(native_price);
    let value = product / ORACLE_PRICE_SCALE;
    if round_up && !(product % ORACLE_PRICE_SCALE).is_zero() {
        value + U256::from(1)
    } else {
        value
    }
}

/// The id of a chance to liquidate: market, borrower and the position's exact state. A position that changes
/// (a repay, a partial liquidation) is a new chance; the same state seen again is the same one.
pub fn opportunity_id(key: PositionKey, candidate: &Liquidatable) -> alloy_primitives::B256 {
    let mut bytes = Vec::with_capacity(32 + 20 + 32);
    bytes.extend_from_slice(key.market.as_slice());
    bytes.extend_from_slice(key.borrower.as_slice());
    bytes.extend_from_slice(&candidate.position.borrow_shares.to_be_bytes());
    bytes.extend_from_slice(&candidate.position.collateral.to_be_bytes());
    keccak256(bytes)
}

/// Replaces a proposal's estimates with what the simulation showed: the executor's profit (proceeds less the
/// repayment, in loan units) and the gas it used. The same rules decide: buffer, gas, minimum profit. The
/// `minProfit` guard stays the one the simulated call carried (computed with the larger gas estimate).
pub fn settle(
    proposal: &Proposal,
    market: &MarketView,
    params: &StrategyParams,
    simulated_profit: U256,
    gas_used: u64,
    gas_price: u128,
) -> Result<Proposal, SkipReason> {
    let native_price = market.native_price.ok_or(SkipReason::NoGasPrice)?;
    let gas_cost = to_loan(
        U256::from(gas_used) * U256::from(gas_price),
        native_price,
        true,
    );
    let min_profit = to_loan(params.min_profit_wei(), native_price, true);
    let buffered = simulated_profit
        - simulated_profit * U256::from(params.safety_buffer_bps) / U256::from(10_000u64);
    let required = gas_cost + min_profit;
    if buffered <= required {
        return Err(SkipReason::Unprofitable {
            profit: I256::from_raw(buffered) - I256::from_raw(gas_cost),
            gas_cost,
        });
    }
    let net_profit = buffered - gas_cost;
    Ok(Proposal {
        gross_profit: simulated_profit,
        proceeds: proposal.plan.repaid_assets + simulated_profit,
        gas_cost,
        net_profit,
        net_profit_wei: net_profit * ORACLE_PRICE_SCALE / native_price,
        fee_budget_wei: fee_budget(buffered, native_price, params),
        ..proposal.clone()
    })
}
