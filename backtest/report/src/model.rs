//! What one backtest cell produced: its key, its metrics and its per-step series.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Upper edges of the health-factor buckets in [`RunSeries::health`] (health factor, unitless: 1.0 is the
/// liquidation threshold).
///
/// Bucket `i` holds positions with `HEALTH_BUCKETS[i - 1] <= health < HEALTH_BUCKETS[i]`; bucket 0 has no lower
/// edge and the last bucket (index `HEALTH_BUCKETS.len()`) holds `health >= 2.0`. So each step's counts have
/// [`HEALTH_BUCKET_COUNT`] entries. Use [`health_bucket`] to place a value.
pub const HEALTH_BUCKETS: &[f64] = &[0.8, 0.9, 0.95, 1.0, 1.05, 1.1, 1.25, 1.5, 2.0];

/// Number of health buckets per step: one more than there are edges in [`HEALTH_BUCKETS`].
pub const HEALTH_BUCKET_COUNT: usize = HEALTH_BUCKETS.len() + 1;

/// The index of the [`HEALTH_BUCKETS`] bucket that holds `health`. NaN lands in the last bucket (it compares
/// below no edge), as does an infinite health factor (a position without debt).
pub fn health_bucket(health: f64) -> usize {
    HEALTH_BUCKETS
        .iter()
        .position(|edge| health < *edge)
        .unwrap_or(HEALTH_BUCKETS.len())
}

/// Identifies one cell of a backtest. Runs are ordered by this key everywhere (field order: strategy, params,
/// seed, path).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct RunKey {
    /// Strategy name, e.g. `"greedy"`.
    pub strategy: String,
    /// Strategy parameters as strings, e.g. `detection_lag = "2"`. Numeric values are plotted as sweeps.
    pub params: BTreeMap<String, String>,
    /// Random seed of the cell.
    pub seed: u64,
    /// Name of the price path the cell ran on.
    pub path: String,
}

impl RunKey {
    /// The key as one line: `strategy [k=v, ..] seed=S path=P`.
    pub fn label(&self) -> String {
        format!(
            "{} seed={} path={}",
            group_label(&self.strategy, &self.params),
            self.seed,
            self.path
        )
    }
}

/// `strategy` alone, or `strategy [k=v, k=v]` with the params in key order: how reports name a group.
pub fn group_label(strategy: &str, params: &BTreeMap<String, String>) -> String {
    if params.is_empty() {
        return strategy.to_owned();
    }
    let kv: Vec<String> = params.iter().map(|(k, v)| format!("{k}={v}")).collect();
    format!("{strategy} [{}]", kv.join(", "))
}

/// A liquidatable position that we did not liquidate.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Missed {
    /// Position identifier (engine-defined, e.g. market and borrower).
    pub position: String,
    /// Step at which the position was (last) liquidatable.
    pub step: u64,
    /// Why we did not take it: a rival took it, it was unprofitable, bad debt was left, ...
    pub reason: String,
}

/// Per-step series of one run, for the plots.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct RunSeries {
    /// Price per feed per step (USD).
    pub prices: BTreeMap<String, Vec<f64>>,
    /// Our cumulative net PnL per step (USD).
    pub cumulative_pnl_usd: Vec<f64>,
    /// Per step: number of open borrowing positions per health bucket ([`HEALTH_BUCKET_COUNT`] entries, see
    /// [`HEALTH_BUCKETS`]).
    pub health: Vec<Vec<u32>>,
}

/// Everything measured in one run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct RunMetrics {
    /// Net PnL per loan-token symbol, in that token's base units, as a signed decimal integer string. Gas is
    /// included, valued in that token.
    pub pnl: BTreeMap<String, String>,
    /// Net PnL over all tokens (USD).
    pub pnl_usd: f64,
    /// Liquidations we executed successfully (a position liquidated in parts counts each part).
    pub captured: u64,
    /// Distinct positions we liquidated at least once (what `missed` is counted against).
    #[serde(default)]
    pub positions_captured: u64,
    /// Liquidatable positions we never liquidated.
    pub missed: Vec<Missed>,
    /// Blocks from first liquidatable to our liquidation, one entry per capture.
    pub time_to_liquidate: Vec<u64>,
    /// At the end: sum over insolvent positions of debt minus collateral value (USD).
    pub bad_debt_left_usd: f64,
    /// Bad debt written off by liquidations during the run (USD).
    pub bad_debt_realised_usd: f64,
    /// Debt repaid by all liquidations, ours and rivals' (USD).
    pub liquidated_volume_usd: f64,
    /// Gas used by our transactions (gas units).
    pub gas_used: u64,
    /// Gas spent by our transactions (wei), as a decimal integer string (fits a `u128`).
    pub gas_spent_wei: String,
    /// Liquidation transactions we sent.
    pub attempts: u64,
    /// Attempts that reverted (they still cost gas).
    pub reverted: u64,
    /// Value of seized collateral minus debt repaid (USD): what borrowers lost to the liquidation bonus.
    pub borrower_loss_usd: f64,
    /// Steps simulated.
    pub steps: u64,
    /// Per-step series for the plots.
    pub series: RunSeries,
}

impl RunMetrics {
    /// Bad debt of the run (USD): what was left at the end plus what liquidations realised.
    pub fn bad_debt_usd(&self) -> f64 {
        self.bad_debt_left_usd + self.bad_debt_realised_usd
    }

    /// Gas spent in ETH (1 ETH = 1e18 wei); 0 when [`RunMetrics::gas_spent_wei`] is not a decimal integer
    /// (which [`crate::BacktestResult::validate`] reports).
    pub fn gas_spent_eth(&self) -> f64 {
        // u128 -> f64 rounds to 53 bits of mantissa: plenty for a mean in ETH.
        self.gas_spent_wei
            .parse::<u128>()
            .map_or(0.0, |wei| wei as f64 / 1e18)
    }
}

/// One cell of a backtest: its key and what it measured.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Run {
    /// Which cell.
    pub key: RunKey,
    /// What it measured.
    pub metrics: RunMetrics,
}

/// Which slice of a sharded sweep a result holds. The engine decides which cells each shard runs; this crate
/// only checks, when merging, that every index of the same count is there exactly once.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Shard {
    /// Index of this shard, `0..count`.
    pub index: u32,
    /// Number of shards in the sweep (at least 1).
    pub count: u32,
}

/// The parameter keys whose values differ between groups: the only ones a group's label needs (the rest are
/// the same everywhere, printed once).
pub(crate) fn varying_params(result: &crate::BacktestResult) -> std::collections::BTreeSet<String> {
    let mut seen: BTreeMap<&str, std::collections::BTreeSet<&str>> = BTreeMap::new();
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

/// The parameters every group shares (`k=v`, in key order): what the labels leave out.
pub(crate) fn common_params(
    result: &crate::BacktestResult,
    varying: &std::collections::BTreeSet<String>,
) -> Vec<String> {
    result
        .summary
        .first()
        .map(|s| {
            s.params
                .iter()
                .filter(|(k, _)| !varying.contains(*k))
                .map(|(k, v)| format!("{k}={v}"))
                .collect()
        })
        .unwrap_or_default()
}

/// A group's label naming only the `varying` parameters.
pub(crate) fn short_label(
    strategy: &str,
    params: &BTreeMap<String, String>,
    varying: &std::collections::BTreeSet<String>,
) -> String {
    let shown: BTreeMap<String, String> = params
        .iter()
        .filter(|(k, _)| varying.contains(*k))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    group_label(strategy, &shown)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn health_bucket_edges() {
        assert_eq!(health_bucket(0.5), 0);
        assert_eq!(health_bucket(0.8), 1);
        assert_eq!(health_bucket(0.99), 3);
        assert_eq!(health_bucket(1.0), 4);
        assert_eq!(health_bucket(1.99), 8);
        assert_eq!(health_bucket(2.0), 9);
        assert_eq!(health_bucket(f64::INFINITY), HEALTH_BUCKET_COUNT - 1);
    }

    #[test]
    fn gas_spent_eth_parses_wei() {
        let m = RunMetrics {
            gas_spent_wei: "1500000000000000000".into(),
            ..Default::default()
        };
        assert_eq!(m.gas_spent_eth(), 1.5);
        let bad = RunMetrics {
            gas_spent_wei: "1.5".into(),
            ..Default::default()
        };
        assert_eq!(bad.gas_spent_eth(), 0.0);
    }
}
