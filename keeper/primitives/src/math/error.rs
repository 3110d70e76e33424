//! Why a ported computation fails: the revert Solidity would raise at the same point.

/// A revert of the contracts' math, reported as data instead of a panic.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum MathError {
    /// Checked arithmetic overflowed or underflowed (Solidity `Panic(0x11)`).
    #[error("arithmetic overflow or underflow (Panic 0x11)")]
    Overflow,
    /// Division by zero (Solidity `Panic(0x12)`).
    #[error("division by zero (Panic 0x12)")]
    DivisionByZero,
    /// `UtilsLib.toUint128` on a value above `type(uint128).max` (`MaxUint128Exceeded()`).
    #[error("value exceeds uint128 (MaxUint128Exceeded)")]
    MaxUint128Exceeded,
    /// `_isHealthy` read a zero oracle price (`ZeroPrice()`).
    #[error("oracle price is zero (ZeroPrice)")]
    ZeroPrice,
}

/// Result of a ported computation.
pub type Result<T> = core::result::Result<T, MathError>;
