//! Price sources for the Cantilever keeper, trusted exactly as far as the contracts trust them.
//!
//! The keeper must value positions at the very prices `ChainlinkOracle` would return, and refuse
//! the prices it would refuse; otherwise it simulates liquidations that revert on-chain, or misses
//! ones that do not. This crate holds the pure, chain-free part of that:
//!
//! - [`scale`]: the oracle's scale factor and `floor(SCALE_FACTOR * base / quote)` on 512 bits.
//! - [`checks`]: the per-feed checks (sign, bounds, staleness, future answers, L2 sequencer) as
//!   pure functions returning a typed [`Rejection`].
//! - [`human`]: conversion between 1e36-scaled prices and human prices ([`rust_decimal::Decimal`]).
//! - [`error`]: the crate's [`Error`] and [`Result`].

pub mod checks;
pub mod error;
pub mod human;
pub mod scale;

pub use checks::{FeedLimits, FeedRound, Rejection, SequencerRound, check_feed, check_sequencer};
pub use error::{Error, FeedRole, Result};
pub use scale::{Decimals, PRICE_SCALE_DECIMALS, Scale};
