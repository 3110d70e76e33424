//! The health engine: every position with debt, per market, ordered by liquidation price, so a price update
//! yields the newly liquidatable positions without scanning everybody. The answers are exact: the same as
//! checking each position with the core's own math (`cantilever_primitives::math`), which the tests verify against a scan.
//!
//! - [`ratio`]: the exact ordering key (borrow shares per collateral unit).
//! - [`threshold`]: where a price puts the liquidation boundary, with the margin that keeps the search exact.
//! - `sorted`: the ratio order's layout, sorted arrays (compact `u64` keys binary-searched, exact check on ties only)
//!   plus a small delta.
//! - [`market`]: one market's [`MarketBook`].

pub mod market;
pub mod ratio;
mod sorted;
pub mod threshold;

use std::collections::HashMap;

use alloy_primitives::{B256, U256};

pub use market::{Liquidatable, MarketBook, MarketSnapshot};

use cantilever_primitives::deployment::Deployment;
use cantilever_primitives::position::{Position, PositionKey};

/// The positions of every followed market.
#[derive(Debug, Clone, Default)]
pub struct HealthBook {
    markets: HashMap<B256, MarketBook>,
}

impl HealthBook {
    /// An empty book following every market of `deployment`.
    pub fn for_deployment(deployment: &Deployment) -> Self {
        let mut book = Self::default();
        for market in &deployment.markets {
            book.add_market(market.id, market.lltv);
        }
        book
    }

    /// Follows a market (no-op when already followed).
    pub fn add_market(&mut self, id: B256, lltv: U256) {
        self.markets
            .entry(id)
            .or_insert_with(|| MarketBook::new(lltv));
    }

    /// One market's book.
    pub fn market(&self, id: &B256) -> Option<&MarketBook> {
        self.markets.get(id)
    }

    /// The followed markets' ids.
    pub fn market_ids(&self) -> impl Iterator<Item = B256> + '_ {
        self.markets.keys().copied()
    }

    /// Records a position's new state; returns false (and ignores it) for a market that is not followed.
    pub fn upsert(&mut self, key: PositionKey, position: Position) -> bool {
        match self.markets.get_mut(&key.market) {
            Some(book) => {
                book.upsert(key.borrower, position);
                true
            }
            None => false,
        }
    }

    /// Positions with debt, over all markets.
    pub fn len(&self) -> usize {
        self.markets.values().map(MarketBook::len).sum()
    }

    /// No position with debt anywhere.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[cfg(test)]
mod tests;
