//! Why a simulation-side computation cannot answer: its inputs do not describe a valid batch, or
//! the state it needs could not be fetched or loaded.

use revm::database_interface::DBErrorMarker;

/// Errors of the simulation crate.
///
/// A reverted or halted transaction is not an error: it is a [`crate::Outcome`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Error {
    /// A plan names a candidate the conflict graph does not have.
    #[error("plan names candidate {index}, but the graph has {candidates} candidates")]
    UnknownCandidate {
        /// The candidate index named by the plan.
        index: usize,
        /// How many candidates the graph has.
        candidates: usize,
    },
    /// A plan names the same candidate twice.
    #[error("plan names candidate {index} twice")]
    DuplicateCandidate {
        /// The repeated candidate index.
        index: usize,
    },
    /// The gas list does not have one entry per candidate.
    #[error("{gas} gas entries for {candidates} candidates")]
    GasLengthMismatch {
        /// Entries in the gas list.
        gas: usize,
        /// Candidates in the graph.
        candidates: usize,
    },
    /// A sum of gas exceeds `u64::MAX`.
    #[error("gas sum overflows u64")]
    GasOverflow,
    /// The state source failed to answer (RPC error, node gone): worth retrying.
    #[error("fetching {what}: {message}")]
    Fetch {
        /// What was being fetched.
        what: String,
        /// The source's error.
        message: String,
    },
    /// An offline fork (loaded from disk, no source) was asked for state it does not hold.
    #[error("offline fork has no {0}")]
    NotCached(String),
    /// A fork snapshot could not be written or read.
    #[error("fork snapshot: {0}")]
    Snapshot(String),
    /// The EVM rejected the transaction before executing it (bad nonce, insufficient funds for
    /// gas, …): the candidate is malformed for this state, not a revert.
    #[error("invalid transaction: {0}")]
    InvalidTransaction(String),
}

impl Error {
    /// Whether trying again may succeed (a transient failure of the state source).
    pub fn is_retryable(&self) -> bool {
        matches!(self, Self::Fetch { .. })
    }
}

impl DBErrorMarker for Error {}

/// Result of the simulation crate.
pub type Result<T> = core::result::Result<T, Error>;
