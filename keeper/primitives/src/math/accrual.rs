//! `Cantilever._accruedMarket`: a market's totals with interest accrued to a timestamp.

use alloy_primitives::U256;

use super::Result;
use super::checked::{sub, to_u128};
use super::fixed::{w_mul_down, w_taylor_compounded};
use super::shares::to_shares_down;
use crate::math::MathError;

/// A market's totals (`Market` in ICantilever.sol), with the contract's packed field widths.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Market {
    /// Loan assets supplied (loan token units).
    pub total_supply_assets: u128,
    /// Supply shares outstanding.
    pub total_supply_shares: u128,
    /// Loan assets borrowed (loan token units).
    pub total_borrow_assets: u128,
    /// Borrow shares outstanding.
    pub total_borrow_shares: u128,
    /// Timestamp of the last accrual (seconds); zero iff the market does not exist.
    pub last_update: u64,
    /// Protocol fee on interest (WAD).
    pub fee: u64,
    /// Dust floor (loan token units).
    pub min_debt: u128,
}

/// The result of an accrual: the new totals, and what the `AccrueInterest` event would report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct AccruedMarket {
    /// The market with interest accrued and `last_update` set to the accrual time.
    pub market: Market,
    /// Borrow rate used (WAD per second); zero when nothing accrued.
    pub rate: U256,
    /// Interest added to both borrow and supply totals (loan token units).
    pub interest: U256,
    /// Supply shares minted to the fee recipient.
    pub fee_shares: U256,
}

/// `market` with interest accrued to `timestamp` (seconds), given the rate model's borrow rate (WAD per
/// second) for the market's current totals, i.e. `borrowRate(totalSupplyAssets, totalBorrowAssets)`. The
/// rate is only used when time passed and something is borrowed, as on-chain, where the model is not
/// even called otherwise.
///
/// Fails where the contract reverts: `timestamp` before `last_update`, or totals leaving `uint128`.
pub fn accrued_market(market: Market, borrow_rate: U256, timestamp: u64) -> Result<AccruedMarket> {
    let mut m = market;
    let elapsed = timestamp
        .checked_sub(m.last_update)
        .ok_or(MathError::Overflow)?;
    if elapsed == 0 || m.total_borrow_assets == 0 {
        m.last_update = timestamp;
        return Ok(AccruedMarket {
            market: m,
            ..AccruedMarket::default()
        });
    }
    let interest = w_mul_down(
        U256::from(m.total_borrow_assets),
        w_taylor_compounded(borrow_rate, U256::from(elapsed))?,
    )?;
    let interest128 = to_u128(interest)?;
    m.total_borrow_assets = m
        .total_borrow_assets
        .checked_add(interest128)
        .ok_or(MathError::Overflow)?;
    m.total_supply_assets = m
        .total_supply_assets
        .checked_add(to_u128(interest)?)
        .ok_or(MathError::Overflow)?;
    let mut fee_shares = U256::ZERO;
    if m.fee != 0 {
        let fee_amount = w_mul_down(interest, U256::from(m.fee))?;
        // Priced as if the fee were supplied after the interest: other suppliers pay for it.
        fee_shares = to_shares_down(
            fee_amount,
            sub(U256::from(m.total_supply_assets), fee_amount)?,
            U256::from(m.total_supply_shares),
        )?;
        m.total_supply_shares = m
            .total_supply_shares
            .checked_add(to_u128(fee_shares)?)
            .ok_or(MathError::Overflow)?;
    }
    m.last_update = timestamp;
    Ok(AccruedMarket {
        market: m,
        rate: borrow_rate,
        interest,
        fee_shares,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::math::constants::WAD;
    use proptest::prelude::*;

    fn market() -> Market {
        Market {
            total_supply_assets: 1_000_000e6 as u128,
            total_supply_shares: 1_000_000e12 as u128,
            total_borrow_assets: 500_000e6 as u128,
            total_borrow_shares: 500_000e12 as u128,
            last_update: 1_000,
            fee: 0,
            min_debt: 10e6 as u128,
        }
    }

    #[test]
    fn nothing_accrues_without_time_or_borrows() {
        let m = market();
        let a = accrued_market(m, U256::from(1_000_000_000u64), 1_000).unwrap();
        assert_eq!(a.market, m);
        assert_eq!((a.rate, a.interest), (U256::ZERO, U256::ZERO));
        let empty = Market {
            total_borrow_assets: 0,
            ..m
        };
        let a = accrued_market(empty, U256::from(1_000_000_000u64), 2_000).unwrap();
        assert_eq!(
            a.market,
            Market {
                last_update: 2_000,
                ..empty
            }
        );
        assert_eq!(a.rate, U256::ZERO);
    }

    #[test]
    fn time_going_backwards_reverts() {
        assert_eq!(
            accrued_market(market(), U256::ZERO, 999),
            Err(MathError::Overflow)
        );
    }

    #[test]
    fn interest_and_fee() {
        // 10% per second for 1 second on 500k: 0.1 + 0.005 + 0.000166... = 10.5166...%.
        let m = Market {
            fee: (WAD / U256::from(10)).to::<u64>(),
            ..market()
        };
        let a = accrued_market(m, WAD / U256::from(10), 1_001).unwrap();
        assert_eq!(a.interest, U256::from(52_583_333_333u64));
        assert_eq!(
            a.market.total_borrow_assets,
            500_000e6 as u128 + 52_583_333_333
        );
        assert_eq!(
            a.market.total_supply_assets,
            1_000_000e6 as u128 + 52_583_333_333
        );
        // Fee 10% of the interest, priced against supply without it.
        let fee_amount = U256::from(5_258_333_333u64);
        let expected = to_shares_down(
            fee_amount,
            U256::from(a.market.total_supply_assets) - fee_amount,
            U256::from(m.total_supply_shares),
        )
        .unwrap();
        assert_eq!(a.fee_shares, expected);
        assert_eq!(
            U256::from(a.market.total_supply_shares),
            U256::from(m.total_supply_shares) + expected
        );
        assert_eq!(a.market.last_update, 1_001);
    }

    #[test]
    fn totals_leaving_uint128_revert() {
        let m = Market {
            total_borrow_assets: u128::MAX / 2,
            total_supply_assets: u128::MAX / 2,
            ..market()
        };
        // e^(1e18 * 1 s) - 1 is huge: the interest does not fit the totals.
        assert!(accrued_market(m, WAD, 1_001).is_err());
    }

    proptest! {
        #[test]
        fn accrual_only_grows_totals_and_never_panics(
            supply in any::<u128>(), borrow in any::<u128>(), shares in any::<u128>(),
            rate in 0u64..=1_000_000_000_000u64, elapsed in 0u64..=10 * 365 * 86_400, fee in 0u64..=250_000_000_000_000_000,
        ) {
            let m = Market {
                total_supply_assets: supply,
                total_supply_shares: shares,
                total_borrow_assets: borrow,
                total_borrow_shares: shares,
                last_update: 1,
                fee,
                min_debt: 0,
            };
            if let Ok(a) = accrued_market(m, U256::from(rate), 1 + elapsed) {
                prop_assert!(a.market.total_borrow_assets >= borrow);
                prop_assert!(a.market.total_supply_assets >= supply);
                prop_assert_eq!(U256::from(a.market.total_borrow_assets - borrow), a.interest);
            }
        }
    }
}
