//! Event decoding, apply/undo and the store, without a node.

use alloy::rpc::types::Log;
use alloy::sol_types::SolEvent;
use alloy_primitives::{Address, B256, U256, address};
use cantilever_bindings::cantilever::Cantilever;

use super::event::{self, Change, Effect};
use super::state::State;
use super::{BlockRef, IndexConfig, IndexError, PositionIndex};
use cantilever_primitives::deployment::{Deployment, MarketParams};
use cantilever_primitives::position::{Position, PositionKey};

const CORE: Address = address!("0x00000000000000000000000000000000000c0de0");
const ALICE: Address = address!("0x00000000000000000000000000000000000a11ce");
const BOB: Address = address!("0x0000000000000000000000000000000000000b0b");

fn market() -> B256 {
    B256::repeat_byte(0x11)
}

fn key(borrower: Address) -> PositionKey {
    PositionKey {
        market: market(),
        borrower,
    }
}

fn block(number: u64) -> BlockRef {
    BlockRef {
        number,
        hash: B256::with_last_byte(u8::try_from(number).expect("small")),
    }
}

fn log<E: SolEvent>(event: &E) -> Log {
    Log {
        inner: alloy_primitives::Log {
            address: CORE,
            data: event.encode_log_data(),
        },
        block_number: Some(7),
        block_hash: Some(block(7).hash),
        log_index: Some(3),
        ..Log::default()
    }
}

fn pos(effects: &[(Address, Change)]) -> Vec<Effect> {
    effects
        .iter()
        .map(|&(who, change)| Effect::Position {
            key: key(who),
            change,
            event: "test",
        })
        .collect()
}

fn deployment(chain_id: u64, core: Address) -> Deployment {
    // Through JSON, as the keeper loads it: optional fields keep their defaults.
    serde_json::from_value(serde_json::json!({
        "chainId": chain_id,
        "deployBlock": 1,
        "core": core,
        "lens": Address::ZERO,
        "rateModel": Address::ZERO,
        "markets": [],
    }))
    .expect("a valid deployment")
}

fn changes(log: &Log) -> Vec<Change> {
    event::decode(log)
        .expect("decodes")
        .into_iter()
        .map(|e| match e {
            Effect::Position { key: k, change, .. } => {
                assert_eq!(k.market, market());
                change
            }
            Effect::CreateMarket { .. } => panic!("not a position effect"),
        })
        .collect()
}

#[test]
fn decodes_each_position_event_as_the_core_applies_it() {
    let id = market();
    let u = U256::from;
    let borrow = Cantilever::Borrow {
        id,
        caller: BOB,
        onBehalf: ALICE,
        receiver: BOB,
        assets: u(99),
        shares: u(1_000),
    };
    assert_eq!(changes(&log(&borrow)), [Change::AddBorrowShares(1_000)]);
    let repay = Cantilever::Repay {
        id,
        caller: BOB,
        onBehalf: ALICE,
        assets: u(5),
        shares: u(40),
    };
    assert_eq!(changes(&log(&repay)), [Change::SubBorrowShares(40)]);
    let supply = Cantilever::SupplyCollateral {
        id,
        caller: BOB,
        onBehalf: ALICE,
        assets: u(77),
    };
    assert_eq!(changes(&log(&supply)), [Change::AddCollateral(77)]);
    let withdraw = Cantilever::WithdrawCollateral {
        id,
        caller: BOB,
        onBehalf: ALICE,
        receiver: BOB,
        assets: u(8),
    };
    assert_eq!(changes(&log(&withdraw)), [Change::SubCollateral(8)]);
    // Liquidate reports repaid shares and seized collateral, not the assets repaid.
    let liquidate = Cantilever::Liquidate {
        id,
        caller: BOB,
        borrower: ALICE,
        repaidAssets: u(123_456),
        repaidShares: u(600),
        seizedAssets: u(50),
    };
    assert_eq!(
        changes(&log(&liquidate)),
        [Change::SubBorrowShares(600), Change::SubCollateral(50)]
    );
    let bad_debt = Cantilever::RealizeBadDebt {
        id,
        borrower: ALICE,
        badDebtAssets: u(9_999),
        badDebtShares: u(360),
    };
    assert_eq!(changes(&log(&bad_debt)), [Change::SubBorrowShares(360)]);
    // The borrower is the indexed `onBehalf`/`borrower`, never the caller.
    let effects = event::decode(&log(&borrow)).expect("decodes");
    assert!(matches!(effects[0], Effect::Position { key: k, .. } if k.borrower == ALICE));
}

#[test]
fn decodes_create_market_and_ignores_other_events() {
    let params = Cantilever::MarketParams {
        loanToken: ALICE,
        collateralToken: BOB,
        oracle: CORE,
        rateModel: Address::repeat_byte(9),
        lltv: U256::from(860_000_000_000_000_000u64),
    };
    let effects = event::decode(&log(&Cantilever::CreateMarket {
        id: market(),
        marketParams: params,
    }))
    .expect("decodes");
    assert_eq!(
        effects,
        [Effect::CreateMarket {
            id: market(),
            params: MarketParams {
                loan_token: ALICE,
                collateral_token: BOB,
                oracle: CORE,
                rate_model: Address::repeat_byte(9),
                lltv: U256::from(860_000_000_000_000_000u64),
            },
        }]
    );
    let supply = Cantilever::Supply {
        id: market(),
        caller: BOB,
        onBehalf: ALICE,
        assets: U256::from(1),
        shares: U256::from(1),
    };
    assert!(event::decode(&log(&supply)).expect("decodes").is_empty());
}

#[test]
fn amount_beyond_uint128_is_a_decode_error() {
    let borrow = Cantilever::Borrow {
        id: market(),
        caller: BOB,
        onBehalf: ALICE,
        receiver: BOB,
        assets: U256::from(1),
        shares: U256::from(u128::MAX) + U256::from(1),
    };
    let err = event::decode(&log(&borrow)).expect_err("too large");
    assert!(
        matches!(
            err,
            IndexError::Decode {
                event: "Borrow",
                block: 7,
                log_index: 3,
                ..
            }
        ),
        "{err}"
    );
    assert!(!err.is_retryable());
}

#[test]
fn truncated_log_is_a_decode_error() {
    let mut l = log(&Cantilever::SupplyCollateral {
        id: market(),
        caller: BOB,
        onBehalf: ALICE,
        assets: U256::from(5),
    });
    l.inner.data =
        alloy_primitives::LogData::new_unchecked(l.topics().to_vec(), Default::default());
    assert!(matches!(
        event::decode(&l),
        Err(IndexError::Decode {
            event: "SupplyCollateral",
            ..
        })
    ));
}

#[test]
fn liquidation_with_bad_debt_empties_the_position() {
    let mut s = State::new(8);
    let open = pos(&[
        (ALICE, Change::AddCollateral(100)),
        (ALICE, Change::AddBorrowShares(1_000)),
    ]);
    s.apply_block(block(1), &open, true).expect("applies");
    // RealizeBadDebt comes first in the same call, then Liquidate: together they burn all shares.
    let liquidate = pos(&[
        (ALICE, Change::SubBorrowShares(400)),
        (ALICE, Change::SubBorrowShares(600)),
        (ALICE, Change::SubCollateral(100)),
    ]);
    s.apply_block(block(2), &liquidate, true).expect("applies");
    assert!(s.positions.is_empty());
    // Opened and emptied within the sync: no net change to report.
    assert!(s.take_changed().is_empty());
    s.rollback_above(1);
    assert_eq!(
        s.take_changed(),
        [(
            key(ALICE),
            Position {
                borrow_shares: 1_000,
                collateral: 100
            }
        )]
    );
}

#[test]
fn changed_reports_emptied_positions_with_zeros() {
    let mut s = State::new(8);
    let open = pos(&[
        (BOB, Change::AddBorrowShares(5)),
        (BOB, Change::AddCollateral(9)),
    ]);
    s.apply_block(block(1), &open, true).expect("applies");
    s.take_changed();
    let close = pos(&[
        (BOB, Change::SubBorrowShares(5)),
        (BOB, Change::SubCollateral(9)),
    ]);
    s.apply_block(block(2), &close, true).expect("applies");
    assert_eq!(s.take_changed(), [(key(BOB), Position::default())]);
    assert_eq!(s.head, Some(block(2)));
}

#[test]
fn underflow_is_inconsistent_and_leaves_the_block_unapplied() {
    let mut s = State::new(8);
    s.apply_block(block(1), &pos(&[(ALICE, Change::AddCollateral(10))]), true)
        .expect("applies");
    let bad = pos(&[
        (BOB, Change::AddCollateral(3)),
        (ALICE, Change::SubCollateral(4)),
        (ALICE, Change::SubCollateral(7)),
    ]);
    let err = s.apply_block(block(2), &bad, true).expect_err("underflows");
    assert!(
        matches!(err, IndexError::Inconsistent { block: 2, key: k, .. } if k == key(ALICE)),
        "{err}"
    );
    assert_eq!(s.head, Some(block(1)));
    assert_eq!(s.recent.len(), 1);
    assert_eq!(s.get(&key(ALICE)).collateral, 10);
    assert_eq!(s.get(&key(BOB)), Position::default());
}

#[test]
fn rollback_restores_each_block_and_its_markets() {
    let mut s = State::new(8);
    let params = MarketParams {
        loan_token: ALICE,
        collateral_token: BOB,
        oracle: CORE,
        rate_model: CORE,
        lltv: U256::from(1),
    };
    let b1 = [
        vec![Effect::CreateMarket {
            id: market(),
            params,
        }],
        pos(&[(ALICE, Change::AddCollateral(10))]),
    ]
    .concat();
    s.apply_block(block(1), &b1, true).expect("applies");
    let after_one = s.positions.clone();
    let other = B256::repeat_byte(0x22);
    let b2 = [
        vec![Effect::CreateMarket { id: other, params }],
        pos(&[
            (ALICE, Change::AddBorrowShares(4)),
            (ALICE, Change::AddBorrowShares(6)),
            (BOB, Change::AddCollateral(1)),
        ]),
    ]
    .concat();
    s.apply_block(block(2), &b2, true).expect("applies");
    s.apply_block(
        block(3),
        &pos(&[(ALICE, Change::SubBorrowShares(10))]),
        true,
    )
    .expect("applies");
    s.apply_block(block(4), &[], true).expect("applies");
    assert_eq!(s.markets.len(), 2);
    s.take_changed();
    assert_eq!(s.rollback_above(1), 3);
    assert_eq!(s.positions, after_one);
    assert_eq!(s.head, Some(block(1)));
    assert_eq!(s.markets.keys().copied().collect::<Vec<_>>(), [market()]);
    assert_eq!(s.take_changed(), [(key(BOB), Position::default())]);
}

#[test]
fn recent_blocks_are_capped_at_the_reorg_depth() {
    let mut s = State::new(3);
    for n in 1..=10 {
        s.apply_block(block(n), &pos(&[(ALICE, Change::AddCollateral(1))]), true)
            .expect("applies");
    }
    let kept: Vec<u64> = s.recent.iter().map(|r| r.block.number).collect();
    assert_eq!(kept, [8, 9, 10]);
    assert_eq!(s.rollback_above(8), 2);
    assert_eq!(s.get(&key(ALICE)).collateral, 8);
}

#[test]
fn store_round_trips_and_refuses_another_deployment() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("index.redb");
    let config = IndexConfig {
        max_range: 10,
        reorg_depth: 4,
        ..IndexConfig::default()
    };
    let dep = deployment(31_337, CORE);
    {
        let (store, mut state) = super::store::Store::open(&path, &dep, 4).expect("opens");
        let effects = [
            vec![Effect::CreateMarket {
                id: market(),
                params: MarketParams {
                    loan_token: ALICE,
                    collateral_token: BOB,
                    oracle: CORE,
                    rate_model: CORE,
                    lltv: U256::from(u128::MAX),
                },
            }],
            pos(&[
                (ALICE, Change::AddCollateral(u128::MAX)),
                (ALICE, Change::AddBorrowShares(7)),
                (BOB, Change::AddCollateral(3)),
            ]),
        ]
        .concat();
        state
            .apply_block(block(5), &effects, true)
            .expect("applies");
        state
            .apply_block(block(6), &pos(&[(BOB, Change::SubCollateral(3))]), true)
            .expect("applies");
        store.save(&mut state).expect("saves");
    }
    let index = PositionIndex::open(&path, &dep, config.clone()).expect("reopens");
    assert_eq!(index.head(), Some(block(6)));
    assert_eq!(
        index.positions().collect::<Vec<_>>(),
        [(
            key(ALICE),
            Position {
                borrow_shares: 7,
                collateral: u128::MAX
            }
        )]
    );
    assert_eq!(index.markets().count(), 1);
    assert_eq!(index.state.recent.len(), 2);
    // The undo log survived: rolling back block 6 restores Bob.
    let mut state = index.state;
    state.rollback_above(5);
    assert_eq!(state.get(&key(BOB)).collateral, 3);
    drop(index.store);

    for other in [deployment(1, CORE), deployment(31_337, BOB)] {
        let err =
            PositionIndex::open(&path, &other, config.clone()).expect_err("another deployment");
        assert!(matches!(err, IndexError::WrongDeployment { .. }), "{err}");
        assert!(err.to_string().contains("belongs to core"), "{err}");
    }
}
