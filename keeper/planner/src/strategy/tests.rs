//! The decision on hand-checked numbers: a WETH/USDC position past its LLTV after a crash.

use alloy_primitives::{Address, B256, U256};

use super::*;
use crate::book::{MarketBook, MarketSnapshot};
use cantilever_primitives::math::constants::ORACLE_PRICE_SCALE;
use cantilever_primitives::position::{Position, PositionKey};

const LLTV: u128 = 860_000_000_000_000_000;
const WETH: u128 = 1_000_000_000_000_000_000;

/// USDC (6 dp) per WETH (18 dp) at `usd` dollars, scale 1e36.
fn price(usd: u128) -> U256 {
    U256::from(usd * 1_000_000) * ORACLE_PRICE_SCALE / U256::from(WETH)
}

/// 10 WETH borrowing 24,000 USDC (at 1e6 shares per unit, no interest), valued at `usd`, with a pool of
/// `pool_weth` WETH at the same price, gas priced in USDC through the same oracle.
fn setup(usd: u128, pool_weth: u128) -> (PositionKey, crate::book::Liquidatable, MarketView) {
    let position = Position {
        borrow_shares: 24_000_000_000 * 1_000_000,
        collateral: 10 * WETH,
    };
    let snapshot = MarketSnapshot {
        total_borrow_assets: U256::from(24_000_000_000u128),
        total_borrow_shares: U256::from(24_000_000_000u128 * 1_000_000),
        price: price(usd),
    };
    let mut book = MarketBook::new(U256::from(LLTV));
    let key = PositionKey {
        market: B256::repeat_byte(1),
        borrower: Address::repeat_byte(2),
    };
    book.upsert(key.borrower, position);
    let found = book.liquidatable(&snapshot).unwrap();
    let view = MarketView {
        snapshot,
        lltv: U256::from(LLTV),
        min_debt: U256::ZERO,
        pool: Some(Reserves {
            reserve_in: U256::from(pool_weth * WETH),
            reserve_out: U256::from(pool_weth * usd * 1_000_000),
        }),
        native_price: Some(price(usd)),
        deep_only: false,
    };
    (key, found[0], view)
}

#[test]
fn a_deep_pool_makes_a_partial_liquidation_profitable() {
    // 24,000 / (10 · 2,700) = 88.9% LTV > 86%.
    let (key, candidate, view) = setup(2_700, 10_000);
    let params = StrategyParams::default();
    let p = evaluate(key, &candidate, &view, &params, 2_000_000_000, 250_000).unwrap();
    assert_eq!(
        p.plan.status,
        cantilever_primitives::math::LiquidationStatus::Liquidated
    );
    assert!(
        p.plan.repaid_assets < U256::from(24_000_000_000u128),
        "partial"
    );
    // Gas: 250k · 2 gwei = 5e14 wei = 0.0005 WETH = 1.35 USDC, rounded up.
    assert_eq!(p.gas_cost, U256::from(1_350_000u64));
    assert!(p.proceeds > p.plan.repaid_assets);
    assert_eq!(p.gross_profit, p.proceeds - p.plan.repaid_assets);
    let buffered = p.gross_profit - p.gross_profit / U256::from(10u64);
    assert_eq!(p.net_profit, buffered - p.gas_cost);
    assert_eq!(p.min_profit_guard, p.gas_cost);
    // Gas may spend the whole buffered profit (no minimum profit here), in wei at the oracle price.
    assert_eq!(
        p.fee_budget_wei,
        buffered * ORACLE_PRICE_SCALE / price(2_700)
    );
    assert!(p.fee_budget_wei > p.net_profit_wei);
    assert_eq!(p.id, opportunity_id(key, &candidate));
}

#[test]
fn a_shallow_pool_or_costly_gas_is_skipped_with_a_reason() {
    let (key, candidate, view) = setup(2_700, 1);
    let err = evaluate(
        key,
        &candidate,
        &view,
        &StrategyParams::default(),
        2_000_000_000,
        250_000,
    )
    .unwrap_err();
    assert_eq!(err.label(), "unprofitable");
    let (key, candidate, view) = setup(2_700, 10_000);
    let err = evaluate(
        key,
        &candidate,
        &view,
        &StrategyParams::default(),
        10u128.pow(16),
        250_000,
    )
    .unwrap_err();
    assert_eq!(err.label(), "unprofitable");
    let params = StrategyParams {
        min_profit: cantilever_primitives::Ether(U256::from(10u128.pow(21))),
        ..StrategyParams::default()
    };
    let err = evaluate(key, &candidate, &view, &params, 1, 250_000).unwrap_err();
    assert_eq!(err.label(), "unprofitable");
}

#[test]
fn missing_pool_price_or_gas_price_are_skips() {
    let (key, candidate, mut view) = setup(2_700, 10_000);
    view.pool = None;
    assert_eq!(
        evaluate(key, &candidate, &view, &StrategyParams::default(), 1, 1).unwrap_err(),
        SkipReason::NoPool
    );
    let (key, candidate, mut view) = setup(2_700, 10_000);
    view.native_price = None;
    assert_eq!(
        evaluate(key, &candidate, &view, &StrategyParams::default(), 1, 1).unwrap_err(),
        SkipReason::NoGasPrice
    );
    view.snapshot.price = U256::ZERO;
    assert_eq!(
        evaluate(key, &candidate, &view, &StrategyParams::default(), 1, 1).unwrap_err(),
        SkipReason::NoPrice
    );
}
