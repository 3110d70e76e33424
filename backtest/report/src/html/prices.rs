//! Plot 1: the price path of every feed, from the first run (in key order) of each path name.

use super::chart::{Line, MAX_POINTS, figure, line_chart, sample};
use super::first_run_per_path;
use crate::result::BacktestResult;

/// One chart per path. A single feed is plotted in USD; several feeds are plotted relative to their step-0
/// price (so a stablecoin and ETH share an axis), with the starting price in the legend.
pub(super) fn plots(result: &BacktestResult) -> String {
    let mut out = String::new();
    for (path, run) in first_run_per_path(result) {
        let prices = &run.metrics.series.prices;
        if prices.values().all(Vec::is_empty) {
            continue;
        }
        let relative = prices.len() > 1;
        let lines: Vec<Line> = prices
            .iter()
            .map(|(feed, p)| {
                let start = p.first().copied().unwrap_or(0.0);
                let scale = if relative && start != 0.0 {
                    1.0 / start
                } else {
                    1.0
                };
                Line {
                    label: if relative {
                        format!("{feed} (${start:.2} at step 0)")
                    } else {
                        feed.clone()
                    },
                    points: sample(p.len(), MAX_POINTS)
                        .into_iter()
                        .map(|i| (i as f64, p[i] * scale))
                        .collect(),
                }
            })
            .collect();
        let y = if relative {
            "price / price at step 0"
        } else {
            "price (USD)"
        };
        out.push_str(&figure(
            &format!("Path {path}"),
            &line_chart("step", y, &lines, false),
        ));
    }
    out
}
