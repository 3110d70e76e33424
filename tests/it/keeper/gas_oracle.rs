//! One feed's outage must not stop liquidations in other markets. Gas is valued in the loan token through a
//! WETH market's oracle (for USDC loans, WETH/USDC's). With mining on demand: the keeper sees one good price,
//! then the WETH feed goes stale (every oracle reading it reverts `StaleAnswer`), then WBTC falls 25%, which
//! puts WBTC/USDC positions under water; their own oracle is fine. The keeper must liquidate them, valuing gas
//! at the last good WETH price marked up. Judged from the chain: the lens before and after, and the keeper
//! account's transactions.

use std::collections::BTreeSet;

use cantilever_bindings::chainlink_oracle::ChainlinkOracle;
use cantilever_daemon::KeeperEvent;
use cantilever_exec::ExecConfig;
use cantilever_index::{IndexConfig, PositionIndex};
use cantilever_primitives::PositionKey;
use cantilever_tests::keeper_harness::{
    Net, NetOptions, Recorded, assert_nothing_worth_left, cli_keeper, cut, head, keeper_txs,
    lens_health, mine, stale_feed, stop_mining,
};

use super::step;
use crate::TestResult;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stale_weth_feed_does_not_stop_wbtc_usdc_liquidations() -> TestResult {
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
    let d = &devnet.deployment;
    let (weth, wbtc, usdc) = (
        devnet.asset("WETH")?.token,
        devnet.asset("WBTC")?.token,
        devnet.asset("USDC")?.token,
    );
    let market = |collateral, loan| {
        d.markets
            .iter()
            .find(|m| m.collateral_token == collateral && m.loan_token == loan)
            .ok_or("the devnet has no such market")
    };
    let (weth_usdc, wbtc_usdc) = (market(weth, usdc)?, market(wbtc, usdc)?);
    let keys: Vec<PositionKey> = net
        .keys()
        .into_iter()
        .filter(|k| k.market == wbtc_usdc.id)
        .collect();
    assert!(!keys.is_empty(), "no WBTC/USDC borrower seeded");

    let index = PositionIndex::in_memory(d, IndexConfig::default());
    let mut keeper = cli_keeper(devnet, provider.clone(), index, ExecConfig::default()).await?;
    let mut recorded = Recorded::default();
    // One good price seen.
    step(&mut keeper, &mut recorded).await?;

    // The WETH feed goes stale: the WETH/USDC oracle, which values USDC markets' gas, reverts.
    stale_feed(devnet, "WETH").await?;
    let broken = ChainlinkOracle::new(weth_usdc.oracle, &provider)
        .price()
        .call()
        .await;
    assert!(
        broken.is_err(),
        "the WETH/USDC oracle still prices after its feed went stale: {broken:?}"
    );
    step(&mut keeper, &mut recorded).await?;

    // WBTC falls 25%: WBTC/USDC positions go under water, priced by their own (working) oracle.
    let price = devnet.price("WBTC").await?;
    devnet.set_price("WBTC", cut(price, 25)).await?;
    let start_block = head(&provider).await? + 1;
    let before = lens_health(devnet, &keys).await?;
    let under: BTreeSet<PositionKey> = before
        .iter()
        .filter(|(_, h)| h.priceOk && h.liquidatable)
        .map(|(k, _)| *k)
        .collect();
    assert!(
        !under.is_empty(),
        "a 25% WBTC drop left no WBTC/USDC position under water"
    );

    stop_mining(&provider).await?;
    for _ in 0..4 {
        step(&mut keeper, &mut recorded).await?;
        mine(&provider).await?;
    }
    step(&mut keeper, &mut recorded).await?;

    // From the chain: the keeper account liquidated them, and the lens finds them healthy now.
    let after = lens_health(devnet, &keys).await?;
    let txs = keeper_txs(devnet, devnet.keeper, start_block).await?;
    let liquidated: BTreeSet<PositionKey> = txs
        .iter()
        .filter(|t| t.success && t.liquidated > 0)
        .map(|t| t.key)
        .collect();
    let no_gas_price: Vec<_> = recorded
        .iter()
        .filter_map(|e| match e {
            KeeperEvent::Skipped { key, reason } if reason.label() == "no_gas_price" => Some(key),
            _ => None,
        })
        .collect();
    eprintln!(
        "{} WBTC/USDC positions under water, {} liquidated by the keeper, {} skipped for no gas price",
        under.len(),
        liquidated.intersection(&under).count(),
        no_gas_price.len()
    );
    assert!(
        no_gas_price.is_empty(),
        "{} liquidations skipped for want of a gas price while their own oracle was fine",
        no_gas_price.len()
    );
    assert!(
        !liquidated.is_disjoint(&under),
        "no WBTC/USDC position (its own oracle fine) was liquidated while the WETH feed was stale"
    );
    for key in under.intersection(&liquidated) {
        let h = &after[key];
        assert!(
            h.priceOk && !h.liquidatable,
            "{} is still liquidatable per the lens: health {}",
            key.borrower,
            h.healthFactor
        );
    }
    // What the keeper left must not be worth liquidating, by an eth_call of the executor (not the keeper's
    // book): a position between 1/bonus and 1 LTV pays at most its whole equity (suppliers are never charged
    // while the collateral covers the debt), which the pool's price impact after the others' sales can eat.
    assert_nothing_worth_left(
        devnet,
        &keys,
        ExecConfig::default().priority_fee_wei,
        "while the WETH feed was stale",
    )
    .await?;
    Ok(())
}
