//! The backtest's errors: each one line naming the problem.

/// What went wrong.
#[derive(Debug, thiserror::Error)]
pub enum BacktestError {
    /// A file could not be read or written.
    #[error("{what}: {source}")]
    Io {
        /// Which file, for what.
        what: String,
        /// The OS error.
        source: std::io::Error,
    },
    /// An input is malformed or does not fit the rest (another chain's dump, an unknown feed, an impossible
    /// parameter).
    #[error("{0}")]
    Input(String),
    /// A price path is invalid.
    #[error(transparent)]
    Path(#[from] cantilever_paths::PathError),
    /// The forked state could not be read or executed on.
    #[error("simulation: {0}")]
    Sim(#[from] cantilever_sim::Error),
    /// A view call on the fork failed.
    #[error("{what}: {detail}")]
    View {
        /// The call.
        what: String,
        /// Why.
        detail: String,
    },
    /// The planner failed as a whole.
    #[error("planner: {0}")]
    Plan(#[from] cantilever_planner::PlanError),
    /// A result or report could not be written.
    #[error(transparent)]
    Report(#[from] cantilever_report::ReportError),
}

/// The backtest's result type.
pub type Result<T, E = BacktestError> = std::result::Result<T, E>;
