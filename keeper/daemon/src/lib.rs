//! The keeper daemon: the loop that feeds the [`cantilever_planner::Planner`] from the live chain and hands
//! its plans to the executor. At every new head it brings the position index up to it, updates the health
//! book, reads each market over RPC, asks the planner, submits what it decided, and tracks what was sent.
//! Every decision is a [`KeeperEvent`]: logs, metrics, the devnet's report and the tests all read them.
//!
//! - [`keeper`]: the [`Keeper`] (the loop, the dedupe state, the executor, the events around the planner).
//! - [`live`]: the [`LivePlanner`]: index, book, markets and planner brought to the head together.
//! - [`markets`]: the [`MarketReader`], the daemon's [`cantilever_planner::MarketSource`] (the node).
//! - [`heads`]: new heads by polling or by a WebSocket subscription that reconnects and backfills.
//! - [`events`]: the [`KeeperEvent`]s; [`observe`](mod@observe): events into metrics.
//! - [`config`]: the TOML config, env overrides and keys (keystore or `env:` reference).
//! - [`telemetry`]: logs, Prometheus metrics, the health endpoint.

pub mod config;
pub mod events;
pub mod heads;
pub mod keeper;
pub mod live;
pub mod markets;
pub mod observe;
pub mod telemetry;

pub use events::KeeperEvent;
pub use heads::HeadSource;
pub use keeper::{
    DEFAULT_DRAIN_TIMEOUT, Keeper, KeeperError, KeeperSettings, Outstanding, StepReport,
};
pub use live::{AtHead, LivePlanner};
pub use markets::MarketReader;
