//! Benchmark: detection latency, from the block that carries a price update to the keeper's liquidation
//! transactions being sent, on anvil with 1,000 positions (issue 13's goal: p50 <= 25 ms, p99 <= 100 ms over
//! every liquidation of each price block).
//!
//! A watcher polls `eth_blockNumber` every millisecond and stamps the moment each block first appears. Every
//! liquidation the keeper sends (one `Submitted` event each; in the sequential profile the orders of one
//! `liquidateBatch` share a transaction and a send time) is timed from the appearance of the block its price
//! transaction was mined in: the last price block at or before the head of the step that sent it, so a
//! liquidation sent a block later (after the keeper's own transaction was mined) still counts from its price
//! block. The figures are signed: a send the watcher saw its block after (the watcher polls too) shows as
//! negative rather than being clamped to zero. Also printed: the keeper's own figure (its head poll to the
//! send), the transactions per price block, where each sending step's time went (head poll, sync, propose,
//! plan: simulate, pack, batch simulation; sign and send) and one `eth_blockNumber` round trip.
//!
//! `cargo run --release -p cantilever --example keeper_latency [borrowers]`

use std::cell::{Cell, RefCell};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use alloy::primitives::{I256, TxHash};
use alloy::providers::{DynProvider, Provider};
use cantilever::devnet::devnet_keeper;
use cantilever::report::percentile;
use cantilever_daemon::KeeperEvent;
use cantilever_daemon::keeper::StepTimings;
use cantilever_devnet::{Devnet, DevnetOptions, SeedOptions};
use cantilever_exec::ExecConfig;
use cantilever_index::{IndexConfig, PositionIndex};
use cantilever_sim::{RpcSource, StateKey, StateSource, proof_requests};

type Result<T> = std::result::Result<T, Box<dyn std::error::Error + Send + Sync>>;

#[tokio::main(flavor = "multi_thread")]
async fn main() -> Result<()> {
    // The keeper's warnings (a send refused, an order a batch skipped on chain) on stderr; RUST_LOG for more.
    cantilever_daemon::telemetry::init_logging(
        cantilever_daemon::telemetry::LogFormat::Pretty,
        "warn",
    )?;
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
    // The keeper's poll interval in `cantilever devnet`.
    let poll = Duration::from_millis(5);

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

    // The blocks the price transactions were mined in, in order.
    let price_blocks = RefCell::new(Vec::<u64>::new());
    let done = Cell::new(false);
    let drive = async {
        let start = devnet.price("WETH").await?;
        for step in 1..=12i64 {
            // Down 2.5% a step, to -30%.
            let answer = start - start * I256::try_from(step * 25)? / I256::try_from(1_000)?;
            devnet.set_price("WETH", answer).await?;
            // set_price mines the block holding the price transaction: the head now.
            let mined = provider.get_block_number().await?;
            price_blocks.borrow_mut().push(mined);
            tokio::time::sleep(Duration::from_millis(600)).await;
        }
        done.set(true);
        Result::Ok(())
    };
    // The keeper's loop, as `Keeper::run` does it (a step at each poll), keeping each step's timings.
    let mut sends: Vec<Sent> = Vec::new();
    let mut steps: Vec<StepTimings> = Vec::new();
    // The largest set of keys a sending step's simulations read: what the next step's fork prefetches.
    let mut prefetch_keys: Vec<StateKey> = Vec::new();
    let run = async {
        while !done.get() {
            tokio::time::sleep(poll).await;
            let report = keeper.step().await?;
            let Some(head) = report.head else { continue };
            let mut sent = 0;
            for e in &report.events {
                if let KeeperEvent::Submitted {
                    hash,
                    latency_us,
                    at,
                    dry_run: false,
                    ..
                } = e
                {
                    sent += 1;
                    sends.push(Sent {
                        head,
                        hash: *hash,
                        at: *at,
                        from_head_us: *latency_us,
                    });
                }
            }
            if sent > 0 {
                let t = report.timings;
                print_step(head, sent, &t);
                steps.push(t);
                let keys = keeper.prefetch_keys();
                if keys.len() > prefetch_keys.len() {
                    prefetch_keys = keys;
                }
            }
        }
        Result::Ok(())
    };
    let (driven, ran) = tokio::join!(drive, run);
    driven?;
    ran?;
    watcher.abort();

    let price_blocks = price_blocks.into_inner();
    let seen = seen.lock().expect("not poisoned").clone();
    let from_block = print_latencies(&sends, &steps, &price_blocks, &seen, &rtt);
    compare_prefetch(&provider, &prefetch_keys).await?;
    let ms = |us: i64| us as f64 / 1e3;
    let (p50, p99) = (ms(pct(&from_block, 50)), ms(pct(&from_block, 99)));
    println!(
        "goals: p50 <= 25 ms -> {} ({:+.1} ms), p99 <= 100 ms -> {} ({:+.1} ms)",
        if p50 <= 25.0 { "met" } else { "missed" },
        p50 - 25.0,
        if p99 <= 100.0 { "met" } else { "missed" },
        p99 - 100.0
    );
    Ok(())
}

/// One line for a sending step: its liquidations and where its time went.
fn print_step(head: u64, sent: usize, t: &StepTimings) {
    let ms = |us: u64| us as f64 / 1e3;
    println!(
        "  block {head}: {sent} liquidations sent; sync {:.1} ms, plan {:.1} ms (prefetch {:.1}, batch {:.1}: {} run(s), {} keys fetched one at a time), sign+send {:.1} ms",
        ms(t.sync_us),
        ms(t.plan_us),
        ms(t.plan.prefetch_us),
        ms(t.plan.transactions_us),
        t.plan.batch_runs,
        t.plan.fetches,
        ms(t.send_us)
    );
}

/// Prints each send's latency from its price block (and from the keeper's head poll), the transactions per price
/// block, where the sending steps' time went and the node's round trip; returns the sorted latencies from the price
/// block (microseconds).
fn print_latencies(
    sends: &[Sent],
    steps: &[StepTimings],
    price_blocks: &[u64],
    seen: &HashMap<u64, Instant>,
    rtt: &[u64],
) -> Vec<i64> {
    // Each send is timed from the moment the block its price transaction was mined in first appeared: the
    // last price block at or before the head the step answered. Signed: a send the watcher's poll saw late
    // shows as negative, not as zero.
    let mut from_block: Vec<i64> = Vec::new();
    let mut from_head: Vec<i64> = Vec::new();
    let mut txs_per_block: BTreeMap<u64, BTreeSet<TxHash>> = BTreeMap::new();
    let mut unmatched = 0;
    for s in sends {
        let Some(&block) = price_blocks.iter().rev().find(|b| **b <= s.head) else {
            unmatched += 1;
            continue;
        };
        let Some(&shown) = seen.get(&block) else {
            unmatched += 1;
            continue;
        };
        from_block.push(signed_us(s.at, shown));
        from_head.push(s.from_head_us as i64);
        txs_per_block.entry(block).or_default().insert(s.hash);
    }
    from_block.sort_unstable();
    from_head.sort_unstable();
    let ms = |us: i64| us as f64 / 1e3;
    println!(
        "liquidations sent: {} over {} price blocks ({unmatched} not attributed)",
        from_block.len(),
        txs_per_block.len()
    );
    println!(
        "detect (price block seen) -> send, every liquidation:  p50 {:.1} ms  p99 {:.1} ms  min {:.1} ms  max {:.1} ms",
        ms(pct(&from_block, 50)),
        ms(pct(&from_block, 99)),
        ms(from_block.first().copied().unwrap_or(0)),
        ms(from_block.last().copied().unwrap_or(0))
    );
    println!(
        "keeper's head poll -> send:                              p50 {:.1} ms  p99 {:.1} ms",
        ms(pct(&from_head, 50)),
        ms(pct(&from_head, 99))
    );
    let per_block: Vec<usize> = txs_per_block.values().map(BTreeSet::len).collect();
    println!(
        "transactions per price block: {:?} (mean {:.2}; sequential goal: 1)",
        per_block,
        per_block.iter().sum::<usize>() as f64 / per_block.len().max(1) as f64
    );
    let count = |f: &dyn Fn(&StepTimings) -> u64| {
        let mut v: Vec<i64> = steps.iter().map(|t| f(t) as i64).collect();
        v.sort_unstable();
        format!("{}/{}", pct(&v, 50), pct(&v, 99))
    };
    let part = |f: &dyn Fn(&StepTimings) -> u64| {
        let mut v: Vec<i64> = steps.iter().map(|t| f(t) as i64).collect();
        v.sort_unstable();
        format!("{:.2}/{:.2}", ms(pct(&v, 50)), ms(pct(&v, 99)))
    };
    println!(
        "step parts over {} sending steps, p50/p99 ms: head {}  sync {}  propose {}  plan {} (prefetch {}  simulate {}  pack {}  batch {})  sign+send {}; \
         per step p50/p99: batch simulations {}, state fetched one key at a time {}",
        steps.len(),
        part(&|t| t.head_us),
        part(&|t| t.sync_us),
        part(&|t| t.propose_us),
        part(&|t| t.plan_us),
        part(&|t| t.plan.prefetch_us),
        part(&|t| t.plan.simulate_us),
        part(&|t| t.plan.pack_us),
        part(&|t| t.plan.transactions_us),
        part(&|t| t.send_us),
        count(&|t| t.plan.batch_runs),
        count(&|t| t.plan.fetches),
    );
    println!(
        "baseline eth_blockNumber round trip: p50 {:.2} ms  p99 {:.2} ms",
        rtt_ms(percentile(rtt, 50)),
        rtt_ms(percentile(rtt, 99)),
    );
    from_block
}

/// The fork's prefetch of `keys` at the head, as the keeper does it (plain reads in JSON-RPC batches) against
/// the `eth_getProof` per account it used before, alternated over the same head; the answers must agree.
async fn compare_prefetch(provider: &DynProvider, keys: &[StateKey]) -> Result<()> {
    const ROUNDS: usize = 20;
    let requests = proof_requests(keys);
    let slots: usize = requests.iter().map(|(_, s)| s.len()).sum();
    let head = provider.get_block_number().await?;
    let source = RpcSource::new(
        provider.clone(),
        head.into(),
        tokio::runtime::Handle::current(),
    );
    let (mut batched, mut proofs) = (Vec::new(), Vec::new());
    for _ in 0..ROUNDS {
        let t = Instant::now();
        let a = source.proofs(&requests)?;
        batched.push(t.elapsed().as_micros() as i64);
        let t = Instant::now();
        let b = source.proofs_by_eth_get_proof(&requests)?;
        proofs.push(t.elapsed().as_micros() as i64);
        let same = a.len() == b.len()
            && a.iter().zip(&b).all(|(a, b)| {
                (a.balance, a.nonce, a.code_hash, &a.storage)
                    == (b.balance, b.nonce, b.code_hash, &b.storage)
            });
        if !same {
            return Err("the batched reads and eth_getProof disagree".into());
        }
    }
    batched.sort_unstable();
    proofs.sort_unstable();
    let ms = |us: i64| us as f64 / 1e3;
    println!(
        "prefetch of {} accounts and {slots} slots at one head, {ROUNDS} rounds, p50/p99 ms: batched plain reads {:.2}/{:.2}, \
         eth_getProof per account (before) {:.2}/{:.2}: {:.1}x faster at p50 (answers equal)",
        requests.len(),
        ms(pct(&batched, 50)),
        ms(pct(&batched, 99)),
        ms(pct(&proofs, 50)),
        ms(pct(&proofs, 99)),
        pct(&proofs, 50) as f64 / pct(&batched, 50).max(1) as f64
    );
    Ok(())
}

/// A liquidation sent: the head of the step that sent it, its transaction, when, and the keeper's own figure.
struct Sent {
    head: u64,
    hash: TxHash,
    at: Instant,
    from_head_us: u64,
}

/// `at - since` in microseconds, negative when `at` came first.
fn signed_us(at: Instant, since: Instant) -> i64 {
    match at.checked_duration_since(since) {
        Some(d) => d.as_micros() as i64,
        None => -(since.duration_since(at).as_micros() as i64),
    }
}

/// The `p`-th percentile of sorted `values` (nearest rank); 0 when empty.
fn pct(values: &[i64], p: usize) -> i64 {
    if values.is_empty() {
        return 0;
    }
    let rank = (p * values.len()).div_ceil(100).clamp(1, values.len());
    values[rank - 1]
}

fn rtt_ms(us: u64) -> f64 {
    us as f64 / 1e3
}
