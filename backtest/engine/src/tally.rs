//! A run's metrics, counted from what the chain did: the core's `Liquidate` and `RealizeBadDebt` logs of the
//! executed transactions, the keeper's token and ether balances read before and after each block, and the
//! positions' health from the book at each block's market state.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use alloy::sol_types::SolEvent;
use alloy_primitives::{Address, I256, U256};
use cantilever_bindings::cantilever::Cantilever;
use cantilever_paths::PricePath;
use cantilever_planner::{HealthBook, MarketState};
use cantilever_primitives::PositionKey;
use cantilever_primitives::math::constants::ORACLE_PRICE_SCALE;
use cantilever_primitives::math::{position_health, to_assets_up};
use cantilever_report::{HEALTH_BUCKETS, Missed, RunMetrics};
use cantilever_sim::{Candidate, Simulation};

use crate::error::Result;
use crate::scenario::Scenario;
use crate::views::Views;

/// A transaction as it executed in its block.
#[derive(Debug, Clone)]
pub struct Executed {
    /// The keeper's (else the rival's).
    pub ours: bool,
    /// The transaction.
    pub candidate: Candidate,
    /// What it did.
    pub sim: Simulation,
}

/// A liquidation the core logged.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Liquidated {
    /// The position.
    pub key: PositionKey,
    /// Who called the core (an executor).
    pub caller: Address,
    /// Loan assets repaid.
    pub repaid: U256,
    /// Collateral seized.
    pub seized: U256,
}

/// The liquidations `sim` logged.
pub fn liquidated(sim: &Simulation) -> Vec<Liquidated> {
    sim.logs
        .iter()
        .filter_map(|log| Cantilever::Liquidate::decode_log_data(&log.data).ok())
        .map(|e| Liquidated {
            key: PositionKey {
                market: e.id,
                borrower: e.borrower,
            },
            caller: e.caller,
            repaid: e.repaidAssets,
            seized: e.seizedAssets,
        })
        .collect()
}

/// The bad debt `sim` realised: (market, loan assets).
fn bad_debt(sim: &Simulation) -> Vec<(alloy_primitives::B256, U256)> {
    sim.logs
        .iter()
        .filter_map(|log| Cantilever::RealizeBadDebt::decode_log_data(&log.data).ok())
        .map(|e| (e.id, e.badDebtAssets))
        .collect()
}

/// The keeper's balances: each loan token's, then ether.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Balances {
    tokens: Vec<U256>,
    eth: U256,
}

/// Counts a run.
#[derive(Debug)]
pub struct Tally {
    /// Loan tokens by symbol (what PnL is kept in).
    loans: Vec<(String, Address)>,
    decimals: HashMap<Address, u8>,
    since: HashMap<PositionKey, u64>,
    ever: BTreeSet<PositionKey>,
    ours: BTreeSet<PositionKey>,
    rivals: BTreeSet<PositionKey>,
    reasons: HashMap<PositionKey, (u64, String)>,
    pnl: Vec<I256>,
    gas_spent: u128,
    metrics: RunMetrics,
}

impl Tally {
    /// A tally for `sc`'s markets.
    pub fn new(sc: &Scenario) -> Result<Self> {
        let mut loans: Vec<(String, Address)> = sc
            .deployment
            .markets
            .iter()
            .map(|m| {
                (
                    sc.symbol_of(m.loan_token).unwrap_or("?").to_string(),
                    m.loan_token,
                )
            })
            .collect();
        loans.sort();
        loans.dedup();
        let pnl = vec![I256::ZERO; loans.len() + 1];
        Ok(Self {
            loans,
            decimals: HashMap::new(),
            since: HashMap::new(),
            ever: BTreeSet::new(),
            ours: BTreeSet::new(),
            rivals: BTreeSet::new(),
            reasons: HashMap::new(),
            pnl,
            gas_spent: 0,
            metrics: RunMetrics::default(),
        })
    }

    /// Reads the tokens' decimals.
    pub fn start(&mut self, views: &Views, sc: &Scenario) -> Result<()> {
        for token in sc.deployment.tokens.values() {
            self.decimals.insert(*token, views.decimals(*token)?);
        }
        Ok(())
    }

    /// USD price of `token` at `prices` (one per scenario feed, in symbol order).
    pub fn usd(&self, token: Address, prices: &[f64], sc: &Scenario) -> f64 {
        let symbol = sc.symbol_of(token).unwrap_or_default();
        sc.feeds
            .keys()
            .position(|s| s == symbol)
            .map_or(0.0, |i| prices[i])
    }

    /// `amount` of `token` in USD.
    fn value(&self, token: Address, amount: U256, prices: &[f64], sc: &Scenario) -> f64 {
        let decimals = self.decimals.get(&token).copied().unwrap_or(18);
        f64::from(amount) / 10f64.powi(i32::from(decimals)) * self.usd(token, prices, sc)
    }

    /// Units of `t1` per unit of `t0` (raw, decimals included) at `prices`.
    pub fn raw_price(&self, t0: Address, t1: Address, prices: &[f64], sc: &Scenario) -> f64 {
        let (d0, d1) = (self.decimals[&t0], self.decimals[&t1]);
        self.usd(t0, prices, sc) / self.usd(t1, prices, sc)
            * 10f64.powi(i32::from(d1) - i32::from(d0))
    }

    /// Notes which positions are liquidatable at `step`, from the book at the block's market states.
    pub fn observe(&mut self, step: u64, book: &HealthBook, states: &[MarketState]) {
        let mut now = BTreeSet::new();
        for state in states.iter().filter(|s| s.price_error.is_none()) {
            let Some(market) = book.market(&state.market.id) else {
                continue;
            };
            for l in market.scan(&state.view.snapshot).unwrap_or_default() {
                now.insert(PositionKey {
                    market: state.market.id,
                    borrower: l.borrower,
                });
            }
        }
        self.since.retain(|k, _| now.contains(k));
        for key in now {
            self.since.entry(key).or_insert(step);
            self.ever.insert(key);
        }
    }

    /// Positions liquidatable for at least `blocks` steps at `step`, in order.
    pub fn liquidatable_since(&self, step: u64, blocks: u64) -> Vec<PositionKey> {
        let mut keys: Vec<_> = self
            .since
            .iter()
            .filter(|(_, s)| step >= **s + blocks)
            .map(|(k, _)| *k)
            .collect();
        keys.sort();
        keys
    }

    /// Why the keeper has not liquidated `key` (the latest reason wins).
    pub fn waiting(&mut self, key: PositionKey, reason: String) {
        let step = self.metrics.steps;
        self.reasons.insert(key, (step, reason));
    }

    /// A transaction the block could not include.
    pub fn dropped(&mut self, ours: bool) {
        if ours {
            self.metrics.attempts += 1;
        }
    }

    /// The keeper's balances now.
    pub fn balances(&self, views: &Views, sc: &Scenario) -> Result<Balances> {
        let sender = sc.file.keeper.sender;
        Ok(Balances {
            tokens: self
                .loans
                .iter()
                .map(|(_, t)| views.balance_of(*t, sender))
                .collect::<Result<_>>()?,
            eth: views.eth_balance(sender)?,
        })
    }

    /// Counts a block's executed transactions and the keeper's balance change over it.
    #[allow(clippy::too_many_arguments)]
    pub fn record(
        &mut self,
        step: u64,
        executed: &[Executed],
        states: &[MarketState],
        prices: &[f64],
        before: Balances,
        after: Balances,
        sc: &Scenario,
    ) {
        let m = &mut self.metrics;
        for e in executed.iter().filter(|e| e.ours) {
            m.attempts += 1;
            m.reverted += u64::from(!e.sim.succeeded());
            m.gas_used += e.sim.gas_used;
            self.gas_spent += u128::from(e.sim.gas_used) * e.candidate.gas_price;
        }
        let loan_of = |id| {
            states
                .iter()
                .find(|s| s.market.id == id)
                .map(|s| s.market.clone())
        };
        for e in executed {
            for l in liquidated(&e.sim) {
                let Some(market) = loan_of(l.key.market) else {
                    continue;
                };
                let repaid = self.value(market.loan_token, l.repaid, prices, sc);
                let seized = self.value(market.collateral_token, l.seized, prices, sc);
                self.metrics.liquidated_volume_usd += repaid;
                self.metrics.borrower_loss_usd += seized - repaid;
                if l.caller == sc.file.keeper.executor {
                    self.metrics.captured += 1;
                    let since = self.since.get(&l.key).copied().unwrap_or(step);
                    self.metrics.time_to_liquidate.push(step - since);
                    self.ours.insert(l.key);
                } else {
                    self.rivals.insert(l.key);
                }
            }
            for (id, assets) in bad_debt(&e.sim) {
                if let Some(market) = loan_of(id) {
                    self.metrics.bad_debt_realised_usd +=
                        self.value(market.loan_token, assets, prices, sc);
                }
            }
        }
        let mut usd = 0.0;
        for (i, (_, token)) in self.loans.iter().enumerate() {
            let delta = I256::from_raw(after.tokens[i]) - I256::from_raw(before.tokens[i]);
            self.pnl[i] += delta;
            usd += signed_value(self, *token, delta, prices, sc);
        }
        let eth = I256::from_raw(after.eth) - I256::from_raw(before.eth);
        self.pnl[self.loans.len()] += eth;
        usd += signed_value(self, sc.native_token(), eth, prices, sc);
        self.metrics.pnl_usd += usd;
    }

    /// The block's series points: prices, cumulative PnL, and the health distribution of open debts.
    pub fn series(
        &mut self,
        book: &HealthBook,
        states: &[MarketState],
        prices: &[f64],
        sc: &Scenario,
    ) {
        for (name, price) in sc.feeds.keys().zip(prices) {
            self.metrics
                .series
                .prices
                .entry(name.clone())
                .or_default()
                .push(*price);
        }
        self.metrics
            .series
            .cumulative_pnl_usd
            .push(self.metrics.pnl_usd);
        let mut counts = vec![0u32; HEALTH_BUCKETS.len() + 1];
        for state in states.iter().filter(|s| s.price_error.is_none()) {
            let Some(market) = book.market(&state.market.id) else {
                continue;
            };
            let snap = &state.view.snapshot;
            for (_, p) in market.iter().filter(|(_, p)| p.borrow_shares > 0) {
                let Ok(h) = position_health(
                    U256::from(p.borrow_shares),
                    U256::from(p.collateral),
                    snap.total_borrow_assets,
                    snap.total_borrow_shares,
                    Some(snap.price),
                    state.market.lltv,
                ) else {
                    continue;
                };
                let hf = f64::from(h.health_factor) / 1e18;
                let bucket = HEALTH_BUCKETS
                    .iter()
                    .position(|edge| hf < *edge)
                    .unwrap_or(HEALTH_BUCKETS.len());
                counts[bucket] += 1;
            }
        }
        self.metrics.series.health.push(counts);
        self.metrics.steps += 1;
    }

    /// The run's metrics, with what was missed and the bad debt left at the final state.
    pub fn finish(
        mut self,
        book: &HealthBook,
        states: &[MarketState],
        prices: &[f64],
        _path: &PricePath,
        sc: &Scenario,
    ) -> RunMetrics {
        for key in self.ever.iter().filter(|k| !self.ours.contains(k)) {
            let (step, reason) = if self.rivals.contains(key) {
                (0, "a rival liquidated it first".to_string())
            } else if let Some((step, reason)) = self.reasons.get(key) {
                let still = if self.since.contains_key(key) {
                    "still liquidatable"
                } else {
                    "recovered"
                };
                (*step, format!("{still}; last skip: {reason}"))
            } else if self.since.contains_key(key) {
                (
                    self.metrics.steps,
                    "still liquidatable; never proposed (detection lag)".to_string(),
                )
            } else {
                (0, "recovered before the keeper acted".to_string())
            };
            self.metrics.missed.push(Missed {
                position: format!("{}/{}", key.market, key.borrower),
                step,
                reason,
            });
        }
        for state in states {
            let Some(market) = book.market(&state.market.id) else {
                continue;
            };
            let snap = &state.view.snapshot;
            for (_, p) in market.iter().filter(|(_, p)| p.borrow_shares > 0) {
                let debt = to_assets_up(
                    U256::from(p.borrow_shares),
                    snap.total_borrow_assets,
                    snap.total_borrow_shares,
                )
                .unwrap_or_default();
                let collateral =
                    U256::from(p.collateral).saturating_mul(snap.price) / ORACLE_PRICE_SCALE;
                if debt > collateral {
                    self.metrics.bad_debt_left_usd +=
                        self.value(state.market.loan_token, debt - collateral, prices, sc);
                }
            }
        }
        let mut pnl = BTreeMap::new();
        for (i, (symbol, _)) in self.loans.iter().enumerate() {
            pnl.insert(symbol.clone(), self.pnl[i].to_string());
        }
        pnl.insert(
            "ETH (gas)".to_string(),
            self.pnl[self.loans.len()].to_string(),
        );
        self.metrics.pnl = pnl;
        self.metrics.gas_spent_wei = self.gas_spent.to_string();
        self.metrics.positions_captured = self.ours.len() as u64;
        self.metrics
    }
}

fn signed_value(t: &Tally, token: Address, delta: I256, prices: &[f64], sc: &Scenario) -> f64 {
    let v = t.value(token, delta.unsigned_abs(), prices, sc);
    if delta.is_negative() { -v } else { v }
}
