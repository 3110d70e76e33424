//! Counters of the price stream: one documented struct of atomics, cheap to share and to read.
//!
//! The keeper's telemetry exports these (no exporter lives here). All counters only grow.

use std::sync::atomic::{AtomicU64, Ordering};

use crate::reject::RejectKind;

/// Counters of one [`crate::PriceStream`], shared with its tasks through an `Arc`.
#[derive(Debug, Default)]
pub struct StreamMetrics {
    /// Observations received from any source (reads, logs, HTTP responses), accepted or not.
    pub observations: AtomicU64,
    /// Confirmed [`crate::PriceUpdate`]s sent on the channel.
    pub updates: AtomicU64,
    /// Speculative (pending-transaction) updates sent on the channel.
    pub speculative_updates: AtomicU64,
    /// Rejected observations, by [`RejectKind`] (every rejected observation, not only transitions).
    pub rejections: [AtomicU64; RejectKind::COUNT],
    /// Transitions of a source into a rejected state (what is logged and sent as an event).
    pub rejection_transitions: AtomicU64,
    /// Transitions of a source from rejected back to trusted.
    pub recoveries: AtomicU64,
    /// RPC calls that failed (each is also a rejection of kind `unavailable` or `timeout`).
    pub rpc_errors: AtomicU64,
    /// HTTP requests sent (including retries).
    pub http_requests: AtomicU64,
    /// HTTP retries after a failed attempt.
    pub http_retries: AtomicU64,
    /// New blocks seen by the chain watcher.
    pub blocks: AtomicU64,
    /// Pending transactions inspected for oracle updates.
    pub pending_seen: AtomicU64,
    /// Events dropped because the consumer's channel was closed.
    pub dropped: AtomicU64,
}

impl StreamMetrics {
    pub(crate) fn inc(counter: &AtomicU64) {
        counter.fetch_add(1, Ordering::Relaxed);
    }

    pub(crate) fn reject(&self, kind: RejectKind) {
        Self::inc(&self.rejections[kind as usize]);
    }

    /// Rejections counted for `kind`.
    pub fn rejections_of(&self, kind: RejectKind) -> u64 {
        self.rejections[kind as usize].load(Ordering::Relaxed)
    }

    /// A counter's current value.
    pub fn get(counter: &AtomicU64) -> u64 {
        counter.load(Ordering::Relaxed)
    }
}
