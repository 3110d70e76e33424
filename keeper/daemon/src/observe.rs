//! Keeper events into Prometheus metrics and the health state.

use crate::KeeperEvent;
use crate::telemetry::{HealthState, Metrics};

/// Updates `metrics` and `health` for one event. `loan_token` gives a market's loan token (symbol and
/// decimals), to record realised profit in whole tokens of the token it is paid in.
pub fn observe(
    metrics: &Metrics,
    health: &HealthState,
    event: &KeeperEvent,
    loan_token: impl Fn(&alloy::primitives::B256) -> (String, u8),
) {
    match event {
        KeeperEvent::Block {
            number,
            positions,
            lag,
            ..
        } => {
            health.record_head(*number);
            metrics.head_block.set(*number as i64);
            metrics.positions_tracked.set(*positions as i64);
            metrics.index_lag_blocks.set(*lag as i64);
        }
        // The failed RPC call itself was counted where it failed (`telemetry::rpc`): counting it again here
        // would count each failure twice.
        KeeperEvent::StepFailed { .. } => {
            metrics.steps_failed.inc();
        }
        // Logged by the head follower and the daemon; the blocks it backfilled show in the head gauge.
        KeeperEvent::HeadsReconnected { .. } => {}
        KeeperEvent::OracleState { market, ok, error } => {
            let market = market.to_string();
            metrics.set_oracle(&market, *ok);
            health.record_oracle(&market, error.as_ref().map(ToString::to_string));
        }
        KeeperEvent::OracleUpdate { speculative, .. } => {
            let kind = if speculative.is_some() {
                "speculative"
            } else {
                "update"
            };
            metrics.oracle_event(kind);
        }
        KeeperEvent::OracleRejected { .. } => metrics.oracle_event("rejected"),
        // A decision planned for pending oracle updates and held (its sends count when they happen).
        KeeperEvent::Speculated { .. } => metrics.oracle_event("held"),
        KeeperEvent::Found { .. } => {
            metrics.candidates_found.inc();
        }
        KeeperEvent::Simulated { micros, .. } => {
            metrics.simulations.inc();
            metrics.simulation_seconds.observe(*micros as f64 / 1e6);
        }
        KeeperEvent::Submitted { dry_run: false, .. } => {
            metrics.tx_submitted.inc();
        }
        KeeperEvent::Included { success, .. } => {
            if *success {
                metrics.tx_included.inc();
            } else {
                metrics.tx_reverted.inc();
            }
        }
        KeeperEvent::Dropped { .. } => {
            metrics.tx_timed_out.inc();
        }
        KeeperEvent::Profit { market, amount } => {
            let (token, decimals) = loan_token(market);
            let scale = 10f64.powi(i32::from(decimals));
            let whole = amount.to_string().parse::<f64>().unwrap_or(0.0) / scale;
            metrics.add_profit(&token, whole);
        }
        KeeperEvent::Submitted { .. }
        | KeeperEvent::Skipped { .. }
        | KeeperEvent::Planned { .. } => {}
    }
}
