//! The keeper's view of one borrower in one market: the part of the core's `Position` that liquidation
//! cares about. Produced by the position index, consumed by the health book and the strategy.

use alloy_primitives::{Address, B256};
use serde::{Deserialize, Serialize};

/// Which position: a market id and a borrower.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct PositionKey {
    /// The market id (hash of its parameters).
    pub market: B256,
    /// The borrower.
    pub borrower: Address,
}

/// A borrower's debt and collateral in one market, as the core stores them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Position {
    /// Borrow shares (the core's `uint128 borrowShares`).
    pub borrow_shares: u128,
    /// Collateral in collateral-token units (the core's `uint128 collateral`).
    pub collateral: u128,
}

impl Position {
    /// A position with neither debt nor collateral: nothing to watch.
    pub const fn is_empty(&self) -> bool {
        self.borrow_shares == 0 && self.collateral == 0
    }
}
