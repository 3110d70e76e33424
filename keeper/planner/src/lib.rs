//! The keeper's decisions, with no I/O: the health book, the strategy and the [`Planner`] that proposes,
//! simulates, settles and packs liquidations. It holds no provider, signer or executor: the daemon drives it
//! from the live chain, the backtest from a fork whose prices it overrides, and both decide the same way
//! because it is the same code.
//!
//! - [`book`]: the health engine: per market, positions ordered by liquidation price.
//! - [`strategy`]: what to liquidate, how much, and whether it pays after the swap and gas.
//! - [`market`]: [`MarketState`] at a block and the [`MarketSource`] trait drivers implement.
//! - [`batch`]: the sequential profile's `liquidateBatch` transaction and reading each order's outcome.
//! - [`call`]: the executor call, its candidate transaction, and reading a simulation of it.
//! - [`planner`](mod@planner): the [`Planner`] (the sequential profile's batches in `sequential`).

pub mod batch;
pub mod book;
pub mod call;
pub mod market;
pub mod planner;
mod sequential;
pub mod strategy;

pub use book::HealthBook;
pub use call::{SimFailure, SimResult};
pub use market::{MarketSource, MarketState};
pub use planner::{
    CrossMarket, Decision, Fees, Found, Lane, PlanError, PlanSummary, PlanTimings, PlannedOrder,
    PlannedTx, Planner, PlannerSettings, Proposals, Proposed, Simulated, Skip,
};
pub use strategy::{MarketView, Proposal, SkipReason, StrategyParams};
