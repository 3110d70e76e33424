//! Every market's state on the fork, as the planner takes it: the same reads the daemon's market reader makes
//! over RPC (accrued totals, the oracle's price or its refusal, the pool's reserves, the price that values gas),
//! made here by view calls on the fork.

use std::collections::HashMap;

use alloy_primitives::{Address, B256, U256};
use cantilever_oracle_adapter::RejectReason;
use cantilever_planner::MarketState;
use cantilever_planner::book::MarketSnapshot;
use cantilever_planner::strategy::{MarketView, Reserves};
use cantilever_primitives::math::constants::ORACLE_PRICE_SCALE;
use cantilever_primitives::{DeployedMarket, Deployment};

use crate::error::Result;
use crate::views::Views;

/// Which market's oracle values gas for each market (the daemon's rule: the loan token itself when it is the
/// wrapped native token, else a market lending the same token against it).
#[derive(Debug, Clone)]
pub struct GasValuation {
    by_market: Vec<Option<Option<usize>>>,
}

impl GasValuation {
    /// The rule over `deployment` with `native` the wrapped native token.
    pub fn new(deployment: &Deployment, native: Address) -> Self {
        let by_market = deployment
            .markets
            .iter()
            .map(|m| {
                if m.loan_token == native {
                    Some(None)
                } else {
                    deployment
                        .markets
                        .iter()
                        .position(|o| o.collateral_token == native && o.loan_token == m.loan_token)
                        .map(Some)
                }
            })
            .collect();
        Self { by_market }
    }
}

/// Reads every market of `deployment` through `views`.
pub fn read_states(
    views: &Views,
    deployment: &Deployment,
    gas: &GasValuation,
) -> Result<Vec<MarketState>> {
    let mut states = Vec::with_capacity(deployment.markets.len());
    for market in &deployment.markets {
        states.push(read_one(views, deployment, market)?);
    }
    let prices: Vec<Option<U256>> = states.iter().map(MarketState::price).collect();
    for (state, rule) in states.iter_mut().zip(&gas.by_market) {
        state.view.native_price = match rule {
            Some(None) => Some(ORACLE_PRICE_SCALE),
            Some(Some(i)) => prices[*i],
            None => None,
        };
    }
    Ok(states)
}

fn read_one(
    views: &Views,
    deployment: &Deployment,
    market: &DeployedMarket,
) -> Result<MarketState> {
    let totals = views.expected_market(deployment.core, market.params())?;
    let (price, deep_only, price_error) = match views.oracle_price(market.oracle)? {
        Ok((price, deep_only)) => (price, deep_only, None),
        Err(error) => (U256::ZERO, false, Some(RejectReason::Reverted { error })),
    };
    let pool = match deployment.pools.get(&market.id) {
        Some(pair) => {
            let (r0, r1) = views.reserves(*pair)?;
            Some(Reserves::oriented(
                r0,
                r1,
                market.collateral_token < market.loan_token,
            ))
        }
        None => None,
    };
    Ok(MarketState {
        market: market.clone(),
        view: MarketView {
            snapshot: MarketSnapshot {
                total_borrow_assets: U256::from(totals.totalBorrowAssets),
                total_borrow_shares: U256::from(totals.totalBorrowShares),
                price,
            },
            lltv: market.lltv,
            min_debt: U256::from(totals.minDebt),
            pool,
            native_price: None,
            deep_only,
        },
        price_error,
    })
}

/// Index of each market by id.
pub fn market_index(deployment: &Deployment) -> HashMap<B256, usize> {
    deployment
        .markets
        .iter()
        .enumerate()
        .map(|(i, m)| (m.id, i))
        .collect()
}
