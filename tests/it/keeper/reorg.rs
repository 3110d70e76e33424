//! A reorg removes the price update after the keeper saw it. With mining on demand: a snapshot, a price drop
//! mined, the keeper processes that block (finds the liquidatable positions and sends); then the chain goes
//! back to the snapshot (`evm_revert`) and grows two other blocks without the drop. The keeper's index and
//! health book must follow the chain back (positions equal the core's, nothing liquidatable), and nothing is
//! counted twice: one submission per opportunity, one Included per transaction, one Profit per liquidation
//! the canonical chain holds. When the drop then really happens, the keeper liquidates it: every position it
//! had sent for before the reorg, and every one under water after the real drop that is worth its gas, has a
//! successful liquidation on the canonical chain, and the lens finds nothing liquidatable left that pays. All
//! end checks read the chain (the lens, an `eth_call` of the executor, the blocks), not the keeper's book.

use std::collections::{BTreeMap, BTreeSet};

use alloy::providers::ext::AnvilApi;
use cantilever_daemon::{Keeper, KeeperEvent};
use cantilever_exec::ExecConfig;
use cantilever_index::{IndexConfig, PositionIndex};
use cantilever_primitives::{Position, PositionKey};
use cantilever_tests::keeper_harness::{
    Net, NetOptions, Recorded, assert_nothing_worth_left, chain_positions, cli_keeper, cut, head,
    keeper_txs, liquidatable_left, mine, pool_size, queue_prices, stop_mining,
};

use super::step;
use crate::TestResult;

/// The keeper's index and book agree with the chain on every seeded position.
async fn assert_matches_chain(net: &Net, keeper: &Keeper, when: &str) -> TestResult {
    let chain = chain_positions(&net.devnet, &net.keys()).await?;
    let index: BTreeMap<PositionKey, Position> = keeper.index().positions().collect();
    assert_eq!(index, chain, "{when}: the index differs from the chain");
    let book = keeper.book();
    for (key, position) in &chain {
        let in_book = book.market(&key.market).and_then(|m| m.get(&key.borrower));
        let expected = (position.borrow_shares > 0).then_some(*position);
        assert_eq!(
            in_book, expected,
            "{when}: the book's position of {} differs from the chain",
            key.borrower
        );
    }
    let with_debt = chain.values().filter(|p| p.borrow_shares > 0).count();
    assert_eq!(
        book.len(),
        with_debt,
        "{when}: the book holds other positions"
    );
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn is_followed_and_nothing_counts_twice() -> TestResult {
    let net = Net::shared(&NetOptions {
        pools_follow_prices: true,
        borrowers: 24,
        leveraged: 0,
        health: (1.03, 1.3),
        ..NetOptions::default()
    })
    .await?;
    let devnet = &net.devnet;
    let provider = net.provider();
    let index = PositionIndex::in_memory(&devnet.deployment, IndexConfig::default());
    let exec = ExecConfig::default();
    let priority_fee_wei = exec.priority_fee_wei;
    let mut keeper = cli_keeper(devnet, provider.clone(), index, exec).await?;
    let mut recorded = Recorded::default();
    step(&mut keeper, &mut recorded).await?;
    stop_mining(&provider).await?;
    let start_block = head(&provider).await? + 1;

    // The drop the keeper sees, then loses.
    let snapshot = provider.anvil_snapshot().await?;
    let weth = devnet.price("WETH").await?;
    queue_prices(devnet, &[("WETH", cut(weth, 25))]).await?;
    mine(&provider).await?;
    let price_block = head(&provider).await?;
    step(&mut keeper, &mut recorded).await?;
    let found = recorded
        .iter()
        .filter(|e| matches!(e, KeeperEvent::Found { .. }))
        .count();
    let sent_before: BTreeSet<PositionKey> = recorded.submissions().into_keys().collect();
    assert!(found > 0, "the keeper found nothing after a 25% WETH drop");
    assert!(
        !sent_before.is_empty(),
        "the keeper sent nothing after a 25% WETH drop"
    );
    eprintln!(
        "block {price_block}: {found} found, {} sent, {} in the pool",
        sent_before.len(),
        pool_size(&provider).await?
    );

    assert!(provider.anvil_revert(snapshot).await?, "evm_revert refused");
    eprintln!(
        "after the revert: head {}, {} transactions in the pool",
        head(&provider).await?,
        pool_size(&provider).await?
    );
    mine(&provider).await?;
    mine(&provider).await?;
    assert!(head(&provider).await? > price_block);
    let before = recorded.events.len();
    step(&mut keeper, &mut recorded).await?;
    assert_matches_chain(&net, &keeper, "after the reorg").await?;
    let under = liquidatable_left(devnet, &net.keys()).await?;
    assert!(
        under.is_empty(),
        "after the reorg the lens finds liquidatable positions: {under:?}"
    );
    // A few quiet blocks: nothing new is sent.
    for _ in 0..3 {
        mine(&provider).await?;
        step(&mut keeper, &mut recorded).await?;
    }
    let resent = recorded.events[before..]
        .iter()
        .filter(|(_, e)| matches!(e, KeeperEvent::Submitted { .. }))
        .count();
    assert_eq!(resent, 0, "the keeper sent after the drop was reorged away");
    assert_matches_chain(&net, &keeper, "three blocks after the reorg").await?;

    // The drop happens for real: the keeper liquidates it.
    let before_real = recorded.events.len();
    queue_prices(devnet, &[("WETH", cut(weth, 25))]).await?;
    mine(&provider).await?;
    let real_block = head(&provider).await?;
    let under: BTreeSet<PositionKey> = liquidatable_left(devnet, &net.keys())
        .await?
        .into_iter()
        .collect();
    assert!(
        sent_before.is_subset(&under),
        "positions the keeper sent for before the reorg are not under water after the real drop"
    );
    for _ in 0..5 {
        step(&mut keeper, &mut recorded).await?;
        mine(&provider).await?;
    }
    step(&mut keeper, &mut recorded).await?;
    assert_matches_chain(&net, &keeper, "after the real drop").await?;
    let real: Vec<&KeeperEvent> = recorded.events[before_real..]
        .iter()
        .map(|(_, e)| e)
        .collect();
    let last_block = real
        .iter()
        .rev()
        .find(|e| matches!(e, KeeperEvent::Block { .. }));
    eprintln!(
        "after the real drop: {} Submitted, last {last_block:?}",
        real.iter()
            .filter(|e| matches!(e, KeeperEvent::Submitted { .. }))
            .count()
    );

    // Nothing counted twice.
    let mut per_id: BTreeMap<_, usize> = BTreeMap::new();
    for sent in recorded.submissions().values() {
        for (id, _) in sent {
            *per_id.entry(*id).or_default() += 1;
        }
    }
    // An opportunity is sent again only after its earlier transaction executed nothing (here: mined after
    // the reorg against the restored prices, and reverted); it never succeeds twice.
    let mut failed: BTreeMap<_, usize> = BTreeMap::new();
    let mut succeeded: BTreeMap<_, usize> = BTreeMap::new();
    for (id, _, _, success) in recorded.inclusions() {
        *(if success { &mut succeeded } else { &mut failed })
            .entry(id)
            .or_default() += 1;
    }
    for (id, n) in &per_id {
        let retries_allowed = failed.get(id).copied().unwrap_or(0);
        assert!(
            *n <= 1 + retries_allowed,
            "opportunity {id} submitted {n} times after {retries_allowed} failures"
        );
        assert!(
            succeeded.get(id).copied().unwrap_or(0) <= 1,
            "opportunity {id} succeeded twice"
        );
    }
    // One Included per liquidation a transaction carried (the orders of a batch share its hash).
    let mut per_tx: BTreeMap<_, usize> = BTreeMap::new();
    for (id, hash, _, _) in recorded.inclusions() {
        *per_tx.entry((hash, id)).or_default() += 1;
    }
    for ((hash, id), n) in &per_tx {
        assert_eq!(
            *n, 1,
            "transaction {hash} reported included {n} times for {id}"
        );
    }
    let txs = keeper_txs(devnet, devnet.keeper, start_block).await?;
    let liquidations: usize = txs.iter().map(|t| t.liquidated).sum();
    eprintln!(
        "canonical chain: {} keeper transactions, {liquidations} liquidations; events: {} Profit, {} Included",
        txs.len(),
        recorded.profits(),
        per_tx.len()
    );
    assert_eq!(
        recorded.profits(),
        liquidations,
        "Profit events and the chain's liquidations differ"
    );

    // From the chain: what the keeper had sent for before the reorg is liquidated after the real drop, and
    // nothing under water that is worth its gas is left.
    let liquidated: BTreeSet<PositionKey> = txs
        .iter()
        .filter(|t| t.block > real_block && t.success && t.liquidated > 0)
        .map(|t| t.key)
        .collect();
    eprintln!(
        "after the real drop in block {real_block}: {} under water, {} liquidated on chain ({} of the {} sent before the reorg)",
        under.len(),
        liquidated.len(),
        sent_before.intersection(&liquidated).count(),
        sent_before.len()
    );
    for key in &sent_before {
        assert!(
            liquidated.contains(key),
            "{} was sent for before the reorg and not liquidated after the real drop",
            key.borrower
        );
    }
    assert_nothing_worth_left(
        devnet,
        &net.keys(),
        priority_fee_wei,
        "undone after the drop came back",
    )
    .await?;
    Ok(())
}
