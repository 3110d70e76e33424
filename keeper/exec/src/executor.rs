//! The executor: pre-flight, fees, nonce, signing, the ledger check and the send. Inclusion tracking and
//! bumps are in [`super::tracking`].

use std::time::Instant;

use alloy::consensus::{SignableTransaction, TxEip1559, TxEnvelope};
use alloy::eips::BlockNumberOrTag;
use alloy::eips::eip2718::Encodable2718;
use alloy::primitives::{Address, Bytes, TxHash, TxKind, U256};
use alloy::providers::Provider;
use alloy::rpc::types::TransactionRequest;
use alloy::signers::SignerSync;
use alloy::signers::local::PrivateKeySigner;
use alloy::transports::{RpcError, TransportErrorKind};

use super::config::ExecConfig;
use super::error::{ExecError, Result};
use super::fees::{self, FeeLimit, Fees};
use super::ledger::{Ledger, LedgerEntry};
use super::nonce::NonceManager;
use super::opportunity::Opportunity;
use super::relay::RelayClient;

/// Log target of the executor.
pub(crate) const TARGET: &str = "cantilever::exec";

/// A submission up to its send.
enum Prepared {
    /// Signed and in the ledger: to be sent.
    Signed(Box<Signed>),
    /// Ended before a send (a duplicate, a dry run).
    Done(SubmitOutcome),
}

/// A signed transaction waiting for its first send.
struct Signed {
    hash: TxHash,
    raw: Bytes,
    nonce: u64,
    fees: Fees,
    opportunity: Opportunity,
}

/// What [`Executor::submit`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SubmitOutcome {
    /// Signed and sent (public mempool or relay); now tracked by [`Executor::on_block`].
    Sent {
        /// Transaction hash.
        hash: TxHash,
        /// Its nonce.
        nonce: u64,
    },
    /// This opportunity was already submitted (see the ledger); nothing was sent.
    Duplicate {
        /// Hash of the earlier submission's latest version.
        hash: TxHash,
    },
    /// Dry-run: signed and logged, not sent; no nonce consumed.
    DryRun {
        /// Hash the transaction would have had.
        hash: TxHash,
    },
}

/// Where a transaction was sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Route {
    /// `eth_sendRawTransaction` to the provider.
    Public,
    /// `eth_sendBundle` to the relay, re-sent for each next block until included or fallen back.
    Relay,
}

/// A sent transaction not yet included, with every version (bump) sent for its nonce.
#[derive(Debug)]
pub(crate) struct InFlight {
    pub(crate) opportunity: Opportunity,
    pub(crate) nonce: u64,
    pub(crate) fees: Fees,
    /// Hash of the current version.
    pub(crate) hash: TxHash,
    /// Hashes of the versions it replaced, oldest first: any of them may still be the one included.
    pub(crate) replaced: Vec<TxHash>,
    /// The current version, signed and encoded.
    pub(crate) raw: Bytes,
    pub(crate) first_block: u64,
    pub(crate) last_send_block: u64,
    pub(crate) route: Route,
    /// A bump was refused by the budget or the tip cap; later bumps would be too, so stop trying.
    pub(crate) bumps_exhausted: bool,
}

/// How a send went, for the caller to update nonce, ledger and tracking.
pub(crate) enum SendResult {
    /// The node or relay took it.
    Accepted,
    /// The node or relay answered with a refusal: nothing was sent.
    Refused(String),
    /// No answer: it may have been sent.
    Uncertain(String),
}

/// Signs and sends liquidation transactions from one account, tracks them to inclusion, bumps their fees
/// within each opportunity's budget, and never sends the same opportunity twice. Call
/// [`Executor::on_block`] for every new block.
pub struct Executor<P> {
    pub(crate) provider: P,
    pub(crate) signer: PrivateKeySigner,
    pub(crate) chain_id: u64,
    pub(crate) config: ExecConfig,
    pub(crate) nonces: NonceManager,
    pub(crate) ledger: Ledger,
    pub(crate) in_flight: Vec<InFlight>,
    pub(crate) relay: Option<RelayClient>,
    /// Latest block number seen.
    pub(crate) block: u64,
    /// Base fee of that block.
    pub(crate) base_fee: u128,
}

// The signer's Debug shows only its address, but keep the executor's Debug small and obviously key-free.
impl<P> std::fmt::Debug for Executor<P> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Executor")
            .field("address", &self.signer.address())
            .field("chain_id", &self.chain_id)
            .field("block", &self.block)
            .field("in_flight", &self.in_flight.len())
            .finish_non_exhaustive()
    }
}

impl<P: Provider> Executor<P> {
    /// Checks the config, reads the latest block (number and base fee) and the account's pending nonce, and
    /// opens the ledger (refusing one written for another chain or account).
    pub async fn new(
        provider: P,
        signer: PrivateKeySigner,
        chain_id: u64,
        config: ExecConfig,
    ) -> Result<Self> {
        config.validate()?;
        let block = provider
            .get_block_by_number(BlockNumberOrTag::Latest)
            .await
            .map_err(|e| rpc_error("eth_getBlockByNumber", e))?
            .ok_or_else(|| ExecError::Rpc {
                method: "eth_getBlockByNumber",
                message: "no latest block".into(),
            })?;
        let base_fee = block.header.base_fee_per_gas.ok_or(ExecError::NoBaseFee)?;
        let address = signer.address();
        let ledger = Ledger::open(
            config.ledger_path.clone(),
            chain_id,
            address,
            config.ledger_ttl_blocks,
        )?;
        let relay = match &config.relay {
            Some(relay) => Some(RelayClient::new(
                relay.url.clone(),
                relay.auth_signer.clone(),
            )?),
            None => None,
        };
        let mut executor = Self {
            provider,
            signer,
            chain_id,
            config,
            nonces: NonceManager::default(),
            ledger,
            in_flight: Vec::new(),
            relay,
            block: block.header.number,
            base_fee: u128::from(base_fee),
        };
        let nonce = executor.nonces.next(&executor.provider, address).await?;
        executor.ledger.prune(executor.block)?;
        let released = executor.reconcile().await?;
        tracing::info!(
            target: TARGET,
            %address,
            chain_id,
            nonce,
            block = executor.block,
            ledger_entries = executor.ledger.len(),
            ledger_released = released.len(),
            dry_run = executor.config.dry_run,
            relay = ?executor.relay.as_ref().map(|r| r.auth_address()),
            "executor ready"
        );
        Ok(executor)
    }

    /// The sending account.
    pub fn address(&self) -> Address {
        self.signer.address()
    }

    /// Transactions sent and not yet included, timed out or replaced.
    pub fn in_flight(&self) -> usize {
        self.in_flight.len()
    }

    /// Forgets a settled opportunity whose transaction executed nothing (reverted on chain, timed out, nonce
    /// taken), so it may be submitted again. Never call it for one still in flight.
    pub fn forget(&mut self, id: &crate::OpportunityId) -> Result<()> {
        if self.in_flight.iter().any(|tx| tx.opportunity.id == *id) {
            return Ok(());
        }
        self.ledger.remove(id)
    }

    /// The transaction that already carries opportunity `id` (alone or in a batch), if there is one that may
    /// still execute: a ledger entry found for it is first reconciled with the node (see [`crate::reconcile`])
    /// and released if its transaction can never execute. A caller that batches opportunities asks this before
    /// building the batch, so one duplicate order does not hold back the others.
    pub async fn duplicate_of(&mut self, id: &crate::OpportunityId) -> Result<Option<TxHash>> {
        let Some((key, entry)) = self
            .ledger
            .find(id, self.block)
            .map(|(key, entry)| (key, entry.clone()))
        else {
            return Ok(None);
        };
        Ok(match self.reconcile_one(&key, &entry).await? {
            Some(_) => None,
            None => Some(entry.tx_hash),
        })
    }

    /// Takes `orders` out of the batch transaction `id`'s ledger entry: the batch was included but skipped them
    /// (each reverted inside it), so they executed nothing and may be submitted again.
    pub fn release_orders(
        &mut self,
        id: &crate::OpportunityId,
        orders: &[crate::OpportunityId],
    ) -> Result<()> {
        self.ledger.release_orders(id, orders)
    }

    /// Submits an opportunity unless it (or one of a batch's orders) was already submitted: the optional
    /// pre-flight gas estimate (a revert is an error, nothing is sent), fees within the budget, next nonce, sign,
    /// ledger entry, send. Any send error resyncs the nonce before the next send. An opportunity already in the
    /// ledger is first reconciled with the node (see [`crate::reconcile`]): sent if its earlier transaction can
    /// never execute, else withheld as a duplicate (logged).
    pub async fn submit(&mut self, opportunity: Opportunity) -> Result<SubmitOutcome> {
        match self.prepare(opportunity).await? {
            Prepared::Done(outcome) => Ok(outcome),
            Prepared::Signed(signed) => {
                let (route, result) = self.send_new(&signed.raw).await;
                self.record_send(signed, route, result)
            }
        }
    }

    /// Submits several opportunities, in order (their nonces follow each other), as [`Self::submit`] does each,
    /// but every one is signed and entered in the ledger first and then all are sent at once: a transaction
    /// does not wait for the node's answer to the one before it. Should the node refuse one, the nonce is
    /// resynced and those after it wait in the node's pool for the gap until they time out (and are released).
    /// Each outcome comes with the moment its send was answered (or its submission ended).
    pub async fn submit_all(
        &mut self,
        opportunities: Vec<Opportunity>,
    ) -> Vec<(Result<SubmitOutcome>, Instant)> {
        let mut prepared = Vec::with_capacity(opportunities.len());
        for opportunity in opportunities {
            let p = self.prepare(opportunity).await;
            prepared.push((p, Instant::now()));
        }
        let this = &*self;
        let sends = prepared.iter().map(|(p, _)| async move {
            match p {
                Ok(Prepared::Signed(signed)) => {
                    let sent = this.send_new(&signed.raw).await;
                    Some((sent, Instant::now()))
                }
                _ => None,
            }
        });
        let sent = futures_util::future::join_all(sends).await;
        let mut out = Vec::with_capacity(prepared.len());
        for ((p, prepared_at), sent) in prepared.into_iter().zip(sent) {
            out.push(match (p, sent) {
                (Ok(Prepared::Signed(signed)), Some(((route, result), at))) => {
                    (self.record_send(signed, route, result), at)
                }
                (Ok(Prepared::Done(outcome)), _) => (Ok(outcome), prepared_at),
                (Err(e), _) => (Err(e), prepared_at),
                (Ok(Prepared::Signed(_)), None) => unreachable!("every signed transaction is sent"),
            });
        }
        out
    }

    /// Everything of a submission up to the send: the duplicate check, the pre-flight, fees, the nonce (taken:
    /// the next transaction gets the one after), the signature and the ledger entry. A duplicate or a dry run
    /// ends here.
    async fn prepare(&mut self, opportunity: Opportunity) -> Result<Prepared> {
        let id = opportunity.id;
        let keys: Vec<_> = std::iter::once(id)
            .chain(opportunity.orders.iter().copied())
            .collect();
        for key in keys {
            if let Some(hash) = self.duplicate_of(&key).await? {
                tracing::info!(
                    target: TARGET, %id, opportunity = %key, label = %opportunity.label, %hash,
                    "withheld as a duplicate: already submitted and not known to have failed"
                );
                return Ok(Prepared::Done(SubmitOutcome::Duplicate { hash }));
            }
        }
        if opportunity.preflight
            && let Err(error) = self.preflight(&opportunity).await
        {
            // The caller logs the error; a revert may mean our view of the account is stale too.
            self.nonces.resync();
            return Err(error);
        }
        let fees = fees::initial_fees(
            self.base_fee,
            self.config.priority_fee_wei,
            self.config.max_priority_fee_wei,
            opportunity.gas_limit,
            opportunity.fee_budget_wei,
        )
        .map_err(limit_error)?;
        let nonce = self.nonces.next(&self.provider, self.address()).await?;
        let (hash, raw) = self.sign(&opportunity, nonce, fees)?;
        let dry_run = self.config.dry_run;
        self.ledger.insert(
            id,
            LedgerEntry {
                tx_hash: hash,
                nonce,
                sent_block: self.block,
                dry_run,
                orders: opportunity.orders.clone(),
            },
        )?;
        if dry_run {
            tracing::info!(
                target: TARGET, %id, label = %opportunity.label, %hash, nonce,
                max_fee = fees.max_fee_per_gas, priority_fee = fees.max_priority_fee_per_gas,
                gas_limit = opportunity.gas_limit, "dry run: signed, not sent"
            );
            return Ok(Prepared::Done(SubmitOutcome::DryRun { hash }));
        }
        // Taken now, so a transaction prepared next gets the following nonce; any failed send resyncs.
        self.nonces.consumed(nonce);
        Ok(Prepared::Signed(Box::new(Signed {
            hash,
            raw,
            nonce,
            fees,
            opportunity,
        })))
    }

    /// Records how the first send of `signed` went: tracked when accepted (or when the outcome is unknown: it
    /// may be in a mempool), its ledger entry removed when refused; the nonce resynced on any failure.
    fn record_send(
        &mut self,
        signed: Box<Signed>,
        route: Route,
        result: SendResult,
    ) -> Result<SubmitOutcome> {
        let Signed {
            hash,
            raw,
            nonce,
            fees,
            opportunity,
        } = *signed;
        let id = opportunity.id;
        let tracked = InFlight {
            nonce,
            fees,
            hash,
            replaced: Vec::new(),
            raw,
            first_block: self.block,
            last_send_block: self.block,
            route,
            bumps_exhausted: false,
            opportunity,
        };
        let label = &tracked.opportunity.label;
        match result {
            SendResult::Accepted => {
                tracing::info!(
                    target: TARGET, %id, %label, %hash, nonce, route = ?route,
                    max_fee = fees.max_fee_per_gas, priority_fee = fees.max_priority_fee_per_gas,
                    gas_limit = tracked.opportunity.gas_limit, "sent"
                );
                self.in_flight.push(tracked);
                Ok(SubmitOutcome::Sent { hash, nonce })
            }
            SendResult::Refused(message) => {
                self.nonces.resync();
                self.ledger.remove(&id)?;
                tracing::warn!(target: TARGET, %id, %label, nonce, %message, "send refused, nonce will resync");
                Err(match route {
                    Route::Relay => ExecError::Relay(message),
                    Route::Public => ExecError::Rejected { message },
                })
            }
            SendResult::Uncertain(message) => {
                // It may be in a mempool: keep the ledger entry and watch its hash, so it is never sent twice.
                self.nonces.resync();
                tracing::warn!(target: TARGET, %id, %label, %hash, nonce, %message, "send outcome unknown, tracking it");
                self.in_flight.push(tracked);
                Err(ExecError::SendUncertain { message })
            }
        }
    }

    /// `eth_estimateGas` with the opportunity's gas limit: a revert or a shortfall stops the send.
    async fn preflight(&self, opportunity: &Opportunity) -> Result<()> {
        let request = TransactionRequest::default()
            .from(self.address())
            .to(opportunity.to)
            .input(opportunity.input.clone().into())
            .gas_limit(opportunity.gas_limit);
        let needed = self
            .provider
            .estimate_gas(request)
            .await
            .map_err(|e| match e {
                RpcError::ErrorResp(payload) => ExecError::Reverted {
                    message: payload.to_string(),
                },
                other => rpc_error("eth_estimateGas", other),
            })?;
        if needed > opportunity.gas_limit {
            return Err(ExecError::GasLimitTooLow {
                needed,
                limit: opportunity.gas_limit,
            });
        }
        Ok(())
    }

    /// Signs an EIP-1559 call with no value; returns its hash and 2718 encoding.
    pub(crate) fn sign(
        &self,
        opportunity: &Opportunity,
        nonce: u64,
        fees: Fees,
    ) -> Result<(TxHash, Bytes)> {
        let tx = TxEip1559 {
            chain_id: self.chain_id,
            nonce,
            gas_limit: opportunity.gas_limit,
            max_fee_per_gas: fees.max_fee_per_gas,
            max_priority_fee_per_gas: fees.max_priority_fee_per_gas,
            to: TxKind::Call(opportunity.to),
            value: U256::ZERO,
            access_list: Default::default(),
            input: opportunity.input.clone(),
        };
        let signature = self
            .signer
            .sign_hash_sync(&tx.signature_hash())
            .map_err(|e| ExecError::Sign(e.to_string()))?;
        let envelope = TxEnvelope::from(tx.into_signed(signature));
        Ok((*envelope.tx_hash(), envelope.encoded_2718().into()))
    }

    /// First send of a transaction: through the relay if configured (public fallback on a refusal if
    /// allowed), else public.
    async fn send_new(&self, raw: &Bytes) -> (Route, SendResult) {
        let Some(relay) = &self.relay else {
            return (Route::Public, self.send_public(raw).await);
        };
        match relay.send_bundle(raw, self.block + 1).await {
            Ok(()) => (Route::Relay, SendResult::Accepted),
            Err(failure) => {
                let fallback = self
                    .config
                    .relay
                    .as_ref()
                    .is_some_and(|r| r.public_fallback);
                tracing::warn!(target: TARGET, message = %failure.message, fallback, "relay refused the bundle");
                if fallback {
                    (Route::Public, self.send_public(raw).await)
                } else if failure.answered {
                    (Route::Relay, SendResult::Refused(failure.message))
                } else {
                    (Route::Relay, SendResult::Uncertain(failure.message))
                }
            }
        }
    }

    /// `eth_sendRawTransaction`.
    pub(crate) async fn send_public(&self, raw: &Bytes) -> SendResult {
        match self.provider.send_raw_transaction(raw).await {
            Ok(_) => SendResult::Accepted,
            Err(RpcError::ErrorResp(payload)) => SendResult::Refused(payload.to_string()),
            Err(other) => SendResult::Uncertain(other.to_string()),
        }
    }
}

/// A failed read: the node's error answer or the transport's.
pub(crate) fn rpc_error(method: &'static str, error: RpcError<TransportErrorKind>) -> ExecError {
    match error {
        RpcError::ErrorResp(payload) => ExecError::Rpc {
            method,
            message: payload.to_string(),
        },
        other => ExecError::Transport {
            method,
            message: other.to_string(),
        },
    }
}

fn limit_error(limit: FeeLimit) -> ExecError {
    match limit {
        FeeLimit::OverBudget { needed, budget } => ExecError::OverBudget { needed, budget },
        FeeLimit::PriorityCap { needed, cap } => {
            ExecError::Config(format!("priority fee {needed} over the cap {cap}"))
        }
    }
}
