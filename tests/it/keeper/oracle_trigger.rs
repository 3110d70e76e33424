//! The oracle trigger wakes the keeper. Its head poll is set to 30 s over an HTTP URL, so new heads alone would not
//! wake it for 30 s; the trigger's price stream polls the feeds' `AnswerUpdated` logs every 50 ms. The trigger
//! follows exactly the devnet's three feeds, read from the markets' `ChainlinkOracle`s. The stream's first prices
//! start the first step at once; then WETH falls 20% in one block, and the keeper's liquidations are on chain
//! within seconds of the feed write, long before any head poll could have woken it. Judged from the chain: the
//! keeper account's transactions to its executor after the price block (each a successful liquidation, with its
//! `Liquidated` event) and, afterwards, nothing left worth its gas (the lens and an `eth_call` of the executor).

use std::time::{Duration, Instant};

use cantilever_daemon::feeds::{followed_oracles, read_feeds};
use cantilever_daemon::{KeeperEvent, OracleTrigger};
use cantilever_exec::ExecConfig;
use cantilever_index::{IndexConfig, PositionIndex};
use cantilever_oracle_adapter::StreamMetrics;
use cantilever_tests::keeper_harness::{
    Net, NetOptions, Stop, assert_nothing_worth_left, cli_keeper, drop_price_once_running,
    eventually, keeper_txs, run_beside,
};

use crate::TestResult;

/// The head poll: far longer than the test's wait for the liquidations.
const HEAD_POLL: Duration = Duration::from_secs(30);
/// How often the trigger polls the node's filters.
const TRIGGER_POLL: Duration = Duration::from_millis(50);
/// Longest wait, from the feed write, for the keeper's liquidations to be on chain.
const WITHIN: Duration = Duration::from_secs(8);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_feed_update_wakes_the_keeper_before_any_head_poll() -> TestResult {
    let net = Net::shared(&NetOptions {
        pools_follow_prices: true,
        borrowers: 30,
        leveraged: 3,
        ..NetOptions::default()
    })
    .await?;
    let devnet = &net.devnet;
    let provider = net.provider();
    let d = &devnet.deployment;

    // The feeds the trigger follows: the devnet's three, read from the markets' oracles, each feeding a market.
    let feeds = read_feeds(&provider, &followed_oracles(d, &[])).await?;
    let mut followed: Vec<_> = feeds.iter().map(|f| f.address).collect();
    followed.sort();
    let mut deployed: Vec<_> = d.feeds.values().copied().collect();
    deployed.sort();
    assert_eq!(followed, deployed, "{feeds:#?}");
    for m in &d.markets {
        assert!(
            feeds.iter().any(|f| f.markets.contains(&m.id)),
            "market {} fed by no followed feed: {feeds:#?}",
            m.id
        );
    }

    let index = PositionIndex::in_memory(d, IndexConfig::default());
    let exec = ExecConfig::default();
    let priority_fee_wei = exec.priority_fee_wei;
    let mut keeper = cli_keeper(devnet, provider.clone(), index, exec).await?;
    keeper.set_poll_interval(HEAD_POLL);
    keeper.set_oracle_trigger(OracleTrigger::on(TRIGGER_POLL));
    let counters = keeper
        .start_oracle_trigger()
        .await
        .ok_or("the oracle trigger did not start")?;
    let weth = devnet.price("WETH").await?;
    let account = devnet.keeper_signer()?.address();
    let started = Instant::now();

    let run = run_beside(&mut keeper, Stop::Graceful, |mut feed| async move {
        // The first step comes from the stream's first prices; then WETH falls in one block.
        let price_block = drop_price_once_running(&mut feed, devnet, "WETH", weth, 20).await?;
        let written = Instant::now();
        let first_step = feed
            .seen()
            .iter()
            .find(|e| matches!(e, KeeperEvent::Block { .. }))
            .cloned();
        // The keeper's liquidations, read from the chain.
        let liquidated = eventually(WITHIN, || async {
            keeper_txs(devnet, account, price_block + 1)
                .await
                .is_ok_and(|txs| txs.iter().any(|t| t.liquidated > 0))
        })
        .await;
        let (after_write, since_start) = (written.elapsed(), started.elapsed());
        if !liquidated {
            return Err(format!(
                "no liquidation on chain {WITHIN:?} after the WETH drop in block {price_block}"
            ));
        }
        // Every transaction of that step is sent back to back: let the last ones land (automine).
        tokio::time::sleep(Duration::from_millis(1_500)).await;
        Ok((price_block, first_step, after_write, since_start))
    })
    .await;
    run.ran.ok_or("the keeper was not stopped")??;
    let (price_block, first_step, after_write, since_start) =
        run.script.ok_or("the keeper ended before the script")??;
    let recorded = run.recorded;

    let txs = keeper_txs(devnet, account, price_block + 1).await?;
    eprintln!(
        "WETH drop in block {price_block}: first liquidation on chain {after_write:.1?} after the write \
         ({since_start:.1?} after the keeper started, head poll every {HEAD_POLL:?}); {} liquidations in {} \
         transactions; first step {first_step:?}",
        txs.len(),
        cantilever_tests::keeper_harness::distinct_txs(&txs).len()
    );
    // Nothing but the trigger could have woken the keeper this early: its head poll had not come due yet.
    assert!(
        since_start < HEAD_POLL,
        "the liquidations came {since_start:?} after the start: a head poll may have woken the keeper"
    );
    assert!(!txs.is_empty(), "no liquidation after block {price_block}");
    for t in &txs {
        assert!(
            t.success && t.liquidated == 1,
            "the keeper's transaction {} for {} did not liquidate: {t:?}",
            t.hash,
            t.key.borrower
        );
    }
    // The stream saw the drop as a mined update of the WETH feed, in the price block.
    let weth_feed = devnet.asset("WETH")?.feed.to_string();
    assert!(
        recorded.iter().any(|e| matches!(
            e,
            KeeperEvent::OracleUpdate { source, block: Some(b), speculative: None, .. }
                if source.contains(&weth_feed) && *b == price_block
        )),
        "no mined update of the WETH feed {weth_feed} in block {price_block} reported"
    );
    // The stream's first prices and the drop, at least.
    assert!(StreamMetrics::get(&counters.updates) >= 4, "{counters:?}");
    assert_nothing_worth_left(devnet, &net.keys(), priority_fee_wei, "after the crash").await?;
    Ok(())
}
