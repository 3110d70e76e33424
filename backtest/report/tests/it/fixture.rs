//! A small sweep: 2 strategies x 3 detection lags x 3 seeds x 2 paths, with deterministic metrics and series.

use cantilever_report::{
    BacktestResult, HEALTH_BUCKET_COUNT, Missed, Run, RunKey, RunMetrics, RunSeries, Shard,
};
use std::collections::BTreeMap;

pub(crate) const STEPS: usize = 50;

pub(crate) fn inputs() -> serde_json::Value {
    serde_json::json!({ "paths": ["calm", "crash"], "seeds": [1, 2, 3], "steps": STEPS, "note": "fixture <sweep>" })
}

pub(crate) fn key(strategy: &str, lag: u32, seed: u64, path: &str) -> RunKey {
    RunKey {
        strategy: strategy.into(),
        params: BTreeMap::from([
            ("detection_lag".into(), lag.to_string()),
            ("gas".into(), "fast".into()),
        ]),
        seed,
        path: path.into(),
    }
}

pub(crate) fn run(strategy: &str, lag: u32, seed: u64, path: &str) -> Run {
    let crash = path == "crash";
    let s = seed as f64;
    let l = f64::from(lag);
    let bias = if strategy == "greedy" { 1.0 } else { 0.5 };
    let captured = 3 + seed - u64::from(lag.min(2));
    let prices = BTreeMap::from([
        (
            "ETH".to_string(),
            (0..STEPS)
                .map(|i| {
                    3000.0
                        - if crash {
                            30.0 * i as f64
                        } else {
                            (i % 5) as f64
                        }
                })
                .collect(),
        ),
        ("USDC".to_string(), vec![1.0; STEPS]),
    ]);
    let health = (0..STEPS)
        .map(|i| {
            let mut row = vec![0u32; HEALTH_BUCKET_COUNT];
            row[HEALTH_BUCKET_COUNT - 1] = 20 - (i as u32 * 20 / STEPS as u32);
            row[3] = i as u32 / 10;
            row[5] = 3;
            row
        })
        .collect();
    let pnl_usd = bias * 100.0 * s - 7.5 * l + if crash { 250.0 } else { 0.0 };
    Run {
        key: key(strategy, lag, seed, path),
        metrics: RunMetrics {
            pnl: BTreeMap::from([("USDC".into(), format!("{}", (pnl_usd * 1e6) as i64))]),
            pnl_usd,
            captured,
            positions_captured: captured,
            missed: (0..lag)
                .map(|i| Missed {
                    position: format!("pos{i}"),
                    step: u64::from(i) * 3,
                    reason: "rival".into(),
                })
                .collect(),
            time_to_liquidate: (0..captured).map(|i| u64::from(lag) + i % 3).collect(),
            bad_debt_left_usd: if crash { 10.0 * l * s } else { 0.0 },
            bad_debt_realised_usd: if crash { 1.5 * s } else { 0.0 },
            liquidated_volume_usd: 1000.0 * s + if crash { 5000.0 } else { 0.0 },
            gas_used: 300_000 * captured,
            gas_spent_wei: (3_000_000_000_000_000u128 * u128::from(captured)).to_string(),
            attempts: captured + 1,
            reverted: 1,
            borrower_loss_usd: 50.0 * captured as f64 / 3.0,
            steps: STEPS as u64,
            series: RunSeries {
                prices,
                cumulative_pnl_usd: (0..STEPS)
                    .map(|i| pnl_usd * i as f64 / (STEPS - 1) as f64)
                    .collect(),
                health,
            },
        },
    }
}

/// Every cell of the sweep, in a scrambled (not key) order.
pub(crate) fn runs() -> Vec<Run> {
    let mut runs = Vec::new();
    for path in ["crash", "calm"] {
        for seed in [3, 1, 2] {
            for lag in [5, 0, 2] {
                for strategy in ["patient", "greedy"] {
                    runs.push(run(strategy, lag, seed, path));
                }
            }
        }
    }
    runs
}

pub(crate) fn result_of(runs: Vec<Run>, shard: Option<Shard>) -> BacktestResult {
    BacktestResult::new("0.1.0".into(), "abc123".into(), inputs(), shard, runs)
}

pub(crate) fn full() -> BacktestResult {
    result_of(runs(), None)
}

/// The sweep split into `count` shards by position in the scrambled list.
pub(crate) fn shards(count: u32) -> Vec<BacktestResult> {
    let all = runs();
    (0..count)
        .map(|index| {
            let part = all
                .iter()
                .enumerate()
                .filter(|(i, _)| *i as u32 % count == index)
                .map(|(_, r)| r.clone());
            result_of(part.collect(), Some(Shard { index, count }))
        })
        .collect()
}

/// Names of the files in `dir`, sorted.
pub(crate) fn entries(dir: &std::path::Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}
