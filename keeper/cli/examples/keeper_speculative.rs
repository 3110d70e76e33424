//! Benchmark: speculative mode. Issue 13's figure: the time from an oracle transaction entering the node's pool to
//! the keeper's liquidations being planned and ready, and from the block that mines it to their send; against the
//! same crash with pending transactions not watched (the keeper plans when the block arrives), in the same run.
//!
//! Anvil mines only when told. Each of 12 steps lowers WETH's feed by 2.5% with a transaction left in the pool;
//! the keeper (`Keeper::run`, the oracle trigger on, watching pending transactions in the first pass) plans for it;
//! the driver then mines the block, and once the keeper has sent, mines its liquidations. Printed per pass: pool →
//! ready (speculative pass), and mined block → send over every liquidation (the driver's `evm_mine` answer is the
//! block's moment: the keeper's own head poll comes after it).
//!
//! `cargo run --release -p cantilever --example keeper_speculative [borrowers]`

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use alloy::network::TransactionBuilder;
use alloy::primitives::{I256, TxHash};
use alloy::providers::Provider;
use alloy::providers::ext::AnvilApi;
use cantilever::devnet::devnet_keeper;
use cantilever::report::percentile;
use cantilever_bindings::owner_feed::OwnerFeed;
use cantilever_daemon::KeeperEvent;
use cantilever_daemon::feeds::OracleTrigger;
use cantilever_devnet::{DEPLOYER, Devnet, DevnetOptions, SeedOptions};
use cantilever_exec::ExecConfig;
use cantilever_index::{IndexConfig, PositionIndex};

type Result<T> = std::result::Result<T, Box<dyn std::error::Error + Send + Sync>>;

/// Price steps: 2.5% each, to -30%.
const STEPS: i64 = 12;

/// What one pass measured, in microseconds.
#[derive(Default)]
struct Pass {
    /// Per price step held for: the oracle transaction in the pool → the decision ready.
    ready: Vec<u64>,
    /// Per liquidation: the block mined → its send.
    send: Vec<u64>,
    /// Liquidations sent, and how many of them went out from a held (speculative) decision.
    liquidations: usize,
}

#[tokio::main(flavor = "multi_thread")]
async fn main() -> Result<()> {
    let borrowers: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(1_000);
    let speculative = run_pass(borrowers, true).await?;
    let baseline = run_pass(borrowers, false).await?;
    let ms = |us: u64| us as f64 / 1e3;
    let line = |v: &[u64]| {
        let mut v = v.to_vec();
        v.sort_unstable();
        format!(
            "p50 {:.2} ms  p99 {:.2} ms  (n = {})",
            ms(percentile(&v, 50)),
            ms(percentile(&v, 99)),
            v.len()
        )
    };
    println!(
        "speculative: oracle transaction in the pool -> liquidations planned and ready: {}",
        line(&speculative.ready)
    );
    println!(
        "speculative: price block mined -> send, every liquidation ({}): {}",
        speculative.liquidations,
        line(&speculative.send)
    );
    println!(
        "baseline (pending transactions not watched): price block mined -> send, every liquidation ({}): {}",
        baseline.liquidations,
        line(&baseline.send)
    );
    let (mut a, mut b) = (speculative.send.clone(), baseline.send.clone());
    a.sort_unstable();
    b.sort_unstable();
    println!(
        "block -> send at p50: {:.1}x faster with the decision held",
        percentile(&b, 50) as f64 / percentile(&a, 50).max(1) as f64
    );
    Ok(())
}

/// One crash on a fresh devnet, the keeper watching pending transactions or not.
async fn run_pass(borrowers: usize, watch_pending: bool) -> Result<Pass> {
    let options = DevnetOptions {
        seed: SeedOptions {
            borrowers,
            leveraged: borrowers / 10,
            ..SeedOptions::default()
        },
        ..DevnetOptions::default()
    };
    let devnet = Devnet::start(&options).await?;
    devnet.seed(&options.seed).await?;
    let provider = devnet.provider();
    let index = PositionIndex::in_memory(&devnet.deployment, IndexConfig::default());
    let mut keeper = devnet_keeper(&devnet, provider.clone(), index, ExecConfig::default()).await?;
    keeper.set_oracle_trigger(OracleTrigger {
        watch_pending,
        ..OracleTrigger::on(Duration::from_millis(5))
    });
    keeper.step().await?;
    println!(
        "pass (watch pending: {watch_pending}): keeper follows {} positions",
        keeper.book().len()
    );
    provider.anvil_set_auto_mine(false).await?;

    // What the keeper reported, as it happened.
    let held: Arc<Mutex<HashMap<TxHash, Instant>>> = Arc::default();
    let sends: Arc<Mutex<Vec<Instant>>> = Arc::default();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let on_event = {
        let (held, sends) = (held.clone(), sends.clone());
        move |e: &KeeperEvent| match e {
            KeeperEvent::Speculated { oracle_txs, at, .. } => {
                let mut held = held.lock().expect("not poisoned");
                for tx in oracle_txs {
                    held.entry(*tx).or_insert(*at);
                }
            }
            KeeperEvent::Submitted {
                at, dry_run: false, ..
            } => sends.lock().expect("not poisoned").push(*at),
            _ => {}
        }
    };
    let keeper_loop = keeper.run(
        async {
            let _ = stopped.await;
        },
        on_event,
    );
    let drive = async {
        let feed = OwnerFeed::new(devnet.asset("WETH")?.feed, provider.clone());
        let start = devnet.price("WETH").await?;
        let mut pass = Pass::default();
        for step in 1..=STEPS {
            let answer = start - start * I256::try_from(step * 25)? / I256::try_from(1_000)?;
            let request = feed
                .setAnswer(answer)
                .into_transaction_request()
                .with_from(DEPLOYER)
                .with_gas_limit(200_000);
            let hash = *provider.send_transaction(request).await?.tx_hash();
            let in_pool = Instant::now();
            // The speculative pass waits (up to a second) for the keeper to hold a decision for it.
            if watch_pending {
                let deadline = in_pool + Duration::from_secs(1);
                while Instant::now() < deadline {
                    if let Some(ready) = held.lock().expect("not poisoned").get(&hash) {
                        pass.ready
                            .push(ready.duration_since(in_pool).as_micros() as u64);
                        break;
                    }
                    tokio::time::sleep(Duration::from_millis(1)).await;
                }
            }
            let before = sends.lock().expect("not poisoned").len();
            provider.anvil_mine(Some(1), None).await?;
            let mined = Instant::now();
            // The keeper's sends for this block, then its liquidations mined.
            tokio::time::sleep(Duration::from_millis(400)).await;
            for at in &sends.lock().expect("not poisoned")[before..] {
                pass.send
                    .push(at.saturating_duration_since(mined).as_micros() as u64);
            }
            provider.anvil_mine(Some(1), None).await?;
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        let _ = stop.send(());
        Result::Ok(pass)
    };
    let (pass, ran) = tokio::join!(drive, keeper_loop);
    ran?;
    let mut pass = pass?;
    pass.liquidations = pass.send.len();
    Ok(pass)
}
