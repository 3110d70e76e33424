//! The oracle trigger: a [`PriceStream`] over the Chainlink-style feeds behind the followed markets' oracles, so
//! that a feed's new answer (its `AnswerUpdated` log) starts a step at once instead of at the next head poll.
//!
//! The stream is only a trigger. The keeper's decisions read the protocol's own `liquidationPrice()` at the head,
//! which applies every check of the contract, so the feeds are judged by [`FeedPolicy::unchecked`]: every answer
//! goes through, and a feed the contract would refuse still wakes the keeper (which then finds the oracle
//! refusing, as it would at the next head). Speculative updates (pending feed writes) and rejections are
//! reported as [`KeeperEvent`]s; only a confirmed update wakes the loop.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use alloy::primitives::{Address, B256};
use alloy::providers::DynProvider;
use cantilever_bindings::chainlink_oracle::ChainlinkOracle;
use cantilever_oracle_adapter::{
    AggregatorSource, FeedPolicy, PriceEvent, PriceStream, SharedSource, StreamConfig,
};
use cantilever_primitives::Deployment;
use tracing::{debug, info};

use crate::events::KeeperEvent;
use crate::keeper::KeeperError;

/// How the oracle trigger runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OracleTrigger {
    /// Whether a feed update starts a step (the head poll or subscription wakes the keeper either way).
    pub enabled: bool,
    /// Whether pending transactions to the feeds are watched: each speculative update is planned for at once and
    /// the decision held until a head shows the update mined ([`crate::speculate`]).
    pub watch_pending: bool,
    /// How often the stream polls the node's filters (feed logs, new blocks, pending transactions): the trigger's
    /// latency floor.
    pub poll_interval: Duration,
}

impl OracleTrigger {
    /// On, pending transactions not watched, the filters polled every `poll_interval` (the head poll's).
    pub fn on(poll_interval: Duration) -> Self {
        Self {
            enabled: true,
            watch_pending: false,
            poll_interval,
        }
    }

    /// Off: heads alone wake the keeper.
    pub fn off() -> Self {
        Self {
            enabled: false,
            ..Self::on(Duration::from_secs(1))
        }
    }
}

/// One aggregator behind the followed markets' oracles, and the markets whose price it feeds into.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Feed {
    /// The aggregator.
    pub address: Address,
    /// The followed markets whose oracle reads it, in the deployment's order.
    pub markets: Vec<B256>,
}

/// The followed markets (`followed`; every market when empty) of `deployment`, each with its oracle.
pub fn followed_oracles(deployment: &Deployment, followed: &[B256]) -> Vec<(B256, Address)> {
    deployment
        .markets
        .iter()
        .filter(|m| followed.is_empty() || followed.contains(&m.id))
        .map(|m| (m.id, m.oracle))
        .collect()
}

/// The distinct feeds of `markets` ((market, oracle) pairs), in order of first use: `oracle_feeds` holds each
/// oracle's feeds (base, then quote when it has one); a market whose oracle is not in it is not followed.
pub fn group_feeds(
    markets: &[(B256, Address)],
    oracle_feeds: &HashMap<Address, Vec<Address>>,
) -> Vec<Feed> {
    let mut feeds: Vec<Feed> = Vec::new();
    for (market, oracle) in markets {
        for address in oracle_feeds.get(oracle).into_iter().flatten() {
            match feeds.iter_mut().find(|f| f.address == *address) {
                Some(feed) if feed.markets.contains(market) => {}
                Some(feed) => feed.markets.push(*market),
                None => feeds.push(Feed {
                    address: *address,
                    markets: vec![*market],
                }),
            }
        }
    }
    feeds
}

/// The feeds behind `markets`' oracles, read from each distinct oracle (`BASE_FEED()`, and `QUOTE_FEED()` unless
/// it is the zero address). An oracle that is not a `ChainlinkOracle` (a call reverts, or returns nothing) is
/// not followed, with one log line; a node that does not answer is an error.
pub async fn read_feeds(
    provider: &DynProvider,
    markets: &[(B256, Address)],
) -> Result<Vec<Feed>, KeeperError> {
    let mut oracles: Vec<Address> = markets.iter().map(|(_, o)| *o).collect();
    oracles.sort();
    oracles.dedup();
    let reads = oracles.iter().map(|oracle| async move {
        let contract = ChainlinkOracle::new(*oracle, provider);
        let base = contract.BASE_FEED().call().await;
        let quote = contract.QUOTE_FEED().call().await;
        (*oracle, base.and_then(|b| quote.map(|q| (b, q))))
    });
    let mut oracle_feeds = HashMap::new();
    for (oracle, read) in futures_util::future::join_all(reads).await {
        match read {
            Ok((base, quote)) => {
                let feeds = [base, quote].into_iter().filter(|a| !a.is_zero());
                oracle_feeds.insert(oracle, feeds.collect());
            }
            Err(alloy::contract::Error::TransportError(e)) if e.as_error_resp().is_none() => {
                return Err(KeeperError::Rpc {
                    what: "eth_call",
                    source: Box::new(e),
                });
            }
            Err(e) => {
                let markets: Vec<String> = markets
                    .iter()
                    .filter(|(_, o)| *o == oracle)
                    .map(|(m, _)| m.to_string())
                    .collect();
                info!(target: "cantilever::keeper", %oracle, ?markets, error = %e, "not a ChainlinkOracle: the oracle trigger does not follow its markets (heads still do)");
            }
        }
    }
    Ok(group_feeds(markets, &oracle_feeds))
}

/// Starts a stream over `feeds` as `trigger` says; `None` when there is no feed to follow.
///
/// # Errors
/// The stream's own configuration error (see [`cantilever_oracle_adapter::PriceStreamBuilder::spawn`]).
pub fn spawn_stream(
    provider: DynProvider,
    feeds: &[Feed],
    trigger: &OracleTrigger,
) -> Result<Option<PriceStream>, cantilever_oracle_adapter::Error> {
    if feeds.is_empty() {
        return Ok(None);
    }
    let mut builder = PriceStream::builder().provider(provider.clone());
    for feed in feeds {
        let source: SharedSource = Arc::new(AggregatorSource::new(
            provider.clone(),
            format!("feed {}", feed.address),
            feed.address,
        ));
        builder = builder.feed(source, FeedPolicy::unchecked(), feed.markets.clone());
    }
    let stream = builder
        .config(StreamConfig {
            poll_interval: trigger.poll_interval,
            watch_pending: trigger.watch_pending,
            use_logs: true,
            ..StreamConfig::default()
        })
        .spawn()?;
    debug!(target: "cantilever::keeper", feeds = feeds.len(), poll_interval = ?trigger.poll_interval, watch_pending = trigger.watch_pending, "oracle trigger started");
    Ok(Some(stream))
}

/// The next price events: the first to come and every one queued behind it. `None` once the stream has ended;
/// never ready without a stream.
pub(crate) async fn next_events(stream: &mut Option<PriceStream>) -> Option<Vec<PriceEvent>> {
    let Some(stream) = stream.as_mut() else {
        return std::future::pending().await;
    };
    let rx = stream.receiver();
    let first = rx.recv().await?;
    let mut events = vec![first];
    while let Ok(more) = rx.try_recv() {
        events.push(more);
    }
    Some(events)
}

/// Whether `event` starts a step: a confirmed (mined) new price of a followed market.
pub(crate) fn wakes(event: &PriceEvent) -> bool {
    matches!(event, PriceEvent::Update(u) if !u.is_speculative() && !u.markets.is_empty())
}

/// The pending transaction of a speculative update of followed markets.
pub(crate) fn pending_tx(event: &PriceEvent) -> Option<alloy::primitives::TxHash> {
    match event {
        PriceEvent::Update(u) if !u.markets.is_empty() => u.speculative,
        _ => None,
    }
}

/// `event` as the keeper reports it.
pub(crate) fn keeper_event(event: PriceEvent) -> KeeperEvent {
    match event {
        PriceEvent::Update(u) => KeeperEvent::OracleUpdate {
            source: u.source,
            markets: u.markets,
            block: u.block,
            price: u.new,
            speculative: u.speculative,
        },
        PriceEvent::Rejected(r) => KeeperEvent::OracleRejected {
            source: r.source,
            markets: r.markets,
            block: r.block,
            reason: r.reason,
        },
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use alloy::primitives::U256;
    use cantilever_oracle_adapter::{Price, PriceUpdate, RejectReason, Rejected, SourceKind};
    use cantilever_primitives::deployment::{DeployedMarket, MarketParams};

    use super::*;

    fn market(oracle: u8, lltv: u64) -> DeployedMarket {
        let params = MarketParams {
            loan_token: Address::repeat_byte(1),
            collateral_token: Address::repeat_byte(2),
            oracle: Address::repeat_byte(oracle),
            rate_model: Address::repeat_byte(4),
            lltv: U256::from(lltv) * U256::from(10u64.pow(16)),
        };
        DeployedMarket {
            id: params.id(),
            loan_token: params.loan_token,
            collateral_token: params.collateral_token,
            oracle: params.oracle,
            rate_model: params.rate_model,
            lltv: params.lltv,
        }
    }

    fn deployment(markets: Vec<DeployedMarket>) -> Deployment {
        Deployment {
            chain_id: 31337,
            deploy_block: 1,
            core: Address::repeat_byte(0xc0),
            lens: Address::repeat_byte(0x1e),
            rate_model: Address::repeat_byte(4),
            markets,
            tokens: BTreeMap::new(),
            feeds: BTreeMap::new(),
            periphery: None,
            pools: BTreeMap::new(),
        }
    }

    #[test]
    fn feeds_are_distinct_and_list_the_markets_they_feed() {
        // Oracle 0xa1 reads WETH/USD alone; 0xa2 reads WBTC/USD over WETH/USD (a quote feed); 0xa3 is not a
        // ChainlinkOracle (no feeds read); a fourth market shares oracle 0xa1.
        let d = deployment(vec![
            market(0xa1, 86),
            market(0xa2, 77),
            market(0xa3, 86),
            market(0xa1, 77),
        ]);
        let (weth, wbtc) = (Address::repeat_byte(0xe1), Address::repeat_byte(0xb1));
        let oracle_feeds = HashMap::from([
            (Address::repeat_byte(0xa1), vec![weth]),
            (Address::repeat_byte(0xa2), vec![wbtc, weth]),
        ]);
        let ids: Vec<B256> = d.markets.iter().map(|m| m.id).collect();
        let all = followed_oracles(&d, &[]);
        assert_eq!(all.len(), 4);
        assert_eq!(
            group_feeds(&all, &oracle_feeds),
            vec![
                Feed {
                    address: weth,
                    markets: vec![ids[0], ids[1], ids[3]],
                },
                Feed {
                    address: wbtc,
                    markets: vec![ids[1]],
                },
            ]
        );
        // Only the followed markets count: the WBTC feed alone feeds the second market.
        let some = followed_oracles(&d, &[ids[1], ids[2]]);
        assert_eq!(
            some,
            vec![
                (ids[1], Address::repeat_byte(0xa2)),
                (ids[2], Address::repeat_byte(0xa3))
            ]
        );
        assert_eq!(
            group_feeds(&some, &oracle_feeds),
            vec![
                Feed {
                    address: wbtc,
                    markets: vec![ids[1]],
                },
                Feed {
                    address: weth,
                    markets: vec![ids[1]],
                },
            ]
        );
        // No ChainlinkOracle among them: nothing to follow.
        let none = followed_oracles(&d, &[ids[2]]);
        assert_eq!(group_feeds(&none, &oracle_feeds), Vec::new());
    }

    #[tokio::test]
    async fn no_feed_no_stream() {
        use alloy::providers::Provider as _;
        let provider = alloy::providers::ProviderBuilder::new()
            .disable_recommended_fillers()
            .connect_http("http://127.0.0.1:9".parse().unwrap())
            .erased();
        let trigger = OracleTrigger::on(Duration::from_millis(50));
        assert!(spawn_stream(provider, &[], &trigger).unwrap().is_none());
    }

    #[test]
    fn only_confirmed_updates_of_followed_markets_wake() {
        let price = Price {
            value: U256::from(2_000u64),
            decimals: 0,
        };
        let update = |speculative, markets: Vec<B256>| {
            PriceEvent::Update(PriceUpdate {
                source: "feed".into(),
                kind: SourceKind::Aggregator,
                markets: markets.into(),
                old: None,
                new: price,
                block: Some(7),
                speculative,
            })
        };
        let market = B256::repeat_byte(1);
        let confirmed = update(None, vec![market]);
        assert!(wakes(&confirmed));
        let pending = update(Some(B256::repeat_byte(9)), vec![market]);
        assert!(!wakes(&pending));
        assert!(!wakes(&update(None, Vec::new())));
        let rejected = PriceEvent::Rejected(Rejected {
            source: "feed".into(),
            kind: SourceKind::Aggregator,
            markets: vec![market].into(),
            reason: RejectReason::Timeout,
            last: Some(price),
            block: Some(7),
        });
        assert!(!wakes(&rejected));
        assert!(matches!(
            keeper_event(pending),
            KeeperEvent::OracleUpdate { speculative: Some(_), block: Some(7), price: p, .. } if p == price
        ));
        assert!(matches!(
            keeper_event(rejected),
            KeeperEvent::OracleRejected {
                reason: RejectReason::Timeout,
                ..
            }
        ));
    }
}
