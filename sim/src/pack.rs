//! Packing simulated candidates into the most profitable plan for a chain profile, validated
//! sequentially on the base state, with its parallel-EVM schedule.
//!
//! Candidates that succeeded with a positive profit are split into the connected components of
//! their [`ConflictGraph`]; components are independent, so each is solved on its own (on the worker
//! pool) and the plan is their concatenation.
//!
//! - [`ChainProfile::Sequential`] (one bundle, Ethereum-like): within a component, orderings are
//!   re-simulated as chains on one overlay — every ordering when the component has at most
//!   [`PackConfig::exhaustive_limit`] candidates, otherwise one greedy ordering by standalone profit
//!   — each candidate joining the chain only if it still succeeds with a positive profit after its
//!   predecessors. The most profitable chain wins (ties: the first ordering tried).
//! - [`ChainProfile::Parallel`] (Monad/Sei/MegaETH-like, independent transactions): a component
//!   contributes either a conflict-free subset (no re-executions; the maximum-profit independent
//!   set, exhaustively up to [`PackConfig::independent_set_limit`] candidates, greedily by profit
//!   beyond) or, only when it earns strictly more, its best chain as above: conflicting
//!   transactions chained. Each chain is sent from one sender, so its nonces order it for the
//!   parallel executor; independent transactions go to distinct senders from
//!   [`PackConfig::senders`] (round-robin once every sender is used: transactions that share a
//!   sender are ordered by its nonce). With senders configured, a candidate's own sender's nonce
//!   and balance do not count as conflicts (the plan replaces that sender); every other key does,
//!   including slots keyed by the sender (such as its token balance), which only makes packing
//!   more cautious.
//!
//! The final plan is validated by executing it in order, with the assigned senders, on a fresh
//! overlay of the base state; each transaction must succeed with the profit the packer expected.

use alloy_primitives::{Address, I256};

use crate::conflict::ConflictGraph;
use crate::error::Result;
use crate::rwset::{ReadWriteSet, StateKey};
use crate::schedule::{CriticalPath, critical_path, re_executions};
use crate::simulate::{Candidate, Simulation, Simulator};

/// How the target chain executes a block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChainProfile {
    /// Transactions run one after another: chains of conflicting liquidations are fine.
    Sequential,
    /// A parallel EVM: submit only transactions that do not conflict with each other.
    Parallel,
}

/// Packing limits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PackConfig {
    /// The target chain.
    pub profile: ChainProfile,
    /// Largest component whose every ordering is re-simulated (n! chains).
    pub exhaustive_limit: usize,
    /// Largest component whose every subset is checked for independence (2^n subsets, no EVM).
    pub independent_set_limit: usize,
    /// [`ChainProfile::Parallel`]: the accounts to send from, one per chain or independent
    /// transaction while they last. Empty: every transaction keeps its candidate's sender (as in
    /// the sequential profile, which ignores this).
    pub senders: Vec<Address>,
}

impl PackConfig {
    /// Defaults for `profile`: orderings up to 4 candidates (24 chains), subsets up to 16, each
    /// candidate's own sender.
    pub fn new(profile: ChainProfile) -> Self {
        Self {
            profile,
            exhaustive_limit: 4,
            independent_set_limit: 16,
            senders: Vec::new(),
        }
    }

    /// The same limits, sending from `senders` (see [`Self::senders`]).
    pub fn with_senders(mut self, senders: Vec<Address>) -> Self {
        self.senders = senders;
        self
    }

    /// Whether the plan reassigns senders.
    fn reassigns(&self) -> bool {
        self.profile == ChainProfile::Parallel && !self.senders.is_empty()
    }
}

/// The chosen transactions, in order, with their validation and schedule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    /// The profile it was packed for.
    pub profile: ChainProfile,
    /// Candidate indices in execution order.
    pub order: Vec<usize>,
    /// The sender of each transaction of `order`: one per conflict chain, distinct between
    /// independent transactions while [`PackConfig::senders`] lasts; the candidate's own sender
    /// when none are configured. Transactions that share a sender run in `order` (its nonces).
    pub senders: Vec<Address>,
    /// The sequential validation on the base state, one simulation per transaction of `order`.
    pub validation: Vec<Simulation>,
    /// Total profit as validated.
    pub profit: I256,
    /// Whether every transaction succeeded in validation with the profit the packer expected.
    pub valid: bool,
    /// Critical path over the plan (indices are positions in `order`), from validation's sets.
    pub critical_path: CriticalPath,
    /// Positions in `order` a Block-STM executor would re-execute in one round.
    pub re_executions: Vec<usize>,
    /// Conflict components among the profitable candidates.
    pub components: usize,
    /// Chains re-simulated while packing.
    pub chains_simulated: usize,
}

impl Plan {
    /// The transactions to send, in order: the candidates of `order` from their assigned senders.
    pub fn transactions(&self, candidates: &[Candidate]) -> Vec<Candidate> {
        with_senders(&self.order, &self.senders, candidates)
    }
}

/// What a candidate earns if it executes as `simulation` says (in any unit the caller likes).
pub type Profit<'a> = dyn Fn(&Candidate, &Simulation) -> I256 + Sync + 'a;

/// Packs `candidates`, given each one's standalone simulation (`None`: failed to simulate).
pub fn pack(
    sim: &Simulator,
    candidates: &[Candidate],
    standalone: &[Option<&Simulation>],
    profit: &Profit<'_>,
    config: &PackConfig,
) -> Result<Plan> {
    assert_eq!(
        candidates.len(),
        standalone.len(),
        "one simulation per candidate"
    );
    let eligible = eligible(candidates, standalone, profit);
    let graph = ConflictGraph::build(&conflict_sets(candidates, &eligible, config));
    let components = graph.components();
    let solved: Vec<Result<Solved>> = sim.install(|| {
        use rayon::prelude::*;
        components
            .par_iter()
            .map(|component| {
                solve_component(
                    sim, candidates, profit, config, &graph, &eligible, component,
                )
            })
            .collect()
    });
    let solved = solved.into_iter().collect::<Result<Vec<Solved>>>()?;
    let assigned = assign_senders(&solved, candidates, config);
    let txs = with_senders(&assigned.order, &assigned.senders, candidates);
    let validation = sim.chain(&txs.iter().collect::<Vec<_>>())?;
    let (profit, valid) =
        check_validation(&validation, &txs, &assigned, standalone, profit, config);
    let (critical_path, re_executions) = schedule(&validation)?;
    Ok(Plan {
        profile: config.profile,
        critical_path,
        re_executions,
        order: assigned.order,
        senders: assigned.senders,
        validation,
        profit,
        valid,
        components: components.len(),
        chains_simulated: assigned.chains_simulated,
    })
}

/// A candidate worth packing: `(candidate index, standalone simulation, standalone profit)`.
type Eligible<'s> = (usize, &'s Simulation, I256);

/// The candidates whose standalone simulation succeeded with a positive profit, in candidate order.
fn eligible<'s>(
    candidates: &[Candidate],
    standalone: &[Option<&'s Simulation>],
    profit: &Profit<'_>,
) -> Vec<Eligible<'s>> {
    standalone
        .iter()
        .enumerate()
        .filter_map(|(i, s)| {
            let s = (*s)?;
            let p = profit(&candidates[i], s);
            (s.succeeded() && p > I256::ZERO).then_some((i, s, p))
        })
        .collect()
}

/// The read-write sets conflicts are judged on, one per eligible candidate: without the
/// candidate's own sender's nonce and balance when the plan reassigns senders.
fn conflict_sets(
    candidates: &[Candidate],
    eligible: &[Eligible<'_>],
    config: &PackConfig,
) -> Vec<ReadWriteSet> {
    eligible
        .iter()
        .map(|&(i, s, _)| {
            if config.reassigns() {
                without_sender(&s.rwset, candidates[i].from)
            } else {
                s.rwset.clone()
            }
        })
        .collect()
}

/// The best choice for one conflict component (`component` holds positions in `eligible`).
fn solve_component(
    sim: &Simulator,
    candidates: &[Candidate],
    profit: &Profit<'_>,
    config: &PackConfig,
    graph: &ConflictGraph,
    eligible: &[Eligible<'_>],
    component: &[usize],
) -> Result<Solved> {
    let members: Vec<(usize, I256)> = component
        .iter()
        .map(|&m| (eligible[m].0, eligible[m].2))
        .collect();
    match config.profile {
        ChainProfile::Sequential => best_chain(sim, candidates, &members, profit, config, None),
        ChainProfile::Parallel => {
            let independent = best_independent_set(graph, eligible, component, config);
            if members.len() == 1 {
                return Ok(independent);
            }
            // Chains simulated while packing run from one sender, as the plan will send them.
            let chain_sender = config.reassigns().then(|| config.senders[0]);
            let chain = best_chain(sim, candidates, &members, profit, config, chain_sender)?;
            Ok(chain_or_independent(chain, independent))
        }
    }
}

/// A parallel component's choice: its best chain only when it earns strictly more than its best
/// independent set (equal profit: the independent set, which has no re-executions). Either way
/// the chains simulated to choose are counted.
fn chain_or_independent(chain: Solved, independent: Solved) -> Solved {
    if chain.profit() > independent.profit() {
        chain
    } else {
        Solved {
            tried: chain.tried,
            ..independent
        }
    }
}

/// The components' choices laid out as one plan: order, expected profits and senders.
#[derive(Debug, Default, PartialEq, Eq)]
struct Assigned {
    /// Candidate indices in execution order.
    order: Vec<usize>,
    /// The profit the packer expects of each transaction of `order`.
    expected: Vec<I256>,
    /// The sender of each transaction of `order`.
    senders: Vec<Address>,
    /// Whether each transaction of `order` belongs to a chain.
    chained: Vec<bool>,
    /// Chains simulated while packing, over all components.
    chains_simulated: usize,
}

/// Concatenates the components' choices and gives each a sender: with reassignment, one
/// [`PackConfig::senders`] entry per unit (a chain, or an independent transaction), round-robin;
/// without, each candidate's own sender.
fn assign_senders(solved: &[Solved], candidates: &[Candidate], config: &PackConfig) -> Assigned {
    let mut out = Assigned::default();
    let mut unit = 0;
    for s in solved {
        out.chains_simulated += s.tried;
        // A chain is one unit (one sender); each independent transaction is its own unit.
        for (k, &(i, p)) in s.txs.iter().enumerate() {
            if s.chained && k > 0 {
                unit -= 1;
            }
            let sender = if config.reassigns() {
                config.senders[unit % config.senders.len()]
            } else {
                candidates[i].from
            };
            unit += 1;
            out.order.push(i);
            out.expected.push(p);
            out.senders.push(sender);
            out.chained.push(s.chained);
        }
    }
    out
}

/// The candidates of `order`, each sent from its entry of `senders`.
fn with_senders(order: &[usize], senders: &[Address], candidates: &[Candidate]) -> Vec<Candidate> {
    order
        .iter()
        .zip(senders)
        .map(|(&i, &from)| Candidate {
            from,
            ..candidates[i].clone()
        })
        .collect()
}

/// The validated plan's total profit and whether it is valid: every transaction succeeded with a
/// positive profit and, on a parallel chain, with the profit the packer expected (and, from their
/// own senders, independent transactions did exactly what they did alone).
fn check_validation(
    validation: &[Simulation],
    txs: &[Candidate],
    assigned: &Assigned,
    standalone: &[Option<&Simulation>],
    profit: &Profit<'_>,
    config: &PackConfig,
) -> (I256, bool) {
    let mut valid = true;
    let mut total = I256::ZERO;
    for ((s, c), want) in validation.iter().zip(txs).zip(&assigned.expected) {
        let p = profit(c, s);
        valid &= s.succeeded() && p > I256::ZERO;
        if config.profile == ChainProfile::Parallel {
            // Each transaction earns what the packer expected: alone for an independent one,
            // after its predecessors for a chained one.
            valid &= p == *want;
        }
        total += p;
    }
    if config.profile == ChainProfile::Parallel && !config.reassigns() {
        // Independent transactions from their own senders do exactly what they did alone.
        let placed = validation
            .iter()
            .zip(&assigned.order)
            .zip(&assigned.chained);
        for ((s, &i), &in_chain) in placed {
            if !in_chain {
                let alone = standalone[i].expect("eligible");
                valid &= s.writes == alone.writes && s.gas_used == alone.gas_used;
            }
        }
    }
    (total, valid)
}

/// The plan's critical path and one-round re-executions, from its validation's read-write sets
/// (indices are positions in the plan).
fn schedule(validation: &[Simulation]) -> Result<(CriticalPath, Vec<usize>)> {
    let plan_sets: Vec<ReadWriteSet> = validation.iter().map(|s| s.rwset.clone()).collect();
    let plan_graph = ConflictGraph::build(&plan_sets);
    let positions: Vec<usize> = (0..validation.len()).collect();
    let gas: Vec<u64> = validation.iter().map(|s| s.gas_used).collect();
    Ok((
        critical_path(&plan_graph, &positions, &gas)?,
        re_executions(&plan_graph, &positions)?,
    ))
}

/// What packing chose for one component.
#[derive(Debug, PartialEq, Eq)]
struct Solved {
    /// `(candidate, expected profit)` in execution order.
    txs: Vec<(usize, I256)>,
    /// Whether the transactions form one chain (one sender) rather than independent ones.
    chained: bool,
    /// Chains simulated to choose.
    tried: usize,
}

impl Solved {
    /// The total expected profit.
    fn profit(&self) -> I256 {
        self.txs.iter().fold(I256::ZERO, |a, t| a + t.1)
    }
}

/// `set` without the sender's own nonce and balance, which a reassigned sender replaces.
fn without_sender(set: &ReadWriteSet, sender: Address) -> ReadWriteSet {
    let own = |k: &&StateKey| **k != StateKey::Nonce(sender) && **k != StateKey::Balance(sender);
    let mut out = ReadWriteSet::new();
    set.reads().filter(own).for_each(|k| out.record_read(*k));
    set.writes().filter(own).for_each(|k| out.record_write(*k));
    out
}

/// The most profitable chain over a component's members `(candidate, standalone profit)`, all
/// sent from `sender` when given.
fn best_chain(
    sim: &Simulator,
    candidates: &[Candidate],
    members: &[(usize, I256)],
    profit: &Profit<'_>,
    config: &PackConfig,
    sender: Option<Address>,
) -> Result<Solved> {
    if members.len() == 1 {
        return Ok(Solved {
            txs: members.to_vec(),
            chained: false,
            tried: 0,
        });
    }
    let orderings: Vec<Vec<usize>> = if members.len() <= config.exhaustive_limit {
        permutations(&members.iter().map(|m| m.0).collect::<Vec<_>>())
    } else {
        let mut by_profit = members.to_vec();
        by_profit.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        vec![by_profit.into_iter().map(|m| m.0).collect()]
    };
    let mut best: Option<(I256, Vec<(usize, I256)>)> = None;
    for ordering in &orderings {
        let mut overlay = sim.overlay();
        let (mut total, mut kept) = (I256::ZERO, Vec::new());
        for &i in ordering {
            let tx = Candidate {
                from: sender.unwrap_or(candidates[i].from),
                ..candidates[i].clone()
            };
            // Kept only if still worth it after its predecessors.
            let mut p = I256::ZERO;
            let (_, worth) = sim.execute_if(&mut overlay, &tx, |s| {
                p = profit(&tx, s);
                s.succeeded() && p > I256::ZERO
            })?;
            if worth {
                total += p;
                kept.push((i, p));
            }
        }
        if best.as_ref().is_none_or(|(b, _)| total > *b) {
            best = Some((total, kept));
        }
    }
    Ok(Solved {
        txs: best.map(|b| b.1).unwrap_or_default(),
        chained: true,
        tried: orderings.len(),
    })
}

/// The maximum-profit set of pairwise non-conflicting members, in candidate order.
fn best_independent_set(
    graph: &ConflictGraph,
    eligible: &[(usize, &Simulation, I256)],
    component: &[usize],
    config: &PackConfig,
) -> Solved {
    // `component` holds eligible positions (graph vertices); map back at the end.
    let n = component.len();
    let mut chosen: Vec<usize> = if n <= config.independent_set_limit {
        let mut best = (I256::MINUS_ONE, 0u64);
        for mask in 1u64..(1 << n) {
            let members: Vec<usize> = (0..n)
                .filter(|b| mask >> b & 1 == 1)
                .map(|b| component[b])
                .collect();
            let independent = members
                .iter()
                .enumerate()
                .all(|(k, &a)| members[k + 1..].iter().all(|&b| !graph.conflicts(a, b)));
            if independent {
                let p = members.iter().fold(I256::ZERO, |s, &m| s + eligible[m].2);
                if p > best.0 {
                    best = (p, mask);
                }
            }
        }
        (0..n)
            .filter(|b| best.1 >> b & 1 == 1)
            .map(|b| component[b])
            .collect()
    } else {
        let mut by_profit = component.to_vec();
        by_profit.sort_by(|&a, &b| eligible[b].2.cmp(&eligible[a].2).then(a.cmp(&b)));
        let mut taken: Vec<usize> = Vec::new();
        for v in by_profit {
            if taken.iter().all(|&t| !graph.conflicts(t, v)) {
                taken.push(v);
            }
        }
        taken
    };
    chosen.sort_unstable();
    Solved {
        txs: chosen
            .into_iter()
            .map(|v| (eligible[v].0, eligible[v].2))
            .collect(),
        chained: false,
        tried: 0,
    }
}

/// Every ordering of `items`, in lexicographic order of positions.
fn permutations(items: &[usize]) -> Vec<Vec<usize>> {
    if items.len() <= 1 {
        return vec![items.to_vec()];
    }
    let mut out = Vec::new();
    for (k, &first) in items.iter().enumerate() {
        let mut rest = items.to_vec();
        rest.remove(k);
        for mut tail in permutations(&rest) {
            tail.insert(0, first);
            out.push(tail);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::simulate::Outcome;
    use crate::simulate::tests::{call, sender, simulator};

    /// Profit: 10 for touching an even slot (it also bumps the shared slot 1000), 4 for an odd one,
    /// minus nothing; a revert earns nothing.
    fn profit(c: &Candidate, s: &Simulation) -> I256 {
        if !matches!(s.outcome, Outcome::Success(_)) {
            return I256::ZERO;
        }
        let slot = c.data[31];
        I256::try_from(if slot.is_multiple_of(2) { 10 } else { 4 }).unwrap()
    }

    fn run(cands: &[Candidate], profile: ChainProfile) -> Plan {
        let sim = simulator(2);
        let standalone: Vec<Result<Simulation>> = sim.simulate_all(cands);
        let refs: Vec<Option<&Simulation>> = standalone.iter().map(|r| r.as_ref().ok()).collect();
        pack(&sim, cands, &refs, &profit, &PackConfig::new(profile)).unwrap()
    }

    fn solved(txs: &[(usize, i64)], chained: bool, tried: usize) -> Solved {
        Solved {
            txs: txs
                .iter()
                .map(|&(i, p)| (i, I256::try_from(p).unwrap()))
                .collect(),
            chained,
            tried,
        }
    }

    #[test]
    fn a_chain_wins_only_when_it_earns_strictly_more() {
        let chain = || solved(&[(0, 5), (1, 5)], true, 2);
        let richer = chain_or_independent(chain(), solved(&[(0, 9)], false, 0));
        assert_eq!(richer, chain());
        // A tie goes to the independent set, which still counts the chains tried.
        let tie = chain_or_independent(chain(), solved(&[(2, 10)], false, 0));
        assert_eq!(tie, solved(&[(2, 10)], false, 2));
    }

    #[test]
    fn assign_senders_gives_a_chain_one_sender_and_each_independent_transaction_its_own() {
        let cands: Vec<Candidate> = (0..5).map(|k| call(k + 1, 5)).collect();
        let solved = [
            solved(&[(0, 1), (1, 2)], false, 0),
            solved(&[(2, 3), (3, 4)], true, 6),
            solved(&[(4, 5)], false, 0),
        ];
        let senders = vec![sender(6), sender(7), sender(8)];
        let config = PackConfig::new(ChainProfile::Parallel).with_senders(senders.clone());
        let assigned = assign_senders(&solved, &cands, &config);
        assert_eq!(assigned.order, vec![0, 1, 2, 3, 4]);
        assert_eq!(assigned.chains_simulated, 6);
        assert_eq!(assigned.chained, vec![false, false, true, true, false]);
        // Four units over three senders: the chain shares one, the last wraps round.
        let [a, b, c] = [senders[0], senders[1], senders[2]];
        assert_eq!(assigned.senders, vec![a, b, c, c, a]);
        let expected: Vec<I256> = (1..=5).map(|p| I256::try_from(p).unwrap()).collect();
        assert_eq!(assigned.expected, expected);
        // No senders configured: every transaction keeps its candidate's.
        let own = assign_senders(&solved, &cands, &PackConfig::new(ChainProfile::Parallel));
        let theirs: Vec<Address> = cands.iter().map(|c| c.from).collect();
        assert_eq!(own.senders, theirs);
    }

    #[test]
    fn permutations_are_all_orderings() {
        assert_eq!(permutations(&[1, 2, 3]).len(), 6);
        assert_eq!(permutations(&[]).len(), 1);
    }

    #[test]
    fn sequential_chains_conflicting_candidates_and_drops_reverts() {
        // Slot 6 twice (0 -> 1 -> 2), slot 7 reverts (it holds 3), slots 2, 4 and 6 all bump
        // the shared slot 1000, slot 5 is independent.
        let cands = vec![
            call(1, 6),
            call(2, 6),
            call(3, 7),
            call(4, 2),
            call(5, 5),
            call(6, 4),
        ];
        let plan = run(&cands, ChainProfile::Sequential);
        assert!(plan.valid, "{plan:?}");
        assert_eq!(plan.profit, I256::try_from(10 * 4 + 4).unwrap());
        assert!(!plan.order.contains(&2));
        assert_eq!(plan.order.len(), 5);
        // Every even-slot transaction writes slot 1000: one chain of four plus the odd one.
        assert_eq!(plan.critical_path.chain.len(), 4);
        assert_eq!(plan.re_executions.len(), 3);
        assert_eq!(plan.components, 2);
    }

    #[test]
    fn parallel_chains_a_component_only_when_it_pays() {
        // Slots 6, 6 and 2 all bump slot 1000: chained they earn 30, apart at most 10. The odd
        // slots 5 and 3 are independent.
        let cands = vec![call(1, 6), call(2, 6), call(4, 2), call(5, 5), call(6, 3)];
        let plan = run(&cands, ChainProfile::Parallel);
        assert!(plan.valid, "{plan:?}");
        assert_eq!(plan.profit, I256::try_from(30 + 4 + 4).unwrap());
        assert_eq!(plan.order.len(), 5);
        assert_eq!(plan.critical_path.chain.len(), 3);
        assert_eq!(plan.re_executions.len(), 2);
        // No senders configured: each transaction keeps its candidate's.
        let own: Vec<_> = plan.order.iter().map(|&i| cands[i].from).collect();
        assert_eq!(plan.senders, own);

        // Slot 9 holds 2: a second bump reverts, so chaining earns no more than one alone, and
        // the independent set (no re-executions) wins the tie.
        let cands = vec![call(1, 9), call(2, 9), call(3, 5)];
        let plan = run(&cands, ChainProfile::Parallel);
        assert!(plan.valid, "{plan:?}");
        assert_eq!(plan.order, vec![0, 2]);
        assert!(plan.re_executions.is_empty());
        assert_eq!(plan.critical_path.chain.len(), 1);
    }

    #[test]
    fn parallel_spreads_independent_transactions_over_senders() {
        // Every candidate from sender 1 (one nonce: one big component if it counted). Odd slots
        // are independent; the two bumps of slot 6 conflict (and slot 1000) and form a chain.
        let cands = vec![call(1, 5), call(1, 3), call(1, 6), call(1, 6), call(1, 11)];
        let senders = vec![sender(6), sender(7), sender(8)];
        let sim = simulator(2);
        let standalone = sim.simulate_all(&cands);
        let refs: Vec<Option<&Simulation>> = standalone.iter().map(|r| r.as_ref().ok()).collect();
        let config = PackConfig::new(ChainProfile::Parallel).with_senders(senders.clone());
        let plan = pack(&sim, &cands, &refs, &profit, &config).unwrap();
        assert!(plan.valid, "{plan:?}");
        assert_eq!(plan.profit, I256::try_from(4 * 3 + 10 * 2).unwrap());
        assert_eq!(plan.order.len(), 5);
        let sender_of = |i: usize| plan.senders[plan.order.iter().position(|&o| o == i).unwrap()];
        // The chain shares one sender; the three odd ones and the chain make four units over
        // three senders, so exactly one sender carries two units.
        assert_eq!(sender_of(2), sender_of(3));
        let units = [sender_of(0), sender_of(1), sender_of(2), sender_of(4)];
        let distinct: std::collections::BTreeSet<_> = units.iter().collect();
        assert_eq!(distinct.len(), 3, "{:?}", plan.senders);
        assert!(plan.senders.iter().all(|s| senders.contains(s)));
        // Validation ran from the assigned senders: each sender's nonce counts its transactions.
        for (s, (tx, from)) in plan
            .validation
            .iter()
            .zip(plan.transactions(&cands).iter().zip(&plan.senders))
        {
            assert_eq!(tx.from, *from);
            let before = plan.senders[..]
                .iter()
                .zip(&plan.validation)
                .take_while(|(_, v)| !std::ptr::eq(*v, s))
                .filter(|(f, _)| *f == from)
                .count();
            let nonce = s
                .writes
                .iter()
                .find(|(k, _)| *k == StateKey::Nonce(*from))
                .unwrap()
                .1;
            assert_eq!(nonce, alloy_primitives::U256::from(before + 1));
        }
        // Without reassignment the shared sender's nonce joins everything into one component.
        let own = pack(
            &sim,
            &cands,
            &refs,
            &profit,
            &PackConfig::new(ChainProfile::Parallel),
        )
        .unwrap();
        assert_eq!(own.components, 1);
        assert!(own.senders.iter().all(|s| *s == sender(1)));
        assert!(own.valid, "{own:?}");
    }

    #[test]
    fn exhaustive_ordering_finds_what_greedy_misses() {
        // Three bumps of one slot succeed in any order: 3! chains, all kept.
        let cands = vec![call(1, 8), call(2, 8), call(3, 8)];
        let plan = run(&cands, ChainProfile::Sequential);
        assert_eq!(plan.order.len(), 3);
        assert_eq!(plan.chains_simulated, 6);
        // A fourth would see 3 and revert: dropped from the chain.
        let cands = vec![call(1, 8), call(2, 8), call(3, 8), call(4, 8), call(5, 8)];
        let plan = run(&cands, ChainProfile::Sequential);
        assert_eq!(plan.order.len(), 3, "{:?}", plan.order);
        assert!(plan.valid);
        assert_eq!(plan.chains_simulated, 1, "greedy beyond the limit");
    }
}
