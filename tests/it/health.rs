//! The keeper's health engine against the contracts' lens on 10,000 random positions: every field of the
//! lens's `PositionHealth` (debt, max debt, health factor, liquidation price, liquidatable) must equal the Rust
//! math to the wei, and the health book's ordered search must find exactly the positions the lens calls
//! liquidatable.
//!
//! Positions are written straight into the core's storage (`anvil_setStorageAt`), so ten thousand of them,
//! with random market totals and prices, cost seconds rather than tens of thousands of transactions. The
//! slot formula is checked first by reading the written values back through `core.position` and
//! `core.market`.

use std::collections::BTreeSet;
use std::time::Instant;

use alloy::primitives::{Address, B256, U256, keccak256};
use alloy::providers::ext::AnvilApi;
use alloy::providers::{DynProvider, Provider};
use alloy::rpc::types::TransactionRequest;
use alloy::sol_types::SolValue;
use cantilever_bindings::cantilever::Cantilever;
use cantilever_bindings::cantilever_lens::CantileverLens;
use cantilever_bindings::owner_feed::OwnerFeed;
use cantilever_planner::book::{MarketBook, MarketSnapshot};
use cantilever_primitives::Position;
use cantilever_primitives::math::{self, constants::ORACLE_PRICE_SCALE};
use cantilever_tests::{DEPLOYER, SplitMix64, shared_devnet};

use crate::TestResult;

const SEED: u64 = 0x1e45_0000_0010;
const ROUNDS: usize = 20;
const PER_ROUND: usize = 500;
/// Storage slots of the core's mappings (declaration order in Cantilever.sol; checked below).
const MARKET_SLOT: u64 = 5;
const POSITION_SLOT: u64 = 6;

fn market_base(id: B256) -> U256 {
    U256::from_be_bytes(keccak256((id, U256::from(MARKET_SLOT)).abi_encode()).0)
}

/// `_position[id][borrower]`: slot + 1 packs borrowShares (low 128 bits) and collateral (high 128 bits).
fn position_slot(id: B256, borrower: Address) -> U256 {
    let outer = keccak256((id, U256::from(POSITION_SLOT)).abi_encode());
    U256::from_be_bytes(keccak256((borrower, outer).abi_encode()).0) + U256::from(1)
}

fn pack(low: u128, high: u128) -> B256 {
    B256::from((U256::from(high) << 128) | U256::from(low))
}

async fn set_storage(provider: &DynProvider, at: Address, slot: U256, value: B256) -> TestResult {
    provider.anvil_set_storage_at(at, slot, value).await?;
    Ok(())
}

/// A random position around the boundary: collateral log-uniform over 18 orders of magnitude, debt at a
/// health factor between 0.5 and 2, nudged by a few shares; some with no collateral, some tiny.
fn random_position(
    rng: &mut SplitMix64,
    price: U256,
    lltv: U256,
    tba: u128,
    tbs: u128,
) -> Position {
    let kind = rng.range(0, 100);
    if kind < 3 {
        return Position {
            borrow_shares: rng.range(1, 1 << 40) as u128,
            collateral: 0,
        };
    }
    let collateral = if kind < 10 {
        rng.range(1, 10_000) as u128
    } else {
        rng.log_uniform(1e3, 1e24) as u128
    };
    let max_debt = math::w_mul_down(
        math::mul_div_down(U256::from(collateral), price, ORACLE_PRICE_SCALE).unwrap(),
        lltv,
    )
    .unwrap();
    let health = rng.log_uniform(0.5, 2.0);
    let debt = U256::from((max_debt.to::<u128>() as f64 / health) as u128);
    let shares = math::to_shares_down(debt, U256::from(tba), U256::from(tbs))
        .unwrap()
        .to::<u128>();
    let nudge = rng.range(0, 5) as u128;
    let shares = if rng.range(0, 2) == 0 {
        shares + nudge
    } else {
        shares.saturating_sub(nudge)
    };
    Position {
        borrow_shares: shares.max(1),
        collateral,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn health_agrees_with_lens() -> TestResult {
    let devnet = shared_devnet().await?;
    let provider = devnet.provider();
    let d = &devnet.deployment;
    let core = Cantilever::new(d.core, &provider);
    let lens = CantileverLens::new(d.lens, &provider);
    let market = &d.markets[0]; // WETH/USDC
    let params = market.params();
    let lens_params: CantileverLens::MarketParams = params.into();
    let weth_feed = OwnerFeed::new(d.feeds["WETH"], &provider);
    let mut rng = SplitMix64::new(SEED);

    // The slot formula, checked through the core's own getters.
    let probe = Address::repeat_byte(0x42);
    set_storage(
        &provider,
        d.core,
        position_slot(market.id, probe),
        pack(123, 456),
    )
    .await?;
    let p = core.position(market.id, probe).call().await?;
    assert_eq!(
        (p.borrowShares, p.collateral),
        (123, 456),
        "position slot layout"
    );
    let base = market_base(market.id);
    let before = core.market(market.id).call().await?;
    set_storage(
        &provider,
        d.core,
        base + U256::from(1),
        pack(before.totalBorrowAssets + 7, before.totalBorrowShares + 9),
    )
    .await?;
    let after = core.market(market.id).call().await?;
    assert_eq!(
        (after.totalBorrowAssets, after.totalBorrowShares),
        (before.totalBorrowAssets + 7, before.totalBorrowShares + 9),
        "market slot layout"
    );

    let started = Instant::now();
    let (mut checked, mut mismatches, mut liquidatable_total) = (0usize, 0usize, 0usize);
    for round in 0..ROUNDS {
        // A random WETH price ($50 to $20,000) and random market totals (shares worth 0.5 to 1 asset each).
        let answer = rng.range(50, 20_000) as i64 * 100_000_000 + rng.range(0, 100_000_000) as i64;
        let tx = weth_feed
            .setAnswer(alloy::primitives::I256::try_from(answer)?)
            .into_transaction_request();
        provider
            .send_transaction(TransactionRequest {
                from: Some(DEPLOYER),
                gas: Some(200_000),
                ..tx
            })
            .await?
            .get_receipt()
            .await?;
        let tba = rng.log_uniform(1e6, 1e15) as u128;
        let tbs = (tba as f64 * 1e6 * (1.0 + rng.unit())) as u128;
        let tsa = tba * 2;
        set_storage(&provider, d.core, base, pack(tsa, tsa * 1_000_000)).await?;
        set_storage(&provider, d.core, base + U256::from(1), pack(tba, tbs)).await?;
        let block = provider.get_block_number().await?;
        let m = core
            .expectedMarket(params.into())
            .block(block.into())
            .call()
            .await?;
        let price =
            cantilever_bindings::chainlink_oracle::ChainlinkOracle::new(params.oracle, &provider)
                .price()
                .block(block.into())
                .call()
                .await?;

        let borrowers: Vec<Address> = (0..PER_ROUND)
            .map(|i| Address::with_last_byte(0xb0).create((round * PER_ROUND + i) as u64))
            .collect();
        let positions: Vec<Position> = borrowers
            .iter()
            .map(|_| {
                random_position(
                    &mut rng,
                    price,
                    params.lltv,
                    m.totalBorrowAssets,
                    m.totalBorrowShares,
                )
            })
            .collect();
        let writes = borrowers.iter().zip(&positions).map(|(b, p)| {
            set_storage(
                &provider,
                d.core,
                position_slot(market.id, *b),
                pack(p.borrow_shares, p.collateral),
            )
        });
        for w in futures_util::future::join_all(writes).await {
            w.map_err(|e| e.to_string())?;
        }
        let block = provider.get_block_number().await?;
        let from_lens = lens
            .positions(lens_params.clone(), borrowers.clone())
            .block(block.into())
            .call()
            .await?;

        let mut book = MarketBook::new(params.lltv);
        let mut lens_liquidatable = BTreeSet::new();
        for ((borrower, position), l) in borrowers.iter().zip(&positions).zip(&from_lens) {
            book.upsert(*borrower, *position);
            let rust = math::position_health(
                U256::from(position.borrow_shares),
                U256::from(position.collateral),
                U256::from(m.totalBorrowAssets),
                U256::from(m.totalBorrowShares),
                Some(price),
                params.lltv,
            )?;
            let same = rust.debt == l.debt
                && rust.price == l.price
                && rust.max_debt == l.maxDebt
                && rust.health_factor == l.healthFactor
                && rust.liquidation_price == l.liquidationPrice
                && rust.liquidatable == l.liquidatable
                && rust.price_ok == l.priceOk
                && U256::from(position.collateral) == l.collateral;
            if !same {
                mismatches += 1;
                eprintln!(
                    "mismatch for {borrower}: rust {rust:?} lens debt {} maxDebt {} hf {}",
                    l.debt, l.maxDebt, l.healthFactor
                );
            }
            if l.liquidatable {
                lens_liquidatable.insert(*borrower);
            }
            checked += 1;
        }
        let snapshot = MarketSnapshot {
            total_borrow_assets: U256::from(m.totalBorrowAssets),
            total_borrow_shares: U256::from(m.totalBorrowShares),
            price,
        };
        let found: BTreeSet<Address> = book
            .liquidatable(&snapshot)?
            .iter()
            .map(|l| l.borrower)
            .collect();
        assert_eq!(
            found, lens_liquidatable,
            "round {round}: the book's search must find what the lens calls liquidatable"
        );
        liquidatable_total += found.len();
    }
    eprintln!(
        "health engine vs lens: {checked} random positions over {ROUNDS} prices and market states, {mismatches} mismatches, {liquidatable_total} liquidatable (all found by the ordered search) in {:.1?}",
        started.elapsed()
    );
    assert_eq!(checked, ROUNDS * PER_ROUND);
    assert!(checked >= 10_000);
    assert_eq!(mismatches, 0);
    assert!(
        liquidatable_total > 0 && liquidatable_total < checked,
        "the sample straddles the boundary"
    );
    Ok(())
}
