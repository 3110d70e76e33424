//! Where to start looking: the borrow-shares-per-collateral ratio above which a position may be
//! liquidatable at a given price, with a margin that makes the search exact.
//!
//! A position is liquidatable when `ceil(s·A'/S') > floor(floor(c·P/1e36)·L/1e18)` (the core's `_isHealthy`,
//! A' = total borrow assets + 1, S' = total borrow shares + 1e6). Writing `d = s·A'/S'` and `m = c·P·L/1e54`
//! (both real), the roundings move each side by less than one unit and the right side by less than two, so
//! liquidatable implies `d > m − 3`. A position with `s/c ≤ T·(1 − ε)`, `T = P·L·S' / (1e54·A')`, has
//! `d ≤ m·(1 − ε)`, which is at most `m − 3` once `m ≥ 3/ε`. So every liquidatable position either has a ratio
//! above `T·(1 − ε)` or a tiny collateral value (`m < 3/ε`); the book checks exactly every position in those two
//! ranges and no other. The other way, a position with `s/c ≥ T·(1 + ε)` has `d ≥ m·(1 + ε) > m`, so it is
//! liquidatable without any check once it is not tiny. The threshold is computed in `f64` (relative error about
//! 1e-15, far inside ε) and turned into exact binary fractions; the small-collateral bound is computed exactly
//! with a factor-2 margin for that error.
//!
//! ε trades the two sets of exact checks: the band `[T·(1 − ε), T·(1 + 2ε))` grows with ε, the tiny positions
//! (value below `6/ε` loan units) shrink with it. At 2^-14 the band is about 2e-4 wide and "tiny" means less than
//! 98,304 loan units (10 cents of a 6-decimal stablecoin), where 2^-20 made every position under 6 dollars tiny,
//! a few percent of a realistic book, each checked on every search.

use alloy_primitives::U256;

use super::ratio::Ratio;
use cantilever_primitives::math::constants::{ORACLE_PRICE_SCALE, WAD};
use cantilever_primitives::math::{VIRTUAL_ASSETS, VIRTUAL_SHARES};

/// ε = 2^-14 (about 6e-5): the relative margin either side of the exact threshold.
const EPSILON_BITS: i32 = 14;

/// The two ranges of positions that may be liquidatable at one price.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SearchBounds {
    /// Positions with a ratio at or above this one.
    pub min_ratio: Ratio,
    /// Positions with a ratio at or above this one (and not tiny) are liquidatable: above `T·(1 + ε)`.
    pub certain_ratio: Ratio,
    /// Positions with at most this much collateral (their value is too small for the ratio bound to be exact).
    pub max_small_collateral: u128,
}

/// The bounds for a market with accrued totals `total_borrow_assets`/`total_borrow_shares`, at `price` (scale
/// 1e36) and liquidation LTV `lltv` (WAD).
pub fn search_bounds(
    total_borrow_assets: U256,
    total_borrow_shares: U256,
    price: U256,
    lltv: U256,
) -> SearchBounds {
    let assets = to_f64(total_borrow_assets.saturating_add(VIRTUAL_ASSETS));
    let shares = to_f64(total_borrow_shares.saturating_add(VIRTUAL_SHARES));
    let scale = to_f64(ORACLE_PRICE_SCALE) * to_f64(WAD);
    let threshold = to_f64(price) * to_f64(lltv) / scale * shares / assets;
    let epsilon = (-(EPSILON_BITS as f64)).exp2();
    SearchBounds {
        min_ratio: exact_fraction(threshold * (1.0 - epsilon)),
        // 2ε up: at least T·(1 + ε) whatever the f64 error.
        certain_ratio: exact_fraction(threshold * (1.0 + 2.0 * epsilon)),
        max_small_collateral: small_collateral_bound(price, lltv),
    }
}

/// Largest collateral `c` with `c·P·L < 6·2^20·1e54` (m < 6/ε: twice the margin, for the f64 error).
fn small_collateral_bound(price: U256, lltv: U256) -> u128 {
    let limit = U256::from(6u64 << EPSILON_BITS) * ORACLE_PRICE_SCALE * WAD;
    match price.checked_mul(lltv) {
        Some(value) if !value.is_zero() => {
            let bound = limit / value;
            u128::try_from(bound).unwrap_or(u128::MAX)
        }
        // A price so large that P·L overflows: every non-zero collateral is worth far more than the margin.
        Some(_) => u128::MAX,
        None => 0,
    }
}

/// A non-negative finite `f64` as the exact fraction it is (mantissa · 2^exponent).
fn exact_fraction(x: f64) -> Ratio {
    if !x.is_finite() {
        return Ratio::INFINITY;
    }
    if x <= 0.0 {
        return Ratio {
            num: U256::ZERO,
            den: U256::from(1),
        };
    }
    let bits = x.to_bits();
    let raw_exponent = ((bits >> 52) & 0x7ff) as i32;
    let fraction = bits & ((1u64 << 52) - 1);
    let (mantissa, exponent) = if raw_exponent == 0 {
        (fraction, -1074)
    } else {
        (fraction | (1u64 << 52), raw_exponent - 1075)
    };
    let mantissa = U256::from(mantissa);
    if exponent >= 0 {
        // x ≥ 2^52: a ratio that large needs more than 200 bits only for absurd prices; saturate to infinity.
        if exponent > 200 {
            return Ratio::INFINITY;
        }
        Ratio {
            num: mantissa << exponent as usize,
            den: U256::from(1),
        }
    } else if -exponent > 255 {
        // Below 2^-203: every position with debt is above it.
        Ratio {
            num: U256::ZERO,
            den: U256::from(1),
        }
    } else {
        Ratio {
            num: mantissa,
            den: U256::from(1) << (-exponent) as usize,
        }
    }
}

/// `x` as the nearest `f64` below or at it (within 2^-52 relative): its top 64 bits, scaled.
fn to_f64(x: U256) -> f64 {
    let bits = x.bit_len();
    if bits <= 64 {
        return x.to::<u64>() as f64;
    }
    let shift = bits - 64;
    ((x >> shift).to::<u64>() as f64) * (shift as f64).exp2()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn fraction_is_exact(x in 1e-40f64..1e40) {
            let r = exact_fraction(x);
            // Rebuild from the fraction with f64 arithmetic on exact powers of two.
            let back = to_f64(r.num) / to_f64(r.den);
            prop_assert_eq!(back, x);
        }

        #[test]
        fn to_f64_is_close(hi in any::<u128>(), lo in any::<u128>()) {
            let x = (U256::from(hi) << 128) | U256::from(lo);
            let f = to_f64(x);
            let exact = format!("{x}").parse::<f64>().unwrap();
            prop_assert!((f - exact).abs() <= exact * 1e-15);
        }
    }
}
