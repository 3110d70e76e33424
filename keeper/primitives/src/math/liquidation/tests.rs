//! Table tests (expected values from an independent big-integer transcription of LiquidationLib.sol)
//! and properties of the plan.

use super::*;
use crate::math::health::position_health;
use crate::math::shares::to_assets_up;
use proptest::prelude::*;

fn u(x: u128) -> U256 {
    U256::from(x)
}

const LLTV_86: u128 = 860_000_000_000_000_000;
const USDC: u128 = 1_000_000;
const LADDER: [u128; 5] = [
    625_000_000_000_000_000,
    770_000_000_000_000_000,
    LLTV_86,
    915_000_000_000_000_000,
    945_000_000_000_000_000,
];

/// WETH (18 dp) priced in USDC (6 dp), scale 1e36.
fn weth_in_usdc(usd: u128) -> U256 {
    u(usd) * u(USDC) * ORACLE_PRICE_SCALE / WAD
}

/// 1 WETH of collateral, `debt` USDC borrowed by the only borrower of a market whose `total` USDC of
/// borrows were all taken at the initial share price.
fn weth_position(debt: u128, total: u128, usd: u128, max_repay: U256) -> LiquidationInput {
    LiquidationInput {
        borrow_shares: u(debt * USDC) * u(1_000_000),
        collateral: WAD,
        total_borrow_assets: u(total * USDC),
        total_borrow_shares: u(total * USDC) * u(1_000_000),
        price: weth_in_usdc(usd),
        deep_only: false,
        lltv: u(LLTV_86),
        min_debt: u(10 * USDC),
        max_repay_assets: max_repay,
    }
}

fn liquidated(ra: u128, rs: u128, seized: u128, bda: u128, bds: u128, lif: u128) -> Liquidation {
    Liquidation {
        status: LiquidationStatus::Liquidated,
        repaid_assets: u(ra),
        repaid_shares: u(rs),
        seized_assets: u(seized),
        bad_debt_assets: u(bda),
        bad_debt_shares: u(bds),
        incentive_factor: u(lif),
    }
}

#[test]
fn base_incentive_of_the_lltv_ladder() {
    let expected = [
        1_126_760_563_380_281_690u128,
        1_074_113_856_068_743_286,
        1_043_841_336_116_910_229,
        1_026_167_265_264_238_070,
        1_016_776_817_488_561_260,
    ];
    for (lltv, lif) in LADDER.iter().zip(expected) {
        assert_eq!(incentive_factor(u(*lltv), u(*lltv)), Ok(u(lif)));
        assert_eq!(incentive_factor(u(*lltv), U256::ZERO), Ok(u(lif)));
    }
    // 1 / (1 - 0.3) = 1.43 is capped at 1.15.
    assert_eq!(incentive_factor(U256::ZERO, U256::ZERO), Ok(MAX_BASE_LIF));
    // An LLTV above 100% underflows on-chain.
    assert_eq!(
        incentive_factor(WAD + u(1), WAD),
        Err(crate::math::MathError::Overflow)
    );
}

#[test]
fn incentive_grows_with_depth_up_to_the_caps() {
    let lltv = u(LLTV_86);
    let base = incentive_factor(lltv, lltv).unwrap();
    let depth = u(10_000_000_000_000_000); // 1 point past the LLTV
    assert_eq!(incentive_factor(lltv, lltv + depth), Ok(base + depth));
    // At an LTV of 0.94 it is base + 0.08 (the half-headroom term that once fell with depth is gone).
    let ltv = u(940_000_000_000_000_000);
    assert_eq!(
        incentive_factor(lltv, ltv),
        Ok(base + u(80_000_000_000_000_000))
    );
    // Under water and with worthless collateral: the cap, never back to the base (issue 14).
    assert_eq!(incentive_factor(lltv, u(2) * WAD), Ok(MAX_LIF));
    assert_eq!(incentive_factor(lltv, U256::MAX), Ok(MAX_LIF));
    let low = u(100_000_000_000_000_000);
    assert_eq!(
        incentive_factor(low, u(700_000_000_000_000_000)),
        Ok(MAX_LIF)
    );
}

proptest! {
    /// Non-decreasing in the LTV at every enabled LLTV: a slice that lowers the LTV never raises the next
    /// slice's bonus.
    #[test]
    fn incentive_never_falls_as_the_ltv_rises(i in 0usize..5, a in 0u128..=3 * WAD.to::<u128>(), b in 0u128..=3 * WAD.to::<u128>()) {
        let (lo, hi) = (a.min(b), a.max(b));
        let lltv = u(LADDER[i]);
        prop_assert!(incentive_factor(lltv, u(lo)).unwrap() <= incentive_factor(lltv, u(hi)).unwrap());
    }
}

#[test]
fn plan_table() {
    let lif_2300 = 1_053_406_553_508_214_576;
    let cases = [
        // Shallow: repays what restores health 1.05.
        (
            weth_position(2_000, 2_000, 2_300, U256::MAX),
            liquidated(
                846_808_445,
                846_808_445_000_000,
                387_840_680_434_782_608,
                0,
                0,
                lif_2300,
            ),
        ),
        // Capped by the liquidator.
        (
            weth_position(2_000, 2_000, 2_300, u(100 * USDC)),
            liquidated(
                100_000_000,
                100_000_000_000_000,
                45_800_284_782_608_695,
                0,
                0,
                lif_2300,
            ),
        ),
        (
            weth_position(2_000, 2_000, 2_300, u(1)),
            liquidated(1, 1_000_000, 434_782_608, 0, 0, lif_2300),
        ),
        // Under water, unbounded: all collateral seized for its value over the (capped) incentive, the rest
        // written off.
        (
            weth_position(2_000, 2_000, 1_800, U256::MAX),
            liquidated(
                1_440_000_000,
                1_440_000_000_000_000,
                WAD.to(),
                560_000_000,
                560_000_000_000_000,
                1_250_000_000_000_000_000,
            ),
        ),
        (
            weth_position(2_000, 5_000, 1_500, U256::MAX),
            liquidated(
                1_200_000_000,
                1_200_000_000_000_000,
                WAD.to(),
                800_000_000,
                800_000_000_000_000,
                1_250_000_000_000_000_000,
            ),
        ),
        // Band B (solvent, 2050 of collateral against 2000 of debt, bonus above the equity): unbounded closes
        // at par with no bad debt; a slice takes the same fraction of the collateral as of the debt.
        (
            weth_position(2_000, 2_000, 2_050, U256::MAX),
            liquidated(
                2_000_000_000,
                2_000_000_000_000_000,
                WAD.to(),
                0,
                0,
                1_159_451_092_214_471_204,
            ),
        ),
        (
            weth_position(2_000, 2_000, 2_050, u(500 * USDC)),
            liquidated(
                500_000_000,
                500_000_000_000_000,
                250_000_000_000_000_000,
                0,
                0,
                1_159_451_092_214_471_204,
            ),
        ),
        // Band C slices: 500 repaid seizes 500 * 1.25 of value and burns the same fraction of the shares.
        (
            weth_position(2_000, 5_000, 1_500, u(500 * USDC)),
            liquidated(
                500_000_000,
                500_000_000_000_000,
                416_666_666_000_000_000,
                333_333_334,
                333_333_333_333_333,
                1_250_000_000_000_000_000,
            ),
        ),
        (
            weth_position(2_000, 2_000, 1_800, u(1_000 * USDC)),
            liquidated(
                1_000_000_000,
                1_000_000_000_000_000,
                694_444_443_888_888_888,
                388_888_889,
                388_888_888_888_888,
                1_250_000_000_000_000_000,
            ),
        ),
    ];
    for (i, (input, expected)) in cases.iter().enumerate() {
        assert_eq!(plan(input), Ok(*expected), "case {i}");
    }
}

#[test]
fn plan_statuses() {
    let healthy = weth_position(2_000, 2_000, 3_000, U256::MAX);
    assert_eq!(plan(&healthy).unwrap().status, LiquidationStatus::Healthy);
    let no_debt = LiquidationInput {
        borrow_shares: U256::ZERO,
        ..healthy
    };
    assert_eq!(
        plan(&no_debt).unwrap(),
        Liquidation {
            status: LiquidationStatus::NoDebt,
            ..Default::default()
        }
    );
    // Under water and the liquidator offers less than the close-out needs: a slice (band C), not a refusal.
    let deep = weth_position(2_000, 2_000, 1_800, u(1_000 * USDC));
    assert_eq!(plan(&deep).unwrap().status, LiquidationStatus::Liquidated);
    // Zero repay never liquidates.
    assert_eq!(
        plan(&weth_position(2_000, 2_000, 2_300, U256::ZERO))
            .unwrap()
            .status,
        LiquidationStatus::RepayTooSmall
    );
}

#[test]
fn leaving_less_than_min_debt_closes_the_position() {
    // 12 USDC of debt against 1 WETH at 13.5 USDC: the partial target would leave about 4 USDC, below
    // the 10 USDC floor.
    let small = LiquidationInput {
        borrow_shares: u(12 * USDC) * u(1_000_000),
        price: u(135 * USDC) * ORACLE_PRICE_SCALE / WAD / u(10),
        deep_only: false,
        ..weth_position(2_000, 2_000, 3_000, U256::MAX)
    };
    let l = plan(&small).unwrap();
    assert_eq!(l.status, LiquidationStatus::Liquidated);
    assert_eq!(
        (l.repaid_assets, l.repaid_shares),
        (u(12 * USDC), small.borrow_shares)
    );
    // A liquidator capping below the whole debt repays down to exactly the floor.
    let capped = plan(&LiquidationInput {
        max_repay_assets: u(5 * USDC),
        ..small
    })
    .unwrap();
    assert_eq!(capped.repaid_assets, u(2 * USDC));
}

#[test]
fn zero_price_writes_everything_off() {
    // Why the core refuses zero prices before planning (ZeroPrice, OracleFailed): to the library the
    // collateral is then worthless, so nothing is repaid and the whole debt becomes bad debt.
    let input = LiquidationInput {
        price: U256::ZERO,
        deep_only: false,
        ..weth_position(2_000, 2_000, 2_300, U256::MAX)
    };
    let l = plan(&input).unwrap();
    assert_eq!((l.repaid_assets, l.seized_assets), (U256::ZERO, WAD));
    assert_eq!(l.bad_debt_shares, input.borrow_shares);
}

/// A position near the interesting boundary: an LTV drawn around the LLTV, up to three times it.
fn position() -> impl Strategy<Value = LiquidationInput> {
    (
        1u128..=10u128.pow(30),                           // total borrow assets
        500_000u128..=1_000_000, // total shares per asset (interest makes assets worth more shares less)
        1u128..=1_000_000,       // borrower's share of the total, ppm
        prop_oneof![Just(0u128), 1u128..=10u128.pow(30)], // collateral
        0u128..=3_000_000_000_000_000_000, // LTV (WAD) to aim the price at
        0usize..5,               // LLTV
        prop_oneof![Just(0u128), 1u128..=10u128.pow(12)], // min debt
        prop_oneof![
            Just(U256::MAX),
            Just(U256::ZERO),
            Just(u(1)),
            (0u128..=10u128.pow(30)).prop_map(u)
        ],
        1u128..=10u128.pow(38), // a price for when the aimed one would be zero
    )
        .prop_map(
            |(tba, per_asset, ppm, collateral, ltv, lltv, min_debt, max_repay, fallback)| {
                let tbs = u(tba) * u(per_asset);
                let bs = (tbs * u(ppm) / u(1_000_000)).max(u(1));
                let debt = to_assets_up(bs, u(tba), tbs).unwrap();
                // price such that debt / (collateral * price / 1e36) ~ ltv.
                let price = if collateral == 0 || ltv == 0 {
                    u(fallback)
                } else {
                    (debt * WAD / u(ltv)) * ORACLE_PRICE_SCALE / u(collateral)
                };
                LiquidationInput {
                    borrow_shares: bs,
                    collateral: u(collateral),
                    total_borrow_assets: u(tba),
                    total_borrow_shares: tbs,
                    price: price.max(u(1)),
                    deep_only: false,
                    lltv: u(LADDER[lltv]),
                    min_debt: u(min_debt),
                    max_repay_assets: max_repay,
                }
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4096))]

    #[test]
    fn plan_invariants(p in position()) {
        let l = plan(&p).unwrap();
        let debt = to_assets_up(p.borrow_shares, p.total_borrow_assets, p.total_borrow_shares).unwrap();
        let health = position_health(p.borrow_shares, p.collateral, p.total_borrow_assets, p.total_borrow_shares, Some(p.price), p.lltv).unwrap();
        // The plan and the lens agree on who is liquidatable.
        prop_assert_eq!(l.status == LiquidationStatus::Healthy, !health.liquidatable);
        match l.status {
            LiquidationStatus::Liquidated => {
                prop_assert!(l.repaid_assets <= p.max_repay_assets);
                prop_assert!(l.repaid_assets <= debt);
                prop_assert!(!l.repaid_shares.is_zero() || !l.bad_debt_shares.is_zero());
                prop_assert!(l.seized_assets <= p.collateral);
                prop_assert!(l.repaid_shares + l.bad_debt_shares <= p.borrow_shares);
                prop_assert!(l.repaid_assets + l.bad_debt_assets <= p.total_borrow_assets.max(debt));
                prop_assert!(l.incentive_factor >= WAD && l.incentive_factor <= MAX_LIF);
                // Bad debt only when the collateral is worth less than the debt (band C).
                if !l.bad_debt_shares.is_zero() {
                    let value = mul_div_down(p.collateral, p.price, ORACLE_PRICE_SCALE).unwrap();
                    prop_assert!(value < debt, "bad debt while solvent: {:?} {:?}", p, l);
                }
                // No collateral left implies no debt left.
                if l.seized_assets == p.collateral {
                    prop_assert_eq!(l.repaid_shares + l.bad_debt_shares, p.borrow_shares);
                }
                // The liquidator never receives more value than the incentive pays for.
                let seized_value = mul_div_down(l.seized_assets, p.price, ORACLE_PRICE_SCALE).unwrap();
                prop_assert!(seized_value <= w_mul_up(l.repaid_assets, l.incentive_factor).unwrap());
            }
            LiquidationStatus::RepayTooSmall => {
                prop_assert_eq!(l, Liquidation { status: LiquidationStatus::RepayTooSmall, incentive_factor: l.incentive_factor, ..Default::default() });
            }
            LiquidationStatus::Healthy | LiquidationStatus::NoDebt => {
                prop_assert_eq!(l, Liquidation { status: l.status, ..Default::default() });
            }
            s => prop_assert!(false, "plan never decides {:?}", s),
        }
        // Taking what the rules allow never fails for an unhealthy position.
        if health.liquidatable && p.max_repay_assets == U256::MAX {
            prop_assert_eq!(l.status, LiquidationStatus::Liquidated);
        }
    }

    #[test]
    fn a_larger_budget_never_repays_less(p in position(), extra in 0u128..=10u128.pow(30)) {
        let small = plan(&p).unwrap();
        let bigger = LiquidationInput { max_repay_assets: p.max_repay_assets.saturating_add(u(extra)), ..p };
        let big = plan(&bigger).unwrap();
        if small.status == LiquidationStatus::Liquidated {
            prop_assert_eq!(big.status, LiquidationStatus::Liquidated);
            prop_assert!(big.repaid_assets >= small.repaid_assets);
        }
    }

    #[test]
    fn never_panics(
        a in any::<[u64; 4]>(), b in any::<[u64; 4]>(), c in any::<[u64; 4]>(), d in any::<[u64; 4]>(),
        e in any::<[u64; 4]>(), f in any::<[u64; 4]>(), g in any::<[u64; 4]>(), h in any::<[u64; 4]>(),
    ) {
        let x = U256::from_limbs;
        let _ = plan(&LiquidationInput {
            borrow_shares: x(a), collateral: x(b), total_borrow_assets: x(c), total_borrow_shares: x(d),
            price: x(e), deep_only: false, lltv: x(f), min_debt: x(g), max_repay_assets: x(h),
        });
        let _ = incentive_factor(x(f), x(a));
        let _ = target_repay(x(a), x(b), x(f), x(c));
    }
}

/// The position and its market after applying `l` as `Cantilever._executeLiquidation` does:
/// (borrow shares, collateral, total borrow assets, total borrow shares).
fn after(p: &LiquidationInput, l: &Liquidation) -> (U256, U256, U256, U256) {
    let burnt = l.repaid_shares + l.bad_debt_shares;
    (
        p.borrow_shares - burnt,
        p.collateral - l.seized_assets,
        p.total_borrow_assets
            .saturating_sub(l.repaid_assets + l.bad_debt_assets),
        p.total_borrow_shares - burnt,
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4096))]

    /// "A position ends either fully closed or with at least the loan token's minDebt" (LiquidationLib).
    #[test]
    fn partial_liquidations_leave_no_dust(p in position()) {
        let l = plan(&p).unwrap();
        let debt = to_assets_up(p.borrow_shares, p.total_borrow_assets, p.total_borrow_shares).unwrap();
        // Positions already below the floor (raised after they opened) can only be closed in full.
        if l.status != LiquidationStatus::Liquidated || debt < p.min_debt {
            return Ok(());
        }
        let (bs, _, tba, tbs) = after(&p, &l);
        let left = to_assets_up(bs, tba, tbs).unwrap();
        prop_assert!(left.is_zero() || left >= p.min_debt, "left {} < min debt {}: {:?} {:?}", left, p.min_debt, p, l);
    }

    /// Taking what the rules allow leaves the position healthy (or closed).
    #[test]
    fn full_budget_liquidations_restore_health(p in position()) {
        let p = LiquidationInput { max_repay_assets: U256::MAX, ..p };
        let l = plan(&p).unwrap();
        if l.status != LiquidationStatus::Liquidated {
            return Ok(());
        }
        let (bs, collateral, tba, tbs) = after(&p, &l);
        let h = position_health(bs, collateral, tba, tbs, Some(p.price), p.lltv).unwrap();
        prop_assert!(!h.liquidatable, "still liquidatable: {:?} {:?} {:?}", p, l, h);
    }
}

/// An oracle answer so large that collateral × price overflows: the position is healthy, as the contract says
/// (a Panic there would revert a whole `liquidateBatch`).
#[test]
fn an_overflowing_price_is_healthy() {
    let mut p = weth_position(2_000, 10_000, 1_000, U256::MAX);
    p.price = U256::MAX / p.collateral + U256::from(1);
    assert_eq!(plan(&p).unwrap().status, LiquidationStatus::Healthy);
    p.price = U256::MAX;
    assert_eq!(plan(&p).unwrap().status, LiquidationStatus::Healthy);
}

/// 1 WETH at $1,000 in an 86% market: the most healthy debt is $860, so a debt of `debt` dollars has health
/// 860 / debt.
fn graced(debt: u128, deep_only: bool) -> LiquidationInput {
    LiquidationInput {
        deep_only,
        ..weth_position(debt, debt, 1_000, U256::MAX)
    }
}

#[test]
fn deep_only_waits_at_health_095_and_above() {
    // 860 / 905 = 0.9503: liquidatable, but not in the grace period.
    assert_eq!(
        plan(&graced(905, true)).unwrap().status,
        LiquidationStatus::DeepOnly
    );
    assert_eq!(
        plan(&graced(905, false)).unwrap().status,
        LiquidationStatus::Liquidated
    );
    // 860 / 906 = 0.9492: deep enough, and planned exactly as outside the grace period.
    assert_eq!(
        plan(&graced(906, true)).unwrap(),
        plan(&graced(906, false)).unwrap()
    );
    // Healthy stays healthy.
    assert_eq!(
        plan(&graced(850, true)).unwrap().status,
        LiquidationStatus::Healthy
    );
}

proptest! {
    /// P-82 in the port: with `deep_only` the plan is `DeepOnly` exactly when the position is liquidatable with a
    /// health of at least 0.95 (max debt >= debt * 0.95, rounded down), and otherwise the plan without it.
    #[test]
    fn deep_only_changes_only_shallow_liquidations(p in position()) {
        let free = plan(&LiquidationInput { deep_only: false, ..p }).unwrap();
        let graced = plan(&LiquidationInput { deep_only: true, ..p }).unwrap();
        let debt = to_assets_up(p.borrow_shares, p.total_borrow_assets, p.total_borrow_shares).unwrap();
        let overflows = !p.collateral.is_zero() && p.price > U256::MAX / p.collateral;
        let shallow = !overflows && {
            let value = mul_div_down(p.collateral, p.price, ORACLE_PRICE_SCALE).unwrap();
            let max_debt = w_mul_down(value, p.lltv).unwrap();
            debt > max_debt && max_debt >= w_mul_down(debt, GRACE_LIQUIDATION_HEALTH).unwrap()
        };
        if shallow && !p.borrow_shares.is_zero() {
            prop_assert_eq!(graced.status, LiquidationStatus::DeepOnly);
        } else {
            prop_assert_eq!(graced, free);
        }
    }
}
