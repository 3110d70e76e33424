//! `cantilever devnet`'s building blocks end to end: anvil and the deployment script, 240 borrowers seeded at
//! spread health (some leveraged through the MarginRouter), the Uniswap pools, and a 25% WETH crash that
//! makes some, not all, positions liquidatable, exactly those the seeding report predicts.

use std::time::Instant;

use alloy::primitives::{Address, U256};
use alloy::providers::Provider;
use cantilever_bindings::cantilever::Cantilever;
use cantilever_bindings::cantilever_lens::CantileverLens;
use cantilever_bindings::chainlink_oracle::ChainlinkOracle;
use cantilever_bindings::margin_router::MarginRouter;
use cantilever_devnet::{Devnet, DevnetOptions, HEALTH_BUCKETS, IUniswapV2Pair, health_bucket};
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

/// A price move with the pools following must not collide with other swaps through the same pair in the
/// same block (a keeper's liquidation): the devnet's mint-then-swap goes first, the other swap after it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_crash_and_a_foreign_swap_share_a_block() -> TestResult {
    use cantilever_bindings::erc20_mock::ERC20Mock;
    use cantilever_bindings::uniswap_v2_adapter::UniswapV2Adapter;
    use cantilever_devnet::rpc;

    let devnet = shared_devnet().await?;
    let provider = devnet.provider();
    let trader = provider.get_accounts().await?[2];
    let weth_usdc = devnet
        .markets()
        .iter()
        .find(|m| m.label() == "WETH/USDC")
        .unwrap();
    let (weth, usdc) = (
        weth_usdc.params.collateral_token,
        weth_usdc.params.loan_token,
    );
    // The trader pays 50 WETH into the pair and sells it through the adapter, queued before the crash, at
    // the node's default fee.
    let amount = U256::from(50u64) * U256::from(WAD);
    rpc::stop_mining(&provider, None).await?;
    let mut hashes = Vec::new();
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
        hashes.push(*pending.tx_hash());
    }
    devnet.crash("WETH", 10, 1).await?;
    for hash in hashes {
        let receipt = provider
            .get_transaction_receipt(hash)
            .await?
            .expect("mined with the crash");
        assert!(receipt.status(), "the trader's swap reverted");
    }
    Ok(())
}
