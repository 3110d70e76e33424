//! The keeper daemon: the loop that feeds the [`cantilever_planner::Planner`] from the live chain and hands
//! its plans to the executor. At every new head (and at every mined update of a feed behind a followed market's
//! oracle) it brings the position index up to the head, updates the health book, reads each market over RPC,
//! asks the planner, submits what it decided, and tracks what was sent.
//! Every decision is a [`KeeperEvent`]: logs, metrics, the devnet's report and the tests all read them.
//!
//! - [`keeper`]: the [`Keeper`] (the loop, the dedupe state, the executor, the events around the planner).
//! - [`live`]: the [`LivePlanner`]: index, book, markets and planner brought to the head together.
//! - [`markets`]: the [`MarketReader`], the daemon's [`cantilever_planner::MarketSource`] (the node).
//! - [`heads`]: new heads by polling or by a WebSocket subscription that reconnects and backfills.
//! - [`feeds`]: the oracle trigger, a price stream over the followed markets' Chainlink feeds that wakes the loop.
//! - [`speculate`]: speculative plans for pending oracle updates, held until the update is mined.
//! - [`events`]: the [`KeeperEvent`]s; [`observe`](mod@observe): events into metrics.
//! - [`config`]: the TOML config, env overrides and keys (keystore or `env:` reference).
//! - [`telemetry`]: logs, Prometheus metrics, the health endpoint.

pub mod config;
pub mod events;
pub mod feeds;
pub mod heads;
pub mod keeper;
pub mod live;
pub mod markets;
pub mod observe;
pub mod speculate;
pub mod telemetry;

pub use events::KeeperEvent;
pub use feeds::OracleTrigger;
pub use heads::HeadSource;
pub use keeper::{
    DEFAULT_DRAIN_TIMEOUT, Keeper, KeeperError, KeeperSettings, Outstanding, StepReport,
};
pub use live::{AtHead, LivePlanner};
pub use markets::MarketReader;
