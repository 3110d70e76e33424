//! One backtest run: a price path replayed over the scenario's state with one strategy in one world. Each step
//! is a block: the feeds' new answers and the pools' arbitrage are written into the state, the rival acts, the
//! keeper's own planner decides on what it sees (the block itself, or an older one with a detection lag), and
//! the chosen transactions execute on the fork in the block they land in; their effects are committed.

use std::collections::{HashSet, VecDeque};
use std::sync::Arc;

use alloy_primitives::{Address, B256, U256, keccak256};
use cantilever_paths::PricePath;
use cantilever_planner::{
    Fees, HealthBook, MarketState, Planner, PlannerSettings, Proposed, StrategyParams,
};
use cantilever_primitives::{Position, PositionKey};
use cantilever_report::RunMetrics;
use cantilever_sim::revm::context::BlockEnv;
use cantilever_sim::{Candidate, SharedFork, SimEnv, Simulator, StateKey, StateSource};

use crate::config::WorldParams;
use crate::error::{BacktestError, Result};
use crate::markets::{GasValuation, read_states};
use crate::moves::{Pool, feed_answer, pool_toward};
use crate::scenario::Scenario;
use crate::state::WorldState;
use crate::strategy::Strategy;
use crate::tally::{Executed, Tally};
use crate::trace::{TraceStep, TraceTx};
use crate::views::Views;

/// What a run produced.
#[derive(Debug, Clone)]
pub struct RunOutput {
    /// Its metrics.
    pub metrics: RunMetrics,
    /// What it did, replayable on a node.
    pub trace: Vec<TraceStep>,
    /// Every followed position (the scenario's, in its order) as the core holds it at the end: what a
    /// replay on a node must end with.
    pub final_positions: Vec<(PositionKey, Position)>,
}

/// What the keeper saw at one block (kept for a detection lag).
struct Seen {
    world: WorldState,
    states: Vec<MarketState>,
    env: SimEnv,
    fees: Fees,
    block: u64,
}

/// A planned transaction waiting for its block.
struct Pending {
    due: usize,
    /// The opportunities the transaction carries (every order of a sequential plan's batch).
    ids: Vec<B256>,
    candidate: Candidate,
}

/// The state of a run between steps.
struct Engine<'a> {
    sc: &'a Scenario,
    strategy: &'a dyn Strategy,
    params: &'a WorldParams,
    seed: u64,
    world: WorldState,
    book: HealthBook,
    planner: Planner,
    rival: Planner,
    gas: GasValuation,
    /// Every feed of the scenario, in symbol order (as `prices`).
    feeds: Vec<Address>,
    /// For each feed of the path, its index in `feeds`.
    path_feeds: Vec<usize>,
    prices: Vec<f64>,
    history: Vec<Vec<f64>>,
    seen: VecDeque<Seen>,
    pending: Vec<Pending>,
    tally: Tally,
    trace: Vec<TraceStep>,
    /// Reads the fork; made once per run, re-pointed at each step's state.
    viewer: Views,
    /// Executes the block's transactions; made once per run, like `viewer`.
    executor: Simulator,
    block: u64,
    timestamp: u64,
}

/// Runs `path` over `scenario` with `strategy` in `params`' world; `seed` drives the rival.
pub fn run(
    scenario: &Scenario,
    path: &PricePath,
    strategy: &dyn Strategy,
    params: &WorldParams,
    strategy_params: &StrategyParams,
    seed: u64,
) -> Result<RunOutput> {
    params.validate().map_err(BacktestError::Input)?;
    let names = scenario.feed_names();
    let path_feeds = path
        .feeds
        .iter()
        .map(|f| {
            names.iter().position(|n| n == f).ok_or_else(|| {
                BacktestError::Input(format!(
                    "price path {}: unknown feed {f} (the deployment has {names:?})",
                    path.name
                ))
            })
        })
        .collect::<Result<Vec<_>>>()?;
    let mut engine = Engine::new(
        scenario,
        strategy,
        params,
        strategy_params,
        seed,
        path_feeds,
    )?;
    engine.prices = scenario.start_prices()?;
    for (i, step) in path.steps.iter().enumerate() {
        engine.step(i, step)?;
    }
    engine.finish(path)
}

impl<'a> Engine<'a> {
    fn new(
        sc: &'a Scenario,
        strategy: &'a dyn Strategy,
        params: &'a WorldParams,
        strategy_params: &StrategyParams,
        seed: u64,
        path_feeds: Vec<usize>,
    ) -> Result<Self> {
        let world = WorldState::new(sc.state.clone());
        let fork = Arc::new(SharedFork::new(sc.state.clone(), Some(sc.block.number)));
        let start_env = SimEnv {
            spec: sc.spec(),
            chain_id: sc.file.chain_id,
            block: BlockEnv::default(),
        };
        let viewer = Views::new(fork.clone(), &start_env);
        let executor = Simulator::with_threads(fork, start_env, 1);
        let settings = |lane, profile| PlannerSettings {
            core: sc.deployment.core,
            strategy: *strategy_params,
            lanes: vec![lane],
            adapter: sc.file.adapter,
            profile,
            sim_threads: 1,
        };
        let mut engine = Self {
            sc,
            strategy,
            params,
            seed,
            book: HealthBook::for_deployment(&sc.deployment),
            planner: Planner::new(settings(sc.file.keeper, strategy.profile())),
            rival: Planner::new(settings(
                sc.file.rival,
                cantilever_sim::ChainProfile::Sequential,
            )),
            gas: GasValuation::new(&sc.deployment, sc.native_token()),
            feeds: sc.feeds.values().copied().collect(),
            path_feeds,
            prices: Vec::new(),
            history: Vec::new(),
            seen: VecDeque::new(),
            pending: Vec::new(),
            tally: Tally::new(sc)?,
            trace: Vec::new(),
            viewer,
            executor,
            block: sc.block.number,
            timestamp: sc.block.timestamp,
            world,
        };
        let views = engine.views(&engine.env(sc.block.base_fee));
        for key in &sc.file.positions {
            let position = views.position(sc.deployment.core, key.market, key.borrower)?;
            engine.book.upsert(*key, position);
        }
        engine.tally.start(&views, sc)?;
        Ok(engine)
    }

    fn env(&self, base_fee: u128) -> SimEnv {
        SimEnv {
            spec: self.sc.spec(),
            chain_id: self.sc.file.chain_id,
            block: BlockEnv {
                number: U256::from(self.block),
                timestamp: U256::from(self.timestamp),
                basefee: base_fee as u64,
                // The dump's block gas limit and coinbase: what the node it came from mines with after a
                // reload (`anvil --load-state` keeps them), so a replay there sees the same block fields.
                gas_limit: self.sc.block.gas_limit,
                beneficiary: self.sc.block.beneficiary,
                // A node draws its own; the contracts the backtest runs never read it.
                prevrandao: Some(B256::ZERO),
                ..BlockEnv::default()
            },
        }
    }

    fn fork_of(&self, world: &WorldState) -> Arc<SharedFork> {
        let source: Arc<dyn StateSource> = Arc::new(world.clone());
        Arc::new(SharedFork::new(source, Some(self.block)))
    }

    /// Views of the current state (on the run's one view worker: no thread per read).
    fn views(&self, env: &SimEnv) -> Views {
        self.viewer.on(self.fork_of(&self.world), env)
    }

    fn step(&mut self, i: usize, step: &cantilever_paths::PathStep) -> Result<()> {
        let blocks = step
            .block
            .saturating_sub(
                self.trace
                    .last()
                    .map_or(0, |t| t.block - self.sc.block.number),
            )
            .max(1);
        self.block += blocks;
        self.timestamp += blocks * self.sc.file.block_time_secs;
        let base = self
            .params
            .base_fee_gwei
            .map_or(self.sc.block.base_fee as f64, |gwei| gwei * 1e9);
        let base_fee = (base * step.gas_multiplier).round() as u128;
        let mut writes = self.move_feeds(step)?;
        self.history.push(self.prices.clone());
        writes.extend(self.move_pools()?);
        self.world.apply(&writes);
        let env = self.env(base_fee);
        let views = self.views(&env);
        let states = read_states(&views, &self.sc.deployment, &self.gas)?;
        self.tally.observe(i as u64, &self.book, &states);
        let fees = Fees {
            base_fee,
            priority_fee: (self.params.priority_fee_gwei * 1e9).round() as u128,
        };
        self.seen.push_back(Seen {
            world: self.world.clone(),
            states: states.clone(),
            env: env.clone(),
            fees,
            block: self.block,
        });
        while self.seen.len() > self.params.detection_lag as usize + 1 {
            self.seen.pop_front();
        }
        self.trace.push(TraceStep {
            block: self.block,
            timestamp: self.timestamp,
            base_fee,
            writes: writes
                .iter()
                .filter_map(|(k, v)| match k {
                    StateKey::Storage { address, slot } => Some((*address, *slot, *v)),
                    _ => None,
                })
                .collect(),
            transactions: Vec::new(),
        });
        let mut block_txs: Vec<(Candidate, bool, Option<B256>)> =
            self.rival_moves(i, &states, &env, fees)?;
        self.plan_ours(i)?;
        let (due, later): (Vec<Pending>, Vec<Pending>) =
            self.pending.drain(..).partition(|p| p.due <= i);
        self.pending = later;
        block_txs.extend(
            due.into_iter()
                .map(|p| (p.candidate, true, p.ids.first().copied())),
        );
        let before = self.tally.balances(&self.views(&env), self.sc)?;
        let executed = self.execute(&block_txs, &env)?;
        let views = self.views(&env);
        let after = self.tally.balances(&views, self.sc)?;
        self.refresh_positions(&executed, &views)?;
        self.tally.record(
            i as u64,
            &executed,
            &states,
            &self.prices,
            before,
            after,
            self.sc,
        );
        self.tally
            .series(&self.book, &states, &self.prices, self.sc);
        Ok(())
    }

    /// The feeds' new rounds for this step; `prices` follows the market (which moves on under a frozen feed).
    fn move_feeds(&mut self, step: &cantilever_paths::PathStep) -> Result<Vec<(StateKey, U256)>> {
        let mut writes = Vec::new();
        for j in 0..step.prices.len() {
            if let Some(market) = step.market_price(j) {
                self.prices[self.path_feeds[j]] = market;
            }
            let Some(price) = step.prices[j] else {
                continue;
            };
            let answer = (price * 1e8).round() as i128;
            let index = self.path_feeds[j];
            let feed = self.feeds[index];
            // Each feed's round id comes from the state as written so far in this step.
            let mut staged = self.world.clone();
            staged.apply(&writes);
            writes.extend(feed_answer(&staged, feed, answer, self.timestamp)?);
        }
        Ok(writes)
    }

    /// Each pool moved toward the market price of `arbitrage_lag` steps ago (the oracle's, unless it is frozen).
    fn move_pools(&self) -> Result<Vec<(StateKey, U256)>> {
        let lagged = self
            .history
            .len()
            .checked_sub(1 + self.params.arbitrage_lag as usize)
            .map(|i| &self.history[i]);
        let Some(prices) = lagged else {
            return Ok(Vec::new());
        };
        let mut writes = Vec::new();
        for market in &self.sc.deployment.markets {
            let Some(pair) = self.sc.deployment.pools.get(&market.id) else {
                continue;
            };
            let (t0, t1) = if market.collateral_token < market.loan_token {
                (market.collateral_token, market.loan_token)
            } else {
                (market.loan_token, market.collateral_token)
            };
            let reserves = crate::moves::reserves_of(&self.world, *pair)?;
            let target = self.tally.raw_price(t0, t1, prices, self.sc);
            let pool = Pool {
                pair: *pair,
                tokens: [t0, t1],
            };
            if let Some(w) = pool_toward(
                pool,
                reserves,
                target,
                self.params.arbitrage_efficiency,
                self.timestamp,
            ) {
                writes.extend(w);
            }
        }
        Ok(writes)
    }

    /// The rival's liquidations this block: each position liquidatable for at least the rival's latency is
    /// taken with the rival's probability (drawn from the seed, the position and the block).
    fn rival_moves(
        &mut self,
        i: usize,
        states: &[MarketState],
        env: &SimEnv,
        fees: Fees,
    ) -> Result<Vec<(Candidate, bool, Option<B256>)>> {
        if self.params.rival_probability <= 0.0 {
            return Ok(Vec::new());
        }
        let eligible: HashSet<_> = self
            .tally
            .liquidatable_since(i as u64, self.params.rival_latency)
            .into_iter()
            .filter(|key| {
                uniform(self.seed, key.market, key.borrower, i as u64)
                    < self.params.rival_probability
            })
            .collect();
        if eligible.is_empty() {
            return Ok(Vec::new());
        }
        let proposals = self.rival.propose(&self.book, states, fees, |_| false);
        let chosen: Vec<Proposed> = proposals
            .proposed
            .into_iter()
            .filter(|p| eligible.contains(&p.proposal.key))
            .collect();
        if chosen.is_empty() {
            return Ok(Vec::new());
        }
        let fork = self.rival.fork(Arc::new(self.world.clone()), self.block);
        let decision = self.rival.plan(&chosen, states, fork, env.clone(), fees)?;
        Ok(decision
            .transactions
            .iter()
            .map(|t| (candidate_of(t, fees), false, None))
            .collect())
    }

    /// The keeper's decision on what it sees (the state `detection_lag` blocks ago), queued for its block.
    fn plan_ours(&mut self, i: usize) -> Result<()> {
        if self.seen.len() <= self.params.detection_lag as usize {
            return Ok(());
        }
        let Some(seen) = self.seen.front() else {
            return Ok(());
        };
        let pending: HashSet<B256> = self
            .pending
            .iter()
            .flat_map(|p| p.ids.iter().copied())
            .collect();
        let proposals = self
            .planner
            .propose(&self.book, &seen.states, seen.fees, |id| {
                pending.contains(id)
            });
        for skip in &proposals.skipped {
            self.tally.waiting(skip.key, skip.reason.to_string());
        }
        let mut chosen = Vec::new();
        for p in proposals.proposed {
            let found = proposals.found.iter().find(|f| f.key == p.proposal.key);
            match found.map(|f| self.strategy.take(&p, f)) {
                Some(Ok(())) => chosen.push(p),
                Some(Err(reason)) => self.tally.waiting(p.proposal.key, reason),
                None => {}
            }
        }
        if chosen.is_empty() {
            return Ok(());
        }
        let fork = self.planner.fork(Arc::new(seen.world.clone()), seen.block);
        let (states, env, fees) = (seen.states.clone(), seen.env.clone(), seen.fees);
        let decision = self.planner.plan(&chosen, &states, fork, env, fees)?;
        for skip in &decision.skipped {
            self.tally.waiting(skip.key, skip.reason.to_string());
        }
        for t in &decision.transactions {
            self.pending.push(Pending {
                due: i + self.params.inclusion_delay as usize,
                ids: t.ids(),
                candidate: candidate_of(t, fees),
            });
        }
        Ok(())
    }

    /// Executes the block's transactions in order on the current state and commits what they wrote. A
    /// transaction the block cannot include (its gas price under the base fee) is dropped.
    fn execute(
        &mut self,
        txs: &[(Candidate, bool, Option<B256>)],
        env: &SimEnv,
    ) -> Result<Vec<Executed>> {
        if txs.is_empty() {
            return Ok(Vec::new());
        }
        let simulator = self
            .executor
            .with_fork(self.fork_of(&self.world), env.clone());
        let mut overlay = simulator.overlay();
        let mut out = Vec::new();
        let mut writes = Vec::new();
        for (candidate, ours, _) in txs {
            match simulator.execute(&mut overlay, candidate, true) {
                Ok(sim) => {
                    writes.extend(sim.writes.iter().copied());
                    self.trace
                        .last_mut()
                        .expect("step pushed")
                        .transactions
                        .push(TraceTx {
                            from: candidate.from,
                            to: candidate.to,
                            data: candidate.data.clone(),
                            gas_limit: candidate.gas_limit,
                            gas_price: candidate.gas_price,
                            succeeded: sim.succeeded(),
                            gas_used: sim.gas_used,
                            ours: *ours,
                        });
                    out.push(Executed {
                        ours: *ours,
                        candidate: candidate.clone(),
                        sim,
                    });
                }
                Err(cantilever_sim::Error::InvalidTransaction(_)) => self.tally.dropped(*ours),
                Err(e) => return Err(e.into()),
            }
        }
        self.world.apply(&writes);
        Ok(out)
    }

    /// Re-reads the positions the executed liquidations touched.
    fn refresh_positions(&mut self, executed: &[Executed], views: &Views) -> Result<()> {
        let touched: HashSet<_> = executed
            .iter()
            .flat_map(|e| crate::tally::liquidated(&e.sim))
            .map(|l| l.key)
            .collect();
        for key in touched {
            let position = views.position(self.sc.deployment.core, key.market, key.borrower)?;
            self.book.upsert(key, position);
        }
        Ok(())
    }

    fn finish(self, path: &PricePath) -> Result<RunOutput> {
        let env = self.env(self.sc.block.base_fee);
        let views = self.views(&env);
        let states = read_states(&views, &self.sc.deployment, &self.gas)?;
        let final_positions = self
            .sc
            .file
            .positions
            .iter()
            .map(|key| {
                let position = views.position(self.sc.deployment.core, key.market, key.borrower)?;
                Ok((*key, position))
            })
            .collect::<Result<Vec<_>>>()?;
        let metrics = self
            .tally
            .finish(&self.book, &states, &self.prices, path, self.sc);
        Ok(RunOutput {
            metrics,
            trace: self.trace,
            final_positions,
        })
    }
}

/// The transaction a planned one becomes: its calldata (a `liquidateBatch` of the plan's orders in the
/// sequential profile) and the gas limit from its own simulation.
fn candidate_of(t: &cantilever_planner::PlannedTx, fees: Fees) -> Candidate {
    Candidate {
        from: t.from,
        to: t.to,
        data: t.data.clone(),
        value: U256::ZERO,
        gas_limit: t.gas_limit,
        gas_price: fees.gas_price(),
    }
}

/// A uniform draw in [0, 1) fixed by the seed, the position and the step: the same whatever runs beside it.
fn uniform(seed: u64, market: B256, borrower: Address, step: u64) -> f64 {
    let mut buf = Vec::with_capacity(8 + 32 + 20 + 8);
    buf.extend_from_slice(&seed.to_be_bytes());
    buf.extend_from_slice(market.as_slice());
    buf.extend_from_slice(borrower.as_slice());
    buf.extend_from_slice(&step.to_be_bytes());
    let h = keccak256(&buf);
    (u64::from_be_bytes(h[..8].try_into().expect("8 bytes")) >> 11) as f64 / (1u64 << 53) as f64
}
