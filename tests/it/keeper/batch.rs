//! One transaction per plan (issue 13): in the sequential profile a crash that makes several positions
//! liquidatable in one price block is answered by exactly one keeper transaction, a `liquidateBatch` holding
//! every liquidation. Judged from the chain, not from the keeper's events: the keeper account's transactions in
//! the blocks after the price update, the core's `Liquidate` logs in the batch's receipt (each liquidation
//! happened, by the executor), and the loan-token `Transfer`s from the executor to the keeper's account, which
//! are the profit actually paid per order. Each order's realised profit must equal, to the wei, the profit the
//! keeper simulated for it when it simulated the batch as a whole (the `Submitted` event's figure).

use std::collections::BTreeMap;
use std::time::Duration;

use alloy::consensus::Transaction as _;
use alloy::network::{ReceiptResponse as _, TransactionResponse as _};
use alloy::primitives::U256;
use alloy::providers::Provider;
use alloy::sol_types::{SolCall, SolEvent};
use cantilever_bindings::cantilever::Cantilever;
use cantilever_daemon::KeeperEvent;
use cantilever_exec::ExecConfig;
use cantilever_index::{IndexConfig, PositionIndex};
use cantilever_planner::strategy::StrategyParams;
use cantilever_primitives::executor::LiquidationExecutor;
use cantilever_primitives::position::PositionKey;
use cantilever_tests::keeper_harness::{
    Net, NetOptions, Stop, custom_keeper, drop_price_once_running, head, run_beside,
};

use crate::TestResult;

alloy::sol! {
    /// ERC-20 transfer, as the loan tokens emit it.
    event Transfer(address indexed from, address indexed to, uint256 value);
}

/// Blocks after the price update in which the keeper's transaction must land, and then some to see that no
/// second one follows.
const WINDOW_BLOCKS: u64 = 5;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_crash_is_answered_by_one_batch_transaction_paying_what_was_simulated() -> TestResult {
    let net = Net::start(&NetOptions {
        borrowers: 60,
        leveraged: 6,
        health: (1.02, 1.4),
        block_time: Some(1),
        pools_follow_prices: true,
        ..NetOptions::default()
    })
    .await?;
    let devnet = &net.devnet;
    let provider = net.provider();
    let index = PositionIndex::in_memory(&devnet.deployment, IndexConfig::default());
    let mut keeper = custom_keeper(
        devnet,
        provider.clone(),
        index,
        ExecConfig::default(),
        StrategyParams::default(),
        devnet.keeper_signer()?,
    )
    .await?;
    let weth = devnet.price("WETH").await?;

    let run = run_beside(&mut keeper, Stop::Graceful, |mut feed| async move {
        let price_block = drop_price_once_running(&mut feed, devnet, "WETH", weth, 20).await?;
        if !feed
            .wait_block(price_block + WINDOW_BLOCKS, Duration::from_secs(30))
            .await
        {
            return Err(format!(
                "the keeper did not reach block {}",
                price_block + WINDOW_BLOCKS
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

    // What the keeper said it sent: each order's simulated profit, by position.
    let mut simulated: BTreeMap<PositionKey, U256> = BTreeMap::new();
    for e in run.recorded.iter() {
        if let KeeperEvent::Submitted {
            key,
            simulated_profit,
            dry_run: false,
            ..
        } = e
        {
            assert!(
                simulated.insert(*key, *simulated_profit).is_none(),
                "{} submitted twice",
                key.borrower
            );
        }
    }

    // From the chain: every transaction of the keeper's account after the price update.
    let executor = devnet.periphery().executor;
    let last = head(&provider).await?;
    let mut keeper_txs = Vec::new();
    for number in price_block + 1..=last {
        let block = provider
            .get_block_by_number(number.into())
            .full()
            .await?
            .ok_or_else(|| format!("no block {number}"))?;
        for tx in block.transactions.txns() {
            if tx.from() == devnet.keeper {
                keeper_txs.push((number, tx.clone()));
            }
        }
    }
    eprintln!(
        "price update in block {price_block}; keeper transactions in blocks {}..={last}: {:?}",
        price_block + 1,
        keeper_txs
            .iter()
            .map(|(n, t)| (*n, t.tx_hash()))
            .collect::<Vec<_>>()
    );
    assert_eq!(
        keeper_txs.len(),
        1,
        "the keeper answered the crash with {} transactions, not one",
        keeper_txs.len()
    );
    let (block, tx) = &keeper_txs[0];
    assert_eq!(
        tx.to(),
        Some(executor),
        "the keeper's transaction is not to its executor"
    );
    let batch = LiquidationExecutor::liquidateBatchCall::abi_decode(tx.input())
        .map_err(|e| format!("the keeper's transaction is not a liquidateBatch: {e}"))?;
    let orders: Vec<PositionKey> = batch
        .orders
        .iter()
        .map(|o| {
            let m = &o.marketParams;
            let market = devnet
                .deployment
                .markets
                .iter()
                .find(|d| {
                    d.loan_token == m.loanToken
                        && d.collateral_token == m.collateralToken
                        && d.lltv == m.lltv
                })
                .map(|d| d.id)
                .unwrap_or_default();
            PositionKey {
                market,
                borrower: o.borrower,
            }
        })
        .collect();
    assert!(
        orders.len() >= 3,
        "a 20% crash over 60 borrowers down to health 1.02 gave a batch of only {} orders",
        orders.len()
    );
    assert_eq!(
        orders.len(),
        simulated.len(),
        "the batch on chain and the keeper's submissions differ"
    );
    let receipt = provider
        .get_transaction_receipt(tx.tx_hash())
        .await?
        .ok_or("no receipt for the batch")?;
    assert!(receipt.status(), "the batch reverted");
    eprintln!(
        "block {block}: one liquidateBatch of {} orders, {} gas",
        orders.len(),
        receipt.gas_used()
    );

    // The receipt's logs, split at each order's end (the executor's Liquidated or LiquidationSkipped).
    let logs: Vec<alloy::primitives::Log> = receipt
        .inner
        .logs()
        .iter()
        .map(|l| l.inner.clone())
        .collect();
    let mut segments: Vec<&[alloy::primitives::Log]> = Vec::new();
    let mut start = 0;
    for (i, log) in logs.iter().enumerate() {
        let ends = log.address == executor
            && (LiquidationExecutor::Liquidated::decode_log(log).is_ok()
                || LiquidationExecutor::LiquidationSkipped::decode_log(log).is_ok());
        if ends {
            segments.push(&logs[start..=i]);
            start = i + 1;
        }
    }
    assert_eq!(segments.len(), orders.len(), "one end event per order");
    for (key, segment) in orders.iter().zip(&segments) {
        // The core's own event: the position was liquidated, by the executor.
        let liquidate = segment
            .iter()
            .filter(|l| l.address == devnet.deployment.core)
            .filter_map(|l| Cantilever::Liquidate::decode_log(l).ok())
            .find(|l| l.id == key.market && l.borrower == key.borrower)
            .ok_or_else(|| format!("no Liquidate log for {} in the batch", key.borrower))?;
        assert_eq!(liquidate.caller, executor);
        assert!(liquidate.repaidAssets > U256::ZERO);
        // The profit paid: the loan token's transfers from the executor to the keeper's account.
        let realised = segment
            .iter()
            .filter_map(|l| Transfer::decode_log(l).ok())
            .filter(|t| t.from == executor && t.to == devnet.keeper)
            .fold(U256::ZERO, |sum, t| sum + t.value);
        let expected = simulated
            .get(key)
            .ok_or_else(|| format!("{} is in the batch but was not submitted", key.borrower))?;
        assert_eq!(
            realised, *expected,
            "{}: realised profit {realised} vs simulated {expected}",
            key.borrower
        );
        assert!(realised > U256::ZERO, "{} paid no profit", key.borrower);
    }
    Ok(())
}
