//! A position's health: `Cantilever._isHealthy` and the `CantileverLens.positions` view.

use alloy_primitives::U256;

use super::constants::ORACLE_PRICE_SCALE;
use super::fixed::{mul_div_down, mul_div_up, w_div_down, w_div_up, w_mul_down};
use super::shares::to_assets_up;
use super::{MathError, Result};

/// `Cantilever._isHealthy`: debt (rounded up) at most collateral value times LLTV (rounded down). Without
/// debt the position is healthy whatever the price; with debt a zero price reverts (`ZeroPrice`).
pub fn is_healthy(
    borrow_shares: U256,
    collateral: U256,
    total_borrow_assets: U256,
    total_borrow_shares: U256,
    price: U256,
    lltv: U256,
) -> Result<bool> {
    if borrow_shares.is_zero() {
        return Ok(true);
    }
    if price.is_zero() {
        return Err(MathError::ZeroPrice);
    }
    let debt = to_assets_up(borrow_shares, total_borrow_assets, total_borrow_shares)?;
    let max_debt = w_mul_down(mul_div_down(collateral, price, ORACLE_PRICE_SCALE)?, lltv)?;
    Ok(debt <= max_debt)
}

/// One position's health as `CantileverLens` reports it (its `PositionHealth`, less the identifiers).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct PositionHealth {
    /// Debt in loan token units, rounded up.
    pub debt: U256,
    /// Oracle price used (scale 1e36); zero when the price is unavailable.
    pub price: U256,
    /// `collateral * price / 1e36 * LLTV`, rounded down: the most debt that is healthy.
    pub max_debt: U256,
    /// `max_debt / debt` (WAD), rounded down; `U256::MAX` without debt; zero without a price.
    pub health_factor: U256,
    /// Lowest price (scale 1e36) at which the position is healthy, rounded up; zero without debt,
    /// `U256::MAX` with debt and no collateral. Does not depend on the price.
    pub liquidation_price: U256,
    /// Debt above `max_debt` (never true without a price: the core would refuse to liquidate).
    pub liquidatable: bool,
    /// False when the oracle reverted or returned zero.
    pub price_ok: bool,
}

/// `CantileverLens._health` for a position of a market already accrued to the block. `price` is the
/// oracle's answer, `None` when it reverted (a zero answer counts as unavailable too, as in the lens).
pub fn position_health(
    borrow_shares: U256,
    collateral: U256,
    total_borrow_assets: U256,
    total_borrow_shares: U256,
    price: Option<U256>,
    lltv: U256,
) -> Result<PositionHealth> {
    let mut h = PositionHealth {
        debt: to_assets_up(borrow_shares, total_borrow_assets, total_borrow_shares)?,
        ..PositionHealth::default()
    };
    if !h.debt.is_zero() {
        h.liquidation_price = if collateral.is_zero() {
            U256::MAX
        } else {
            mul_div_up(w_div_up(h.debt, lltv)?, ORACLE_PRICE_SCALE, collateral)?
        };
    }
    let price = match price {
        Some(p) if !p.is_zero() => p,
        _ => return Ok(h),
    };
    h.price_ok = true;
    h.price = price;
    h.max_debt = w_mul_down(mul_div_down(collateral, price, ORACLE_PRICE_SCALE)?, lltv)?;
    h.health_factor = if h.debt.is_zero() {
        U256::MAX
    } else {
        w_div_down(h.max_debt, h.debt)?
    };
    h.liquidatable = h.debt > h.max_debt;
    Ok(h)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::math::constants::WAD;
    use proptest::prelude::*;

    fn u(x: u128) -> U256 {
        U256::from(x)
    }

    /// 1 WETH (18 dp) at 3000 USDC (6 dp): price = 3000e6 * 1e36 / 1e18.
    fn weth_price(usd: u128) -> U256 {
        u(usd) * u(1_000_000) * ORACLE_PRICE_SCALE / WAD
    }

    #[test]
    fn weth_usdc_example() {
        let lltv = u(860_000_000_000_000_000);
        // 1 WETH, 2000 USDC of debt (shares at the initial 1e6 per asset).
        let (shares, collateral) = (u(2_000e6 as u128) * u(1_000_000), WAD);
        let (tba, tbs) = (u(2_000e6 as u128), u(2_000e6 as u128) * u(1_000_000));
        let h =
            position_health(shares, collateral, tba, tbs, Some(weth_price(3_000)), lltv).unwrap();
        assert_eq!(h.debt, u(2_000e6 as u128));
        assert_eq!(h.max_debt, u(2_580e6 as u128));
        assert_eq!(h.health_factor, u(1_290_000_000_000_000_000));
        assert!(!h.liquidatable && h.price_ok);
        // 2000 / 0.86 = 2325.581395... USDC per WETH, rounded up at each step.
        let expected = mul_div_up(
            w_div_up(u(2_000e6 as u128), lltv).unwrap(),
            ORACLE_PRICE_SCALE,
            WAD,
        )
        .unwrap();
        assert_eq!(h.liquidation_price, expected);
        assert!(is_healthy(shares, collateral, tba, tbs, h.liquidation_price, lltv).unwrap());
        assert!(
            !is_healthy(
                shares,
                collateral,
                tba,
                tbs,
                h.liquidation_price - weth_price(1),
                lltv
            )
            .unwrap()
        );
        let crashed =
            position_health(shares, collateral, tba, tbs, Some(weth_price(2_000)), lltv).unwrap();
        assert!(crashed.liquidatable);
        assert!(!is_healthy(shares, collateral, tba, tbs, weth_price(2_000), lltv).unwrap());
    }

    #[test]
    fn edge_cases() {
        let lltv = u(860_000_000_000_000_000);
        let no_debt = position_health(U256::ZERO, WAD, u(1), u(1), Some(u(1)), lltv).unwrap();
        assert_eq!(
            (no_debt.health_factor, no_debt.liquidation_price),
            (U256::MAX, U256::ZERO)
        );
        let no_collateral = position_health(
            u(1_000_000),
            U256::ZERO,
            u(1),
            u(1_000_000),
            Some(u(1)),
            lltv,
        )
        .unwrap();
        assert_eq!(no_collateral.liquidation_price, U256::MAX);
        assert!(no_collateral.liquidatable);
        let no_price = position_health(u(1_000_000), WAD, u(1), u(1_000_000), None, lltv).unwrap();
        assert!(!no_price.price_ok && !no_price.liquidatable);
        assert_eq!(
            no_price,
            position_health(
                u(1_000_000),
                WAD,
                u(1),
                u(1_000_000),
                Some(U256::ZERO),
                lltv
            )
            .unwrap()
        );
        assert_eq!(
            is_healthy(u(1), WAD, u(1), u(1), U256::ZERO, lltv),
            Err(MathError::ZeroPrice)
        );
        assert_eq!(
            is_healthy(U256::ZERO, WAD, u(1), u(1), U256::ZERO, lltv),
            Ok(true)
        );
    }

    proptest! {
        #[test]
        fn liquidation_price_is_the_threshold(
            debt in 1u64.., collateral in 1u64.., lltv_bps in 1u64..10_000,
        ) {
            // Shares at the initial price, so the debt is exactly `debt`.
            let (tba, tbs) = (u(debt.into()), u(debt.into()) * u(1_000_000));
            let lltv = u(lltv_bps.into()) * WAD / u(10_000);
            let h = position_health(tbs, u(collateral.into()), tba, tbs, None, lltv).unwrap();
            let lp = h.liquidation_price;
            // Rounded up: healthy at the liquidation price; just below it, not healthy.
            prop_assert!(is_healthy(tbs, u(collateral.into()), tba, tbs, lp, lltv).unwrap());
            let h_at = position_health(tbs, u(collateral.into()), tba, tbs, Some(lp), lltv).unwrap();
            prop_assert!(!h_at.liquidatable);
            prop_assert_eq!(h_at.health_factor >= WAD, !h_at.liquidatable);
        }
    }
}
