//! A run's parameters beyond the strategy: latency, rivals, arbitrage, fees.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// The world a strategy runs in.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct WorldParams {
    /// Blocks between a state and the keeper acting on it (0: it plans on the block's own state, as a keeper
    /// backrunning the oracle update does).
    pub detection_lag: u64,
    /// Blocks between planning and inclusion (0: the same block).
    pub inclusion_delay: u64,
    /// Probability that a rival takes a given liquidatable position first, per block once its latency passed.
    pub rival_probability: f64,
    /// Blocks a position must be liquidatable before the rival may act.
    pub rival_latency: u64,
    /// Steps the pools lag the oracle by.
    pub arbitrage_lag: u64,
    /// Fraction of the distance to the oracle price (in log price) arbitrage closes per step (0..=1).
    pub arbitrage_efficiency: f64,
    /// Priority fee offered (gwei).
    pub priority_fee_gwei: f64,
    /// The blocks' base fee before the path's gas multiplier (gwei); `None`: the scenario's own (a devnet's is
    /// a few million wei, which makes gas nearly free).
    pub base_fee_gwei: Option<f64>,
}

impl Default for WorldParams {
    fn default() -> Self {
        Self {
            detection_lag: 0,
            inclusion_delay: 0,
            rival_probability: 0.0,
            rival_latency: 1,
            arbitrage_lag: 1,
            arbitrage_efficiency: 0.8,
            priority_fee_gwei: 1.0,
            base_fee_gwei: None,
        }
    }
}

impl WorldParams {
    /// Checks the parameters can describe a world.
    pub fn validate(&self) -> Result<(), String> {
        if !(0.0..=1.0).contains(&self.rival_probability) {
            return Err(format!(
                "rival_probability = {}: must be in [0, 1]",
                self.rival_probability
            ));
        }
        if !(self.arbitrage_efficiency > 0.0 && self.arbitrage_efficiency <= 1.0) {
            return Err(format!(
                "arbitrage_efficiency = {}: must be in (0, 1]",
                self.arbitrage_efficiency
            ));
        }
        if !(self.priority_fee_gwei.is_finite() && self.priority_fee_gwei >= 0.0) {
            return Err(format!(
                "priority_fee_gwei = {}: must be a non-negative number",
                self.priority_fee_gwei
            ));
        }
        if let Some(gwei) = self.base_fee_gwei
            && !(gwei.is_finite() && (0.0..=100_000.0).contains(&gwei))
        {
            return Err(format!(
                "base_fee_gwei = {gwei}: must be a number between 0 and 100000"
            ));
        }
        if self.detection_lag > 1000 || self.inclusion_delay > 1000 {
            return Err("detection_lag and inclusion_delay must be at most 1000 blocks".into());
        }
        Ok(())
    }

    /// The parameters as results key them.
    pub fn keyed(&self) -> BTreeMap<String, String> {
        BTreeMap::from([
            ("detection_lag".to_string(), self.detection_lag.to_string()),
            (
                "inclusion_delay".to_string(),
                self.inclusion_delay.to_string(),
            ),
            (
                "rival_probability".to_string(),
                self.rival_probability.to_string(),
            ),
            ("rival_latency".to_string(), self.rival_latency.to_string()),
            ("arbitrage_lag".to_string(), self.arbitrage_lag.to_string()),
            (
                "arbitrage_efficiency".to_string(),
                self.arbitrage_efficiency.to_string(),
            ),
            (
                "priority_fee_gwei".to_string(),
                self.priority_fee_gwei.to_string(),
            ),
        ])
    }
}
