//! The [`PriceSource`] abstraction: anything that can be asked for its current answer.
//!
//! A source only reads; it never judges. What it returns is an [`Observation`] (the raw answer, its
//! decimals and timestamps, and the time at which to judge it) or the [`RejectReason`] it could
//! not read one for. The [`crate::policy`] decides whether an observation becomes a price.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

use alloy::primitives::{Address, I256};
use alloy::rpc::types::Log;

use crate::reject::RejectReason;

/// A block a chain source reads at: its number and timestamp (unix seconds).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BlockRef {
    /// Block number.
    pub number: u64,
    /// Block timestamp (unix seconds): `block.timestamp` of calls at this block.
    pub timestamp: u64,
}

/// Which family a source belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SourceKind {
    /// A Chainlink-style `AggregatorV3` feed.
    Aggregator,
    /// One of the protocol's `IOracle` contracts: the price the contracts will use for a market.
    ProtocolOracle,
    /// An off-chain HTTP JSON feed.
    Http,
    /// The median of several sources.
    Median,
}

/// One answer read from a source, not yet checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Observation {
    /// The answer, in `decimals` decimals (signed, as Chainlink reports it).
    pub answer: I256,
    /// Decimals of `answer`, as the source reports them.
    pub decimals: u8,
    /// When the answer was computed (unix seconds).
    pub updated_at: u64,
    /// When the round started (unix seconds); for a sequencer uptime feed, since when its status holds.
    pub started_at: u64,
    /// The time the answer is judged at (unix seconds): the block timestamp for chain reads, the
    /// wall clock for HTTP feeds.
    pub now: u64,
    /// The block the answer was read at or mined in; `None` off-chain.
    pub block: Option<u64>,
}

/// A boxed `Send` future of a fetch.
pub type Fetch<'a> = Pin<Box<dyn Future<Output = Result<Observation, RejectReason>> + Send + 'a>>;

/// A boxed `Send` future of a warm-up.
pub type WarmUp<'a> = Pin<Box<dyn Future<Output = ()> + Send + 'a>>;

/// A source of prices.
///
/// Chain sources are read at each new block (or pushed by their events); sources with a
/// [`poll_interval`](Self::poll_interval) run on their own schedule.
pub trait PriceSource: Send + Sync + core::fmt::Debug {
    /// A stable, human-readable id, unique within a stream (`"WETH/USD"`, `"oracle:WETH/USDC"`).
    fn id(&self) -> &str;

    /// The source's family.
    fn kind(&self) -> SourceKind;

    /// Reads the current answer, at block `at` for chain sources (latest when `None`).
    fn fetch(&self, at: Option<BlockRef>) -> Fetch<'_>;

    /// The contract this source reads, if any (for a Chainlink feed, its proxy).
    fn address(&self) -> Option<Address> {
        None
    }

    /// Every contract the source's answers are written at, whose answer logs and pending
    /// transactions concern it: its [`address`](Self::address) and, for a proxy, the aggregator
    /// behind it (known once [`warm_up`](Self::warm_up) has run).
    fn write_addresses(&self) -> Vec<Address> {
        self.address().into_iter().collect()
    }

    /// Reads, once, what the source needs before it can decode logs and pending transactions on
    /// its own (a feed's decimals, the aggregator behind a proxy). Failures are not returned: the
    /// first [`fetch`](Self::fetch) reports them.
    fn warm_up(&self) -> WarmUp<'_> {
        Box::pin(async {})
    }

    /// The observation a log of one of the [`write_addresses`](Self::write_addresses) carries (an
    /// `AnswerUpdated`), judged at `at`; `None` for any other log, or when it cannot be decoded
    /// without a read.
    fn observe_log(&self, _log: &Log, _at: BlockRef) -> Option<Observation> {
        None
    }

    /// The observation a pending transaction to one of the
    /// [`write_addresses`](Self::write_addresses) with calldata `input` would produce if mined at
    /// `at` (a speculative answer); `None` if it sets no answer.
    fn observe_pending(&self, _input: &[u8], _at: BlockRef) -> Option<Observation> {
        None
    }

    /// How often to poll a source that is not read per block; `None` for chain sources.
    fn poll_interval(&self) -> Option<Duration> {
        None
    }
}

/// A shared source.
pub type SharedSource = Arc<dyn PriceSource>;

/// Seconds since the unix epoch by the wall clock (0 before 1970).
#[cfg(feature = "http")]
pub(crate) fn unix_now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}
