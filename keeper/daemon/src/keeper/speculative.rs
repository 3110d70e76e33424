//! The keeper's side of speculative plans ([`crate::speculate`]): pending oracle updates are planned for as soon as
//! the stream reports them, over the last head's state, and the decision is held; the step of the first head that
//! shows them all mined sends it before anything else.

use std::time::Instant;

use alloy::primitives::TxHash;
use alloy::providers::Provider;
use tracing::{debug, info, warn};

use super::{Keeper, KeeperError};
use crate::events::KeeperEvent;
use crate::speculate::{HOLD_BLOCKS, Held, PendingTx};

impl Keeper {
    /// [`Self::speculate`] on `txs` (when there are any), its events handed to `on_event`; a failure is logged and
    /// leaves the next head to be planned as usual.
    pub(super) async fn speculate_and_report(
        &mut self,
        txs: Vec<TxHash>,
        on_event: &mut impl FnMut(&KeeperEvent),
    ) {
        if txs.is_empty() {
            return;
        }
        match self.speculate(txs, Instant::now()).await {
            Ok(events) => events.iter().for_each(on_event),
            Err(e) => {
                warn!(target: "cantilever::keeper", error = %e, "planning for a pending oracle update failed: the next head is planned as usual");
            }
        }
    }

    /// Plans for the pending oracle transactions `txs` (reported by the stream at `seen`), together with those a
    /// held decision already waits for, over the last head's state; holds the decision (replacing the one held).
    /// Transactions the node no longer knows, or mined at or before that head (already in its state), are left
    /// out; one mined after it is laid over it like a pending one.
    pub(super) async fn speculate(
        &mut self,
        txs: Vec<TxHash>,
        seen: Instant,
    ) -> Result<Vec<KeeperEvent>, KeeperError> {
        let Some(at) = self.last_at.clone() else {
            return Ok(Vec::new());
        };
        let mut hashes: Vec<TxHash> = self
            .held
            .take()
            .map(|held| held.oracle_txs)
            .unwrap_or_default();
        for hash in txs {
            if !hashes.contains(&hash) {
                hashes.push(hash);
            }
        }
        let mut pending = Vec::with_capacity(hashes.len());
        for hash in &hashes {
            match PendingTx::fetch(self.live.provider(), *hash).await? {
                Some((tx, mined)) if mined.is_none_or(|block| block > at.head) => pending.push(tx),
                _ => {}
            }
        }
        if pending.is_empty() {
            return Ok(Vec::new());
        }
        let oracle_txs: Vec<TxHash> = pending.iter().map(|tx| tx.hash).collect();
        let submitted = &self.submitted;
        let decision = self
            .live
            .speculate(pending, &at, |id| submitted.contains(id))
            .await?;
        let Some(decision) = decision.filter(|d| d.plan.valid && !d.transactions.is_empty()) else {
            debug!(target: "cantilever::keeper", txs = ?oracle_txs, head = at.head, "pending oracle update: nothing to liquidate after it");
            return Ok(Vec::new());
        };
        let ready = Instant::now();
        let orders = decision.transactions.iter().map(|t| t.orders.len()).sum();
        info!(target: "cantilever::keeper", txs = ?oracle_txs, head = at.head, orders, ready_us = ready.duration_since(seen).as_micros() as u64, "pending oracle update: liquidations planned, held until it is mined");
        let event = KeeperEvent::Speculated {
            oracle_txs: oracle_txs.clone(),
            head: at.head,
            orders,
            transactions: decision.transactions.len(),
            ready_us: ready.duration_since(seen).as_micros() as u64,
            at: ready,
        };
        self.held = Some(Held {
            oracle_txs,
            head: at.head,
            seen,
            ready,
            decision,
        });
        Ok(vec![event])
    }

    /// At a step of `head`: sends the held decision if every oracle transaction it waits for is mined (and
    /// succeeded); drops it if one reverted, or once `head` is [`HOLD_BLOCKS`] past the head it was planned over.
    pub(super) async fn release_held(
        &mut self,
        head: u64,
        seen: Instant,
        events: &mut Vec<KeeperEvent>,
    ) -> Result<(), KeeperError> {
        let Some(held) = self.held.as_ref().filter(|h| head > h.head) else {
            return Ok(());
        };
        let mut mined = true;
        for tx in &held.oracle_txs {
            let receipt = self
                .live
                .provider()
                .get_transaction_receipt(*tx)
                .await
                .map_err(KeeperError::rpc("eth_getTransactionReceipt"))?;
            match receipt {
                Some(r) if r.status() => {}
                Some(_) => {
                    info!(target: "cantilever::keeper", %tx, "the pending oracle update reverted: its held liquidations are dropped");
                    self.held = None;
                    return Ok(());
                }
                None => mined = false,
            }
        }
        if !mined {
            if head > held.head + HOLD_BLOCKS {
                info!(target: "cantilever::keeper", txs = ?held.oracle_txs, head, "the pending oracle update was not mined in time: its held liquidations are dropped");
                self.held = None;
            }
            return Ok(());
        }
        let Some(held) = self.held.take() else {
            return Ok(());
        };
        debug!(target: "cantilever::keeper", txs = ?held.oracle_txs, head, held_for = ?held.ready.elapsed(), seen_before = ?held.seen.elapsed(), "the pending oracle update is mined: sending its liquidations");
        self.submit(held.decision, seen, events).await;
        Ok(())
    }
}
