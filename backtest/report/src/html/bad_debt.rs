//! Plot 4: bad debt across seeds and paths. One chart per strategy, one line per params group: the group's
//! per-run bad debts sorted ascending, drawn as steps over the share of runs, so the value at x = 95 is the
//! group's VaR95 (nearest rank) and the right end its worst run.

use super::chart::{Line, figure, line_chart};
use crate::model::group_label;
use crate::result::BacktestResult;
use crate::stats::sorted;

pub(super) fn plots(result: &BacktestResult) -> String {
    let mut out = String::new();
    // Runs are sorted by (strategy, params, ..): strategies and their groups are contiguous.
    for strategy in result
        .runs
        .chunk_by(|a, b| a.key.strategy == b.key.strategy)
    {
        let lines: Vec<Line> = strategy
            .chunk_by(|a, b| a.key.params == b.key.params)
            .map(|group| {
                let values = sorted(
                    &group
                        .iter()
                        .map(|r| r.metrics.bad_debt_usd())
                        .collect::<Vec<_>>(),
                );
                let n = values.len() as f64;
                let points = values
                    .iter()
                    .enumerate()
                    .flat_map(|(i, v)| {
                        [(100.0 * i as f64 / n, *v), (100.0 * (i + 1) as f64 / n, *v)]
                    })
                    .collect();
                Line {
                    label: group_label(&group[0].key.strategy, &group[0].key.params),
                    points,
                }
            })
            .collect();
        let name = &strategy[0].key.strategy;
        let caption = format!("Bad debt per run, sorted: {name} ({} runs)", strategy.len());
        let chart = line_chart(
            "share of runs (%)",
            "bad debt, left + realised (USD)",
            &lines,
            false,
        );
        out.push_str(&figure(&caption, &chart));
    }
    out
}
