//! The terminal summary: one aligned row per (strategy, params) group.

use crate::columns::{COLUMNS, LEGEND, text_table};
use crate::result::BacktestResult;

/// One line saying what the result is: version, commit, run and group counts, and the shard if any.
pub(crate) fn headline(result: &BacktestResult) -> String {
    let shard = result.shard.map_or(String::new(), |s| {
        format!(", shard {} of {}", s.index, s.count)
    });
    format!(
        "backtest {} ({}): {} runs in {} groups{shard}",
        result.version,
        result.commit,
        result.runs.len(),
        result.summary.len()
    )
}

/// The summary as a terminal table: a headline, one row per group with every summary metric in aligned
/// columns, and a legend of what the columns mean.
pub fn table(result: &BacktestResult) -> String {
    let mut header = vec!["group"];
    header.extend(COLUMNS.iter().map(|c| c.name));
    let varying = crate::model::varying_params(result);
    let rows: Vec<Vec<String>> = result
        .summary
        .iter()
        .map(|s| {
            let mut row = vec![crate::model::short_label(&s.strategy, &s.params, &varying)];
            row.extend(COLUMNS.iter().map(|c| c.unit.format((c.get)(s))));
            row
        })
        .collect();
    let common = crate::model::common_params(result, &varying);
    let common = if common.is_empty() {
        String::new()
    } else {
        format!("Every group: {}.\n", common.join(", "))
    };
    format!(
        "{}\n\n{}\n{common}{LEGEND}\n",
        headline(result),
        text_table(&header, &rows, 1)
    )
}
