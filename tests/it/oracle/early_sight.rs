//! Early sight of pending oracle writes, and the L2 sequencer check, on a real anvil with
//! `OwnerFeed`s deployed from the generated bindings.

use std::sync::Arc;
use std::time::Duration;

use alloy::primitives::{I256, U256};
use alloy::providers::ext::AnvilApi;
use cantilever_bindings::owner_feed::OwnerFeed;
use cantilever_oracle_adapter::{
    AggregatorSource, FeedPolicy, PriceEvent, PriceStream, RejectKind, StreamConfig,
};
use cantilever_tests::TX_GAS;
use cantilever_tests::feeds::{deploy_owner_feed, drain, wait_for};
use cantilever_tests::{Anvil, AnvilConfig, DEPLOYER};

use super::TestResult;

const WAIT: Duration = Duration::from_secs(5);
const E8: i64 = 100_000_000;

fn policy() -> FeedPolicy {
    FeedPolicy::new(86_400, I256::ZERO, I256::try_from(u128::MAX).unwrap(), 8)
}

fn config(watch_pending: bool) -> StreamConfig {
    StreamConfig {
        poll_interval: Duration::from_millis(20),
        watch_pending,
        ..StreamConfig::default()
    }
}

fn value(x: i64) -> U256 {
    U256::from(x as u64)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pending_oracle_update_is_seen_before_it_lands() -> TestResult {
    let anvil = Anvil::spawn(&AnvilConfig::default()).await?;
    let provider = anvil.provider();
    let address = deploy_owner_feed(&provider, 8, I256::try_from(3000 * E8)?).await?;
    let feed = OwnerFeed::new(address, &provider);
    let source = Arc::new(AggregatorSource::new(provider.clone(), "ETH/USD", address));
    let mut stream = PriceStream::builder()
        .provider(provider.clone())
        .feed(source, policy(), vec![])
        .config(config(true))
        .spawn()?;
    wait_for(
        &mut stream,
        WAIT,
        |e| matches!(e, PriceEvent::Update(u) if u.new.value == value(3000 * E8)),
    )
    .await?;

    provider.anvil_set_auto_mine(false).await?;
    let pending = feed
        .setAnswer(I256::try_from(2000 * E8)?)
        .from(DEPLOYER)
        .gas(TX_GAS)
        .send()
        .await?;
    let hash = *pending.tx_hash();
    let (event, skipped) =
        wait_for(&mut stream, WAIT, |e| matches!(e, PriceEvent::Update(_))).await?;
    assert!(skipped.is_empty(), "{skipped:?}");
    let PriceEvent::Update(speculative) = event else {
        unreachable!()
    };
    assert_eq!(
        speculative.speculative,
        Some(hash),
        "flagged with its transaction"
    );
    assert_eq!(speculative.new.value, value(2000 * E8));
    assert_eq!(speculative.old.map(|p| p.value), Some(value(3000 * E8)));

    // A pending write the checks would refuse is not announced (only counted).
    let metrics = stream.metrics();
    let before = metrics.rejections_of(RejectKind::NonPositive);
    let _ = feed
        .setAnswer(I256::try_from(-5)?)
        .from(DEPLOYER)
        .gas(TX_GAS)
        .send()
        .await?;
    let quiet = drain(&mut stream, Duration::from_millis(300)).await;
    assert!(quiet.is_empty(), "{quiet:?}");
    assert_eq!(metrics.rejections_of(RejectKind::NonPositive), before + 1);

    // Both land in one block: confirmed events follow, in order, the speculative one changed nothing.
    provider.evm_mine(None).await?;
    let (event, skipped) =
        wait_for(&mut stream, WAIT, |e| matches!(e, PriceEvent::Rejected(_))).await?;
    assert_eq!(skipped.len(), 1, "{skipped:?}");
    let PriceEvent::Update(confirmed) = &skipped[0] else {
        panic!("{skipped:?}")
    };
    assert!(!confirmed.is_speculative());
    assert_eq!(confirmed.new.value, value(2000 * E8));
    assert_eq!(confirmed.old.map(|p| p.value), Some(value(3000 * E8)));
    assert!(matches!(event, PriceEvent::Rejected(r) if r.reason.kind() == RejectKind::NonPositive));
    assert_eq!(
        metrics
            .speculative_updates
            .load(std::sync::atomic::Ordering::Relaxed),
        1
    );
    stream.shutdown();
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sequencer_down_and_grace_period_fail_closed() -> TestResult {
    let anvil = Anvil::spawn(&AnvilConfig::default()).await?;
    let provider = anvil.provider();
    let address = deploy_owner_feed(&provider, 8, I256::try_from(3000 * E8)?).await?;
    // Chainlink's uptime feed: answer 0 = up, startedAt = since when; up since its deployment.
    let uptime = deploy_owner_feed(&provider, 0, I256::ZERO).await?;
    let sequencer = OwnerFeed::new(uptime, &provider);
    let mut stream = PriceStream::builder()
        .provider(provider.clone())
        .feed(
            Arc::new(AggregatorSource::new(provider.clone(), "ETH/USD", address)),
            policy(),
            vec![],
        )
        .sequencer(
            Arc::new(AggregatorSource::new(provider.clone(), "sequencer", uptime)),
            3600,
        )
        .config(config(false))
        .spawn()?;
    let is = |kind: RejectKind| move |e: &PriceEvent| matches!(e, PriceEvent::Rejected(r) if r.reason.kind() == kind);
    let (_, skipped) = wait_for(&mut stream, WAIT, is(RejectKind::GracePeriod)).await?;
    assert!(skipped.is_empty(), "{skipped:?}");

    provider.anvil_increase_time(3601).await?;
    provider.evm_mine(None).await?;
    wait_for(
        &mut stream,
        WAIT,
        |e| matches!(e, PriceEvent::Update(u) if u.new.value == value(3000 * E8)),
    )
    .await?;

    let _ = sequencer
        .setAnswer(I256::ONE)
        .from(DEPLOYER)
        .gas(TX_GAS)
        .send()
        .await?;
    wait_for(&mut stream, WAIT, is(RejectKind::SequencerDown)).await?;
    // Back up: a new grace period starts.
    let _ = sequencer
        .setAnswer(I256::ZERO)
        .from(DEPLOYER)
        .gas(TX_GAS)
        .send()
        .await?;
    wait_for(&mut stream, WAIT, is(RejectKind::GracePeriod)).await?;
    stream.shutdown();
    Ok(())
}
