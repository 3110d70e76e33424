//! The terminal table: one aligned row per group.

use crate::fixture::full;
use cantilever_report::table;

#[test]
fn table_has_a_row_per_group_with_aligned_columns() {
    let r = full();
    let t = table(&r);
    assert!(
        t.starts_with("backtest 0.1.0 (abc123): 36 runs in 6 groups\n"),
        "{t}"
    );
    let rows: Vec<&str> = t
        .lines()
        .filter(|l| l.starts_with("greedy ") || l.starts_with("patient "))
        .collect();
    assert_eq!(rows.len(), 6, "{t}");
    let header = t.lines().find(|l| l.starts_with("group")).unwrap();
    // Right-aligned numeric columns: every row ends where the header does.
    assert!(rows.iter().all(|l| l.len() == header.len()), "{t}");
    let s = &r.summary[0];
    assert!(
        rows[0].contains(&format!("{:.2}", s.pnl_usd_mean)),
        "{}",
        rows[0]
    );
    assert!(t.contains("nearest-rank"));
}

#[test]
fn rows_name_only_the_parameters_that_vary() {
    let t = table(&full());
    let rows: Vec<&str> = t.lines().filter(|l| l.starts_with("greedy ")).collect();
    assert!(
        rows.iter()
            .all(|l| l.contains("detection_lag=") && !l.contains("gas=fast")),
        "{t}"
    );
    assert!(t.contains("Every group: gas=fast."), "{t}");
}
