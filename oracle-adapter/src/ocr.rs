//! Chainlink OCR transmissions decoded from calldata: the answer a pending `transmit` to an
//! aggregator would write, read without a call.
//!
//! Checked against Chainlink's own contracts in `smartcontractkit/libocr` (found with a code search):
//! `contract2/OCR2Aggregator.sol` (commit `1a7e0789`; `AccessControlledOCR2Aggregator`, the
//! aggregator behind data feeds' proxies, only adds read access checks to it) and
//! `contract/OffchainAggregator.sol` (commit `0bcbfea1`):
//!
//! - OCR2: `transmit(bytes32[3] reportContext, bytes report, bytes32[] rs, bytes32[] ss, bytes32
//!   rawVs)`. `_decodeReport` reads the report as `abi.decode(report, (uint32, bytes32, int192[],
//!   int192))` (observations timestamp, observers, observations, juels per fee coin) and requires
//!   it to be exactly `5 + n` words long; `_report` stores `observations[n / 2]` as the answer, the
//!   observations timestamp as the round's `startedAt` and `block.timestamp` as its `updatedAt`
//!   (what `latestRoundData()` returns). It does not check that the observations are sorted: the
//!   oracles sign sorted reports, and the contract takes the middle element whatever it is.
//! - OCR1 (deprecated, still cheap to read): `transmit(bytes report, bytes32[] rs, bytes32[] ss,
//!   bytes32 rawVs)` with the report `abi.decode`d as `(bytes32, bytes32, int192[])` (report
//!   context, observers, observations). The contract requires sorted observations, stores
//!   `observations[n / 2]`, and reports `startedAt = updatedAt = block.timestamp`.
//! - Both require the calldata to be exactly as long as its parts (no trailing bytes), and at most
//!   31 observations (`maxNumOracles`); OCR2 requires more than `f` of them, OCR1 more than twice
//!   its threshold: at least one either way.
//!
//! What needs the aggregator's state is not checked here: the signatures and the transmitter, the
//! config digest and epoch, `f`, and `minAnswer <= median <= maxAnswer`. A transmission failing
//! those reverts when mined, so its speculative answer never lands; the feed's policy still judges
//! the median like any other answer.

use alloy::primitives::aliases::I192;
use alloy::primitives::{I256, U256};
use alloy::sol;
use alloy::sol_types::{SolCall, SolType};

sol! {
    /// Chainlink's OCR2 aggregator (`OCR2Aggregator`): the transmission that writes a round.
    interface IOCR2Aggregator {
        function transmit(
            bytes32[3] reportContext,
            bytes report,
            bytes32[] rs,
            bytes32[] ss,
            bytes32 rawVs
        ) external;
    }

    /// An OCR2 median report: `abi.encode` of these four values, in this order.
    struct Ocr2Report {
        uint32 observationsTimestamp;
        bytes32 rawObservers;
        int192[] observations;
        int192 juelsPerFeeCoin;
    }

    /// Chainlink's OCR1 aggregator (`OffchainAggregator`): the transmission that writes a round.
    interface IOffchainAggregator {
        function transmit(bytes report, bytes32[] rs, bytes32[] ss, bytes32 rawVs) external;
    }

    /// An OCR1 report: `abi.encode` of these three values, in this order.
    struct Ocr1Report {
        bytes32 rawReportContext;
        bytes32 rawObservers;
        int192[] observations;
    }
}

/// Most observations a report may carry (`maxNumOracles` in both contracts).
const MAX_OBSERVATIONS: usize = 31;

/// Calldata bytes of an OCR2 `transmit` besides the report's bytes and the signatures' words:
/// the selector, 3 words of report context, 3 offsets, `rawVs`, 3 lengths
/// (`TRANSMIT_MSGDATA_CONSTANT_LENGTH_COMPONENT`).
const OCR2_FIXED_LEN: usize = 4 + 32 * 10;

/// The same for OCR1: the selector, 3 offsets, `rawVs`, 3 lengths.
const OCR1_FIXED_LEN: usize = 4 + 32 * 7;

/// The round a transmission would write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Transmission {
    /// The median observation: the round's answer (feed decimals, sign kept).
    pub answer: I256,
    /// The round's `startedAt` (unix seconds) when the report carries it (OCR2's observations
    /// timestamp); `None` for OCR1, whose rounds start in the block they land in.
    pub started_at: Option<u64>,
}

/// Decodes `input`, the calldata of a transaction to an aggregator, as an OCR2 or OCR1 `transmit`.
/// `None` for any other call, and for a transmission its aggregator would refuse for its shape
/// alone (malformed, empty, too many observations, OCR1 observations out of order).
pub fn decode_transmit(input: &[u8]) -> Option<Transmission> {
    let selector: [u8; 4] = input.get(..4)?.try_into().ok()?;
    match selector {
        IOCR2Aggregator::transmitCall::SELECTOR => decode_ocr2(input),
        IOffchainAggregator::transmitCall::SELECTOR => decode_ocr1(input),
        _ => None,
    }
}

fn decode_ocr2(input: &[u8]) -> Option<Transmission> {
    let call = IOCR2Aggregator::transmitCall::abi_decode_validate(input).ok()?;
    let signature_words = call.rs.len() + call.ss.len();
    if !exact_len(input, OCR2_FIXED_LEN, call.report.len(), signature_words) {
        return None;
    }
    let report = Ocr2Report::abi_decode_params_validate(&call.report).ok()?;
    // `_requireExpectedReportLength`: four head words, the array's length, one word per observation.
    if call.report.len() != 32 * (5 + report.observations.len()) {
        return None;
    }
    Some(Transmission {
        answer: median(&report.observations)?,
        started_at: Some(u64::from(report.observationsTimestamp)),
    })
}

fn decode_ocr1(input: &[u8]) -> Option<Transmission> {
    let call = IOffchainAggregator::transmitCall::abi_decode_validate(input).ok()?;
    let signature_words = call.rs.len() + call.ss.len();
    if !exact_len(input, OCR1_FIXED_LEN, call.report.len(), signature_words) {
        return None;
    }
    let report = Ocr1Report::abi_decode_params_validate(&call.report).ok()?;
    if !report.observations.is_sorted() {
        return None;
    }
    Some(Transmission {
        answer: median(&report.observations)?,
        started_at: None,
    })
}

/// Whether `input` is exactly as long as the aggregator requires: `fixed` bytes, the report's
/// bytes (as many as its length says, unpadded) and 32 per signature word. Longer calldata (padding
/// the transmitter would be reimbursed for) reverts.
fn exact_len(input: &[u8], fixed: usize, report_len: usize, signature_words: usize) -> bool {
    Some(input.len())
        == report_len
            .checked_add(fixed)
            .and_then(|n| n.checked_add(signature_words.checked_mul(32)?))
}

/// `observations[n / 2]` as the contract takes it, widened to `I256`; `None` for no observations or
/// more than [`MAX_OBSERVATIONS`].
fn median(observations: &[I192]) -> Option<I256> {
    if observations.is_empty() || observations.len() > MAX_OBSERVATIONS {
        return None;
    }
    let mid = observations[observations.len() / 2];
    I256::checked_from_sign_and_abs(mid.sign(), U256::from(mid.unsigned_abs()))
}

#[cfg(test)]
mod tests {
    use alloy::primitives::{B256, Bytes};
    use alloy::sol_types::SolValue;

    use super::*;

    fn i192(x: i64) -> I192 {
        I192::try_from(x).unwrap()
    }

    fn i256(x: i64) -> I256 {
        I256::try_from(x).unwrap()
    }

    fn ocr2_report(timestamp: u32, observations: &[i64]) -> Bytes {
        Ocr2Report {
            observationsTimestamp: timestamp,
            rawObservers: B256::repeat_byte(0x01),
            observations: observations.iter().map(|&x| i192(x)).collect(),
            juelsPerFeeCoin: i192(5_000_000_000_000_000),
        }
        .abi_encode_params()
        .into()
    }

    fn ocr2_transmit(report: Bytes) -> Vec<u8> {
        IOCR2Aggregator::transmitCall {
            reportContext: [
                B256::repeat_byte(0xcd),
                B256::with_last_byte(0x21),
                B256::ZERO,
            ],
            report,
            rs: vec![B256::repeat_byte(0xaa); 2],
            ss: vec![B256::repeat_byte(0xbb); 2],
            rawVs: B256::ZERO,
        }
        .abi_encode()
    }

    fn ocr1_transmit(observations: &[i64]) -> Vec<u8> {
        let report = Ocr1Report {
            rawReportContext: B256::with_last_byte(0x07),
            rawObservers: B256::repeat_byte(0x02),
            observations: observations.iter().map(|&x| i192(x)).collect(),
        }
        .abi_encode_params();
        IOffchainAggregator::transmitCall {
            report: report.into(),
            rs: vec![B256::repeat_byte(0xaa)],
            ss: vec![B256::repeat_byte(0xbb)],
            rawVs: B256::ZERO,
        }
        .abi_encode()
    }

    #[test]
    fn selectors_are_chainlinks() {
        // As Chainlink's generated bindings and block explorers name them.
        assert_eq!(
            IOCR2Aggregator::transmitCall::SELECTOR,
            [0xb1, 0xdc, 0x65, 0xa4]
        );
        assert_eq!(
            IOffchainAggregator::transmitCall::SELECTOR,
            [0xc9, 0x80, 0x75, 0x39]
        );
    }

    #[test]
    fn ocr2_answer_is_the_middle_observation_sign_kept() {
        let cases: [(&[i64], i64); 6] = [
            (&[42], 42),
            (&[1, 2, 3], 2),
            // Even count: the upper middle (index n / 2), no averaging.
            (&[10, 20, 30, 40], 30),
            (&[-30, -20, -10], -20),
            (&[-5, -1, 7, 9], 7),
            (&[-9, -4, -3, -2, 100], -3),
        ];
        for (observations, want) in cases {
            let input = ocr2_transmit(ocr2_report(1_700_000_000, observations));
            assert_eq!(
                decode_transmit(&input),
                Some(Transmission {
                    answer: i256(want),
                    started_at: Some(1_700_000_000),
                }),
                "{observations:?}"
            );
        }
    }

    #[test]
    fn ocr2_takes_the_middle_element_even_unsorted() {
        // The contract does not check the order: it stores whatever sits at index n / 2.
        let input = ocr2_transmit(ocr2_report(1, &[9, -4, 1]));
        assert_eq!(decode_transmit(&input).map(|t| t.answer), Some(i256(-4)));
    }

    #[test]
    fn ocr2_extremes_of_int192_widen_exactly() {
        let report = Ocr2Report {
            observationsTimestamp: u32::MAX,
            rawObservers: B256::ZERO,
            observations: vec![I192::MIN, I192::MIN, I192::MAX],
            juelsPerFeeCoin: I192::ZERO,
        };
        let input = ocr2_transmit(report.abi_encode_params().into());
        let t = decode_transmit(&input).unwrap();
        assert_eq!(t.answer, I256::ONE.wrapping_neg() << 191);
        assert_eq!(t.started_at, Some(u64::from(u32::MAX)));
    }

    #[test]
    fn malformed_and_empty_transmissions_set_nothing() {
        let good = ocr2_transmit(ocr2_report(7, &[1, 2, 3]));
        assert!(decode_transmit(&good).is_some());
        // No observations: the contract's median would index out of bounds.
        assert_eq!(decode_transmit(&ocr2_transmit(ocr2_report(7, &[]))), None);
        // More than 31 observations.
        let many: Vec<i64> = (0..32).collect();
        assert_eq!(decode_transmit(&ocr2_transmit(ocr2_report(7, &many))), None);
        // Calldata cut anywhere, or with a byte more.
        for cut in [0, 3, 4, 36, good.len() / 2, good.len() - 1] {
            assert_eq!(decode_transmit(&good[..cut]), None, "cut at {cut}");
        }
        let mut longer = good.clone();
        longer.push(0);
        assert_eq!(decode_transmit(&longer), None);
        // A report cut short (its last observation gone), or padded with a word.
        let report = ocr2_report(7, &[1, 2, 3]);
        let short = Bytes::copy_from_slice(&report[..report.len() - 32]);
        assert_eq!(decode_transmit(&ocr2_transmit(short)), None);
        let mut padded = report.to_vec();
        padded.extend([0; 32]);
        assert_eq!(decode_transmit(&ocr2_transmit(padded.into())), None);
        // Not a report at all.
        assert_eq!(
            decode_transmit(&ocr2_transmit(Bytes::from_static(b"hello"))),
            None
        );
    }

    #[test]
    fn other_calls_set_nothing() {
        let mut wrong_selector = ocr2_transmit(ocr2_report(7, &[1, 2, 3]));
        wrong_selector[0] ^= 0xff;
        assert_eq!(decode_transmit(&wrong_selector), None);
        assert_eq!(decode_transmit(&[]), None);
        assert_eq!(decode_transmit(&[0xb1, 0xdc, 0x65]), None);
        // An OCR2 transmission's arguments under the OCR1 selector, and the reverse.
        let mut ocr2_as_ocr1 = ocr2_transmit(ocr2_report(7, &[1, 2, 3]));
        ocr2_as_ocr1[..4].copy_from_slice(&IOffchainAggregator::transmitCall::SELECTOR);
        assert_eq!(decode_transmit(&ocr2_as_ocr1), None);
        let mut ocr1_as_ocr2 = ocr1_transmit(&[1, 2, 3]);
        ocr1_as_ocr2[..4].copy_from_slice(&IOCR2Aggregator::transmitCall::SELECTOR);
        assert_eq!(decode_transmit(&ocr1_as_ocr2), None);
    }

    #[test]
    fn ocr1_answer_is_the_middle_of_sorted_observations() {
        let t = decode_transmit(&ocr1_transmit(&[-8, -6, -1, 4])).unwrap();
        assert_eq!(
            t,
            Transmission {
                answer: i256(-1),
                started_at: None
            }
        );
        assert_eq!(
            decode_transmit(&ocr1_transmit(&[3])).map(|t| t.answer),
            Some(i256(3))
        );
        // Unsorted: the contract reverts ("observations not sorted").
        assert_eq!(decode_transmit(&ocr1_transmit(&[1, 3, 2])), None);
        assert_eq!(decode_transmit(&ocr1_transmit(&[])), None);
        let good = ocr1_transmit(&[1, 2, 3]);
        assert_eq!(decode_transmit(&good[..good.len() - 1]), None);
    }

    /// One ABI word: `x` sign-extended to 32 bytes, big-endian.
    fn word(x: i128) -> [u8; 32] {
        let fill = if x < 0 { 0xff } else { 0 };
        let mut w = [fill; 32];
        w[16..].copy_from_slice(&x.to_be_bytes());
        w
    }

    /// An OCR2 transmission assembled word by word, without the `sol!` encoder, so that a mistake
    /// in the declarations above (a type, an order, a dynamic field) fails here.
    #[test]
    fn ocr2_hand_assembled_vector() {
        let observations: [i128; 3] = [-250_000_000_000, -200_000_000_000, 310_000_000_000];
        // bytes32 rawObservers: observer i made observation i (left-aligned bytes 0, 1, 2).
        let mut observers = [0u8; 32];
        observers[..3].copy_from_slice(&[0, 1, 2]);
        let mut report: Vec<[u8; 32]> = vec![
            word(1_712_345_678), // uint32 observationsTimestamp
            observers,
            word(4 * 32),    // offset of int192[] observations: after the 4 head words
            word(1_000_000), // int192 juelsPerFeeCoin
            word(3),         // observations.length
        ];
        report.extend(observations.map(word));
        let report_len = 32 * report.len() as i128; // 8 words: 256 bytes
        assert_eq!(report_len, 256);

        let mut calldata: Vec<u8> = vec![0xb1, 0xdc, 0x65, 0xa4];
        let head: [[u8; 32]; 7] = [
            [0xcd; 32],                          // reportContext[0]: config digest
            word(0x0102),                        // reportContext[1]: epoch 1, round 2
            [0; 32],                             // reportContext[2]: extra hash
            word(7 * 32),                        // offset of report: after the 7 head words
            word(7 * 32 + 32 + report_len),      // offset of rs: after report's length and bytes
            word(7 * 32 + 32 + report_len + 64), // offset of ss: after rs's length and 1 word
            [0; 32],                             // rawVs
        ];
        let tail: Vec<[u8; 32]> = [word(report_len)]
            .into_iter()
            .chain(report)
            .chain([word(1), [0xaa; 32]]) // rs: one signature
            .chain([word(1), [0xbb; 32]]) // ss: one signature
            .collect();
        for w in head.iter().chain(&tail) {
            calldata.extend_from_slice(w);
        }
        // Selector, 7 head words, the report's length and 8 words, 2 words for each signature array.
        assert_eq!(calldata.len(), 4 + 32 * (7 + 1 + 8 + 2 + 2));

        assert_eq!(
            decode_transmit(&calldata),
            Some(Transmission {
                answer: i256(-200_000_000_000),
                started_at: Some(1_712_345_678),
            })
        );
    }
}
