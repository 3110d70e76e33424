//! [`BacktestResult`]: the runs of a backtest, sorted, with their group summaries; and its checks.

use crate::model::{HEALTH_BUCKET_COUNT, Run, Shard};
use crate::summary::{GroupSummary, summarize};
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The result of a backtest (or of one shard of it): what was run, every run's metrics and the per-group
/// summaries. Built with [`BacktestResult::new`], which fixes the order of everything, so equal runs give a
/// byte-identical [`BacktestResult::to_json`] however they were produced.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BacktestResult {
    /// Version of the engine that produced the result.
    pub version: String,
    /// Source commit of the engine.
    pub commit: String,
    /// What was run (engine-defined; never includes the shard). Object keys are kept sorted.
    pub inputs: Value,
    /// `Some` for one slice of a sharded sweep; `None` for a full run or a merge of all shards.
    pub shard: Option<Shard>,
    /// Every run, sorted by key.
    pub runs: Vec<Run>,
    /// One summary per (strategy, params), sorted by (strategy, params).
    pub summary: Vec<GroupSummary>,
}

impl BacktestResult {
    /// Sorts `runs` by key, computes the summaries and puts `inputs` in canonical (sorted-key) form.
    ///
    /// Runs with equal keys (which [`BacktestResult::validate`] rejects) are ordered by their metrics' JSON, so
    /// even then the result does not depend on the input order.
    pub fn new(
        version: String,
        commit: String,
        inputs: Value,
        shard: Option<Shard>,
        mut runs: Vec<Run>,
    ) -> Self {
        runs.sort_by(|a, b| {
            a.key.cmp(&b.key).then_with(|| {
                let json = |r: &Run| serde_json::to_string(&r.metrics).unwrap_or_default();
                json(a).cmp(&json(b))
            })
        });
        let summary = summarize(&runs);
        Self {
            version,
            commit,
            inputs: canonical(inputs),
            shard,
            runs,
            summary,
        }
    }

    /// The first rule this result breaks, if any: runs sorted with distinct keys, summaries matching the runs,
    /// finite numbers (JSON has no NaN), integer strings that parse, [`HEALTH_BUCKET_COUNT`] health buckets
    /// per step, and a shard index below its count.
    pub fn validate(&self) -> Result<(), String> {
        if let Some(s) = self.shard
            && s.index >= s.count
        {
            return Err(format!(
                "shard index {} is not below shard count {}",
                s.index, s.count
            ));
        }
        for pair in self.runs.windows(2) {
            if pair[0].key >= pair[1].key {
                let what = if pair[0].key == pair[1].key {
                    "appears twice"
                } else {
                    "is out of order"
                };
                return Err(format!("run {} {what}", pair[1].key.label()));
            }
        }
        for run in &self.runs {
            validate_run(run).map_err(|e| format!("run {}: {e}", run.key.label()))?;
        }
        if self.summary != summarize(&self.runs) {
            return Err("summary does not match the runs".into());
        }
        Ok(())
    }
}

fn validate_run(run: &Run) -> Result<(), String> {
    let m = &run.metrics;
    let scalars = [
        ("pnl_usd", m.pnl_usd),
        ("bad_debt_left_usd", m.bad_debt_left_usd),
        ("bad_debt_realised_usd", m.bad_debt_realised_usd),
        ("liquidated_volume_usd", m.liquidated_volume_usd),
        ("borrower_loss_usd", m.borrower_loss_usd),
    ];
    if let Some((name, v)) = scalars.iter().find(|(_, v)| !v.is_finite()) {
        return Err(format!("{name} is {v}"));
    }
    for (token, amount) in &m.pnl {
        let digits = amount.strip_prefix('-').unwrap_or(amount);
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(format!(
                "pnl[{token}] = {amount:?} is not a signed decimal integer"
            ));
        }
    }
    if m.gas_spent_wei.parse::<u128>().is_err() {
        return Err(format!(
            "gas_spent_wei = {:?} is not a decimal u128",
            m.gas_spent_wei
        ));
    }
    let s = &m.series;
    for (feed, prices) in &s.prices {
        if let Some(step) = prices.iter().position(|p| !p.is_finite()) {
            return Err(format!(
                "price of {feed} at step {step} is {}",
                prices[step]
            ));
        }
    }
    if let Some(step) = s.cumulative_pnl_usd.iter().position(|p| !p.is_finite()) {
        return Err(format!(
            "cumulative_pnl_usd at step {step} is {}",
            s.cumulative_pnl_usd[step]
        ));
    }
    if let Some(step) = s.health.iter().position(|h| h.len() != HEALTH_BUCKET_COUNT) {
        return Err(format!(
            "health at step {step} has {} buckets, not {HEALTH_BUCKET_COUNT}",
            s.health[step].len()
        ));
    }
    Ok(())
}

/// `value` with every object's keys in sorted order, whatever map serde_json was built with (`preserve_order`
/// keeps insertion order, which would make equal inputs print differently).
fn canonical(value: Value) -> Value {
    match value {
        Value::Object(map) => {
            let mut entries: Vec<(String, Value)> = map.into_iter().collect();
            entries.sort_by(|a, b| a.0.cmp(&b.0));
            Value::Object(
                entries
                    .into_iter()
                    .map(|(k, v)| (k, canonical(v)))
                    .collect(),
            )
        }
        Value::Array(items) => Value::Array(items.into_iter().map(canonical).collect()),
        other => other,
    }
}
