//! Plot 3: cumulative PnL, one line per strategy, all on the seed and path of the first run in key order (each
//! strategy with its first params in key order), so the lines are comparable.

use super::chart::{Line, MAX_POINTS, figure, line_chart, sample};
use crate::model::Run;
use crate::result::BacktestResult;

pub(super) fn plots(result: &BacktestResult) -> String {
    let Some(first) = result.runs.first() else {
        return String::new();
    };
    let (seed, path) = (first.key.seed, &first.key.path);
    let mut chosen: Vec<&Run> = Vec::new();
    for run in result
        .runs
        .iter()
        .filter(|r| r.key.seed == seed && &r.key.path == path)
    {
        if chosen
            .last()
            .is_none_or(|c| c.key.strategy != run.key.strategy)
        {
            chosen.push(run);
        }
    }
    let lines: Vec<Line> = chosen
        .iter()
        .filter(|r| !r.metrics.series.cumulative_pnl_usd.is_empty())
        .map(|r| {
            let p = &r.metrics.series.cumulative_pnl_usd;
            Line {
                label: crate::model::group_label(&r.key.strategy, &r.key.params),
                points: sample(p.len(), MAX_POINTS)
                    .into_iter()
                    .map(|i| (i as f64, p[i]))
                    .collect(),
            }
        })
        .collect();
    if lines.is_empty() {
        return String::new();
    }
    let caption =
        format!("Cumulative PnL on seed {seed}, path {path} (each strategy with its first params)");
    figure(
        &caption,
        &line_chart("step", "cumulative PnL (USD)", &lines, false),
    )
}
