//! The [`Planner`]: the keeper's decisions with no I/O. Given the health book, the market states at a block
//! and the fees, [`Planner::propose`] says which liquidatable positions are worth trying (and why not, for
//! the rest); [`Planner::plan`] simulates the proposals on a fork of the block in parallel, settles each on
//! its simulated numbers, packs the survivors for the chain profile and returns the transactions to send.
//! It holds no provider, signer or executor: the daemon feeds it the live chain, the backtest a fork.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Instant;

use alloy_primitives::{Address, B256, Bytes, I256, U256};
use cantilever_primitives::PositionKey;
use cantilever_primitives::math::constants::ORACLE_PRICE_SCALE;
use cantilever_primitives::math::position_health;
use cantilever_sim::{
    Candidate, ChainProfile, CriticalPath, PackConfig, Plan, SharedFork, SimEnv, Simulation,
    Simulator, StateKey, StateSource, pack,
};

use crate::batch;
use crate::book::HealthBook;
use crate::call::{SimResult, candidate, executor_call, read_simulation};
use crate::market::MarketState;
use crate::sequential;
use crate::strategy::{Proposal, SkipReason, StrategyParams, evaluate, opportunity_id, settle};

/// How the planner decides, beyond the strategy's numbers.
#[derive(Debug, Clone)]
pub struct PlannerSettings {
    /// The core contract (the simulations' forks prefetch the proposed positions' slots in it).
    pub core: Address,
    /// Profit rules.
    pub strategy: StrategyParams,
    /// Where liquidations are sent from: each lane is an account and the LiquidationExecutor it owns. The
    /// sequential profile uses the first lane only; the parallel profile spreads markets over all of them, so
    /// that liquidations in different lanes share no balance slot (each executor holds and pays out its own).
    pub lanes: Vec<Lane>,
    /// The swap adapter the executor sells collateral through.
    pub adapter: Address,
    /// Sequential (one ordered bundle) or parallel chain (independent transactions).
    pub profile: ChainProfile,
    /// Simulation worker threads (0: one per core).
    pub sim_threads: usize,
}

/// An account and the LiquidationExecutor contract it owns: one sender of liquidations.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct Lane {
    /// The account that signs (the executor's owner).
    pub sender: Address,
    /// Its LiquidationExecutor.
    pub executor: Address,
}

/// The gas price of the block being planned for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Fees {
    /// The next block's base fee (wei per gas).
    pub base_fee: u128,
    /// The priority fee offered (wei per gas).
    pub priority_fee: u128,
}

impl Fees {
    /// What a transaction pays per gas: base fee plus priority fee.
    pub fn gas_price(&self) -> u128 {
        self.base_fee + self.priority_fee
    }
}

/// A liquidatable position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// The position.
    pub key: PositionKey,
    /// The opportunity id (the position in its exact state).
    pub id: B256,
    /// Its debt (loan units).
    pub debt: U256,
    /// Its health factor (WAD).
    pub health_factor: U256,
}

/// A liquidatable position left alone, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skip {
    /// The position.
    pub key: PositionKey,
    /// The opportunity id.
    pub id: B256,
    /// Why.
    pub reason: SkipReason,
}

/// A proposal and the executor call that carries it out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Proposed {
    /// The strategy's proposal.
    pub proposal: Proposal,
    /// Index of its market in the states it was proposed from.
    pub market: usize,
    /// The executor calldata.
    pub data: Bytes,
}

/// What [`Planner::propose`] found at a block.
#[derive(Debug, Clone, Default)]
pub struct Proposals {
    /// Liquidatable positions in markets with a usable price (excluded ones included).
    pub liquidatable: usize,
    /// Every liquidatable position not excluded.
    pub found: Vec<Found>,
    /// Those worth simulating.
    pub proposed: Vec<Proposed>,
    /// The others, with their reasons.
    pub skipped: Vec<Skip>,
    /// Markets whose price could not be used (their positions were not looked at).
    pub unpriced: Vec<B256>,
}

/// One proposal's simulation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Simulated {
    /// The position.
    pub key: PositionKey,
    /// What the simulation showed.
    pub result: SimResult,
}

/// One liquidation of a planned transaction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedOrder {
    /// The proposal, settled on the numbers of the transaction's simulation: in a batch, the profit this order
    /// made after the orders before it (`gross_profit` is that simulated profit, to the wei).
    pub proposal: Proposal,
    /// Its executor `liquidate` call (in a batch, the order is decoded from it).
    pub data: Bytes,
}

/// A transaction of the plan, ready for the executor: in the sequential profile one `liquidateBatch` of every
/// order of the plan, in the plan's order; in the parallel profile one `liquidate` per independent liquidation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedTx {
    /// The liquidations it carries, in execution order (one for a `liquidate` call).
    pub orders: Vec<PlannedOrder>,
    /// Whether it is a `liquidateBatch` call (its receipt reports each order apart).
    pub batch: bool,
    /// The sender the packer assigned (the caller's account in the sequential profile).
    pub from: Address,
    /// The contract called (the executor).
    pub to: Address,
    /// The calldata.
    pub data: Bytes,
    /// The gas the simulation used.
    pub gas_used: u64,
    /// Gas limit to send with: room above the simulated figure, as the state may move before inclusion.
    pub gas_limit: u64,
}

impl PlannedTx {
    /// The most it may spend on gas (wei): the sum of its orders' budgets.
    pub fn fee_budget_wei(&self) -> U256 {
        self.orders.iter().fold(U256::ZERO, |sum, o| {
            sum.saturating_add(o.proposal.fee_budget_wei)
        })
    }

    /// The opportunity ids of its orders, in order.
    pub fn ids(&self) -> Vec<B256> {
        self.orders.iter().map(|o| o.proposal.id).collect()
    }
}

/// What the packer made of the settled proposals.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanSummary {
    /// The profile packed for.
    pub profile: ChainProfile,
    /// The positions, in submission order.
    pub order: Vec<PositionKey>,
    /// Total profit after gas, valued in wei of the native token.
    pub profit_wei: I256,
    /// Gas of the longest chain of conflicting transactions.
    pub critical_path: CriticalPath,
    /// Re-executions a Block-STM-style executor would need, in all.
    pub re_executions: usize,
    /// The plan validated when simulated in order on the block's state.
    pub valid: bool,
    /// Gas of the whole plan, as validated: over `critical_path.gas`, the bound on a parallel executor's
    /// speedup.
    pub total_gas: u64,
    /// Pairs of planned liquidations in different markets, and how many of them conflict (their standalone
    /// read/write sets share a slot one of them writes).
    pub cross_market: CrossMarket,
}

impl PlanSummary {
    /// The summary of no plan yet.
    fn empty(profile: ChainProfile) -> Self {
        Self {
            profile,
            order: Vec::new(),
            profit_wei: I256::ZERO,
            critical_path: CriticalPath::default(),
            re_executions: 0,
            valid: false,
            total_gas: 0,
            cross_market: CrossMarket::default(),
        }
    }

    /// The summary of `plan` over `proposed`, whose markets are `markets` and standalone simulations
    /// `standalone`.
    fn of(
        plan: &Plan,
        proposed: &[Proposed],
        markets: &[B256],
        standalone: &[Option<&Simulation>],
    ) -> Self {
        let planned: Vec<(B256, &Simulation)> = plan
            .order
            .iter()
            .filter_map(|&i| Some((markets[i], standalone[i]?)))
            .collect();
        Self {
            profile: plan.profile,
            order: plan
                .order
                .iter()
                .map(|&i| proposed[i].proposal.key)
                .collect(),
            profit_wei: plan.profit,
            critical_path: plan.critical_path.clone(),
            re_executions: plan.re_executions.iter().sum(),
            valid: plan.valid,
            total_gas: plan.validation.iter().map(|s| s.gas_used).sum(),
            cross_market: CrossMarket::of(&planned),
        }
    }
}

impl PlanSummary {
    /// The summary of the sequential profile's batches: each one transaction, so the critical path is all of
    /// them; no standalone simulations, so no cross-market pairs are measured.
    fn of_batches(transactions: &[PlannedTx], profit_wei: I256, settled: bool) -> Self {
        let total_gas = transactions.iter().map(|t| t.gas_used).sum();
        Self {
            profile: ChainProfile::Sequential,
            order: transactions
                .iter()
                .flat_map(|t| t.orders.iter().map(|o| o.proposal.key))
                .collect(),
            profit_wei,
            critical_path: CriticalPath {
                gas: total_gas,
                chain: (0..transactions.len()).collect(),
            },
            re_executions: 0,
            valid: settled,
            total_gas,
            cross_market: CrossMarket::default(),
        }
    }
}

/// The transactions of a valid `plan` in the parallel profile, one per liquidation, in its order. Each one's gas
/// is the larger of what it used alone on the block's state and in the plan's validation: on chain an earlier
/// transaction may fail (a rival went first) and leave this one paying for slots the validation found already
/// written.
fn transactions(
    plan: &Plan,
    proposed: &[Proposed],
    candidates: &[Candidate],
    standalone: &[Option<&Simulation>],
    mut settled: Vec<Option<Proposal>>,
) -> Vec<PlannedTx> {
    let mut out = Vec::with_capacity(plan.order.len());
    for (position, &i) in plan.order.iter().enumerate() {
        let Some(proposal) = settled[i].take() else {
            continue;
        };
        let chained = plan.validation.get(position).map_or(0, |s| s.gas_used);
        let alone = standalone[i].map_or(0, |s| s.gas_used);
        let gas_used = chained.max(alone);
        out.push(PlannedTx {
            orders: vec![PlannedOrder {
                proposal,
                data: proposed[i].data.clone(),
            }],
            batch: false,
            from: candidates[i].from,
            to: candidates[i].to,
            data: proposed[i].data.clone(),
            gas_used,
            gas_limit: batch::gas_limit(gas_used),
        });
    }
    out
}

/// Conflicts between liquidations in different markets, from their read/write sets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct CrossMarket {
    /// Pairs of liquidations in different markets.
    pub pairs: usize,
    /// Of which conflict.
    pub conflicting: usize,
}

impl CrossMarket {
    /// Counts the pairs among `planned` (market id and standalone simulation of each liquidation).
    pub fn of(planned: &[(B256, &Simulation)]) -> Self {
        let mut out = Self::default();
        for (i, (market_a, a)) in planned.iter().enumerate() {
            for (market_b, b) in &planned[i + 1..] {
                if market_a != market_b {
                    out.pairs += 1;
                    out.conflicting += usize::from(a.rwset.conflicts_with(&b.rwset));
                }
            }
        }
        out
    }

    /// Merges counts over several plans.
    pub fn add(&mut self, other: Self) {
        self.pairs += other.pairs;
        self.conflicting += other.conflicting;
    }
}

/// What [`Planner::plan`] decided.
#[derive(Debug, Clone)]
pub struct Decision {
    /// Each proposal's simulation, in proposal order (failed simulations are in `errors`).
    pub simulated: Vec<Simulated>,
    /// Proposals the simulated numbers turned down.
    pub skipped: Vec<Skip>,
    /// Simulations that could not run (state unavailable: not a revert), with the position.
    pub errors: Vec<(PositionKey, cantilever_sim::Error)>,
    /// The packed plan.
    pub plan: PlanSummary,
    /// The transactions to send, in order; empty when the plan did not validate.
    pub transactions: Vec<PlannedTx>,
    /// Wall time of the simulation batch divided by its size (microseconds).
    pub micros_per_simulation: u64,
    /// Where the planning time went.
    pub timings: PlanTimings,
}

/// Wall time of each part of [`Planner::plan`], in microseconds, and what drove it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PlanTimings {
    /// Preparing the simulator: the keys the last block's simulations read, fetched on the new fork in one
    /// batch.
    pub prefetch_us: u64,
    /// The parallel profile: simulating each proposal alone, in parallel.
    pub simulate_us: u64,
    /// The parallel profile: packing (conflict graph, chains re-simulated, the plan's validation).
    pub pack_us: u64,
    /// The sequential profile: the batch simulations.
    pub transactions_us: u64,
    /// The sequential profile: batch simulations run (one, unless orders were dropped or a batch was cut again).
    pub batch_runs: u64,
    /// State the simulations fetched from the node one key at a time, after the prefetch (a round trip each).
    pub fetches: u64,
}

/// Why planning failed as a whole (single simulations failing are data in the [`Decision`]).
#[derive(Debug, thiserror::Error)]
pub enum PlanError {
    /// Packing needed state the fork could not provide.
    #[error("packing: {0}")]
    Pack(#[from] cantilever_sim::Error),
    /// No lane to send from is configured.
    #[error("no lane (sender and executor) to send from")]
    NoLane,
}

/// The keeper's decision pipeline: propose, then simulate, settle and pack. Between blocks it keeps the
/// simulator (its worker pool and the code already fetched) and the keys the last simulations read, which it
/// prefetches on the next block's fork in one batch.
#[derive(Debug)]
pub struct Planner {
    settings: PlannerSettings,
    simulator: Option<Simulator>,
    prefetch: Vec<StateKey>,
    /// Gas per order of the last batch simulated (the sequential profile cuts its next batches with it).
    gas_per_order: u64,
}

impl Planner {
    /// A planner with `settings`.
    pub fn new(settings: PlannerSettings) -> Self {
        Self {
            gas_per_order: settings.strategy.gas_estimate,
            settings,
            simulator: None,
            prefetch: Vec::new(),
        }
    }

    /// Its settings.
    pub fn settings(&self) -> &PlannerSettings {
        &self.settings
    }

    /// The keys the last plan's simulations read: what the next plan's fork prefetches.
    pub fn prefetch_keys(&self) -> &[StateKey] {
        &self.prefetch
    }

    /// The fork of `block` over `source`, keeping the code the last block's fork fetched.
    pub fn fork(&self, source: Arc<dyn StateSource>, block: u64) -> Arc<SharedFork> {
        Arc::new(match &self.simulator {
            Some(s) => s.fork().successor(source, Some(block)),
            None => SharedFork::new(source, Some(block)),
        })
    }

    /// [`Self::fork`], with the keys the last plan's simulations read already fetched in one batch. The daemon
    /// builds it while it reads the markets at the new head. The keys stay for the next plan (blocks without
    /// one, like the block of the keeper's own transaction, do not lose them).
    pub fn warm_fork(&self, source: Arc<dyn StateSource>, block: u64) -> Arc<SharedFork> {
        let fork = self.fork(source, block);
        // A key the fork cannot fetch now is fetched again by the simulation that needs it.
        let _ = fork.prefetch(self.prefetch.iter());
        fork
    }

    /// The liquidatable positions of `book` at `states`, each proposed or skipped with its reason. Positions
    /// whose opportunity id `exclude` names (already sent and tracked by the caller) are left out entirely.
    pub fn propose(
        &self,
        book: &HealthBook,
        states: &[MarketState],
        fees: Fees,
        exclude: impl Fn(&B256) -> bool,
    ) -> Proposals {
        let mut out = Proposals::default();
        let strategy = &self.settings.strategy;
        let capped = strategy
            .max_base_fee_wei()
            .filter(|cap| fees.base_fee > *cap);
        for (i, state) in states.iter().enumerate() {
            let Some(market_book) = book.market(&state.market.id) else {
                continue;
            };
            if state.price_error.is_some() {
                if !market_book.is_empty() {
                    out.unpriced.push(state.market.id);
                }
                continue;
            }
            let snapshot = &state.view.snapshot;
            let found = match market_book.liquidatable(snapshot) {
                Ok(found) => found,
                Err(e) => {
                    tracing::warn!(target: "cantilever::planner", market = %state.market.id, error = %e, "health math refused the market state");
                    out.unpriced.push(state.market.id);
                    continue;
                }
            };
            out.liquidatable += found.len();
            for l in found {
                let key = PositionKey {
                    market: state.market.id,
                    borrower: l.borrower,
                };
                let id = opportunity_id(key, &l);
                if exclude(&id) {
                    continue;
                }
                let health = position_health(
                    U256::from(l.position.borrow_shares),
                    U256::from(l.position.collateral),
                    snapshot.total_borrow_assets,
                    snapshot.total_borrow_shares,
                    Some(snapshot.price),
                    state.market.lltv,
                )
                .unwrap_or_default();
                out.found.push(Found {
                    key,
                    id,
                    debt: health.debt,
                    health_factor: health.health_factor,
                });
                let decision = match capped {
                    Some(cap) => Err(SkipReason::GasPriceCap {
                        base_fee: fees.base_fee,
                        cap,
                    }),
                    None => evaluate(
                        key,
                        &l,
                        &state.view,
                        strategy,
                        fees.gas_price(),
                        strategy.gas_estimate,
                    ),
                };
                match decision {
                    Ok(proposal) => {
                        let data =
                            executor_call(&state.market.params(), &proposal, self.settings.adapter);
                        out.proposed.push(Proposed {
                            proposal,
                            market: i,
                            data,
                        });
                    }
                    Err(reason) => out.skipped.push(Skip { key, id, reason }),
                }
            }
        }
        out
    }

    /// The lane each proposal goes out through: the first lane in the sequential profile; in the parallel
    /// profile, the lane of its market, by the market's place among the states (the deployment's order), so a
    /// market keeps its lane from block to block and across restarts (one ledger sees each opportunity), one
    /// market's liquidations (which conflict anyway, through the market) share a lane, and markets spread
    /// evenly over the lanes.
    pub fn lanes_of(&self, proposed: &[Proposed]) -> Result<Vec<Lane>, PlanError> {
        let lanes = &self.settings.lanes;
        let first = *lanes.first().ok_or(PlanError::NoLane)?;
        Ok(proposed
            .iter()
            .map(|p| match self.settings.profile {
                ChainProfile::Sequential => first,
                ChainProfile::Parallel => lanes[p.market % lanes.len()],
            })
            .collect())
    }

    /// Decides on `proposed` on `fork` in the block `env` describes: in the sequential profile, all of them in
    /// `liquidateBatch` transactions settled on the batches' own simulation; in the parallel profile, each
    /// simulated alone, in parallel, from its lane, settled, packed into independent transactions and the plan
    /// validated in order. Blocking: run it off an async runtime when the fork reads a node.
    pub fn plan(
        &mut self,
        proposed: &[Proposed],
        states: &[MarketState],
        fork: Arc<SharedFork>,
        env: SimEnv,
        fees: Fees,
    ) -> Result<Decision, PlanError> {
        let lanes = self.lanes_of(proposed)?;
        let preparing = Instant::now();
        let simulator = self.simulator_on(fork, env, proposed);
        let mut decision = Decision {
            simulated: Vec::with_capacity(proposed.len()),
            skipped: Vec::new(),
            errors: Vec::new(),
            plan: PlanSummary::empty(self.settings.profile),
            transactions: Vec::new(),
            micros_per_simulation: 0,
            timings: PlanTimings {
                prefetch_us: preparing.elapsed().as_micros() as u64,
                ..PlanTimings::default()
            },
        };
        match self.settings.profile {
            ChainProfile::Sequential => {
                self.plan_sequential(&simulator, proposed, states, fees, &mut decision)?
            }
            ChainProfile::Parallel => {
                self.plan_parallel(&simulator, proposed, &lanes, states, fees, &mut decision)?
            }
        }
        Ok(decision)
    }

    /// The sequential profile: every proposal in `liquidateBatch` transactions, settled on the batches' own
    /// simulation (see [`crate::sequential`]).
    fn plan_sequential(
        &mut self,
        simulator: &Simulator,
        proposed: &[Proposed],
        states: &[MarketState],
        fees: Fees,
        decision: &mut Decision,
    ) -> Result<(), PlanError> {
        let lane = *self.settings.lanes.first().ok_or(PlanError::NoLane)?;
        let batching = sequential::Batching {
            simulator,
            proposed,
            states,
            strategy: &self.settings.strategy,
            from: lane.sender,
            to: lane.executor,
            gas_price: fees.gas_price(),
        };
        let started = Instant::now();
        let fetched = simulator.fork().counters().fetches;
        let batched = sequential::plan(&batching, self.gas_per_order)?;
        let batch_us = started.elapsed().as_micros() as u64;
        decision.timings.transactions_us = batch_us;
        decision.timings.batch_runs = batched.simulations as u64;
        decision.timings.fetches = simulator.fork().counters().fetches - fetched;
        decision.micros_per_simulation = batch_us / proposed.len().max(1) as u64;
        self.prefetch.extend(batched.reads);
        if let Some(gas) = batched.gas_per_order {
            self.gas_per_order = gas;
        }
        decision.simulated = batched.simulated;
        decision.skipped = batched.skipped;
        decision.plan =
            PlanSummary::of_batches(&batched.transactions, batched.profit_wei, batched.settled);
        decision.transactions = batched.transactions;
        Ok(())
    }

    /// The parallel profile: each proposal simulated alone, in parallel, from its lane; settled on its
    /// simulated profit and gas; the profitable ones packed into independent transactions (and chains where
    /// they earn more) and the plan validated in order.
    fn plan_parallel(
        &mut self,
        simulator: &Simulator,
        proposed: &[Proposed],
        lanes: &[Lane],
        states: &[MarketState],
        fees: Fees,
        decision: &mut Decision,
    ) -> Result<(), PlanError> {
        let gas_price = fees.gas_price();
        let candidates: Vec<Candidate> = proposed
            .iter()
            .zip(lanes)
            .map(|(p, lane)| candidate(lane.sender, lane.executor, p.data.clone(), gas_price))
            .collect();
        let started = Instant::now();
        let fetched = simulator.fork().counters().fetches;
        let simulations = simulator.simulate_all(&candidates);
        decision.timings.simulate_us = started.elapsed().as_micros() as u64;
        decision.micros_per_simulation =
            decision.timings.simulate_us / proposed.len().max(1) as u64;
        let settled = self.settle_all(proposed, states, &simulations, gas_price, decision);
        let standalone: Vec<Option<&Simulation>> =
            simulations.iter().map(|s| s.as_ref().ok()).collect();
        // Only what settled is worth packing: the packer sees the others as unprofitable.
        let native: HashMap<Bytes, U256> = proposed
            .iter()
            .zip(&settled)
            .filter(|(_, s)| s.is_some())
            .map(|(p, _)| {
                let price = states[p.market].view.native_price.unwrap_or_default();
                (p.data.clone(), price)
            })
            .collect();
        let profit = |c: &Candidate, s: &Simulation| profit_wei(c, s, &native);
        let config = PackConfig::new(self.settings.profile);
        let packing = Instant::now();
        let plan = pack(simulator, &candidates, &standalone, &profit, &config)?;
        decision.timings.pack_us = packing.elapsed().as_micros() as u64;
        decision.timings.fetches = simulator.fork().counters().fetches - fetched;
        let markets: Vec<B256> = proposed
            .iter()
            .map(|p| states[p.market].market.id)
            .collect();
        decision.plan = PlanSummary::of(&plan, proposed, &markets, &standalone);
        if plan.valid {
            decision.transactions =
                transactions(&plan, proposed, &candidates, &standalone, settled);
        }
        Ok(())
    }

    /// A simulator over `fork` in `env` on the planner's worker pool (started if there is none yet).
    pub fn simulator(&mut self, fork: Arc<SharedFork>, env: SimEnv) -> Simulator {
        match &self.simulator {
            Some(s) => s.with_fork(fork, env),
            None => {
                let s = Simulator::with_threads(fork, env, self.settings.sim_threads);
                self.simulator = Some(s.clone());
                s
            }
        }
    }

    /// A simulator over `fork` (keeping the last one's worker pool), with the keys the last block's
    /// simulations read and the core slots of the `proposed` positions already fetched in one batch (the keys a
    /// warm fork holds already are not asked for again).
    fn simulator_on(
        &mut self,
        fork: Arc<SharedFork>,
        env: SimEnv,
        proposed: &[Proposed],
    ) -> Simulator {
        let simulator = self.simulator(fork, env);
        self.simulator = Some(simulator.clone());
        let core = self.settings.core;
        let positions = proposed.iter().flat_map(|p| {
            p.proposal.key.core_slots().map(|slot| StateKey::Storage {
                address: core,
                slot,
            })
        });
        self.prefetch.extend(positions);
        // A key the fork cannot fetch now fails the simulation that needs it, with its own error.
        let _ = simulator.fork().prefetch(self.prefetch.iter());
        self.prefetch.clear();
        simulator
    }

    /// Reads each simulation and settles its proposal on the simulated numbers; records simulations, skips
    /// and errors in `decision` and remembers what each simulation read for the next block's prefetch.
    fn settle_all(
        &mut self,
        proposed: &[Proposed],
        states: &[MarketState],
        simulations: &[cantilever_sim::Result<Simulation>],
        gas_price: u128,
        decision: &mut Decision,
    ) -> Vec<Option<Proposal>> {
        let mut settled = Vec::with_capacity(proposed.len());
        for (p, sim) in proposed.iter().zip(simulations) {
            let key = p.proposal.key;
            let sim = match sim {
                Ok(sim) => sim,
                Err(e) => {
                    decision.errors.push((key, e.clone()));
                    settled.push(None);
                    continue;
                }
            };
            self.prefetch.extend(sim.reads.iter().map(|(k, _)| *k));
            let result = read_simulation(sim);
            let outcome = match &result {
                SimResult::Liquidated {
                    profit, gas_used, ..
                } => settle(
                    &p.proposal,
                    &states[p.market].view,
                    &self.settings.strategy,
                    *profit,
                    *gas_used,
                    gas_price,
                ),
                SimResult::Failed(failure) => Err(SkipReason::Reverted(failure.clone())),
            };
            decision.simulated.push(Simulated { key, result });
            settled.push(match outcome {
                Ok(s) => Some(s),
                Err(reason) => {
                    let id = p.proposal.id;
                    decision.skipped.push(Skip { key, id, reason });
                    None
                }
            });
        }
        settled
    }
}

/// A simulated liquidation's profit in wei: the executor's profit valued through the oracle, less gas; minus
/// one (never packed) when it failed or its gas cannot be valued.
fn profit_wei(c: &Candidate, s: &Simulation, native: &HashMap<Bytes, U256>) -> I256 {
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

#[cfg(test)]
mod tests {
    use cantilever_sim::{Outcome, ReadWriteSet, StateKey};

    use super::*;

    fn sim(writes: &[u64]) -> Simulation {
        let mut rwset = ReadWriteSet::new();
        for &slot in writes {
            rwset.record_write(StateKey::Storage {
                address: Address::repeat_byte(1),
                slot: U256::from(slot),
            });
        }
        Simulation {
            outcome: Outcome::Success(Bytes::new()),
            gas_used: 100_000,
            logs: Vec::new(),
            rwset,
            reads: Vec::new(),
            writes: Vec::new(),
            env_reads: Default::default(),
        }
    }

    #[test]
    fn cross_market_counts_only_pairs_in_different_markets() {
        let (a, b) = (B256::repeat_byte(0xa), B256::repeat_byte(0xb));
        // Two liquidations in market a sharing a slot (same market: not counted), one in b that shares a
        // slot with the first, one in b that shares nothing.
        let (s1, s2, s3, s4) = (sim(&[1, 2]), sim(&[2]), sim(&[1, 9]), sim(&[7]));
        let c = CrossMarket::of(&[(a, &s1), (a, &s2), (b, &s3), (b, &s4)]);
        assert_eq!(c.pairs, 4, "a×b pairs: 2 × 2");
        assert_eq!(
            c.conflicting, 1,
            "only s1 and s3 share a slot across markets"
        );
        let mut total = c;
        total.add(CrossMarket::of(&[(a, &s4), (b, &s1)]));
        assert_eq!((total.pairs, total.conflicting), (5, 1));
    }
}
