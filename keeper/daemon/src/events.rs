//! What the keeper does, as events: the daemon logs them, `cantilever devnet` shows and sums them up.

use std::sync::Arc;

use alloy::primitives::{B256, TxHash, U256};
use cantilever_exec::ExecError;
use cantilever_oracle_adapter::{Price, RejectReason};
use cantilever_planner::{CrossMarket, Decision, PlanSummary, SimResult, SkipReason};
use cantilever_primitives::position::PositionKey;
use cantilever_sim::ChainProfile;

/// Why a liquidatable position was not liquidated: the planner's reason, or the executor's refusal.
#[derive(Debug, Clone, thiserror::Error)]
pub enum SkipCause {
    /// The planner left it alone (strategy, simulation, gas cap).
    #[error(transparent)]
    Planner(#[from] SkipReason),
    /// The executor refused to send it (fee budget, pre-flight revert, node refusal); nothing was sent.
    #[error("not sent: {0}")]
    NotSent(Arc<ExecError>),
    /// The executor's ledger holds an earlier submission of the same opportunity that may still execute
    /// (pending, or mined): withheld so the position is never liquidated twice.
    #[error("withheld as a duplicate of {hash}")]
    Duplicate {
        /// The earlier submission's transaction.
        hash: TxHash,
    },
}

impl SkipCause {
    /// A short stable label, for metrics.
    pub fn label(&self) -> &'static str {
        match self {
            Self::Planner(reason) => reason.label(),
            Self::NotSent(_) => "not_sent",
            Self::Duplicate { .. } => "duplicate",
        }
    }
}

/// One thing the keeper found, decided or saw happen.
#[derive(Debug, Clone)]
pub enum KeeperEvent {
    /// A new head was processed.
    Block {
        /// Its number.
        number: u64,
        /// Positions whose state changed in it.
        changed: usize,
        /// Positions with debt followed.
        positions: usize,
        /// Liquidatable positions found.
        liquidatable: usize,
        /// Blocks the node had made past this one when the keeper finished it (0: it keeps up).
        lag: u64,
    },
    /// A step failed and is skipped; the loop retries after a pause (RPC failures, a panic in the planner).
    StepFailed {
        /// What failed.
        error: String,
        /// The JSON-RPC method, when the node failed.
        rpc_method: Option<&'static str>,
        /// The pause before the next try.
        retry_in: std::time::Duration,
    },
    /// The head subscription was lost and is back; the blocks made meanwhile were announced (backfilled).
    HeadsReconnected {
        /// From the loss to the first head after it.
        down: std::time::Duration,
        /// Connection attempts that failed meanwhile.
        failed_attempts: u32,
        /// Blocks made while it was down.
        backfilled: u64,
    },
    /// A followed market's oracle was read for the first time, or turned from answering to refusing or back.
    /// While it refuses, the market's liquidations are stopped (the core would revert too).
    OracleState {
        /// The market.
        market: B256,
        /// It answers with a usable price.
        ok: bool,
        /// Why it refuses (`None` when it answers).
        error: Option<RejectReason>,
    },
    /// The oracle trigger saw a new price of a feed behind followed markets' oracles: mined (a confirmed
    /// update, which starts a step) or pending (`speculative`: reported only). The keeper's decisions read the
    /// oracles themselves at the head; this price is the feed's raw answer.
    OracleUpdate {
        /// The feed (`feed <address>`).
        source: Arc<str>,
        /// The followed markets whose oracle reads it.
        markets: Arc<[B256]>,
        /// The block it was mined in (for a speculative update: the latest block when the pending transaction
        /// was seen).
        block: Option<u64>,
        /// The feed's answer, in its decimals.
        price: Price,
        /// The pending transaction that would set it, for a speculative update.
        speculative: Option<TxHash>,
    },
    /// The oracle trigger could not read a feed, or read an answer no oracle takes (a non-positive one); reported
    /// once per change. The markets' oracles themselves are judged at each step (see
    /// [`KeeperEvent::OracleState`]).
    OracleRejected {
        /// The feed (`feed <address>`).
        source: Arc<str>,
        /// The followed markets whose oracle reads it.
        markets: Arc<[B256]>,
        /// The block of the refused observation, if any.
        block: Option<u64>,
        /// Why.
        reason: RejectReason,
    },
    /// Pending oracle updates were planned for over the head's state (their writes laid over it); the decision is
    /// held and sent when a head shows them all mined ([`crate::speculate`]).
    Speculated {
        /// The pending oracle transactions.
        oracle_txs: Vec<TxHash>,
        /// The head planned over.
        head: u64,
        /// Liquidations planned.
        orders: usize,
        /// Transactions they go out in.
        transactions: usize,
        /// From the stream's report of the pending update to the decision ready (microseconds).
        ready_us: u64,
        /// When the decision was ready.
        at: std::time::Instant,
    },
    /// A position is liquidatable (first time seen in this state).
    Found {
        /// The position.
        key: PositionKey,
        /// Its debt (loan units).
        debt: U256,
        /// Its health factor (WAD).
        health_factor: U256,
    },
    /// A liquidatable position was not liquidated, and why.
    Skipped {
        /// The position.
        key: PositionKey,
        /// Why (its `label()` is the metric's).
        reason: SkipCause,
    },
    /// A liquidation was simulated on a fork of the head.
    Simulated {
        /// The position.
        key: PositionKey,
        /// It would succeed.
        ok: bool,
        /// Profit the executor would pay (loan units; zero when it fails).
        profit: U256,
        /// Gas it would use.
        gas_used: u64,
        /// Wall time of the simulation batch divided by its size (microseconds).
        micros: u64,
    },
    /// The simulated liquidations were packed for the chain profile.
    Planned {
        /// The profile ("sequential" or "parallel").
        profile: &'static str,
        /// The positions to liquidate, in submission order.
        order: Vec<PositionKey>,
        /// Total profit of the plan after gas, valued in wei of the native token.
        profit_wei: alloy::primitives::I256,
        /// Gas of the longest chain of conflicting transactions (the plan's lower bound on parallel time).
        critical_path_gas: u64,
        /// Re-executions a Block-STM-style executor would need for the plan, in all.
        re_executions: usize,
        /// The plan validated when simulated in order on the head state.
        valid: bool,
        /// Gas of the whole plan (over `critical_path_gas`: the bound on a parallel executor's speedup).
        total_gas: u64,
        /// Pairs of planned liquidations in different markets, and how many conflict.
        cross_market: CrossMarket,
    },
    /// A liquidation was sent (or signed only, in dry-run mode): one event per liquidation, so the orders of a
    /// `liquidateBatch` transaction share its hash.
    Submitted {
        /// The position.
        key: PositionKey,
        /// The opportunity id.
        id: B256,
        /// The transaction.
        hash: TxHash,
        /// Expected profit after gas and buffer (loan units), from the transaction's own simulation (for a
        /// batch order: after the orders before it).
        expected_profit: U256,
        /// The profit the executor paid in that simulation (loan units), to the wei: what the receipt's
        /// `Liquidated` event should show.
        simulated_profit: U256,
        /// How many liquidations the transaction carries.
        orders_in_tx: usize,
        /// From first seeing the head to the send, in microseconds.
        latency_us: u64,
        /// When it was sent (events reach listeners after the whole step; this is the send itself).
        at: std::time::Instant,
        /// Dry run: signed, not sent.
        dry_run: bool,
    },
    /// A sent transaction was mined: one event per liquidation it carried (the orders of a batch share the hash
    /// and the gas).
    Included {
        /// The opportunity.
        id: B256,
        /// The transaction (the version mined, after any fee bump).
        hash: TxHash,
        /// The block.
        block: u64,
        /// This liquidation happened (false: the transaction reverted, e.g. a rival liquidated first, or the
        /// batch skipped this order).
        success: bool,
        /// Gas used by the whole transaction.
        gas_used: u64,
    },
    /// A sent transaction was given up (timed out, replaced by another, not sent on bump).
    Dropped {
        /// The opportunity.
        id: B256,
        /// Why.
        reason: String,
    },
    /// Liquidation profit paid to the keeper's owner account, seen in the executor's `Liquidated` event.
    Profit {
        /// The market.
        market: B256,
        /// Loan token units.
        amount: U256,
    },
}

impl KeeperEvent {
    /// A [`KeeperEvent::Simulated`] for each simulation of `decision`, in proposal order.
    pub fn simulated(decision: &Decision) -> impl Iterator<Item = Self> + '_ {
        decision.simulated.iter().map(|s| {
            let (ok, profit, gas_used) = match &s.result {
                SimResult::Liquidated {
                    profit, gas_used, ..
                } => (true, *profit, *gas_used),
                SimResult::Failed(_) => (false, U256::ZERO, 0),
            };
            Self::Simulated {
                key: s.key,
                ok,
                profit,
                gas_used,
                micros: decision.micros_per_simulation,
            }
        })
    }

    /// The [`KeeperEvent::Planned`] of a plan.
    pub fn planned(plan: &PlanSummary) -> Self {
        Self::Planned {
            profile: match plan.profile {
                ChainProfile::Sequential => "sequential",
                ChainProfile::Parallel => "parallel",
            },
            order: plan.order.clone(),
            profit_wei: plan.profit_wei,
            critical_path_gas: plan.critical_path.gas,
            re_executions: plan.re_executions,
            valid: plan.valid,
            total_gas: plan.total_gas,
            cross_market: plan.cross_market,
        }
    }
}
