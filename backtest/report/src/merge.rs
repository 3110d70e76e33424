//! Joining the shards of a sweep into the result one unsharded run would have written.

use crate::error::{ReportError, Result};
use crate::model::Shard;
use crate::result::BacktestResult;

/// Merges the shards of one sweep. Every part must have the same version, commit and inputs, be a shard of the
/// same count, and each index `0..count` must appear exactly once; no run key may appear twice. The merge has
/// `shard: None` and is byte-identical ([`BacktestResult::to_json`]) to a single run over the same cells, since
/// [`BacktestResult::new`] re-sorts the runs and recomputes the summaries.
pub fn merge(parts: Vec<BacktestResult>) -> Result<BacktestResult> {
    let first = parts.first().ok_or(ReportError::NoParts)?;
    let count = shard_of(first, 0)?.count;
    let mut seen = vec![false; count as usize];
    for (part, r) in parts.iter().enumerate() {
        let mismatch = |field| Err(ReportError::Mismatch { part, field });
        if r.version != first.version {
            return mismatch("version");
        }
        if r.commit != first.commit {
            return mismatch("commit");
        }
        if r.inputs != first.inputs {
            return mismatch("inputs");
        }
        let shard = shard_of(r, part)?;
        let bad = |reason: String| Err(ReportError::BadShard { part, reason });
        if shard.count != count {
            return bad(format!(
                "shard count {}, but part 0 has {count}",
                shard.count
            ));
        }
        if shard.index >= count {
            return bad(format!(
                "shard index {} is not below the count {count}",
                shard.index
            ));
        }
        if std::mem::replace(&mut seen[shard.index as usize], true) {
            return bad(format!("shard {} of {count} given twice", shard.index));
        }
    }
    let missing: Vec<u32> = (0..count).filter(|i| !seen[*i as usize]).collect();
    if !missing.is_empty() {
        return Err(ReportError::MissingShards { missing, count });
    }

    let (version, commit, inputs) = (
        first.version.clone(),
        first.commit.clone(),
        first.inputs.clone(),
    );
    let runs: Vec<_> = parts.into_iter().flat_map(|p| p.runs).collect();
    let merged = BacktestResult::new(version, commit, inputs, None, runs);
    if let Some(pair) = merged.runs.windows(2).find(|w| w[0].key == w[1].key) {
        return Err(ReportError::DuplicateRun {
            key: pair[0].key.label(),
        });
    }
    Ok(merged)
}

fn shard_of(r: &BacktestResult, part: usize) -> Result<Shard> {
    match r.shard {
        Some(s) if s.count > 0 => Ok(s),
        Some(_) => Err(ReportError::BadShard {
            part,
            reason: "shard count is 0".into(),
        }),
        None => Err(ReportError::BadShard {
            part,
            reason: "not a shard (shard is None)".into(),
        }),
    }
}
