//! The checks `ChainlinkOracle` applies to every feed before it trusts an answer, as pure functions.
//!
//! The keeper runs the same checks, in the same order, on the answers it reads: where the contract
//! would revert, the keeper gets a [`Rejection`] instead of a price, so it never values a position at
//! a price the contract would refuse. (The contract fails closed; so must the keeper, or it would
//! simulate liquidations that revert on-chain.)

use alloy_primitives::{I256, U256};

use crate::error::{Error, FeedRole, Result};

/// How one feed's answers are checked: the contract's `FeedConfig` without the feed address.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FeedLimits {
    /// Maximum age of an answer (seconds).
    pub heartbeat: U256,
    /// Exclusive lower bound on answers (feed decimals), `>= 0`.
    pub min_answer: I256,
    /// Exclusive upper bound on answers (feed decimals).
    pub max_answer: I256,
}

impl FeedLimits {
    /// The constructor's `_validate`: a non-zero heartbeat, `min >= 0`, and at least one integer
    /// strictly between the bounds.
    pub fn validate(&self, feed: FeedRole) -> Result<()> {
        if self.heartbeat.is_zero() {
            return Err(Error::ZeroHeartbeat { feed });
        }
        let (min, max) = (self.min_answer, self.max_answer);
        // With `0 <= min < max` the difference cannot overflow.
        if min.is_negative() || max <= min || max - min < I256::try_from(2).expect("2 fits") {
            return Err(Error::InvalidBounds { feed, min, max });
        }
        Ok(())
    }
}

/// The fields of a price feed's `latestRoundData()` that the checks read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FeedRound {
    /// The answer (feed decimals).
    pub answer: I256,
    /// When the answer was computed (unix seconds).
    pub updated_at: U256,
}

/// The fields of an L2 sequencer uptime feed's `latestRoundData()` that the checks read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SequencerRound {
    /// 0 when the sequencer is up; anything else counts as down.
    pub answer: I256,
    /// When the sequencer's current status began (unix seconds); 0 for an uninitialised round.
    pub started_at: U256,
}

/// Why the contract would refuse an answer: one variant per revert of `_read` and `_checkSequencer`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, thiserror::Error)]
pub enum Rejection {
    /// The answer is zero or negative (`NonPositiveAnswer`).
    #[error("answer {answer} is not positive (NonPositiveAnswer)")]
    NonPositiveAnswer {
        /// The feed's answer.
        answer: I256,
    },
    /// The answer is on or outside the feed's exclusive bounds (`AnswerOutOfBounds`).
    #[error("answer {answer} is on or outside its bounds (AnswerOutOfBounds)")]
    AnswerOutOfBounds {
        /// The feed's answer.
        answer: I256,
    },
    /// The answer is timestamped after the current block (`FutureAnswer`).
    #[error("answer updated at {updated_at}, after the current block (FutureAnswer)")]
    FutureAnswer {
        /// The answer's timestamp (unix seconds).
        updated_at: U256,
    },
    /// The answer is older than the feed's heartbeat (`StaleAnswer`).
    #[error("answer updated at {updated_at} is stale (StaleAnswer)")]
    StaleAnswer {
        /// The answer's timestamp (unix seconds).
        updated_at: U256,
    },
    /// The sequencer uptime feed reports the sequencer down (`SequencerDown`).
    #[error("sequencer is down (SequencerDown)")]
    SequencerDown,
    /// The sequencer uptime feed reports `startedAt == 0` (`SequencerRoundInvalid`).
    #[error("sequencer round is invalid (SequencerRoundInvalid)")]
    SequencerRoundInvalid,
    /// The sequencer came back up at most the grace period ago (`GracePeriodNotOver`).
    #[error("sequencer up since {up_since}, grace period not over (GracePeriodNotOver)")]
    GracePeriodNotOver {
        /// When the sequencer came back up (unix seconds).
        up_since: U256,
    },
}

/// `_read`: the answer as an unsigned price if the contract would accept it at block time `now`
/// (unix seconds), else the first check it fails, in the contract's order: sign, bounds, future,
/// staleness.
pub fn check_feed(
    limits: &FeedLimits,
    round: &FeedRound,
    now: u64,
) -> core::result::Result<U256, Rejection> {
    let answer = round.answer;
    if !answer.is_positive() {
        return Err(Rejection::NonPositiveAnswer { answer });
    }
    if answer <= limits.min_answer || answer >= limits.max_answer {
        return Err(Rejection::AnswerOutOfBounds { answer });
    }
    let now = U256::from(now);
    let updated_at = round.updated_at;
    // Before staleness, whose subtraction would underflow.
    if updated_at > now {
        return Err(Rejection::FutureAnswer { updated_at });
    }
    if now - updated_at > limits.heartbeat {
        return Err(Rejection::StaleAnswer { updated_at });
    }
    Ok(answer.into_raw())
}

/// `_checkSequencer`: whether the contract would trust prices at block time `now` (unix seconds)
/// given the sequencer uptime feed's round and the oracle's grace period (seconds).
///
/// A `started_at` in the future counts as "just came back up", and the grace period is inclusive:
/// prices are trusted only strictly after `started_at + grace_period`.
pub fn check_sequencer(
    round: &SequencerRound,
    grace_period: U256,
    now: u64,
) -> core::result::Result<(), Rejection> {
    if !round.answer.is_zero() {
        return Err(Rejection::SequencerDown);
    }
    let up_since = round.started_at;
    if up_since.is_zero() {
        return Err(Rejection::SequencerRoundInvalid);
    }
    let now = U256::from(now);
    if up_since > now || now - up_since <= grace_period {
        return Err(Rejection::GracePeriodNotOver { up_since });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: u64 = 1_700_000_000; // Seconds, as the Solidity tests' START.
    const DAY: u64 = 86_400; // Seconds.
    const E8: i128 = 100_000_000; // One unit of an 8-decimal feed.

    fn int(x: i128) -> I256 {
        I256::try_from(x).unwrap()
    }

    fn limits(min: i128, max: i128) -> FeedLimits {
        FeedLimits {
            heartbeat: U256::from(DAY),
            min_answer: int(min),
            max_answer: int(max),
        }
    }

    fn round(answer: i128, updated_at: u64) -> FeedRound {
        FeedRound {
            answer: int(answer),
            updated_at: U256::from(updated_at),
        }
    }

    #[test]
    fn check_feed_table() {
        use Rejection::*;
        let l = limits(100 * E8, 100_000 * E8);
        let cases: &[(&str, FeedRound, core::result::Result<i128, Rejection>)] = &[
            ("fresh in bounds", round(3000 * E8, NOW), Ok(3000 * E8)),
            (
                "zero",
                round(0, NOW),
                Err(NonPositiveAnswer { answer: int(0) }),
            ),
            (
                "negative",
                round(-1, NOW),
                Err(NonPositiveAnswer { answer: int(-1) }),
            ),
            (
                "on min",
                round(100 * E8, NOW),
                Err(AnswerOutOfBounds {
                    answer: int(100 * E8),
                }),
            ),
            ("just above min", round(100 * E8 + 1, NOW), Ok(100 * E8 + 1)),
            (
                "on max",
                round(100_000 * E8, NOW),
                Err(AnswerOutOfBounds {
                    answer: int(100_000 * E8),
                }),
            ),
            (
                "just below max",
                round(100_000 * E8 - 1, NOW),
                Ok(100_000 * E8 - 1),
            ),
            (
                "exactly heartbeat old",
                round(3000 * E8, NOW - DAY),
                Ok(3000 * E8),
            ),
            (
                "one second stale",
                round(3000 * E8, NOW - DAY - 1),
                Err(StaleAnswer {
                    updated_at: U256::from(NOW - DAY - 1),
                }),
            ),
            (
                "one second in the future",
                round(3000 * E8, NOW + 1),
                Err(FutureAnswer {
                    updated_at: U256::from(NOW + 1),
                }),
            ),
            (
                "timestamp zero",
                round(3000 * E8, 0),
                Err(StaleAnswer {
                    updated_at: U256::ZERO,
                }),
            ),
            // Order: sign before bounds before time.
            (
                "negative and stale",
                round(-5, 0),
                Err(NonPositiveAnswer { answer: int(-5) }),
            ),
            (
                "out of bounds and future",
                round(1, NOW + 1),
                Err(AnswerOutOfBounds { answer: int(1) }),
            ),
        ];
        for (name, r, want) in cases {
            let got = check_feed(&l, r, NOW);
            assert_eq!(got, want.map(U256::from), "{name}");
        }
    }

    #[test]
    fn check_feed_huge_timestamp_is_future() {
        let r = FeedRound {
            answer: int(5),
            updated_at: U256::MAX,
        };
        assert_eq!(
            check_feed(&limits(0, 10), &r, NOW),
            Err(Rejection::FutureAnswer {
                updated_at: U256::MAX
            })
        );
    }

    #[test]
    fn check_sequencer_table() {
        use Rejection::*;
        let grace = U256::from(3600);
        let seq = |answer: i128, started_at: u64| SequencerRound {
            answer: int(answer),
            started_at: U256::from(started_at),
        };
        let cases: &[(&str, SequencerRound, core::result::Result<(), Rejection>)] = &[
            ("up long ago", seq(0, NOW - DAY), Ok(())),
            ("down", seq(1, NOW - DAY), Err(SequencerDown)),
            (
                "any non-zero answer is down",
                seq(-1, NOW - DAY),
                Err(SequencerDown),
            ),
            ("uninitialised round", seq(0, 0), Err(SequencerRoundInvalid)),
            ("down beats invalid round", seq(1, 0), Err(SequencerDown)),
            (
                "exactly grace period",
                seq(0, NOW - 3600),
                Err(GracePeriodNotOver {
                    up_since: U256::from(NOW - 3600),
                }),
            ),
            ("one second past grace", seq(0, NOW - 3601), Ok(())),
            (
                "started in the future",
                seq(0, NOW + 10),
                Err(GracePeriodNotOver {
                    up_since: U256::from(NOW + 10),
                }),
            ),
        ];
        for (name, s, want) in cases {
            assert_eq!(check_sequencer(s, grace, NOW), *want, "{name}");
        }
    }

    #[test]
    fn validate_mirrors_constructor() {
        let ok = |min, max| limits(min, max).validate(FeedRole::Base);
        assert_eq!(ok(0, 2), Ok(()));
        assert_eq!(ok(0, 1_000_000), Ok(()));
        for (min, max) in [(-1, 10), (10, 10), (11, 10), (10, 11), (0, 1)] {
            assert_eq!(
                ok(min, max),
                Err(Error::InvalidBounds {
                    feed: FeedRole::Base,
                    min: int(min),
                    max: int(max)
                }),
                "({min}, {max})"
            );
        }
        let extreme = FeedLimits {
            heartbeat: U256::from(1),
            min_answer: I256::MAX,
            max_answer: I256::ZERO,
        };
        assert!(matches!(
            extreme.validate(FeedRole::Quote),
            Err(Error::InvalidBounds { .. })
        ));
        let zero_heartbeat = FeedLimits {
            heartbeat: U256::ZERO,
            ..limits(0, 10)
        };
        assert_eq!(
            zero_heartbeat.validate(FeedRole::Quote),
            Err(Error::ZeroHeartbeat {
                feed: FeedRole::Quote
            })
        );
    }
}
