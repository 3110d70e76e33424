//! Why telemetry could not start.

use std::net::SocketAddr;

/// Why logging or the metrics server could not start.
#[derive(Debug, thiserror::Error)]
pub enum TelemetryError {
    /// The log filter does not parse.
    #[error("invalid log filter {filter:?}: {message}")]
    BadFilter {
        /// The filter given.
        filter: String,
        /// The parser's message.
        message: String,
    },
    /// A global subscriber was already installed.
    #[error("logging is already initialised: {0}")]
    AlreadyInitialised(String),
    /// The metrics address could not be bound.
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        /// The address.
        addr: SocketAddr,
        /// The OS error.
        source: std::io::Error,
    },
}
