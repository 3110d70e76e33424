//! The backtest: the keeper's own planner driven over a fork whose prices, pools and blocks it moves step by
//! step. The daemon feeds the planner the live chain; this feeds it a fork, so whatever the daemon would
//! decide, the backtest decides the same way.
//!
//! - [`scenario`]: the state to start from (an anvil dump), the deployment, the keeper's and a rival's lanes;
//!   [`fork_scenario`]: the state of a node's block instead, through [`cache`], which keeps every key read on
//!   disk so that the next run asks the node nothing.
//! - [`state`]: the dump under every step's writes; [`moves`]: feed rounds and pool arbitrage as writes.
//! - [`views`] and [`markets`]: reads on the fork, the same the daemon makes over RPC.
//! - [`strategy`]: which proposals to send, one file per strategy.
//! - [`run`](mod@run): one path, one strategy, one world; [`tally`] counts it; [`trace`] records it for replay.
//! - [`sweep`]: a grid of strategies × worlds × paths × seeds on every core.

pub mod cache;
pub mod config;
pub mod dump;
pub mod error;
pub mod fork_scenario;
pub mod markets;
pub mod moves;
pub mod run;
pub mod scenario;
pub mod state;
pub mod strategy;
pub mod sweep;
pub mod tally;
pub mod trace;
pub mod views;

pub use cache::{CachedSource, ForkBlock};
pub use config::WorldParams;
pub use error::{BacktestError, Result};
pub use fork_scenario::{ForkOptions, ForkedScenario, default_cache_path, display_url};
pub use run::{RunOutput, run};
pub use scenario::{Scenario, ScenarioFile};
pub use strategy::{Strategy, StrategySpec};
pub use sweep::{Cell, PathSource, Sweep, run_cells, shard};
