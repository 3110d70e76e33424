//! Latency from an oracle update mined on anvil to its `PriceUpdate` leaving the stream, over many
//! updates, following `AnswerUpdated` logs and (node without log filters) reading every block.
//! Prints p50/p99; asserts only that every update arrived, once, in order.

use std::sync::Arc;
use std::time::{Duration, Instant};

use alloy::primitives::{I256, U256};
use cantilever_bindings::owner_feed::OwnerFeed;
use cantilever_oracle_adapter::{
    AggregatorSource, FeedPolicy, PriceEvent, PriceStream, StreamConfig,
};
use cantilever_tests::TX_GAS;

use super::TestResult;
use cantilever_tests::feeds::{deploy_owner_feed, wait_for};
use cantilever_tests::{Anvil, AnvilConfig, DEPLOYER};

const UPDATES: u64 = 200;
const POLL: Duration = Duration::from_millis(10);
const START: u64 = 3_000 * 100_000_000; // 3000 USD, 8 decimals.

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn oracle_update_latency() -> TestResult {
    let anvil = Anvil::spawn(&AnvilConfig::default()).await?;
    let provider = anvil.provider();
    let address = deploy_owner_feed(&provider, 8, I256::try_from(START)?).await?;
    let feed = OwnerFeed::new(address, &provider);
    let policy = FeedPolicy::new(86_400, I256::ZERO, I256::try_from(u128::MAX)?, 8);
    let mut next = START;
    for (mode, use_logs) in [("AnswerUpdated logs", true), ("every block", false)] {
        let mut stream = PriceStream::builder()
            .provider(provider.clone())
            .feed(
                Arc::new(AggregatorSource::new(provider.clone(), "feed", address)),
                policy,
                vec![],
            )
            .config(StreamConfig {
                poll_interval: POLL,
                use_logs,
                ..StreamConfig::default()
            })
            .spawn()?;
        let (first, _) = wait_for(&mut stream, Duration::from_secs(5), |e| {
            matches!(e, PriceEvent::Update(_))
        })
        .await?;
        let PriceEvent::Update(first) = first else {
            unreachable!()
        };
        assert_eq!(first.new.value, U256::from(next));
        let mut latencies = Vec::with_capacity(UPDATES as usize);
        for _ in 0..UPDATES {
            let previous = next;
            next += 1;
            // anvil's automine mines the transaction before eth_sendTransaction returns.
            let pending = feed
                .setAnswer(I256::try_from(next)?)
                .from(DEPLOYER)
                .gas(TX_GAS)
                .send()
                .await?;
            let mined = Instant::now();
            let (event, skipped) = wait_for(&mut stream, Duration::from_secs(5), |e| {
                matches!(e, PriceEvent::Update(_))
            })
            .await?;
            latencies.push(mined.elapsed());
            assert!(skipped.is_empty(), "unexpected events {skipped:?}");
            let PriceEvent::Update(u) = event else {
                unreachable!()
            };
            assert_eq!(
                u.new.value,
                U256::from(next),
                "in order ({:?})",
                pending.tx_hash()
            );
            assert_eq!(u.old.map(|p| p.value), Some(U256::from(previous)));
            assert!(!u.is_speculative());
        }
        latencies.sort();
        let pct = |p: usize| latencies[(latencies.len() * p / 100).min(latencies.len() - 1)];
        eprintln!(
            "latency ({mode}, poll {POLL:?}, {UPDATES} updates): p50 {:?}, p99 {:?}, max {:?}",
            pct(50),
            pct(99),
            latencies[latencies.len() - 1]
        );
        stream.shutdown();
    }
    Ok(())
}
