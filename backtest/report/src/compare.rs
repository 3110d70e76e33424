//! Comparing a result against an earlier one, metric by metric.

use crate::columns::{COLUMNS, text_table};
use crate::result::BacktestResult;
use crate::summary::GroupSummary;
use crate::table::headline;
use std::collections::BTreeMap;

type GroupKey<'a> = (&'a str, &'a BTreeMap<String, String>);

fn by_group(r: &BacktestResult) -> BTreeMap<GroupKey<'_>, &GroupSummary> {
    r.summary
        .iter()
        .map(|s| ((s.strategy.as_str(), &s.params), s))
        .collect()
}

/// Relative change of `new` against `old`, or `n/a` when `old` is 0 and `new` is not.
fn relative(old: f64, new: f64) -> String {
    if old == new {
        "0.0%".into()
    } else if old == 0.0 {
        "n/a".into()
    } else {
        format!("{:+.1}%", (new - old) / old.abs() * 100.0)
    }
}

/// For every (strategy, params) group in both results and every summary metric: old value, new value, absolute
/// change and relative change (`*` marks the metrics that changed). Groups present on one side only are listed
/// after the table, and differing inputs are flagged up front.
pub fn compare(old: &BacktestResult, new: &BacktestResult) -> String {
    let mut out = format!("old: {}\nnew: {}\n", headline(old), headline(new));
    if old.inputs != new.inputs {
        out.push_str("note: the inputs differ, so the groups ran on different cells\n");
    }
    let (old_groups, new_groups) = (by_group(old), by_group(new));
    let mut rows = Vec::new();
    for (key, o) in &old_groups {
        let Some(n) = new_groups.get(key) else {
            continue;
        };
        for (i, c) in COLUMNS.iter().enumerate() {
            let (a, b) = ((c.get)(o), (c.get)(n));
            let label = if i == 0 { o.label() } else { String::new() };
            let mark = if a == b { "" } else { "*" };
            rows.push(vec![
                label,
                format!("{}{mark}", c.name),
                c.unit.format(a),
                c.unit.format(b),
                c.unit.format_change(b - a),
                relative(a, b),
            ]);
        }
    }
    out.push('\n');
    if rows.is_empty() {
        out.push_str("no group is in both results\n");
    } else {
        out.push_str(&text_table(
            &["group", "metric", "old", "new", "change", "relative"],
            &rows,
            2,
        ));
    }
    let only = |side: &str,
                these: &BTreeMap<GroupKey<'_>, &GroupSummary>,
                other: &BTreeMap<GroupKey<'_>, _>| {
        let labels: Vec<String> = these
            .iter()
            .filter(|(k, _)| !other.contains_key(*k))
            .map(|(_, s)| format!("  {}\n", s.label()))
            .collect();
        if labels.is_empty() {
            String::new()
        } else {
            format!("\nonly in {side}:\n{}", labels.concat())
        }
    };
    out.push_str(&only("old", &old_groups, &new_groups));
    out.push_str(&only("new", &new_groups, &old_groups));
    out
}

#[cfg(test)]
mod tests {
    use super::relative;

    #[test]
    fn relative_change() {
        assert_eq!(relative(10.0, 12.0), "+20.0%");
        assert_eq!(relative(-10.0, -12.0), "-20.0%");
        assert_eq!(relative(0.0, 0.0), "0.0%");
        assert_eq!(relative(0.0, 1.0), "n/a");
    }
}
