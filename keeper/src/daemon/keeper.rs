//! The [`Keeper`]: one [`Keeper::step`] per new head, and [`Keeper::run`], the daemon loop around it.

use std::collections::{HashMap, HashSet};
use std::future::Future;
use std::time::{Duration, Instant};

use alloy::primitives::{Address, B256, Bytes, I256, U256};
use alloy::providers::{DynProvider, Provider};
use cantilever_oracle_adapter::BlockRef;
use cantilever_sim::revm::primitives::hardfork::SpecId;
use cantilever_sim::{ChainProfile, PackConfig, Simulation, Simulator, StateKey, pack};
use tracing::{debug, info, warn};

use super::events::KeeperEvent;
use super::markets::{MarketReader, MarketState};
use super::simulate::{SimResult, candidate, executor_call, fork_at, next_env, read_simulation};
use crate::book::HealthBook;
use crate::deployment::Deployment;
use crate::exec::{ExecEvent, Executor, Opportunity, SubmitOutcome};
use crate::index::PositionIndex;
use crate::math::constants::ORACLE_PRICE_SCALE;
use crate::strategy::{Proposal, SkipReason, StrategyParams, evaluate, settle};

/// How the keeper behaves, beyond its parts.
#[derive(Debug, Clone)]
pub struct KeeperSettings {
    /// Markets to liquidate in (empty: all of the deployment's).
    pub markets: Vec<B256>,
    /// Profit rules.
    pub strategy: StrategyParams,
    /// The LiquidationExecutor contract the keeper's account owns.
    pub executor_contract: Address,
    /// The swap adapter the executor sells collateral through.
    pub adapter: Address,
    /// The wrapped native token gas is valued through (a market with it as collateral prices it).
    pub wrapped_native: Option<Address>,
    /// The EVM rules the simulation runs under.
    pub spec: SpecId,
    /// Sequential (one ordered bundle) or parallel chain (independent transactions).
    pub profile: ChainProfile,
    /// Priority fee offered (wei per gas); the strategy values gas at base fee plus this.
    pub priority_fee_wei: u128,
    /// Nothing is sent while the next block's base fee is above this (wei per gas); `None`: no cap.
    pub max_base_fee_wei: Option<u128>,
    /// Simulation worker threads (0: one per core).
    pub sim_threads: usize,
    /// How often to ask for a new head.
    pub poll_interval: Duration,
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
    Index(#[from] crate::index::IndexError),
    /// Submission failed in a way the executor could not absorb.
    #[error(transparent)]
    Exec(#[from] crate::exec::ExecError),
    /// The simulation failed (not a revert: reverts are outcomes).
    #[error("simulation: {0}")]
    Sim(#[from] cantilever_sim::Error),
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
    fn rpc(what: &'static str) -> impl FnOnce(alloy::transports::TransportError) -> Self {
        move |e| Self::Rpc {
            what,
            source: Box::new(e),
        }
    }

    /// Worth retrying after a pause: the node or the network may come back.
    pub fn is_retryable(&self) -> bool {
        match self {
            Self::Rpc { .. } => true,
            Self::Index(e) => e.is_retryable(),
            Self::Exec(e) => e.is_retryable(),
            Self::Sim(_) => true,
            Self::WrongChain { .. } => false,
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
}

/// Liquidatable positions left at the head, and how many of them the strategy would still take.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Outstanding {
    /// Positions past their LLTV.
    pub liquidatable: usize,
    /// Of which the strategy finds worth liquidating (before simulation).
    pub profitable: usize,
}

/// A proposal waiting for its simulation.
struct Pending {
    proposal: Proposal,
    market: usize,
    data: Bytes,
}

/// The keeper: index → book → strategy → simulation → packing → executor.
pub struct Keeper {
    provider: DynProvider,
    chain_id: u64,
    deployment: Deployment,
    settings: KeeperSettings,
    index: PositionIndex,
    book: HealthBook,
    markets: MarketReader,
    executor: Executor<DynProvider>,
    simulator: Option<Simulator>,
    last_head: Option<u64>,
    /// Slots and accounts the last simulations read: fetched in one batch on the next block's fork.
    prefetch: Vec<StateKey>,
    /// Opportunities handed to the executor (sent, signed in dry-run, or refused as duplicates): not
    /// simulated again while the position stays in the same state.
    submitted: HashSet<B256>,
    /// Opportunities already reported (found, skipped for a reason), so a position that stays liquidatable
    /// and unprofitable block after block is logged once per state and reason, not every block.
    reported: HashSet<(B256, &'static str)>,
}

impl std::fmt::Debug for Keeper {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Keeper")
            .field("chain_id", &self.chain_id)
            .field("core", &self.deployment.core)
            .field("positions", &self.book.len())
            .field("last_head", &self.last_head)
            .finish_non_exhaustive()
    }
}

impl Keeper {
    /// A keeper over `provider` for `deployment`, with its index (opened or in memory) and executor. Loads the
    /// index's positions into the health book.
    pub fn new(
        provider: DynProvider,
        deployment: Deployment,
        index: PositionIndex,
        executor: Executor<DynProvider>,
        settings: KeeperSettings,
    ) -> Self {
        let mut book = HealthBook::default();
        for m in deployment
            .markets
            .iter()
            .filter(|m| settings.markets.is_empty() || settings.markets.contains(&m.id))
        {
            book.add_market(m.id, m.lltv);
        }
        for (key, position) in index.positions() {
            book.upsert(key, position);
        }
        let markets = MarketReader::new(
            provider.clone(),
            &deployment,
            &settings.markets,
            settings.wrapped_native,
        );
        Self {
            chain_id: deployment.chain_id,
            provider,
            deployment,
            settings,
            index,
            book,
            markets,
            executor,
            simulator: None,
            last_head: None,
            prefetch: Vec::new(),
            submitted: HashSet::new(),
            reported: HashSet::new(),
        }
    }

    /// The health book (positions with debt, per market).
    pub fn book(&self) -> &HealthBook {
        &self.book
    }

    /// The position index.
    pub fn index(&self) -> &PositionIndex {
        &self.index
    }

    /// Transactions sent and not yet settled.
    pub fn in_flight(&self) -> usize {
        self.executor.in_flight()
    }

    /// Processes the newest head, if there is one since the last step.
    pub async fn step(&mut self) -> Result<StepReport, KeeperError> {
        let seen = Instant::now();
        let head = self
            .provider
            .get_block_number()
            .await
            .map_err(KeeperError::rpc("eth_blockNumber"))?;
        if self.last_head == Some(head) {
            return Ok(StepReport::default());
        }
        let mut events = Vec::new();
        let delta = self.index.sync(&self.provider).await?;
        for (key, position) in &delta.changed {
            self.book.upsert(*key, *position);
        }
        let head = delta.head.number;
        let (env, timestamp) = next_env(&self.provider, head, self.settings.spec, self.chain_id)
            .await
            .map_err(KeeperError::rpc("eth_getBlockByNumber"))?;
        let base_fee = u128::from(env.block.basefee);
        for e in self.executor.on_block(head, base_fee).await? {
            self.release_if_failed(&e)?;
            events.extend(self.exec_event(e).await);
        }
        let states = self
            .markets
            .read(BlockRef {
                number: head,
                timestamp,
            })
            .await
            .map_err(|e| KeeperError::Rpc {
                what: "market reads",
                source: Box::new(e),
            })?;
        let gas_price = base_fee + self.settings.priority_fee_wei;
        let (mut pending, liquidatable) = self.decide(&states, gas_price, &mut events);
        if let Some(cap) = self.settings.max_base_fee_wei.filter(|cap| base_fee > *cap) {
            for p in pending.drain(..) {
                let reason = SkipReason::GasPriceCap { base_fee, cap };
                self.skip(p.proposal.key, p.proposal.id, reason, &mut events);
            }
        }
        events.push(KeeperEvent::Block {
            number: head,
            changed: delta.changed.len(),
            positions: self.book.len(),
            liquidatable,
        });
        if !pending.is_empty() {
            self.simulate_and_submit(pending, &states, env, gas_price, head, seen, &mut events)
                .await?;
        }
        self.last_head = Some(head);
        Ok(StepReport {
            head: Some(head),
            events,
        })
    }

    /// What is left to liquidate at the head: a check after a run (nothing is reported or sent).
    pub async fn outstanding(&mut self) -> Result<Outstanding, KeeperError> {
        let head = self
            .provider
            .get_block_number()
            .await
            .map_err(KeeperError::rpc("eth_blockNumber"))?;
        let delta = self.index.sync(&self.provider).await?;
        for (key, position) in &delta.changed {
            self.book.upsert(*key, *position);
        }
        let (env, timestamp) = next_env(&self.provider, head, self.settings.spec, self.chain_id)
            .await
            .map_err(KeeperError::rpc("eth_getBlockByNumber"))?;
        let states = self
            .markets
            .read(BlockRef {
                number: head,
                timestamp,
            })
            .await
            .map_err(|e| KeeperError::Rpc {
                what: "market reads",
                source: Box::new(e),
            })?;
        let gas_price = u128::from(env.block.basefee) + self.settings.priority_fee_wei;
        let mut out = Outstanding::default();
        for state in states.iter().filter(|s| s.price_error.is_none()) {
            let Some(book) = self.book.market(&state.market.id) else {
                continue;
            };
            for l in book.liquidatable(&state.view.snapshot).unwrap_or_default() {
                out.liquidatable += 1;
                let key = crate::position::PositionKey {
                    market: state.market.id,
                    borrower: l.borrower,
                };
                let strategy = &self.settings.strategy;
                if evaluate(
                    key,
                    &l,
                    &state.view,
                    strategy,
                    gas_price,
                    strategy.gas_estimate,
                )
                .is_ok()
                {
                    out.profitable += 1;
                }
            }
        }
        Ok(out)
    }

    /// Liquidatable positions → proposals (or skips, each reported once per position state and reason).
    fn decide(
        &mut self,
        states: &[MarketState],
        gas_price: u128,
        events: &mut Vec<KeeperEvent>,
    ) -> (Vec<Pending>, usize) {
        let mut pending = Vec::new();
        let mut count = 0;
        for (i, state) in states.iter().enumerate() {
            let Some(book) = self.book.market(&state.market.id) else {
                continue;
            };
            if let Some(error) = &state.price_error {
                if !book.is_empty() {
                    debug!(target: "cantilever::keeper", market = %state.market.id, %error, "no price: market skipped");
                }
                continue;
            }
            let found = match book.liquidatable(&state.view.snapshot) {
                Ok(found) => found,
                Err(e) => {
                    warn!(target: "cantilever::keeper", market = %state.market.id, error = %e, "health math refused the market state");
                    continue;
                }
            };
            count += found.len();
            for l in found {
                let key = crate::position::PositionKey {
                    market: state.market.id,
                    borrower: l.borrower,
                };
                let id = crate::strategy::opportunity_id(key, &l);
                if self.submitted.contains(&id) {
                    continue; // already handed to the executor, which tracks it
                }
                if self.reported.insert((id, "found")) {
                    let snapshot = &state.view.snapshot;
                    let health = crate::math::position_health(
                        U256::from(l.position.borrow_shares),
                        U256::from(l.position.collateral),
                        snapshot.total_borrow_assets,
                        snapshot.total_borrow_shares,
                        Some(snapshot.price),
                        state.market.lltv,
                    )
                    .unwrap_or_default();
                    events.push(KeeperEvent::Found {
                        key,
                        debt: health.debt,
                        health_factor: health.health_factor,
                    });
                }
                match evaluate(
                    key,
                    &l,
                    &state.view,
                    &self.settings.strategy,
                    gas_price,
                    self.settings.strategy.gas_estimate,
                ) {
                    Ok(proposal) => {
                        let data =
                            executor_call(&state.market.params(), &proposal, self.settings.adapter);
                        pending.push(Pending {
                            proposal,
                            market: i,
                            data,
                        });
                    }
                    Err(reason) => self.skip(key, id, reason, events),
                }
            }
        }
        (pending, count)
    }

    fn skip(
        &mut self,
        key: crate::position::PositionKey,
        id: B256,
        reason: SkipReason,
        events: &mut Vec<KeeperEvent>,
    ) {
        if self.reported.insert((id, reason.label())) {
            events.push(KeeperEvent::Skipped {
                key,
                reason: reason.to_string(),
                label: reason.label(),
            });
        }
    }

    /// Simulates the proposals on a fork of the head (in parallel), settles them on the simulated numbers,
    /// packs the profitable ones for the chain profile and submits the plan in order.
    #[allow(clippy::too_many_arguments)]
    async fn simulate_and_submit(
        &mut self,
        pending: Vec<Pending>,
        states: &[MarketState],
        env: cantilever_sim::SimEnv,
        gas_price: u128,
        head: u64,
        seen: Instant,
        events: &mut Vec<KeeperEvent>,
    ) -> Result<(), KeeperError> {
        let from = self.executor.address();
        let candidates: Vec<_> = pending
            .iter()
            .map(|p| {
                candidate(
                    from,
                    self.settings.executor_contract,
                    p.data.clone(),
                    gas_price,
                )
            })
            .collect();
        let previous = self.simulator.as_ref().map(|s| s.fork().clone());
        let fork = fork_at(&self.provider, head, previous.as_deref());
        let simulator = match &self.simulator {
            Some(s) => s.with_fork(fork, env),
            None => Simulator::with_threads(fork, env, self.settings.sim_threads),
        };
        self.simulator = Some(simulator.clone());
        let prefetch = std::mem::take(&mut self.prefetch);
        // Each worker blocks on RPC fetches through the runtime handle: run the whole batch off the runtime.
        let native: HashMap<Bytes, U256> = pending
            .iter()
            .map(|p| {
                (
                    p.data.clone(),
                    states[p.market].view.native_price.unwrap_or_default(),
                )
            })
            .collect();
        let profile = self.settings.profile;
        let sim_started = Instant::now();
        let (simulations, plan) = tokio::task::spawn_blocking(move || {
            let _ = simulator.fork().prefetch(prefetch.iter());
            let simulations = simulator.simulate_all(&candidates);
            let standalone: Vec<Option<&Simulation>> =
                simulations.iter().map(|s| s.as_ref().ok()).collect();
            let profit = |c: &cantilever_sim::Candidate, s: &Simulation| profit_wei(c, s, &native);
            let plan = pack(
                &simulator,
                &candidates,
                &standalone,
                &profit,
                &PackConfig::new(profile),
            );
            (simulations, plan)
        })
        .await
        .expect("the simulation task does not panic");
        let micros = (sim_started.elapsed().as_micros() / pending.len() as u128) as u64;
        let mut settled: Vec<Option<Proposal>> = Vec::with_capacity(pending.len());
        for (p, sim) in pending.iter().zip(&simulations) {
            let key = p.proposal.key;
            let sim = match sim {
                Ok(sim) => sim,
                Err(e) => {
                    warn!(target: "cantilever::keeper", borrower = %key.borrower, error = %e, "simulation failed");
                    settled.push(None);
                    continue;
                }
            };
            self.prefetch.extend(sim.reads.iter().map(|(k, _)| *k));
            match read_simulation(sim) {
                SimResult::Liquidated {
                    profit, gas_used, ..
                } => {
                    events.push(KeeperEvent::Simulated {
                        key,
                        ok: true,
                        profit,
                        gas_used,
                        micros,
                    });
                    let state = &states[p.market];
                    match settle(
                        &p.proposal,
                        &state.view,
                        &self.settings.strategy,
                        profit,
                        gas_used,
                        gas_price,
                    ) {
                        Ok(s) => settled.push(Some(s)),
                        Err(reason) => {
                            self.skip(key, p.proposal.id, reason, events);
                            settled.push(None);
                        }
                    }
                }
                SimResult::Failed(reason) => {
                    events.push(KeeperEvent::Simulated {
                        key,
                        ok: false,
                        profit: U256::ZERO,
                        gas_used: sim.gas_used,
                        micros,
                    });
                    self.skip(key, p.proposal.id, SkipReason::Reverted(reason), events);
                    settled.push(None);
                }
            }
        }
        let plan = plan?;
        events.push(KeeperEvent::Planned {
            profile: match plan.profile {
                ChainProfile::Sequential => "sequential",
                ChainProfile::Parallel => "parallel",
            },
            order: plan
                .order
                .iter()
                .map(|&i| pending[i].proposal.key)
                .collect(),
            profit_wei: plan.profit,
            critical_path_gas: plan.critical_path.gas,
            re_executions: plan.re_executions.iter().sum(),
            valid: plan.valid,
        });
        if !plan.valid {
            warn!(target: "cantilever::keeper", "the packed plan did not validate on the head state: nothing sent");
            return Ok(());
        }
        for &i in &plan.order {
            let Some(proposal) = &settled[i] else {
                continue;
            };
            let gas_used = simulations[i].as_ref().map(|s| s.gas_used).unwrap_or(0);
            let opportunity = Opportunity {
                id: proposal.id,
                to: self.settings.executor_contract,
                input: pending[i].data.clone(),
                // Room above the simulated figure: the state may move a little before inclusion.
                gas_limit: gas_used + gas_used / 4 + 20_000,
                fee_budget_wei: proposal.fee_budget_wei,
                label: format!(
                    "liquidate {} in {}",
                    proposal.key.borrower, proposal.key.market
                ),
            };
            let outcome = self.executor.submit(opportunity).await;
            if outcome.is_ok() {
                self.submitted.insert(proposal.id);
            }
            match outcome {
                Ok(SubmitOutcome::Sent { hash, .. }) => events.push(KeeperEvent::Submitted {
                    key: proposal.key,
                    id: proposal.id,
                    hash,
                    expected_profit: proposal.net_profit,
                    latency_us: seen.elapsed().as_micros() as u64,
                    at: Instant::now(),
                    dry_run: false,
                }),
                Ok(SubmitOutcome::DryRun { hash }) => events.push(KeeperEvent::Submitted {
                    key: proposal.key,
                    id: proposal.id,
                    hash,
                    expected_profit: proposal.net_profit,
                    latency_us: seen.elapsed().as_micros() as u64,
                    at: Instant::now(),
                    dry_run: true,
                }),
                Ok(SubmitOutcome::Duplicate { .. }) => {}
                Err(e) => {
                    warn!(target: "cantilever::keeper", borrower = %proposal.key.borrower, error = %e, "send failed (the nonce is resynced)");
                    self.skip(
                        proposal.key,
                        proposal.id,
                        SkipReason::NotSent(e.to_string()),
                        events,
                    );
                }
            }
        }
        Ok(())
    }

    /// A transaction that reverted on chain, timed out or lost its nonce executed nothing: its opportunity is
    /// released (here and in the executor's ledger), so the position is tried again if it is still worth it.
    /// A mined revert or a lost nonce cannot execute later, so this never leads to a double liquidation.
    fn release_if_failed(&mut self, event: &ExecEvent) -> Result<(), KeeperError> {
        let id = match event {
            ExecEvent::Included {
                id, success: false, ..
            }
            | ExecEvent::TimedOut { id, .. }
            | ExecEvent::ReplacedByOther { id, .. } => *id,
            _ => return Ok(()),
        };
        self.submitted.remove(&id);
        self.reported.retain(|(reported, _)| *reported != id);
        self.executor.forget(&id)?;
        Ok(())
    }

    /// The executor's news as keeper events; an inclusion also reports the profit the executor paid. Bumps,
    /// relay fallbacks and failed re-sends are logged by the executor itself.
    async fn exec_event(&self, event: ExecEvent) -> Vec<KeeperEvent> {
        match event {
            ExecEvent::Included {
                id,
                hash,
                block,
                success,
                gas_used,
                ..
            } => {
                let mut out = vec![KeeperEvent::Included {
                    id,
                    hash,
                    block,
                    success,
                    gas_used,
                }];
                if success {
                    out.extend(self.profits_of(hash).await);
                }
                out
            }
            ExecEvent::TimedOut { id, hash, .. } => {
                vec![KeeperEvent::Dropped {
                    id,
                    reason: format!("not included in time (last version {hash})"),
                }]
            }
            ExecEvent::ReplacedByOther { id, nonce } => {
                vec![KeeperEvent::Dropped {
                    id,
                    reason: format!("nonce {nonce} taken by another transaction"),
                }]
            }
            ExecEvent::Bumped { .. }
            | ExecEvent::BumpSkipped { .. }
            | ExecEvent::SendFailed { .. }
            | ExecEvent::FellBackToPublic { .. } => Vec::new(),
        }
    }

    /// The executor's `Liquidated` events in a receipt: the profit actually paid.
    async fn profits_of(&self, hash: alloy::primitives::TxHash) -> Vec<KeeperEvent> {
        use crate::exec::contract::LiquidationExecutor::Liquidated;
        use alloy::sol_types::SolEvent;
        let Ok(Some(receipt)) = self.provider.get_transaction_receipt(hash).await else {
            return Vec::new();
        };
        receipt
            .inner
            .logs()
            .iter()
            .filter(|l| l.address() == self.settings.executor_contract)
            .filter_map(|l| Liquidated::decode_log(&l.inner).ok())
            .map(|l| KeeperEvent::Profit {
                market: l.data.id,
                amount: l.data.profit,
            })
            .collect()
    }

    /// The daemon loop: a step at every poll until `shutdown` resolves. RPC failures back off (up to 10 s) and
    /// recover; other failures end the loop with the error. Every event goes to `on_event`.
    pub async fn run(
        &mut self,
        shutdown: impl Future<Output = ()>,
        mut on_event: impl FnMut(&KeeperEvent),
    ) -> Result<(), KeeperError> {
        tokio::pin!(shutdown);
        let mut backoff = Duration::ZERO;
        loop {
            let pause = self.settings.poll_interval.max(backoff);
            tokio::select! {
                () = &mut shutdown => {
                    info!(target: "cantilever::keeper", in_flight = self.in_flight(), "shutting down");
                    return Ok(());
                }
                () = tokio::time::sleep(pause) => {}
            }
            let step = tokio::select! {
                () = &mut shutdown => {
                    info!(target: "cantilever::keeper", in_flight = self.in_flight(), "shutting down mid-step");
                    return Ok(());
                }
                step = self.step() => step,
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
                }
                Err(e) => return Err(e),
            }
        }
    }
}

/// A simulated liquidation's profit in wei: the executor's profit valued through the oracle, less gas.
fn profit_wei(
    c: &cantilever_sim::Candidate,
    s: &Simulation,
    native: &HashMap<Bytes, U256>,
) -> I256 {
    let SimResult::Liquidated {
        profit, gas_used, ..
    } = read_simulation(s)
    else {
        return I256::MINUS_ONE;
    };
    let Some(price) = native.get(&c.data).filter(|p| !p.is_zero()) else {
        return I256::MINUS_ONE;
    };
    let value = profit.saturating_mul(ORACLE_PRICE_SCALE) / *price;
    let gas = U256::from(gas_used) * U256::from(c.gas_price);
    I256::from_raw(value) - I256::from_raw(gas)
}
