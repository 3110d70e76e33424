//! The core's events, reduced to what they do to positions and markets.
//!
//! Each rule mirrors a write in `contracts/src/Cantilever.sol`:
//! - `Borrow`: `borrowShares += shares` of `onBehalf`.
//! - `Repay`: `borrowShares -= shares` of `onBehalf`.
//! - `SupplyCollateral` / `WithdrawCollateral`: `collateral +=` / `-= assets` of `onBehalf`.
//! - `Liquidate`: `borrowShares -= repaidShares`, `collateral -= seizedAssets` of `borrower`.
//! - `RealizeBadDebt` (emitted in the same call, just before `Liquidate`): `borrowShares -= badDebtShares`;
//!   the core burns `repaidShares + badDebtShares` from the borrower, and `Liquidate` only reports the first.
//! - `CreateMarket`: a new market id and its parameters.
//!
//! Supply, withdraw, interest, fees and flash loans touch supply shares or market totals only.

use alloy::rpc::types::Log;
use alloy::sol_types::SolEvent;
use alloy_primitives::{B256, U256};
use cantilever_bindings::cantilever::Cantilever;

use super::error::IndexError;
use cantilever_primitives::deployment::MarketParams;
use cantilever_primitives::position::PositionKey;

/// What one core event does to the index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Effect {
    /// A market was created.
    CreateMarket {
        /// The market id.
        id: B256,
        /// Its parameters.
        params: MarketParams,
    },
    /// A position changed.
    Position {
        /// Which position.
        key: PositionKey,
        /// How.
        change: Change,
        /// The event that caused it (for error messages).
        event: &'static str,
    },
}

/// One arithmetic step on a position, as the core does it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    /// `borrowShares += n`.
    AddBorrowShares(u128),
    /// `borrowShares -= n`.
    SubBorrowShares(u128),
    /// `collateral += n`.
    AddCollateral(u128),
    /// `collateral -= n`.
    SubCollateral(u128),
}

/// The effects of one log of the core, in order; empty for events that touch no position or market.
pub fn decode(log: &Log) -> Result<Vec<Effect>, IndexError> {
    let Some(&topic0) = log.topics().first() else {
        return Ok(Vec::new());
    };
    let block = log.block_number.unwrap_or_default();
    let log_index = log.log_index.unwrap_or_default();
    let ctx = Ctx {
        block,
        log_index,
        data: log.data(),
    };
    let effects = match topic0 {
        Cantilever::CreateMarket::SIGNATURE_HASH => {
            let e: Cantilever::CreateMarket = ctx.decode("CreateMarket")?;
            let p = e.marketParams;
            vec![Effect::CreateMarket {
                id: e.id,
                params: MarketParams {
                    loan_token: p.loanToken,
                    collateral_token: p.collateralToken,
                    oracle: p.oracle,
                    rate_model: p.rateModel,
                    lltv: p.lltv,
                },
            }]
        }
        Cantilever::Borrow::SIGNATURE_HASH => {
            let e: Cantilever::Borrow = ctx.decode("Borrow")?;
            let n = ctx.amount("Borrow", e.shares)?;
            vec![position(
                e.id,
                e.onBehalf,
                Change::AddBorrowShares(n),
                "Borrow",
            )]
        }
        Cantilever::Repay::SIGNATURE_HASH => {
            let e: Cantilever::Repay = ctx.decode("Repay")?;
            let n = ctx.amount("Repay", e.shares)?;
            vec![position(
                e.id,
                e.onBehalf,
                Change::SubBorrowShares(n),
                "Repay",
            )]
        }
        Cantilever::SupplyCollateral::SIGNATURE_HASH => {
            let name = "SupplyCollateral";
            let e: Cantilever::SupplyCollateral = ctx.decode(name)?;
            let n = ctx.amount(name, e.assets)?;
            vec![position(e.id, e.onBehalf, Change::AddCollateral(n), name)]
        }
        Cantilever::WithdrawCollateral::SIGNATURE_HASH => {
            let name = "WithdrawCollateral";
            let e: Cantilever::WithdrawCollateral = ctx.decode(name)?;
            let n = ctx.amount(name, e.assets)?;
            vec![position(e.id, e.onBehalf, Change::SubCollateral(n), name)]
        }
        Cantilever::Liquidate::SIGNATURE_HASH => {
            let e: Cantilever::Liquidate = ctx.decode("Liquidate")?;
            let shares = ctx.amount("Liquidate", e.repaidShares)?;
            let seized = ctx.amount("Liquidate", e.seizedAssets)?;
            vec![
                position(
                    e.id,
                    e.borrower,
                    Change::SubBorrowShares(shares),
                    "Liquidate",
                ),
                position(e.id, e.borrower, Change::SubCollateral(seized), "Liquidate"),
            ]
        }
        Cantilever::RealizeBadDebt::SIGNATURE_HASH => {
            let e: Cantilever::RealizeBadDebt = ctx.decode("RealizeBadDebt")?;
            let shares = ctx.amount("RealizeBadDebt", e.badDebtShares)?;
            vec![position(
                e.id,
                e.borrower,
                Change::SubBorrowShares(shares),
                "RealizeBadDebt",
            )]
        }
        _ => Vec::new(),
    };
    Ok(effects)
}

fn position(
    market: B256,
    borrower: alloy_primitives::Address,
    change: Change,
    event: &'static str,
) -> Effect {
    Effect::Position {
        key: PositionKey { market, borrower },
        change,
        event,
    }
}

/// Where a log came from, for decoding and error messages.
struct Ctx<'a> {
    block: u64,
    log_index: u64,
    data: &'a alloy_primitives::LogData,
}

impl Ctx<'_> {
    fn decode<E: SolEvent>(&self, event: &'static str) -> Result<E, IndexError> {
        E::decode_log_data(self.data).map_err(|e| self.error(event, e.to_string()))
    }

    /// The core stores positions as `uint128` (`toUint128` reverts above), so a larger amount is malformed.
    fn amount(&self, event: &'static str, value: U256) -> Result<u128, IndexError> {
        u128::try_from(value)
            .map_err(|_| self.error(event, format!("amount {value} exceeds uint128")))
    }

    fn error(&self, event: &'static str, reason: String) -> IndexError {
        IndexError::Decode {
            event,
            block: self.block,
            log_index: self.log_index,
            reason,
        }
    }
}
