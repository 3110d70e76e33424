//! Chain sources on the devnet deployed by the real script: Chainlink-style feeds and the protocol's
//! own oracles, with a reverting feed, a contract-less address and a feed with the wrong decimals
//! alongside. Prices must equal what the contracts return; every failure is a typed rejection sent
//! once; nothing stops the stream.

use std::collections::{BTreeMap, HashSet};
use std::sync::Arc;
use std::time::Duration;

use alloy::primitives::{Address, B256, I256, U256};
use alloy::providers::ext::AnvilApi;
use cantilever_bindings::chainlink_oracle::ChainlinkOracle;
use cantilever_bindings::owner_feed::OwnerFeed;
use cantilever_oracle_adapter::{
    AggregatorSource, FeedPolicy, PriceEvent, PriceStream, ProtocolOracleSource, RejectKind,
    RejectReason, SourceKind, StreamConfig,
};
use cantilever_tests::TX_GAS;
use cantilever_tests::feeds::{deploy_owner_feed, drain, wait_for};
use cantilever_tests::{DEPLOYER, shared_devnet};

use super::TestResult;

const WAIT: Duration = Duration::from_secs(10);
const E8: i64 = 100_000_000;

fn is_update(source: &str) -> impl Fn(&PriceEvent) -> bool + '_ {
    move |e| matches!(e, PriceEvent::Update(u) if &*u.source == source && !u.is_speculative())
}

fn is_rejected(source: &str, kind: RejectKind) -> impl Fn(&PriceEvent) -> bool + '_ {
    move |e| matches!(e, PriceEvent::Rejected(r) if &*r.source == source && r.reason.kind() == kind)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn chain_sources_follow_devnet_feeds_and_oracles() -> TestResult {
    let devnet = shared_devnet().await?;
    let provider = devnet.provider();
    let d = &devnet.deployment;
    let feed_policy = FeedPolicy::new(86_400, I256::ZERO, I256::try_from(u128::MAX)?, 8);

    // Which markets each feed prices: those lending or taking its token as collateral.
    let mut builder = PriceStream::builder().provider(provider.clone());
    let mut feed_markets: BTreeMap<String, Vec<B256>> = BTreeMap::new();
    for (symbol, feed) in &d.feeds {
        let token = d.tokens[symbol];
        let markets: Vec<B256> = d
            .markets
            .iter()
            .filter(|m| m.loan_token == token || m.collateral_token == token)
            .map(|m| m.id)
            .collect();
        feed_markets.insert(symbol.clone(), markets.clone());
        builder = builder.feed(
            Arc::new(AggregatorSource::new(provider.clone(), symbol, *feed)),
            feed_policy,
            markets,
        );
    }
    let mut oracles = BTreeMap::new();
    for (i, m) in d.markets.iter().enumerate() {
        let id = format!("oracle:{i}");
        builder = builder.feed(
            Arc::new(ProtocolOracleSource::new(provider.clone(), &id, m.oracle)),
            FeedPolicy::unchecked(),
            vec![m.id],
        );
        oracles.insert(id, (m.id, m.oracle, m.collateral_token, m.loan_token));
    }
    // Bad sources: an ERC20 (has decimals(), reverts on latestRoundData), an address without code,
    // and a real feed whose decimals (18) are not the configured 8.
    let wrong =
        deploy_owner_feed(&provider, 18, I256::try_from(3000u128 * 10u128.pow(18))?).await?;
    builder = builder
        .feed(
            Arc::new(AggregatorSource::new(
                provider.clone(),
                "reverts",
                d.tokens["USDC"],
            )),
            feed_policy,
            vec![],
        )
        .feed(
            Arc::new(AggregatorSource::new(
                provider.clone(),
                "no-code",
                Address::repeat_byte(0x42),
            )),
            feed_policy,
            vec![],
        )
        .feed(
            Arc::new(AggregatorSource::new(
                provider.clone(),
                "wrong-decimals",
                wrong,
            )),
            feed_policy,
            vec![],
        );
    let mut stream = builder
        .config(StreamConfig {
            poll_interval: Duration::from_millis(20),
            ..StreamConfig::default()
        })
        .spawn()?;

    // ------------------------------------------------------------------ first prices and rejections
    let mut pending: HashSet<String> = feed_markets.keys().chain(oracles.keys()).cloned().collect();
    let mut bad: HashSet<&str> = ["reverts", "no-code", "wrong-decimals"].into();
    while !pending.is_empty() || !bad.is_empty() {
        let (event, _) = wait_for(&mut stream, WAIT, |_| true).await?;
        match event {
            PriceEvent::Update(u) => {
                assert!(pending.remove(&*u.source), "second update {u:?}");
                if let Some((_, oracle, ..)) = oracles.get(&*u.source) {
                    assert_eq!(u.kind, SourceKind::ProtocolOracle);
                    let onchain = ChainlinkOracle::new(*oracle, &provider)
                        .price()
                        .call()
                        .await?;
                    assert_eq!(u.new.value, onchain, "{} equals the contract", u.source);
                    assert_eq!(u.new.decimals, 36);
                } else {
                    let round = OwnerFeed::new(d.feeds[&*u.source], &provider)
                        .latestRoundData()
                        .call()
                        .await?;
                    assert_eq!(I256::from_raw(u.new.value), round.answer);
                    assert_eq!(&*u.markets, feed_markets[&*u.source].as_slice());
                }
            }
            PriceEvent::Rejected(r) => {
                let kind = r.reason.kind();
                let want = match &*r.source {
                    "reverts" => RejectKind::Reverted,
                    "no-code" => RejectKind::Malformed,
                    "wrong-decimals" => RejectKind::WrongDecimals,
                    other => panic!("{other} rejected: {r:?}"),
                };
                assert_eq!(kind, want, "{r:?}");
                assert!(bad.remove(&*r.source), "rejected twice: {r:?}");
            }
        }
    }
    assert!(
        wait_for(&mut stream, Duration::from_millis(200), |_| true)
            .await
            .is_err(),
        "nothing more until something changes"
    );

    // ------------------------------------------------------------------ a price move
    let weth = OwnerFeed::new(d.feeds["WETH"], &provider);
    let weth_markets = &feed_markets["WETH"];
    let weth_oracles: Vec<String> = oracles
        .iter()
        .filter(|(_, v)| weth_markets.contains(&v.0))
        .map(|(k, _)| k.clone())
        .collect();
    assert!(!weth_oracles.is_empty());
    let before = weth.latestRoundData().call().await?.answer;
    let _ = weth
        .setAnswer(I256::try_from(2500 * E8)?)
        .from(DEPLOYER)
        .gas(TX_GAS)
        .send()
        .await?;
    let (event, _) = wait_for(&mut stream, WAIT, is_update("WETH")).await?;
    let PriceEvent::Update(u) = event else {
        unreachable!()
    };
    assert_eq!(u.old.map(|p| I256::from_raw(p.value)), Some(before));
    assert_eq!(u.new.value, U256::from(2500 * E8 as u64));
    assert!(u.block.is_some());
    for id in &weth_oracles {
        let (event, _) = wait_for(&mut stream, WAIT, is_update(id)).await?;
        let PriceEvent::Update(u) = event else {
            unreachable!()
        };
        let onchain = ChainlinkOracle::new(oracles[id].1, &provider)
            .price()
            .call()
            .await?;
        assert_eq!(u.new.value, onchain, "{id} follows the feed, to the wei");
        assert_eq!(&*u.markets, &[oracles[id].0]);
    }

    // ------------------------------------------------------------------ a negative answer
    let _ = weth
        .setAnswer(I256::MINUS_ONE)
        .from(DEPLOYER)
        .gas(TX_GAS)
        .send()
        .await?;
    wait_for(
        &mut stream,
        WAIT,
        is_rejected("WETH", RejectKind::NonPositive),
    )
    .await?;
    for id in &weth_oracles {
        let (event, _) = wait_for(&mut stream, WAIT, is_rejected(id, RejectKind::Reverted)).await?;
        let PriceEvent::Rejected(r) = event else {
            unreachable!()
        };
        assert!(
            matches!(&r.reason, RejectReason::Reverted { error } if error.contains("NonPositiveAnswer")),
            "{r:?}"
        );
    }
    // Again: counted, not re-sent.
    let metrics = stream.metrics();
    let counted = metrics.rejections_of(RejectKind::NonPositive);
    let _ = weth
        .setAnswer(I256::try_from(-2)?)
        .from(DEPLOYER)
        .gas(TX_GAS)
        .send()
        .await?;
    let quiet = drain(&mut stream, Duration::from_millis(300)).await;
    assert!(
        quiet
            .iter()
            .all(|e| !matches!(e, PriceEvent::Rejected(r) if &*r.source == "WETH")),
        "{quiet:?}"
    );
    assert!(metrics.rejections_of(RejectKind::NonPositive) > counted);

    // Recovery.
    let _ = weth
        .setAnswer(I256::try_from(2600 * E8)?)
        .from(DEPLOYER)
        .gas(TX_GAS)
        .send()
        .await?;
    wait_for(&mut stream, WAIT, |e| is_update("WETH")(e)).await?;
    for id in &weth_oracles {
        wait_for(&mut stream, WAIT, is_update(id)).await?;
    }

    // ------------------------------------------------------------------ time passes: stale everywhere
    provider.anvil_increase_time(2 * 86_400).await?;
    provider.evm_mine(None).await?;
    let mut stale: HashSet<String> = feed_markets.keys().cloned().collect();
    let mut reverted: HashSet<String> = oracles.keys().cloned().collect();
    while !stale.is_empty() || !reverted.is_empty() {
        let (event, _) =
            wait_for(&mut stream, WAIT, |e| matches!(e, PriceEvent::Rejected(_))).await?;
        let PriceEvent::Rejected(r) = event else {
            unreachable!()
        };
        match r.reason {
            RejectReason::Reverted { error } => {
                assert!(error.contains("StaleAnswer"), "{error}");
                assert!(reverted.remove(&*r.source));
            }
            reason => {
                assert_eq!(reason.kind(), RejectKind::Stale, "{}", r.source);
                assert!(stale.remove(&*r.source));
            }
        }
    }
    eprintln!(
        "chain: {} observations, {} updates, {} rejections sent, {} blocks",
        metrics
            .observations
            .load(std::sync::atomic::Ordering::Relaxed),
        metrics.updates.load(std::sync::atomic::Ordering::Relaxed),
        metrics
            .rejection_transitions
            .load(std::sync::atomic::Ordering::Relaxed),
        metrics.blocks.load(std::sync::atomic::Ordering::Relaxed),
    );
    stream.shutdown();
    Ok(())
}
