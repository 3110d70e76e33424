//! Why a price cannot be produced: the revert `ChainlinkOracle` would raise at the same point, or a
//! conversion the keeper asked for that has no exact answer.

use alloy_primitives::I256;

use crate::checks::Rejection;

/// Which of an oracle's feeds a check failed on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FeedRole {
    /// The base (collateral) token's feed.
    Base,
    /// The quote (loan) token's feed.
    Quote,
    /// The L2 sequencer uptime feed.
    Sequencer,
}

impl core::fmt::Display for FeedRole {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(match self {
            Self::Base => "base",
            Self::Quote => "quote",
            Self::Sequencer => "sequencer",
        })
    }
}

/// Errors of the oracle adapter.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Error {
    /// A feed's answer failed one of the contract's checks (`NonPositiveAnswer`, `AnswerOutOfBounds`,
    /// `StaleAnswer`, `FutureAnswer`, `SequencerDown`, `SequencerRoundInvalid`, `GracePeriodNotOver`):
    /// the contract would revert, so the keeper must not act on this price.
    #[error("{feed} feed rejected: {reason}")]
    Rejected {
        /// The feed that failed.
        feed: FeedRole,
        /// The first check it failed.
        reason: Rejection,
    },
    /// The scale factor's exponent is negative or above 77 (`InvalidScaleExponent`): `10**78`
    /// overflows a uint256, and a negative exponent has no integer scale factor.
    #[error("scale exponent {exponent} is outside 0..=77 (InvalidScaleExponent)")]
    InvalidScaleExponent {
        /// `36 + quoteTokenDecimals + quoteFeedDecimals - baseFeedDecimals - baseTokenDecimals`.
        exponent: i32,
    },
    /// The price does not fit in a uint256 (`PriceOverflow`).
    #[error("price does not fit in a uint256 (PriceOverflow)")]
    PriceOverflow,
    /// A feed's heartbeat is zero (`ZeroHeartbeat`).
    #[error("{feed} feed heartbeat is zero (ZeroHeartbeat)")]
    ZeroHeartbeat {
        /// The misconfigured feed.
        feed: FeedRole,
    },
    /// A feed's bounds accept no answer: `min < 0`, or no integer strictly between `min` and `max`
    /// (`InvalidBounds`).
    #[error("{feed} feed bounds ({min}, {max}) accept no answer (InvalidBounds)")]
    InvalidBounds {
        /// The misconfigured feed.
        feed: FeedRole,
        /// Exclusive lower bound (feed decimals).
        min: I256,
        /// Exclusive upper bound (feed decimals).
        max: I256,
    },
    /// The answers do not match the oracle's configuration: a quote answer is missing although the
    /// oracle has a quote feed, or given although it has none.
    #[error("{feed} answer {}", if *.expected { "missing" } else { "given but the oracle has no such feed" })]
    AnswerMismatch {
        /// The feed whose answer is missing or unexpected.
        feed: FeedRole,
        /// Whether the oracle expects an answer for this feed.
        expected: bool,
    },
    /// A human price is negative: on-chain prices are unsigned.
    #[error("human price {0} is negative")]
    NegativeHumanPrice(rust_decimal::Decimal),
    /// A conversion to a human price needs more precision or range than a `Decimal` has
    /// (96-bit mantissa, at most 28 fractional digits).
    #[error("price {price} is not exactly representable as a Decimal")]
    NotRepresentable {
        /// The 1e36-scaled price.
        price: alloy_primitives::U256,
    },
    /// A [`PriceStream`](crate::PriceStream)'s configuration is inconsistent, so
    /// [`PriceStreamBuilder::spawn`](crate::PriceStreamBuilder::spawn) started nothing.
    #[error("price stream configuration: {0}")]
    StreamConfig(#[from] StreamConfigError),
}

/// A configuration mistake [`PriceStreamBuilder::spawn`](crate::PriceStreamBuilder::spawn) refuses.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StreamConfigError {
    /// Two sources, two medians, or a source and a median share an id: events name their source
    /// by id, so ids must be unique within a stream.
    #[error("duplicate source id {0}")]
    DuplicateId(String),
    /// A median names a member that is not one of the stream's sources (members must be added as
    /// feeds; a median cannot be a member).
    #[error("median {median} names unknown member {member}")]
    UnknownMember {
        /// The median's id.
        median: String,
        /// The member id no source has.
        member: String,
    },
    /// Chain sources, a sequencer feed or pending-transaction watching were configured without a
    /// provider to read the chain through.
    #[error("chain sources, a sequencer feed or pending-transaction watching need a provider")]
    MissingProvider,
}

impl Error {
    /// Whether the same oracle may produce a price later: true for rejections and overflows, which
    /// depend on the feeds' current answers; false for configuration (the oracle's or the stream's)
    /// and conversion errors.
    pub fn is_retryable(&self) -> bool {
        matches!(self, Self::Rejected { .. } | Self::PriceOverflow)
    }
}

/// Result of the oracle adapter.
pub type Result<T> = core::result::Result<T, Error>;
