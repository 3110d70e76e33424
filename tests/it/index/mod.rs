//! The position index against a real chain: on the shared devnet, positions are opened, changed, churned by
//! thousands of small borrows and repays, and liquidated with bad debt ([`activity`]); then
//! (a) every indexed position equals `core.position(id, borrower)`, and the backfill's speed is printed;
//! (b) a redb store reopened after more activity resumes from its stored block and still matches;
//! (c) blocks holding position changes are replaced (`evm_snapshot`/`evm_revert`) and the index rolls them
//! back, running or stopped; (d) behind a proxy refusing `eth_getLogs` over more than a few blocks, the
//! backfill shrinks its ranges and still matches.

mod activity;
mod proxy;

use std::collections::BTreeSet;
use std::sync::atomic::Ordering;
use std::time::Instant;

use alloy::primitives::{Address, Bytes, U256};
use alloy::providers::ext::AnvilApi;
use alloy::providers::{DynProvider, Provider, ProviderBuilder};
use cantilever_bindings::cantilever::Cantilever;
use cantilever_index::{IndexConfig, IndexError, PositionIndex};
use cantilever_primitives::{Deployment, Position, PositionKey};
use cantilever_tests::{TX_GAS, shared_devnet};

use crate::TestResult;
use activity::PER_MARKET;
use proxy::Proxy;

/// The proxy refuses `eth_getLogs` over more blocks than this.
const PROXY_MAX_RANGE: u64 = 3;

fn config(max_range: u64, reorg_depth: u64) -> IndexConfig {
    IndexConfig {
        max_range,
        reorg_depth,
        ..IndexConfig::default()
    }
}

/// (a) + (e): a backfill in memory matches the core, reports every event and position, and a second sync
/// with nothing new changes nothing.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn backfill_matches_the_core() -> TestResult {
    let devnet = shared_devnet().await?;
    let started = Instant::now();
    let a = activity::run(&devnet).await?;
    let setup = started.elapsed();
    let provider = devnet.provider();
    let d = &a.deployment;
    let mut memory = PositionIndex::in_memory(d, config(10_000, 8));
    let delta = memory.sync(&provider).await?;
    let checked = assert_matches(&memory, &provider, d, &a.known, "in memory").await?;
    assert!(
        delta.events as usize >= a.churn_txs,
        "{} events for {} transactions",
        delta.events,
        a.churn_txs
    );
    assert_eq!(delta.blocks, delta.head.number - d.deploy_block + 1);
    assert_eq!(delta.rolled_back_blocks, 0);
    assert_eq!(
        delta.changed.len(),
        memory.positions().count(),
        "a first sync reports every position"
    );
    assert!(memory.markets().count() >= a.markets);
    let rate = delta.events as f64 / delta.elapsed.as_secs_f64();
    eprintln!(
        "backfill: {} events over {} blocks in {:.1?} = {rate:.0} events/s; {checked} positions match; \
         {} bad-debt liquidations (setup {setup:.1?})",
        delta.events, delta.blocks, delta.elapsed, a.bad_debts
    );
    // A second sync with nothing new changes nothing.
    let idle = memory.sync(&provider).await?;
    assert_eq!((idle.blocks, idle.events, idle.changed.len()), (0, 0, 0));
    Ok(())
}

/// (b) + (c): a store reopened after more activity resumes from its stored block; reorgs while running and
/// while stopped are rolled back; one deeper than the index remembers is reported; the store refuses another
/// deployment.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn store_resumes_and_rolls_back_reorgs() -> TestResult {
    let devnet = shared_devnet().await?;
    let mut a = activity::run(&devnet).await?;
    let provider = devnet.provider();
    let d = a.deployment.clone();
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("index.redb");
    let config = config(500, 64);
    let core = Cantilever::new(d.core, &provider);
    let o = &a.opens[PER_MARKET]; // market 1

    // (b) restart from the store
    let stored_head = {
        let mut index = PositionIndex::open(&path, &d, config.clone())?;
        index.sync(&provider).await?;
        index.head().ok_or("no head")?
    };
    let mut memory = PositionIndex::in_memory(&d, config.clone());
    memory.sync(&provider).await?;
    for _ in 0..3 {
        let call = core.supplyCollateral(
            o.params.into(),
            U256::from(12_345),
            o.borrower,
            Bytes::new(),
        );
        send(&provider, a.funder, call.into_transaction_request()).await?;
    }
    let mut index = PositionIndex::open(&path, &d, config.clone())?;
    assert_eq!(
        index.head(),
        Some(stored_head),
        "reopened at the stored block"
    );
    assert_eq!(index.positions().count(), memory.positions().count());
    let delta = index.sync(&provider).await?;
    let tip = provider.get_block_number().await?;
    assert_eq!(
        delta.blocks,
        tip - stored_head.number,
        "only the new blocks were fetched"
    );
    assert_eq!(delta.events, 3);
    let key = PositionKey {
        market: o.params.id(),
        borrower: o.borrower,
    };
    assert_eq!(
        delta.changed.iter().map(|(k, _)| *k).collect::<Vec<_>>(),
        [key]
    );
    assert_matches(&index, &provider, &d, &a.known, "after restart").await?;

    // (c) a reorg while running: two blocks replaced by three others
    let newcomer_key = PositionKey {
        market: o.params.id(),
        borrower: a.newcomer,
    };
    a.known.insert(newcomer_key);
    let snapshot = provider.anvil_snapshot().await?;
    let call = core.supplyCollateral(o.params.into(), U256::from(777), a.newcomer, Bytes::new());
    send(&provider, a.funder, call.into_transaction_request()).await?;
    let repay = core.repay(
        o.params.into(),
        o.debt / U256::from(10),
        U256::ZERO,
        o.borrower,
        Bytes::new(),
    );
    send(&provider, o.borrower, repay.into_transaction_request()).await?;
    let before = index.sync(&provider).await?;
    assert_eq!(before.blocks, 2);
    assert!(index.position(&newcomer_key).is_some());
    assert!(provider.anvil_revert(snapshot).await?);
    // The replacement chain: other changes, one block longer.
    for _ in 0..3 {
        let call =
            core.withdrawCollateral(o.params.into(), U256::from(1_000), o.borrower, o.borrower);
        send(&provider, o.borrower, call.into_transaction_request()).await?;
    }
    let delta = index.sync(&provider).await?;
    assert_eq!(
        delta.rolled_back_blocks, 2,
        "both replaced blocks rolled back"
    );
    assert_eq!(delta.blocks, 3);
    assert!(
        index.position(&newcomer_key).is_none(),
        "the newcomer's block was reorged away"
    );
    assert!(delta.changed.contains(&(newcomer_key, Position::default())));
    assert_matches(&index, &provider, &d, &a.known, "after reorg").await?;
    drop(index);
    // A restart sees the reorged result as stored.
    let mut index = PositionIndex::open(&path, &d, config.clone())?;
    assert_eq!(index.sync(&provider).await?.blocks, 0);
    assert_matches(&index, &provider, &d, &a.known, "after reorg and restart").await?;

    // (c) a reorg while the keeper is down: the reopened store's last blocks are no longer canonical
    let mut shallow = PositionIndex::in_memory(&d, config_depth(1));
    let snapshot = provider.anvil_snapshot().await?;
    for _ in 0..2 {
        let call = core.supplyCollateral(o.params.into(), U256::from(5), a.newcomer, Bytes::new());
        send(&provider, a.funder, call.into_transaction_request()).await?;
    }
    index.sync(&provider).await?;
    shallow.sync(&provider).await?;
    drop(index);
    assert!(provider.anvil_revert(snapshot).await?);
    for _ in 0..3 {
        let call = core.supplyCollateral(o.params.into(), U256::from(9), o.borrower, Bytes::new());
        send(&provider, a.funder, call.into_transaction_request()).await?;
    }
    let mut index = PositionIndex::open(&path, &d, config.clone())?;
    let delta = index.sync(&provider).await?;
    assert_eq!(delta.rolled_back_blocks, 2, "the restart rolled back first");
    assert_eq!(delta.blocks, 3);
    assert!(index.position(&newcomer_key).is_none());
    assert_matches(
        &index,
        &provider,
        &d,
        &a.known,
        "after a reorg while stopped",
    )
    .await?;
    // An index remembering one block cannot survive a two-block reorg, and says so.
    let too_deep = shallow.sync(&provider).await;
    assert!(
        matches!(too_deep, Err(IndexError::ReorgTooDeep { .. })),
        "{too_deep:?}"
    );
    drop(index);
    // The store refuses another deployment (here: another chain id).
    let mut other = d.clone();
    other.chain_id += 1;
    let refused = PositionIndex::open(&path, &other, config).map(|_| ());
    assert!(
        matches!(refused, Err(IndexError::WrongDeployment { .. })),
        "{refused:?}"
    );
    Ok(())
}

/// (d): behind a node refusing wide `eth_getLogs` ranges, the backfill halves its ranges down to what the
/// node serves, matches the core, and holds what a direct backfill holds.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn backfill_shrinks_ranges_a_node_refuses() -> TestResult {
    let devnet = shared_devnet().await?;
    let a = activity::run(&devnet).await?;
    let provider = devnet.provider();
    let d = &a.deployment;
    let mut direct = PositionIndex::in_memory(d, config(10_000, 8));
    direct.sync(&provider).await?;

    let proxy = Proxy::start(provider.clone(), PROXY_MAX_RANGE).await?;
    let proxied = ProviderBuilder::new()
        .disable_recommended_fillers()
        .connect_http(proxy.url.parse()?)
        .erased();
    let mut narrow = PositionIndex::in_memory(d, config(64, 4));
    let delta = narrow.sync(&proxied).await?;
    assert_matches(&narrow, &provider, d, &a.known, "behind the proxy").await?;
    let refused = proxy.refused.load(Ordering::Relaxed);
    let largest = proxy.largest_served.load(Ordering::Relaxed);
    assert!(refused > 0, "the proxy never refused a range");
    assert!((1..=PROXY_MAX_RANGE).contains(&largest));
    assert_eq!(
        narrow.positions().collect::<Vec<_>>(),
        direct.positions().collect::<Vec<_>>()
    );
    eprintln!(
        "proxy: {refused} refused ranges, largest served {largest} blocks; {} blocks in {:.1?}",
        delta.blocks, delta.elapsed
    );
    Ok(())
}

fn config_depth(reorg_depth: u64) -> IndexConfig {
    config(500, reorg_depth)
}

/// Checks every position the index holds, and every `known` one, against the core; returns how many.
async fn assert_matches(
    index: &PositionIndex,
    provider: &DynProvider,
    d: &Deployment,
    known: &BTreeSet<PositionKey>,
    label: &str,
) -> TestResult<usize> {
    let core = Cantilever::new(d.core, provider);
    let head = index.head().ok_or("index has no head")?;
    let tip = provider.get_block_number().await?;
    assert_eq!(head.number, tip, "{label}: index not at the chain head");
    let keys: BTreeSet<PositionKey> = index
        .positions()
        .map(|(k, _)| k)
        .chain(known.iter().copied())
        .collect();
    for key in &keys {
        let chain = core.position(key.market, key.borrower).call().await?;
        let chain = Position {
            borrow_shares: chain.borrowShares,
            collateral: chain.collateral,
        };
        let indexed = index.position(key).unwrap_or_default();
        assert_eq!(indexed, chain, "{label}: position {key:?}");
        assert_eq!(
            index.position(key).is_some(),
            !chain.is_empty(),
            "{label}: {key:?} presence"
        );
    }
    Ok(keys.len())
}

/// Sends one transaction with automine on and checks it succeeded.
async fn send(
    provider: &DynProvider,
    from: Address,
    mut tx: alloy::rpc::types::TransactionRequest,
) -> TestResult {
    tx.from = Some(from);
    tx.gas = Some(TX_GAS);
    let receipt = provider.send_transaction(tx).await?.get_receipt().await?;
    assert!(receipt.status(), "transaction reverted");
    Ok(())
}
