//! Bringing the index to the chain's head: reorg check, range backfill, then block-by-block follow.

use std::time::{Duration, Instant};

use alloy::eips::BlockNumberOrTag;
use alloy::providers::Provider;
use alloy::rpc::types::{Filter, Log};
use tracing::{debug, info, warn};

use super::error::IndexError;
use super::event::{self, Effect};
use super::state::BlockRecord;
use super::{BlockRef, IndexDelta, PositionIndex};

/// Passes of one sync (each pass after the first follows a reorg found mid-sync).
const MAX_PASSES: u32 = 16;
/// Backfill progress is logged at most this often.
const PROGRESS_EVERY: Duration = Duration::from_secs(5);

/// Counters of one sync.
#[derive(Debug, Default)]
struct Stats {
    events: u64,
    blocks: u64,
    rolled_back: u64,
}

/// Why a pass stopped early.
enum Pass {
    /// The head was reached.
    Done,
    /// A block's parent is not the indexed head: the chain reorganised, check again.
    Reorged,
}

impl PositionIndex {
    /// Brings the index to the node's current head, rolling back blocks the chain abandoned, and (with a
    /// store) commits the result in one transaction. Progress made before an error is kept (and saved):
    /// every block is applied whole or not at all, so the next sync resumes after the last one applied.
    pub async fn sync<P: Provider>(&mut self, provider: &P) -> Result<IndexDelta, IndexError> {
        let started = Instant::now();
        let mut stats = Stats::default();
        let result = self.sync_passes(provider, &mut stats).await;
        // Saved even after an error: every block is applied whole, so the state is consistent and the
        // progress of a long backfill is kept.
        let saved = match &self.store {
            Some(store) => store.save(&mut self.state),
            None => Ok(()),
        };
        result?;
        saved?;
        let head = self.state.head.ok_or(IndexError::MissingBlock {
            number: self.deployment.deploy_block,
        })?;
        let delta = IndexDelta {
            head,
            changed: self.state.take_changed(),
            rolled_back_blocks: stats.rolled_back,
            events: stats.events,
            blocks: stats.blocks,
            elapsed: started.elapsed(),
        };
        debug!(
            target: "cantilever::index",
            head = head.number,
            blocks = delta.blocks,
            events = delta.events,
            changed = delta.changed.len(),
            rolled_back = delta.rolled_back_blocks,
            "synced"
        );
        Ok(delta)
    }

    async fn sync_passes<P: Provider>(
        &mut self,
        provider: &P,
        stats: &mut Stats,
    ) -> Result<(), IndexError> {
        if !self.chain_checked {
            let actual = provider
                .get_chain_id()
                .await
                .map_err(IndexError::rpc("eth_chainId", "chain id"))?;
            if actual != self.deployment.chain_id {
                return Err(IndexError::WrongChain {
                    expected: self.deployment.chain_id,
                    actual,
                });
            }
            self.chain_checked = true;
        }
        for _ in 0..MAX_PASSES {
            if let Pass::Done = self.pass(provider, stats).await? {
                return Ok(());
            }
        }
        Err(IndexError::ChainUnstable {
            attempts: MAX_PASSES,
        })
    }

    async fn pass<P: Provider>(
        &mut self,
        provider: &P,
        stats: &mut Stats,
    ) -> Result<Pass, IndexError> {
        let tip = provider
            .get_block_number()
            .await
            .map_err(IndexError::rpc("eth_blockNumber", "head"))?;
        if let Some(head) = self.state.head
            && block_at(provider, head.number).await?.map(|b| b.block.hash) != Some(head.hash)
        {
            self.roll_back(provider, head, stats).await?;
        }
        let next = self
            .state
            .head
            .map_or(self.deployment.deploy_block, |h| h.number + 1);
        if next > tip {
            return Ok(Pass::Done);
        }
        // The last `reorg_depth` blocks are followed one by one; older ones are final and read by range.
        let depth = self.config.reorg_depth.max(1);
        let follow_from = tip.saturating_sub(depth - 1).max(next);
        if next < follow_from {
            self.backfill(provider, next, follow_from - 1, stats)
                .await?;
            let end =
                block_at(provider, follow_from - 1)
                    .await?
                    .ok_or(IndexError::MissingBlock {
                        number: follow_from - 1,
                    })?;
            // The backfill's last block starts the window of remembered blocks.
            self.state.head = Some(end.block);
            self.state.remember(BlockRecord {
                block: end.block,
                undo: Vec::new(),
                markets: Vec::new(),
            });
        }
        for number in follow_from..=tip {
            let Some(header) = block_at(provider, number).await? else {
                // The chain got shorter under us: a reorg the next pass resolves.
                return Ok(Pass::Reorged);
            };
            if let Some(head) = self.state.head
                && header.parent != head.hash
            {
                return Ok(Pass::Reorged);
            }
            let filter = Filter::new()
                .address(self.deployment.core)
                .at_block_hash(header.block.hash);
            let logs = provider
                .get_logs(&filter)
                .await
                .map_err(IndexError::rpc("eth_getLogs", format!("block {number}")))?;
            let mut effects = Vec::new();
            for log in logs.iter().filter(|l| !l.removed) {
                effects.extend(event::decode(log)?);
                stats.events += 1;
            }
            self.state.apply_block(header.block, &effects, true)?;
            stats.blocks += 1;
        }
        Ok(Pass::Done)
    }

    /// Finds the newest remembered block still canonical and undoes every block above it.
    async fn roll_back<P: Provider>(
        &mut self,
        provider: &P,
        head: BlockRef,
        stats: &mut Stats,
    ) -> Result<(), IndexError> {
        let too_deep = |state: &super::State| {
            let oldest = state.recent.front().map_or(head, |r| r.block);
            IndexError::ReorgTooDeep {
                remembered: state.recent.len(),
                oldest: oldest.number,
                hash: oldest.hash,
            }
        };
        // Undo logs chain only from the head down; a head outside them (a backfill interrupted mid-range)
        // cannot be unwound.
        if self.state.recent.back().map(|r| r.block) != Some(head) {
            return Err(too_deep(&self.state));
        }
        let mut ancestor = None;
        for record in self.state.recent.iter().rev() {
            let canonical = block_at(provider, record.block.number).await?;
            if canonical.map(|b| b.block.hash) == Some(record.block.hash) {
                ancestor = Some(record.block.number);
                break;
            }
        }
        let ancestor = ancestor.ok_or_else(|| too_deep(&self.state))?;
        let undone = self.state.rollback_above(ancestor);
        stats.rolled_back += undone;
        warn!(
            target: "cantilever::index",
            from = head.number,
            %head.hash,
            to = ancestor,
            blocks = undone,
            "reorg: rolled back to the common ancestor"
        );
        Ok(())
    }

    /// Applies the core's logs of `from..=to` with `eth_getLogs`, shrinking the range on refusal.
    async fn backfill<P: Provider>(
        &mut self,
        provider: &P,
        from: u64,
        to: u64,
        stats: &mut Stats,
    ) -> Result<(), IndexError> {
        let max = self.config.max_range.max(1);
        // Range-applied blocks have no undo log, so older remembered blocks can no longer be rolled back
        // to: forget them (they are deeper than `reorg_depth` anyway).
        self.state.recent.clear();
        info!(target: "cantilever::index", from, to, range = self.span, "backfill");
        let started = Instant::now();
        let mut last_report = started;
        let mut start = from;
        while start <= to {
            let end = start.saturating_add(self.span - 1).min(to);
            let filter = Filter::new()
                .address(self.deployment.core)
                .from_block(start)
                .to_block(end);
            let logs = match provider.get_logs(&filter).await {
                Ok(logs) => logs,
                Err(e) if end > start => {
                    // Nodes refuse large ranges or result sets with various errors; any error on a
                    // multi-block range is retried on half of it.
                    // Half the refused range's length (end - start + 1), at least one block.
                    self.span = (end - start).div_ceil(2).max(1);
                    debug!(
                        target: "cantilever::index",
                        start, end, new_range = self.span, error = %e,
                        "eth_getLogs refused, shrinking range"
                    );
                    continue;
                }
                Err(e) => {
                    return Err(IndexError::rpc("eth_getLogs", format!("block {start}"))(e));
                }
            };
            stats.events += self.apply_range(&logs)?;
            stats.blocks += end - start + 1;
            start = end + 1;
            self.span = self.span.saturating_mul(2).min(max);
            if last_report.elapsed() >= PROGRESS_EVERY {
                last_report = Instant::now();
                info!(
                    target: "cantilever::index",
                    at = end, to, events = stats.events, range = self.span,
                    "backfill progress"
                );
            }
        }
        info!(
            target: "cantilever::index",
            from, to, events = stats.events, elapsed_ms = started.elapsed().as_millis() as u64,
            "backfill done"
        );
        Ok(())
    }

    /// Applies range logs block by block (no undo log: these blocks are final); returns how many.
    fn apply_range(&mut self, logs: &[Log]) -> Result<u64, IndexError> {
        let mut applied = 0;
        let mut current: Option<BlockRef> = None;
        let mut effects: Vec<Effect> = Vec::new();
        for log in logs.iter().filter(|l| !l.removed) {
            let block = log_block(log)?;
            if current.is_some_and(|c| c != block) {
                let done = current.replace(block).expect("is_some");
                self.state.apply_block(done, &effects, false)?;
                effects.clear();
            }
            current = Some(block);
            effects.extend(event::decode(log)?);
            applied += 1;
        }
        if let Some(block) = current {
            self.state.apply_block(block, &effects, false)?;
        }
        Ok(applied)
    }
}

/// A header's identity and parent.
struct Header {
    block: BlockRef,
    parent: alloy_primitives::B256,
}

/// The canonical block at `number`, or `None` if the node has none.
async fn block_at<P: Provider>(provider: &P, number: u64) -> Result<Option<Header>, IndexError> {
    let block = provider
        .get_block_by_number(BlockNumberOrTag::Number(number))
        .await
        .map_err(IndexError::rpc(
            "eth_getBlockByNumber",
            format!("block {number}"),
        ))?;
    Ok(block.map(|b| Header {
        block: BlockRef {
            number: b.header.number,
            hash: b.header.hash,
        },
        parent: b.header.parent_hash,
    }))
}

/// The block a range log belongs to.
fn log_block(log: &Log) -> Result<BlockRef, IndexError> {
    match (log.block_number, log.block_hash) {
        (Some(number), Some(hash)) => Ok(BlockRef { number, hash }),
        _ => Err(IndexError::Decode {
            event: "log",
            block: log.block_number.unwrap_or_default(),
            log_index: log.log_index.unwrap_or_default(),
            reason: "a mined log without block number or hash".into(),
        }),
    }
}
