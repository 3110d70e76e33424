//! The executor writes its ledger entry before the send. A crash between the two leaves an entry for a
//! transaction the node never saw, its nonce unused; a transaction can also leave the pool after a restart.
//! Either way the opportunity must not stay withheld as a duplicate while the position stays liquidatable:
//! the executor reconciles its ledger with the node at start-up and on every duplicate. Judged on chain: the
//! keeper account's transactions and the lens.
//!
//! - `an_entry_never_sent_is_released_at_start_up`: a dry-run keeper signs the liquidations of a price drop;
//!   the first one's entry is written to the ledger file exactly as `submit` writes it before a send (hash,
//!   nonce, block), and never sent: the state a crash after the write leaves. A keeper started over that
//!   ledger liquidates the position.
//! - `a_duplicate_whose_transaction_left_the_pool_is_sent`: a keeper sends its liquidations into the pool
//!   (mining on demand) and dies; the next one withholds them as duplicates (they are pending); then the
//!   node drops the last one from its pool. At the next duplicate the keeper finds it unknown with its nonce
//!   unused and sends it again: every position is liquidated exactly once.

use std::collections::{BTreeMap, BTreeSet};

use alloy::primitives::B256;
use alloy::providers::Provider;
use alloy::providers::ext::AnvilApi;
use cantilever_daemon::KeeperEvent;
use cantilever_exec::{ExecConfig, Ledger, LedgerEntry};
use cantilever_index::{IndexConfig, PositionIndex};
use cantilever_primitives::PositionKey;
use cantilever_tests::keeper_harness::{
    Net, NetOptions, Recorded, assert_nothing_worth_left, cli_keeper, cut, head, keeper_txs,
    lens_health, mine, pool_size, queue_prices, stop_mining,
};

use super::step;
use crate::TestResult;

fn options() -> NetOptions {
    NetOptions {
        pools_follow_prices: true,
        borrowers: 24,
        leveraged: 0,
        health: (1.02, 1.3),
        ..NetOptions::default()
    }
}

/// Successful liquidations by the keeper account from `from_block`, per position.
async fn liquidations(net: &Net, from_block: u64) -> TestResult<BTreeMap<PositionKey, Vec<B256>>> {
    let mut out: BTreeMap<PositionKey, Vec<B256>> = BTreeMap::new();
    for t in keeper_txs(&net.devnet, net.devnet.keeper, from_block).await? {
        if t.success && t.liquidated > 0 {
            out.entry(t.key).or_default().push(t.hash);
        }
    }
    Ok(out)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_entry_never_sent_is_released_at_start_up() -> TestResult {
    let net = Net::shared(&options()).await?;
    let devnet = &net.devnet;
    let provider = net.provider();
    let dir = tempfile::tempdir()?;
    let ledger_path = dir.path().join("ledger.json");
    let exec = ExecConfig {
        ledger_path: Some(ledger_path.clone()),
        ..ExecConfig::default()
    };

    let weth = devnet.price("WETH").await?;
    devnet.set_price("WETH", cut(weth, 25)).await?;
    let start_block = head(&provider).await? + 1;

    // What the first keeper signed for its first send, before it died.
    let dry = ExecConfig {
        dry_run: true,
        ..exec.clone()
    };
    let index = PositionIndex::in_memory(&devnet.deployment, IndexConfig::default());
    let mut first = cli_keeper(devnet, provider.clone(), index, dry).await?;
    let mut recorded = Recorded::default();
    step(&mut first, &mut recorded).await?;
    drop(first);
    let (key, id, hash) = recorded
        .iter()
        .find_map(|e| match e {
            KeeperEvent::Submitted {
                key,
                id,
                hash,
                dry_run: true,
                ..
            } => Some((*key, *id, *hash)),
            _ => None,
        })
        .ok_or("the keeper signed nothing after a 25% WETH drop")?;
    let nonce = provider
        .get_transaction_count(devnet.keeper)
        .pending()
        .await?;
    let mut ledger = Ledger::open(
        Some(ledger_path.clone()),
        devnet.deployment.chain_id,
        devnet.keeper,
        exec.ledger_ttl_blocks,
    )?;
    ledger.insert(
        id,
        LedgerEntry {
            tx_hash: hash,
            nonce,
            sent_block: head(&provider).await?,
            dry_run: false,
            orders: Vec::new(),
        },
    )?;
    drop(ledger);
    assert!(
        provider.get_transaction_by_hash(hash).await?.is_none(),
        "the entry's transaction reached the node"
    );

    // The restarted keeper, over that ledger.
    let index = PositionIndex::in_memory(&devnet.deployment, IndexConfig::default());
    let mut second = cli_keeper(devnet, provider.clone(), index, exec).await?;
    let restarted_at = recorded.events.len();
    for _ in 0..4 {
        step(&mut second, &mut recorded).await?;
    }

    let done = liquidations(&net, start_block).await?;
    let health = lens_health(devnet, &[key]).await?;
    eprintln!(
        "{} positions liquidated after the restart (blocks {start_block}..={}); the one in the ledger ({}): {:?}, \
         health {}",
        done.len(),
        head(&provider).await?,
        key.borrower,
        done.get(&key),
        health[&key].healthFactor
    );
    if done.get(&key).map(Vec::len) != Some(1) {
        // What the restarted keeper saw and did, for a failure that must explain itself.
        for (_, event) in &recorded.events[restarted_at..] {
            match event {
                KeeperEvent::Simulated { .. } | KeeperEvent::Found { .. } => {}
                other => eprintln!("  restarted keeper: {other:?}"),
            }
        }
        // And what the chain holds: every transaction from the price block on, and the receipts of the sends.
        for number in start_block - 1..=head(&provider).await? {
            let block = provider.get_block_by_number(number.into()).full().await?;
            for tx in block.iter().flat_map(|b| b.transactions.txns()) {
                use alloy::consensus::Transaction as _;
                use alloy::network::TransactionResponse as _;
                eprintln!(
                    "  block {number}: {} from {} to {:?}",
                    tx.tx_hash(),
                    tx.from(),
                    tx.to()
                );
            }
        }
        for (_, event) in &recorded.events[restarted_at..] {
            if let KeeperEvent::Submitted {
                hash, key: sent, ..
            } = event
                && *sent == key
            {
                let receipt = provider.get_transaction_receipt(*hash).await?;
                eprintln!(
                    "  the send's receipt: {:?}",
                    receipt.map(|r| (r.block_number, r.status(), r.inner.logs().len()))
                );
            }
        }
    }
    assert_eq!(
        done.get(&key).map(Vec::len),
        Some(1),
        "the position whose ledger entry was never sent was not liquidated once after the restart"
    );
    assert!(
        !health[&key].liquidatable,
        "{} is still liquidatable",
        key.borrower
    );
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_duplicate_whose_transaction_left_the_pool_is_sent() -> TestResult {
    let net = Net::shared(&options()).await?;
    let devnet = &net.devnet;
    let provider = net.provider();
    let dir = tempfile::tempdir()?;
    let exec = ExecConfig {
        ledger_path: Some(dir.path().join("ledger.json")),
        ..ExecConfig::default()
    };
    let priority_fee_wei = exec.priority_fee_wei;

    // The first keeper sends the liquidations of a drop into the pool, and dies.
    stop_mining(&provider).await?;
    let weth = devnet.price("WETH").await?;
    queue_prices(devnet, &[("WETH", cut(weth, 25))]).await?;
    mine(&provider).await?;
    let start_block = head(&provider).await? + 1;
    let index = PositionIndex::in_memory(&devnet.deployment, IndexConfig::default());
    let mut first = cli_keeper(devnet, provider.clone(), index, exec.clone()).await?;
    let mut recorded = Recorded::default();
    step(&mut first, &mut recorded).await?;
    drop(first);
    let sent: Vec<(PositionKey, B256)> = recorded
        .iter()
        .filter_map(|e| match e {
            KeeperEvent::Submitted {
                key,
                hash,
                dry_run: false,
                ..
            } => Some((*key, *hash)),
            _ => None,
        })
        .collect();
    assert!(
        sent.len() >= 2,
        "the keeper sent {} liquidations after a 25% WETH drop",
        sent.len()
    );
    // One transaction for the whole plan (a liquidateBatch in the sequential profile), or one each.
    let hashes: BTreeSet<B256> = sent.iter().map(|(_, h)| *h).collect();
    assert_eq!(pool_size(&provider).await?, hashes.len() as u64);

    // The second keeper withholds them: they are pending.
    let index = PositionIndex::in_memory(&devnet.deployment, IndexConfig::default());
    let mut second = cli_keeper(devnet, provider.clone(), index, exec).await?;
    let before = recorded.events.len();
    step(&mut second, &mut recorded).await?;
    let withheld: BTreeSet<PositionKey> = recorded.events[before..]
        .iter()
        .filter_map(|(_, e)| match e {
            KeeperEvent::Skipped { key, reason } if reason.label() == "duplicate" => Some(*key),
            _ => None,
        })
        .collect();
    let sent_keys: BTreeSet<PositionKey> = sent.iter().map(|(k, _)| *k).collect();
    assert_eq!(
        withheld, sent_keys,
        "the restarted keeper did not withhold exactly the pending liquidations as duplicates"
    );
    assert_eq!(pool_size(&provider).await?, hashes.len() as u64, "resent");

    // The node loses the last transaction (the highest nonce): unknown, its nonce unused. Every liquidation it
    // carried (all of them, for a batch) must be sent again.
    let (_, lost_hash) = *sent.last().ok_or("nothing sent")?;
    let lost_keys: Vec<PositionKey> = sent
        .iter()
        .filter(|(_, h)| *h == lost_hash)
        .map(|(k, _)| *k)
        .collect();
    let dropped = provider.anvil_drop_transaction(lost_hash).await?;
    assert_eq!(dropped, Some(lost_hash), "anvil did not drop it");
    for _ in 0..3 {
        step(&mut second, &mut recorded).await?;
        mine(&provider).await?;
    }
    step(&mut second, &mut recorded).await?;

    let done = liquidations(&net, start_block).await?;
    eprintln!(
        "{} sent before the crash in {} transactions, {} positions liquidated on chain; {} lost with {lost_hash}",
        sent.len(),
        hashes.len(),
        done.len(),
        lost_keys.len(),
    );
    for key in &sent_keys {
        assert_eq!(
            done.get(key).map(Vec::len),
            Some(1),
            "{} was not liquidated exactly once",
            key.borrower
        );
    }
    for lost_key in &lost_keys {
        assert!(
            !done[lost_key].contains(&lost_hash),
            "the dropped transaction was mined"
        );
    }
    assert_nothing_worth_left(devnet, &net.keys(), priority_fee_wei, "at the end").await?;
    Ok(())
}
