//! The keeper daemon on a real anvil liquidates what a price drop makes profitable, within 3 blocks, and skips
//! the rest with a reason. "Profitable" is judged without the keeper's strategy code: after the run, every
//! position the executor could still liquidate (an `eth_call` of `liquidate` from the keeper account with
//! minProfit 0) must pay no more than its gas (the node's estimate × the gas price, in loan tokens through
//! the market oracle).
//!
//! The keeper runs with `devnet_keeper`'s settings except a zero safety buffer: with the default 10% buffer
//! a liquidation paying between 1× and 1.1× its gas is rightly left, and "profit above gas" would not be
//! the keeper's rule. Blocks come every second (interval mining) so that the keeper's transactions share
//! blocks as on a real chain. WETH drops 20% in one block with the pools arbitraged to the new price in
//! that same block (`pools_follow_prices`), as the market would. A 300 gwei tip makes the smallest
//! positions not worth their gas, so the skip path is exercised.

use std::collections::{BTreeMap, BTreeSet};
use std::time::Duration;

use cantilever_daemon::KeeperEvent;
use cantilever_exec::ExecConfig;
use cantilever_index::{IndexConfig, PositionIndex};
use cantilever_planner::strategy::StrategyParams;
use cantilever_tests::keeper_harness::{
    Net, NetOptions, Stop, custom_keeper, drop_price_once_running, gas_price, head,
    open_liquidations, run_beside,
};

use crate::TestResult;

/// Priority fee offered: high enough that the smallest positions do not pay for their gas.
const PRIORITY_FEE_WEI: u128 = 300_000_000_000;
/// Most blocks between the price update and a liquidation's inclusion.
const MAX_DELAY_BLOCKS: u64 = 3;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn what_pays_within_three_blocks() -> TestResult {
    let net = Net::start(&NetOptions {
        borrowers: 100,
        leveraged: 10,
        health: (1.02, 1.6),
        block_time: Some(1),
        pools_follow_prices: true,
        ..NetOptions::default()
    })
    .await?;
    let devnet = &net.devnet;
    let provider = net.provider();
    let index = PositionIndex::in_memory(&devnet.deployment, IndexConfig::default());
    let exec = ExecConfig {
        priority_fee_wei: PRIORITY_FEE_WEI,
        ..ExecConfig::default()
    };
    let strategy = StrategyParams {
        safety_buffer_bps: 0,
        ..StrategyParams::default()
    };
    let mut keeper = custom_keeper(
        devnet,
        provider.clone(),
        index,
        exec,
        strategy,
        devnet.keeper_signer()?,
    )
    .await?;
    let weth = devnet.price("WETH").await?;

    let run = run_beside(&mut keeper, Stop::Graceful, |mut feed| async move {
        // The keeper first catches up with the seeded positions, then the prices drop in one block.
        let price_block = drop_price_once_running(&mut feed, devnet, "WETH", weth, 20).await?;
        // Three blocks for the liquidations, and a few more to see nothing else happens.
        if !feed
            .wait_block(price_block + MAX_DELAY_BLOCKS + 3, Duration::from_secs(20))
            .await
        {
            return Err(format!(
                "the keeper did not reach block {}",
                price_block + MAX_DELAY_BLOCKS + 3
            ));
        }
        if !feed.wait_settled(Duration::from_secs(20)).await {
            return Err("the keeper's transactions were not all included or dropped".to_string());
        }
        Ok(price_block)
    })
    .await;
    run.ran.ok_or("the keeper was not stopped")??;
    let price_block = run.script.ok_or("the keeper ended before the script")??;
    let recorded = run.recorded;

    let submitted = recorded.submissions();
    let inclusions = recorded.inclusions();
    let skips = recorded.skips();
    let found: BTreeSet<_> = recorded
        .iter()
        .filter_map(|e| match e {
            KeeperEvent::Found { key, .. } => Some(*key),
            _ => None,
        })
        .collect();
    eprintln!(
        "price update in block {price_block}: {} found, {} submitted, {} included, {} skipped",
        found.len(),
        submitted.len(),
        inclusions.len(),
        skips.len()
    );
    for (key, label, reason) in &skips {
        eprintln!("  skipped {} ({label}): {reason}", key.borrower);
    }
    assert!(
        submitted.len() >= 10,
        "a 20% WETH drop over 100 borrowers down to health 1.02 gave only {} liquidations",
        submitted.len()
    );
    // Every submission was included, succeeded, and within 3 blocks of the price update.
    let included: BTreeMap<_, _> = inclusions
        .iter()
        .map(|(id, hash, block, ok)| (*id, (*hash, *block, *ok)))
        .collect();
    for (key, sent) in &submitted {
        assert_eq!(
            sent.len(),
            1,
            "{} submitted {} times",
            key.borrower,
            sent.len()
        );
        let (id, hash) = sent[0];
        let (_, block, ok) = included
            .get(&id)
            .unwrap_or_else(|| panic!("{} ({hash}) was never included", key.borrower));
        assert!(ok, "the liquidation of {} ({hash}) reverted", key.borrower);
        assert!(
            *block > price_block && *block - price_block <= MAX_DELAY_BLOCKS,
            "the liquidation of {} was included in block {block}, {} blocks after the price update in {price_block}",
            key.borrower,
            block - price_block
        );
    }
    assert_eq!(
        recorded.profits(),
        inclusions.len(),
        "one Profit event per included liquidation"
    );
    // Every liquidatable position the keeper found and did not liquidate was skipped with a reason.
    let skipped: BTreeSet<_> = skips.iter().map(|(k, _, _)| *k).collect();
    for key in &found {
        assert!(
            submitted.contains_key(key) || skipped.contains(key),
            "{} was found liquidatable but neither submitted nor skipped",
            key.borrower
        );
    }
    // The seed and the fee make some positions not worth their gas: the skip path is exercised.
    assert!(
        skips.iter().any(|(_, label, _)| *label == "unprofitable"),
        "no position was skipped as unprofitable: the test no longer covers skips"
    );
    for (_, label, reason) in &skips {
        assert!(
            !label.is_empty() && !reason.is_empty(),
            "a skip without reason"
        );
    }

    // The independent check: nothing the executor could still do pays more than its gas.
    let gas_price = gas_price(&provider, PRIORITY_FEE_WEI).await?;
    let open = open_liquidations(devnet, &net.keys(), gas_price).await?;
    eprintln!(
        "after the run (head {}): {} positions still liquidatable through the executor",
        head(&provider).await?,
        open.len()
    );
    for o in &open {
        eprintln!(
            "  {} profit {} gas {} ({} in loan units)",
            o.key.borrower, o.profit, o.gas, o.gas_cost
        );
    }
    let left: Vec<_> = open.iter().filter(|o| o.profitable()).collect();
    assert!(
        left.is_empty(),
        "{} profitable liquidations left undone: {left:#?}",
        left.len()
    );
    Ok(())
}
