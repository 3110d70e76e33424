//! The keeper's liveness as seen from outside: healthy while a new head arrived recently.

use std::sync::Mutex;
use std::time::{Duration, Instant};

use serde::Serialize;

/// The last head seen and when, shared between the block follower (writer) and the health endpoint and
/// watchdog (readers).
#[derive(Debug)]
pub struct HealthState {
    stale_after: Duration,
    started_at: Instant,
    last: Mutex<Option<(u64, Instant)>>,
}

/// A point-in-time view of [`HealthState`].
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct HealthReport {
    /// `"ok"` or `"stale"`.
    pub status: &'static str,
    /// The last head seen, if any.
    pub head: Option<u64>,
    /// Seconds since it was seen (since start-up if none was).
    pub age_secs: f64,
}

impl HealthReport {
    /// Whether the keeper is healthy.
    pub fn is_ok(&self) -> bool {
        self.status == "ok"
    }
}

impl HealthState {
    /// A state that turns stale when no head arrives for `stale_after`. Before the first head the clock
    /// starts at creation, so a keeper that never reaches its node turns unhealthy too.
    pub fn new(stale_after: Duration) -> Self {
        Self {
            stale_after,
            started_at: Instant::now(),
            last: Mutex::new(None),
        }
    }

    /// Records a new head.
    pub fn record_head(&self, number: u64) {
        *self.lock() = Some((number, Instant::now()));
    }

    /// The current view.
    pub fn report(&self) -> HealthReport {
        let last = *self.lock();
        let (head, since) = match last {
            Some((number, at)) => (Some(number), at),
            None => (None, self.started_at),
        };
        let age = since.elapsed();
        HealthReport {
            status: if age < self.stale_after {
                "ok"
            } else {
                "stale"
            },
            head,
            age_secs: age.as_secs_f64(),
        }
    }

    /// How long without a head makes the keeper unhealthy.
    pub fn stale_after(&self) -> Duration {
        self.stale_after
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Option<(u64, Instant)>> {
        // A panic while holding this lock cannot leave the pair half-written: keep serving.
        self.last.lock().unwrap_or_else(|e| e.into_inner())
    }
}
