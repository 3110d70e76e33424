//! A market's state at one block, as the planner takes it, and where drivers get it from: the daemon reads
//! the node, the backtest reads a fork whose state it overrides.

use std::future::Future;

use alloy_primitives::U256;
use cantilever_oracle_adapter::{BlockRef, RejectReason};
use cantilever_primitives::DeployedMarket;

use crate::strategy::MarketView;

/// A market's state at one block, or why its price could not be used.
#[derive(Debug, Clone)]
pub struct MarketState {
    /// The market.
    pub market: DeployedMarket,
    /// What the strategy needs (zero price when the oracle refused).
    pub view: MarketView,
    /// The oracle's refusal, if it refused (the market's candidates are skipped: the core would revert).
    pub price_error: Option<RejectReason>,
}

impl MarketState {
    /// The oracle price, when it was usable.
    pub fn price(&self) -> Option<U256> {
        self.price_error
            .is_none()
            .then_some(self.view.snapshot.price)
    }
}

/// Where market states come from: one implementation per driver of the planner.
pub trait MarketSource {
    /// Why the markets could not be read at all (a single market's bad price is a [`MarketState`], not this).
    type Error: std::error::Error + Send + Sync + 'static;

    /// Every followed market at `block`, plus any market whose oracle values gas for a followed one.
    fn read(
        &self,
        block: BlockRef,
    ) -> impl Future<Output = Result<Vec<MarketState>, Self::Error>> + Send;
}
