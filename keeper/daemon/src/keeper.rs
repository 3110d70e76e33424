//! The [`Keeper`]: one [`Keeper::step`] per new head, and [`Keeper::run`], the daemon loop around it. The
//! decisions are the planner's ([`LivePlanner`]); the keeper adds the executor, the dedupe state (what was
//! sent, what was already reported) and the events.

use std::collections::{HashMap, HashSet};
use std::future::Future;
use std::sync::Arc;
use std::time::{Duration, Instant};

use alloy::primitives::{Address, B256};
use alloy::providers::{DynProvider, Provider};
use cantilever_exec::{ExecEvent, Executor, Opportunity, SubmitOutcome};
use cantilever_index::PositionIndex;
use cantilever_oracle_adapter::{PriceStream, StreamMetrics};
use cantilever_planner::batch::{OrderOutcome, read_batch};
use cantilever_planner::call::decode_revert;
use cantilever_planner::{Decision, HealthBook, MarketState, PlannedTx, PlannerSettings, Skip};
use cantilever_primitives::Deployment;
use cantilever_primitives::position::PositionKey;
use cantilever_sim::revm::primitives::hardfork::SpecId;
use tokio::sync::mpsc;
use tracing::{Instrument, debug, info, warn};

use crate::events::{KeeperEvent, SkipCause};
use crate::feeds::{self, OracleTrigger};
use crate::heads::{Backoff, HeadNews, HeadSource, spawn_follow};
use crate::live::{AtHead, LivePlanner};
use crate::speculate::Held;

mod speculative;

/// How the keeper behaves, beyond its parts.
#[derive(Debug, Clone)]
pub struct KeeperSettings {
    /// Markets to liquidate in (empty: all of the deployment's).
    pub markets: Vec<B256>,
    /// The planner's settings: strategy, executor contract, swap adapter, chain profile, gas cap.
    pub planner: PlannerSettings,
    /// The wrapped native token gas is valued through (a market with it as collateral prices it).
    pub wrapped_native: Option<Address>,
    /// The EVM rules the simulation runs under.
    pub spec: SpecId,
    /// Priority fee offered (wei per gas); the strategy values gas at base fee plus this.
    pub priority_fee_wei: u128,
    /// How often to ask for a new head when polling.
    pub poll_interval: Duration,
    /// Where new heads come from: polling, or a WebSocket subscription.
    pub heads: HeadSource,
    /// Whether (and how) a feed update behind a followed market's oracle starts a step without waiting for the
    /// next head ([`feeds`]).
    pub oracle: OracleTrigger,
    /// How long a shutdown waits for the step in flight (and the sends in it) to finish.
    pub drain_timeout: Duration,
}

/// A few seconds: enough for the sends of a step to be answered by a node that is up.
pub const DEFAULT_DRAIN_TIMEOUT: Duration = Duration::from_secs(5);

impl KeeperSettings {
    /// The planner fed from `provider`'s chain, with these settings.
    pub fn live_planner(
        &self,
        provider: DynProvider,
        deployment: &Deployment,
        index: PositionIndex,
    ) -> LivePlanner {
        LivePlanner::new(
            provider,
            deployment,
            &self.markets,
            self.wrapped_native,
            index,
            self.spec,
            self.priority_fee_wei,
            self.planner.clone(),
        )
    }
}

/// A failed step. RPC and transport failures are retried by [`Keeper::run`] with a backoff.
#[derive(Debug, thiserror::Error)]
pub enum KeeperError {
    /// The node did not answer or refused (retryable).
    #[error("RPC {what}: {source}")]
    Rpc {
        /// What was asked.
        what: &'static str,
        /// The transport's error.
        #[source]
        source: Box<dyn std::error::Error + Send + Sync>,
    },
    /// The position index failed.
    #[error(transparent)]
    Index(#[from] cantilever_index::IndexError),
    /// Submission failed in a way the executor could not absorb.
    #[error(transparent)]
    Exec(#[from] cantilever_exec::ExecError),
    /// Planning failed as a whole (not a revert: reverts are outcomes).
    #[error("planning: {0}")]
    Plan(#[from] cantilever_planner::PlanError),
    /// The planner panicked; the step is skipped and the next one starts afresh.
    #[error("the planner panicked: {0}")]
    PlannerPanicked(String),
    /// The executors do not sign as the lanes' senders, in order.
    #[error("the lanes send from {lanes:?} but the executors sign as {senders:?}")]
    Lanes {
        /// The lanes' senders.
        lanes: Vec<Address>,
        /// The executors' accounts.
        senders: Vec<Address>,
    },
    /// The chain id changed under the keeper (a different node behind the URL).
    #[error("the node's chain id is {actual}, the deployment's is {expected}")]
    WrongChain {
        /// The deployment's.
        expected: u64,
        /// The node's.
        actual: u64,
    },
}

impl KeeperError {
    pub(crate) fn rpc(
        what: &'static str,
    ) -> impl FnOnce(alloy::transports::TransportError) -> Self {
        move |e| Self::Rpc {
            what,
            source: Box::new(e),
        }
    }

    /// The JSON-RPC method that failed, when the failure is the node's.
    pub fn rpc_method(&self) -> Option<&'static str> {
        match self {
            Self::Rpc { what, .. } => Some(what),
            Self::Index(cantilever_index::IndexError::Rpc { method, .. }) => Some(method),
            Self::Exec(cantilever_exec::ExecError::Rpc { method, .. }) => Some(method),
            _ => None,
        }
    }

    /// Worth retrying after a pause: the node or the network may come back.
    pub fn is_retryable(&self) -> bool {
        match self {
            Self::Rpc { .. } => true,
            Self::Index(e) => e.is_retryable(),
            Self::Exec(e) => e.is_retryable(),
            Self::Plan(_) | Self::PlannerPanicked(_) => true,
            Self::WrongChain { .. } | Self::Lanes { .. } => false,
        }
    }
}

/// What one step did.
#[derive(Debug, Clone, Default)]
pub struct StepReport {
    /// The head processed (`None`: no new head since the last step).
    pub head: Option<u64>,
    /// What happened, in order.
    pub events: Vec<KeeperEvent>,
    /// Where the step's time went.
    pub timings: StepTimings,
}

/// Wall time of each part of a step, in microseconds, from the head poll to the last send.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct StepTimings {
    /// Asking the node for its head.
    pub head_us: u64,
    /// Following the index and the market states to the head, and the executors' in-flight transactions.
    pub sync_us: u64,
    /// Proposing (the health book's liquidatable positions, the strategy) and the ledger's duplicate check.
    pub propose_us: u64,
    /// The planner: simulation, packing, the transactions' own simulation (see its parts).
    pub plan: cantilever_planner::PlanTimings,
    /// The planner as a whole, the hop to its blocking thread included.
    pub plan_us: u64,
    /// Signing and sending, every lane.
    pub send_us: u64,
}

/// Liquidatable positions left at the head, and how many of them the strategy would still take.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Outstanding {
    /// Positions past their LLTV.
    pub liquidatable: usize,
    /// Of which the strategy finds worth liquidating (before simulation).
    pub profitable: usize,
}

/// The keeper: the live planner, the executor, and what was already sent and reported.
pub struct Keeper {
    live: LivePlanner,
    chain_id: u64,
    core: Address,
    settings: KeeperSettings,
    /// One executor per lane, in the planner's lane order (the first is the sequential profile's).
    executors: Vec<Executor<DynProvider>>,
    last_head: Option<u64>,
    /// Opportunities the executor sent or signed (dry-run): not simulated again while the position stays in
    /// the same state. Duplicates the executor withheld are not in it: each block they are proposed again and
    /// the executor reconciles its ledger entry with the node again.
    submitted: HashSet<B256>,
    /// Opportunities already reported (found, skipped for a reason), so a position that stays liquidatable
    /// and unprofitable block after block is logged once per state and reason, not every block.
    reported: HashSet<(B256, &'static str)>,
    /// Whether each followed market's oracle answered at the last step, so its changes are reported once.
    oracle_ok: HashMap<B256, bool>,
    /// Transactions sent and not yet settled, by their executor key ([`cantilever_exec::batch_id`]).
    sent: HashMap<B256, Sent>,
    /// The followed markets and their oracles, whose feeds the oracle trigger follows.
    oracles: Vec<(B256, Address)>,
    /// The oracle trigger's stream, between its start and the loop that takes it.
    trigger: Trigger,
    /// The chain at the last step's head: what a pending oracle update is planned over.
    last_at: Option<AtHead>,
    /// The decision planned for pending oracle updates, waiting for them to be mined ([`crate::speculate`]).
    held: Option<Held>,
    /// Events of a step that failed after sending a held decision, reported with the next step's.
    unreported: Vec<KeeperEvent>,
}

/// The oracle trigger's state outside [`Keeper::run`].
#[derive(Debug, Default)]
enum Trigger {
    /// Not started: the next [`Keeper::run`] starts it (when enabled).
    #[default]
    Idle,
    /// Started by [`Keeper::start_oracle_trigger`], for the next run to take.
    Started(PriceStream),
    /// Off, or could not start (logged): the next run wakes on heads alone.
    Off,
}

/// A transaction the keeper sent: what it carries, to report its inclusion per opportunity.
#[derive(Debug, Clone)]
struct Sent {
    /// The LiquidationExecutor it calls (whose events the receipt is read for).
    executor: Address,
    /// Whether it is a `liquidateBatch` (orders isolated on chain).
    batch: bool,
    /// Its opportunities, in order.
    orders: Vec<(PositionKey, B256)>,
}

/// The executor's view of a planned transaction.
fn opportunity_of(tx: &PlannedTx) -> Opportunity {
    let ids = tx.ids();
    let label = match tx.orders.as_slice() {
        [one] => format!(
            "liquidate {} in {}",
            one.proposal.key.borrower, one.proposal.key.market
        ),
        orders => format!("liquidateBatch of {} orders", orders.len()),
    };
    Opportunity {
        id: cantilever_exec::batch_id(&ids),
        orders: if ids.len() > 1 { ids } else { Vec::new() },
        // Simulated by the planner on the head's state, with its gas limit from that simulation.
        preflight: false,
        to: tx.to,
        input: tx.data.clone(),
        gas_limit: tx.gas_limit,
        fee_budget_wei: tx.fee_budget_wei(),
        label,
    }
}

impl std::fmt::Debug for Keeper {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Keeper")
            .field("chain_id", &self.chain_id)
            .field("core", &self.core)
            .field("positions", &self.live.book().len())
            .field("last_head", &self.last_head)
            .finish_non_exhaustive()
    }
}

impl Keeper {
    /// A keeper over `provider` for `deployment`, with its index (opened or in memory) and one executor per
    /// lane of `settings.planner.lanes`, in the same order (each signs as its lane's sender). Loads the index's
    /// positions into the health book.
    pub fn new(
        provider: DynProvider,
        deployment: Deployment,
        index: PositionIndex,
        executors: Vec<Executor<DynProvider>>,
        settings: KeeperSettings,
    ) -> Result<Self, KeeperError> {
        let senders: Vec<Address> = executors.iter().map(Executor::address).collect();
        let lanes: Vec<Address> = settings.planner.lanes.iter().map(|l| l.sender).collect();
        if senders.is_empty() || senders != lanes {
            return Err(KeeperError::Lanes { lanes, senders });
        }
        let oracles = feeds::followed_oracles(&deployment, &settings.markets);
        Ok(Self {
            live: settings.live_planner(provider, &deployment, index),
            chain_id: deployment.chain_id,
            core: deployment.core,
            settings,
            executors,
            last_head: None,
            submitted: HashSet::new(),
            reported: HashSet::new(),
            oracle_ok: HashMap::new(),
            sent: HashMap::new(),
            oracles,
            trigger: Trigger::Idle,
            last_at: None,
            held: None,
            unreported: Vec::new(),
        })
    }

    /// The health book (positions with debt, per market).
    pub fn book(&self) -> &HealthBook {
        self.live.book()
    }

    /// The position index.
    pub fn index(&self) -> &PositionIndex {
        self.live.index()
    }

    /// The keys the last plan's simulations read (the next plan's fork prefetches them).
    pub fn prefetch_keys(&self) -> Vec<cantilever_sim::StateKey> {
        self.live.prefetch_keys()
    }

    /// Transactions sent and not yet settled.
    pub fn in_flight(&self) -> usize {
        self.executors.iter().map(Executor::in_flight).sum()
    }

    /// Processes the newest head, if there is one since the last step.
    pub async fn step(&mut self) -> Result<StepReport, KeeperError> {
        let seen = Instant::now();
        let head = self.live.head().await?;
        if self.last_head == Some(head) {
            return Ok(StepReport::default());
        }
        let span = tracing::info_span!(target: "cantilever::keeper", "step", block = head);
        async {
            // A held decision goes out first, when the head shows its oracle update mined. Its events are kept
            // for the next report should the rest of the step fail.
            let mut events = std::mem::take(&mut self.unreported);
            self.release_held(head, seen, &mut events).await?;
            match self.step_at(seen).await {
                Ok(mut report) => {
                    events.append(&mut report.events);
                    report.events = events;
                    Ok(report)
                }
                Err(e) => {
                    self.unreported = events;
                    Err(e)
                }
            }
        }
        .instrument(span)
        .await
    }

    /// A step at the node's new head: sync, propose, plan, submit, and the events of it all.
    async fn step_at(&mut self, seen: Instant) -> Result<StepReport, KeeperError> {
        let mut events = Vec::new();
        let us = |since: Instant| since.elapsed().as_micros() as u64;
        let mut timings = StepTimings {
            head_us: us(seen),
            ..StepTimings::default()
        };
        let mark = Instant::now();
        let at = self.live.sync().await?;
        for lane in 0..self.executors.len() {
            let news = self.executors[lane]
                .on_block(at.head, at.fees.base_fee)
                .await?;
            for e in news {
                self.release_if_failed(lane, &e)?;
                let reported = self.exec_event(lane, e).await?;
                events.extend(reported);
            }
        }
        timings.sync_us = us(mark);
        let mark = Instant::now();
        let oracles = self.oracle_changes(&at.states);
        events.extend(oracles);
        let submitted = &self.submitted;
        let mut proposals = self.live.propose(&at, |id| submitted.contains(id));
        // An opportunity an executor's ledger holds (sent before a restart, say) and whose transaction may still
        // execute stays out of the plan, so it neither goes out twice nor holds back a batch of the others.
        let mut withheld = Vec::new();
        for (n, p) in proposals.proposed.iter().enumerate() {
            for executor in &mut self.executors {
                if let Some(hash) = executor.duplicate_of(&p.proposal.id).await? {
                    withheld.push((n, hash));
                    break;
                }
            }
        }
        for (n, hash) in withheld.into_iter().rev() {
            let p = proposals.proposed.remove(n);
            let cause = SkipCause::Duplicate { hash };
            self.report_skip(p.proposal.key, p.proposal.id, cause, &mut events);
        }
        for market in &proposals.unpriced {
            debug!(target: "cantilever::keeper", %market, "no usable price: market skipped");
        }
        for found in &proposals.found {
            if self.reported.insert((found.id, "found")) {
                events.push(KeeperEvent::Found {
                    key: found.key,
                    debt: found.debt,
                    health_factor: found.health_factor,
                });
            }
        }
        for skip in proposals.skipped {
            self.report_skip(skip.key, skip.id, skip.reason.into(), &mut events);
        }
        let block_index = events.len();
        events.push(KeeperEvent::Block {
            number: at.head,
            changed: at.changed.len(),
            positions: self.live.book().len(),
            liquidatable: proposals.liquidatable,
            lag: 0,
        });
        timings.propose_us = us(mark);
        if !proposals.proposed.is_empty() {
            let mark = Instant::now();
            let decision = self.live.plan(proposals.proposed, &at).await?;
            timings.plan_us = us(mark);
            timings.plan = decision.timings;
            let mark = Instant::now();
            self.submit(decision, seen, &mut events).await;
            timings.send_us = us(mark);
        }
        // Blocks the node made while this one was processed: how far behind the keeper runs.
        if let (Ok(node_head), Some(KeeperEvent::Block { lag, .. })) =
            (self.live.head().await, events.get_mut(block_index))
        {
            *lag = node_head.saturating_sub(at.head);
        }
        self.last_head = Some(at.head);
        let head = at.head;
        self.last_at = Some(at);
        Ok(StepReport {
            head: Some(head),
            events,
            timings,
        })
    }

    /// Followed markets whose oracle changed state since the last step (every one at the first step), as
    /// events. A market whose oracle starts refusing is warned about, one whose oracle answers again is
    /// logged: once per market and change, not every block. Markets read only to value gas are left out.
    fn oracle_changes(&mut self, states: &[MarketState]) -> Vec<KeeperEvent> {
        let mut out = Vec::new();
        for state in states {
            let market = state.market.id;
            if self.live.book().market(&market).is_none() {
                continue;
            }
            let ok = state.price_error.is_none();
            let before = self.oracle_ok.insert(market, ok);
            if before == Some(ok) {
                continue;
            }
            match (&state.price_error, before) {
                (Some(error), _) => {
                    warn!(target: "cantilever::keeper", %market, %error, "the market's oracle refuses: its liquidations are stopped until it answers");
                }
                (None, Some(false)) => {
                    info!(target: "cantilever::keeper", %market, "the market's oracle answers again: its liquidations resume");
                }
                (None, _) => {}
            }
            out.push(KeeperEvent::OracleState {
                market,
                ok,
                error: state.price_error.clone(),
            });
        }
        out
    }

    /// What is left to liquidate at the head, by the keeper's own book (which skips markets whose price read
    /// failed): a diagnostic. Tests and the devnet verdict check the chain instead (`cantilever::devnet::check`).
    pub async fn outstanding(&mut self) -> Result<Outstanding, KeeperError> {
        let at = self.live.sync().await?;
        Ok(outstanding(&self.live, &at))
    }

    /// Records the planner's decision as events and hands its transactions to the executors: each lane's signed
    /// in order (they share its nonces) and sent together, the lanes concurrently. In the sequential profile that is one
    /// `liquidateBatch` transaction for the whole plan.
    async fn submit(&mut self, decision: Decision, seen: Instant, events: &mut Vec<KeeperEvent>) {
        for (key, error) in &decision.errors {
            warn!(target: "cantilever::keeper", borrower = %key.borrower, error = %error, "simulation failed");
        }
        events.extend(KeeperEvent::simulated(&decision));
        for Skip { key, id, reason } in decision.skipped {
            self.report_skip(key, id, reason.into(), events);
        }
        let plan = &decision.plan;
        events.push(KeeperEvent::planned(plan));
        if !plan.valid {
            warn!(target: "cantilever::keeper", "the packed plan did not validate on the head state: nothing sent");
            return;
        }
        let mut per_lane: Vec<Vec<PlannedTx>> = vec![Vec::new(); self.executors.len()];
        for tx in decision.transactions {
            if tx.orders.is_empty() {
                continue;
            }
            match self.executors.iter().position(|e| e.address() == tx.from) {
                Some(lane) => per_lane[lane].push(tx),
                None => {
                    warn!(target: "cantilever::keeper", sender = %tx.from, "no executor signs for the planned sender")
                }
            }
        }
        let sends = self
            .executors
            .iter_mut()
            .zip(per_lane)
            .filter(|(_, txs)| !txs.is_empty())
            .map(|(executor, txs)| async move {
                // Signed in order (consecutive nonces), then sent all at once.
                let opportunities = txs.iter().map(opportunity_of).collect();
                let results = executor.submit_all(opportunities).await;
                txs.into_iter()
                    .zip(results)
                    .map(|(tx, (result, at))| (tx, result, at))
                    .collect::<Vec<_>>()
            });
        let sent = futures_util::future::join_all(sends).await;
        for (tx, result, at) in sent.into_iter().flatten() {
            let id = cantilever_exec::batch_id(&tx.ids());
            let (hash, dry_run) = match result {
                Ok(SubmitOutcome::Sent { hash, .. }) => (hash, false),
                Ok(SubmitOutcome::DryRun { hash }) => (hash, true),
                Ok(SubmitOutcome::Duplicate { hash }) => {
                    // Not remembered as submitted: while the positions stay in this state they are proposed
                    // again next block, and the executor checks the earlier transaction with the node again
                    // (released and sent if it turns out never to have left, say after a crash).
                    for o in &tx.orders {
                        let cause = SkipCause::Duplicate { hash };
                        self.report_skip(o.proposal.key, o.proposal.id, cause, events);
                    }
                    continue;
                }
                Err(e) => {
                    warn!(target: "cantilever::keeper", orders = tx.orders.len(), error = %e, "send failed (the nonce is resynced)");
                    let e = Arc::new(e);
                    for o in &tx.orders {
                        let cause = SkipCause::NotSent(e.clone());
                        self.report_skip(o.proposal.key, o.proposal.id, cause, events);
                    }
                    continue;
                }
            };
            let latency_us = at.saturating_duration_since(seen).as_micros() as u64;
            for o in &tx.orders {
                self.submitted.insert(o.proposal.id);
                events.push(KeeperEvent::Submitted {
                    key: o.proposal.key,
                    id: o.proposal.id,
                    hash,
                    expected_profit: o.proposal.net_profit,
                    simulated_profit: o.proposal.gross_profit,
                    orders_in_tx: tx.orders.len(),
                    latency_us,
                    at,
                    dry_run,
                });
            }
            self.sent.insert(
                id,
                Sent {
                    executor: tx.to,
                    batch: tx.batch,
                    orders: tx
                        .orders
                        .iter()
                        .map(|o| (o.proposal.key, o.proposal.id))
                        .collect(),
                },
            );
        }
    }

    /// Reports a skip once per position state and reason.
    fn report_skip(
        &mut self,
        key: PositionKey,
        id: B256,
        reason: SkipCause,
        events: &mut Vec<KeeperEvent>,
    ) {
        if self.reported.insert((id, reason.label())) {
            events.push(KeeperEvent::Skipped { key, reason });
        }
    }

    /// A transaction that reverted on chain, timed out or lost its nonce executed nothing: its opportunities are
    /// released (here and in the executor's ledger), so the positions are tried again if still worth it. A
    /// mined revert or a lost nonce cannot execute later, so this never leads to a double liquidation.
    fn release_if_failed(&mut self, lane: usize, event: &ExecEvent) -> Result<(), KeeperError> {
        let id = match event {
            ExecEvent::Included {
                id, success: false, ..
            }
            | ExecEvent::TimedOut { id, .. }
            | ExecEvent::ReplacedByOther { id, .. } => *id,
            _ => return Ok(()),
        };
        for order in self.orders_of(&id) {
            self.release_order(order);
        }
        self.executors[lane].forget(&id)?;
        Ok(())
    }

    /// Forgets that opportunity `id` was submitted and reported, so it is proposed (and reported) again.
    fn release_order(&mut self, id: B256) {
        self.submitted.remove(&id);
        self.reported.retain(|(reported, _)| *reported != id);
    }

    /// The opportunities the transaction `id` carries (itself when the keeper did not send it in this run).
    fn orders_of(&self, id: &B256) -> Vec<B256> {
        self.sent
            .get(id)
            .map_or_else(|| vec![*id], |s| s.orders.iter().map(|(_, o)| *o).collect())
    }

    /// The executor's news as keeper events. An inclusion is reported per opportunity the transaction carried
    /// (the same hash for every order of a batch), each with whether that liquidation happened, read from the
    /// receipt's executor events, and with the profit the executor paid; an order a batch skipped on chain is
    /// released (here and in the ledger) so it may be sent again. Bumps, relay fallbacks and failed re-sends
    /// are logged by the executor itself.
    async fn exec_event(
        &mut self,
        lane: usize,
        event: ExecEvent,
    ) -> Result<Vec<KeeperEvent>, KeeperError> {
        let settled = match &event {
            ExecEvent::Included { id, .. }
            | ExecEvent::TimedOut { id, .. }
            | ExecEvent::ReplacedByOther { id, .. } => self.sent.remove(id),
            _ => None,
        };
        let orders = |id: B256| match &settled {
            Some(s) => s.orders.iter().map(|(_, o)| *o).collect(),
            None => vec![id],
        };
        Ok(match event {
            ExecEvent::Included {
                id,
                hash,
                block,
                success,
                gas_used,
                ..
            } => {
                let receipt = if success {
                    self.live
                        .provider()
                        .get_transaction_receipt(hash)
                        .await
                        .ok()
                        .flatten()
                } else {
                    None
                };
                let logs: Vec<alloy::primitives::Log> = receipt
                    .as_ref()
                    .map(|r| r.inner.logs().iter().map(|l| l.inner.clone()).collect())
                    .unwrap_or_default();
                // Which orders of a batch liquidated: from the executor's events, one per order.
                let outcomes = settled.as_ref().filter(|s| s.batch).and_then(|s| {
                    let keys: Vec<_> = s
                        .orders
                        .iter()
                        .map(|(k, _)| (k.market, k.borrower))
                        .collect();
                    read_batch(&logs, s.executor, &keys)
                });
                let mut out = Vec::new();
                let mut released = Vec::new();
                for (n, order) in orders(id).into_iter().enumerate() {
                    let done = match outcomes.as_ref().map(|o| &o[n]) {
                        Some(OrderOutcome::Skipped(reason)) => {
                            warn!(target: "cantilever::keeper", %hash, opportunity = %order, reason = %decode_revert(reason), "the batch skipped this order on chain: released");
                            released.push(order);
                            false
                        }
                        _ => success,
                    };
                    out.push(KeeperEvent::Included {
                        id: order,
                        hash,
                        block,
                        success: done,
                        gas_used,
                    });
                }
                if !released.is_empty() {
                    for order in &released {
                        self.release_order(*order);
                    }
                    self.executors[lane].release_orders(&id, &released)?;
                }
                out.extend(self.profits_of(&logs));
                out
            }
            ExecEvent::TimedOut { id, hash, .. } => orders(id)
                .into_iter()
                .map(|id| KeeperEvent::Dropped {
                    id,
                    reason: format!("not included in time (last version {hash})"),
                })
                .collect(),
            ExecEvent::ReplacedByOther { id, nonce } => orders(id)
                .into_iter()
                .map(|id| KeeperEvent::Dropped {
                    id,
                    reason: format!("nonce {nonce} taken by another transaction"),
                })
                .collect(),
            ExecEvent::Bumped { .. }
            | ExecEvent::BumpSkipped { .. }
            | ExecEvent::SendFailed { .. }
            | ExecEvent::FellBackToPublic { .. } => Vec::new(),
        })
    }

    /// The executor's `Liquidated` events in a receipt's logs: the profit actually paid.
    fn profits_of(&self, logs: &[alloy::primitives::Log]) -> Vec<KeeperEvent> {
        use alloy::sol_types::SolEvent;
        use cantilever_primitives::executor::LiquidationExecutor::Liquidated;
        logs.iter()
            .filter(|l| {
                self.settings
                    .planner
                    .lanes
                    .iter()
                    .any(|lane| lane.executor == l.address)
            })
            .filter_map(|l| Liquidated::decode_log(l).ok())
            .map(|l| KeeperEvent::Profit {
                market: l.data.id,
                amount: l.data.profit,
            })
            .collect()
    }

    /// Sets where new heads come from, for a keeper whose other settings a helper chose.
    pub fn set_heads(&mut self, heads: HeadSource) {
        self.settings.heads = heads;
    }

    /// Sets how often the head is polled, for a keeper whose other settings a helper chose.
    pub fn set_poll_interval(&mut self, poll_interval: Duration) {
        self.settings.poll_interval = poll_interval;
    }

    /// Sets the oracle trigger, for a keeper whose other settings a helper chose; it takes effect when the trigger
    /// next starts ([`Keeper::start_oracle_trigger`], or the next [`Keeper::run`]).
    pub fn set_oracle_trigger(&mut self, oracle: OracleTrigger) {
        self.settings.oracle = oracle;
    }

    /// Starts the oracle trigger now rather than when [`Keeper::run`] begins, and returns the stream's counters, for
    /// [`crate::telemetry::Metrics::export_stream`]. `None` when the trigger is off, when no followed market's
    /// oracle is a `ChainlinkOracle`, or when it could not start (logged): the keeper then wakes on heads alone.
    /// The next run takes the stream and stops it when it returns.
    pub async fn start_oracle_trigger(&mut self) -> Option<Arc<StreamMetrics>> {
        match &self.trigger {
            Trigger::Started(stream) => return Some(stream.metrics()),
            Trigger::Off => return None,
            Trigger::Idle => {}
        }
        self.trigger = match self.spawn_trigger().await {
            Some(stream) => Trigger::Started(stream),
            None => Trigger::Off,
        };
        match &self.trigger {
            Trigger::Started(stream) => Some(stream.metrics()),
            _ => None,
        }
    }

    /// A stream over the followed markets' feeds, when the trigger is on and there are feeds to follow.
    async fn spawn_trigger(&self) -> Option<PriceStream> {
        if !self.settings.oracle.enabled {
            return None;
        }
        let provider = self.live.provider().clone();
        let feeds = match feeds::read_feeds(&provider, &self.oracles).await {
            Ok(feeds) => feeds,
            Err(e) => {
                warn!(target: "cantilever::keeper", error = %e, "could not read the oracles' feeds: no oracle trigger, new heads alone wake the keeper");
                return None;
            }
        };
        match feeds::spawn_stream(provider, &feeds, &self.settings.oracle) {
            Ok(Some(stream)) => {
                let followed = feeds.iter().map(|f| f.markets.len()).sum::<usize>();
                info!(target: "cantilever::keeper", feeds = feeds.len(), followed, poll_interval = ?self.settings.oracle.poll_interval, watch_pending = self.settings.oracle.watch_pending, "oracle trigger on: a feed update starts a step");
                Some(stream)
            }
            Ok(None) => {
                info!(target: "cantilever::keeper", "no followed market's oracle reads a Chainlink feed: new heads alone wake the keeper");
                None
            }
            Err(e) => {
                warn!(target: "cantilever::keeper", error = %e, "the oracle trigger could not start: new heads alone wake the keeper");
                None
            }
        }
    }

    /// The oracle trigger's stream for a run: the one started beforehand, or a new one (when on).
    async fn take_trigger(&mut self) -> Option<PriceStream> {
        self.start_oracle_trigger().await;
        match std::mem::take(&mut self.trigger) {
            Trigger::Started(stream) => Some(stream),
            Trigger::Idle | Trigger::Off => None,
        }
    }

    /// The daemon loop: a step at every new head (announced by the subscription, or found by polling) and at every
    /// mined feed update behind a followed market's oracle (the oracle trigger, when on: see [`feeds`]) until
    /// `shutdown` resolves. RPC failures back off (up to 10 s) and recover; other failures end the loop with
    /// the error. Every event goes to `on_event`. A shutdown during a step lets the step finish, for up to
    /// `settings.drain_timeout`: the transactions it is sending get their outcome recorded (the ledger entry
    /// kept for a sent one, removed for a refused one) before the loop returns.
    pub async fn run(
        &mut self,
        shutdown: impl Future<Output = ()>,
        mut on_event: impl FnMut(&KeeperEvent),
    ) -> Result<(), KeeperError> {
        tokio::pin!(shutdown);
        let mut heads = match &self.settings.heads {
            HeadSource::Poll => None,
            HeadSource::Subscribe(url) => Some(spawn_follow(url.clone(), Backoff::default())),
        };
        // Stopped (its tasks aborted) when this function returns, whichever way. Its start reads the oracles (over
        // a WebSocket, a call waits for the node to come back): a shutdown meanwhile is not held up.
        let mut prices = tokio::select! {
            () = &mut shutdown => {
                info!(target: "cantilever::keeper", "shutting down before the first step");
                return Ok(());
            }
            prices = self.take_trigger() => prices,
        };
        let mut backoff = Duration::ZERO;
        loop {
            let woke = tokio::select! {
                () = &mut shutdown => {
                    info!(target: "cantilever::keeper", in_flight = self.in_flight(), "shutting down");
                    return Ok(());
                }
                woke = wake(&mut heads, &mut prices, self.settings.poll_interval, backoff, &mut on_event) => woke,
            };
            if !woke.step {
                self.speculate_and_report(woke.pending, &mut on_event).await;
                continue;
            }
            let drain = self.settings.drain_timeout;
            let outcome = {
                let step = self.step();
                tokio::pin!(step);
                tokio::select! {
                    () = &mut shutdown => {
                        // The shutdown future is spent: the loop must return once this step is done.
                        info!(target: "cantilever::keeper", ?drain, "shutting down: finishing the step in flight");
                        match tokio::time::timeout(drain, &mut step).await {
                            Ok(step) => Stepped::Last(step),
                            Err(_) => Stepped::Abandoned,
                        }
                    }
                    step = &mut step => Stepped::Next(step),
                }
            };
            let (step, last) = match outcome {
                Stepped::Next(step) => (step, false),
                Stepped::Last(step) => (step, true),
                Stepped::Abandoned => {
                    warn!(target: "cantilever::keeper", ?drain, in_flight = self.in_flight(), "the step in flight did not finish in time: stopped mid-step (the ledger holds what may have been sent; the next start reconciles it)");
                    return Ok(());
                }
            };
            match step {
                Ok(report) => {
                    if backoff > Duration::ZERO {
                        info!(target: "cantilever::keeper", "the node answers again");
                    }
                    backoff = Duration::ZERO;
                    for e in &report.events {
                        on_event(e);
                    }
                }
                Err(e) if e.is_retryable() => {
                    backoff =
                        (backoff * 2).clamp(Duration::from_millis(250), Duration::from_secs(10));
                    warn!(target: "cantilever::keeper", error = %e, retry_in = ?backoff, "step failed");
                    on_event(&KeeperEvent::StepFailed {
                        error: e.to_string(),
                        rpc_method: e.rpc_method(),
                        retry_in: backoff,
                    });
                }
                Err(e) => return Err(e),
            }
            if last {
                info!(target: "cantilever::keeper", in_flight = self.in_flight(), "shut down after the step in flight");
                return Ok(());
            }
            // Pending oracle updates reported with the mined one that woke the step: planned over its head.
            self.speculate_and_report(woke.pending, &mut on_event).await;
        }
    }
}

/// How a step ended under a possible shutdown.
enum Stepped {
    /// It finished; the loop goes on.
    Next(Result<StepReport, KeeperError>),
    /// It finished after the shutdown was asked for: the loop ends after it.
    Last(Result<StepReport, KeeperError>),
    /// The shutdown's drain time ran out first.
    Abandoned,
}

/// Why [`wake`] returned.
struct Woke {
    /// Time for a step.
    step: bool,
    /// Pending oracle transactions of followed markets (speculative updates) to plan for.
    pending: Vec<alloy::primitives::TxHash>,
}

impl Woke {
    const STEP: Self = Self {
        step: true,
        pending: Vec::new(),
    };
}

/// Waits for the next step's time. Polling: `poll_interval` (longer while failed steps back off). Subscribed: the
/// next head announcement (all announcements queued meanwhile taken at once: a step reads the newest state, and
/// the index syncs every block up to it), or the back-off pause after a failed step. Should the subscription
/// task end, polling takes over. Besides, unless backing off: the oracle trigger's next confirmed update of a
/// followed market (all price events queued meanwhile taken at once, each reported; rejections wake nothing), or
/// its speculative updates of followed markets (pending transactions, returned to be planned for). Should the
/// stream end, heads alone wake the keeper.
async fn wake(
    heads: &mut Option<mpsc::UnboundedReceiver<HeadNews>>,
    prices: &mut Option<PriceStream>,
    poll_interval: Duration,
    backoff: Duration,
    on_event: &mut impl FnMut(&KeeperEvent),
) -> Woke {
    if !backoff.is_zero() {
        tokio::time::sleep(poll_interval.max(backoff)).await;
        return Woke::STEP;
    }
    // One timer for the whole wait: price events that wake nothing do not push the next poll back.
    let poll = tokio::time::sleep(poll_interval);
    tokio::pin!(poll);
    loop {
        tokio::select! {
            news = next_heads(heads, poll.as_mut()) => {
                report_heads(news, heads, on_event);
                return Woke::STEP;
            }
            events = feeds::next_events(prices) => {
                let Some(events) = events else {
                    warn!(target: "cantilever::keeper", "the oracle stream ended: new heads alone wake the keeper");
                    *prices = None;
                    continue;
                };
                let (mut woken, mut pending) = (false, Vec::new());
                for e in events {
                    woken |= feeds::wakes(&e);
                    pending.extend(feeds::pending_tx(&e));
                    on_event(&feeds::keeper_event(e));
                }
                if woken {
                    debug!(target: "cantilever::keeper", "feed update: step");
                }
                if woken || !pending.is_empty() {
                    return Woke { step: woken, pending };
                }
            }
        }
    }
}

/// The next head news: a poll tick when polling (no news), else the subscription's announcements queued so far;
/// `None` once the subscription task has ended.
async fn next_heads(
    heads: &mut Option<mpsc::UnboundedReceiver<HeadNews>>,
    poll: std::pin::Pin<&mut tokio::time::Sleep>,
) -> Option<Vec<HeadNews>> {
    let Some(rx) = heads.as_mut() else {
        poll.await;
        return Some(Vec::new());
    };
    let first = rx.recv().await?;
    let mut news = vec![first];
    while let Ok(more) = rx.try_recv() {
        news.push(more);
    }
    Some(news)
}

/// Logs and reports head news; an ended subscription (`None`) hands over to polling.
fn report_heads(
    news: Option<Vec<HeadNews>>,
    heads: &mut Option<mpsc::UnboundedReceiver<HeadNews>>,
    on_event: &mut impl FnMut(&KeeperEvent),
) {
    let Some(news) = news else {
        warn!(target: "cantilever::keeper", "the head subscription ended: polling instead");
        *heads = None;
        return;
    };
    for n in news {
        match n {
            HeadNews::Blocks(blocks) => {
                debug!(target: "cantilever::keeper", from = blocks.start(), to = blocks.end(), "new heads");
            }
            HeadNews::Reconnected {
                down,
                failed_attempts,
                backfilled,
            } => on_event(&KeeperEvent::HeadsReconnected {
                down,
                failed_attempts,
                backfilled,
            }),
        }
    }
}

/// Liquidatable positions at `at`, and how many of them the strategy would take (before simulation).
pub fn outstanding(live: &LivePlanner, at: &AtHead) -> Outstanding {
    let proposals = live.propose(at, |_| false);
    Outstanding {
        liquidatable: proposals.liquidatable,
        profitable: proposals.proposed.len(),
    }
}
