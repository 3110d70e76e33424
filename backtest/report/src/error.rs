//! The crate's error type: one line each, naming the file or the part at fault.

use std::path::PathBuf;

/// `Result` with [`ReportError`].
pub type Result<T, E = ReportError> = std::result::Result<T, E>;

/// What can go wrong reading, writing or merging results.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    /// A file could not be read.
    #[error("cannot read {path}: {source}", path = path.display())]
    Read {
        /// The file.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// A file could not be written (the target is left as it was).
    #[error("cannot write {path}: {source}", path = path.display())]
    Write {
        /// The file.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// A file is not a backtest result (malformed JSON or wrong shape).
    #[error("{path} is not a backtest result: {source}", path = path.display())]
    Parse {
        /// The file.
        path: PathBuf,
        /// Where and why parsing stopped.
        source: serde_json::Error,
    },
    /// A result breaks a rule that its JSON form cannot show (a NaN, a malformed integer string, a duplicate key).
    #[error("{path}: invalid backtest result: {reason}", path = path.display())]
    Invalid {
        /// The file being read or written.
        path: PathBuf,
        /// The first rule broken.
        reason: String,
    },
    /// `merge` was given no parts.
    #[error("merge: no results to merge")]
    NoParts,
    /// A part's version, commit or inputs differ from the first part's.
    #[error("merge: part {part} has a different {field} than part 0")]
    Mismatch {
        /// Index of the part in the list given to `merge`.
        part: usize,
        /// `version`, `commit` or `inputs`.
        field: &'static str,
    },
    /// A part is not a shard, or its shard numbers do not fit the others'.
    #[error("merge: part {part}: {reason}")]
    BadShard {
        /// Index of the part in the list given to `merge`.
        part: usize,
        /// What is wrong with its shard.
        reason: String,
    },
    /// Some shard indices are absent.
    #[error("merge: missing shard(s) {missing:?} of {count}")]
    MissingShards {
        /// The absent indices.
        missing: Vec<u32>,
        /// The shard count.
        count: u32,
    },
    /// Two parts hold a run with the same key.
    #[error("merge: run {key} appears in more than one part")]
    DuplicateRun {
        /// The key, as `strategy [params] seed=.. path=..`.
        key: String,
    },
}

impl ReportError {
    /// Whether the error came from the file system (a retry or another path may help), as opposed to the
    /// content of a result.
    pub fn is_io(&self) -> bool {
        matches!(self, Self::Read { .. } | Self::Write { .. })
    }
}
