//! The daemon's default on a parallel chain: everything proposed, packed as independent transactions with no
//! shared hot slot rather than one ordered bundle.

use std::collections::BTreeMap;

use cantilever_planner::{Found, Proposed};
use cantilever_sim::ChainProfile;

use super::Strategy;

/// Everything proposed, now, packed for a parallel EVM.
#[derive(Debug, Clone, Copy)]
pub struct Parallel;

impl Strategy for Parallel {
    fn name(&self) -> &'static str {
        "parallel"
    }
    fn params(&self) -> BTreeMap<String, String> {
        BTreeMap::new()
    }
    fn profile(&self) -> ChainProfile {
        ChainProfile::Parallel
    }
    fn take(&self, _: &Proposed, _: &Found) -> Result<(), String> {
        Ok(())
    }
}
