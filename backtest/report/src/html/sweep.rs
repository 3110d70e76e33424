//! Plot 6: parameter sweeps. For every params key that takes at least two numeric values (e.g.
//! `detection_lag`), mean PnL and mean bad debt against that key, one line per strategy that has it. Each point
//! averages all runs of the strategy with that value, over the other params, seeds and paths.

use super::chart::{Line, figure, line_chart};
use crate::result::BacktestResult;
use std::collections::{BTreeMap, BTreeSet};

/// The run's value of `key`, if numeric.
fn numeric(params: &BTreeMap<String, String>, key: &str) -> Option<f64> {
    params
        .get(key)?
        .trim()
        .parse::<f64>()
        .ok()
        .filter(|v| v.is_finite())
}

/// Keys with at least two distinct numeric values across the runs.
pub(super) fn swept_keys(result: &BacktestResult) -> Vec<String> {
    let keys: BTreeSet<&String> = result
        .runs
        .iter()
        .flat_map(|r| r.key.params.keys())
        .collect();
    keys.into_iter()
        .filter(|k| {
            let mut values: Vec<f64> = result
                .runs
                .iter()
                .filter_map(|r| numeric(&r.key.params, k))
                .collect();
            values.sort_by(f64::total_cmp);
            values.dedup();
            values.len() >= 2
        })
        .cloned()
        .collect()
}

pub(super) fn plots(result: &BacktestResult) -> String {
    let mut out = String::new();
    for key in swept_keys(result) {
        let (mut pnl, mut bad_debt) = (Vec::new(), Vec::new());
        for strategy in result
            .runs
            .chunk_by(|a, b| a.key.strategy == b.key.strategy)
        {
            // (value, pnl, bad debt) per run, in sorted-run order, then grouped by value.
            let mut points: Vec<(f64, f64, f64)> = strategy
                .iter()
                .filter_map(|r| {
                    numeric(&r.key.params, &key)
                        .map(|x| (x, r.metrics.pnl_usd, r.metrics.bad_debt_usd()))
                })
                .collect();
            if points.is_empty() {
                continue;
            }
            // Stable sort: runs with equal values keep their key order, so the sums are in a fixed order.
            points.sort_by(|a, b| a.0.total_cmp(&b.0));
            let means: Vec<(f64, f64, f64)> = points
                .chunk_by(|a, b| a.0 == b.0)
                .map(|g| {
                    let n = g.len() as f64;
                    (
                        g[0].0,
                        g.iter().map(|p| p.1).sum::<f64>() / n,
                        g.iter().map(|p| p.2).sum::<f64>() / n,
                    )
                })
                .collect();
            let label = strategy[0].key.strategy.clone();
            pnl.push(Line {
                label: label.clone(),
                points: means.iter().map(|m| (m.0, m.1)).collect(),
            });
            bad_debt.push(Line {
                label,
                points: means.iter().map(|m| (m.0, m.2)).collect(),
            });
        }
        out.push_str(&figure(
            &format!("Mean PnL per run vs {key}"),
            &line_chart(&key, "mean PnL (USD)", &pnl, true),
        ));
        out.push_str(&figure(
            &format!("Mean bad debt per run vs {key}"),
            &line_chart(&key, "mean bad debt (USD)", &bad_debt, true),
        ));
    }
    out
}
