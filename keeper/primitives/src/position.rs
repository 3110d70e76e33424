//! The keeper's view of one borrower in one market: the part of the core's `Position` that liquidation
//! cares about. Produced by the position index, consumed by the health book and the strategy.

use alloy_primitives::{Address, B256, U256, keccak256};
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

impl PositionKey {
    /// The core's storage slots of this position, `_position[market][borrower]`: `supplyShares`, then
    /// `borrowShares` and `collateral` packed in one slot. Liquidations read both; the planner prefetches them for
    /// the positions it is about to simulate, so the EVM does not stop for a round trip per position.
    pub fn core_slots(&self) -> [U256; 2] {
        let mut inner = [0u8; 64];
        inner[..32].copy_from_slice(self.market.as_slice());
        inner[32..].copy_from_slice(&U256::from(CORE_POSITIONS_SLOT).to_be_bytes::<32>());
        let mut outer = [0u8; 64];
        outer[12..32].copy_from_slice(self.borrower.as_slice());
        outer[32..].copy_from_slice(keccak256(inner).as_slice());
        let base = U256::from_be_bytes(keccak256(outer).0);
        [base, base + U256::from(1)]
    }
}

/// The slot of the core's `_position` mapping (`Cantilever.sol`: `owner`, `feeRecipient`, `isRateModelEnabled`,
/// `isLltvEnabled`, `isAuthorized`, `_market` before it). Checked against the chain by the e2e tests.
pub const CORE_POSITIONS_SLOT: u64 = 6;

impl Position {
    /// A position with neither debt nor collateral: nothing to watch.
    pub const fn is_empty(&self) -> bool {
        self.borrow_shares == 0 && self.collateral == 0
    }
}
