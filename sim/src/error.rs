//! Why a simulation-side computation cannot answer: its inputs do not describe a valid batch.

/// Errors of the simulation crate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
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
}

/// Result of the simulation crate.
pub type Result<T> = core::result::Result<T, Error>;
