//! The position index: every borrower's borrow shares and collateral in every market of the deployment,
//! rebuilt from the core's events and kept current block by block.
//!
//! - [`event`]: what each core event does to a position (mirrors the writes in `Cantilever.sol`).
//! - `state`: the pure apply/undo logic.
//! - `sync`: the RPC side: a backfill with `eth_getLogs` over ranges that shrink when the node refuses them
//!   and grow back after successes, then the last `reorg_depth` blocks one by one, each checked against
//!   its parent's hash; a block that is no longer canonical is rolled back with its undo log.
//! - `store`: persistence in one redb file, committed once per sync, so a restart resumes where it
//!   stopped (after rolling back its last blocks if they were reorged away meanwhile).
//!
//! The index equals the core's `position(id, borrower)` for every position at its head block.

mod error;
pub mod event;
mod state;
mod store;
mod sync;
#[cfg(test)]
mod tests;

use std::path::{Path, PathBuf};
use std::time::Duration;

use alloy_primitives::B256;
use serde::{Deserialize, Serialize};

pub use error::IndexError;

use cantilever_primitives::deployment::{Deployment, MarketParams};
use cantilever_primitives::position::{Position, PositionKey};
use state::State;
use store::Store;

/// How the index reads the chain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct IndexConfig {
    /// The redb file the daemon persists the index to (a config file's relative path is anchored at the
    /// file's directory). [`PositionIndex::open`] takes the path to open explicitly.
    pub store: PathBuf,
    /// Most blocks asked for in one `eth_getLogs` during a backfill (the range halves on refusal, down
    /// to one block, and doubles back after each success up to this). 0 counts as 1.
    pub max_range: u64,
    /// How many recent blocks are followed one by one and remembered with an undo log: the deepest
    /// reorg the index survives. Blocks older than this are treated as final. 0 counts as 1.
    pub reorg_depth: u64,
}

impl Default for IndexConfig {
    fn default() -> Self {
        Self {
            store: PathBuf::from("cantilever-index.redb"),
            max_range: 2_000,
            reorg_depth: 64,
        }
    }
}

/// A block by number and hash: alloy's own type.
pub use alloy::eips::BlockNumHash as BlockRef;

/// What one [`PositionIndex::sync`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexDelta {
    /// The block the index now stands at.
    pub head: BlockRef,
    /// Every position whose value differs from the last successful sync (or the open), with its new value
    /// (zeros for a position that was emptied), including positions restored by a rollback. Changes made
    /// by a failed sync are reported by the next successful one. Sorted by key.
    pub changed: Vec<(PositionKey, Position)>,
    /// Blocks undone because the chain reorganised.
    pub rolled_back_blocks: u64,
    /// Core logs applied (re-applied ones after a rollback count again).
    pub events: u64,
    /// Blocks indexed (by range or one by one; re-indexed ones after a rollback count again).
    pub blocks: u64,
    /// Wall time of the sync.
    pub elapsed: Duration,
}

/// Positions and markets of one deployment, optionally persisted.
#[derive(Debug)]
pub struct PositionIndex {
    deployment: Deployment,
    config: IndexConfig,
    state: State,
    store: Option<Store>,
    /// The current `eth_getLogs` range: shrunk by refusals, grown by successes, kept across syncs.
    span: u64,
    /// Whether the node's chain id was checked against the deployment.
    chain_checked: bool,
}

impl PositionIndex {
    /// Opens (or creates) the store at `path` and resumes from its head. Fails with
    /// [`IndexError::WrongDeployment`] if the store was written for another core or chain.
    pub fn open(
        path: &Path,
        deployment: &Deployment,
        config: IndexConfig,
    ) -> Result<Self, IndexError> {
        let (store, state) = Store::open(path, deployment, config.reorg_depth)?;
        Ok(Self::with(deployment, config, state, Some(store)))
    }

    /// An index kept in memory only: it starts from the deployment block on every process start.
    pub fn in_memory(deployment: &Deployment, config: IndexConfig) -> Self {
        let state = State::new(config.reorg_depth);
        Self::with(deployment, config, state, None)
    }

    fn with(
        deployment: &Deployment,
        config: IndexConfig,
        state: State,
        store: Option<Store>,
    ) -> Self {
        Self {
            deployment: deployment.clone(),
            span: config.max_range.max(1),
            config,
            state,
            store,
            chain_checked: false,
        }
    }

    /// The position of `key` at the head, or `None` if it has neither debt nor collateral.
    pub fn position(&self, key: &PositionKey) -> Option<Position> {
        self.state.positions.get(key).copied()
    }

    /// Every non-empty position, sorted by market then borrower.
    pub fn positions(&self) -> impl Iterator<Item = (PositionKey, Position)> + '_ {
        self.state.positions.iter().map(|(k, v)| (*k, *v))
    }

    /// Every market created on the core, by id.
    pub fn markets(&self) -> impl Iterator<Item = (B256, MarketParams)> + '_ {
        self.state.markets.iter().map(|(k, v)| (*k, *v))
    }

    /// The last indexed block, or `None` before the first sync.
    pub fn head(&self) -> Option<BlockRef> {
        self.state.head
    }

    /// The configuration.
    pub fn config(&self) -> &IndexConfig {
        &self.config
    }
}
