//! Why a liquidatable position was not liquidated: every skip is logged with one of these.

use alloy_primitives::{I256, U256};

use cantilever_primitives::{LiquidationStatus, MathError};

use crate::call::SimFailure;

/// The reason a candidate was skipped.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SkipReason {
    /// The oracle gave no usable price (zero or reverted): the core would refuse too.
    #[error("no usable oracle price")]
    NoPrice,
    /// The core's plan says there is nothing to liquidate (healthy, no debt).
    #[error("the core would not liquidate: {0:?}")]
    NotLiquidatable(LiquidationStatus),
    /// The plan seizes no collateral (dust): nothing to sell.
    #[error("nothing would be seized")]
    NothingSeized,
    /// No pool sells this collateral for the loan token.
    #[error("no pool for the collateral")]
    NoPool,
    /// No oracle prices the native token in this loan token, so gas cannot be valued.
    #[error("gas cannot be valued in the loan token")]
    NoGasPrice,
    /// The sale would not cover the repayment, gas and minimum profit.
    #[error("unprofitable: profit {profit} after buffer vs gas {gas_cost} (loan units)")]
    Unprofitable {
        /// Profit before gas, after the safety buffer (negative: the sale does not repay the debt).
        profit: I256,
        /// Gas cost in loan units.
        gas_cost: U256,
    },
    /// The simulation reverted (the reason decoded when known).
    #[error("simulation reverted: {0}")]
    Reverted(SimFailure),
    /// The integer math refused the inputs (the chain would revert too).
    #[error("math: {0}")]
    Math(MathError),
    /// The base fee is above the configured cap: nothing is sent until it falls.
    #[error("base fee {base_fee} wei above the cap of {cap} wei")]
    GasPriceCap {
        /// The next block's base fee (wei per gas).
        base_fee: u128,
        /// The cap (wei per gas).
        cap: u128,
    },
}

impl SkipReason {
    /// A short stable label, for metrics.
    pub fn label(&self) -> &'static str {
        match self {
            Self::NoPrice => "no_price",
            Self::NotLiquidatable(_) => "not_liquidatable",
            Self::NothingSeized => "nothing_seized",
            Self::NoPool => "no_pool",
            Self::NoGasPrice => "no_gas_price",
            Self::Unprofitable { .. } => "unprofitable",
            Self::Reverted(_) => "reverted",
            Self::Math(_) => "math",
            Self::GasPriceCap { .. } => "gas_price_cap",
        }
    }
}
