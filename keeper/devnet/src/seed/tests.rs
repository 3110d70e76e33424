//! Planning and reporting, off chain.

use super::*;

/// WETH/USDC-like: 3 000 USDC (6 decimals) per WETH (18), LLTV 86%, floor 10 USDC.
fn weth_usdc() -> MarketFacts {
    MarketFacts {
        params: MarketParams {
            loan_token: Address::repeat_byte(1),
            collateral_token: Address::repeat_byte(2),
            oracle: Address::repeat_byte(3),
            rate_model: Address::repeat_byte(4),
            lltv: U256::from(860_000_000_000_000_000u64),
        },
        // 3000e6 * 1e36 / 1e18.
        price: U256::from(3_000_000_000u64) * U256::from(10u64).pow(U256::from(18)),
        min_debt: U256::from(10_000_000u64),
        collateral_usd: 3_000.0 / 1e18,
    }
}

/// Health factor of a plain plan, as the lens computes it (WAD).
fn planned_health(f: &MarketFacts, collateral: U256, debt: U256) -> U256 {
    let max_debt = w_mul_down(
        mul_div_down(collateral, f.price, ORACLE_PRICE_SCALE).unwrap(),
        f.params.lltv,
    )
    .unwrap();
    max_debt * WAD / debt
}

#[test]
fn plans_are_deterministic_spread_and_in_range() {
    let options = SeedOptions::default();
    let facts = vec![weth_usdc(), weth_usdc(), weth_usdc()];
    let a = plan(&options, &facts).unwrap();
    let b = plan(&options, &facts).unwrap();
    assert_eq!(a.len(), 240);
    assert_eq!(format!("{a:?}"), format!("{b:?}"));
    let leveraged = a
        .iter()
        .filter(|p| matches!(p.kind, Kind::Leveraged { .. }))
        .count();
    assert_eq!(leveraged, options.leveraged);
    for k in 0..3 {
        assert_eq!(a.iter().filter(|p| p.market == k).count(), 80);
        assert!(
            a.iter()
                .any(|p| p.market == k && matches!(p.kind, Kind::Leveraged { .. })),
            "market {k} has no leveraged position"
        );
    }
    let mut borrowers: Vec<Address> = a.iter().map(|p| p.borrower).collect();
    borrowers.sort();
    borrowers.dedup();
    assert_eq!(borrowers.len(), 240, "borrowers are distinct");

    let (lo, hi) = (
        U256::from(1_019_000_000_000_000_000u64),
        U256::from(2_000_000_000_000_000_000u64),
    );
    let mut below_133 = 0;
    for p in &a {
        match p.kind {
            Kind::Plain { collateral, debt } => {
                let h = planned_health(&facts[p.market], collateral, debt);
                assert!(lo <= h && h <= hi, "health {h}");
                below_133 += usize::from(h < U256::from(1_333_333_333_333_333_333u64));
            }
            Kind::Leveraged {
                equity,
                leverage,
                borrow,
            } => {
                assert!(equity > U256::ZERO && borrow > U256::ZERO);
                // 1 / (1 - 0.86 / 1.08) = 4.9: within the router's 5.5x limit at LLTV 86%.
                assert!(
                    leverage > WAD && leverage < U256::from(5u64) * WAD,
                    "{leverage}"
                );
            }
        }
    }
    // Uniform health over 1.02..2.0: about a third sits below 1/0.75, liquidatable after a 25% crash.
    assert!((50..100).contains(&below_133), "{below_133}");
    // Another seed, other borrowers.
    let other = plan(
        &SeedOptions {
            seed: 1,
            ..options.clone()
        },
        &facts,
    )
    .unwrap();
    assert_ne!(other[0].borrower, a[0].borrower);
}

#[test]
fn bad_options_are_refused() {
    let ok = SeedOptions::default();
    let cases = [
        SeedOptions {
            borrowers: 0,
            ..ok.clone()
        },
        SeedOptions {
            leveraged: 241,
            ..ok.clone()
        },
        SeedOptions {
            min_health: 1.0,
            ..ok.clone()
        },
        SeedOptions {
            min_health: 1.5,
            max_health: 1.2,
            ..ok.clone()
        },
        SeedOptions {
            max_health: f64::NAN,
            ..ok.clone()
        },
        SeedOptions {
            min_health: 1.01,
            max_health: 1.05,
            ..ok.clone()
        },
    ];
    for options in cases {
        let err = options.validate().unwrap_err();
        assert!(matches!(err, DevnetError::InvalidArgument(_)), "{err}");
    }
    ok.validate().unwrap();
    SeedOptions {
        leveraged: 0,
        min_health: 1.01,
        max_health: 1.05,
        ..ok
    }
    .validate()
    .unwrap();
}

#[test]
fn a_position_below_the_dust_floor_is_an_error_not_a_revert() {
    let mut f = weth_usdc();
    f.min_debt = U256::from(10u64).pow(U256::from(30));
    let err = plan(&SeedOptions::default(), &[f]).unwrap_err();
    assert!(matches!(err, DevnetError::Plan { index: 0, .. }), "{err}");
    // Plain ones too.
    let mut f = weth_usdc();
    f.min_debt = U256::from(10u64).pow(U256::from(30));
    let options = SeedOptions {
        leveraged: 0,
        ..SeedOptions::default()
    };
    let err = plan(&options, &[f]).unwrap_err();
    assert!(matches!(err, DevnetError::Plan { index: 0, .. }), "{err}");
}

#[test]
fn buckets_and_expected_liquidations() {
    let wad = |x: f64| U256::from((x * 1e6) as u64) * U256::from(1_000_000_000_000u64);
    assert_eq!(health_bucket(wad(0.99)), 0);
    assert_eq!(health_bucket(wad(1.0)), 1);
    assert_eq!(health_bucket(wad(1.07)), 2);
    assert_eq!(health_bucket(wad(1.2)), 3);
    assert_eq!(health_bucket(wad(1.49)), 4);
    assert_eq!(health_bucket(wad(1.99)), 5);
    assert_eq!(health_bucket(wad(2.0)), 6);
    assert_eq!(health_bucket(U256::MAX), 6);

    let position = |collateral: &str, health: f64| SeededPosition {
        market: B256::ZERO,
        collateral_symbol: collateral.into(),
        loan_symbol: "USDC".into(),
        borrower: Address::ZERO,
        leveraged: false,
        collateral: U256::from(1u64),
        debt: U256::from(1u64),
        health_factor: wad(health),
    };
    let report = SeedReport {
        markets: Vec::new(),
        positions: vec![
            position("WETH", 1.30),  // 1.30 * 0.75 = 0.975: liquidatable
            position("WETH", 1.34),  // 1.005: safe
            position("WBTC", 1.05),  // another collateral: untouched
            position("WBTC", 0.99),  // already liquidatable
            position("WETH", 1.333), // 0.99975: liquidatable
        ],
        health_buckets: [0; HEALTH_BUCKETS.len()],
        total_debt_usd: 0.0,
        transactions: 0,
        blocks: 0,
        elapsed: Duration::ZERO,
    };
    assert_eq!(report.expected_liquidatable("WETH", 25), 3);
    assert_eq!(report.expected_liquidatable("WBTC", 25), 2);
    assert_eq!(report.expected_liquidatable("USDC", 25), 1);
}

#[test]
fn supply_covers_planned_borrowing_and_collateral_is_the_plain_borrowers() {
    let n = |x: u64| U256::from(x);
    let plans = [
        (
            0,
            Kind::Plain {
                collateral: n(7),
                debt: n(100),
            },
        ),
        (
            1,
            Kind::Plain {
                collateral: n(9),
                debt: n(1_000),
            },
        ),
        (
            0,
            Kind::Leveraged {
                equity: n(5),
                leverage: n(2),
                borrow: n(300),
            },
        ),
        (
            0,
            Kind::Plain {
                collateral: n(11),
                debt: n(200),
            },
        ),
    ]
    .map(|(market, kind)| Plan {
        market,
        borrower: Address::ZERO,
        kind,
    });
    // Market 0 plans 600 of borrowing: 150% of it, plus the floor.
    assert_eq!(loan_supply(&plans, 0, n(10)), n(910));
    assert_eq!(loan_supply(&plans, 1, n(0)), n(1_500));
    assert_eq!(loan_supply(&plans, 2, n(10)), n(10));
    // Leveraged borrowers bring their own equity.
    assert_eq!(plain_collateral(&plans, 0), n(18));
    assert_eq!(plain_collateral(&plans, 1), n(9));
    assert_eq!(plain_collateral(&plans, 2), n(0));
}
