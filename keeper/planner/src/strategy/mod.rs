//! Strategy: which liquidatable positions to liquidate and for how much. Amounts follow the protocol's own
//! rules (the core's plan: partial down to the target health, or full with bad debt written off); profit is
//! what the seized collateral sells for in the pool, less the repayment, gas (base plus priority fee, valued
//! through the oracle) and a safety buffer, and must clear a minimum. Every skip carries a [`SkipReason`].
//!
//! - [`evaluate`](mod@evaluate): the decision for one position, a [`Proposal`] or a [`SkipReason`].
//! - [`skip`]: the reasons.

pub mod evaluate;
pub mod skip;

pub use cantilever_primitives::Reserves;
pub use evaluate::{MarketView, Proposal, StrategyParams, evaluate, opportunity_id, settle};
pub use skip::SkipReason;

#[cfg(test)]
mod tests;
