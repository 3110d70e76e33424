//! The ledger checked against the node. The ledger entry is written before the send, so a crash between the
//! two leaves an entry whose transaction never left the process: unknown to the node, its nonce unused. Such an
//! entry would withhold its opportunity as a duplicate until the TTL, while the position stays liquidatable.
//! [`Executor::reconcile`] (at start-up) and every duplicate in [`Executor::submit`] release the entries
//! whose transaction can never execute:
//!
//! - unknown to the node and its nonce unused (the account's pending count is at most the entry's nonce):
//!   never sent, dropped from the node's pool, or held by a relay that did not land it. Re-sending is safe:
//!   the next send takes the lowest unused nonce (the nonce counter is resynced), normally the entry's own, so
//!   at most one of the two transactions can ever be mined; were it lower (a gap), the old one could only
//!   land after the re-send, against a position already liquidated, and revert.
//! - mined and reverted: it executed nothing and cannot execute again.
//!
//! Anything else stays: pending (it may still land), mined successfully (its position changed, so the same
//! opportunity id will not come back), or unknown with its nonce taken by another transaction that may still
//! be pending (an earlier version of ours, say). Entries of transactions still tracked in flight and dry-run
//! entries are never reconciled: the executor knows their state.

use alloy::providers::Provider;

use super::error::Result;
use super::executor::{Executor, TARGET, rpc_error};
use super::ledger::LedgerEntry;
use super::opportunity::OpportunityId;

/// Why a ledger entry was released.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Released {
    /// Its transaction is unknown to the node and its nonce unused: it was never sent (a crash between the
    /// ledger write and the send) or it left every pool.
    NeverSent,
    /// Its transaction was mined and reverted.
    Reverted,
}

impl std::fmt::Display for Released {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Self::NeverSent => "its transaction is unknown to the node and its nonce unused",
            Self::Reverted => "its transaction was mined and reverted",
        })
    }
}

impl<P: Provider> Executor<P> {
    /// Checks every ledger entry not in flight against the node and releases those whose transaction can
    /// never execute (see the [module docs](self)). Returns the released ids and why. Called by
    /// [`Executor::new`]; call it again after anything that may have lost transactions (a node restart).
    pub async fn reconcile(&mut self) -> Result<Vec<(OpportunityId, Released)>> {
        let entries: Vec<(OpportunityId, LedgerEntry)> = self
            .ledger
            .entries()
            .filter(|(id, entry)| !entry.dry_run && !self.is_in_flight(id))
            .map(|(id, entry)| (*id, entry.clone()))
            .collect();
        if entries.is_empty() {
            return Ok(Vec::new());
        }
        let pending_nonce = self.pending_nonce().await?;
        let mut released = Vec::new();
        for (id, entry) in entries {
            if let Some(why) = self.dead(&entry, pending_nonce).await? {
                self.release(&id, &entry, why)?;
                released.push((id, why));
            }
        }
        Ok(released)
    }

    /// Reconciles one entry found for `id` on a duplicate; returns why it was released, if it was.
    pub(crate) async fn reconcile_one(
        &mut self,
        id: &OpportunityId,
        entry: &LedgerEntry,
    ) -> Result<Option<Released>> {
        if entry.dry_run || self.is_in_flight(id) {
            return Ok(None);
        }
        let pending_nonce = self.pending_nonce().await?;
        let why = self.dead(entry, pending_nonce).await?;
        if let Some(why) = why {
            self.release(id, entry, why)?;
        }
        Ok(why)
    }

    fn is_in_flight(&self, id: &OpportunityId) -> bool {
        self.in_flight.iter().any(|tx| tx.opportunity.id == *id)
    }

    /// The account's nonce counting the node's pool: the next nonce a send would take.
    async fn pending_nonce(&self) -> Result<u64> {
        self.provider
            .get_transaction_count(self.address())
            .pending()
            .await
            .map_err(|e| rpc_error("eth_getTransactionCount", e))
    }

    /// Why `entry`'s transaction can never execute, if it cannot.
    async fn dead(&self, entry: &LedgerEntry, pending_nonce: u64) -> Result<Option<Released>> {
        let known = self
            .provider
            .get_transaction_by_hash(entry.tx_hash)
            .await
            .map_err(|e| rpc_error("eth_getTransactionByHash", e))?;
        if known.is_none() {
            return Ok((pending_nonce <= entry.nonce).then_some(Released::NeverSent));
        }
        let receipt = self
            .provider
            .get_transaction_receipt(entry.tx_hash)
            .await
            .map_err(|e| rpc_error("eth_getTransactionReceipt", e))?;
        Ok(receipt.filter(|r| !r.status()).map(|_| Released::Reverted))
    }

    fn release(&mut self, id: &OpportunityId, entry: &LedgerEntry, why: Released) -> Result<()> {
        tracing::info!(
            target: TARGET, %id, hash = %entry.tx_hash, nonce = entry.nonce, sent_block = entry.sent_block,
            reason = %why, "ledger entry released: the opportunity may be sent again"
        );
        // The next send must read the pool's count again: a local counter that had counted the lost
        // transaction would leave a gap, and a re-send must take the freed nonce (so at most one can be mined).
        self.nonces.resync();
        self.ledger.remove(id)
    }
}
