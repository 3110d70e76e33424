//! Price paths for the backtest: what the oracle feeds (and the base fee) do, step by step, while the
//! engine replays the keeper against them.
//!
//! - [`PricePath`] / [`PathStep`]: one entry per step: the block, each feed's new price or `None` (not
//!   updated: a stale oracle), and a gas multiplier.
//! - [`read_csv`] / [`parse_csv`]: a recorded path (`block,feed,price` or `timestamp,feed,price`); every
//!   error names the line and its text. [`write_csv`] / [`PricePath::to_csv`] write one back exactly.
//! - [`generate`]: a [`PathSpec`] of [`Component`]s (GBM, correlated GBM, jump-diffusion, Brownian bridge,
//!   crash, depeg, frozen oracle, gas spike), from TOML or JSON, with an explicit seed. The random numbers
//!   are the crate's own (xoshiro256** seeded by SplitMix64), so a seed gives the same path on every machine
//!   and thread count.
//! - [`named`]: built-in scenarios (`crash`, `gbm`, `depeg`, `freeze`, `gas-spike`).
//!
//! Bad input is a [`PathError`] whose message is one line naming the problem.

mod components;
mod csv;
mod error;
mod generate;
mod named;
mod path;
mod rng;
mod spec;
mod validate;

pub use csv::{parse_csv, read_csv, write_csv};
pub use error::{CsvProblem, PathError, Result};
pub use generate::generate;
pub use named::{NAMED, named};
pub use path::{PathStep, PricePath};
pub use spec::{Component, MAX_JUMPS_PER_STEP, MAX_STEPS, PathSpec, SECONDS_PER_YEAR};
