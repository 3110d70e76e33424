//! The keeper's health as seen from outside: alive while a new head arrived recently, and degraded while a
//! followed market's oracle refuses (that market's liquidations are stopped; the others go on).

use std::collections::BTreeMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use serde::Serialize;

/// The last head seen and when, and the markets whose oracle refuses, shared between the keeper's events
/// (writer) and the health endpoint and watchdog (readers).
#[derive(Debug)]
pub struct HealthState {
    stale_after: Duration,
    started_at: Instant,
    last: Mutex<Option<(u64, Instant)>>,
    /// Market id → why its oracle refuses.
    degraded: Mutex<BTreeMap<String, String>>,
}

/// A market whose oracle refuses: the keeper cannot liquidate in it until the oracle answers again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DegradedMarket {
    /// The market id.
    pub market: String,
    /// Why its oracle refuses.
    pub reason: String,
}

/// A point-in-time view of [`HealthState`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HealthReport {
    /// `"ok"`; `"degraded"`: the head is fresh but some market's oracle refuses; `"stale"`: no recent head
    /// (whatever the markets).
    pub status: &'static str,
    /// The last head seen, if any.
    pub head: Option<u64>,
    /// Seconds since it was seen (since start-up if none was).
    pub age_secs: f64,
    /// Markets whose oracle refuses, by id (empty when none does).
    pub degraded_markets: Vec<DegradedMarket>,
}

impl HealthReport {
    /// Whether the keeper is alive: a head arrived recently (`"ok"` or `"degraded"`).
    pub fn is_fresh(&self) -> bool {
        self.status != "stale"
    }

    /// Whether some followed market's oracle refuses.
    pub fn is_degraded(&self) -> bool {
        !self.degraded_markets.is_empty()
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
            degraded: Mutex::new(BTreeMap::new()),
        }
    }

    /// Records a market's oracle state: `refusal` is why it refuses, `None` when it answers.
    pub fn record_oracle(&self, market: &str, refusal: Option<String>) {
        // A panic while holding this lock cannot leave the map half-written: keep serving.
        let mut degraded = self.degraded.lock().unwrap_or_else(|e| e.into_inner());
        match refusal {
            Some(reason) => degraded.insert(market.to_owned(), reason),
            None => degraded.remove(market),
        };
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
        let degraded_markets: Vec<DegradedMarket> = self
            .degraded
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .iter()
            .map(|(market, reason)| DegradedMarket {
                market: market.clone(),
                reason: reason.clone(),
            })
            .collect();
        let status = if age >= self.stale_after {
            "stale"
        } else if degraded_markets.is_empty() {
            "ok"
        } else {
            "degraded"
        };
        HealthReport {
            status,
            head,
            age_secs: age.as_secs_f64(),
            degraded_markets,
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
