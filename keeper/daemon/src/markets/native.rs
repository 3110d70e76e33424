//! The price that values gas in a loan token, and what the keeper does when no oracle gives it at a block.
//!
//! Gas is paid in the native token and profit in the loan token, so the strategy needs the native token's
//! price in the loan token. It comes from a market lending that token against the wrapped native token (for
//! USDC loans, a WETH/USDC market), or is one for one when the loan token is the wrapped native token. Those
//! are other markets' oracles: a stale or zero WETH/USD feed must not stop the liquidations of WBTC/USDC,
//! whose own oracle is fine. So the last good price of each loan token is kept and, while no oracle gives a
//! fresh one, used marked up by [`STALE_MARGIN_BPS`].

use std::collections::{HashMap, HashSet};

use alloy::primitives::{Address, U256};

/// How much the last good native price is raised while no oracle gives a fresh one (bps: 20%).
///
/// Why upwards, and why 20%: the native price converts gas (wei) into loan units. A higher price makes every
/// gas cost larger in loan units (the strategy skips more), every fee budget smaller in wei (the executor bids
/// less) and the executor's `minProfit` guard higher (the transaction reverts rather than earn less than it):
/// over-valuing gas can only make the keeper skip a marginal liquidation. Under-valuing it could make a
/// liquidation pay less than its gas. 20% covers the native token rising by a fifth against the loan token
/// while its feed is out; a larger move in an outage is rare, and even then the loss is bounded by the price
/// error times one liquidation's gas (the guard still holds the profit above the gas as valued). Every
/// conversion rounds gas costs up ([`marked_up`] rounds the price up too).
pub const STALE_MARGIN_BPS: u64 = 2_000;

/// `price` raised by [`STALE_MARGIN_BPS`], rounded up.
pub fn marked_up(price: U256) -> U256 {
    (price.saturating_mul(U256::from(10_000 + STALE_MARGIN_BPS))).div_ceil(U256::from(10_000u64))
}

/// Where gas valuation stands for one loan token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Valuation {
    /// An oracle gave a price at this block.
    Fresh,
    /// None did: the last good price (seen at `since_block`), marked up.
    LastGood {
        /// The block the last good price was read at.
        since_block: u64,
    },
    /// None did and none ever has: gas cannot be valued, the loan token's liquidations are skipped.
    Unknown,
}

/// The last good native price of each loan token, and whether the keeper is running on it.
#[derive(Debug, Default)]
pub(super) struct NativeMemory {
    last: HashMap<Address, (U256, u64)>,
    /// Loan tokens currently valued through the last good price (or not at all): logged on each change only.
    degraded: HashSet<Address>,
}

impl NativeMemory {
    /// The native price to value `loan`'s gas with at `block`, given the highest `fresh` price an oracle gave
    /// (none: every source failed). A fresh price is remembered and used as it is; without one, the last good
    /// price marked up. Logs once when a loan token's valuation degrades and once when it recovers.
    pub(super) fn price(&mut self, loan: Address, fresh: Option<U256>, block: u64) -> Option<U256> {
        let (price, valuation) = match fresh {
            Some(price) => {
                self.last.insert(loan, (price, block));
                (Some(price), Valuation::Fresh)
            }
            None => match self.last.get(&loan) {
                Some(&(last, since_block)) => {
                    (Some(marked_up(last)), Valuation::LastGood { since_block })
                }
                None => (None, Valuation::Unknown),
            },
        };
        self.log_change(loan, valuation, block);
        price
    }

    fn log_change(&mut self, loan: Address, valuation: Valuation, block: u64) {
        const T: &str = "cantilever::markets";
        let was_degraded = self.degraded.contains(&loan);
        match valuation {
            Valuation::Fresh if was_degraded => {
                self.degraded.remove(&loan);
                tracing::info!(target: T, %loan, block, "an oracle prices the native token again: gas valued at the fresh price");
            }
            Valuation::Fresh => {}
            Valuation::LastGood { since_block } if !was_degraded => {
                self.degraded.insert(loan);
                tracing::warn!(
                    target: T, %loan, block, since_block, margin_bps = STALE_MARGIN_BPS,
                    "no oracle prices the native token in this loan token: gas valued at the last good price, marked up"
                );
            }
            Valuation::Unknown if !was_degraded => {
                self.degraded.insert(loan);
                tracing::warn!(target: T, %loan, block, "no oracle prices the native token in this loan token and none ever did: its liquidations are skipped (no_gas_price)");
            }
            Valuation::LastGood { .. } | Valuation::Unknown => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use cantilever_primitives::math::constants::ORACLE_PRICE_SCALE;

    #[test]
    fn the_last_good_price_marked_up_stands_in_for_a_failed_oracle() {
        let (usdc, wbtc) = (Address::repeat_byte(1), Address::repeat_byte(3));
        let mut memory = NativeMemory::default();
        // 1 ETH = 3000 USDC: 3000e6 units per 1e18 wei, at scale 1e36.
        let price =
            U256::from(3_000u64) * ORACLE_PRICE_SCALE / U256::from(10u64).pow(U256::from(12));
        assert_eq!(memory.price(usdc, Some(price), 10), Some(price));
        // The oracle fails: the last good price, 20% higher (over-valuing gas only makes us skip).
        let stale = memory.price(usdc, None, 11).unwrap();
        assert_eq!(stale, price * U256::from(12u64) / U256::from(10u64));
        assert!(stale > price);
        // Still failing blocks later: the same, not compounded.
        assert_eq!(memory.price(usdc, None, 50), Some(stale));
        // Another loan token never priced: nothing to fall back on.
        assert_eq!(memory.price(wbtc, None, 50), None);
        // The oracle is back: its price, as it is.
        let moved = price / U256::from(2u64);
        assert_eq!(memory.price(usdc, Some(moved), 51), Some(moved));
        assert_eq!(
            memory.price(usdc, None, 52),
            Some(marked_up(moved)),
            "the newest good price is the one kept"
        );
    }

    #[test]
    fn the_mark_up_rounds_up() {
        assert_eq!(marked_up(U256::from(1u64)), U256::from(2u64));
        assert_eq!(marked_up(U256::from(10u64)), U256::from(12u64));
        assert_eq!(marked_up(U256::from(11u64)), U256::from(14u64)); // 13.2 rounds up
        assert_eq!(marked_up(U256::ZERO), U256::ZERO);
    }
}
