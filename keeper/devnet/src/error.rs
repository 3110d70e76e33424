//! Why a devnet could not be brought up, seeded or moved.

use std::path::PathBuf;
use std::time::Duration;

use alloy::primitives::TxHash;

use cantilever_primitives::DeploymentError;

/// A devnet failure, with enough context to act on it.
#[derive(Debug, thiserror::Error)]
pub enum DevnetError {
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
    /// `forge script` did not finish in time (a hung broadcast must fail, not hang).
    #[error("forge script did not finish within {0:?}")]
    ForgeTimeout(Duration),
    /// Another process held the forge build lock for too long.
    #[error("waited {waited:?} for the forge build lock {path} (held by another deployment)")]
    ForgeLock {
        /// The lock file.
        path: PathBuf,
        /// How long we waited.
        waited: Duration,
    },
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
    Deployment(#[from] DeploymentError),
    /// The deployment lacks something the devnet needs (periphery, pools, tokens or feeds): it was not
    /// written by `DeployDevnet.s.sol`.
    #[error("the deployment has no {0}: deploy with contracts/script/DeployDevnet.s.sol")]
    Incomplete(String),
    /// An RPC call (a node method or a contract call) failed.
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
        /// What the devnet called it.
        label: String,
        /// Its hash.
        hash: TxHash,
        /// "reverted" or "not mined".
        problem: &'static str,
    },
    /// An asset symbol the deployment has no token or feed for.
    #[error("unknown asset {asset:?} (the devnet has {known})")]
    UnknownAsset {
        /// The symbol asked for.
        asset: String,
        /// The symbols it has, comma-separated.
        known: String,
    },
    /// An argument out of range (a crash of 0% or 100%, zero steps, more leveraged than borrowers, ...).
    #[error("invalid argument: {0}")]
    InvalidArgument(String),
    /// Seeding planned a position the protocol would refuse (below the dust floor, a number that overflows).
    #[error("cannot plan position {index}: {reason}")]
    Plan {
        /// Index of the borrower.
        index: usize,
        /// Why.
        reason: String,
    },
}

impl DevnetError {
    /// An [`DevnetError::Io`] maker for `map_err`.
    pub fn io(context: impl Into<String>) -> impl FnOnce(std::io::Error) -> Self {
        let context = context.into();
        move |source| Self::Io { context, source }
    }

    /// An [`DevnetError::Rpc`] maker for `map_err` over any displayable error.
    pub fn rpc<E: std::fmt::Display>(method: impl Into<String>) -> impl FnOnce(E) -> Self {
        let method = method.into();
        move |e| Self::Rpc {
            method,
            message: e.to_string(),
        }
    }
}

/// Result of a devnet operation.
pub type Result<T, E = DevnetError> = std::result::Result<T, E>;
