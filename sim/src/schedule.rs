//! What a parallel EVM makes of an ordered plan of candidates: its critical path and the
//! re-executions an optimistic executor would need.
//!
//! A plan is an ordered list of distinct candidates of a [`ConflictGraph`] (all of them or a
//! subset, such as the transactions of one bundle), each with the gas it used in simulation.
//! Both measures assume the read/write sets recorded by the simulation hold in the plan's order.

use crate::conflict::ConflictGraph;
use crate::error::{Error, Result};

/// The longest chain of conflicting transactions in a plan, by gas.
///
/// Conflicting transactions must run one after the other in plan order, so no parallel executor,
/// however many threads it has, finishes the plan in less gas-time than this chain's gas: it is
/// the lower bound on parallel execution time. Any conflict counts, write/write included.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CriticalPath {
    /// Total gas of the chain.
    pub gas: u64,
    /// The chain's candidates in plan order; consecutive ones conflict. Empty for an empty plan.
    pub chain: Vec<usize>,
}

/// The critical path of `plan`, with `gas[c]` the gas of candidate `c`.
///
/// Without conflicts it is the single most expensive transaction; it never exceeds the plan's
/// total gas. Linear in the plan's size plus its conflicts.
pub fn critical_path(graph: &ConflictGraph, plan: &[usize], gas: &[u64]) -> Result<CriticalPath> {
    let position = positions(graph, plan)?;
    if gas.len() != graph.len() {
        return Err(Error::GasLengthMismatch {
            gas: gas.len(),
            candidates: graph.len(),
        });
    }
    // finish[c]: gas of the heaviest chain ending at c; previous[c]: the chain's candidate before c.
    let mut finish = vec![0u64; graph.len()];
    let mut previous = vec![None; graph.len()];
    let mut best: Option<usize> = None;
    for (at, &candidate) in plan.iter().enumerate() {
        let mut start = 0;
        for &other in graph.neighbours(candidate) {
            if position[other].is_some_and(|p| p < at) && finish[other] > start {
                start = finish[other];
                previous[candidate] = Some(other);
            }
        }
        finish[candidate] = start
            .checked_add(gas[candidate])
            .ok_or(Error::GasOverflow)?;
        if best.is_none_or(|b| finish[candidate] > finish[b]) {
            best = Some(candidate);
        }
    }
    let mut chain: Vec<usize> = std::iter::successors(best, |&c| previous[c]).collect();
    chain.reverse();
    Ok(CriticalPath {
        gas: best.map_or(0, |b| finish[b]),
        chain,
    })
}

/// The candidates of `plan`, in plan order, that a Block-STM-style optimistic executor would
/// re-execute if it ran the whole plan in parallel in one round.
///
/// The model: every transaction of the plan first executes at once against the state before the
/// plan (incarnation 0). Validation then walks the plan in order, and a transaction whose read set
/// contains a key written by any transaction before it in the plan read a stale value, fails
/// validation and is re-executed once, after its predecessors' writes are known. Write/write
/// conflicts alone cause no re-execution: the executor's multi-version memory orders writes by
/// plan position. The first transaction never re-executes. Cascades (a re-execution whose new
/// writes invalidate a later transaction again) are not modelled, so this counts the
/// re-executions of one round: a lower bound on a real executor's, which also depends on timing.
pub fn re_executions(graph: &ConflictGraph, plan: &[usize]) -> Result<Vec<usize>> {
    let position = positions(graph, plan)?;
    Ok(plan
        .iter()
        .enumerate()
        .filter(|&(at, &candidate)| {
            graph
                .reads_from(candidate)
                .iter()
                .any(|&writer| position[writer].is_some_and(|p| p < at))
        })
        .map(|(_, &candidate)| candidate)
        .collect())
}

/// Each candidate's position in `plan`, or `None` when the plan leaves it out.
fn positions(graph: &ConflictGraph, plan: &[usize]) -> Result<Vec<Option<usize>>> {
    let mut position = vec![None; graph.len()];
    for (at, &candidate) in plan.iter().enumerate() {
        let slot = position.get_mut(candidate).ok_or(Error::UnknownCandidate {
            index: candidate,
            candidates: graph.len(),
        })?;
        if slot.replace(at).is_some() {
            return Err(Error::DuplicateCandidate { index: candidate });
        }
    }
    Ok(position)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::conflict::tests::{sample, sets_strategy};
    use crate::rwset::tests::{set, slot};
    use proptest::prelude::*;

    /// Gas of the sample's candidates.
    const GAS: [u64; 6] = [100_000, 150_000, 90_000, 60_000, 21_000, 50_000];

    /// (name, plan, critical path gas, chain, re-executed).
    type PlanCase = (&'static str, Vec<usize>, u64, Vec<usize>, Vec<usize>);

    #[test]
    fn sample_table() {
        let g = ConflictGraph::build(&sample());
        let cases: &[PlanCase] = &[
            ("empty plan", vec![], 0, vec![], vec![]),
            ("one transaction", vec![2], 90_000, vec![2], vec![]),
            (
                "independent markets",
                vec![0, 2, 4],
                100_000,
                vec![0],
                vec![],
            ),
            // 0-1 same borrower, 1-3 and 3-5 the pool (read/write), 1-5 the pool (write/write).
            (
                "all in index order",
                vec![0, 1, 2, 3, 4, 5],
                360_000,
                vec![0, 1, 3, 5],
                vec![1, 3],
            ),
            // 5 -> 1 -> 0 (300k) beats 5 -> 1 -> 3 (260k).
            (
                "pool writer first",
                vec![5, 1, 3, 0],
                300_000,
                vec![5, 1, 0],
                vec![3, 0],
            ),
            (
                "pool reader first",
                vec![3, 5, 1],
                260_000,
                vec![3, 5, 1],
                vec![],
            ),
            ("write/write only", vec![5, 1], 200_000, vec![5, 1], vec![]),
        ];
        for (name, plan, path_gas, chain, re_executed) in cases {
            let path = critical_path(&g, plan, &GAS).unwrap();
            assert_eq!(path.gas, *path_gas, "{name}: critical path gas");
            assert_eq!(&path.chain, chain, "{name}: chain");
            assert_eq!(
                &re_executions(&g, plan).unwrap(),
                re_executed,
                "{name}: re-executions"
            );
        }
    }

    #[test]
    fn invalid_plans() {
        let g = ConflictGraph::build(&sample());
        assert_eq!(
            critical_path(&g, &[0, 6], &GAS),
            Err(Error::UnknownCandidate {
                index: 6,
                candidates: 6
            })
        );
        assert_eq!(
            re_executions(&g, &[1, 2, 1]),
            Err(Error::DuplicateCandidate { index: 1 })
        );
        assert_eq!(
            critical_path(&g, &[0], &GAS[..5]),
            Err(Error::GasLengthMismatch {
                gas: 5,
                candidates: 6
            })
        );
        let hot = ConflictGraph::build(&[set(&[], &[slot(1, 0)]), set(&[], &[slot(1, 0)])]);
        assert_eq!(
            critical_path(&hot, &[0, 1], &[u64::MAX, 1]),
            Err(Error::GasOverflow)
        );
    }

    /// Candidates' sets, a plan (a shuffled subset of them) and gas per candidate.
    fn batch() -> impl Strategy<Value = (ConflictGraph, Vec<usize>, Vec<u64>)> {
        sets_strategy().prop_flat_map(|sets| {
            let n = sets.len();
            let graph = ConflictGraph::build(&sets);
            let plan =
                proptest::sample::subsequence((0..n).collect::<Vec<_>>(), 0..=n).prop_shuffle();
            (
                Just(graph),
                plan,
                proptest::collection::vec(1u64..1_000_000, n),
            )
        })
    }

    proptest! {
        #[test]
        fn critical_path_bounds((g, plan, gas) in batch()) {
            let path = critical_path(&g, &plan, &gas)?;
            let max = plan.iter().map(|&c| gas[c]).max().unwrap_or(0);
            let total: u64 = plan.iter().map(|&c| gas[c]).sum();
            prop_assert!(max <= path.gas && path.gas <= total);
        }

        /// The reported chain is a real chain of the plan and weighs what is reported.
        #[test]
        fn critical_chain_is_a_chain((g, plan, gas) in batch()) {
            let path = critical_path(&g, &plan, &gas)?;
            let at = |c: usize| plan.iter().position(|&p| p == c).unwrap();
            for pair in path.chain.windows(2) {
                prop_assert!(g.conflicts(pair[0], pair[1]) && at(pair[0]) < at(pair[1]));
            }
            prop_assert_eq!(path.chain.iter().map(|&c| gas[c]).sum::<u64>(), path.gas);
        }

        /// Reversing the plan reverses every chain, so the heaviest one weighs the same.
        #[test]
        fn critical_path_invariant_under_reversal((g, plan, gas) in batch()) {
            let reversed: Vec<usize> = plan.iter().rev().copied().collect();
            prop_assert_eq!(critical_path(&g, &plan, &gas)?.gas, critical_path(&g, &reversed, &gas)?.gas);
        }

        #[test]
        fn no_conflicts_means_max_gas_and_no_re_execution((g, plan, gas) in batch()) {
            let independent = plan.iter().all(|&a| plan.iter().all(|&b| !g.conflicts(a, b)));
            if independent {
                let max = plan.iter().map(|&c| gas[c]).max().unwrap_or(0);
                prop_assert_eq!(critical_path(&g, &plan, &gas)?.gas, max);
                prop_assert!(re_executions(&g, &plan)?.is_empty());
            }
        }

        /// The model, checked pair by pair.
        #[test]
        fn re_executions_match_definition((g, plan, _gas) in batch()) {
            let want: Vec<usize> = plan
                .iter()
                .enumerate()
                .filter(|&(j, &tx)| plan[..j].iter().any(|&earlier| g.reads_from(tx).contains(&earlier)))
                .map(|(_, &tx)| tx)
                .collect();
            let got = re_executions(&g, &plan)?;
            prop_assert!(got.len() < plan.len().max(1));
            prop_assert_eq!(got, want);
        }
    }
}
