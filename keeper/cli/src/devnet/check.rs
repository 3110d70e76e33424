//! What is left to liquidate, judged from the chain alone: no keeper code, no keeper book. The devnet's
//! verdict and the end-to-end tests use these, so the keeper is never graded on its own word.
//!
//! - [`lens_health`] and [`liquidatable_left`]: the lens's view of positions (the core's own health rule,
//!   interest accrued, the market's own oracle).
//! - [`open_liquidations`]: what the keeper account could still liquidate through its executor, by an
//!   `eth_call` of `liquidate` (minProfit 0) and the node's gas estimate, gas valued in the loan token through
//!   an oracle of the deployment. [`OpenLiquidation::worth`] applies the strategy's published rule (profit
//!   after the safety buffer above gas and the minimum profit) to those numbers.

use std::collections::BTreeMap;

use alloy::eips::BlockNumberOrTag;
use alloy::primitives::{B256, Bytes, U256};
use alloy::providers::{DynProvider, Provider};
use alloy::rpc::types::TransactionRequest;
use alloy::sol_types::SolCall;
use cantilever_bindings::cantilever_lens::CantileverLens;
use cantilever_bindings::chainlink_oracle::ChainlinkOracle;
use cantilever_devnet::Devnet;
use cantilever_planner::StrategyParams;
use cantilever_primitives::PositionKey;
use cantilever_primitives::executor::LiquidationExecutor;
use cantilever_primitives::math::constants::ORACLE_PRICE_SCALE;

/// Why a check could not be made (never "the keeper failed": that is the check's answer).
#[derive(Debug, thiserror::Error)]
pub enum CheckError {
    /// A call to the node failed.
    #[error("rpc {what}: {message}")]
    Rpc {
        /// The call.
        what: &'static str,
        /// The node's or transport's message.
        message: String,
    },
    /// The deployment lacks what the check needs (a market, WETH, a WETH market for a loan token).
    #[error("{0}")]
    Deployment(String),
}

fn rpc<E: std::fmt::Display>(what: &'static str) -> impl FnOnce(E) -> CheckError {
    move |e| CheckError::Rpc {
        what,
        message: e.to_string(),
    }
}

/// The checks' result.
pub type CheckResult<T> = Result<T, CheckError>;

/// The lens's view of each of `keys` (one `eth_call` per market), empty positions included.
pub async fn lens_health(
    devnet: &Devnet,
    keys: &[PositionKey],
) -> CheckResult<BTreeMap<PositionKey, CantileverLens::PositionHealth>> {
    let provider = devnet.provider();
    let lens = CantileverLens::new(devnet.deployment.lens, &provider);
    let mut out = BTreeMap::new();
    for market in &devnet.deployment.markets {
        let borrowers: Vec<_> = keys
            .iter()
            .filter(|k| k.market == market.id)
            .map(|k| k.borrower)
            .collect();
        if borrowers.is_empty() {
            continue;
        }
        let healths = lens
            .positions(market.params().into(), borrowers)
            .call()
            .await
            .map_err(rpc("lens.positions"))?;
        for h in healths {
            let key = PositionKey {
                market: market.id,
                borrower: h.borrower,
            };
            out.insert(key, h);
        }
    }
    Ok(out)
}

/// Positions of `keys` the lens says are liquidatable now; a position whose market's oracle reverts counts
/// as liquidatable too (the lens cannot tell, so neither can the verdict: it is not "nothing left").
pub async fn liquidatable_left(
    devnet: &Devnet,
    keys: &[PositionKey],
) -> CheckResult<Vec<PositionKey>> {
    Ok(lens_health(devnet, keys)
        .await?
        .into_iter()
        .filter(|(_, h)| h.liquidatable || (!h.priceOk && h.borrowShares > 0))
        .map(|(k, _)| k)
        .collect())
}

/// A liquidation an `eth_call` says the executor can carry out now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenLiquidation {
    /// The position.
    pub key: PositionKey,
    /// Profit the executor would pay (loan units).
    pub profit: U256,
    /// Gas the node estimates for it.
    pub gas: u64,
    /// That gas at the given gas price, in loan units through the market oracle, rounded up.
    pub gas_cost: U256,
    /// The price that valued it: loan units per wei of ether, at the oracle scale (1e36).
    pub native_price: U256,
}

impl OpenLiquidation {
    /// Profit above the gas cost.
    pub fn profitable(&self) -> bool {
        self.profit > self.gas_cost
    }

    /// Worth liquidating by the strategy's rule: the profit less the safety buffer exceeds the gas cost plus
    /// the minimum profit. A liquidation paying between 1x and 1.1x its gas is rightly left by a keeper with a
    /// 10% buffer; this is the check for such a keeper.
    pub fn worth(&self, strategy: &StrategyParams) -> bool {
        let buffer = self.profit * U256::from(strategy.safety_buffer_bps) / U256::from(10_000u64);
        let min_profit =
            (strategy.min_profit_wei() * self.native_price).div_ceil(ORACLE_PRICE_SCALE);
        self.profit - buffer > self.gas_cost + min_profit
    }
}

/// The executor's `liquidate` call for `key`: everything the core allows, sold through the devnet's
/// adapter, with `min_profit` as the guard.
pub fn liquidate_call(devnet: &Devnet, key: &PositionKey, min_profit: U256) -> CheckResult<Bytes> {
    let market = devnet
        .deployment
        .markets
        .iter()
        .find(|m| m.id == key.market)
        .ok_or_else(|| CheckError::Deployment(format!("no market {}", key.market)))?;
    Ok(LiquidationExecutor::liquidateCall {
        marketParams: market.params().into(),
        borrower: key.borrower,
        maxRepayAssets: U256::MAX,
        adapter: devnet.periphery().adapter,
        swapData: Bytes::new(),
        minProfit: min_profit,
    }
    .abi_encode()
    .into())
}

/// For each of `keys`, whether the keeper account could liquidate it now through its executor, checked
/// without the keeper's code: an `eth_call` of `liquidate` (minProfit 0) from the keeper account, the node's
/// gas estimate for it, and that gas at `gas_price` valued in loan tokens through an oracle of the
/// deployment (a market with WETH as collateral and the same loan token). Reverting calls are left out.
pub async fn open_liquidations(
    devnet: &Devnet,
    keys: &[PositionKey],
    gas_price: u128,
) -> CheckResult<Vec<OpenLiquidation>> {
    let provider = devnet.provider();
    let mut out = Vec::new();
    for key in keys {
        let request = TransactionRequest::default()
            .from(devnet.keeper)
            .to(devnet.periphery().executor)
            .input(liquidate_call(devnet, key, U256::ZERO)?.into());
        let Ok(output) = provider.call(request.clone()).await else {
            continue; // reverts: healthy, or not worth anything even at minProfit 0
        };
        let returns = LiquidationExecutor::liquidateCall::abi_decode_returns(&output)
            .map_err(rpc("decoding liquidate's output"))?;
        let gas = provider
            .estimate_gas(request)
            .await
            .map_err(rpc("eth_estimateGas"))?;
        let native_price = native_price(devnet, key.market).await?;
        let wei = U256::from(gas) * U256::from(gas_price);
        out.push(OpenLiquidation {
            key: *key,
            profit: returns.profit,
            gas,
            gas_cost: (wei * native_price).div_ceil(ORACLE_PRICE_SCALE),
            native_price,
        });
    }
    Ok(out)
}

/// Loan units of `market` per wei of ether, at the oracle scale (1e36): through the oracle of a market
/// lending that token against WETH, or one for one when the loan token is WETH.
pub async fn native_price(devnet: &Devnet, market: B256) -> CheckResult<U256> {
    let d = &devnet.deployment;
    let weth = *d
        .tokens
        .get("WETH")
        .ok_or_else(|| CheckError::Deployment("no WETH in the deployment".into()))?;
    let loan = d
        .markets
        .iter()
        .find(|m| m.id == market)
        .ok_or_else(|| CheckError::Deployment(format!("no market {market}")))?
        .loan_token;
    if loan == weth {
        return Ok(ORACLE_PRICE_SCALE);
    }
    let pricing = d
        .markets
        .iter()
        .find(|m| m.collateral_token == weth && m.loan_token == loan)
        .ok_or_else(|| CheckError::Deployment(format!("no WETH market lending {loan}")))?;
    ChainlinkOracle::new(pricing.oracle, devnet.provider())
        .price()
        .call()
        .await
        .map_err(rpc("oracle.price"))
}

/// `wei` of ether in the loan token of `market`, rounded up (see [`native_price`]).
pub async fn wei_in_loan(devnet: &Devnet, market: B256, wei: U256) -> CheckResult<U256> {
    Ok((wei * native_price(devnet, market).await?).div_ceil(ORACLE_PRICE_SCALE))
}

/// The gas price the keeper would pay in the next block: the latest base fee plus `priority_fee_wei`.
pub async fn gas_price(provider: &DynProvider, priority_fee_wei: u128) -> CheckResult<u128> {
    let block = provider
        .get_block_by_number(BlockNumberOrTag::Latest)
        .await
        .map_err(rpc("eth_getBlockByNumber"))?
        .ok_or_else(|| CheckError::Rpc {
            what: "eth_getBlockByNumber",
            message: "no latest block".into(),
        })?;
    Ok(u128::from(block.header.base_fee_per_gas.unwrap_or(0)) + priority_fee_wei)
}

/// What is left after a run, from the chain: positions the lens finds liquidatable, and of those the
/// liquidations worth doing by `strategy` at the gas price of `priority_fee_wei`.
#[derive(Debug, Clone, Default)]
pub struct Left {
    /// Liquidatable per the lens (or in a market whose oracle reverts).
    pub liquidatable: Vec<PositionKey>,
    /// Open through the executor and worth it by the strategy's rule.
    pub worth: Vec<OpenLiquidation>,
}

/// [`Left`] for `keys`.
pub async fn left(
    devnet: &Devnet,
    keys: &[PositionKey],
    strategy: &StrategyParams,
    priority_fee_wei: u128,
) -> CheckResult<Left> {
    let liquidatable = liquidatable_left(devnet, keys).await?;
    let gas_price = gas_price(&devnet.provider(), priority_fee_wei).await?;
    let worth = open_liquidations(devnet, &liquidatable, gas_price)
        .await?
        .into_iter()
        .filter(|o| o.worth(strategy))
        .collect();
    Ok(Left {
        liquidatable,
        worth,
    })
}
