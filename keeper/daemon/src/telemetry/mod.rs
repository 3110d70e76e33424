//! Telemetry: logs (`tracing`, pretty or JSON lines), Prometheus metrics, the health endpoint, a watchdog for
//! a stalled head, and the shutdown signal.
//!
//! - [`logging`] sets up [`init_logging`].
//! - [`metrics`] holds [`Metrics`], the keeper's counters, gauges and histograms.
//! - [`health`] holds [`HealthState`], the last head seen and when, and the markets whose oracle refuses.
//! - [`rpc`] counts failed RPC calls where they fail: [`count_rpc_errors`] wraps a provider's transport.
//! - `stream` exports an oracle price stream's counters ([`Metrics::export_stream`]).
//! - [`server`] runs [`serve`], `GET /metrics` and `GET /health` over HTTP/1.
//! - [`watchdog`](mod@watchdog) has [`watchdog()`] and [`shutdown_signal`].

mod error;
pub mod health;
pub mod logging;
pub mod metrics;
pub mod rpc;
pub mod server;
mod stream;
#[cfg(test)]
mod tests;
pub mod watchdog;

pub use error::TelemetryError;
pub use health::HealthState;
pub use logging::{LogFormat, init_logging};
pub use metrics::Metrics;
pub use rpc::{count_rpc_error, count_rpc_errors};
pub use server::serve;
pub use watchdog::{shutdown_signal, warn_stale, watchdog};
