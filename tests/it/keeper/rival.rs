//! A rival liquidates first. With mining on demand: the price drops, the keeper sees the block and sends its
//! liquidations to the pool; a rival account (an anvil dev account calling `core.liquidate` with its own
//! tokens) sends one for the same borrower with a much higher tip; the block puts the rival first and the
//! keeper's liquidation of that borrower fails: its `liquidateBatch` skips that order (or reverts, were it the
//! only one). The keeper must take that as an outcome reported for that opportunity (no panic, no error), not
//! send the same opportunity again over the next 10 blocks, and go on liquidating what a later price drop
//! opens.

use std::collections::BTreeMap;

use alloy::primitives::{Address, U256, address};
use alloy::providers::Provider;
use alloy::sol_types::SolEvent;
use cantilever_bindings::cantilever::Cantilever;
use cantilever_bindings::erc20_mock::ERC20Mock;
use cantilever_daemon::KeeperEvent;
use cantilever_exec::ExecConfig;
use cantilever_index::{IndexConfig, PositionIndex};
use cantilever_primitives::executor::LiquidationExecutor;
use cantilever_tests::keeper_harness::{
    Net, NetOptions, Recorded, cli_keeper, cut, keeper_txs, mine, queue_prices, stop_mining,
};

use super::step;
use crate::TestResult;

/// anvil's dev account #2 (unlocked): the rival liquidator.
const RIVAL: Address = address!("0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC");
const GWEI: u128 = 1_000_000_000;
/// Blocks watched after the rival's block.
const WATCH_BLOCKS: u64 = 10;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn first_is_an_outcome_not_an_error() -> TestResult {
    let net = Net::shared(&NetOptions {
        pools_follow_prices: true,
        borrowers: 12,
        leveraged: 0,
        health: (1.03, 1.25),
        ..NetOptions::default()
    })
    .await?;
    let devnet = &net.devnet;
    let provider = net.provider();
    let core = Cantilever::new(devnet.deployment.core, &provider);
    let index = PositionIndex::in_memory(&devnet.deployment, IndexConfig::default());
    let mut keeper = cli_keeper(devnet, provider.clone(), index, ExecConfig::default()).await?;
    let mut recorded = Recorded::default();
    step(&mut keeper, &mut recorded).await?;
    let start_block = provider.get_block_number().await?;

    // The rival holds loan tokens and lets the core take them (automine still on: one block each).
    for market in &devnet.deployment.markets {
        let token = ERC20Mock::new(market.loan_token, &provider);
        let amount = U256::from(10u64).pow(U256::from(30u64));
        token
            .mint(RIVAL, amount)
            .from(RIVAL)
            .send()
            .await?
            .get_receipt()
            .await?;
        token
            .approve(devnet.deployment.core, U256::MAX)
            .from(RIVAL)
            .send()
            .await?
            .get_receipt()
            .await?;
    }

    // Mining on demand from here: the price drop, then the keeper's sends wait in the pool.
    stop_mining(&provider).await?;
    let weth = devnet.price("WETH").await?;
    queue_prices(devnet, &[("WETH", cut(weth, 25))]).await?;
    mine(&provider).await?;
    let before = recorded.events.len();
    step(&mut keeper, &mut recorded).await?;
    let first = recorded.events[before..]
        .iter()
        .find_map(|(_, e)| match e {
            KeeperEvent::Submitted { key, id, hash, .. } => Some((*key, *id, *hash)),
            _ => None,
        })
        .ok_or("the keeper sent nothing after a 25% WETH drop")?;
    let (victim, victim_id, our_hash) = first;
    eprintln!(
        "keeper sent {our_hash} for {}; the rival goes first",
        victim.borrower
    );

    let market = devnet
        .deployment
        .markets
        .iter()
        .find(|m| m.id == victim.market)
        .ok_or("victim's market")?;
    let rival = core
        .liquidate(
            market.params().into(),
            victim.borrower,
            U256::MAX,
            Default::default(),
        )
        .from(RIVAL)
        .gas(1_000_000)
        .max_priority_fee_per_gas(100 * GWEI)
        .max_fee_per_gas(1_000 * GWEI)
        .send()
        .await?;
    let rival_hash = *rival.tx_hash();
    mine(&provider).await?;
    let rival_receipt = provider
        .get_transaction_receipt(rival_hash)
        .await?
        .ok_or("the rival's liquidation was not mined")?;
    assert!(rival_receipt.status(), "the rival's liquidation reverted");
    let ours = provider
        .get_transaction_receipt(our_hash)
        .await?
        .ok_or("our liquidation was not mined with the rival's")?;
    assert_eq!(ours.block_number, rival_receipt.block_number);
    assert!(
        rival_receipt.transaction_index < ours.transaction_index,
        "the rival's transaction was not first in the block"
    );
    // Ours is a liquidateBatch of every order of the plan (the sequential profile): the victim's order fails
    // inside it and is skipped (the batch reverts only when every order failed). Either way the victim's
    // liquidation executed nothing, by the chain: no core `Liquidate` of the victim in our transaction.
    let victim_liquidated = ours
        .inner
        .logs()
        .iter()
        .filter(|l| l.address() == devnet.deployment.core)
        .filter_map(|l| Cantilever::Liquidate::decode_log(&l.inner).ok())
        .any(|l| l.borrower == victim.borrower && l.id == victim.market);
    assert!(
        !victim_liquidated,
        "our liquidation of {} succeeded after the rival's (nothing to test)",
        victim.borrower
    );
    let skipped_on_chain = ours
        .inner
        .logs()
        .iter()
        .filter_map(|l| LiquidationExecutor::LiquidationSkipped::decode_log(&l.inner).ok())
        .any(|l| l.borrower == victim.borrower && l.id == victim.market);
    assert!(
        !ours.status() || skipped_on_chain,
        "our transaction succeeded without skipping the victim's order"
    );

    // Ten more blocks; a second drop (WBTC) halfway shows the keeper still liquidates.
    let wbtc = devnet.price("WBTC").await?;
    let mut wbtc_block = None;
    for i in 0..WATCH_BLOCKS {
        step(&mut keeper, &mut recorded).await?;
        if i == 3 {
            queue_prices(devnet, &[("WBTC", cut(wbtc, 25))]).await?;
            wbtc_block = Some(provider.get_block_number().await? + 1);
        }
        mine(&provider).await?;
    }
    step(&mut keeper, &mut recorded).await?;

    // Our failed liquidation (a reverted transaction, or the victim's order skipped in a batch that went
    // through) was seen as an outcome, reported for the victim's opportunity.
    let inclusions = recorded.inclusions();
    assert!(
        inclusions
            .iter()
            .any(|(id, hash, _, ok)| *id == victim_id && *hash == our_hash && !ok),
        "no Included {{ success: false }} for the transaction the rival beat: {inclusions:#?}"
    );
    // No retry storm: one submission per opportunity, at most two per borrower (a rival leaving a remainder
    // makes a new opportunity).
    let mut per_id: BTreeMap<_, usize> = BTreeMap::new();
    for (key, sent) in recorded.submissions() {
        for (id, _) in &sent {
            *per_id.entry(*id).or_default() += 1;
        }
        assert!(
            sent.len() <= 2,
            "{} was submitted {} times",
            key.borrower,
            sent.len()
        );
    }
    for (id, n) in &per_id {
        assert_eq!(*n, 1, "opportunity {id} submitted {n} times");
    }
    let victim_sends = recorded.submissions().get(&victim).map_or(0, Vec::len);
    let on_chain = keeper_txs(devnet, devnet.keeper, start_block).await?;
    let victim_txs = on_chain.iter().filter(|t| t.key == victim).count();
    eprintln!(
        "victim: {victim_sends} submissions, {victim_txs} transactions on chain; keeper transactions: {}",
        on_chain.len()
    );
    assert_eq!(
        victim_txs, victim_sends,
        "the chain and the events disagree on the victim"
    );
    // The keeper went on: the WBTC drop was liquidated, successfully.
    let wbtc_block = wbtc_block.ok_or("no WBTC drop")?;
    let later = on_chain
        .iter()
        .filter(|t| t.block > wbtc_block && t.success && t.liquidated > 0)
        .count();
    assert!(
        later > 0,
        "nothing liquidated after the WBTC drop in block {wbtc_block}: {on_chain:#?}"
    );
    Ok(())
}
