//! Conversion between the contracts' 1e36-scaled prices and human prices.
//!
//! An on-chain price `p` values one smallest unit of the base token at `p / 1e36` smallest units
//! of the quote token, so one whole base token is worth
//! `human = p * 10**(baseDecimals - quoteDecimals - 36)` whole quote tokens (3000e24 for WETH/USDC
//! is 3000 USDC per WETH). Human prices are for people (configuration, logs, reports); the keeper
//! computes with the integer price.
//!
//! A [`Decimal`] holds a 96-bit mantissa and at most 28 fractional digits, so not every price is
//! representable: [`to_human_exact`] refuses those, [`to_human_down`] truncates the digits that do
//! not fit. [`from_human_down`] rounds down to the contracts' integer scale.

use alloy_primitives::U256;
use rust_decimal::Decimal;

use crate::error::{Error, Result};
use crate::scale::{PRICE_SCALE_DECIMALS, pow10};

/// Largest mantissa of a [`Decimal`]: `2**96 - 1`.
const MAX_MANTISSA: u128 = (1 << 96) - 1;

/// Largest number of fractional digits of a [`Decimal`].
const MAX_SCALE: u32 = 28;

/// The human price of a 1e36-scaled `price`, exactly, or [`Error::NotRepresentable`] when a
/// [`Decimal`] cannot hold it.
pub fn to_human_exact(
    price: U256,
    base_token_decimals: u8,
    quote_token_decimals: u8,
) -> Result<Decimal> {
    match to_human(price, base_token_decimals, quote_token_decimals)? {
        (human, true) => Ok(human),
        (_, false) => Err(Error::NotRepresentable { price }),
    }
}

/// The human price of a 1e36-scaled `price`, exact where representable, otherwise rounded down
/// (truncated) to the digits a [`Decimal`] holds. [`Error::NotRepresentable`] only when the price
/// is too large for a [`Decimal`] (above about 7.9e28).
pub fn to_human_down(
    price: U256,
    base_token_decimals: u8,
    quote_token_decimals: u8,
) -> Result<Decimal> {
    to_human(price, base_token_decimals, quote_token_decimals).map(|(human, _)| human)
}

/// The 1e36-scaled price of a human price, rounded down: `floor(human * 10**(36 + quoteDecimals -
/// baseDecimals))`. Exact whenever the human price has no more fractional digits than the scale
/// keeps. [`Error::NegativeHumanPrice`] for a negative price, [`Error::PriceOverflow`] when the
/// result exceeds `U256::MAX`.
pub fn from_human_down(
    human: Decimal,
    base_token_decimals: u8,
    quote_token_decimals: u8,
) -> Result<U256> {
    if human.is_sign_negative() && !human.is_zero() {
        return Err(Error::NegativeHumanPrice(human));
    }
    let mantissa = U256::from(human.mantissa().unsigned_abs());
    let exponent = i64::from(PRICE_SCALE_DECIMALS) + i64::from(quote_token_decimals)
        - i64::from(base_token_decimals)
        - i64::from(human.scale());
    let magnitude = u32::try_from(exponent.unsigned_abs()).expect("|exponent| <= 283");
    if exponent >= 0 {
        if mantissa.is_zero() {
            return Ok(U256::ZERO);
        }
        pow10(magnitude)
            .and_then(|p| mantissa.checked_mul(p))
            .ok_or(Error::PriceOverflow)
    } else {
        // A divisor above U256::MAX exceeds the mantissa (< 2**96): the floor is 0.
        Ok(pow10(magnitude).map_or(U256::ZERO, |p| mantissa / p))
    }
}

/// The human price truncated to what a [`Decimal`] holds, and whether that is exact.
fn to_human(
    price: U256,
    base_token_decimals: u8,
    quote_token_decimals: u8,
) -> Result<(Decimal, bool)> {
    if price.is_zero() {
        return Ok((Decimal::ZERO, true));
    }
    let ten = U256::from(10);
    // human = mantissa * 10**exponent.
    let mut mantissa = price;
    let mut exponent = i32::from(base_token_decimals)
        - i32::from(quote_token_decimals)
        - i32::from(PRICE_SCALE_DECIMALS);
    // Strip trailing zeros first: afterwards the last digit is non-zero, so any further division
    // loses information and the result is exact iff no division is needed.
    while (mantissa % ten).is_zero() {
        mantissa /= ten;
        exponent += 1;
    }
    let too_large = || Error::NotRepresentable { price };
    if exponent >= 0 {
        let magnitude = exponent.unsigned_abs();
        let value = pow10(magnitude)
            .and_then(|p| mantissa.checked_mul(p))
            .ok_or_else(too_large)?;
        let value = u128::try_from(value)
            .ok()
            .filter(|v| *v <= MAX_MANTISSA)
            .ok_or_else(too_large)?;
        return Ok((decimal(value, 0), true));
    }
    let mut scale = exponent.unsigned_abs();
    let mut exact = true;
    if scale > MAX_SCALE {
        // A divisor above U256::MAX exceeds the mantissa: the truncation is 0.
        mantissa = pow10(scale - MAX_SCALE).map_or(U256::ZERO, |p| mantissa / p);
        scale = MAX_SCALE;
        exact = false;
    }
    while mantissa > U256::from(MAX_MANTISSA) {
        if scale == 0 {
            return Err(too_large());
        }
        mantissa /= ten;
        scale -= 1;
        exact = false;
    }
    let value = u128::try_from(mantissa).expect("mantissa <= 2**96 - 1");
    Ok((decimal(value, scale), exact))
}

fn decimal(mantissa: u128, scale: u32) -> Decimal {
    let mantissa = i128::try_from(mantissa).expect("mantissa <= 2**96 - 1");
    Decimal::from_i128_with_scale(mantissa, scale)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    fn u(s: &str) -> U256 {
        s.parse().unwrap()
    }

    /// (name, on-chain price, base decimals, quote decimals, human price): exact both ways.
    #[test]
    fn exact_table() {
        let cases: &[(&str, &str, u8, u8, &str)] = &[
            ("WETH/USDC", "3000000000000000000000000000", 18, 6, "3000"),
            (
                "WETH/USDC below peg",
                "3000300030003000300030003000",
                18,
                6,
                "3000.300030003000300030003",
            ),
            (
                "WBTC/USDC",
                "600000000000000000000000000000000000000",
                8,
                6,
                "60000",
            ),
            (
                "WBTC/DAI",
                "600000000000000000000000000000000000000000000000000",
                8,
                18,
                "60000",
            ),
            (
                "WBTC/WETH",
                "200000000000000000000000000000000000000000000000",
                8,
                18,
                "20",
            ),
            (
                "one wei of price, WETH/USDC",
                "1",
                18,
                6,
                "0.000000000000000000000001",
            ),
            (
                "same decimals, 1:1",
                "1000000000000000000000000000000000000",
                18,
                18,
                "1",
            ),
            ("zero", "0", 18, 6, "0"),
        ];
        for (name, price, base, quote, human) in cases {
            assert_eq!(
                to_human_exact(u(price), *base, *quote),
                Ok(d(human)),
                "{name}: to human"
            );
            assert_eq!(
                to_human_down(u(price), *base, *quote),
                Ok(d(human)),
                "{name}: to human down"
            );
            assert_eq!(
                from_human_down(d(human), *base, *quote),
                Ok(u(price)),
                "{name}: from human"
            );
        }
    }

    #[test]
    fn too_many_digits_truncates() {
        // 3e63 * 10**(0 - 18 - 36) = 3e9 + 3e-9 + ...: 3000000000.000000003000000000000000003
        // needs 37 significant digits; a Decimal keeps 28 of them.
        let price = u("3000000000000000003000000000000000003000000000000000003000000000");
        assert_eq!(
            to_human_exact(price, 0, 18),
            Err(Error::NotRepresentable { price })
        );
        let down = to_human_down(price, 0, 18).unwrap();
        assert_eq!(down, d("3000000000.000000003000000000"));
        assert!(from_human_down(down, 0, 18).unwrap() < price);
    }

    #[test]
    fn too_small_truncates_to_zero() {
        // 1 * 10**(0 - 18 - 36) = 1e-54: below a Decimal's 28 fractional digits.
        let price = U256::from(1);
        assert_eq!(
            to_human_exact(price, 0, 18),
            Err(Error::NotRepresentable { price })
        );
        assert_eq!(to_human_down(price, 0, 18), Ok(Decimal::ZERO));
    }

    #[test]
    fn too_large_is_an_error() {
        assert_eq!(
            to_human_down(U256::MAX, 18, 0),
            Err(Error::NotRepresentable { price: U256::MAX })
        );
        // 1e36 * 10**(255 - 0 - 36): far past U256 before any Decimal limit.
        let one = u("1000000000000000000000000000000000000");
        assert_eq!(
            to_human_down(one, 255, 0),
            Err(Error::NotRepresentable { price: one })
        );
        assert_eq!(
            from_human_down(Decimal::MAX, 0, 255),
            Err(Error::PriceOverflow)
        );
        assert_eq!(from_human_down(Decimal::ZERO, 0, 255), Ok(U256::ZERO));
    }

    #[test]
    fn from_human_rounds_down() {
        // 36 + 6 - 18 = 24 digits kept: the 28-digit third loses its last four.
        assert_eq!(
            from_human_down(d("0.3333333333333333333333333333"), 18, 6),
            Ok(u("333333333333333333333333"))
        );
        // 36 + 0 - 255 < -28: every digit dropped.
        assert_eq!(from_human_down(d("123.456"), 255, 0), Ok(U256::ZERO));
        assert_eq!(from_human_down(d("-0"), 18, 6), Ok(U256::ZERO));
        assert_eq!(
            from_human_down(d("-1.5"), 18, 6),
            Err(Error::NegativeHumanPrice(d("-1.5")))
        );
    }

    fn decimal_strategy() -> impl Strategy<Value = Decimal> {
        (0..=MAX_MANTISSA, 0..=MAX_SCALE).prop_map(|(m, s)| decimal(m, s))
    }

    proptest! {
        /// An exactly representable price comes back unchanged.
        #[test]
        fn exact_round_trip(
            price in any::<[u64; 4]>(), base in 0u8..=36, quote in 0u8..=36, shift in 0u32..=77,
        ) {
            // Spread prices over all magnitudes.
            let price = U256::from_limbs(price) >> (shift * 3);
            if let Ok(human) = to_human_exact(price, base, quote) {
                prop_assert_eq!(from_human_down(human, base, quote)?, price);
            }
        }

        /// Truncating never rounds up, and truncation is monotone.
        #[test]
        fn down_never_exceeds(a in any::<u128>(), b in any::<u128>(), base in 0u8..=36, quote in 0u8..=36) {
            let (low, high) = (U256::from(a.min(b)), U256::from(a.max(b)));
            let (h_low, h_high) = (to_human_down(low, base, quote), to_human_down(high, base, quote));
            if let (Ok(h_low), Ok(h_high)) = (h_low, h_high) {
                prop_assert!(h_low <= h_high);
                prop_assert!(from_human_down(h_low, base, quote)? <= low);
            }
        }

        /// Where the scale keeps every digit, a human price survives the trip to chain and back.
        #[test]
        fn human_round_trip(human in decimal_strategy(), base in 0u8..=18, quote in 0u8..=18) {
            let price = match from_human_down(human, base, quote) {
                Ok(price) => price,
                // Only a price past U256::MAX may fail.
                Err(e) => {
                    prop_assert_eq!(e, Error::PriceOverflow);
                    prop_assert!(36 + u32::from(quote) > u32::from(base) + human.scale() + 40);
                    return Ok(());
                }
            };
            if 36 + u32::from(quote) >= u32::from(base) + human.scale() {
                prop_assert_eq!(to_human_exact(price, base, quote)?, human);
            } else {
                prop_assert!(to_human_down(price, base, quote)? <= human);
            }
        }
    }
}
