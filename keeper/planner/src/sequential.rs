//! The sequential profile's plan: every proposal in `liquidateBatch` transactions, simulated as a whole on the
//! block's state and settled on what each order made there.
//!
//! No standalone simulations and no packing first: on a sequential chain the batch is what executes, so its own
//! simulation is the one whose numbers count. The executor isolates each order (`try this.liquidate(..)`), so an
//! order that reverts inside the batch (a position already gone, a pool the orders before it moved under the
//! order's `minProfit` guard) shows up as skipped, the others' figures are unaffected (a reverted call leaves no
//! state and no warm slots behind), and the order is dropped. An order that liquidates but no longer pays its
//! share of the gas is dropped too, and the batch simulated again without it. Simulating each liquidation alone
//! beforehand would repeat that work on every block (on 2 cores it cost more than the batch itself).
//!
//! Orders go most profitable first (by the strategy's estimate), so where several sell into one pool the larger
//! ones get its better price. Batches are cut so that each stays under EIP-7825's per-transaction gas cap with
//! its limit's headroom, on the gas per order measured at the last block (the strategy's estimate at first); a
//! batch the simulation shows over the cap is cut again on its measured gas.

use std::ops::Range;

use alloy_primitives::{Address, I256, U256};
use cantilever_primitives::math::constants::ORACLE_PRICE_SCALE;
use cantilever_sim::{Candidate, Outcome, Simulation, Simulator, StateKey};

use crate::batch;
use crate::call::{SimFailure, SimResult, decode_revert};
use crate::market::MarketState;
use crate::planner::{PlannedOrder, PlannedTx, Proposed, Simulated, Skip};
use crate::strategy::{Proposal, SkipReason, StrategyParams, settle};

/// How many times the batches are simulated in all: again after orders were dropped, or a batch was cut again
/// because it passed the gas cap. Past it, nothing is sent this block.
const BATCH_ATTEMPTS: usize = 5;

/// What the batches are built from.
pub(crate) struct Batching<'a> {
    /// The simulator on the block's fork.
    pub simulator: &'a Simulator,
    /// The proposals.
    pub proposed: &'a [Proposed],
    /// The market states they were proposed from.
    pub states: &'a [MarketState],
    /// The profit rules.
    pub strategy: &'a StrategyParams,
    /// The sender (the first lane's account).
    pub from: Address,
    /// Its LiquidationExecutor.
    pub to: Address,
    /// Gas price (wei per gas): base fee plus priority fee.
    pub gas_price: u128,
}

/// What the batches came to.
#[derive(Debug, Default)]
pub(crate) struct Batched {
    /// The transactions to send, in order (empty when nothing settled).
    pub transactions: Vec<PlannedTx>,
    /// Each proposal's outcome in the first batch simulation that included it, in proposal order.
    pub simulated: Vec<Simulated>,
    /// Orders dropped, with the reason.
    pub skipped: Vec<Skip>,
    /// False when orders kept dropping out past [`BATCH_ATTEMPTS`]: nothing is sent.
    pub settled: bool,
    /// Profit of the transactions after gas, in wei of the native token (before the strategy's buffer).
    pub profit_wei: I256,
    /// Every state key the batch simulations read (the next block's fork prefetches them).
    pub reads: Vec<StateKey>,
    /// Gas per liquidated order in the last simulation, to cut the next block's batches with.
    pub gas_per_order: Option<u64>,
    /// Batch simulations run.
    pub simulations: usize,
}

/// An order waiting for its batch: the proposal's index and the gas it is expected to take.
struct Pending {
    index: usize,
    gas: u64,
}

/// Every proposal of `b` in `liquidateBatch` transactions, settled on the batches' own simulation (see the
/// module docs). `gas_per_order` is what an order is expected to take before the first simulation.
pub(crate) fn plan(b: &Batching<'_>, gas_per_order: u64) -> cantilever_sim::Result<Batched> {
    let mut order: Vec<usize> = (0..b.proposed.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(b.proposed[i].proposal.net_profit_wei));
    let mut pending: Vec<Pending> = order
        .into_iter()
        .map(|index| Pending {
            index,
            gas: gas_per_order.max(1),
        })
        .collect();
    let mut out = Batched::default();
    let mut first_outcome: Vec<Option<SimResult>> = vec![None; b.proposed.len()];
    for _ in 0..BATCH_ATTEMPTS {
        if pending.is_empty() {
            out.settled = true;
            break;
        }
        let chunks = chunks(&pending);
        let txs = batch_candidates(b, &pending, &chunks);
        let sims = b.simulator.chain(&txs.iter().collect::<Vec<_>>())?;
        out.simulations += 1;
        out.reads
            .extend(sims.iter().flat_map(|s| s.reads.iter().map(|(k, _)| *k)));
        if cut_oversize(&mut pending, &chunks, &sims) {
            continue;
        }
        let judged: Vec<Judged> = chunks
            .iter()
            .zip(&txs)
            .zip(&sims)
            .map(|((range, tx), sim)| {
                let orders = &pending[range.clone()];
                judge(b, orders, tx, sim, &mut first_outcome, &mut out.skipped)
            })
            .collect();
        let liquidated: u64 = judged.iter().map(|j| j.liquidated).sum();
        let liquidated_gas: u64 = judged.iter().map(|j| j.liquidated_gas).sum();
        if let Some(gas) = liquidated_gas.checked_div(liquidated) {
            out.gas_per_order = Some(gas);
        }
        let dropped: Vec<bool> = judged.iter().flat_map(|j| j.dropped.clone()).collect();
        if !dropped.contains(&true) {
            out.profit_wei = judged.iter().map(|j| j.profit_wei).sum();
            out.transactions = judged.into_iter().map(|j| j.tx).collect();
            out.settled = true;
            break;
        }
        pending = pending
            .into_iter()
            .zip(dropped)
            .filter(|(_, d)| !d)
            .map(|(p, _)| p)
            .collect();
    }
    if !out.settled {
        tracing::warn!(target: "cantilever::planner", orders = pending.len(), "the batch kept dropping orders: nothing sent this block");
    }
    out.simulated = first_outcome
        .into_iter()
        .zip(b.proposed)
        .filter_map(|(result, p)| {
            Some(Simulated {
                key: p.proposal.key,
                result: result?,
            })
        })
        .collect();
    Ok(out)
}

/// Cuts again every batch the simulation shows over the cap (or out of gas under it), its orders' gas doubled;
/// whether there was one. Nothing of such a batch is judged: orders starved of gas would look like failures.
fn cut_oversize(pending: &mut [Pending], chunks: &[Range<usize>], sims: &[Simulation]) -> bool {
    let mut any = false;
    for (range, sim) in chunks.iter().zip(sims) {
        if batch::gas_limit(sim.gas_used) > batch::MAX_TX_GAS {
            pending[range.clone()].iter_mut().for_each(|p| p.gas *= 2);
            any = true;
        }
    }
    any
}

/// One simulated batch, judged: its transaction with the orders that settled, which orders were dropped, and
/// what it made.
struct Judged {
    /// The transaction (only sent when no order of any batch was dropped).
    tx: PlannedTx,
    /// Per order of the batch: dropped.
    dropped: Vec<bool>,
    /// Profit of its settled orders after gas (wei).
    profit_wei: I256,
    /// Orders liquidated in the simulation, and their gas.
    liquidated: u64,
    liquidated_gas: u64,
}

/// Settles each of `orders` on what it made in `sim`, the simulation of `tx`: kept, or dropped with its reason
/// (in `skipped`). Each proposal's first outcome is recorded in `first_outcome`.
fn judge(
    b: &Batching<'_>,
    orders: &[Pending],
    tx: &Candidate,
    sim: &Simulation,
    first_outcome: &mut [Option<SimResult>],
    skipped: &mut Vec<Skip>,
) -> Judged {
    let mut planned = Vec::with_capacity(orders.len());
    let mut judged = Judged {
        tx: PlannedTx {
            orders: Vec::new(),
            batch: true,
            from: b.from,
            to: b.to,
            data: tx.data.clone(),
            gas_used: sim.gas_used,
            gas_limit: batch::gas_limit(sim.gas_used),
        },
        dropped: Vec::with_capacity(orders.len()),
        profit_wei: I256::ZERO,
        liquidated: 0,
        liquidated_gas: 0,
    };
    for (p, result) in orders.iter().zip(outcomes(b, orders, sim)) {
        first_outcome[p.index].get_or_insert_with(|| result.clone());
        let proposed = &b.proposed[p.index];
        let decided = match result {
            SimResult::Liquidated {
                profit, gas_used, ..
            } => {
                judged.liquidated += 1;
                judged.liquidated_gas += gas_used;
                settle_order(b, proposed, profit, gas_used)
            }
            SimResult::Failed(failure) => Err(SkipReason::Reverted(failure)),
        };
        judged.dropped.push(decided.is_err());
        match decided {
            Ok(proposal) => {
                judged.profit_wei += value_wei(b, proposed, &proposal);
                planned.push(PlannedOrder {
                    proposal,
                    data: proposed.data.clone(),
                });
            }
            Err(reason) => skipped.push(Skip {
                key: proposed.proposal.key,
                id: proposed.proposal.id,
                reason,
            }),
        }
    }
    judged.tx.orders = planned;
    judged
}

/// What each order of one simulated batch did, with its share of the batch's gas (by the gas it was expected to
/// take); every order failed when the batch failed as a whole.
fn outcomes(b: &Batching<'_>, orders: &[Pending], sim: &Simulation) -> Vec<SimResult> {
    let keys: Vec<_> = orders
        .iter()
        .map(|p| {
            let key = b.proposed[p.index].proposal.key;
            (key.market, key.borrower)
        })
        .collect();
    let read = match &sim.outcome {
        Outcome::Success(_) => batch::read_batch(&sim.logs, b.to, &keys)
            .ok_or(SimFailure::Undecodable("batch logs".into())),
        Outcome::Revert(data) => Err(decode_revert(data)),
        Outcome::Halt(reason) => Err(SimFailure::Halted(reason.to_string())),
    };
    let read = match read {
        Ok(read) => read,
        Err(failure) => return vec![SimResult::Failed(failure); orders.len()],
    };
    let expected: u128 = orders
        .iter()
        .map(|p| u128::from(p.gas))
        .sum::<u128>()
        .max(1);
    orders
        .iter()
        .zip(read)
        .map(|(p, outcome)| match outcome {
            batch::OrderOutcome::Liquidated {
                repaid,
                seized,
                profit,
            } => SimResult::Liquidated {
                repaid,
                seized,
                profit,
                gas_used: (u128::from(sim.gas_used) * u128::from(p.gas) / expected) as u64,
            },
            batch::OrderOutcome::Skipped(reason) => SimResult::Failed(decode_revert(&reason)),
        })
        .collect()
}

/// One order settled on its simulated `profit` and its `gas` share of the batch. The strategy's buffer and
/// minimum judged the order on an estimate; an order the batch squeezes under the buffer (orders before it sold
/// into the same pool) still goes as long as it pays more than its gas: on chain its `minProfit` guard (gas at
/// the estimate plus the minimum profit) still holds it.
fn settle_order(
    b: &Batching<'_>,
    proposed: &Proposed,
    profit: U256,
    gas: u64,
) -> Result<Proposal, SkipReason> {
    let view = &b.states[proposed.market].view;
    let settle_with = |params: &StrategyParams| {
        settle(&proposed.proposal, view, params, profit, gas, b.gas_price)
    };
    settle_with(b.strategy).or_else(|_| {
        settle_with(&StrategyParams {
            min_profit: Default::default(),
            safety_buffer_bps: 0,
            ..*b.strategy
        })
    })
}

/// A settled order's profit after its gas, in wei of the native token (through the oracle, as the strategy
/// values gas), before the strategy's buffer.
fn value_wei(b: &Batching<'_>, proposed: &Proposed, settled: &Proposal) -> I256 {
    let price = b.states[proposed.market]
        .view
        .native_price
        .unwrap_or_default();
    if price.is_zero() {
        return I256::ZERO;
    }
    let to_wei = |loan: U256| I256::from_raw(loan.saturating_mul(ORACLE_PRICE_SCALE) / price);
    to_wei(settled.gross_profit) - to_wei(settled.gas_cost)
}

/// One `liquidateBatch` call per chunk of `pending`.
fn batch_candidates(
    b: &Batching<'_>,
    pending: &[Pending],
    chunks: &[Range<usize>],
) -> Vec<Candidate> {
    chunks
        .iter()
        .map(|range| {
            let calls: Vec<_> = pending[range.clone()]
                .iter()
                .map(|p| &b.proposed[p.index].data)
                .collect();
            Candidate {
                from: b.from,
                to: b.to,
                data: batch::batch_call(&calls).expect("the planner's own liquidate calls decode"),
                value: U256::ZERO,
                gas_limit: batch::MAX_TX_GAS,
                gas_price: b.gas_price,
            }
        })
        .collect()
}

/// The pending orders split, in order, into runs whose expected gas stays within [`batch::MAX_BATCH_GAS`] (a run
/// holds at least one order).
fn chunks(pending: &[Pending]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let (mut start, mut gas) = (0, 0u64);
    for (k, p) in pending.iter().enumerate() {
        if k > start && gas.saturating_add(p.gas) > batch::MAX_BATCH_GAS {
            out.push(start..k);
            (start, gas) = (k, 0);
        }
        gas = gas.saturating_add(p.gas);
    }
    if start < pending.len() {
        out.push(start..pending.len());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pending(gas: &[u64]) -> Vec<Pending> {
        gas.iter()
            .enumerate()
            .map(|(index, &gas)| Pending { index, gas })
            .collect()
    }

    #[test]
    fn chunks_stay_under_the_batch_gas() {
        let max = batch::MAX_BATCH_GAS;
        assert_eq!(chunks(&pending(&[])), Vec::<Range<usize>>::new());
        assert_eq!(chunks(&pending(&[max / 2, max / 2])), vec![0..2]);
        assert_eq!(chunks(&pending(&[max / 2, max / 2, 1])), vec![0..2, 2..3]);
        // An order over the cap on its own still gets a batch.
        assert_eq!(chunks(&pending(&[max * 2, 1])), vec![0..1, 1..2]);
        assert_eq!(chunks(&pending(&[u64::MAX, u64::MAX])), vec![0..1, 1..2]);
    }

    #[test]
    fn the_batch_gas_fits_the_transaction_cap_with_headroom() {
        assert!(batch::gas_limit(batch::MAX_BATCH_GAS) <= batch::MAX_TX_GAS);
        assert!(batch::gas_limit(batch::MAX_BATCH_GAS + 2) > batch::MAX_TX_GAS);
    }
}
