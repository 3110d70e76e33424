//! The index's contents and the pure logic that changes them: applying a block's effects with an undo log,
//! and rolling blocks back. No I/O here, so every rule is unit-tested without a node.

use std::collections::{BTreeMap, BTreeSet, VecDeque};

use alloy_primitives::B256;
use serde::{Deserialize, Serialize};

use super::BlockRef;
use super::error::IndexError;
use super::event::{Change, Effect};
use cantilever_primitives::deployment::MarketParams;
use cantilever_primitives::position::{Position, PositionKey};

/// One remembered block: its hash, and how to undo what it did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct BlockRecord {
    /// The block.
    pub(crate) block: BlockRef,
    /// The value each position had before the block touched it (zero for a position that did not exist).
    pub(crate) undo: Vec<(PositionKey, Position)>,
    /// Markets the block created.
    pub(crate) markets: Vec<B256>,
}

/// Positions, markets and the recent blocks, plus what changed since the last sync and the last save.
#[derive(Debug, Default)]
pub(crate) struct State {
    /// Non-empty positions (an emptied position is removed).
    pub(crate) positions: BTreeMap<PositionKey, Position>,
    /// Created markets.
    pub(crate) markets: BTreeMap<B256, MarketParams>,
    /// The last indexed block.
    pub(crate) head: Option<BlockRef>,
    /// The last indexed blocks, oldest first; the newest is `head` (when the head was followed or
    /// ended a backfill).
    pub(crate) recent: VecDeque<BlockRecord>,
    /// How many blocks `recent` keeps (at least one).
    pub(crate) depth: usize,
    /// Each position touched since the last `take_changed`, with its value then.
    touched: BTreeMap<PositionKey, Position>,
    /// Positions touched since the last save.
    pub(crate) unsaved: BTreeSet<PositionKey>,
    /// Whether markets changed since the last save.
    pub(crate) markets_unsaved: bool,
}

impl State {
    /// An empty index remembering `depth` blocks.
    pub(crate) fn new(depth: u64) -> Self {
        Self {
            depth: usize::try_from(depth).unwrap_or(usize::MAX).max(1),
            ..Self::default()
        }
    }

    /// The position's value (zero if absent).
    pub(crate) fn get(&self, key: &PositionKey) -> Position {
        self.positions.get(key).copied().unwrap_or_default()
    }

    /// Every position whose value differs from the one it had at the previous call, with its value now,
    /// sorted by key. Changes made by a sync that then failed are reported by the next successful one.
    pub(crate) fn take_changed(&mut self) -> Vec<(PositionKey, Position)> {
        let touched = std::mem::take(&mut self.touched);
        touched
            .into_iter()
            .filter_map(|(key, before)| {
                let now = self.get(&key);
                (now != before).then_some((key, now))
            })
            .collect()
    }

    /// Applies one block's effects and makes it the head. With `remember`, the block joins `recent` with
    /// its undo log (the oldest is dropped past `depth`). On error nothing changes.
    pub(crate) fn apply_block(
        &mut self,
        block: BlockRef,
        effects: &[Effect],
        remember: bool,
    ) -> Result<(), IndexError> {
        let mut record = BlockRecord {
            block,
            undo: Vec::new(),
            markets: Vec::new(),
        };
        for effect in effects {
            if let Err(e) = self.apply(block.number, effect, &mut record) {
                // Leave the state as it was before this block: a half-applied block would never be retried.
                self.undo(&record);
                return Err(e);
            }
        }
        self.head = Some(block);
        if remember {
            self.remember(record);
        }
        Ok(())
    }

    /// Adds a block with no undo log to `recent`: the last block of a backfill, whose hash a restart or a
    /// later sync checks, but which cannot itself be undone.
    pub(crate) fn remember(&mut self, record: BlockRecord) {
        self.recent.push_back(record);
        while self.recent.len() > self.depth {
            self.recent.pop_front();
        }
    }

    /// Undoes every remembered block above `ancestor`, newest first; returns how many. The head becomes
    /// the newest remaining remembered block (`ancestor` itself when it is remembered).
    pub(crate) fn rollback_above(&mut self, ancestor: u64) -> u64 {
        let mut count = 0;
        while let Some(record) = self.recent.back() {
            if record.block.number <= ancestor {
                break;
            }
            let record = self.recent.pop_back().expect("back() was Some");
            self.undo(&record);
            count += 1;
        }
        self.head = self.recent.back().map(|r| r.block);
        count
    }

    fn apply(
        &mut self,
        block: u64,
        effect: &Effect,
        record: &mut BlockRecord,
    ) -> Result<(), IndexError> {
        match *effect {
            Effect::CreateMarket { id, params } => {
                // The core refuses to create a market twice; a repeat would be a replayed log.
                if let std::collections::btree_map::Entry::Vacant(slot) = self.markets.entry(id) {
                    slot.insert(params);
                    record.markets.push(id);
                    self.markets_unsaved = true;
                }
            }
            Effect::Position { key, change, event } => {
                let old = self.get(&key);
                let new =
                    step(old, change).ok_or(IndexError::Inconsistent { key, event, block })?;
                if !record.undo.iter().any(|(k, _)| *k == key) {
                    record.undo.push((key, old));
                }
                self.set(key, new);
            }
        }
        Ok(())
    }

    fn undo(&mut self, record: &BlockRecord) {
        // Entries hold the value before the block's first touch, so their order does not matter.
        for &(key, old) in &record.undo {
            self.set(key, old);
        }
        for id in &record.markets {
            self.markets.remove(id);
            self.markets_unsaved = true;
        }
    }

    fn set(&mut self, key: PositionKey, value: Position) {
        let before = self.get(&key);
        self.touched.entry(key).or_insert(before);
        self.unsaved.insert(key);
        if value.is_empty() {
            self.positions.remove(&key);
        } else {
            self.positions.insert(key, value);
        }
    }
}

/// The core's arithmetic: checked, since it reverts on under- and overflow.
fn step(p: Position, change: Change) -> Option<Position> {
    let mut p = p;
    match change {
        Change::AddBorrowShares(n) => p.borrow_shares = p.borrow_shares.checked_add(n)?,
        Change::SubBorrowShares(n) => p.borrow_shares = p.borrow_shares.checked_sub(n)?,
        Change::AddCollateral(n) => p.collateral = p.collateral.checked_add(n)?,
        Change::SubCollateral(n) => p.collateral = p.collateral.checked_sub(n)?,
    }
    Some(p)
}
