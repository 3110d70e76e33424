//! The oracle adapter's price streams against real sources: the devnet's feeds and oracles on anvil, pending
//! updates seen before they land (an `OwnerFeed` write, a Chainlink OCR2 transmission behind a proxy), HTTP feeds
//! that misbehave, and the latency of an update.

mod chain;
mod early_sight;
mod http;
mod latency;
mod transmit;

/// The oracle scenarios' result: their errors cross tasks.
type TestResult = Result<(), Box<dyn std::error::Error + Send + Sync>>;
