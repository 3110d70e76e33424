//! One [`GroupSummary`] per (strategy, params): statistics over all seeds and paths of that group.

use crate::model::{Run, group_label};
use crate::stats::{expected_shortfall, mean, percentile, percentile_sorted, sorted};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Statistics of one (strategy, params) group over all its seeds and paths. Percentiles are nearest-rank, and
/// every statistic of an empty input is 0 (see the crate docs).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GroupSummary {
    /// Strategy name.
    pub strategy: String,
    /// Strategy parameters.
    pub params: BTreeMap<String, String>,
    /// Number of runs in the group.
    pub runs: usize,
    /// Mean net PnL per run (USD).
    pub pnl_usd_mean: f64,
    /// 5th percentile of net PnL per run (USD): the bad tail for us.
    pub pnl_usd_p5: f64,
    /// Mean liquidations captured per run.
    pub captured_mean: f64,
    /// Mean liquidatable positions missed per run.
    pub missed_mean: f64,
    /// Positions captured over positions captured plus missed, summed over the group's runs (0..=1; 0 when there was nothing to
    /// take).
    pub capture_rate: f64,
    /// Median time to liquidate over all captures of the group (blocks).
    pub ttl_p50: f64,
    /// 90th percentile time to liquidate (blocks).
    pub ttl_p90: f64,
    /// 99th percentile time to liquidate (blocks).
    pub ttl_p99: f64,
    /// Mean bad debt per run, left plus realised (USD).
    pub bad_debt_mean: f64,
    /// Value at risk: 95th percentile of bad debt per run (USD).
    pub var95_bad_debt: f64,
    /// Value at risk: 99th percentile of bad debt per run (USD).
    pub var99_bad_debt: f64,
    /// Expected shortfall: mean of the per-run bad debts at or above the 99th percentile (USD).
    pub es99_bad_debt: f64,
    /// Liquidations at risk: 95th percentile of liquidated volume per run (USD).
    pub lar95_volume: f64,
    /// Mean gas spent per run (ETH).
    pub gas_spent_eth_mean: f64,
    /// Mean reverted attempts per run.
    pub reverted_mean: f64,
    /// Mean borrower loss to the liquidation bonus per run (USD).
    pub borrower_loss_usd_mean: f64,
}

impl GroupSummary {
    /// The group's label: `strategy` alone, or `strategy [k=v, k=v]`.
    pub fn label(&self) -> String {
        group_label(&self.strategy, &self.params)
    }
}

/// Summaries of `runs` (which must be sorted by key, as [`crate::BacktestResult`] keeps them), one per
/// (strategy, params) in that order.
pub(crate) fn summarize(runs: &[Run]) -> Vec<GroupSummary> {
    // Runs are sorted by key and the key starts with (strategy, params), so each group is one contiguous slice.
    runs.chunk_by(|a, b| a.key.strategy == b.key.strategy && a.key.params == b.key.params)
        .map(summarize_group)
        .collect()
}

fn summarize_group(group: &[Run]) -> GroupSummary {
    let first = &group[0].key;
    let metric = |f: fn(&Run) -> f64| group.iter().map(f).collect::<Vec<f64>>();
    let pnl = metric(|r| r.metrics.pnl_usd);
    let bad_debt = metric(|r| r.metrics.bad_debt_usd());
    // Positions against positions: `captured` counts liquidations, and a position taken in parts is several.
    let captured: u64 = group.iter().map(|r| r.metrics.positions_captured).sum();
    let missed: usize = group.iter().map(|r| r.metrics.missed.len()).sum();
    let opportunities = captured as f64 + missed as f64;
    let ttl: Vec<f64> = group
        .iter()
        .flat_map(|r| r.metrics.time_to_liquidate.iter().map(|b| *b as f64))
        .collect();
    let ttl = sorted(&ttl);
    GroupSummary {
        strategy: first.strategy.clone(),
        params: first.params.clone(),
        runs: group.len(),
        pnl_usd_mean: mean(&pnl),
        pnl_usd_p5: percentile(&pnl, 5.0),
        captured_mean: mean(&metric(|r| r.metrics.captured as f64)),
        missed_mean: mean(&metric(|r| r.metrics.missed.len() as f64)),
        capture_rate: if opportunities > 0.0 {
            captured as f64 / opportunities
        } else {
            0.0
        },
        ttl_p50: percentile_sorted(&ttl, 50.0),
        ttl_p90: percentile_sorted(&ttl, 90.0),
        ttl_p99: percentile_sorted(&ttl, 99.0),
        bad_debt_mean: mean(&bad_debt),
        var95_bad_debt: percentile(&bad_debt, 95.0),
        var99_bad_debt: percentile(&bad_debt, 99.0),
        es99_bad_debt: expected_shortfall(&bad_debt, 99.0),
        lar95_volume: percentile(&metric(|r| r.metrics.liquidated_volume_usd), 95.0),
        gas_spent_eth_mean: mean(&metric(|r| r.metrics.gas_spent_eth())),
        reverted_mean: mean(&metric(|r| r.metrics.reverted as f64)),
        borrower_loss_usd_mean: mean(&metric(|r| r.metrics.borrower_loss_usd)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Missed, RunKey, RunMetrics};

    fn run(strategy: &str, lag: &str, seed: u64, pnl: f64, captured: u64, missed: usize) -> Run {
        Run {
            key: RunKey {
                strategy: strategy.into(),
                params: BTreeMap::from([("detection_lag".into(), lag.into())]),
                seed,
                path: "crash".into(),
            },
            metrics: RunMetrics {
                pnl_usd: pnl,
                captured,
                positions_captured: captured,
                missed: (0..missed)
                    .map(|i| Missed {
                        position: format!("p{i}"),
                        step: 1,
                        reason: "rival".into(),
                    })
                    .collect(),
                time_to_liquidate: (0..captured).map(|i| i + seed).collect(),
                bad_debt_left_usd: seed as f64,
                bad_debt_realised_usd: 1.0,
                liquidated_volume_usd: 100.0 * seed as f64,
                gas_spent_wei: "2000000000000000000".into(),
                reverted: seed,
                borrower_loss_usd: 10.0,
                ..Default::default()
            },
        }
    }

    #[test]
    fn groups_by_strategy_and_params() {
        let mut runs = vec![
            run("greedy", "1", 1, 10.0, 2, 0),
            run("greedy", "1", 2, 20.0, 1, 1),
            run("greedy", "2", 1, 5.0, 0, 3),
            run("patient", "1", 1, -4.0, 1, 1),
        ];
        runs.sort_by(|a, b| a.key.cmp(&b.key));
        let s = summarize(&runs);
        assert_eq!(s.len(), 3);
        assert_eq!(s[0].label(), "greedy [detection_lag=1]");
        assert_eq!(s[0].runs, 2);
        assert_eq!(s[0].pnl_usd_mean, 15.0);
        assert_eq!(s[0].pnl_usd_p5, 10.0);
        assert_eq!(s[0].captured_mean, 1.5);
        assert_eq!(s[0].missed_mean, 0.5);
        assert_eq!(s[0].capture_rate, 0.75);
        // Captures: seed 1 -> ttl 1, 2; seed 2 -> ttl 2. Sorted 1, 2, 2.
        assert_eq!((s[0].ttl_p50, s[0].ttl_p90, s[0].ttl_p99), (2.0, 2.0, 2.0));
        // Bad debt per run = seed + 1: 2 and 3.
        assert_eq!(s[0].bad_debt_mean, 2.5);
        assert_eq!(s[0].var95_bad_debt, 3.0);
        assert_eq!(s[0].es99_bad_debt, 3.0);
        assert_eq!(s[0].lar95_volume, 200.0);
        assert_eq!(s[0].gas_spent_eth_mean, 2.0);
        assert_eq!(s[0].reverted_mean, 1.5);
        assert_eq!(s[0].borrower_loss_usd_mean, 10.0);
        assert_eq!((s[1].strategy.as_str(), s[1].runs), ("greedy", 1));
        assert_eq!(s[1].capture_rate, 0.0);
        assert_eq!(
            s[1].ttl_p50, 0.0,
            "no captures: percentiles of nothing are 0"
        );
        assert_eq!(
            (s[2].strategy.as_str(), s[2].pnl_usd_mean),
            ("patient", -4.0)
        );
    }

    #[test]
    fn no_runs_no_groups() {
        assert!(summarize(&[]).is_empty());
    }

    #[test]
    fn label_without_params() {
        assert_eq!(
            crate::model::group_label("greedy", &BTreeMap::new()),
            "greedy"
        );
    }
}
