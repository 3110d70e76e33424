//! `cantilever devnet` end to end. Its building blocks: anvil and the deployment script, 240 borrowers seeded at
//! spread health (some leveraged through the MarginRouter), the Uniswap pools, and a 25% WETH crash that
//! makes some, not all, positions liquidatable, exactly those the seeding report predicts; the pools'
//! arbitrage sharing its block with a keeper's swap through the same pair. And the command's own run, its
//! verdict checked again from the chain.

use std::time::Instant;

use alloy::primitives::{Address, U256};
use alloy::providers::Provider;
use alloy::rpc::types::TransactionRequest;
use cantilever_bindings::cantilever::Cantilever;
use cantilever_bindings::cantilever_lens::CantileverLens;
use cantilever_bindings::chainlink_oracle::ChainlinkOracle;
use cantilever_bindings::margin_router::MarginRouter;
use cantilever_devnet::{
    DEPLOYER, Devnet, DevnetOptions, HEALTH_BUCKETS, IUniswapV2Pair, health_bucket,
};
use cantilever_tests::fixture::{shared_devnet, shared_options};

use crate::TestResult;

const WAD: u128 = 1_000_000_000_000_000_000;

/// The lens's view of every seeded borrower, market by market.
async fn healths(
    devnet: &Devnet,
    borrowers: &[(usize, Address)],
) -> TestResult<Vec<(usize, CantileverLens::PositionHealth)>> {
    let provider = devnet.provider();
    let lens = CantileverLens::new(devnet.deployment.lens, &provider);
    let mut out = Vec::new();
    for (k, m) in devnet.markets().iter().enumerate() {
        let mine: Vec<Address> = borrowers
            .iter()
            .filter(|(market, _)| *market == k)
            .map(|(_, b)| *b)
            .collect();
        let hs = lens.positions(m.params.into(), mine).call().await?;
        out.extend(hs.into_iter().map(|h| (k, h)));
    }
    Ok(out)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn seeds_240_borrowers_and_a_crash_makes_the_predicted_ones_liquidatable() -> TestResult {
    let options = shared_options();
    let started = Instant::now();
    let devnet = shared_devnet().await?;
    let up = started.elapsed();
    let provider = devnet.provider();
    assert_eq!(devnet.markets().len(), 3);
    assert_eq!(devnet.keeper_signer()?.address(), devnet.keeper);
    assert_eq!(devnet.periphery().executor_owner, devnet.keeper);

    let report = devnet.seed(&options.seed).await?;
    eprintln!(
        "devnet: anvil + forge script {:.1?} (forge {:.1?}); seeded {} borrowers with {} transactions in {} blocks \
         in {:.1?}; debt ${:.0}",
        up,
        devnet.deploy_time,
        report.positions.len(),
        report.transactions,
        report.blocks,
        report.elapsed,
        report.total_debt_usd
    );
    for (m, (label, _)) in report.health_buckets.iter().zip(HEALTH_BUCKETS) {
        eprintln!("  health {label:>9}: {m}");
    }
    for m in &report.markets {
        eprintln!(
            "  {}: {} borrowers ({} leveraged), debt {} (${:.0}), supplied {}",
            m.label, m.borrowers, m.leveraged, m.debt, m.debt_usd, m.supplied
        );
    }

    // ------------------------------------------------------------------ the positions, from the chain
    assert_eq!(report.positions.len(), 240);
    assert_eq!(
        report.markets.iter().map(|m| m.borrowers).sum::<usize>(),
        240
    );
    assert!(report.leveraged() >= 20, "{} leveraged", report.leveraged());
    let borrowers: Vec<(usize, Address)> = report
        .positions
        .iter()
        .map(|p| {
            let k = devnet
                .markets()
                .iter()
                .position(|m| m.id == p.market)
                .unwrap();
            (k, p.borrower)
        })
        .collect();
    let mut distinct: Vec<Address> = borrowers.iter().map(|(_, b)| *b).collect();
    distinct.sort();
    distinct.dedup();
    assert_eq!(distinct.len(), 240, "borrowers are distinct addresses");

    let before = healths(&devnet, &borrowers).await?;
    let mut buckets = [0usize; HEALTH_BUCKETS.len()];
    let core = Cantilever::new(devnet.deployment.core, &provider);
    for ((k, h), p) in before.iter().zip(&report.positions) {
        assert_eq!(h.borrower, p.borrower);
        assert!(h.debt > U256::ZERO && h.collateral > U256::ZERO);
        assert!(!h.liquidatable && h.priceOk);
        let position = core
            .position(devnet.markets()[*k].id, p.borrower)
            .call()
            .await?;
        assert_eq!(U256::from(position.borrowShares), h.borrowShares);
        assert_eq!(U256::from(position.collateral), h.collateral);
        buckets[health_bucket(h.healthFactor)] += 1;
    }
    assert_eq!(buckets, report.health_buckets, "buckets as reported");
    // Spread: health 1.02 to 2.0 fills every bucket from 1.00 to 2.00, none below 1.
    assert_eq!(buckets[0], 0);
    assert!(buckets[1..6].iter().all(|&n| n > 0), "{buckets:?}");

    // Leveraged positions really are levered, through the router.
    let router = MarginRouter::new(devnet.periphery().margin_router, &provider);
    for p in report.positions.iter().filter(|p| p.leveraged) {
        let m = devnet.markets().iter().find(|m| m.id == p.market).unwrap();
        let lev = router
            .leverageOf(m.params.into(), p.borrower)
            .call()
            .await?;
        assert!(
            lev.leverage > U256::from(WAD * 3 / 2),
            "{} at {}",
            p.borrower,
            lev.leverage
        );
    }

    // ------------------------------------------------------------------ the pools: deep, at the oracle price
    for m in devnet.markets() {
        let pair = IUniswapV2Pair::new(m.pool, &provider);
        let r = pair.getReserves().call().await?;
        let token0 = pair.token0().call().await?;
        let (rc, rl) = if token0 == m.params.collateral_token {
            (f64::from(r.reserve0), f64::from(r.reserve1))
        } else {
            (f64::from(r.reserve1), f64::from(r.reserve0))
        };
        assert!(rc > 0.0 && rl > 0.0);
        let oracle = ChainlinkOracle::new(m.params.oracle, &provider)
            .price()
            .call()
            .await?;
        // Loan units per collateral unit, scaled like the oracle (1e36).
        let pool_price = rl / rc * 1e36;
        let oracle_price: f64 = oracle.to_string().parse()?;
        assert!(
            (pool_price / oracle_price - 1.0).abs() < 1e-3,
            "{}: pool {pool_price:e} vs oracle {oracle_price:e}",
            m.label()
        );
        // $60 M a side: for WETH/USDC, 60 M USDC (6 decimals) give or take the leveraged trades.
        if m.label() == "WETH/USDC" {
            assert!((55e12..65e12).contains(&rl), "{rl}");
        }
    }

    // ------------------------------------------------------------------ a 25% WETH crash in 5 blocks
    let block = provider.get_block_number().await?;
    let t = Instant::now();
    devnet.crash("WETH", 25, 5).await?;
    let crash_time = t.elapsed();
    assert!(provider.get_block_number().await? >= block + 5);
    assert_eq!(
        devnet.price("WETH").await?,
        alloy::primitives::I256::try_from(2_250e8 as i64)?
    );
    let after = healths(&devnet, &borrowers).await?;
    let liquidatable = after.iter().filter(|(_, h)| h.liquidatable).count();
    let underwater = after
        .iter()
        .filter(|(k, h)| {
            // Collateral value = maxDebt / lltv: below the debt, the position is bad debt.
            let lltv = devnet.markets()[*k].params.lltv;
            h.maxDebt * U256::from(WAD) / lltv < h.debt
        })
        .count();
    let expected = report.expected_liquidatable("WETH", 25);
    eprintln!(
        "devnet: WETH -25% in 5 blocks ({crash_time:.1?}): {liquidatable} of 240 liquidatable \
         (predicted {expected}), {underwater} under water"
    );
    assert_eq!(liquidatable, expected, "the report predicts the crash");
    assert!(liquidatable > 20 && liquidatable < 160, "{liquidatable}");
    assert!(underwater > 0, "some positions are bad debt");
    // WBTC/USDC holds no WETH: untouched.
    assert!(
        after
            .iter()
            .filter(|(k, _)| devnet.markets()[*k].label() == "WBTC/USDC")
            .all(|(_, h)| !h.liquidatable)
    );
    // The pools followed the feed.
    let weth_usdc = devnet
        .markets()
        .iter()
        .find(|m| m.label() == "WETH/USDC")
        .unwrap();
    let pair = IUniswapV2Pair::new(weth_usdc.pool, &provider);
    let r = pair.getReserves().call().await?;
    let weth_is_0 = pair.token0().call().await? == weth_usdc.params.collateral_token;
    let (rw, ru) = if weth_is_0 {
        (r.reserve0, r.reserve1)
    } else {
        (r.reserve1, r.reserve0)
    };
    let spot = f64::from(ru) / 1e6 / (f64::from(rw) / 1e18);
    assert!((spot / 2_250.0 - 1.0).abs() < 1e-3, "pool at {spot}");

    // Time moves and the mining mode is back to automine.
    let t0 = cantilever_devnet::rpc::latest_timestamp(&provider).await?;
    devnet.advance_time(3_600).await?;
    assert!(cantilever_devnet::rpc::latest_timestamp(&provider).await? >= t0 + 3_600);
    Ok(())
}

/// With interval mining (`block_time`), seeding and crashes stop the clock-driven blocks while they batch,
/// and blocks keep coming on their own afterwards.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn seeding_and_crashes_work_with_interval_mining() -> TestResult {
    let mut options = DevnetOptions::default();
    options.anvil.block_time = Some(1);
    options.seed.borrowers = 30;
    options.seed.leveraged = 6;
    options.seed.seed = 7;
    let devnet = Devnet::start(&options).await?;
    let provider = devnet.provider();
    let report = devnet.seed(&options.seed).await?;
    assert_eq!(report.positions.len(), 30);
    assert_eq!(report.leveraged(), 6);
    devnet.crash("WBTC", 30, 2).await?;
    let expected = report.expected_liquidatable("WBTC", 30);
    let borrowers: Vec<(usize, Address)> = report
        .positions
        .iter()
        .map(|p| {
            let k = devnet
                .markets()
                .iter()
                .position(|m| m.id == p.market)
                .unwrap();
            (k, p.borrower)
        })
        .collect();
    let after = healths(&devnet, &borrowers).await?;
    assert_eq!(
        after.iter().filter(|(_, h)| h.liquidatable).count(),
        expected
    );
    assert!(expected > 0);
    // Interval mining is back: a block appears without anything sent.
    let block = provider.get_block_number().await?;
    tokio::time::sleep(std::time::Duration::from_millis(2_500)).await;
    assert!(
        provider.get_block_number().await? > block,
        "no block mined on its own"
    );
    Ok(())
}

/// The devnet's pool arbitrage (a price move with the pools following) shares its block with keeper
/// transactions that swap through the same pair. Before the fix it minted the input into the pair in one
/// transaction and swapped out a fixed amount in the next: a keeper liquidation selling WETH into the pair first
/// (its tip above the devnet's, so anvil ordered it first) moved the reserves, the devnet's swap reverted
/// `UniswapV2: K` and the whole price move failed. Now: the price move succeeds in that block, after the
/// keeper's liquidation (proven by the transaction indexes), the liquidation and a trader's swap after it
/// succeed, and the pool ends at the new price less the keeper's own price impact.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_pool_arbitrage_survives_a_keeper_swap_in_its_block() -> TestResult {
    use alloy::network::TransactionResponse as _;
    use alloy::providers::ext::AnvilApi;
    use cantilever_bindings::erc20_mock::ERC20Mock;
    use cantilever_bindings::uniswap_v2_adapter::UniswapV2Adapter;
    use cantilever_tests::keeper_harness::{
        Net, NetOptions, cut, liquidate_call, open_liquidations,
    };

    let net = Net::shared(&NetOptions {
        borrowers: 24,
        leveraged: 0,
        health: (1.02, 1.3),
        pools_follow_prices: true,
        ..NetOptions::default()
    })
    .await?;
    let devnet = &net.devnet;
    let provider = net.provider();
    let trader = provider.get_accounts().await?[2];
    let weth_usdc = devnet
        .markets()
        .iter()
        .find(|m| m.label() == "WETH/USDC")
        .ok_or("no WETH/USDC market")?;
    let (weth, usdc) = (
        weth_usdc.params.collateral_token,
        weth_usdc.params.loan_token,
    );

    // A first drop makes WETH/USDC positions liquidatable; take the largest one the executor can liquidate.
    let weth_price = devnet.price("WETH").await?;
    devnet.set_price("WETH", cut(weth_price, 25)).await?;
    let keys: Vec<_> = net
        .keys()
        .into_iter()
        .filter(|k| k.market == weth_usdc.id)
        .collect();
    let open = open_liquidations(devnet, &keys, 1).await?;
    let target = open
        .iter()
        .max_by_key(|o| o.profit)
        .ok_or("no WETH/USDC position liquidatable after a 25% drop")?
        .key;

    // Queued with mining stopped: the keeper's liquidation (it sells the seized WETH into the pair) with a tip
    // above the devnet's price moves, and a trader's swap at the node's default fee.
    provider.anvil_set_auto_mine(false).await?;
    let keeper_tip: u128 = 300_000_000_000;
    let liquidation = TransactionRequest::default()
        .from(devnet.keeper)
        .to(devnet.periphery().executor)
        .input(liquidate_call(devnet, &target, U256::ZERO)?.into())
        .gas_limit(3_000_000)
        .max_priority_fee_per_gas(keeper_tip)
        .max_fee_per_gas(10 * keeper_tip);
    let liquidation = *provider.send_transaction(liquidation).await?.tx_hash();
    let amount = U256::from(10u64) * U256::from(WAD);
    let mut trades = Vec::new();
    for request in [
        ERC20Mock::new(weth, &provider)
            .mint(weth_usdc.pool, amount)
            .into_transaction_request(),
        UniswapV2Adapter::new(devnet.periphery().adapter, &provider)
            .swapExactIn(weth, usdc, amount, U256::ZERO, trader, Default::default())
            .into_transaction_request(),
    ] {
        let pending = provider
            .send_transaction(request.from(trader).gas_limit(300_000))
            .await?;
        trades.push(*pending.tx_hash());
    }

    // The next drop, the pools following, in the block that holds them all (set_price mines it).
    let new_price = cut(weth_price, 30);
    devnet.set_price("WETH", new_price).await?;

    let keeper = provider
        .get_transaction_receipt(liquidation)
        .await?
        .ok_or("the keeper's liquidation was not mined")?;
    assert!(keeper.status(), "the keeper's liquidation reverted");
    let block_number = keeper.block_number.ok_or("no block number")?;
    for hash in &trades {
        let r = provider
            .get_transaction_receipt(*hash)
            .await?
            .ok_or("the trader's swap was not mined")?;
        assert!(r.status(), "the trader's swap reverted");
        assert_eq!(r.block_number, Some(block_number));
    }
    // The devnet's arbitrage in that block: its swap through the router, after the keeper's liquidation.
    let block = provider
        .get_block_by_number(block_number.into())
        .full()
        .await?
        .ok_or("no block")?;
    let router = devnet.periphery().uniswap_router;
    let arbitrage = block
        .transactions
        .txns()
        .filter(|t| t.from() == DEPLOYER && alloy::consensus::Transaction::to(*t) == Some(router))
        .map(|t| t.tx_hash())
        .next()
        .ok_or("no devnet arbitrage in the keeper's block")?;
    let arbitrage = provider
        .get_transaction_receipt(arbitrage)
        .await?
        .ok_or("no receipt for the arbitrage")?;
    assert!(arbitrage.status(), "the devnet's arbitrage swap reverted");
    assert!(
        keeper.transaction_index < arbitrage.transaction_index,
        "the keeper's liquidation (index {:?}) did not precede the arbitrage (index {:?}): the test proves nothing",
        keeper.transaction_index,
        arbitrage.transaction_index
    );
    assert_eq!(devnet.price("WETH").await?, new_price);

    // The pool followed the feed, off only by the other swaps' impact (well under a percent here).
    let pair = IUniswapV2Pair::new(weth_usdc.pool, &provider);
    let r = pair.getReserves().call().await?;
    let (rw, ru) = if pair.token0().call().await? == weth {
        (r.reserve0, r.reserve1)
    } else {
        (r.reserve1, r.reserve0)
    };
    let spot = f64::from(ru) / 1e6 / (f64::from(rw) / 1e18);
    let expected = new_price.to_string().parse::<f64>()? / 1e8;
    eprintln!(
        "block {block_number}: keeper liquidation at index {:?}, arbitrage at {:?}; pool at ${spot:.2} for a feed at ${expected:.2}",
        keeper.transaction_index, arbitrage.transaction_index
    );
    assert!(
        (spot / expected - 1.0).abs() < 1e-2,
        "pool at {spot}, feed at {expected}"
    );
    Ok(())
}

/// `cantilever devnet` itself (its code path in-process, a small run), its verdict checked on the node it
/// leaves up, from the chain alone: every liquidation the summary counts as included is a successful receipt
/// of the keeper account's call to its executor with the executor's `Liquidated` event; the keeper account
/// sent nothing to its executor that the summary does not count; and no position is left that the executor
/// could liquidate for more than its gas (an `eth_call` of `liquidate` per position the lens finds
/// liquidatable).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_devnet_command_s_verdict_holds_on_chain() -> TestResult {
    use std::collections::BTreeSet;

    use alloy::sol_types::SolEvent;
    use cantilever::devnet::devnet_run;
    use cantilever::{DevnetArgs, DevnetProfile};
    use cantilever_exec::ExecConfig;
    use cantilever_planner::StrategyParams;
    use cantilever_primitives::executor::LiquidationExecutor;
    use cantilever_tests::keeper_harness::{keeper_txs, left};

    let args = DevnetArgs {
        borrowers: 48,
        crash: 30,
        seed: 7,
        keep_running: false,
        json: false,
        profile: DevnetProfile::Sequential,
    };
    let run = devnet_run(&args).await.map_err(|e| e.to_string())?;
    let devnet = &run.devnet;
    let provider = devnet.provider();
    let outcome = &run.outcome;
    let (sent, included, reverted) = outcome.totals;
    eprintln!(
        "devnet verdict {}: {included} included of {sent} sent, {reverted} reverted",
        if outcome.passed { "PASS" } else { "FAIL" }
    );
    assert!(outcome.passed, "the devnet's own verdict failed");
    assert!(included > 0 && reverted == 0);
    assert_eq!(outcome.included.len(), included);
    assert!(outcome.reverted.is_empty());

    // Each liquidation the summary counts, on chain.
    let executor = devnet.periphery().executor;
    for hash in &outcome.included {
        let receipt = provider
            .get_transaction_receipt(*hash)
            .await?
            .ok_or_else(|| format!("no receipt for {hash}, counted as included"))?;
        assert!(receipt.status(), "{hash} counted as included but reverted");
        assert_eq!(receipt.from, devnet.keeper, "{hash} not sent by the keeper");
        assert_eq!(
            receipt.to,
            Some(executor),
            "{hash} not a call to the executor"
        );
        let liquidations = receipt
            .inner
            .logs()
            .iter()
            .filter(|l| l.address() == executor)
            .filter(|l| LiquidationExecutor::Liquidated::decode_log(&l.inner).is_ok())
            .count();
        assert!(liquidations > 0, "{hash} liquidated nothing");
    }
    // Nothing on chain that the summary does not count.
    let on_chain = keeper_txs(devnet, devnet.keeper, devnet.deployment.deploy_block).await?;
    let counted: BTreeSet<_> = outcome.included.iter().collect();
    let unreported: Vec<_> = on_chain
        .iter()
        .filter(|t| !counted.contains(&t.hash))
        .collect();
    assert!(
        unreported.is_empty(),
        "keeper transactions on chain the summary does not count: {unreported:#?}"
    );
    assert_eq!(on_chain.len(), included);

    // Nothing worth liquidating left, by the strategy's published rule at the keeper's gas price.
    let undone = left(
        devnet,
        &run.positions,
        &StrategyParams::default(),
        ExecConfig::default().priority_fee_wei,
    )
    .await?;
    eprintln!(
        "left on chain: {} of {} positions liquidatable, {} worth their gas",
        undone.liquidatable.len(),
        run.positions.len(),
        undone.worth.len()
    );
    assert!(
        undone.worth.is_empty(),
        "liquidations worth their gas left after a passing verdict: {:#?}",
        undone.worth
    );
    Ok(())
}
