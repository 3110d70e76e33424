//! Solidity 0.8 checked arithmetic on `U256`: each helper fails where the EVM would revert.

use alloy_primitives::U256;

use super::{MathError, Result};

/// `x + y`, reverting on overflow.
pub(crate) fn add(x: U256, y: U256) -> Result<U256> {
    x.checked_add(y).ok_or(MathError::Overflow)
}

/// `x - y`, reverting on underflow.
pub(crate) fn sub(x: U256, y: U256) -> Result<U256> {
    x.checked_sub(y).ok_or(MathError::Overflow)
}

/// `x * y`, reverting on overflow.
pub(crate) fn mul(x: U256, y: U256) -> Result<U256> {
    x.checked_mul(y).ok_or(MathError::Overflow)
}

/// `x / y`, reverting on a zero divisor.
pub(crate) fn div(x: U256, y: U256) -> Result<U256> {
    x.checked_div(y).ok_or(MathError::DivisionByZero)
}

/// `UtilsLib.min`.
pub(crate) fn min(x: U256, y: U256) -> U256 {
    if x < y { x } else { y }
}

/// `UtilsLib.zeroFloorSub`: max(x - y, 0).
pub(crate) fn zero_floor_sub(x: U256, y: U256) -> U256 {
    x.saturating_sub(y)
}

/// `UtilsLib.toUint128`.
pub(crate) fn to_u128(x: U256) -> Result<u128> {
    u128::try_from(x).map_err(|_| MathError::MaxUint128Exceeded)
}
