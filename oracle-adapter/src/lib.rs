//! Price sources for the Cantilever keeper, trusted exactly as far as the contracts trust them.
//!
//! The keeper must value positions at the very prices `ChainlinkOracle` would return, and refuse
//! the prices it would refuse; otherwise it simulates liquidations that revert on-chain, or misses
//! ones that do not. This crate reads prices and turns them into a stream of typed events:
//!
//! - [`source`]: the [`PriceSource`] abstraction; [`chain`]: Chainlink-style aggregators and the
//!   protocol's `IOracle` contracts; [`ocr`]: Chainlink OCR `transmit` calldata decoded (the answer
//!   a pending transmission will write); [`http`]: HTTP JSON feeds (timeouts, retries, rate limits).
//! - [`policy`]: per-feed safety checks; [`reject`]: the typed reason of every refusal.
//! - [`stream`]: the [`PriceStream`] of [`PriceEvent`]s (confirmed and speculative updates,
//!   rejections), with medians and a deviation circuit breaker; [`metrics`]: its counters.
//! - Pure parts: [`scale`] (the oracle's exact 512-bit price formula), [`checks`] (the contract's
//!   per-feed checks), [`price`] (exact fixed-point prices, median, spread), [`human`]
//!   (conversion to [`rust_decimal::Decimal`]). No float ever holds a price.
//! - [`error`]: the crate's [`Error`] and [`Result`].

pub mod chain;
pub mod checks;
pub mod error;
#[cfg(feature = "http")]
pub mod http;
pub mod human;
pub mod metrics;
pub mod ocr;
pub mod policy;
pub mod price;
pub mod reject;
pub mod scale;
pub mod source;
pub mod stream;

pub use chain::{AggregatorSource, ProtocolOracleSource};
pub use checks::{FeedLimits, FeedRound, Rejection, SequencerRound, check_feed, check_sequencer};
pub use error::{Error, FeedRole, Result, StreamConfigError};
#[cfg(feature = "http")]
pub use http::{HttpConfig, HttpSource};
pub use metrics::StreamMetrics;
pub use policy::FeedPolicy;
pub use price::Price;
pub use reject::{RejectKind, RejectReason};
pub use scale::{Decimals, PRICE_SCALE_DECIMALS, Scale};
pub use source::{BlockRef, Observation, PriceSource, SharedSource, SourceKind};
pub use stream::{
    MedianSpec, PriceEvent, PriceStream, PriceStreamBuilder, PriceUpdate, Rejected, StreamConfig,
};
