//! Strategies: which of the planner's proposals to send now. The planner proposes exactly what the daemon
//! would (every liquidation profitable after the safety buffer and the minimum profit); a strategy may hold
//! some back, or plan for another chain profile. One file each.
//!
//! - [`Greedy`](greedy::Greedy): the daemon's default: everything proposed, packed as one sequential bundle.
//! - [`Parallel`](parallel::Parallel): the same, packed for a parallel chain (independent transactions).
//! - [`GasAware`](gas_aware::GasAware): waits until the gross profit is at least `k` times the gas cost.
//! - [`DeeperBonus`](deeper_bonus::DeeperBonus): waits until the position's health falls to a target, since
//!   the incentive grows with depth, at the risk of rivals going first and of bad debt.

pub mod deeper_bonus;
pub mod gas_aware;
pub mod greedy;
pub mod parallel;

use std::collections::BTreeMap;

use cantilever_planner::{Found, Proposed};
use cantilever_sim::ChainProfile;
use serde::{Deserialize, Serialize};

pub use deeper_bonus::DeeperBonus;
pub use gas_aware::GasAware;
pub use greedy::Greedy;
pub use parallel::Parallel;

/// A liquidation strategy.
pub trait Strategy: Send + Sync + std::fmt::Debug {
    /// Its name in results.
    fn name(&self) -> &'static str;
    /// Its parameters, as results key them.
    fn params(&self) -> BTreeMap<String, String>;
    /// The chain profile its plans are packed for.
    fn profile(&self) -> ChainProfile {
        ChainProfile::Sequential
    }
    /// Whether to send `proposed` now (`found` is its position's health at the block); `Err` says why it waits.
    fn take(&self, proposed: &Proposed, found: &Found) -> Result<(), String>;
}

/// A strategy as configured (in a sweep file or on the command line).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum StrategySpec {
    /// [`Greedy`].
    Greedy,
    /// [`Parallel`].
    Parallel,
    /// [`GasAware`] with its multiple.
    GasAware {
        /// Required gross profit over gas cost.
        k: f64,
    },
    /// [`DeeperBonus`] with its target health.
    DeeperBonus {
        /// Health factor to wait for.
        target_health: f64,
    },
}

impl StrategySpec {
    /// The built-in strategies the bundled scenario compares.
    pub fn builtin() -> Vec<Self> {
        vec![
            Self::Greedy,
            Self::Parallel,
            Self::GasAware { k: 3.0 },
            Self::DeeperBonus {
                target_health: 0.97,
            },
        ]
    }

    /// The strategy.
    pub fn build(&self) -> Result<Box<dyn Strategy>, String> {
        Ok(match *self {
            Self::Greedy => Box::new(Greedy),
            Self::Parallel => Box::new(Parallel),
            Self::GasAware { k } => {
                if !(k.is_finite() && k >= 1.0) {
                    return Err(format!("gas_aware k = {k}: must be a number of at least 1"));
                }
                Box::new(GasAware { k })
            }
            Self::DeeperBonus { target_health } => {
                if !(target_health.is_finite() && target_health > 0.0 && target_health < 1.0) {
                    return Err(format!(
                        "deeper_bonus target_health = {target_health}: must be in (0, 1)"
                    ));
                }
                Box::new(DeeperBonus { target_health })
            }
        })
    }
}
