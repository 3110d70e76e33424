use proptest::prelude::*;

use super::*;
use crate::spec::SECONDS_PER_YEAR;

fn feeds() -> Vec<String> {
    ["WETH", "WBTC", "USDC"].map(String::from).to_vec()
}

const START: [f64; 3] = [3000.0, 60_000.0, 1.0];

fn names(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

fn spec(steps: u64, block_time_secs: u64, components: Vec<Component>) -> PathSpec {
    PathSpec {
        name: "t".into(),
        steps,
        block_time_secs,
        components,
    }
}

fn gbm(feeds: &[&str], drift: f64, volatility: f64) -> Component {
    Component::Gbm {
        feeds: names(feeds),
        drift,
        volatility,
    }
}

/// A feed's prices, all of them published.
fn prices(path: &PricePath, feed: &str) -> Vec<f64> {
    path.series(feed)
        .unwrap()
        .into_iter()
        .map(|p| p.expect("published"))
        .collect()
}

/// Log-returns of a feed, the first one from its start price.
fn log_returns(path: &PricePath, feed: &str, start: f64) -> Vec<f64> {
    let p = prices(path, feed);
    std::iter::once(start)
        .chain(p.iter().copied())
        .zip(&p)
        .map(|(a, b)| (b / a).ln())
        .collect()
}

fn mean_var(x: &[f64]) -> (f64, f64) {
    let n = x.len() as f64;
    let mean = x.iter().sum::<f64>() / n;
    (
        mean,
        x.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / (n - 1.0),
    )
}

#[test]
fn steps_are_one_per_block_from_block_one() {
    let path = generate(&spec(5, 12, vec![gbm(&[], 0.0, 0.5)]), &feeds(), &START, 1).unwrap();
    assert_eq!(
        path.steps.iter().map(|s| s.block).collect::<Vec<_>>(),
        [1, 2, 3, 4, 5]
    );
    assert_eq!(path.feeds, feeds());
    assert!(path.validate().is_ok());
}

#[test]
fn no_components_is_a_flat_path() {
    let path = generate(&spec(3, 12, vec![]), &feeds(), &START, 1).unwrap();
    assert!(
        path.steps
            .iter()
            .all(|s| s.prices == START.map(Some) && s.gas_multiplier == 1.0)
    );
}

#[test]
fn same_seed_same_path_and_different_seed_different_path() {
    let s = spec(
        50,
        12,
        vec![
            gbm(&[], 0.1, 0.8),
            Component::JumpDiffusion {
                feeds: vec![],
                drift: 0.0,
                volatility: 0.5,
                jump_intensity: 1e5,
                jump_mean: -0.01,
                jump_std: 0.02,
            },
        ],
    );
    let a = generate(&s, &feeds(), &START, 42).unwrap();
    assert_eq!(a, generate(&s, &feeds(), &START, 42).unwrap());
    let b = generate(&s, &feeds(), &START, 43).unwrap();
    for feed in feeds() {
        assert_ne!(a.series(&feed), b.series(&feed), "{feed}");
    }
}

#[test]
fn adding_a_component_leaves_the_others_draws_unchanged() {
    let weth = gbm(&["WETH"], 0.0, 0.8);
    let alone = generate(&spec(40, 12, vec![weth.clone()]), &feeds(), &START, 7).unwrap();
    let others = vec![
        weth,
        Component::JumpDiffusion {
            feeds: names(&["WBTC"]),
            drift: 0.0,
            volatility: 1.0,
            jump_intensity: 1e5,
            jump_mean: 0.0,
            jump_std: 0.1,
        },
        Component::Freeze {
            feed: "USDC".into(),
            start: 0,
            steps: 10,
        },
        gbm(&["USDC"], 0.0, 0.1),
    ];
    let with = generate(&spec(40, 12, others), &feeds(), &START, 7).unwrap();
    assert_eq!(alone.series("WETH"), with.series("WETH"));
    assert_ne!(alone.series("WBTC"), with.series("WBTC"));

    // Nor does a feed's stream depend on which other feeds the deployment has, or their order.
    let fewer = names(&["USDC", "WETH"]);
    let reordered = generate(
        &spec(40, 12, vec![gbm(&[], 0.0, 0.8)]),
        &fewer,
        &[1.0, 3000.0],
        7,
    )
    .unwrap();
    assert_eq!(alone.series("WETH"), reordered.series("WETH"));
}

#[test]
fn gbm_log_returns_have_the_theoretical_mean_and_variance() {
    // Daily steps so the drift is visible: per step, mean (μ - σ²/2) dt = 4.9e-4 and variance σ² dt = 1.75e-3.
    let (drift, vol, n) = (0.5, 0.8, 200_000);
    let path = generate(
        &spec(n, 86_400, vec![gbm(&["WETH"], drift, vol)]),
        &feeds(),
        &START,
        3,
    )
    .unwrap();
    let dt = 86_400.0 / SECONDS_PER_YEAR;
    let (mean, var) = mean_var(&log_returns(&path, "WETH", START[0]));
    let (want_mean, want_var) = ((drift - vol * vol / 2.0) * dt, vol * vol * dt);
    // Four standard errors: sd/√n = 9.4e-5 for the mean (forgetting the -σ²/2 would be off by 8.8e-4) and
    // var·√(2/n) = 5.5e-6 for the variance.
    let n = n as f64;
    assert!(
        (mean - want_mean).abs() < 4.0 * (want_var / n).sqrt(),
        "mean {mean} vs {want_mean}"
    );
    assert!(
        (var - want_var).abs() < 4.0 * want_var * (2.0 / n).sqrt(),
        "variance {var} vs {want_var}"
    );
    // The other feeds do not move.
    assert!(prices(&path, "WBTC").iter().all(|p| *p == START[1]));
}

#[test]
fn jump_diffusion_log_returns_have_mertons_mean_and_variance() {
    let (drift, vol, lambda, m, s, n) = (0.2, 0.3, 50.0, -0.05, 0.1, 200_000);
    let jumps = Component::JumpDiffusion {
        feeds: names(&["WBTC"]),
        drift,
        volatility: vol,
        jump_intensity: lambda,
        jump_mean: m,
        jump_std: s,
    };
    let path = generate(&spec(n, 86_400, vec![jumps]), &feeds(), &START, 5).unwrap();
    let dt = 86_400.0 / SECONDS_PER_YEAR;
    let (mean, var) = mean_var(&log_returns(&path, "WBTC", START[1]));
    let kappa = (m + s * s / 2.0).exp() - 1.0;
    let want_mean = (drift - vol * vol / 2.0 - lambda * kappa) * dt + lambda * dt * m;
    let want_var = vol * vol * dt + lambda * dt * (m * m + s * s);
    let n = n as f64;
    assert!(
        (mean - want_mean).abs() < 4.0 * (want_var / n).sqrt(),
        "mean {mean} vs {want_mean}"
    );
    // Jumps fatten the tails, so the variance's standard error is wider than a normal's; 3% is still far
    // tighter than leaving out the jumps (which would remove 40% of the variance).
    assert!(
        (var / want_var - 1.0).abs() < 0.03,
        "variance {var} vs {want_var}"
    );
}

#[test]
fn correlated_gbm_has_the_matrix_correlation() {
    let rho = vec![
        vec![1.0, 0.6, -0.3],
        vec![0.6, 1.0, 0.2],
        vec![-0.3, 0.2, 1.0],
    ];
    let c = Component::CorrelatedGbm {
        feeds: vec![],
        drifts: vec![0.0, 0.1, 0.0],
        volatilities: vec![0.8, 0.6, 0.05],
        correlation: rho.clone(),
    };
    let path = generate(&spec(50_000, 86_400, vec![c]), &feeds(), &START, 9).unwrap();
    let r: Vec<Vec<f64>> = feeds()
        .iter()
        .zip(START)
        .map(|(f, s)| log_returns(&path, f, s))
        .collect();
    let stats: Vec<(f64, f64)> = r.iter().map(|x| mean_var(x)).collect();
    for i in 0..3 {
        // Volatilities come through too.
        let vol = (stats[i].1 / (86_400.0 / SECONDS_PER_YEAR)).sqrt();
        assert!(
            (vol / [0.8, 0.6, 0.05][i] - 1.0).abs() < 0.02,
            "feed {i} volatility {vol}"
        );
        for j in 0..i {
            let cov = r[i]
                .iter()
                .zip(&r[j])
                .map(|(a, b)| (a - stats[i].0) * (b - stats[j].0))
                .sum::<f64>()
                / (r[i].len() - 1) as f64;
            let corr = cov / (stats[i].1 * stats[j].1).sqrt();
            // Standard error (1 - ρ²)/√n ≤ 0.0045.
            assert!(
                (corr - rho[i][j]).abs() < 0.02,
                "[{i}][{j}]: {corr} vs {}",
                rho[i][j]
            );
        }
    }
}

#[test]
fn bridge_ends_exactly_at_target_and_wanders_on_the_way() {
    for (seed, target) in (0..20).zip([0.6, 0.37, 1.7, 0.123].into_iter().cycle()) {
        let bridge = Component::BrownianBridge {
            feeds: names(&["WETH", "WBTC"]),
            target,
            volatility: 2.0,
        };
        let path = generate(&spec(100, 12, vec![bridge]), &feeds(), &START, seed).unwrap();
        let weth = prices(&path, "WETH");
        assert_eq!(weth[99], START[0] * target, "seed {seed}");
        assert_eq!(prices(&path, "WBTC")[99], START[1] * target, "seed {seed}");
        // Not a straight line in log price: some step is off it by more than rounding.
        let off = (0..99).map(|k| (weth[k] / START[0]).ln() - (k + 1) as f64 / 100.0 * target.ln());
        assert!(off.map(f64::abs).fold(0.0, f64::max) > 1e-4, "seed {seed}");
    }
    // With another component on top, the bridge still contributes exactly its target.
    let crash = Component::Crash {
        feeds: vec![],
        drop_pct: 50.0,
        start: 0,
        over: 10,
    };
    let bridge = Component::BrownianBridge {
        feeds: vec![],
        target: 0.6,
        volatility: 2.0,
    };
    let both = spec(30, 12, vec![bridge, crash]);
    assert_eq!(
        prices(&generate(&both, &feeds(), &START, 1).unwrap(), "WETH")[29],
        START[0] * 0.6 * 0.5
    );
}

#[test]
fn crash_reaches_exactly_its_drop_and_stays_there() {
    let crash = Component::Crash {
        feeds: names(&["WETH"]),
        drop_pct: 40.0,
        start: 5,
        over: 20,
    };
    let path = generate(&spec(60, 12, vec![crash]), &feeds(), &START, 1).unwrap();
    let weth = prices(&path, "WETH");
    let bottom = START[0] * (1.0 - 40.0 / 100.0);
    assert!(weth[..5].iter().all(|p| *p == START[0]));
    assert!(weth[5..24].windows(2).all(|w| w[1] < w[0]) && weth[23] > bottom);
    assert!(weth[24..].iter().all(|p| *p == bottom));
    // Geometric: every falling step is the same ratio.
    let ratio = 0.6f64.powf(1.0 / 20.0);
    let prev = std::iter::once(START[0]).chain(weth[5..24].iter().copied());
    assert!(
        weth[5..25]
            .iter()
            .zip(prev)
            .all(|(p, q)| (p / q - ratio).abs() < 1e-12)
    );
}

#[test]
fn freeze_gives_none_exactly_in_its_window() {
    let s = spec(
        30,
        12,
        vec![
            gbm(&[], 0.0, 0.5),
            Component::Freeze {
                feed: "WBTC".into(),
                start: 10,
                steps: 5,
            },
        ],
    );
    let path = generate(&s, &feeds(), &START, 1).unwrap();
    for (k, step) in path.steps.iter().enumerate() {
        assert_eq!(step.prices[1].is_none(), (10..15).contains(&k), "step {k}");
        assert!(
            step.prices[0].is_some() && step.prices[2].is_some(),
            "step {k}"
        );
    }
    // Freezing hides prices; it does not change them.
    let unfrozen = generate(&spec(30, 12, vec![gbm(&[], 0.0, 0.5)]), &feeds(), &START, 1).unwrap();
    assert_eq!(path.steps[15], unfrozen.steps[15]);
}

#[test]
fn gas_spike_sets_its_window_and_a_later_spike_wins() {
    let s = spec(
        10,
        12,
        vec![
            Component::GasSpike {
                multiplier: 20.0,
                start: 2,
                steps: 4,
            },
            Component::GasSpike {
                multiplier: 3.0,
                start: 4,
                steps: 4,
            },
        ],
    );
    let gas: Vec<f64> = generate(&s, &feeds(), &START, 1)
        .unwrap()
        .steps
        .iter()
        .map(|s| s.gas_multiplier)
        .collect();
    assert_eq!(gas, [1.0, 1.0, 20.0, 20.0, 3.0, 3.0, 3.0, 3.0, 1.0, 1.0]);
}

#[test]
fn an_overflowing_price_is_an_error_naming_feed_and_step() {
    let s = spec(1000, 31_536_000, vec![gbm(&["WBTC"], 700.0, 0.0)]);
    let err = generate(&s, &feeds(), &START, 1).unwrap_err();
    assert!(
        matches!(&err, PathError::PriceOutOfRange { feed, step: 0, .. } if feed == "WBTC"),
        "{err}"
    );
}

#[test]
fn bad_start_prices_are_refused() {
    let s = spec(3, 12, vec![]);
    let cases: [(&[f64], &str); 4] = [
        (
            &[3000.0, 60_000.0],
            "t: start prices: len = 2 must be one per feed (3)",
        ),
        (
            &[3000.0, 0.0, 1.0],
            "t: start prices: WBTC = 0 must be a finite number > 0",
        ),
        (
            &[-1.0, 60_000.0, 1.0],
            "t: start prices: WETH = -1 must be a finite number > 0",
        ),
        (
            &[3000.0, 60_000.0, f64::NAN],
            "t: start prices: USDC = NaN must be a finite number > 0",
        ),
    ];
    for (start, message) in cases {
        assert_eq!(
            generate(&s, &feeds(), start, 1).unwrap_err().to_string(),
            message
        );
    }
}

proptest! {
    /// Whatever the (valid) crash, the path is valid and bottoms out at exactly the drop.
    #[test]
    fn crash_bottom_is_exact(drop in 0.01f64..99.99, start in 0u64..50, over in 1u64..50, seed: u64) {
        let steps = start + over + 1;
        let crash = Component::Crash { feeds: vec![], drop_pct: drop, start, over };
        let path = generate(&spec(steps, 12, vec![crash]), &feeds(), &START, seed).unwrap();
        prop_assert!(path.validate().is_ok());
        let last = path.steps.last().unwrap();
        for (f, p) in last.prices.iter().enumerate() {
            prop_assert_eq!(*p, Some(START[f] * (1.0 - drop / 100.0)));
        }
    }

    /// Random diffusions of any seed give valid paths.
    #[test]
    fn diffusions_give_valid_paths(vol in 0.0f64..5.0, target in 0.01f64..10.0, seed: u64) {
        let s = spec(50, 12, vec![gbm(&[], 0.0, vol), Component::BrownianBridge { feeds: vec![], target, volatility: vol }]);
        prop_assert!(generate(&s, &feeds(), &START, seed).unwrap().validate().is_ok());
    }
}
