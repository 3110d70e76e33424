//! Why a test's setup or independent check failed: the one error type of the harness.

use cantilever_daemon::KeeperError;
use cantilever_devnet::DevnetError;

/// A harness failure, with enough context to act on it.
#[derive(Debug, thiserror::Error)]
pub enum HarnessError {
    /// The devnet (anvil, deploy, seeding, price moves, anvil's methods) failed.
    #[error(transparent)]
    Devnet(#[from] DevnetError),
    /// An independent check of the chain could not be made.
    #[error(transparent)]
    Check(#[from] cantilever::devnet::check::CheckError),
    /// Building or stepping the keeper failed.
    #[error(transparent)]
    Keeper(#[from] KeeperError),
    /// The protocol's math (sizing a position) overflowed or divided by zero.
    #[error(transparent)]
    Math(#[from] cantilever_primitives::math::MathError),
    /// A node call made by the harness itself failed.
    #[error("rpc {what}: {message}")]
    Rpc {
        /// The call.
        what: String,
        /// The transport's or node's message.
        message: String,
    },
    /// A local socket or process of the harness failed (the proxy, the fixture's reaper).
    #[error("io: {0}")]
    Io(#[from] std::io::Error),
    /// The shared devnet could not be brought up (the first test to ask saw why; later ones get its message).
    #[error("the shared devnet is unavailable: {0}")]
    SharedDevnet(String),
    /// Something else the harness needs was missing or malformed.
    #[error("{0}")]
    Setup(String),
}

impl HarnessError {
    /// A [`HarnessError::Rpc`] maker for `map_err` over any displayable error.
    pub fn rpc<E: std::fmt::Display>(what: impl Into<String>) -> impl FnOnce(E) -> Self {
        let what = what.into();
        move |e| Self::Rpc {
            what,
            message: e.to_string(),
        }
    }
}

/// The harness's result.
pub type Result<T, E = HarnessError> = std::result::Result<T, E>;
