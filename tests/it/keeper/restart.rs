//! The keeper dies mid-run and a new one starts over the same index store and ledger. With mining on demand:
//! a price drop is mined, the keeper starts sending its liquidations and is dropped as soon as the first one
//! reaches the node's pool (mid-step, before any inclusion). A new keeper opens the same redb store and
//! ledger file: its index resumes from the stored head (no rescan from the deployment block), and it sends
//! only what the first one had not; on chain, the keeper account has exactly one transaction per position,
//! and nothing worth liquidating is left (the lens and an `eth_call` of the executor say so, not the keeper).

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use cantilever_exec::ExecConfig;
use cantilever_index::{IndexConfig, PositionIndex};
use cantilever_planner::StrategyParams;
use cantilever_tests::keeper_harness::{
    Net, NetOptions, Recorded, Stop, cli_keeper, cut, head, keeper_txs, left, mine, pool_size,
    queue_prices, run_beside, stop_mining,
};

use super::step;
use crate::TestResult;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn resumes_from_its_store_without_resending() -> TestResult {
    let net = Net::shared(&NetOptions {
        pools_follow_prices: true,
        borrowers: 30,
        leveraged: 0,
        health: (1.02, 1.3),
        ..NetOptions::default()
    })
    .await?;
    let devnet = &net.devnet;
    let provider = net.provider();
    let dir = tempfile::tempdir()?;
    let store = dir.path().join("index.redb");
    let exec = ExecConfig {
        ledger_path: Some(dir.path().join("ledger.json")),
        ..ExecConfig::default()
    };
    let priority_fee_wei = exec.priority_fee_wei;
    let deploy_block = devnet.deployment.deploy_block;

    // The first keeper backfills, then dies while sending the liquidations of a price drop.
    let index = PositionIndex::open(&store, &devnet.deployment, IndexConfig::default())?;
    let mut first = cli_keeper(devnet, provider.clone(), index, exec.clone()).await?;
    let mut recorded = Recorded::default();
    step(&mut first, &mut recorded).await?;
    stop_mining(&provider).await?;
    let start_block = head(&provider).await? + 1;
    let weth = devnet.price("WETH").await?;
    queue_prices(devnet, &[("WETH", cut(weth, 25))]).await?;
    mine(&provider).await?;
    let price_block = head(&provider).await?;
    let run = run_beside(&mut first, Stop::Abrupt, |_feed| async {
        let end = Instant::now() + Duration::from_secs(30);
        while Instant::now() < end {
            if pool_size(&provider).await.unwrap_or(0) > 0 {
                return true;
            }
            tokio::time::sleep(Duration::from_millis(2)).await;
        }
        false
    })
    .await;
    assert_eq!(
        run.script,
        Some(true),
        "the first keeper sent nothing after a 25% WETH drop"
    );
    recorded.extend(run.recorded);
    drop(first); // closes the store
    let pending_at_crash = pool_size(&provider).await?;
    eprintln!("the first keeper died with {pending_at_crash} transactions in the pool");

    // The second keeper: the index resumes from the store.
    let mut index = PositionIndex::open(&store, &devnet.deployment, IndexConfig::default())?;
    let stored = index.head().ok_or("the store kept no head")?;
    assert_eq!(
        stored.number, price_block,
        "the stored index head is not the block the first keeper processed"
    );
    let positions_before = index.positions().count();
    let delta = index.sync(&provider).await?;
    eprintln!(
        "resumed sync: {} blocks, {} events (a rescan would cover {} blocks)",
        delta.blocks,
        delta.events,
        price_block - deploy_block
    );
    assert_eq!(
        delta.blocks, 0,
        "the resumed index fetched blocks although the head did not move"
    );
    assert_eq!(delta.events, 0);
    assert_eq!(index.positions().count(), positions_before);
    let mut second = cli_keeper(devnet, provider.clone(), index, exec).await?;
    for _ in 0..6 {
        step(&mut second, &mut recorded).await?;
        mine(&provider).await?;
    }
    // What a last step sends (a position interest pushed over the line) is mined and settled before the
    // check: a position never sent leaves nothing in flight, and still fails the check below.
    for _ in 0..4 {
        step(&mut second, &mut recorded).await?;
        if second.in_flight() == 0 {
            break;
        }
        mine(&provider).await?;
    }

    // On chain: one transaction per position, all successful.
    let txs = keeper_txs(devnet, devnet.keeper, start_block).await?;
    let mut per_key: BTreeMap<_, Vec<_>> = BTreeMap::new();
    for t in &txs {
        per_key.entry(t.key).or_default().push(t.clone());
    }
    eprintln!(
        "{} keeper transactions on chain for {} positions ({} sent by the first keeper)",
        txs.len(),
        per_key.len(),
        pending_at_crash
    );
    assert!(!txs.is_empty(), "nothing was liquidated");
    for (key, sent) in &per_key {
        assert_eq!(
            sent.len(),
            1,
            "{} has {} keeper transactions: {sent:#?}",
            key.borrower,
            sent.len()
        );
        assert!(
            sent[0].success,
            "the liquidation of {} reverted",
            key.borrower
        );
    }
    let nonces: Vec<u64> = txs.iter().map(|t| t.nonce).collect();
    let mut sorted = nonces.clone();
    sorted.sort_unstable();
    sorted.dedup();
    assert_eq!(sorted.len(), nonces.len(), "a nonce was used twice");
    let undone = left(
        devnet,
        &net.keys(),
        &StrategyParams::default(),
        priority_fee_wei,
    )
    .await?;
    eprintln!(
        "left on chain: {} liquidatable, {} worth their gas",
        undone.liquidatable.len(),
        undone.worth.len()
    );
    assert!(
        undone.worth.is_empty(),
        "{} liquidations worth their gas left after the restart: {:#?}",
        undone.worth.len(),
        undone.worth
    );
    Ok(())
}
