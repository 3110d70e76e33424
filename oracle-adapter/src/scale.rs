//! Normalisation of Chainlink-style answers to the contracts' price scale, bit for bit as
//! `ChainlinkOracle.price()` computes it.
//!
//! A price is the value of one smallest unit of the base (collateral) token in smallest units of
//! the quote (loan) token, scaled by 1e36. `ChainlinkOracle` computes it as
//! `floor(SCALE_FACTOR * basePrice / quotePrice)` on 512 bits, with
//! `SCALE_FACTOR = 10**(36 + quoteTokenDecimals + quoteFeedDecimals - baseFeedDecimals - baseTokenDecimals)`.

use alloy_primitives::ruint::UintTryFrom;
use alloy_primitives::{I256, U256, U512};

use crate::checks::Rejection;
use crate::error::{Error, FeedRole, Result};

/// Decimals of the contracts' price scale: prices are 1e36-scaled.
pub const PRICE_SCALE_DECIMALS: u8 = 36;

/// Largest scale exponent: `10**77 < 2**256 < 10**78`.
pub const MAX_SCALE_EXPONENT: i32 = 77;

/// The decimals that fix an oracle's scale factor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Decimals {
    /// Decimals of the base (collateral) token.
    pub base_token: u8,
    /// Decimals of the quote (loan) token.
    pub quote_token: u8,
    /// Decimals of the base feed's answers.
    pub base_feed: u8,
    /// Decimals of the quote feed's answers; `None` when the oracle has no quote feed (the base
    /// feed is already denominated in the quote token: quote price 1, quote feed decimals 0).
    pub quote_feed: Option<u8>,
}

impl Decimals {
    /// `36 + quoteTokenDecimals + quoteFeedDecimals - baseFeedDecimals - baseTokenDecimals`, which
    /// the contract requires to lie in `0..=77`.
    pub fn scale_exponent(&self) -> i32 {
        i32::from(PRICE_SCALE_DECIMALS)
            + i32::from(self.quote_token)
            + i32::from(self.quote_feed.unwrap_or(0))
            - i32::from(self.base_feed)
            - i32::from(self.base_token)
    }
}

/// An oracle's scale: its `SCALE_FACTOR` and whether it reads a quote feed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Scale {
    exponent: u8,
    factor: U256,
    has_quote_feed: bool,
}

impl Scale {
    /// The scale the contract's constructor would compute, or its `InvalidScaleExponent` revert.
    pub fn new(decimals: Decimals) -> Result<Self> {
        let exponent = decimals.scale_exponent();
        if !(0..=MAX_SCALE_EXPONENT).contains(&exponent) {
            return Err(Error::InvalidScaleExponent { exponent });
        }
        let exponent = u8::try_from(exponent).expect("0..=77 fits in u8");
        Ok(Self {
            exponent,
            factor: pow10(u32::from(exponent)).expect("10**77 fits in a U256"),
            has_quote_feed: decimals.quote_feed.is_some(),
        })
    }

    /// The exponent of the scale factor, in `0..=77`.
    pub fn exponent(&self) -> u8 {
        self.exponent
    }

    /// `SCALE_FACTOR` (unitless).
    pub fn factor(&self) -> U256 {
        self.factor
    }

    /// Whether the oracle reads a quote feed.
    pub fn has_quote_feed(&self) -> bool {
        self.has_quote_feed
    }

    /// `floor(SCALE_FACTOR * base / quote)` from raw feed answers (feed decimals), rounded down
    /// as the contract does (values collateral low).
    ///
    /// `quote` must be `Some` exactly when the oracle has a quote feed; without one the quote price
    /// is 1. Answers `<= 0` are rejected as the contract's `NonPositiveAnswer`; a result above
    /// `U256::MAX` is the contract's `PriceOverflow`. Only the answers' sign is checked here: see
    /// [`crate::checks`] for bounds and staleness.
    pub fn price(&self, base: I256, quote: Option<I256>) -> Result<U256> {
        let base = positive(FeedRole::Base, base)?;
        let quote = match (self.has_quote_feed, quote) {
            (true, Some(answer)) => positive(FeedRole::Quote, answer)?,
            (false, None) => U256::from(1),
            (expected, _) => {
                return Err(Error::AnswerMismatch {
                    feed: FeedRole::Quote,
                    expected,
                });
            }
        };
        mul_div_down(self.factor, base, quote).ok_or(Error::PriceOverflow)
    }
}

/// `10**exponent`, or `None` when it exceeds `U256::MAX` (`exponent > 77`).
pub(crate) fn pow10(exponent: u32) -> Option<U256> {
    U256::from(10).checked_pow(U256::from(exponent))
}

fn positive(feed: FeedRole, answer: I256) -> Result<U256> {
    if answer.is_positive() {
        Ok(answer.into_raw())
    } else {
        Err(Error::Rejected {
            feed,
            reason: Rejection::NonPositiveAnswer { answer },
        })
    }
}

/// `floor(x * y / d)` with the full 512-bit product, as the contract's `_mulDivDown`; `None` when
/// the result does not fit in 256 bits (the contract's `PriceOverflow`) or `d` is zero (which the
/// contract never reaches: a quote price is at least 1).
fn mul_div_down(x: U256, y: U256, d: U256) -> Option<U256> {
    let quotient = (U512::from(x) * U512::from(y)).checked_div(U512::from(d))?;
    U256::uint_try_from(quotient).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn int(x: u128) -> I256 {
        I256::try_from(x).unwrap()
    }

    fn dec(s: &str) -> U256 {
        s.parse().unwrap()
    }

    /// `_oracle(_feed(base_feed, ..), quote feed, base_token, quote_token)` in ChainlinkOracle.t.sol.
    fn scale(base_feed: u8, quote_feed: Option<u8>, base_token: u8, quote_token: u8) -> Scale {
        Scale::new(Decimals {
            base_token,
            quote_token,
            base_feed,
            quote_feed,
        })
        .unwrap()
    }

    const E8: u128 = 100_000_000;

    /// (name, scale, base answer, quote answer, SCALE_FACTOR exponent, price).
    type PriceCase = (&'static str, Scale, u128, Option<u128>, u8, &'static str);

    /// Each row is one of the Solidity unit tests of ChainlinkOracle.t.sol.
    #[test]
    fn prices_match_solidity_tests() {
        let cases: &[PriceCase] = &[
            (
                "WethUsdc_WithQuoteFeed",
                scale(8, Some(8), 18, 6),
                3000 * E8,
                Some(E8),
                24,
                "3000000000000000000000000000",
            ),
            (
                "WethUsdc_QuoteBelowPeg",
                scale(8, Some(8), 18, 6),
                3000 * E8,
                Some(9999 * E8 / 10_000),
                24,
                "3000300030003000300030003000",
            ),
            (
                "WethUsdc_WithoutQuoteFeed",
                scale(8, None, 18, 6),
                3000 * E8,
                None,
                16,
                "3000000000000000000000000000",
            ),
            (
                "WbtcUsdc",
                scale(8, Some(8), 8, 6),
                60_000 * E8,
                Some(E8),
                34,
                "600000000000000000000000000000000000000",
            ),
            (
                "WbtcDai",
                scale(8, Some(8), 8, 18),
                60_000 * E8,
                Some(E8),
                46,
                "600000000000000000000000000000000000000000000000000",
            ),
            (
                "WbtcWeth_18DecimalFeed",
                scale(18, None, 8, 18),
                20 * 10u128.pow(18),
                None,
                28,
                "200000000000000000000000000000000000000000000000",
            ),
            (
                "FullPrecision",
                scale(0, Some(18), 0, 18),
                3_000_000_000,
                Some(10u128.pow(18) - 1),
                72,
                "3000000000000000003000000000000000003000000000000000003000000000",
            ),
        ];
        for (name, s, base, quote, exponent, want) in cases {
            assert_eq!(s.exponent(), *exponent, "{name}: exponent");
            assert_eq!(
                s.factor(),
                pow10(u32::from(*exponent)).unwrap(),
                "{name}: factor"
            );
            assert_eq!(
                s.price(int(*base), quote.map(int)),
                Ok(dec(want)),
                "{name}: price"
            );
        }
    }

    #[test]
    fn full_precision_product_exceeds_256_bits() {
        // SCALE_FACTOR * base = 3e81 > 2**256: the 512-bit path is what makes this test pass.
        let s = scale(0, Some(18), 0, 18);
        assert!(
            s.factor()
                .checked_mul(U256::from(3_000_000_000u64))
                .is_none()
        );
    }

    #[test]
    fn price_overflow_reverts() {
        let s = scale(0, Some(18), 0, 18);
        assert_eq!(
            s.price(int(3_000_000_000), Some(int(1))),
            Err(Error::PriceOverflow)
        );
    }

    #[test]
    fn scale_exponent_bounds() {
        assert_eq!(scale(18, None, 18, 0).factor(), U256::from(1), "exponent 0");
        assert_eq!(
            scale(0, Some(18), 0, 23).factor(),
            dec(&format!("1{}", "0".repeat(77))),
            "exponent 77"
        );
        let below = Decimals {
            base_token: 19,
            quote_token: 0,
            base_feed: 18,
            quote_feed: None,
        };
        assert_eq!(
            Scale::new(below),
            Err(Error::InvalidScaleExponent { exponent: -1 })
        );
        let above = Decimals {
            base_token: 0,
            quote_token: 24,
            base_feed: 0,
            quote_feed: Some(18),
        };
        assert_eq!(
            Scale::new(above),
            Err(Error::InvalidScaleExponent { exponent: 78 })
        );
        let extreme = Decimals {
            base_token: 255,
            quote_token: 0,
            base_feed: 255,
            quote_feed: None,
        };
        assert_eq!(
            Scale::new(extreme),
            Err(Error::InvalidScaleExponent { exponent: 36 - 510 })
        );
    }

    #[test]
    fn non_positive_answers_rejected() {
        let s = scale(8, Some(8), 18, 6);
        for answer in [I256::ZERO, I256::MINUS_ONE, I256::MIN] {
            let reason = Rejection::NonPositiveAnswer { answer };
            assert_eq!(
                s.price(answer, Some(int(E8))),
                Err(Error::Rejected {
                    feed: FeedRole::Base,
                    reason
                })
            );
            assert_eq!(
                s.price(int(E8), Some(answer)),
                Err(Error::Rejected {
                    feed: FeedRole::Quote,
                    reason
                })
            );
        }
    }

    #[test]
    fn quote_answer_must_match_configuration() {
        let with = scale(8, Some(8), 18, 6);
        let without = scale(8, None, 18, 6);
        assert_eq!(
            with.price(int(E8), None),
            Err(Error::AnswerMismatch {
                feed: FeedRole::Quote,
                expected: true
            })
        );
        assert_eq!(
            without.price(int(E8), Some(int(E8))),
            Err(Error::AnswerMismatch {
                feed: FeedRole::Quote,
                expected: false
            })
        );
    }

    #[test]
    fn mul_div_down_edges() {
        assert_eq!(
            mul_div_down(U256::MAX, U256::MAX, U256::MAX),
            Some(U256::MAX)
        );
        assert_eq!(
            mul_div_down(U256::MAX, U256::from(2), U256::from(2)),
            Some(U256::MAX)
        );
        assert_eq!(mul_div_down(U256::MAX, U256::from(2), U256::from(1)), None);
        assert_eq!(mul_div_down(U256::from(7), U256::from(1), U256::ZERO), None);
        assert_eq!(
            mul_div_down(U256::from(7), U256::from(3), U256::from(2)),
            Some(U256::from(10))
        );
    }

    /// `MAX_FUZZ_ANSWER` of the Solidity fuzz tests: `MAX_ANSWER - 1` with `MAX_ANSWER = 1e30`.
    const MAX_FUZZ_ANSWER: u128 = 10u128.pow(30) - 1;

    proptest! {
        #[test]
        fn monotone_in_base_answer(
            a in 1..=MAX_FUZZ_ANSWER, b in 1..=MAX_FUZZ_ANSWER, quote in 1..=MAX_FUZZ_ANSWER,
        ) {
            let (low, high) = (a.min(b), a.max(b));
            let s = scale(8, Some(8), 18, 6);
            prop_assert!(s.price(int(low), Some(int(quote)))? <= s.price(int(high), Some(int(quote)))?);
        }

        #[test]
        fn antitone_in_quote_answer(
            base in 1..=MAX_FUZZ_ANSWER, a in 1..=MAX_FUZZ_ANSWER, b in 1..=MAX_FUZZ_ANSWER,
        ) {
            let (low, high) = (a.min(b), a.max(b));
            let s = scale(8, Some(8), 18, 6);
            prop_assert!(s.price(int(base), Some(int(low)))? >= s.price(int(base), Some(int(high)))?);
        }

        /// Where the product fits in 256 bits, the 512-bit path equals the naive formula.
        #[test]
        fn matches_naive_formula(base in 1..=MAX_FUZZ_ANSWER, quote in 1..=MAX_FUZZ_ANSWER) {
            let s = scale(8, Some(8), 18, 6);
            let naive = s.factor() * U256::from(base) / U256::from(quote);
            prop_assert_eq!(s.price(int(base), Some(int(quote)))?, naive);
        }

        /// The result is the exact floor: `p * quote <= factor * base < (p + 1) * quote`, for any
        /// valid scale and answers, including products above 2**256.
        #[test]
        fn exact_floor(
            base_token in 0u8..=30, quote_token in 0u8..=30, base_feed in 0u8..=18,
            quote_feed in proptest::option::of(0u8..=18),
            base in 1u128.., quote in 1u128..,
        ) {
            let Ok(s) = Scale::new(Decimals { base_token, quote_token, base_feed, quote_feed }) else {
                return Ok(());
            };
            let quote = if s.has_quote_feed() { quote } else { 1 };
            let product = U512::from(s.factor()) * U512::from(base);
            let quote_answer = s.has_quote_feed().then(|| int(quote));
            match s.price(int(base), quote_answer) {
                Ok(p) => {
                    let p = U512::from(p);
                    prop_assert!(p * U512::from(quote) <= product);
                    prop_assert!(product < (p + U512::from(1)) * U512::from(quote));
                }
                Err(e) => {
                    prop_assert_eq!(e, Error::PriceOverflow);
                    prop_assert!(product / U512::from(quote) > U512::from(U256::MAX));
                }
            }
        }

        /// No quote feed behaves as a quote feed answering 1 with 0 decimals.
        #[test]
        fn absent_quote_feed_is_quote_one(
            base in 1u128.., base_feed in 0u8..=18, base_token in 0u8..=18, quote_token in 0u8..=18,
        ) {
            let without = Scale::new(Decimals { base_token, quote_token, base_feed, quote_feed: None });
            let with = Scale::new(Decimals { base_token, quote_token, base_feed, quote_feed: Some(0) });
            prop_assert_eq!(without.as_ref().map(Scale::factor), with.as_ref().map(Scale::factor));
            if let (Ok(without), Ok(with)) = (without, with) {
                prop_assert_eq!(without.price(int(base), None), with.price(int(base), Some(int(1))));
            }
        }
    }
}
