//! Why a source's answer was not turned into a price: one typed reason per way a feed can fail.
//!
//! A rejection is data, not an error: the stream reports it as [`crate::PriceEvent::Rejected`], logs
//! it once per (feed, reason) transition, counts it in [`crate::metrics`], and keeps running.

use alloy_primitives::U256;

use crate::checks::Rejection;

/// Why an observation was refused. Every variant fails closed: the keeper must not act on the
/// source's price until it recovers.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RejectReason {
    /// One of `ChainlinkOracle`'s own checks failed (sign, bounds, future, staleness, sequencer).
    #[error(transparent)]
    Check(#[from] Rejection),
    /// The feed reports a different number of decimals than configured: its answers would be
    /// misread by orders of magnitude.
    #[error("feed has {actual} decimals, configured for {expected}")]
    WrongDecimals {
        /// Decimals in the configuration.
        expected: u8,
        /// Decimals the feed reports.
        actual: u8,
    },
    /// The contract call reverted (a feed without `latestRoundData`, or a protocol oracle
    /// failing closed). `error` is the decoded custom error when known, else the revert data.
    #[error("call reverted: {error}")]
    Reverted {
        /// The decoded custom error (`NonPositiveAnswer(..)`) or the raw revert data in hex.
        error: String,
    },
    /// The source could not be reached, or answered with an error (RPC failure, connection
    /// refused, HTTP status other than 2xx).
    #[error("source unavailable: {detail}")]
    Unavailable {
        /// What went wrong.
        detail: String,
    },
    /// No answer within the configured timeout.
    #[error("source timed out")]
    Timeout,
    /// The answer could not be parsed: malformed or truncated JSON, a missing path, undecodable
    /// return data.
    #[error("malformed answer: {detail}")]
    Malformed {
        /// What was wrong with it.
        detail: String,
    },
    /// The answer is not a finite decimal number (`"NaN"`, `"Infinity"`, `true`, ...).
    #[error("answer {text:?} is not a number")]
    NotANumber {
        /// The offending JSON text (truncated to 64 bytes).
        text: String,
    },
    /// The number does not fit the exact scale (more than 77 digits once scaled, or a signed
    /// 256-bit overflow).
    #[error("answer {text:?} is out of range")]
    OutOfRange {
        /// The offending text (truncated to 64 bytes).
        text: String,
    },
    /// The sources of a median disagree by more than the configured deviation (circuit breaker).
    #[error("sources deviate by {spread_bps} bps, more than {max_bps} bps")]
    Deviation {
        /// `ceil((max - min) * 10_000 / median)`.
        spread_bps: U256,
        /// The configured maximum.
        max_bps: u32,
    },
    /// Fewer healthy sources than the median requires.
    #[error("{healthy} healthy sources, {required} required")]
    Quorum {
        /// Sources currently trusted.
        healthy: usize,
        /// Sources the median needs.
        required: usize,
    },
}

/// The kind of a [`RejectReason`] without its values: what metrics count and what "the same reason
/// again" means for logging.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[repr(u8)]
pub enum RejectKind {
    /// [`Rejection::NonPositiveAnswer`].
    NonPositive,
    /// [`Rejection::AnswerOutOfBounds`].
    OutOfBounds,
    /// [`Rejection::FutureAnswer`].
    Future,
    /// [`Rejection::StaleAnswer`].
    Stale,
    /// [`Rejection::SequencerDown`], [`Rejection::SequencerRoundInvalid`].
    SequencerDown,
    /// [`Rejection::GracePeriodNotOver`].
    GracePeriod,
    /// [`RejectReason::WrongDecimals`].
    WrongDecimals,
    /// [`RejectReason::Reverted`].
    Reverted,
    /// [`RejectReason::Unavailable`].
    Unavailable,
    /// [`RejectReason::Timeout`].
    Timeout,
    /// [`RejectReason::Malformed`].
    Malformed,
    /// [`RejectReason::NotANumber`].
    NotANumber,
    /// [`RejectReason::OutOfRange`].
    OutOfRange,
    /// [`RejectReason::Deviation`].
    Deviation,
    /// [`RejectReason::Quorum`].
    Quorum,
}

impl RejectKind {
    /// Number of kinds (size of per-kind counter arrays).
    pub const COUNT: usize = 15;

    /// Every kind, in discriminant order.
    pub const ALL: [Self; Self::COUNT] = [
        Self::NonPositive,
        Self::OutOfBounds,
        Self::Future,
        Self::Stale,
        Self::SequencerDown,
        Self::GracePeriod,
        Self::WrongDecimals,
        Self::Reverted,
        Self::Unavailable,
        Self::Timeout,
        Self::Malformed,
        Self::NotANumber,
        Self::OutOfRange,
        Self::Deviation,
        Self::Quorum,
    ];

    /// A short stable label for logs and metrics.
    pub fn label(self) -> &'static str {
        match self {
            Self::NonPositive => "non_positive",
            Self::OutOfBounds => "out_of_bounds",
            Self::Future => "future",
            Self::Stale => "stale",
            Self::SequencerDown => "sequencer_down",
            Self::GracePeriod => "grace_period",
            Self::WrongDecimals => "wrong_decimals",
            Self::Reverted => "reverted",
            Self::Unavailable => "unavailable",
            Self::Timeout => "timeout",
            Self::Malformed => "malformed",
            Self::NotANumber => "not_a_number",
            Self::OutOfRange => "out_of_range",
            Self::Deviation => "deviation",
            Self::Quorum => "quorum",
        }
    }
}

impl RejectReason {
    /// The reason's kind.
    pub fn kind(&self) -> RejectKind {
        match self {
            Self::Check(r) => match r {
                Rejection::NonPositiveAnswer { .. } => RejectKind::NonPositive,
                Rejection::AnswerOutOfBounds { .. } => RejectKind::OutOfBounds,
                Rejection::FutureAnswer { .. } => RejectKind::Future,
                Rejection::StaleAnswer { .. } => RejectKind::Stale,
                Rejection::SequencerDown | Rejection::SequencerRoundInvalid => {
                    RejectKind::SequencerDown
                }
                Rejection::GracePeriodNotOver { .. } => RejectKind::GracePeriod,
            },
            Self::WrongDecimals { .. } => RejectKind::WrongDecimals,
            Self::Reverted { .. } => RejectKind::Reverted,
            Self::Unavailable { .. } => RejectKind::Unavailable,
            Self::Timeout => RejectKind::Timeout,
            Self::Malformed { .. } => RejectKind::Malformed,
            Self::NotANumber { .. } => RejectKind::NotANumber,
            Self::OutOfRange { .. } => RejectKind::OutOfRange,
            Self::Deviation { .. } => RejectKind::Deviation,
            Self::Quorum { .. } => RejectKind::Quorum,
        }
    }

    /// Whether retrying the same request soon may succeed (transport trouble), as opposed to an
    /// answer that was read fine and refused.
    pub fn is_retryable(&self) -> bool {
        matches!(self, Self::Unavailable { .. } | Self::Timeout)
    }
}

/// At most 64 bytes of `text` (on a char boundary), for error messages about hostile input.
#[cfg(feature = "http")]
pub(crate) fn snippet(text: &str) -> String {
    let mut end = text.len().min(64);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text[..end].to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_are_dense_and_labelled() {
        for (i, kind) in RejectKind::ALL.iter().enumerate() {
            assert_eq!(*kind as usize, i);
            assert!(!kind.label().is_empty());
        }
    }

    #[test]
    #[cfg(feature = "http")]
    fn snippet_respects_char_boundaries() {
        let s = "é".repeat(40);
        assert_eq!(snippet(&s).len(), 64);
        assert_eq!(snippet("abc"), "abc");
    }
}
