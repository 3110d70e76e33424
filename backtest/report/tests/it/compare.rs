//! compare: changed metrics show with old, new and change; one-sided groups are listed.

use crate::fixture::{result_of, run, runs};
use cantilever_report::compare;

#[test]
fn compare_shows_a_changed_metric() {
    let old = result_of(runs(), None);
    let mut changed = runs();
    for r in changed
        .iter_mut()
        .filter(|r| r.key.strategy == "greedy" && r.key.params["detection_lag"] == "0")
    {
        r.metrics.pnl_usd += 60.0;
    }
    let new = result_of(changed, None);
    let old_mean = old.summary[0].pnl_usd_mean;
    let report = compare(&old, &new);
    let line = report
        .lines()
        .find(|l| l.contains("pnl mean $*"))
        .unwrap_or_else(|| panic!("{report}"));
    assert!(line.contains(&format!("{old_mean:.2}")), "{line}");
    assert!(line.contains(&format!("{:.2}", old_mean + 60.0)), "{line}");
    assert!(line.contains("+60.00"), "{line}");
    // Exactly one group's pnl mean changed.
    assert_eq!(report.matches("pnl mean $*").count(), 1, "{report}");
    assert!(report.contains("greedy [detection_lag=0, gas=fast]"));
}

#[test]
fn compare_of_equal_results_marks_nothing() {
    let r = result_of(runs(), None);
    let report = compare(&r, &r);
    assert!(!report.contains('*'), "{report}");
    assert!(!report.contains("only in"));
}

#[test]
fn compare_lists_groups_on_one_side() {
    let old = result_of(runs(), None);
    let mut more = runs();
    more.push(run("sniper", 1, 1, "calm"));
    more.retain(|r| r.key.strategy != "patient" || r.key.params["detection_lag"] != "5");
    let new = result_of(more, None);
    let report = compare(&old, &new);
    let only_old = report
        .split("only in old:")
        .nth(1)
        .unwrap_or_else(|| panic!("{report}"));
    assert!(
        only_old.contains("patient [detection_lag=5, gas=fast]"),
        "{report}"
    );
    let only_new = report.split("only in new:").nth(1).unwrap();
    assert!(
        only_new.contains("sniper [detection_lag=1, gas=fast]"),
        "{report}"
    );
}
