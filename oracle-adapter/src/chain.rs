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

use crate::reject::RejectReason;
use crate::scale::PRICE_SCALE_DECIMALS;
use crate::source::{BlockRef, Fetch, Observation, PriceSource, SourceKind};

sol! {
    /// Chainlink's `AggregatorV3Interface`, the part the keeper reads.
    interface IAggregatorV3 {
        function decimals() external view returns (uint8);
        function latestRoundData()
            external
            view
            returns (uint80 roundId, int256 answer, uint256 startedAt, uint256 updatedAt, uint80 answeredInRound);
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
/// decoded without a read, and pending `setAnswer`/`setRoundData` calls decoded as speculative
/// answers.
#[derive(Debug)]
pub struct AggregatorSource {
    id: String,
    address: Address,
    provider: DynProvider,
    /// `decimals()`, read once (feeds' decimals are immutable) and only once it succeeds.
    decimals: OnceCell<u8>,
}

impl AggregatorSource {
    /// A feed at `address`; its decimals are read on first use.
    pub fn new(provider: DynProvider, id: impl Into<String>, address: Address) -> Self {
        Self {
            id: id.into(),
            address,
            provider,
            decimals: OnceCell::new(),
        }
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

    fn observe_log(&self, log: &Log, at: BlockRef) -> Option<Observation> {
        if log.address() != self.address || log.removed {
            return None;
        }
        let decimals = *self.decimals.get()?;
        let event = AnswerUpdated::decode_log_data(log.data()).ok()?;
        let updated_at = saturate(event.updatedAt);
        Some(Observation {
            answer: event.current,
            decimals,
            updated_at,
            // The event does not carry startedAt; every writer we decode starts and updates a
            // round together.
            started_at: updated_at,
            now: at.timestamp,
            block: Some(at.number),
        })
    }

    fn observe_pending(&self, input: &[u8], at: BlockRef) -> Option<Observation> {
        let decimals = *self.decimals.get()?;
        let (answer, started_at, updated_at) =
            match IOwnerFeedWrites::IOwnerFeedWritesCalls::abi_decode(input).ok()? {
                IOwnerFeedWrites::IOwnerFeedWritesCalls::setAnswer(c) => {
                    (c.answer, at.timestamp, at.timestamp)
                }
                IOwnerFeedWrites::IOwnerFeedWritesCalls::setRoundData(c) => {
                    (c.answer, saturate(c.startedAt), saturate(c.updatedAt))
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
    use super::*;

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
