//! Exact fixed-point prices: a `U256` mantissa and a number of decimals, never a float.
//!
//! Sources answer at different scales (Chainlink feeds at 8 or 18 decimals, the protocol's oracles at
//! 36, HTTP feeds at whatever their JSON says). A [`Price`] keeps each exactly as given; comparisons,
//! medians and deviations rescale exactly (or round down, where a rounding direction is named).

use alloy_primitives::ruint::UintTryFrom;
use alloy_primitives::{I256, U256, U512};
use rust_decimal::Decimal;

use crate::scale::{MAX_SCALE_EXPONENT, pow10};

/// Most decimals a [`Price`] carries: `10**77` is the largest power of ten in a `U256`.
pub const MAX_DECIMALS: u8 = MAX_SCALE_EXPONENT as u8;

/// Basis points in one (unitless): 10 000 bps = 100 %.
pub const BPS: u32 = 10_000;

/// A non-negative price `value / 10**decimals`, exact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Price {
    /// The mantissa.
    pub value: U256,
    /// Decimals of the mantissa, at most [`MAX_DECIMALS`].
    pub decimals: u8,
}

impl Price {
    /// `value / 10**decimals`; `None` when `decimals > MAX_DECIMALS`.
    pub fn new(value: U256, decimals: u8) -> Option<Self> {
        (decimals <= MAX_DECIMALS).then_some(Self { value, decimals })
    }

    /// A feed answer as a price; `None` for an answer `<= 0` or too many decimals.
    pub fn from_answer(answer: I256, decimals: u8) -> Option<Self> {
        if answer.is_positive() {
            Self::new(answer.into_raw(), decimals)
        } else {
            None
        }
    }

    /// The same price with `decimals` decimals, rounded down when decimals are dropped; `None` when
    /// the mantissa overflows or `decimals > MAX_DECIMALS`.
    pub fn rescale_down(&self, decimals: u8) -> Option<Self> {
        if decimals > MAX_DECIMALS {
            return None;
        }
        let value = if decimals >= self.decimals {
            self.value
                .checked_mul(pow10(u32::from(decimals - self.decimals))?)?
        } else {
            self.value / pow10(u32::from(self.decimals - decimals))?
        };
        Some(Self { value, decimals })
    }

    /// The human value, exact, or `None` when a [`Decimal`] cannot hold it (at most 28 decimals
    /// and a 96-bit mantissa).
    pub fn to_decimal(&self) -> Option<Decimal> {
        let mantissa = i128::try_from(self.value).ok()?;
        Decimal::try_from_i128_with_scale(mantissa, u32::from(self.decimals)).ok()
    }

    /// Exact comparison across scales (`10**decimals` factors multiplied out on 512 bits).
    pub fn cmp_exact(&self, other: &Self) -> core::cmp::Ordering {
        let (a, b) = self.widened(other);
        a.cmp(&b)
    }

    /// Both mantissas at the larger of the two scales, on 512 bits (never overflows: `2**256 *
    /// 10**77 < 2**512`).
    fn widened(&self, other: &Self) -> (U512, U512) {
        let d = self.decimals.max(other.decimals);
        let widen = |p: &Self| {
            U512::from(p.value) * U512::from(pow10(u32::from(d - p.decimals)).expect("<= 10**77"))
        };
        (widen(self), widen(other))
    }
}

impl core::fmt::Display for Price {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        let digits = self.value.to_string();
        let d = usize::from(self.decimals);
        if d == 0 {
            return f.write_str(&digits);
        }
        let padded = format!("{digits:0>width$}", width = d + 1);
        let (int, frac) = padded.split_at(padded.len() - d);
        let frac = frac.trim_end_matches('0');
        if frac.is_empty() {
            f.write_str(int)
        } else {
            write!(f, "{int}.{frac}")
        }
    }
}

/// The median of `prices` at the largest scale among them, rounded down (the mean of the two middle
/// prices for an even count); `None` for no price or on overflow.
pub fn median(prices: &[Price]) -> Option<Price> {
    let decimals = prices.iter().map(|p| p.decimals).max()?;
    let mut values: Vec<U256> = prices
        .iter()
        .map(|p| p.rescale_down(decimals).map(|p| p.value))
        .collect::<Option<_>>()?;
    values.sort_unstable();
    let n = values.len();
    let value = if n % 2 == 1 {
        values[n / 2]
    } else {
        let (a, b) = (U512::from(values[n / 2 - 1]), U512::from(values[n / 2]));
        U256::uint_try_from((a + b) / U512::from(2)).ok()?
    };
    Price::new(value, decimals)
}

/// The spread of `prices` relative to their `reference`, in basis points rounded up:
/// `ceil((max - min) * 10_000 / reference)`. Rounding up makes a circuit breaker trip on the
/// boundary rather than let a price through. `None` for no price or a zero reference.
pub fn spread_bps(prices: &[Price], reference: &Price) -> Option<U256> {
    let lowest = prices.iter().min_by(|a, b| a.cmp_exact(b))?;
    let highest = prices.iter().max_by(|a, b| a.cmp_exact(b))?;
    // Everything at one common scale, on 512 bits.
    let common = lowest
        .decimals
        .max(highest.decimals)
        .max(reference.decimals);
    let at_common = |p: &Price| {
        U512::from(p.value) * U512::from(pow10(u32::from(common - p.decimals)).expect("<= 10**77"))
    };
    let spread = at_common(highest) - at_common(lowest);
    let reference = at_common(reference);
    if reference.is_zero() {
        return None;
    }
    let bps = spread.checked_mul(U512::from(BPS))?.div_ceil(reference);
    Some(U256::uint_try_from(bps).unwrap_or(U256::MAX))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn p(value: u128, decimals: u8) -> Price {
        Price::new(U256::from(value), decimals).unwrap()
    }

    #[test]
    fn display_and_decimal() {
        assert_eq!(p(300_012_345_678, 8).to_string(), "3000.12345678");
        assert_eq!(p(300_000_000_000, 8).to_string(), "3000");
        assert_eq!(p(5, 3).to_string(), "0.005");
        assert_eq!(p(7, 0).to_string(), "7");
        assert_eq!(
            p(300_012_345_678, 8).to_decimal(),
            Some("3000.12345678".parse().unwrap())
        );
        assert_eq!(p(1, 36).to_decimal(), None, "more than 28 decimals");
    }

    #[test]
    fn rescale() {
        assert_eq!(p(123_456, 3).rescale_down(1), Some(p(1234, 1)));
        assert_eq!(p(12, 1).rescale_down(3), Some(p(1200, 3)));
        assert_eq!(Price::new(U256::MAX, 0).unwrap().rescale_down(1), None);
        assert_eq!(p(1, 0).rescale_down(78), None);
    }

    #[test]
    fn answers() {
        assert_eq!(Price::from_answer(I256::ZERO, 8), None);
        assert_eq!(Price::from_answer(I256::MINUS_ONE, 8), None);
        assert_eq!(Price::from_answer(I256::ONE, 78), None);
        assert_eq!(Price::from_answer(I256::ONE, 8), Some(p(1, 8)));
    }

    #[test]
    fn median_table() {
        assert_eq!(median(&[]), None);
        assert_eq!(median(&[p(5, 0)]), Some(p(5, 0)));
        assert_eq!(median(&[p(3, 0), p(1, 0), p(2, 0)]), Some(p(2, 0)));
        // Mixed scales: 1.0, 2.00, 4 -> 2 at 2 decimals.
        assert_eq!(median(&[p(10, 1), p(200, 2), p(4, 0)]), Some(p(200, 2)));
        // Even count rounds down: (1 + 2) / 2 = 1 at scale 0.
        assert_eq!(median(&[p(1, 0), p(2, 0)]), Some(p(1, 0)));
        let max = Price::new(U256::MAX, 0).unwrap();
        assert_eq!(median(&[max, max]), Some(max), "no overflow in the mean");
    }

    #[test]
    fn spread_table() {
        let r = p(100, 0);
        assert_eq!(
            spread_bps(&[p(100, 0), p(101, 0)], &r),
            Some(U256::from(100))
        );
        assert_eq!(spread_bps(&[p(100, 0)], &r), Some(U256::ZERO));
        // 0.5 bps rounds up to 1.
        assert_eq!(
            spread_bps(&[p(20_000, 2), p(20_001, 2)], &p(200, 0)),
            Some(U256::from(1))
        );
        assert_eq!(spread_bps(&[p(1, 0)], &p(0, 0)), None);
        assert_eq!(spread_bps(&[], &r), None);
    }

    proptest! {
        #[test]
        fn cmp_exact_agrees_with_rescale(a in 0u64.., b in 0u64.., da in 0u8..=18, db in 0u8..=18) {
            let (x, y) = (p(u128::from(a), da), p(u128::from(b), db));
            let d = da.max(db);
            let (xs, ys) = (x.rescale_down(d).unwrap(), y.rescale_down(d).unwrap());
            prop_assert_eq!(x.cmp_exact(&y), xs.value.cmp(&ys.value));
        }

        #[test]
        fn median_is_between_extremes(v in proptest::collection::vec(1u64.., 1..9)) {
            let prices: Vec<Price> = v.iter().map(|&x| p(u128::from(x), 0)).collect();
            let m = median(&prices).unwrap();
            prop_assert!(m.value >= U256::from(*v.iter().min().unwrap()));
            prop_assert!(m.value <= U256::from(*v.iter().max().unwrap()));
        }
    }
}
