//! Per-block follow-up of sent transactions: inclusion, same-nonce replacement by someone else, timeout,
//! relay re-submission and public fallback, and fee bumps.

use alloy::network::ReceiptResponse;
use alloy::primitives::TxHash;
use alloy::providers::Provider;

use super::error::Result;
use super::executor::{Executor, InFlight, Route, SendResult, TARGET, rpc_error};
use super::fees::{self, FeeLimit, Fees};
use super::opportunity::OpportunityId;

/// Something that happened to a sent transaction, reported by [`Executor::on_block`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExecEvent {
    /// A version of the transaction was included. `success: false` means it reverted on chain (gas paid).
    Included {
        /// The opportunity.
        id: OpportunityId,
        /// The version included.
        hash: TxHash,
        /// Its nonce.
        nonce: u64,
        /// Block it was included in.
        block: u64,
        /// Gas used.
        gas_used: u64,
        /// Price paid per gas (base fee + tip actually paid).
        effective_gas_price: u128,
        /// Whether it succeeded (status 1).
        success: bool,
    },
    /// Replaced by a same-nonce version with higher fees.
    Bumped {
        /// The opportunity.
        id: OpportunityId,
        /// The version replaced.
        old_hash: TxHash,
        /// The new version.
        new_hash: TxHash,
        /// The shared nonce.
        nonce: u64,
        /// The new fees.
        fees: Fees,
    },
    /// A bump was due but not sent: it would break the fee budget or the tip cap. No later bump is tried;
    /// the transaction may still be included or time out.
    BumpSkipped {
        /// The opportunity.
        id: OpportunityId,
        /// The nonce.
        nonce: u64,
        /// Which limit.
        reason: FeeLimit,
    },
    /// A bump, relay re-submission or fallback was refused or failed; the nonce is resynced and the
    /// transaction is still tracked.
    SendFailed {
        /// The opportunity.
        id: OpportunityId,
        /// The nonce.
        nonce: u64,
        /// The node's or relay's message.
        message: String,
    },
    /// The relay did not get it included in time: the same signed transaction went to the public mempool.
    FellBackToPublic {
        /// The opportunity.
        id: OpportunityId,
        /// The transaction sent publicly.
        hash: TxHash,
    },
    /// Not included within `timeout_blocks`: no longer tracked, and the nonce is resynced from the chain.
    TimedOut {
        /// The opportunity.
        id: OpportunityId,
        /// The nonce.
        nonce: u64,
        /// The latest version's hash.
        hash: TxHash,
    },
    /// The nonce was used by a transaction that is none of ours for this opportunity (a transaction sent
    /// outside the executor, or a version we lost track of); the nonce is resynced.
    ReplacedByOther {
        /// The opportunity.
        id: OpportunityId,
        /// The nonce consumed by the other transaction.
        nonce: u64,
    },
}

impl<P: Provider> Executor<P> {
    /// Follows up every in-flight transaction at a new block: receipts, nonce consumed by another
    /// transaction, timeout, relay re-submission or fallback, fee bump. Also expires old ledger entries.
    /// Call it once per block with that block's base fee.
    pub async fn on_block(&mut self, block: u64, base_fee: u128) -> Result<Vec<ExecEvent>> {
        self.block = self.block.max(block);
        self.base_fee = base_fee;
        let expired = self.ledger.prune(self.block)?;
        if expired > 0 {
            tracing::debug!(target: TARGET, expired, block, "ledger entries expired");
        }
        if self.in_flight.is_empty() {
            return Ok(Vec::new());
        }
        // The mined nonce first, then the receipts: a transaction included between the two reads shows as
        // included, never as replaced.
        let mined_nonce = self
            .provider
            .get_transaction_count(self.address())
            .latest()
            .await
            .map_err(|e| rpc_error("eth_getTransactionCount", e))?;
        let mut events = Vec::new();
        let mut still = Vec::with_capacity(self.in_flight.len());
        for mut tx in std::mem::take(&mut self.in_flight) {
            match self.follow(&mut tx, mined_nonce, &mut events).await {
                Ok(true) => still.push(tx),
                Ok(false) => {}
                Err(error) => {
                    // Keep tracking on a read failure; put back the rest before returning.
                    still.push(tx);
                    self.in_flight.append(&mut still);
                    return Err(error);
                }
            }
        }
        self.in_flight = still;
        Ok(events)
    }

    /// Follows one transaction; returns whether it is still in flight.
    async fn follow(
        &mut self,
        tx: &mut InFlight,
        mined_nonce: u64,
        events: &mut Vec<ExecEvent>,
    ) -> Result<bool> {
        let id = tx.opportunity.id;
        for hash in std::iter::once(&tx.hash).chain(tx.replaced.iter().rev()) {
            let receipt = self
                .provider
                .get_transaction_receipt(*hash)
                .await
                .map_err(|e| rpc_error("eth_getTransactionReceipt", e))?;
            if let Some(receipt) = receipt {
                let event = ExecEvent::Included {
                    id,
                    hash: *hash,
                    nonce: tx.nonce,
                    block: receipt.block_number.unwrap_or(self.block),
                    gas_used: receipt.gas_used(),
                    effective_gas_price: receipt.effective_gas_price(),
                    success: receipt.status(),
                };
                tracing::info!(
                    target: TARGET, %id, label = %tx.opportunity.label, %hash, nonce = tx.nonce,
                    gas_used = receipt.gas_used(), effective_gas_price = receipt.effective_gas_price(),
                    success = receipt.status(), versions = tx.replaced.len() + 1, "included"
                );
                events.push(event);
                return Ok(false);
            }
        }
        if mined_nonce > tx.nonce {
            tracing::warn!(
                target: TARGET, %id, label = %tx.opportunity.label, nonce = tx.nonce,
                "nonce used by another transaction"
            );
            self.nonces.resync();
            events.push(ExecEvent::ReplacedByOther {
                id,
                nonce: tx.nonce,
            });
            return Ok(false);
        }
        let age = self.block.saturating_sub(tx.first_block);
        if age >= self.config.timeout_blocks {
            let hash = tx.hash;
            tracing::warn!(target: TARGET, %id, label = %tx.opportunity.label, %hash, nonce = tx.nonce, age, "timed out");
            // The node's pending count tells whether the nonce is still taken by the stuck transaction.
            self.nonces.resync();
            events.push(ExecEvent::TimedOut {
                id,
                nonce: tx.nonce,
                hash,
            });
            return Ok(false);
        }
        if tx.route == Route::Relay && self.relay_fallback_due(age) {
            self.fall_back(tx, events).await;
            return Ok(true);
        }
        let bump_due = !tx.bumps_exhausted
            && self.block.saturating_sub(tx.last_send_block) >= self.config.bump_after_blocks;
        if bump_due && self.bump(tx, events).await? {
            return Ok(true);
        }
        if tx.route == Route::Relay {
            // A bundle targets one block: re-send it for the next one.
            let Some(relay) = &self.relay else {
                return Ok(true);
            };
            if let Err(failure) = relay.send_bundle(&tx.raw, self.block + 1).await {
                self.send_failed(tx, failure.message, events);
            }
        }
        Ok(true)
    }

    /// Whether a relay transaction of this age should go to the public mempool.
    fn relay_fallback_due(&self, age: u64) -> bool {
        self.config
            .relay
            .as_ref()
            .is_some_and(|relay| relay.public_fallback && age >= relay.fallback_after_blocks)
    }

    /// Sends the current version of a relay transaction publicly; bumps continue from there.
    async fn fall_back(&mut self, tx: &mut InFlight, events: &mut Vec<ExecEvent>) {
        let id = tx.opportunity.id;
        let hash = tx.hash;
        match self.send_public(&tx.raw).await {
            SendResult::Accepted => {
                tracing::info!(target: TARGET, %id, %hash, "relay did not include it, sent publicly");
                tx.route = Route::Public;
                tx.last_send_block = self.block;
                events.push(ExecEvent::FellBackToPublic { id, hash });
            }
            SendResult::Refused(message) | SendResult::Uncertain(message) => {
                self.send_failed(tx, message, events);
            }
        }
    }

    /// Replaces the transaction with the same nonce and higher fees, unless the budget or the tip cap
    /// forbids it. Returns whether a replacement was sent (or may have been).
    async fn bump(&mut self, tx: &mut InFlight, events: &mut Vec<ExecEvent>) -> Result<bool> {
        let id = tx.opportunity.id;
        let new_fees = match fees::bump_fees(
            tx.fees,
            self.base_fee,
            self.config.bump_percent,
            self.config.max_priority_fee_wei,
            tx.opportunity.gas_limit,
            tx.opportunity.fee_budget_wei,
        ) {
            Ok(fees) => fees,
            Err(reason) => {
                tracing::warn!(
                    target: TARGET, %id, label = %tx.opportunity.label, nonce = tx.nonce, %reason,
                    "bump not sent"
                );
                tx.bumps_exhausted = true;
                events.push(ExecEvent::BumpSkipped {
                    id,
                    nonce: tx.nonce,
                    reason,
                });
                return Ok(false);
            }
        };
        let (new_hash, raw) = self.sign(&tx.opportunity, tx.nonce, new_fees)?;
        let result = match (tx.route, &self.relay) {
            (Route::Relay, Some(relay)) => match relay.send_bundle(&raw, self.block + 1).await {
                Ok(()) => SendResult::Accepted,
                Err(failure) => SendResult::Refused(failure.message),
            },
            _ => self.send_public(&raw).await,
        };
        let old_hash = tx.hash;
        let uncertain = match result {
            SendResult::Accepted => None,
            // An unanswered replacement may have reached the node: track its hash too, as current.
            SendResult::Uncertain(message) => Some(message),
            SendResult::Refused(message) => {
                // Try again after another `bump_after_blocks`, from the same fees.
                tx.last_send_block = self.block;
                self.send_failed(tx, message, events);
                return Ok(false);
            }
        };
        if uncertain.is_none() {
            tracing::info!(
                target: TARGET, %id, label = %tx.opportunity.label, %old_hash, %new_hash, nonce = tx.nonce,
                max_fee = new_fees.max_fee_per_gas, priority_fee = new_fees.max_priority_fee_per_gas, "bumped"
            );
        }
        tx.replaced.push(tx.hash);
        tx.hash = new_hash;
        tx.raw = raw;
        tx.fees = new_fees;
        tx.last_send_block = self.block;
        self.ledger.update_hash(&id, new_hash)?;
        match uncertain {
            Some(message) => self.send_failed(tx, message, events),
            None => events.push(ExecEvent::Bumped {
                id,
                old_hash,
                new_hash,
                nonce: tx.nonce,
                fees: new_fees,
            }),
        }
        Ok(true)
    }

    fn send_failed(&mut self, tx: &InFlight, message: String, events: &mut Vec<ExecEvent>) {
        let id = tx.opportunity.id;
        tracing::warn!(target: TARGET, %id, label = %tx.opportunity.label, nonce = tx.nonce, %message, "send failed");
        self.nonces.resync();
        events.push(ExecEvent::SendFailed {
            id,
            nonce: tx.nonce,
            message,
        });
    }
}
