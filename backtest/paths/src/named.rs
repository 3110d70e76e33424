//! Built-in scenarios, by name, for the CLI and quick sweeps. They are written for the devnet's feeds
//! (`WETH`, `WBTC`, `USDC`); a deployment without one of them fails validation naming the feed.

use crate::spec::{Component, PathSpec};

/// The names [`named`] knows.
pub const NAMED: [&str; 5] = ["crash", "gbm", "depeg", "freeze", "gas-spike"];

/// A built-in scenario (60 steps of 12-second blocks, 120 for `gbm`), or `None` for a name not in [`NAMED`]:
///
/// - `crash`: WETH and WBTC fall 40% geometrically over steps 5..25 and stay down.
/// - `gbm`: WETH and WBTC follow independent GBMs over 120 steps, drift 0, volatility 800% a year: a
///   stressed market (about 5% standard deviation over the path's 24 minutes), so that some seeds push
///   positions over the line and others do not. At a calm 80% the path moves about 0.5% and nothing happens.
/// - `depeg`: USDC falls 10% over steps 5..15 and recovers over the next 20.
/// - `freeze`: the crash, with the WETH oracle frozen (stale) for the whole fall: it publishes the crashed
///   price at once at step 25.
/// - `gas-spike`: the crash, with gas at 20× during the fall.
pub fn named(name: &str) -> Option<PathSpec> {
    let risky = || vec!["WETH".to_owned(), "WBTC".to_owned()];
    let crash = Component::Crash {
        feeds: risky(),
        drop_pct: 40.0,
        start: 5,
        over: 20,
    };
    let spec = |name: &str, components| PathSpec {
        name: name.into(),
        steps: 60,
        block_time_secs: 12,
        components,
    };
    Some(match name {
        "crash" => spec("crash-40%-over-20", vec![crash]),
        "gbm" => PathSpec {
            steps: 120,
            ..spec(
                "gbm-vol-800%",
                vec![Component::Gbm {
                    feeds: risky(),
                    drift: 0.0,
                    volatility: 8.0,
                }],
            )
        },
        "depeg" => spec(
            "usdc-depeg-10%-over-10",
            vec![Component::Depeg {
                feed: "USDC".into(),
                depth_pct: 10.0,
                start: 5,
                over: 10,
                recover: 20,
            }],
        ),
        "freeze" => spec(
            "crash-40%-over-20-weth-frozen",
            vec![
                crash,
                Component::Freeze {
                    feed: "WETH".into(),
                    start: 5,
                    steps: 20,
                },
            ],
        ),
        "gas-spike" => spec(
            "crash-40%-over-20-gas-20x",
            vec![
                crash,
                Component::GasSpike {
                    multiplier: 20.0,
                    start: 5,
                    steps: 20,
                },
            ],
        ),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::generate;

    #[test]
    fn every_named_scenario_generates_on_the_devnet_feeds() {
        let feeds: Vec<String> = ["WETH", "WBTC", "USDC"].map(String::from).to_vec();
        for name in NAMED {
            let spec = named(name).unwrap();
            let path = generate(&spec, &feeds, &[3000.0, 60_000.0, 1.0], 1).unwrap();
            assert_eq!(path.steps.len() as u64, spec.steps, "{name}");
            assert_eq!(spec.steps, if name == "gbm" { 120 } else { 60 }, "{name}");
            assert_eq!(spec.block_time_secs, 12);
        }
        assert_eq!(named("nope"), None);
    }

    #[test]
    fn named_scenarios_do_what_they_say() {
        let feeds: Vec<String> = ["WETH", "WBTC", "USDC"].map(String::from).to_vec();
        let run =
            |name| generate(&named(name).unwrap(), &feeds, &[3000.0, 60_000.0, 1.0], 1).unwrap();

        // The crash's documented bottom: (1 - drop_pct/100) × start, exactly.
        let down = 1.0 - 40.0 / 100.0;
        let crash = run("crash");
        assert_eq!(crash.name, "crash-40%-over-20");
        assert_eq!(
            crash.steps[24].prices,
            vec![Some(3000.0 * down), Some(60_000.0 * down), Some(1.0)]
        );
        assert_eq!(
            crash.steps[4].prices,
            vec![Some(3000.0), Some(60_000.0), Some(1.0)]
        );

        let freeze = run("freeze");
        let weth = freeze.series("WETH").unwrap();
        assert!(weth[5..25].iter().all(Option::is_none) && weth[25] == Some(3000.0 * down));
        // The market falls on under the frozen feed: the pools follow it, not the stale answer.
        assert_eq!(freeze.steps[24].market_price(0), Some(3000.0 * down));
        assert_eq!(freeze.steps[4].market_price(0), Some(3000.0));

        let gas = run("gas-spike");
        let multipliers: Vec<f64> = gas.steps.iter().map(|s| s.gas_multiplier).collect();
        assert!(multipliers[5..25].iter().all(|g| *g == 20.0));
        assert!(
            multipliers[..5]
                .iter()
                .chain(&multipliers[25..])
                .all(|g| *g == 1.0)
        );

        let depeg = run("depeg");
        let usdc = depeg.series("USDC").unwrap();
        assert_eq!(usdc[14], Some(1.0 - 10.0 / 100.0));
        assert_eq!(usdc[34], Some(1.0));
        assert!(
            depeg
                .series("WETH")
                .unwrap()
                .iter()
                .all(|p| *p == Some(3000.0))
        );
    }
}
