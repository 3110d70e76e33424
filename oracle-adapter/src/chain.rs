//! Chain sources read through alloy: Chainlink-style `AggregatorV3` feeds and the protocol's own
//! `IOracle` contracts.

use alloy::eips::BlockId;
use alloy::primitives::{Address, Bytes, I256, U256};
use alloy::providers::{DynProvider, Provider};
use alloy::rpc::types::{Log, TransactionRequest};
use alloy::sol;
use alloy::sol_types::{SolCall, SolEvent, SolInterface};
use cantilever_bindings::chainlink_oracle::ChainlinkOracle::{
    ChainlinkOracleErrors, liquidationPriceCall,
};
use tokio::sync::OnceCell;
use tracing::warn;

use crate::ocr;
use crate::reject::RejectReason;
use crate::scale::PRICE_SCALE_DECIMALS;
use crate::source::{BlockRef, Fetch, Observation, PriceSource, SourceKind, WarmUp};

sol! {
    /// Chainlink's `AggregatorV3Interface`, the part the keeper reads.
    interface IAggregatorV3 {
        function decimals() external view returns (uint8);
        function latestRoundData()
            external
            view
            returns (uint80 roundId, int256 answer, uint256 startedAt, uint256 updatedAt, uint80 answeredInRound);
    }

    /// Chainlink's `EACAggregatorProxy` getter of the aggregator it reads (no access check on it).
    interface IAggregatorProxy {
        function aggregator() external view returns (address);
    }

    /// Chainlink's `AggregatorInterface` event, emitted when a round's answer is written.
    interface IAggregatorEvents {
        event AnswerUpdated(int256 indexed current, uint256 indexed roundId, uint256 updatedAt);
    }

    /// The owner-written feeds of the devnet (`OwnerFeed`): the transactions whose pending calldata
    /// tells a price before it lands.
    interface IOwnerFeedWrites {
        function setAnswer(int256 answer) external;
        function setRoundData(int256 answer, uint256 startedAt, uint256 updatedAt) external;
    }
}

pub use IAggregatorEvents::AnswerUpdated;

/// `eth_call` of `data` to `to` at `at`, with reverts turned into [`RejectReason::Reverted`] (decoded
/// with `decode` when it recognises the error) and transport failures into `Unavailable`.
async fn call(
    provider: &DynProvider,
    to: Address,
    data: Vec<u8>,
    at: Option<BlockRef>,
    decode: fn(&[u8]) -> Option<String>,
) -> Result<Bytes, RejectReason> {
    let request = TransactionRequest::default().to(to).input(data.into());
    let block = at.map_or(BlockId::latest(), |b| BlockId::number(b.number));
    match provider.call(request).block(block).await {
        Ok(bytes) => Ok(bytes),
        Err(e) => {
            if let Some(payload) = e.as_error_resp() {
                if let Some(data) = payload.as_revert_data() {
                    let error = decode(&data).unwrap_or_else(|| format!("revert data {data}"));
                    return Err(RejectReason::Reverted { error });
                }
                if payload.message.contains("revert") {
                    return Err(RejectReason::Reverted {
                        error: payload.message.to_string(),
                    });
                }
            }
            Err(RejectReason::Unavailable {
                detail: e.to_string(),
            })
        }
    }
}

fn no_decoder(_: &[u8]) -> Option<String> {
    None
}

fn decode_oracle_error(data: &[u8]) -> Option<String> {
    ChainlinkOracleErrors::abi_decode(data)
        .ok()
        .map(|e| format!("{e:?}"))
}

fn malformed(what: &str, e: impl core::fmt::Display) -> RejectReason {
    RejectReason::Malformed {
        detail: format!("{what}: {e}"),
    }
}

/// The block to judge a read at: `at`, or the latest block.
async fn block_or_latest(
    provider: &DynProvider,
    at: Option<BlockRef>,
) -> Result<BlockRef, RejectReason> {
    if let Some(at) = at {
        return Ok(at);
    }
    let block = provider
        .get_block_by_number(alloy::eips::BlockNumberOrTag::Latest)
        .await
        .map_err(|e| RejectReason::Unavailable {
            detail: e.to_string(),
        })?
        .ok_or_else(|| RejectReason::Unavailable {
            detail: "no latest block".into(),
        })?;
    Ok(BlockRef {
        number: block.header.number,
        timestamp: block.header.timestamp,
    })
}

/// A Chainlink-style `AggregatorV3` feed: `latestRoundData()` read per block, `AnswerUpdated` logs
/// decoded without a read, and pending writes decoded as speculative answers: the devnet
/// `OwnerFeed`'s `setAnswer`/`setRoundData`, and Chainlink's OCR2 and OCR1 `transmit` (the median
/// of the report's observations; see [`crate::ocr`]).
///
/// A Chainlink feed's address is its proxy (`EACAggregatorProxy`), but transmissions are sent to,
/// and `AnswerUpdated` logged by, the aggregator behind it. So the source also answers for that
/// aggregator ([`PriceSource::write_addresses`]), read once with the proxy's `aggregator()` at
/// [`PriceSource::warm_up`]; a feed without that getter (an `OwnerFeed`) is its own aggregator.
/// The aggregator is not read again: if the proxy's owner moves it to a new aggregator, the new
/// one's pending transmissions and logs go unseen until the stream is restarted. Read at every
/// block (logs not followed), prices still come through the proxy; following logs, the feed's price
/// stops moving and is rejected as stale after its heartbeat (fail closed).
#[derive(Debug)]
pub struct AggregatorSource {
    id: String,
    address: Address,
    provider: DynProvider,
    /// `decimals()`, read once (feeds' decimals are immutable) and only once it succeeds.
    decimals: OnceCell<u8>,
    /// The proxy's `aggregator()` (`None`: no such getter, the zero address or the feed itself),
    /// read once it succeeds.
    aggregator: OnceCell<Option<Address>>,
}

impl AggregatorSource {
    /// A feed at `address`; its decimals are read on first use.
    pub fn new(provider: DynProvider, id: impl Into<String>, address: Address) -> Self {
        Self {
            id: id.into(),
            address,
            provider,
            decimals: OnceCell::new(),
            aggregator: OnceCell::new(),
        }
    }

    /// The aggregator behind the feed's proxy, read once: `None` when the feed has no
    /// `aggregator()` getter (the call reverts or does not answer an address) or answers the zero
    /// address or itself.
    ///
    /// # Errors
    /// [`RejectReason::Unavailable`] when the node cannot be asked; read again next time.
    pub async fn aggregator(&self) -> Result<Option<Address>, RejectReason> {
        self.aggregator
            .get_or_try_init(|| async {
                let data = IAggregatorProxy::aggregatorCall {}.abi_encode();
                let ret = match call(&self.provider, self.address, data, None, no_decoder).await {
                    Ok(ret) => ret,
                    Err(RejectReason::Reverted { .. }) => return Ok(None),
                    Err(e) => return Err(e),
                };
                let aggregator = IAggregatorProxy::aggregatorCall::abi_decode_returns(&ret).ok();
                Ok(aggregator.filter(|a| !a.is_zero() && *a != self.address))
            })
            .await
            .copied()
    }

    /// Whether `address` is one this feed's answers are written at (known so far).
    fn writes_at(&self, address: Address) -> bool {
        address == self.address || self.aggregator.get().copied().flatten() == Some(address)
    }

    /// The feed's decimals, read once.
    pub async fn decimals(&self) -> Result<u8, RejectReason> {
        self.decimals
            .get_or_try_init(|| async {
                let data = IAggregatorV3::decimalsCall {}.abi_encode();
                let ret = call(&self.provider, self.address, data, None, no_decoder).await?;
                IAggregatorV3::decimalsCall::abi_decode_returns(&ret)
                    .map_err(|e| malformed("decimals()", e))
            })
            .await
            .copied()
    }

    async fn read(&self, at: Option<BlockRef>) -> Result<Observation, RejectReason> {
        let decimals = self.decimals().await?;
        let block = block_or_latest(&self.provider, at).await?;
        let data = IAggregatorV3::latestRoundDataCall {}.abi_encode();
        let ret = call(&self.provider, self.address, data, Some(block), no_decoder).await?;
        let round = IAggregatorV3::latestRoundDataCall::abi_decode_returns(&ret)
            .map_err(|e| malformed("latestRoundData()", e))?;
        Ok(Observation {
            answer: round.answer,
            decimals,
            updated_at: saturate(round.updatedAt),
            started_at: saturate(round.startedAt),
            now: block.timestamp,
            block: Some(block.number),
        })
    }
}

/// A timestamp as `u64`, saturating (a timestamp beyond `u64` is "far in the future" either way).
fn saturate(x: U256) -> u64 {
    u64::try_from(x).unwrap_or(u64::MAX)
}

impl PriceSource for AggregatorSource {
    fn id(&self) -> &str {
        &self.id
    }

    fn kind(&self) -> SourceKind {
        SourceKind::Aggregator
    }

    fn fetch(&self, at: Option<BlockRef>) -> Fetch<'_> {
        Box::pin(self.read(at))
    }

    fn address(&self) -> Option<Address> {
        Some(self.address)
    }

    fn write_addresses(&self) -> Vec<Address> {
        let behind = self.aggregator.get().copied().flatten();
        [self.address].into_iter().chain(behind).collect()
    }

    fn warm_up(&self) -> WarmUp<'_> {
        Box::pin(async move {
            // A failure here is reported by the first read, which tries again.
            let _ = self.decimals().await;
            if let Err(reason) = self.aggregator().await {
                warn!(target: "oracle::chain", source = %self.id, %reason, "aggregator() unreadable: transmissions to the aggregator behind this feed go unseen");
            }
        })
    }

    fn observe_log(&self, log: &Log, at: BlockRef) -> Option<Observation> {
        if !self.writes_at(log.address()) || log.removed {
            return None;
        }
        let decimals = *self.decimals.get()?;
        let event = AnswerUpdated::decode_log_data(log.data()).ok()?;
        let updated_at = saturate(event.updatedAt);
        Some(Observation {
            answer: event.current,
            decimals,
            updated_at,
            // The event does not carry startedAt (an OCR2 round's is its observations' time, a
            // little earlier); only the sequencer check reads it.
            started_at: updated_at,
            now: at.timestamp,
            block: Some(at.number),
        })
    }

    fn observe_pending(&self, input: &[u8], at: BlockRef) -> Option<Observation> {
        let decimals = *self.decimals.get()?;
        // Whichever of the write addresses the transaction went to: a write the contract does not
        // have reverts when mined, and its speculative answer never lands.
        let (answer, started_at, updated_at) =
            match IOwnerFeedWrites::IOwnerFeedWritesCalls::abi_decode(input) {
                Ok(IOwnerFeedWrites::IOwnerFeedWritesCalls::setAnswer(c)) => {
                    (c.answer, at.timestamp, at.timestamp)
                }
                Ok(IOwnerFeedWrites::IOwnerFeedWritesCalls::setRoundData(c)) => {
                    (c.answer, saturate(c.startedAt), saturate(c.updatedAt))
                }
                // A transmission's round is updated in the block it lands in.
                Err(_) => {
                    let t = ocr::decode_transmit(input)?;
                    (t.answer, t.started_at.unwrap_or(at.timestamp), at.timestamp)
                }
            };
        Some(Observation {
            answer,
            decimals,
            updated_at,
            started_at,
            now: at.timestamp,
            block: Some(at.number),
        })
    }
}

/// One of the protocol's `IOracle` contracts: `liquidationPrice()` read at each block, exactly the price the
/// core liquidates at in the markets that name this oracle (the keeper's price; `price()`, the strict one for
/// borrows, may revert where this one answers: a feed pinned at a bound, the sequencer's grace period).
/// Its answers are 1e36-scaled
/// ([`PRICE_SCALE_DECIMALS`] decimals); a revert (the oracle failing closed) is a
/// [`RejectReason::Reverted`] carrying the decoded `ChainlinkOracle` error.
#[derive(Debug)]
pub struct ProtocolOracleSource {
    id: String,
    address: Address,
    provider: DynProvider,
}

impl ProtocolOracleSource {
    /// The oracle at `address`.
    pub fn new(provider: DynProvider, id: impl Into<String>, address: Address) -> Self {
        Self {
            id: id.into(),
            address,
            provider,
        }
    }

    /// The liquidation price at `at` (the latest block when `None`), and whether the oracle allows only deep
    /// liquidations (health factor below 0.95: the L2 sequencer's grace period).
    pub async fn read_liquidation_price(
        &self,
        at: Option<BlockRef>,
    ) -> Result<(Observation, bool), RejectReason> {
        let block = block_or_latest(&self.provider, at).await?;
        let data = liquidationPriceCall {}.abi_encode();
        let ret = call(
            &self.provider,
            self.address,
            data,
            Some(block),
            decode_oracle_error,
        )
        .await?;
        let quote = liquidationPriceCall::abi_decode_returns(&ret)
            .map_err(|e| malformed("liquidationPrice()", e))?;
        let answer = I256::try_from(quote._0).map_err(|_| RejectReason::OutOfRange {
            text: quote._0.to_string(),
        })?;
        let observation = Observation {
            answer,
            decimals: PRICE_SCALE_DECIMALS,
            updated_at: block.timestamp,
            started_at: block.timestamp,
            now: block.timestamp,
            block: Some(block.number),
        };
        Ok((observation, quote.deepOnly))
    }
}

impl PriceSource for ProtocolOracleSource {
    fn id(&self) -> &str {
        &self.id
    }

    fn kind(&self) -> SourceKind {
        SourceKind::ProtocolOracle
    }

    fn fetch(&self, at: Option<BlockRef>) -> Fetch<'_> {
        Box::pin(async move { self.read_liquidation_price(at).await.map(|(o, _)| o) })
    }
}

#[cfg(test)]
mod tests {
    use alloy::primitives::{B256, LogData, aliases::I192};
    use alloy::providers::ProviderBuilder;
    use alloy::sol_types::SolValue;
    use alloy::transports::mock::Asserter;

    use super::*;
    use crate::ocr::{IOCR2Aggregator, Ocr2Report};

    const PROXY: Address = Address::repeat_byte(0x11);
    const AGGREGATOR: Address = Address::repeat_byte(0x22);
    const AT: BlockRef = BlockRef {
        number: 100,
        timestamp: 1_700_000_012,
    };

    /// A feed at [`PROXY`] whose node answers `responses` in order (each an `eth_call`'s return
    /// data, or a JSON-RPC error message).
    fn feed(responses: &[Result<Vec<u8>, &'static str>]) -> AggregatorSource {
        let asserter = Asserter::new();
        for r in responses {
            match r {
                Ok(data) => asserter.push_success(&Bytes::copy_from_slice(data)),
                Err(msg) => asserter.push_failure_msg(*msg),
            }
        }
        let provider = ProviderBuilder::new()
            .connect_mocked_client(asserter)
            .erased();
        AggregatorSource::new(provider, "ETH/USD", PROXY)
    }

    fn transmit(observations_timestamp: u32, observations: &[i64]) -> Vec<u8> {
        let report = Ocr2Report {
            observationsTimestamp: observations_timestamp,
            rawObservers: B256::ZERO,
            observations: observations
                .iter()
                .map(|&x| I192::try_from(x).unwrap())
                .collect(),
            juelsPerFeeCoin: I192::ZERO,
        };
        IOCR2Aggregator::transmitCall {
            reportContext: [B256::ZERO; 3],
            report: report.abi_encode_params().into(),
            rs: vec![B256::ZERO],
            ss: vec![B256::ZERO],
            rawVs: B256::ZERO,
        }
        .abi_encode()
    }

    #[tokio::test]
    async fn a_proxy_answers_for_its_aggregator_and_decodes_its_transmissions() {
        let source = feed(&[Ok(U256::from(8).abi_encode()), Ok(AGGREGATOR.abi_encode())]);
        assert_eq!(source.write_addresses(), [PROXY], "before warm-up");
        source.warm_up().await;
        assert_eq!(source.write_addresses(), [PROXY, AGGREGATOR]);

        let observed = source.observe_pending(
            &transmit(1_700_000_000, &[-3, 250_000_000_000, 260_000_000_000]),
            AT,
        );
        assert_eq!(
            observed,
            Some(Observation {
                answer: I256::try_from(250_000_000_000i64).unwrap(),
                decimals: 8,
                updated_at: AT.timestamp,
                started_at: 1_700_000_000,
                now: AT.timestamp,
                block: Some(AT.number),
            })
        );
        let negative = source.observe_pending(&transmit(5, &[-7, -6]), AT).unwrap();
        assert_eq!(negative.answer, I256::try_from(-6).unwrap());
        assert_eq!(source.observe_pending(&transmit(5, &[]), AT), None);

        // The aggregator's AnswerUpdated logs are the feed's; another contract's are not.
        let event = AnswerUpdated {
            current: I256::try_from(7).unwrap(),
            roundId: U256::from(3),
            updatedAt: U256::from(AT.timestamp),
        };
        let log = |address| Log {
            inner: alloy::primitives::Log {
                address,
                data: LogData::from(&event),
            },
            ..Log::default()
        };
        assert_eq!(
            source.observe_log(&log(AGGREGATOR), AT).map(|o| o.answer),
            Some(event.current)
        );
        assert_eq!(
            source.observe_log(&log(Address::repeat_byte(0x33)), AT),
            None
        );
    }

    #[tokio::test]
    async fn a_feed_without_aggregator_getter_is_its_own() {
        // OwnerFeed has no `aggregator()` and no fallback: the call reverts.
        let source = feed(&[Ok(U256::from(8).abi_encode()), Err("execution reverted")]);
        source.warm_up().await;
        assert_eq!(source.write_addresses(), [PROXY]);
        assert_eq!(
            source.aggregator().await,
            Ok(None),
            "cached, not asked again"
        );
        // Still decodes a transmission sent to it (it would revert when mined).
        assert!(source.observe_pending(&transmit(1, &[5]), AT).is_some());
        // A contract answering garbage, or the zero address, has no aggregator either.
        for answer in [
            vec![1, 2, 3],
            Address::ZERO.abi_encode(),
            PROXY.abi_encode(),
        ] {
            let source = feed(&[Ok(answer)]);
            assert_eq!(source.aggregator().await, Ok(None));
        }
    }

    #[tokio::test]
    async fn an_unreachable_node_leaves_the_aggregator_to_be_read_again() {
        let source = feed(&[Err("connection refused"), Ok(AGGREGATOR.abi_encode())]);
        assert!(matches!(
            source.aggregator().await,
            Err(RejectReason::Unavailable { .. })
        ));
        assert_eq!(source.write_addresses(), [PROXY]);
        assert_eq!(source.aggregator().await, Ok(Some(AGGREGATOR)));
        assert_eq!(source.write_addresses(), [PROXY, AGGREGATOR]);
    }

    #[test]
    fn event_signature_matches_owner_feed_binding() {
        assert_eq!(
            AnswerUpdated::SIGNATURE_HASH,
            cantilever_bindings::owner_feed::OwnerFeed::AnswerUpdated::SIGNATURE_HASH
        );
        assert_eq!(
            IOwnerFeedWrites::setAnswerCall::SELECTOR,
            cantilever_bindings::owner_feed::OwnerFeed::setAnswerCall::SELECTOR
        );
        assert_eq!(
            IOwnerFeedWrites::setRoundDataCall::SELECTOR,
            cantilever_bindings::owner_feed::OwnerFeed::setRoundDataCall::SELECTOR
        );
    }

    #[test]
    fn oracle_errors_decode_by_name() {
        use alloy::sol_types::SolError;
        let data =
            cantilever_bindings::chainlink_oracle::ChainlinkOracle::SequencerDown {}.abi_encode();
        assert!(
            decode_oracle_error(&data)
                .unwrap()
                .contains("SequencerDown")
        );
        assert_eq!(decode_oracle_error(&[1, 2, 3]), None);
    }
}
