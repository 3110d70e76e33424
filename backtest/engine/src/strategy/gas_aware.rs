//! Waits until a liquidation's gross profit is at least `k` times its gas cost: fewer, fatter liquidations when
//! gas is dear, at the risk of a rival taking the thin ones first.

use std::collections::BTreeMap;

use alloy_primitives::U256;
use cantilever_planner::{Found, Proposed};

use super::Strategy;

/// Gross profit ≥ k × gas cost.
#[derive(Debug, Clone, Copy)]
pub struct GasAware {
    /// The multiple (≥ 1).
    pub k: f64,
}

impl Strategy for GasAware {
    fn name(&self) -> &'static str {
        "gas_aware"
    }
    fn params(&self) -> BTreeMap<String, String> {
        BTreeMap::from([("k".to_string(), self.k.to_string())])
    }
    fn take(&self, proposed: &Proposed, _: &Found) -> Result<(), String> {
        let p = &proposed.proposal;
        // k in thousandths, so the comparison stays in integers.
        let milli = U256::from((self.k * 1000.0).round() as u64);
        if p.gross_profit * U256::from(1000u64) >= p.gas_cost * milli {
            Ok(())
        } else {
            Err(format!(
                "gross profit {} under {}x gas {}",
                p.gross_profit, self.k, p.gas_cost
            ))
        }
    }
}
