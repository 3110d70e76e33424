//! Per-feed safety policy: which observations become prices.
//!
//! The checks are the contract's ([`crate::checks`]), in the contract's order (sequencer, sign,
//! bounds, future, staleness), preceded by a decimals check the contract does once in its
//! constructor and the keeper must repeat: a feed re-deployed with other decimals would otherwise be
//! misread by orders of magnitude.

use alloy::primitives::{I256, U256};

use crate::checks::{FeedLimits, SequencerRound, check_feed, check_sequencer};
use crate::price::{MAX_DECIMALS, Price};
use crate::reject::RejectReason;
use crate::source::Observation;

/// How one source's observations are judged.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FeedPolicy {
    /// Heartbeat (seconds) and exclusive answer bounds (feed decimals), as `ChainlinkOracle`'s.
    pub limits: FeedLimits,
    /// The decimals the answers must have; `None` accepts whatever the source reports.
    pub expected_decimals: Option<u8>,
    /// Whether answers are refused while the stream's L2 sequencer feed is down or in its grace
    /// period (ignored when the stream has no sequencer feed).
    pub check_sequencer: bool,
}

impl FeedPolicy {
    /// Positive answers only, no bounds, never stale: for sources that are already checked
    /// elsewhere (the protocol's oracles revert instead of answering badly).
    pub fn unchecked() -> Self {
        Self {
            limits: FeedLimits {
                heartbeat: U256::MAX,
                min_answer: I256::ZERO,
                max_answer: I256::MAX,
            },
            expected_decimals: None,
            check_sequencer: false,
        }
    }

    /// `heartbeat` seconds, answers strictly between `min_answer` and `max_answer`, the given
    /// decimals, and the sequencer checked.
    pub fn new(heartbeat: u64, min_answer: I256, max_answer: I256, decimals: u8) -> Self {
        Self {
            limits: FeedLimits {
                heartbeat: U256::from(heartbeat),
                min_answer,
                max_answer,
            },
            expected_decimals: Some(decimals),
            check_sequencer: true,
        }
    }

    /// The price `observation` stands for, or why it must not be used. `sequencer` is the sequencer
    /// feed's latest round and grace period (seconds), when the stream has one.
    pub fn evaluate(
        &self,
        observation: &Observation,
        sequencer: Option<(&SequencerRound, U256)>,
    ) -> Result<Price, RejectReason> {
        let decimals = observation.decimals;
        if let Some(expected) = self.expected_decimals
            && expected != decimals
        {
            return Err(RejectReason::WrongDecimals {
                expected,
                actual: decimals,
            });
        }
        if decimals > MAX_DECIMALS {
            return Err(RejectReason::OutOfRange {
                text: format!("{decimals} decimals"),
            });
        }
        if self.check_sequencer
            && let Some((round, grace)) = sequencer
        {
            check_sequencer(round, grace, observation.now)?;
        }
        let round = crate::checks::FeedRound {
            answer: observation.answer,
            updated_at: U256::from(observation.updated_at),
        };
        let value = check_feed(&self.limits, &round, observation.now)?;
        Ok(Price { value, decimals })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::Rejection;

    const NOW: u64 = 1_700_000_000;

    fn obs(answer: i64, decimals: u8, updated_at: u64) -> Observation {
        Observation {
            answer: I256::try_from(answer).unwrap(),
            decimals,
            updated_at,
            started_at: updated_at,
            now: NOW,
            block: Some(1),
        }
    }

    fn policy() -> FeedPolicy {
        FeedPolicy::new(
            3600,
            I256::try_from(100).unwrap(),
            I256::try_from(1_000_000).unwrap(),
            8,
        )
    }

    #[test]
    fn evaluate_table() {
        let up = SequencerRound {
            answer: I256::ZERO,
            started_at: U256::from(NOW - 7200),
        };
        let down = SequencerRound {
            answer: I256::ONE,
            started_at: U256::from(NOW - 7200),
        };
        let recent = SequencerRound {
            answer: I256::ZERO,
            started_at: U256::from(NOW - 10),
        };
        let grace = U256::from(3600);
        type Case<'a> = (
            &'a str,
            Observation,
            Option<&'a SequencerRound>,
            Result<u64, RejectReason>,
        );
        let cases: Vec<Case<'_>> = vec![
            ("fresh", obs(5000, 8, NOW), None, Ok(5000)),
            (
                "fresh, sequencer up",
                obs(5000, 8, NOW),
                Some(&up),
                Ok(5000),
            ),
            (
                "wrong decimals first",
                obs(-1, 18, 0),
                Some(&down),
                Err(RejectReason::WrongDecimals {
                    expected: 8,
                    actual: 18,
                }),
            ),
            (
                "sequencer before the answer",
                obs(-1, 8, NOW),
                Some(&down),
                Err(Rejection::SequencerDown.into()),
            ),
            (
                "grace period",
                obs(5000, 8, NOW),
                Some(&recent),
                Err(Rejection::GracePeriodNotOver {
                    up_since: U256::from(NOW - 10),
                }
                .into()),
            ),
            (
                "negative",
                obs(-5, 8, NOW),
                None,
                Err(Rejection::NonPositiveAnswer {
                    answer: I256::try_from(-5).unwrap(),
                }
                .into()),
            ),
            (
                "above max",
                obs(1_000_000, 8, NOW),
                None,
                Err(Rejection::AnswerOutOfBounds {
                    answer: I256::try_from(1_000_000).unwrap(),
                }
                .into()),
            ),
            (
                "stale",
                obs(5000, 8, NOW - 3601),
                None,
                Err(Rejection::StaleAnswer {
                    updated_at: U256::from(NOW - 3601),
                }
                .into()),
            ),
        ];
        for (name, o, seq, want) in cases {
            let got = policy().evaluate(&o, seq.map(|s| (s, grace)));
            let want = want.map(|v| Price {
                value: U256::from(v),
                decimals: 8,
            });
            assert_eq!(got, want, "{name}");
        }
    }

    #[test]
    fn unchecked_accepts_any_positive_answer() {
        let p = FeedPolicy::unchecked();
        let mut o = obs(1, 36, 0);
        assert!(p.evaluate(&o, None).is_ok());
        o.answer = I256::ZERO;
        assert!(p.evaluate(&o, None).is_err());
        o.answer = I256::MAX;
        assert!(p.evaluate(&o, None).is_err(), "bounds are exclusive");
    }
}
