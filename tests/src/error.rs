//! Why the harness could not bring a devnet up.

use std::path::PathBuf;

/// A harness failure, with enough context to act on it.
#[derive(Debug, thiserror::Error)]
pub enum HarnessError {
    /// The pinned Foundry binaries are not installed.
    #[error("{tool} not found at {path}: run `npm ci` in {root}")]
    ToolMissing {
        /// The binary looked for.
        tool: &'static str,
        /// Where it was expected.
        path: PathBuf,
        /// The repository root to run `npm ci` in.
        root: PathBuf,
    },
    /// An I/O error (spawning a process, creating a directory, ...).
    #[error("{context}: {source}")]
    Io {
        /// What was being done.
        context: String,
        /// The error.
        source: std::io::Error,
    },
    /// anvil exited or never answered.
    #[error("anvil did not come up: {0}")]
    AnvilStart(String),
    /// `forge script` did not finish in time (a hung broadcast must fail the test, not hang CI).
    #[error("forge script did not finish within {0:?}")]
    ForgeTimeout(std::time::Duration),
    /// `forge script` failed.
    #[error("forge script failed ({status}):\n{output}")]
    Forge {
        /// Its exit status.
        status: std::process::ExitStatus,
        /// The tail of its stdout and stderr.
        output: String,
    },
    /// The deployment the script wrote could not be loaded.
    #[error(transparent)]
    Deployment(#[from] cantilever_primitives::DeploymentError),
    /// An RPC call failed.
    #[error("rpc {method}: {message}")]
    Rpc {
        /// The method or call.
        method: String,
        /// The error.
        message: String,
    },
    /// A transaction was mined but reverted, or never mined.
    #[error("transaction {label} ({hash}) {problem}")]
    Transaction {
        /// What the test called it.
        label: String,
        /// Its hash.
        hash: alloy::primitives::TxHash,
        /// "reverted" or "not mined".
        problem: &'static str,
    },
}

impl HarnessError {
    pub(crate) fn rpc(method: impl Into<String>) -> impl FnOnce(String) -> Self {
        let method = method.into();
        move |message| Self::Rpc { method, message }
    }
}

/// Result of a harness operation.
pub type Result<T, E = HarnessError> = std::result::Result<T, E>;
