//! Backtest results and reports for Cantilever's liquidation strategies.
//!
//! The backtest engine runs many cells keyed by (strategy, params, seed, path) and hands this crate one
//! [`RunMetrics`] per cell. [`BacktestResult::new`] sorts the runs and summarises each (strategy, params) group
//! across its seeds and paths ([`GroupSummary`]: mean and tail PnL, capture rate, time-to-liquidate
//! percentiles, bad-debt VaR and expected shortfall, liquidations at risk, gas). From there:
//!
//! - [`BacktestResult::to_json`] / [`BacktestResult::write_atomic`] / [`BacktestResult::read`]: the result file,
//!   deterministic to the byte and never half-written;
//! - [`merge`]: the shards of a sweep into the result one unsharded run would have written;
//! - [`compare`]: metric-by-metric changes against an earlier result;
//! - [`table`]: the terminal summary; [`html`] / [`write_html_atomic`]: a self-contained HTML report with
//!   inline SVG plots.
//!
//! # Statistics
//! Percentiles are **nearest-rank**: the value at 1-based rank `ceil(p/100 * n)` of the sorted values (rank 1
//! for p = 0), never interpolated. VaR at q% is the q-th percentile of per-run bad debt (left + realised); ES99
//! is the mean of the per-run values at or above the 99th percentile; LaR95 is the 95th percentile of
//! per-run liquidated volume. Every statistic of an empty set is 0. Sums run over the runs in key order, so the
//! numbers do not depend on how (or in how many shards) the runs were produced.

mod atomic;
mod columns;
mod compare;
mod error;
mod html;
mod json;
mod merge;
mod model;
mod result;
mod stats;
mod summary;
mod table;

pub use compare::compare;
pub use error::{ReportError, Result};
pub use html::{html, write_html_atomic};
pub use merge::merge;
pub use model::{
    HEALTH_BUCKET_COUNT, HEALTH_BUCKETS, Missed, Run, RunKey, RunMetrics, RunSeries, Shard,
    group_label, health_bucket,
};
pub use result::BacktestResult;
pub use summary::GroupSummary;
pub use table::table;
