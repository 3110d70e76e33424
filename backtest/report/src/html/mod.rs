//! The self-contained HTML report: inline CSS and inline SVG plots (drawn with plotters), no scripts and no
//! external assets, so the one file can be mailed, archived or opened offline.

mod bad_debt;
mod chart;
mod escape;
mod health;
mod pnl;
mod prices;
mod sweep;
mod ttl;

use crate::atomic;
use crate::columns::{COLUMNS, LEGEND};
use crate::error::Result;
use crate::model::Run;
use crate::result::BacktestResult;
use crate::table::headline;
use escape::escape;
use std::collections::BTreeMap;
use std::fmt::Write;
use std::path::Path;

const CSS: &str = "body{font-family:sans-serif;margin:2em;color:#222;max-width:1200px}\
h1{font-size:1.5em}h2{font-size:1.2em;margin-top:2em;border-bottom:1px solid #ccc}\
table{border-collapse:collapse;font-size:0.85em}th,td{padding:3px 8px;border-bottom:1px solid #eee}\
th{text-align:right;background:#f6f6f6}td.num{text-align:right;font-variant-numeric:tabular-nums}\
th:first-child,td:first-child{text-align:left;white-space:nowrap}figure{margin:1em 0}figcaption{font-weight:bold;margin-bottom:4px}\
pre{background:#f6f6f6;padding:1em;overflow:auto}.note{color:#555;font-size:0.9em}.error{color:#b00}";

/// The first run (in key order) of each path name: the representative run whose series the price and health
/// plots show.
fn first_run_per_path(result: &BacktestResult) -> BTreeMap<&str, &Run> {
    let mut first = BTreeMap::new();
    for run in &result.runs {
        first.entry(run.key.path.as_str()).or_insert(run);
    }
    first
}

/// The summary as an HTML table, one row per group.
fn summary_table(result: &BacktestResult) -> String {
    let mut t = String::from("<table>\n<thead><tr><th>group</th>");
    for c in COLUMNS {
        let _ = write!(t, "<th>{}</th>", escape(c.name));
    }
    t.push_str("</tr></thead>\n<tbody>\n");
    for s in &result.summary {
        let _ = write!(t, "<tr><td>{}</td>", escape(&s.label()));
        for c in COLUMNS {
            let _ = write!(
                t,
                "<td class=\"num\">{}</td>",
                escape(&c.unit.format((c.get)(s)))
            );
        }
        t.push_str("</tr>\n");
    }
    t.push_str("</tbody>\n</table>\n");
    t
}

/// A section: heading, a note on what it shows, then its figures (or a line saying there was nothing to plot).
fn section(out: &mut String, title: &str, note: &str, body: String) {
    let _ = write!(
        out,
        "<h2>{}</h2>\n<p class=\"note\">{}</p>\n",
        escape(title),
        escape(note)
    );
    if body.is_empty() {
        out.push_str("<p>No data to plot.</p>\n");
    } else {
        out.push_str(&body);
    }
}

/// The full report as one HTML page: headline, summary table, the six kinds of plot (price paths, health
/// distribution, cumulative PnL, bad debt across seeds, time to liquidate, parameter sweeps) and the inputs as
/// pretty JSON. All text is escaped; the page has no scripts and references nothing outside itself.
pub fn html(result: &BacktestResult) -> String {
    // Labels name only the parameters that vary; the others are the same for every group, said once.
    let varying = crate::model::varying_params(result);
    let mut shown = result.clone();
    for run in &mut shown.runs {
        run.key.params.retain(|k, _| varying.contains(k));
    }
    for s in &mut shown.summary {
        s.params.retain(|k, _| varying.contains(k));
    }
    let common = crate::model::common_params(result, &varying);
    let legend = if common.is_empty() {
        LEGEND.to_string()
    } else {
        format!("Every group: {}. {LEGEND}", common.join(", "))
    };
    let result = &shown;
    let title = format!("Cantilever backtest {}", result.version);
    let mut out = format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n\
         <style>{CSS}</style>\n</head>\n<body>\n<h1>{}</h1>\n<p>{}</p>\n",
        escape(&title),
        escape(&title),
        escape(&headline(result))
    );
    section(&mut out, "Summary", &legend, summary_table(result));
    section(
        &mut out,
        "Price paths",
        "Every feed of each path, from the first run (in key order) on that path.",
        prices::plots(result),
    );
    section(
        &mut out,
        "Health distribution over time",
        "Open borrowing positions per health-factor bucket at each step (reds are liquidatable), for the first \
         run on each path.",
        health::plots(result),
    );
    section(
        &mut out,
        "Cumulative PnL",
        "One line per strategy on the same seed and path, so the lines are comparable.",
        pnl::plots(result),
    );
    section(
        &mut out,
        "Bad debt across seeds",
        "Per-run bad debt (left + realised) sorted ascending: the height at 95% is VaR95, the right end the worst run.",
        bad_debt::plots(result),
    );
    section(
        &mut out,
        "Time to liquidate",
        "Blocks from a position becoming liquidatable to our liquidation, over all captures of each strategy.",
        ttl::plots(result),
    );
    section(
        &mut out,
        "Parameter sweeps",
        "For each parameter with two or more numeric values: mean per-run PnL and bad debt against it, averaged \
         over the other parameters, seeds and paths.",
        sweep::plots(result),
    );
    let inputs = serde_json::to_string_pretty(&result.inputs).unwrap_or_default();
    let _ = write!(
        out,
        "<h2>Inputs</h2>\n<pre>{}</pre>\n</body>\n</html>\n",
        escape(&inputs)
    );
    out
}

/// Writes [`html`] to `path` atomically (temp file in the same directory, then rename).
pub fn write_html_atomic(result: &BacktestResult, path: &Path) -> Result<()> {
    atomic::write_atomic(path, html(result).as_bytes())
}
