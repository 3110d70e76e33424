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
    let varying = varying_params(result);
    let rows: Vec<Vec<String>> = result
        .summary
        .iter()
        .map(|s| {
            let mut row = vec![short_label(s, &varying)];
            row.extend(COLUMNS.iter().map(|c| c.unit.format((c.get)(s))));
            row
        })
        .collect();
    let common: Vec<String> = result
        .summary
        .first()
        .map(|s| {
            s.params
                .iter()
                .filter(|(k, _)| !varying.contains(*k))
                .map(|(k, v)| format!("{k}={v}"))
                .collect()
        })
        .unwrap_or_default();
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

/// The parameter keys whose values differ between groups: the only ones a row's label needs (the rest are
/// the same everywhere and printed once under the table).
fn varying_params(result: &BacktestResult) -> std::collections::BTreeSet<String> {
    let mut seen: std::collections::BTreeMap<&str, std::collections::BTreeSet<&str>> =
        Default::default();
    for s in &result.summary {
        for (k, v) in &s.params {
            seen.entry(k).or_default().insert(v);
        }
    }
    let groups = result.summary.len();
    seen.into_iter()
        .filter(|(k, values)| {
            values.len() > 1
                || result
                    .summary
                    .iter()
                    .filter(|s| s.params.contains_key(*k))
                    .count()
                    != groups
        })
        .map(|(k, _)| k.to_owned())
        .collect()
}

fn short_label(s: &crate::GroupSummary, varying: &std::collections::BTreeSet<String>) -> String {
    let shown: std::collections::BTreeMap<String, String> = s
        .params
        .iter()
        .filter(|(k, _)| varying.contains(*k))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    crate::model::group_label(&s.strategy, &shown)
}
