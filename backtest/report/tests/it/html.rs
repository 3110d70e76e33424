//! The HTML report: every plot kind present, self-contained, escaped.

use crate::fixture::{entries, full, result_of, run};
use cantilever_report::{html, write_html_atomic};

/// The body of the section under `<h2>title</h2>`.
fn section<'a>(page: &'a str, title: &str) -> &'a str {
    let start = page
        .find(&format!("<h2>{title}</h2>"))
        .unwrap_or_else(|| panic!("no section {title}"));
    let rest = &page[start + 4..];
    &rest[..rest.find("<h2>").unwrap_or(rest.len())]
}

#[test]
fn html_has_an_svg_for_every_plot_kind() {
    let page = html(&full());
    let expect = [
        ("Price paths", 2),
        ("Health distribution over time", 2),
        ("Cumulative PnL", 1),
        ("Bad debt across seeds", 2),
        ("Time to liquidate", 2),
        ("Parameter sweeps", 2),
    ];
    for (title, svgs) in expect {
        let body = section(&page, title);
        assert_eq!(body.matches("<svg").count(), svgs, "{title}");
        assert!(!body.contains("plot failed"), "{title}");
    }
    assert!(section(&page, "Summary").contains("<table>"));
    assert!(section(&page, "Parameter sweeps").contains("vs detection_lag"));
    assert!(
        !section(&page, "Parameter sweeps").contains("vs gas"),
        "gas takes no numeric value"
    );
    assert!(section(&page, "Cumulative PnL").contains("seed 1, path calm"));
}

#[test]
fn html_is_self_contained() {
    let page = html(&full());
    for banned in ["http", "<script", "src=", "href=", "url(", "<link"] {
        assert!(!page.contains(banned), "page contains {banned}");
    }
    assert!(page.starts_with("<!DOCTYPE html>") && page.trim_end().ends_with("</html>"));
}

#[test]
fn html_escapes_all_text() {
    let mut evil = run("<b>evil</b>", 1, 1, "path&\"quoted\"");
    evil.metrics
        .series
        .prices
        .insert("<script>".into(), vec![1.0, 2.0]);
    let r = result_of(vec![evil, run("greedy", 2, 1, "calm")], None);
    let page = html(&r);
    assert!(!page.contains("<b>evil"), "unescaped strategy");
    assert!(!page.contains("<script"), "unescaped feed");
    assert!(page.contains("&lt;b&gt;evil&lt;/b&gt;"));
    // The inputs are shown as escaped pretty JSON.
    assert!(section(&page, "Inputs").contains("fixture &lt;sweep&gt;"));
}

#[test]
fn html_of_degenerate_results_does_not_panic() {
    let empty = html(&result_of(Vec::new(), None));
    assert!(empty.contains("No data to plot"));
    let mut one_step = run("greedy", 0, 1, "calm");
    let s = &mut one_step.metrics.series;
    s.cumulative_pnl_usd.truncate(1);
    s.health.truncate(1);
    s.prices.values_mut().for_each(|p| p.truncate(1));
    one_step.metrics.time_to_liquidate = vec![0, 0];
    let page = html(&result_of(vec![one_step], None));
    assert!(!page.contains("plot failed"));
    assert!(page.matches("<svg").count() >= 5);
}

#[test]
fn write_html_atomic_writes_the_page() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("report.html");
    let r = full();
    write_html_atomic(&r, &path).unwrap();
    assert_eq!(std::fs::read_to_string(&path).unwrap(), html(&r));
    assert_eq!(entries(dir.path()), ["report.html"]);
}
