//! `MathLib.sol`: fixed-point helpers, each named for its rounding direction.

use alloy_primitives::U256;

use super::Result;
use super::checked::{add, div, mul, sub};
use super::constants::WAD;

/// `(x * y) / WAD` rounded down.
pub fn w_mul_down(x: U256, y: U256) -> Result<U256> {
    mul_div_down(x, y, WAD)
}

/// `(x * y) / WAD` rounded up.
pub fn w_mul_up(x: U256, y: U256) -> Result<U256> {
    mul_div_up(x, y, WAD)
}

/// `(x * WAD) / y` rounded down.
pub fn w_div_down(x: U256, y: U256) -> Result<U256> {
    mul_div_down(x, WAD, y)
}

/// `(x * WAD) / y` rounded up.
pub fn w_div_up(x: U256, y: U256) -> Result<U256> {
    mul_div_up(x, WAD, y)
}

/// `(x * y) / d` rounded down. Like the contract, fails when `x * y` overflows 256 bits (no 512-bit
/// intermediate) or `d` is zero.
pub fn mul_div_down(x: U256, y: U256, d: U256) -> Result<U256> {
    div(mul(x, y)?, d)
}

/// `(x * y + (d - 1)) / d`: `(x * y) / d` rounded up. With `d == 0` the contract underflows on `d - 1`
/// before it divides, so that case is an overflow error, not a division by zero.
pub fn mul_div_up(x: U256, y: U256, d: U256) -> Result<U256> {
    let product = mul(x, y)?;
    div(add(product, sub(d, U256::from(1))?)?, d)
}

/// `e^(x * n) - 1` (WAD) by the first three Taylor terms (underestimates compounding).
pub fn w_taylor_compounded(x: U256, n: U256) -> Result<U256> {
    let first = mul(x, n)?;
    let second = mul_div_down(first, first, mul(U256::from(2), WAD)?)?;
    let third = mul_div_down(second, first, mul(U256::from(3), WAD)?)?;
    add(add(first, second)?, third)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::math::MathError;
    use proptest::prelude::*;

    fn u(x: u128) -> U256 {
        U256::from(x)
    }

    #[test]
    fn table() {
        // (x, y, d, down, up)
        let cases: &[(u128, u128, u128, u128, u128)] = &[
            (0, 0, 1, 0, 0),
            (1, 1, 1, 1, 1),
            (1, 1, 2, 0, 1),
            (3, 5, 4, 3, 4),
            (10, 10, 5, 20, 20),
            (7, 1, 7, 1, 1),
            (u128::MAX, 2, 3, u128::MAX / 3 * 2, u128::MAX / 3 * 2),
            (
                u128::MAX,
                2,
                7,
                97_223_533_405_982_418_132_392_744_980_505_203_272,
                97_223_533_405_982_418_132_392_744_980_505_203_273,
            ),
        ];
        for &(x, y, d, down, up) in cases {
            assert_eq!(
                mul_div_down(u(x), u(y), u(d)),
                Ok(u(down)),
                "down {x} {y} {d}"
            );
            assert_eq!(mul_div_up(u(x), u(y), u(d)), Ok(u(up)), "up {x} {y} {d}");
        }
    }

    #[test]
    fn reverts_like_solidity() {
        assert_eq!(
            mul_div_down(u(1), u(1), U256::ZERO),
            Err(MathError::DivisionByZero)
        );
        // d - 1 underflows before the division.
        assert_eq!(mul_div_up(u(1), u(1), U256::ZERO), Err(MathError::Overflow));
        assert_eq!(
            mul_div_down(U256::MAX, u(2), u(1)),
            Err(MathError::Overflow)
        );
        // x * y fits but x * y + d - 1 does not.
        assert_eq!(mul_div_up(U256::MAX, u(1), u(2)), Err(MathError::Overflow));
        assert_eq!(w_mul_down(U256::MAX, WAD), Err(MathError::Overflow));
        assert_eq!(w_div_up(u(1), U256::ZERO), Err(MathError::Overflow));
        assert_eq!(w_div_down(u(1), U256::ZERO), Err(MathError::DivisionByZero));
        assert_eq!(
            w_taylor_compounded(U256::MAX, u(2)),
            Err(MathError::Overflow)
        );
    }

    #[test]
    fn wad_helpers() {
        let half = WAD / u(2);
        assert_eq!(w_mul_down(half, u(3)), Ok(u(1)));
        assert_eq!(w_mul_up(half, u(3)), Ok(u(2)));
        assert_eq!(w_div_down(u(1), u(3) * WAD), Ok(u(0)));
        assert_eq!(w_div_up(u(1), u(3) * WAD), Ok(u(1)));
        assert_eq!(w_div_down(u(3), u(2)), Ok(u(3) * half));
    }

    #[test]
    fn taylor_is_close_to_exp() {
        // 10% per year for a year: e^0.1 - 1 = 0.10517..., three terms give 0.1051666...
        let rate = u(100_000_000_000_000_000) / u(31_536_000);
        let got = w_taylor_compounded(rate, u(31_536_000)).unwrap();
        let got = f64::from(got) / 1e18;
        assert!((got - 0.105_166).abs() < 1e-5, "{got}");
        assert_eq!(w_taylor_compounded(u(5), U256::ZERO), Ok(U256::ZERO));
    }

    proptest! {
        #[test]
        fn up_is_down_plus_remainder_flag(x in any::<u128>(), y in any::<u128>(), d in 1..=u128::MAX) {
            let (x, y, d) = (u(x), u(y), u(d));
            let down = mul_div_down(x, y, d).unwrap();
            let up = mul_div_up(x, y, d).unwrap();
            let exact = (x * y) % d == U256::ZERO;
            prop_assert_eq!(up, if exact { down } else { down + u(1) });
            prop_assert!(down * d <= x * y);
            prop_assert!(up * d >= x * y);
        }

        #[test]
        fn never_panics(x in any::<[u64; 4]>(), y in any::<[u64; 4]>(), d in any::<[u64; 4]>()) {
            let (x, y, d) = (U256::from_limbs(x), U256::from_limbs(y), U256::from_limbs(d));
            let _ = (mul_div_down(x, y, d), mul_div_up(x, y, d), w_taylor_compounded(x, y));
        }

        #[test]
        fn wad_round_trip_favours_the_protocol(x in any::<u64>(), y in 1..u64::MAX) {
            let (x, y) = (u(x.into()), u(y.into()));
            prop_assert!(w_mul_down(w_div_down(x, y).unwrap(), y).unwrap() <= x);
            prop_assert!(w_mul_up(w_div_up(x, y).unwrap(), y).unwrap() >= x);
        }
    }
}
