//! `cantilever backtest`: replays liquidation strategies over a scenario's state and price paths, on every
//! core, and writes a JSON result and an HTML report. With no arguments it runs the bundled devnet scenario,
//! offline. `snapshot` makes a scenario from the devnet; `merge` joins the shards of a sweep.

pub mod args;
pub mod bundled;
pub mod command;
pub mod snapshot;

pub use args::{BacktestAction, BacktestArgs};
pub use command::backtest;
