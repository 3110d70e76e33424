//! Speculative mode (`OracleTrigger { watch_pending: true, .. }`): the price stream reports a feed write waiting in
//! the node's pool, the keeper plans the liquidations it opens over its last head (`KeeperEvent::Speculated`) and
//! holds the decision; the step of the first head that shows the write mined sends it before anything else. The
//! keeper runs its daemon loop (`run_beside`), its head poll the CLI's, the trigger polling every 20 ms; anvil mines
//! only when told (automine off; the fixture's reset turns it back on for the next test). Judged from the chain:
//! the keeper account's nonce (latest and pending), the node's pool, the keeper's transactions to its executor
//! (`keeper_txs`) and, at the end, nothing left worth its gas (the lens and an `eth_call` of the executor).
//!
//! - `a_held_decision_is_sent_once_its_oracle_update_is_mined`: a 25% WETH drop is left pending; the keeper
//!   reports `Speculated` for that transaction and sends nothing while it waits in the pool. Once the price block
//!   is mined, the held liquidations reach the pool within a short bound (sent in the price block's step, before
//!   its `Block` event), and once mined, every position the held decision planned is liquidated exactly once: the
//!   normal step of the price block sends none of them again.
//! - `a_held_decision_is_dropped_with_its_oracle_update`: the same drop is planned for, then dropped from the pool;
//!   the blocks mined after it (past `HOLD_BLOCKS`) carry nothing from the keeper's account.

use std::collections::{BTreeMap, BTreeSet};
use std::time::{Duration, Instant};

use alloy::primitives::{Address, I256, TxHash};
use alloy::providers::ext::AnvilApi;
use alloy::providers::{DynProvider, Provider};
use cantilever_daemon::speculate::HOLD_BLOCKS;
use cantilever_daemon::{Keeper, KeeperEvent, OracleTrigger};
use cantilever_exec::ExecConfig;
use cantilever_index::{IndexConfig, PositionIndex};
use cantilever_primitives::PositionKey;
use cantilever_tests::keeper_harness::{
    EventFeed, KeeperTx, Net, NetOptions, Recorded, Stop, assert_nothing_worth_left, cli_keeper,
    cut, eventually, head, keeper_txs, mine, pool_size, queue_prices, run_beside, stop_mining,
};
use cantilever_tests::rpc;

use crate::TestResult;

/// How often the trigger polls the node's filters (pending transactions among them).
const TRIGGER_POLL: Duration = Duration::from_millis(20);
/// WETH's drop, left pending: enough to open several liquidations among the seeded positions.
const DROP_PERCENT: u32 = 25;
/// Longest wait, from the feed write entering the pool, for the keeper's `Speculated` (ample for a debug build).
const SPECULATED_WITHIN: Duration = Duration::from_secs(15);
/// How long the held decision is watched for an early send, after `Speculated` and before the price block.
const HELD_FOR: Duration = Duration::from_millis(500);
/// Longest wait, from the price block, for the keeper's liquidations in the pool.
const SENT_WITHIN: Duration = Duration::from_secs(3);
/// Longest wait for the keeper's step at a block the test mined.
const STEP_WITHIN: Duration = Duration::from_secs(10);

fn options() -> NetOptions {
    NetOptions {
        pools_follow_prices: true,
        borrowers: 24,
        leveraged: 0,
        health: (1.02, 1.3),
        ..NetOptions::default()
    }
}

/// The keeper as `cantilever devnet` builds it, watching pending feed writes.
async fn speculating_keeper(net: &Net) -> TestResult<Keeper> {
    let devnet = &net.devnet;
    let index = PositionIndex::in_memory(&devnet.deployment, IndexConfig::default());
    let mut keeper = cli_keeper(devnet, net.provider(), index, ExecConfig::default()).await?;
    keeper.set_oracle_trigger(OracleTrigger {
        watch_pending: true,
        ..OracleTrigger::on(TRIGGER_POLL)
    });
    Ok(keeper)
}

/// The account's transaction count at the latest block and counting its pending transactions.
async fn nonces(provider: &DynProvider, account: Address) -> Result<(u64, u64), String> {
    let latest = provider
        .get_transaction_count(account)
        .latest()
        .await
        .map_err(|e| format!("eth_getTransactionCount latest: {e}"))?;
    let pending = provider
        .get_transaction_count(account)
        .pending()
        .await
        .map_err(|e| format!("eth_getTransactionCount pending: {e}"))?;
    Ok((latest, pending))
}

/// The speculative decision the keeper reported for the pending feed write, and the chain around it.
#[derive(Debug, Clone)]
struct Held {
    /// The pending feed write.
    oracle_tx: TxHash,
    /// The head when it was sent (nothing mined since, until the test mines).
    head: u64,
    /// The keeper account's nonce then.
    nonce: u64,
    /// `Speculated`'s head, liquidations, transactions and pool-to-ready time (µs).
    planned_over: u64,
    orders: usize,
    transactions: usize,
    ready_us: u64,
}

/// Inside the script: waits for the keeper's first step and the stream's first prices (its filters, the pending
/// one among them, are installed before it reads them), turns automine off, leaves WETH's drop pending, waits for
/// the keeper's `Speculated` naming it, and checks that for a while nothing of the keeper's account reaches the
/// pool or the chain, the feed write alone waiting in the pool.
async fn hold_a_drop(feed: &mut EventFeed, net: &Net, account: Address) -> Result<Held, String> {
    let devnet = &net.devnet;
    let provider = net.provider();
    let text = |e: cantilever_tests::HarnessError| e.to_string();
    let first_prices = feed
        .wait_for(STEP_WITHIN, |e| {
            matches!(
                e,
                KeeperEvent::OracleUpdate {
                    speculative: None,
                    ..
                }
            )
        })
        .await;
    if first_prices.is_none() {
        return Err("the oracle stream reported no first price".into());
    }
    let stepped = feed
        .seen()
        .iter()
        .any(|e| matches!(e, KeeperEvent::Block { .. }));
    if !stepped && !feed.wait_block(0, STEP_WITHIN).await {
        return Err("the keeper processed no block".into());
    }

    stop_mining(&provider).await.map_err(text)?;
    let before = head(&provider).await.map_err(text)?;
    let (latest, pending) = nonces(&provider, account).await?;
    if latest != pending {
        return Err(format!(
            "the keeper has transactions pending before the drop: nonce {latest} latest, {pending} pending"
        ));
    }
    let weth = devnet.price("WETH").await.map_err(|e| e.to_string())?;
    let hashes = queue_prices(devnet, &[("WETH", cut(weth, DROP_PERCENT))])
        .await
        .map_err(text)?;
    let oracle_tx = hashes[0];
    let in_pool = Instant::now();
    let speculated = feed
        .wait_for(SPECULATED_WITHIN, |e| {
            matches!(e, KeeperEvent::Speculated { oracle_txs, .. } if oracle_txs.contains(&oracle_tx))
        })
        .await;
    let Some(KeeperEvent::Speculated {
        head: planned_over,
        orders,
        transactions,
        ready_us,
        ..
    }) = speculated
    else {
        return Err(format!(
            "no Speculated naming the pending WETH write {oracle_tx} within {SPECULATED_WITHIN:?} (head {before})"
        ));
    };
    eprintln!(
        "speculated {:.1?} after the write entered the pool (ready {:.1} ms after the stream's report): {orders} \
         liquidations in {transactions} transactions over block {planned_over}",
        in_pool.elapsed(),
        ready_us as f64 / 1e3
    );
    if orders == 0 || transactions == 0 {
        return Err(format!(
            "Speculated plans {orders} liquidations in {transactions} transactions after a {DROP_PERCENT}% drop"
        ));
    }
    if planned_over != before {
        return Err(format!(
            "Speculated planned over block {planned_over}, the head is {before}"
        ));
    }

    // Held, not sent: give an early send the time to show.
    tokio::time::sleep(HELD_FOR).await;
    let now = nonces(&provider, account).await?;
    if now != (latest, latest) {
        return Err(format!(
            "the keeper sent before the price block: nonce (latest, pending) {now:?}, {latest} before the drop"
        ));
    }
    let mined = keeper_txs(devnet, account, before + 1)
        .await
        .map_err(text)?;
    if !mined.is_empty() || head(&provider).await.map_err(text)? != before {
        return Err(format!(
            "a block was mined while the drop was pending, with the keeper's {mined:?}"
        ));
    }
    let waiting = provider
        .get_transaction_by_hash(oracle_tx)
        .await
        .map_err(|e| e.to_string())?;
    let pool = pool_size(&provider).await.map_err(text)?;
    if pool != 1 || waiting.is_none_or(|tx| tx.block_number.is_some()) {
        return Err(format!(
            "the pool holds {pool} transactions; the feed write {oracle_tx} should be the only one, pending"
        ));
    }
    Ok(Held {
        oracle_tx,
        head: before,
        nonce: latest,
        planned_over,
        orders,
        transactions,
        ready_us,
    })
}

/// Mines one block; returns its number.
async fn mine_block(provider: &DynProvider) -> Result<u64, String> {
    mine(provider).await.map_err(|e| e.to_string())?;
    head(provider).await.map_err(|e| e.to_string())
}

/// Mines one block and waits for the keeper's step at it; returns its number.
async fn mine_and_step(feed: &mut EventFeed, provider: &DynProvider) -> Result<u64, String> {
    let block = mine_block(provider).await?;
    if !feed.wait_block(block, STEP_WITHIN).await {
        return Err(format!("the keeper did not process block {block}"));
    }
    Ok(block)
}

/// What the keeper reported (the noisy per-simulation events left out), when, and the chain from block `from`:
/// every transaction with its sender, nonce and status, the keeper account's nonces and the node's pool.
async fn explain(net: &Net, recorded: &Recorded, account: Address, from: u64) {
    let provider = net.provider();
    let start = recorded.events.first().map(|(at, _)| *at);
    eprintln!("--- the keeper's events ({}):", recorded.events.len());
    for (at, event) in &recorded.events {
        if matches!(
            event,
            KeeperEvent::Simulated { .. } | KeeperEvent::Found { .. }
        ) {
            continue;
        }
        let ms = start.map_or(0.0, |s| at.duration_since(s).as_secs_f64() * 1e3);
        eprintln!("  +{ms:>8.1} ms  {event:?}");
    }
    let last = match head(&provider).await {
        Ok(last) => last,
        Err(e) => return eprintln!("--- no head: {e}"),
    };
    eprintln!("--- the chain, blocks {from}..={last}:");
    for number in from..=last {
        let block = match provider.get_block_by_number(number.into()).full().await {
            Ok(block) => block,
            Err(e) => {
                eprintln!("  block {number}: {e}");
                continue;
            }
        };
        for tx in block.iter().flat_map(|b| b.transactions.txns()) {
            use alloy::consensus::Transaction as _;
            use alloy::network::TransactionResponse as _;
            let status = provider
                .get_transaction_receipt(tx.tx_hash())
                .await
                .ok()
                .flatten()
                .map(|r| r.status());
            let who = if tx.from() == account {
                " (keeper)"
            } else {
                ""
            };
            eprintln!(
                "  block {number}: {} from {}{who} nonce {} to {:?}, success {status:?}",
                tx.tx_hash(),
                tx.from(),
                tx.nonce(),
                tx.to()
            );
        }
    }
    eprintln!(
        "--- keeper account {account}: nonce (latest, pending) {:?}; pool {:?}",
        nonces(&provider, account).await,
        rpc::pool_status(&provider).await
    );
}

/// The keeper's liquidations on chain per position: (transaction, block, success, `Liquidated` events).
fn per_position(txs: &[KeeperTx]) -> BTreeMap<PositionKey, Vec<&KeeperTx>> {
    let mut out: BTreeMap<PositionKey, Vec<&KeeperTx>> = BTreeMap::new();
    for t in txs {
        out.entry(t.key).or_default().push(t);
    }
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_held_decision_is_sent_once_its_oracle_update_is_mined() -> TestResult {
    let net = Net::shared(&options()).await?;
    let devnet = &net.devnet;
    let provider = net.provider();
    let account = devnet.keeper;
    let priority_fee_wei = ExecConfig::default().priority_fee_wei;
    let mut keeper = speculating_keeper(&net).await?;
    let start_block = head(&provider).await?;

    let run = run_beside(&mut keeper, Stop::Graceful, |mut feed| {
        let net = &net;
        let provider = provider.clone();
        async move {
            let held = hold_a_drop(&mut feed, net, account).await?;
            // The price block: the feed write alone.
            let before_mine = Instant::now();
            let price_block = mine_block(&provider).await?;
            let mined_at = Instant::now();
            let receipt = provider
                .get_transaction_receipt(held.oracle_tx)
                .await
                .map_err(|e| e.to_string())?;
            if receipt.as_ref().map(|r| (r.block_number, r.status()))
                != Some((Some(price_block), true))
            {
                return Err(format!(
                    "the WETH write {} was not mined in block {price_block}: {receipt:?}",
                    held.oracle_tx
                ));
            }
            // The held liquidations reach the pool.
            let sent = eventually(SENT_WITHIN, || async {
                nonces(&provider, account)
                    .await
                    .is_ok_and(|(latest, pending)| pending > latest)
            })
            .await;
            let in_pool_after = mined_at.elapsed();
            if !sent {
                return Err(format!(
                    "no transaction of the keeper in the pool {SENT_WITHIN:?} after the price block {price_block}"
                ));
            }
            let (_, pending) = nonces(&provider, account).await?;
            eprintln!(
                "price block {price_block}: the keeper's transactions in the pool within {in_pool_after:.1?} \
                 ({} sent by then)",
                pending - held.nonce
            );
            if !feed.wait_block(price_block, STEP_WITHIN).await {
                return Err(format!("the keeper did not process block {price_block}"));
            }
            // Mine the keeper's transactions (and whatever its next steps send) until none is pending.
            let mut settled = false;
            for _ in 0..4 {
                mine_and_step(&mut feed, &provider).await?;
                let (latest, pending) = nonces(&provider, account).await?;
                if latest == pending && feed.settled() {
                    settled = true;
                    break;
                }
            }
            if !settled {
                return Err(format!(
                    "the keeper's transactions did not settle: nonce (latest, pending) {:?}",
                    nonces(&provider, account).await
                ));
            }
            Ok((held, price_block, before_mine, in_pool_after))
        }
    })
    .await;
    run.ran.ok_or("the keeper was not stopped")??;
    let recorded = run.recorded;
    let (held, price_block, before_mine, in_pool_after) = match run.script {
        Some(Ok(out)) => out,
        Some(Err(why)) => {
            explain(&net, &recorded, account, start_block + 1).await;
            return Err(why.into());
        }
        None => {
            explain(&net, &recorded, account, start_block + 1).await;
            return Err("the keeper ended before the script".into());
        }
    };

    // The held decision's sends: after its `Speculated`, before the price block's `Block` (the step sends it
    // first, then syncs and reports the block).
    let events: Vec<&KeeperEvent> = recorded.iter().collect();
    let names_write = |e: &&KeeperEvent| match e {
        KeeperEvent::Speculated { oracle_txs, .. } => oracle_txs.contains(&held.oracle_tx),
        _ => false,
    };
    let price_step =
        |e: &&KeeperEvent| matches!(e, KeeperEvent::Block { number, .. } if *number >= price_block);
    let speculated_at = events
        .iter()
        .position(names_write)
        .ok_or("the recorded events lost the Speculated")?;
    let block_at = events
        .iter()
        .position(price_step)
        .ok_or("no Block event for the price block")?;
    let (mut held_sends, mut early, mut later) = (Vec::new(), Vec::new(), Vec::new());
    // From the `evm_mine` call of the price block to the held decision's last send.
    let mut sent_after = Duration::ZERO;
    for (n, event) in events.iter().enumerate() {
        // `at`: the send itself (events reach listeners after the whole step).
        if let KeeperEvent::Submitted {
            key,
            hash,
            at,
            dry_run: false,
            ..
        } = event
        {
            if n < speculated_at || *at < before_mine {
                early.push((*key, *hash));
            } else if n < block_at {
                held_sends.push((*key, *hash));
                sent_after = sent_after.max(at.duration_since(before_mine));
            } else {
                later.push((*key, *hash));
            }
        }
    }
    let held_keys: BTreeSet<PositionKey> = held_sends.iter().map(|(k, _)| *k).collect();
    let held_txs: BTreeSet<TxHash> = held_sends.iter().map(|(_, h)| *h).collect();

    let txs = keeper_txs(devnet, account, price_block).await?;
    let on_chain = per_position(&txs);
    let mut problems = Vec::new();
    if !early.is_empty() {
        problems.push(format!("sent before the price block: {early:?}"));
    }
    if held_keys.len() != held_sends.len() {
        problems.push(format!(
            "the held decision sent a position twice: {held_sends:?}"
        ));
    }
    if held_sends.len() != held.orders || held_txs.len() != held.transactions {
        problems.push(format!(
            "the price block's step sent {} liquidations in {} transactions before its Block event; Speculated \
             planned {} in {}",
            held_sends.len(),
            held_txs.len(),
            held.orders,
            held.transactions
        ));
    }
    if let Some(t) = txs.iter().find(|t| t.block <= price_block) {
        problems.push(format!(
            "a keeper transaction in the price block or before: {t:?}"
        ));
    }
    for (key, hash) in &held_sends {
        match on_chain.get(key).map(Vec::as_slice) {
            Some([t]) if t.hash == *hash && t.success && t.liquidated == 1 => {}
            rows => problems.push(format!(
                "{} (held, sent in {hash}) is not liquidated exactly once by that transaction: {rows:?}",
                key.borrower
            )),
        }
    }
    for (key, rows) in &on_chain {
        if rows.len() != 1 || !rows.iter().all(|t| t.success && t.liquidated == 1) {
            problems.push(format!(
                "{} liquidated by {} keeper transaction rows, not once: {rows:?}",
                key.borrower,
                rows.len()
            ));
        }
    }
    eprintln!(
        "held over block {} (ready {:.1} ms after the stream's report): {} liquidations in {} transactions, sent \
         {sent_after:.1?} after the price block {price_block} was asked for (seen in the pool within \
         {in_pool_after:.1?}); sent by later steps: {later:?}; on chain: {} positions liquidated in {} transactions",
        held.planned_over,
        held.ready_us as f64 / 1e3,
        held_sends.len(),
        held_txs.len(),
        on_chain.len(),
        cantilever_tests::keeper_harness::distinct_txs(&txs).len()
    );
    if !problems.is_empty() {
        explain(&net, &recorded, account, start_block + 1).await;
        return Err(format!("{} problems:\n  {}", problems.len(), problems.join("\n  ")).into());
    }
    assert_nothing_worth_left(
        devnet,
        &net.keys(),
        priority_fee_wei,
        "after the held liquidations",
    )
    .await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_held_decision_is_dropped_with_its_oracle_update() -> TestResult {
    let net = Net::shared(&options()).await?;
    let devnet = &net.devnet;
    let provider = net.provider();
    let account = devnet.keeper;
    let weth = devnet.price("WETH").await?;
    let mut keeper = speculating_keeper(&net).await?;
    let start_block = head(&provider).await?;

    let run = run_beside(&mut keeper, Stop::Graceful, |mut feed| {
        let net = &net;
        let provider = provider.clone();
        async move {
            let held = hold_a_drop(&mut feed, net, account).await?;
            let dropped = provider
                .anvil_drop_transaction(held.oracle_tx)
                .await
                .map_err(|e| e.to_string())?;
            if dropped != Some(held.oracle_tx) {
                return Err(format!(
                    "anvil did not drop {}: {dropped:?}",
                    held.oracle_tx
                ));
            }
            // Past the hold: the decision waits HOLD_BLOCKS heads for its update, then is dropped.
            let mut last = held.head;
            for _ in 0..HOLD_BLOCKS + 2 {
                last = mine_and_step(&mut feed, &provider).await?;
            }
            // Time for a late send to show.
            tokio::time::sleep(HELD_FOR).await;
            Ok((held, last))
        }
    })
    .await;
    run.ran.ok_or("the keeper was not stopped")??;
    let recorded = run.recorded;
    let (held, last) = match run.script {
        Some(Ok(out)) => out,
        Some(Err(why)) => {
            explain(&net, &recorded, account, start_block + 1).await;
            return Err(why.into());
        }
        None => {
            explain(&net, &recorded, account, start_block + 1).await;
            return Err("the keeper ended before the script".into());
        }
    };

    let mut problems = Vec::new();
    let sent = recorded.submissions();
    if !sent.is_empty() {
        problems.push(format!("the keeper reported sends: {sent:?}"));
    }
    let counts = nonces(&provider, account).await?;
    if counts != (held.nonce, held.nonce) {
        problems.push(format!(
            "the keeper account's nonce (latest, pending) is {counts:?}, {} before the drop",
            held.nonce
        ));
    }
    let txs = keeper_txs(devnet, account, held.head + 1).await?;
    if !txs.is_empty() {
        problems.push(format!("keeper transactions on chain: {txs:?}"));
    }
    let mined = provider.get_transaction_receipt(held.oracle_tx).await?;
    if mined.is_some() {
        problems.push(format!(
            "the dropped write {} was mined: {mined:?}",
            held.oracle_tx
        ));
    }
    let price: I256 = devnet.price("WETH").await?;
    if price != weth {
        problems.push(format!("WETH's feed moved from {weth} to {price}"));
    }
    let pool = pool_size(&provider).await?;
    if pool != 0 {
        problems.push(format!("{pool} transactions left in the pool"));
    }
    eprintln!(
        "held over block {} ({} liquidations in {} transactions), its update dropped; blocks {}..={last} mined: \
         {} keeper transactions, nonce (latest, pending) {counts:?}",
        held.planned_over,
        held.orders,
        held.transactions,
        held.head + 1,
        txs.len()
    );
    if !problems.is_empty() {
        explain(&net, &recorded, account, start_block + 1).await;
        return Err(format!("{} problems:\n  {}", problems.len(), problems.join("\n  ")).into());
    }
    Ok(())
}
