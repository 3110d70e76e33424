//! The daemon's default: send everything the planner proposes, as one sequential bundle.

use std::collections::BTreeMap;

use cantilever_planner::{Found, Proposed};

use super::Strategy;

/// Everything proposed, now.
#[derive(Debug, Clone, Copy)]
pub struct Greedy;

impl Strategy for Greedy {
    fn name(&self) -> &'static str {
        "greedy"
    }
    fn params(&self) -> BTreeMap<String, String> {
        BTreeMap::new()
    }
    fn take(&self, _: &Proposed, _: &Found) -> Result<(), String> {
        Ok(())
    }
}
