//! Waits for a deeper bonus: the core's incentive grows with how far a position is under water, so a keeper
//! that waits earns more per liquidation, but rivals may go first and a fast fall may leave bad debt.

use std::collections::BTreeMap;

use alloy_primitives::U256;
use cantilever_planner::{Found, Proposed};

use super::Strategy;

/// Liquidate once the health factor is at or below a target.
#[derive(Debug, Clone, Copy)]
pub struct DeeperBonus {
    /// Health factor to wait for (below 1).
    pub target_health: f64,
}

impl Strategy for DeeperBonus {
    fn name(&self) -> &'static str {
        "deeper_bonus"
    }
    fn params(&self) -> BTreeMap<String, String> {
        BTreeMap::from([("target_health".to_string(), self.target_health.to_string())])
    }
    fn take(&self, _: &Proposed, found: &Found) -> Result<(), String> {
        let target = U256::from((self.target_health * 1e18).round() as u128);
        if found.health_factor <= target {
            Ok(())
        } else {
            Err(format!(
                "waiting: health {} above {}",
                found.health_factor, target
            ))
        }
    }
}
