//! Background checks: the head watchdog and the shutdown signal.

use std::sync::Arc;
use std::time::Duration;

use super::health::HealthState;

/// Checks `health` every `interval` and calls `on_stale` (with the head's age) once when the head turns
/// stale, and again only after it recovered and went stale anew, so a long outage is one warning, not one
/// per tick. Runs until the task is aborted.
pub async fn watchdog(health: Arc<HealthState>, interval: Duration, on_stale: impl Fn(Duration)) {
    let mut ticker = tokio::time::interval(interval);
    ticker.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    let mut stale = false;
    loop {
        ticker.tick().await;
        let report = health.report();
        match (report.is_fresh(), stale) {
            (false, false) => {
                stale = true;
                on_stale(Duration::from_secs_f64(report.age_secs));
            }
            (true, true) => {
                stale = false;
                tracing::info!(target: "cantilever::telemetry", head = ?report.head, "head is fresh again");
            }
            _ => {}
        }
    }
}

/// The default `on_stale`: a warning log.
pub fn warn_stale(age: Duration) {
    tracing::warn!(target: "cantilever::telemetry", age_secs = age.as_secs_f64(), "no new head: the node or the follower is stuck");
}

/// Resolves on SIGINT (Ctrl-C) or SIGTERM (what `docker stop` and systemd send). If a handler cannot be
/// installed the other still works; if neither can, it never resolves rather than stopping at once.
pub async fn shutdown_signal() {
    use tokio::signal::unix::{SignalKind, signal};
    let terminate = async {
        match signal(SignalKind::terminate()) {
            Ok(mut term) => {
                term.recv().await;
            }
            Err(error) => {
                tracing::warn!(target: "cantilever::telemetry", %error, "cannot listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    let interrupt = async {
        if let Err(error) = tokio::signal::ctrl_c().await {
            tracing::warn!(target: "cantilever::telemetry", %error, "cannot listen for SIGINT");
            std::future::pending::<()>().await;
        }
    };
    tokio::select! {
        () = terminate => tracing::info!(target: "cantilever::telemetry", "SIGTERM received"),
        () = interrupt => tracing::info!(target: "cantilever::telemetry", "SIGINT received"),
    }
}
