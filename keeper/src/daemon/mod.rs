//! The keeper loop. At every new head: bring the position index up to it, update the health book, read each
//! market (accrued totals, price, pool, gas valuation), take the liquidatable positions from the book, decide
//! on each with the strategy, simulate the survivors on a fork of the head (in parallel), pack them for the
//! chain profile, and hand the plan to the executor; then track what was sent. Every decision is an event.
//!
//! - [`markets`]: reading the markets at a block.
//! - [`simulate`](mod@simulate): executor calls, the fork and the simulation results.
//! - [`events`]: the [`KeeperEvent`]s.
//! - [`keeper`]: the [`Keeper`] itself.

pub mod events;
pub mod keeper;
pub mod markets;
pub mod observe;
pub mod simulate;

pub use events::KeeperEvent;
pub use keeper::{Keeper, KeeperError, KeeperSettings, Outstanding, StepReport};

use cantilever_bindings::cantilever::Cantilever;

use crate::deployment::MarketParams;

/// A market's parameters as the bindings take them.
pub fn core_params(p: &MarketParams) -> Cantilever::MarketParams {
    Cantilever::MarketParams {
        loanToken: p.loan_token,
        collateralToken: p.collateral_token,
        oracle: p.oracle,
        rateModel: p.rate_model,
        lltv: p.lltv,
    }
}
