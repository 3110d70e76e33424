//! The result as a JSON file: deterministic text, atomic writes, checked reads.

use crate::atomic;
use crate::error::{ReportError, Result};
use crate::result::BacktestResult;
use std::path::Path;

impl BacktestResult {
    /// Pretty JSON with a final newline. Deterministic: maps are ordered (`BTreeMap`, canonical inputs), runs
    /// and summaries sorted, floats printed shortest-exact, so the same result always gives the same bytes.
    pub fn to_json(&self) -> String {
        // Cannot fail: every map has string keys, and non-finite floats serialize as null rather than erroring.
        let mut s = serde_json::to_string_pretty(self).expect("a BacktestResult always serializes");
        s.push('\n');
        s
    }

    /// Checks the result ([`BacktestResult::validate`]: a NaN would not read back) and writes its JSON to `path`
    /// through a temp file in the same directory and a rename, so `path` is never half-written. On error nothing
    /// is left behind and an existing `path` is unchanged.
    pub fn write_atomic(&self, path: &Path) -> Result<()> {
        self.validate().map_err(|reason| ReportError::Invalid {
            path: path.to_owned(),
            reason,
        })?;
        atomic::write_atomic(path, self.to_json().as_bytes())
    }

    /// Reads and checks a result written by [`BacktestResult::write_atomic`].
    pub fn read(path: &Path) -> Result<Self> {
        let text = std::fs::read_to_string(path).map_err(|source| ReportError::Read {
            path: path.to_owned(),
            source,
        })?;
        let result: Self = serde_json::from_str(&text).map_err(|source| ReportError::Parse {
            path: path.to_owned(),
            source,
        })?;
        result.validate().map_err(|reason| ReportError::Invalid {
            path: path.to_owned(),
            reason,
        })?;
        Ok(result)
    }
}
