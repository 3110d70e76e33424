//! The ordered search must give exactly what a full scan with the core's math gives.

use std::collections::BTreeSet;

use alloy_primitives::{Address, U256};
use proptest::prelude::*;

use super::*;
use cantilever_primitives::math::constants::ORACLE_PRICE_SCALE;

const LLTV: u128 = 860_000_000_000_000_000;

/// 1 collateral unit of 18 decimals at `usd` loan units of 6 decimals: price = usd·1e6·1e36/1e18.
fn price(usd_milli: u64) -> U256 {
    U256::from(usd_milli) * U256::from(1_000u64) * ORACLE_PRICE_SCALE / U256::from(10u128.pow(18))
}

fn borrowers(found: &[Liquidatable]) -> BTreeSet<Address> {
    found.iter().map(|l| l.borrower).collect()
}

fn book_of(positions: &[(u128, u128)]) -> MarketBook {
    let mut book = MarketBook::new(U256::from(LLTV));
    for (i, (shares, collateral)) in positions.iter().enumerate() {
        book.upsert(
            Address::with_last_byte(0).create(i as u64),
            Position {
                borrow_shares: *shares,
                collateral: *collateral,
            },
        );
    }
    book
}

/// Positions built around the boundary at `p`: debt within a few units of the largest healthy debt, tiny and
/// huge collateral, no collateral at all.
fn position_strategy() -> impl Strategy<Value = (u128, u128)> {
    prop_oneof![
        // ordinary: up to 1e6 units of collateral (18 dp) and shares at 1e6 per asset unit
        (
            1u128..1_000_000_000_000_000_000_000_000,
            1u128..5_000_000_000_000_000_000
        ),
        // tiny collateral: a few wei, where rounding dominates
        (1u128..10_000_000_000, 0u128..1_000),
        // collateral only, or debt only
        (0u128..2, 1u128..1_000_000_000_000_000_000),
        (1u128..1_000_000_000_000, Just(0u128)),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn search_equals_scan(
        positions in prop::collection::vec(position_strategy(), 1..300),
        tba in 1u128..1_000_000_000_000_000,
        extra_shares in 0u128..1_000_000_000,
        usd in 1u64..10_000_000,
        drop_bps in 1u64..5_000,
    ) {
        let book = book_of(&positions);
        // Interest has accrued: shares are worth a little more than at 1e6 per unit.
        let tbs = U256::from(tba) * U256::from(1_000_000u64) - U256::from(extra_shares.min(tba));
        let before = MarketSnapshot { total_borrow_assets: U256::from(tba), total_borrow_shares: tbs, price: price(usd) };
        let after = MarketSnapshot { price: price(usd - usd * drop_bps / 10_000), ..before };
        let scan_before = borrowers(&book.scan(&before).unwrap());
        let scan_after = borrowers(&book.scan(&after).unwrap());
        prop_assert_eq!(&borrowers(&book.liquidatable(&before).unwrap()), &scan_before);
        prop_assert_eq!(&borrowers(&book.liquidatable(&after).unwrap()), &scan_after);
        let newly: BTreeSet<_> = scan_after.difference(&scan_before).copied().collect();
        prop_assert_eq!(borrowers(&book.newly_liquidatable(&after, before.price).unwrap()), newly);
    }
}

/// Positions placed one unit either side of the boundary: the search must split them exactly as the math does.
#[test]
fn boundary_positions_are_split_exactly() {
    boundary_split(
        |i| 10u128.pow(12) * u128::from(i),
        MarketBook::new(U256::from(LLTV)),
    );
}

/// The same with a million units of collateral (18 dp) per position: every boundary position then has a ratio
/// within about 1e-30 of the others, so they all share one compact key and only the exact comparison orders them
/// (in the sorted arrays and, with merges every few updates, in the delta).
#[test]
fn boundary_positions_sharing_a_compact_key_are_split_exactly() {
    boundary_split(
        |i| 10u128.pow(24) + u128::from(i),
        MarketBook::new(U256::from(LLTV)),
    );
    boundary_split(
        |i| 10u128.pow(24) + u128::from(i),
        MarketBook::with_min_pending(U256::from(LLTV), 7),
    );
}

/// Fills `book` with positions at the boundary and checks the search against the math; returns how many distinct
/// compact keys those positions had.
fn boundary_split(collateral_of: impl Fn(u64) -> u128, mut book: MarketBook) -> usize {
    let p = price(3_000_000); // 3000 USDC per WETH
    let (tba, tbs) = (
        U256::from(1_000_000_000u64),
        U256::from(1_000_000_000_000_000u64),
    );
    let snapshot = MarketSnapshot {
        total_borrow_assets: tba,
        total_borrow_shares: tbs,
        price: p,
    };
    let mut expected = BTreeSet::new();
    let mut keys = BTreeSet::new();
    for i in 1..2_000u64 {
        let collateral = collateral_of(i);
        // Largest healthy debt, in shares (the core's rounding), then one share around it.
        let max_debt = cantilever_primitives::math::w_mul_down(
            cantilever_primitives::math::mul_div_down(
                U256::from(collateral),
                p,
                ORACLE_PRICE_SCALE,
            )
            .unwrap(),
            U256::from(LLTV),
        )
        .unwrap();
        let shares = cantilever_primitives::math::to_shares_down(max_debt, tba, tbs).unwrap();
        for (j, delta) in [0u128, 1, 2, 1_000_000].iter().enumerate() {
            let borrower = Address::with_last_byte(j as u8).create(i);
            let position = Position {
                borrow_shares: shares.to::<u128>() + delta,
                collateral,
            };
            keys.insert(super::sorted::compact_key(&ratio::Ratio::of(
                position.borrow_shares,
                position.collateral,
            )));
            book.upsert(borrower, position);
            if !cantilever_primitives::math::is_healthy(
                U256::from(position.borrow_shares),
                U256::from(collateral),
                tba,
                tbs,
                p,
                U256::from(LLTV),
            )
            .unwrap()
            {
                expected.insert(borrower);
            }
        }
    }
    assert!(!expected.is_empty() && expected.len() < book.len());
    assert_eq!(borrowers(&book.liquidatable(&snapshot).unwrap()), expected);
    assert_eq!(borrowers(&book.scan(&snapshot).unwrap()), expected);
    // Just above the price, everything at the boundary turns healthy in both the search and the scan.
    let above = MarketSnapshot {
        price: p + p / U256::from(1_000u64),
        ..snapshot
    };
    assert_eq!(
        borrowers(&book.liquidatable(&above).unwrap()),
        borrowers(&book.scan(&above).unwrap())
    );
    assert_eq!(
        borrowers(&book.newly_liquidatable(&snapshot, above.price).unwrap()),
        expected
    );
    keys.len()
}

#[test]
fn upsert_replaces_and_drops_debt_free_positions() {
    let mut book = MarketBook::new(U256::from(LLTV));
    let who = Address::repeat_byte(7);
    book.upsert(
        who,
        Position {
            borrow_shares: 5,
            collateral: 1,
        },
    );
    book.upsert(
        who,
        Position {
            borrow_shares: 6,
            collateral: 1,
        },
    );
    assert_eq!(book.len(), 1);
    assert_eq!(book.get(&who).unwrap().borrow_shares, 6);
    book.upsert(
        who,
        Position {
            borrow_shares: 0,
            collateral: 1,
        },
    );
    assert!(book.is_empty());
    // Nothing left behind in the orderings: a zero-price-free search finds nothing.
    let snapshot = MarketSnapshot {
        total_borrow_assets: U256::from(1),
        total_borrow_shares: U256::from(1),
        price: U256::from(1),
    };
    assert!(book.liquidatable(&snapshot).unwrap().is_empty());
}

#[test]
fn zero_price_finds_nothing() {
    let book = book_of(&[(1_000, 0), (10, 10)]);
    let snapshot = MarketSnapshot {
        total_borrow_assets: U256::from(1),
        total_borrow_shares: U256::from(1_000_000),
        price: U256::ZERO,
    };
    assert!(book.liquidatable(&snapshot).unwrap().is_empty());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// The search stays exact while updates are pending in the ratio index (new positions in its delta, replaced
    /// and removed ones flagged dead) and across the merges that fold them in.
    #[test]
    fn search_equals_scan_after_interleaved_updates(
        positions in prop::collection::vec(position_strategy(), 1..200),
        updates in prop::collection::vec((0usize..200, position_strategy()), 0..200),
        min_pending in 1usize..64,
        usd in 1u64..10_000_000,
        drop_bps in 1u64..5_000,
    ) {
        let mut book = MarketBook::with_min_pending(U256::from(LLTV), min_pending);
        let who = |i: usize| Address::with_last_byte(0).create(i as u64);
        for (i, (borrow_shares, collateral)) in positions.iter().enumerate() {
            book.upsert(who(i), Position { borrow_shares: *borrow_shares, collateral: *collateral });
        }
        for (i, (borrow_shares, collateral)) in updates {
            book.upsert(who(i), Position { borrow_shares, collateral });
        }
        let tba = U256::from(1_000_000_000_000u64);
        let before = MarketSnapshot {
            total_borrow_assets: tba,
            total_borrow_shares: tba * U256::from(990_000u64),
            price: price(usd),
        };
        let after = MarketSnapshot { price: price(usd - usd * drop_bps / 10_000), ..before };
        let scan_before = borrowers(&book.scan(&before).unwrap());
        let scan_after = borrowers(&book.scan(&after).unwrap());
        prop_assert_eq!(&borrowers(&book.liquidatable(&after).unwrap()), &scan_after);
        let newly: BTreeSet<_> = scan_after.difference(&scan_before).copied().collect();
        prop_assert_eq!(borrowers(&book.newly_liquidatable(&after, before.price).unwrap()), newly);
        // A rise the other way: tiny at either price counts as tiny.
        let risen: BTreeSet<_> = scan_before.difference(&scan_after).copied().collect();
        prop_assert_eq!(borrowers(&book.newly_liquidatable(&before, after.price).unwrap()), risen);
    }
}
