//! Exact ordering of positions by how deep in debt they are per unit of collateral.
//!
//! Within a market every borrower pays the same interest per share and is valued at the same price, so
//! `borrow_shares / collateral` orders positions exactly as their liquidation prices do, and that order
//! never changes as interest accrues or prices move. Keys are compared by cross-multiplication: no division,
//! no rounding, no floats.

use std::cmp::Ordering;

use alloy_primitives::{U256, U512};

/// `num / den`, with `den == 0` meaning +infinity (debt and no collateral) when `num > 0`.
#[derive(Debug, Clone, Copy)]
pub struct Ratio {
    /// Numerator: borrow shares.
    pub num: U256,
    /// Denominator: collateral units.
    pub den: U256,
}

impl Ratio {
    /// A position's key: borrow shares over collateral.
    pub fn of(borrow_shares: u128, collateral: u128) -> Self {
        Self {
            num: U256::from(borrow_shares),
            den: U256::from(collateral),
        }
    }

    /// Larger than every position's ratio.
    pub const INFINITY: Self = Self {
        num: U256::from_limbs([1, 0, 0, 0]),
        den: U256::ZERO,
    };
}

impl PartialEq for Ratio {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Ratio {}

impl PartialOrd for Ratio {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Ratio {
    fn cmp(&self, other: &Self) -> Ordering {
        // a/b vs c/d  <=>  a*d vs c*b, in 512 bits so 256-bit thresholds never overflow. With b == 0 (and a > 0)
        // the left side is a*d >= c*0 = 0: infinity compares greater than every finite ratio and equal to itself.
        let left = U512::from(self.num) * U512::from(other.den);
        let right = U512::from(other.num) * U512::from(self.den);
        left.cmp(&right)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn infinity_is_above_everything_finite() {
        assert!(Ratio::of(1, 0) > Ratio::of(u128::MAX, 1));
        assert_eq!(Ratio::of(5, 0), Ratio::INFINITY);
        assert!(Ratio::of(0, 1) < Ratio::of(1, u128::MAX));
    }

    proptest! {
        #[test]
        fn agrees_with_exact_fractions(a in 1u128..u128::MAX, b in 1u128..u128::MAX, c in 1u128..u128::MAX, d in 1u128..u128::MAX) {
            let expected = (U256::from(a) * U256::from(d)).cmp(&(U256::from(c) * U256::from(b)));
            prop_assert_eq!(Ratio::of(a, b).cmp(&Ratio::of(c, d)), expected);
        }
    }
}
