//! Benchmark: detection latency, from the block that carries a price update to the keeper's liquidation
//! transaction being sent, on anvil with 1,000 positions (issue goal: p50 <= 50 ms, p99 <= 200 ms).
//!
//! A watcher polls `eth_blockNumber` every millisecond and stamps the moment each block first appears; every
//! `Submitted` event is measured from the appearance of the price block it answers. The keeper's own figure
//! (from noticing the head to the send) is printed beside it, as is the baseline of the same pipeline's
//! cheapest part: one `eth_blockNumber` round trip. Every liquidation of a block is a transaction of its own,
//! sent one after the other, so the figure for all transactions includes the sends queued before each; the
//! first transaction of each price block is reported apart.
//!
//! `cargo run --release -p cantilever-keeper --example keeper_latency [borrowers]`

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use alloy::primitives::I256;
use alloy::providers::Provider;
use cantilever::devnet::devnet_keeper;
use cantilever::report::percentile;
use cantilever_daemon::KeeperEvent;
use cantilever_devnet::{Devnet, DevnetOptions, SeedOptions};
use cantilever_exec::ExecConfig;
use cantilever_index::{IndexConfig, PositionIndex};

type Result<T> = std::result::Result<T, Box<dyn std::error::Error + Send + Sync>>;

#[tokio::main(flavor = "multi_thread")]
async fn main() -> Result<()> {
    let borrowers: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(1_000);
    let options = DevnetOptions {
        seed: SeedOptions {
            borrowers,
            leveraged: borrowers / 10,
            ..SeedOptions::default()
        },
        ..DevnetOptions::default()
    };
    let devnet = Devnet::start(&options).await?;
    let started = Instant::now();
    devnet.seed(&options.seed).await?;
    println!(
        "devnet with {borrowers} borrowers seeded in {:.1?}",
        started.elapsed()
    );
    let provider = devnet.provider();

    // Baseline: one round trip to the node.
    let mut rtt = Vec::new();
    for _ in 0..200 {
        let t = Instant::now();
        provider.get_block_number().await?;
        rtt.push(t.elapsed().as_micros() as u64);
    }
    rtt.sort_unstable();

    let index = PositionIndex::in_memory(&devnet.deployment, IndexConfig::default());
    let mut keeper = devnet_keeper(&devnet, provider.clone(), index, ExecConfig::default()).await?;
    keeper.step().await?;
    println!("keeper follows {} positions", keeper.book().len());

    // Block watcher: when each block number was first seen.
    let seen: Arc<Mutex<HashMap<u64, Instant>>> = Arc::default();
    let watcher = {
        let (seen, provider) = (seen.clone(), provider.clone());
        tokio::spawn(async move {
            loop {
                if let Ok(n) = provider.get_block_number().await {
                    seen.lock()
                        .expect("not poisoned")
                        .entry(n)
                        .or_insert_with(Instant::now);
                }
                tokio::time::sleep(Duration::from_millis(1)).await;
            }
        })
    };

    let price_block = RefCell::new(0u64);
    let from_block = RefCell::new(Vec::new());
    let from_head = RefCell::new(Vec::new());
    let first_per_block: RefCell<HashMap<u64, u64>> = RefCell::default();
    let (stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
    let drive = async {
        let start = devnet.price("WETH").await?;
        for step in 1..=12i64 {
            // Down 2.5% a step, to -30%.
            let answer = start - start * I256::try_from(step * 25)? / I256::try_from(1_000)?;
            devnet.set_price("WETH", answer).await?;
            *price_block.borrow_mut() = provider.get_block_number().await?;
            tokio::time::sleep(Duration::from_millis(600)).await;
        }
        let _ = stop_tx.send(());
        Result::Ok(())
    };
    let run = keeper.run(
        async {
            let _ = stop_rx.await;
        },
        |e| {
            if let KeeperEvent::Submitted {
                latency_us,
                at: sent,
                ..
            } = e
            {
                let block = *price_block.borrow();
                if let Some(at) = seen.lock().expect("not poisoned").get(&block) {
                    let us = sent.saturating_duration_since(*at).as_micros() as u64;
                    from_block.borrow_mut().push(us);
                    first_per_block.borrow_mut().entry(block).or_insert(us);
                }
                from_head.borrow_mut().push(*latency_us);
            }
        },
    );
    let (driven, ran) = tokio::join!(drive, run);
    driven?;
    ran?;
    watcher.abort();

    let mut from_block = from_block.into_inner();
    let mut from_head = from_head.into_inner();
    let mut first: Vec<u64> = first_per_block.into_inner().into_values().collect();
    first.sort_unstable();
    from_block.sort_unstable();
    from_head.sort_unstable();
    let ms = |us: u64| us as f64 / 1e3;
    println!("liquidations sent: {}", from_block.len());
    println!(
        "block -> tx sent:        p50 {:.1} ms  p99 {:.1} ms  max {:.1} ms",
        ms(percentile(&from_block, 50)),
        ms(percentile(&from_block, 99)),
        ms(from_block.last().copied().unwrap_or(0))
    );
    println!(
        "block -> first tx sent:  p50 {:.1} ms  p99 {:.1} ms  over {} price blocks",
        ms(percentile(&first, 50)),
        ms(percentile(&first, 99)),
        first.len()
    );
    println!(
        "head seen -> tx sent:    p50 {:.1} ms  p99 {:.1} ms",
        ms(percentile(&from_head, 50)),
        ms(percentile(&from_head, 99))
    );
    println!(
        "baseline eth_blockNumber round trip: p50 {:.2} ms  p99 {:.2} ms (p50 latency = {:.0}x a round trip)",
        ms(percentile(&rtt, 50)),
        ms(percentile(&rtt, 99)),
        percentile(&from_block, 50) as f64 / percentile(&rtt, 50).max(1) as f64
    );
    println!(
        "goals: p50 <= 50 ms -> {}, p99 <= 200 ms -> {}",
        if ms(percentile(&from_block, 50)) <= 50.0 {
            "met"
        } else {
            "missed"
        },
        if ms(percentile(&from_block, 99)) <= 200.0 {
            "met"
        } else {
            "missed"
        }
    );
    Ok(())
}
