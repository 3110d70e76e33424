//! The conflict graph over candidate transactions' read/write sets.
//!
//! Candidates are vertices; an edge joins two candidates that conflict (one writes a key the other
//! reads or writes). The graph's connected components are the groups the packer must consider
//! together: candidates in different components can be chosen, ordered and executed independently.

use std::collections::HashMap;

use crate::rwset::{ReadWriteSet, StateKey};

/// Conflicts among N candidates, numbered by their index in the slice the graph was built from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ConflictGraph {
    /// Each candidate's conflicting candidates, sorted, without duplicates or itself.
    adjacency: Vec<Vec<usize>>,
    /// Each candidate's writers: the candidates that write a key it reads, sorted, without itself.
    reads_from: Vec<Vec<usize>>,
}

/// Who touches one key.
#[derive(Default)]
struct KeyUsers {
    readers: Vec<usize>,
    writers: Vec<usize>,
}

impl ConflictGraph {
    /// Builds the graph from each candidate's read/write set.
    ///
    /// Keys are indexed to the candidates touching them, so the cost is linear in the total size
    /// of the sets plus the number of conflicting pairs found per key (plus sorting the adjacency
    /// lists), never a comparison of every pair of candidates. A key written by `w` candidates and
    /// read by `r` costs `O(w * (w + r))`: those conflicts all exist and are edges.
    pub fn build(sets: &[ReadWriteSet]) -> Self {
        let mut index: HashMap<StateKey, KeyUsers> = HashMap::new();
        for (candidate, set) in sets.iter().enumerate() {
            for key in set.reads() {
                index.entry(*key).or_default().readers.push(candidate);
            }
            for key in set.writes() {
                index.entry(*key).or_default().writers.push(candidate);
            }
        }

        let mut adjacency = vec![Vec::new(); sets.len()];
        let mut reads_from = vec![Vec::new(); sets.len()];
        for users in index.values() {
            for (n, &writer) in users.writers.iter().enumerate() {
                // Each candidate appears at most once per list (sets have no duplicates).
                for &other in &users.writers[n + 1..] {
                    adjacency[writer].push(other);
                    adjacency[other].push(writer);
                }
                for &reader in users.readers.iter().filter(|&&r| r != writer) {
                    adjacency[writer].push(reader);
                    adjacency[reader].push(writer);
                    reads_from[reader].push(writer);
                }
            }
        }
        for list in adjacency.iter_mut().chain(reads_from.iter_mut()) {
            list.sort_unstable();
            list.dedup();
        }
        Self {
            adjacency,
            reads_from,
        }
    }

    /// Number of candidates.
    pub fn len(&self) -> usize {
        self.adjacency.len()
    }

    /// Whether the graph has no candidates.
    pub fn is_empty(&self) -> bool {
        self.adjacency.is_empty()
    }

    /// The candidates conflicting with `candidate`, ascending.
    ///
    /// # Panics
    /// If `candidate >= self.len()`.
    pub fn neighbours(&self, candidate: usize) -> &[usize] {
        &self.adjacency[candidate]
    }

    /// The candidates that write a key `candidate` reads, ascending: if one of them runs first,
    /// `candidate` must see its writes.
    ///
    /// # Panics
    /// If `candidate >= self.len()`.
    pub fn reads_from(&self, candidate: usize) -> &[usize] {
        &self.reads_from[candidate]
    }

    /// Whether candidates `a` and `b` conflict (never true for `a == b`).
    ///
    /// # Panics
    /// If `a >= self.len()`.
    pub fn conflicts(&self, a: usize, b: usize) -> bool {
        self.adjacency[a].binary_search(&b).is_ok()
    }

    /// Number of conflicting pairs.
    pub fn edge_count(&self) -> usize {
        self.adjacency.iter().map(Vec::len).sum::<usize>() / 2
    }

    /// Every conflicting pair once, as `(a, b)` with `a < b`, in ascending order.
    pub fn edges(&self) -> impl Iterator<Item = (usize, usize)> + '_ {
        self.adjacency
            .iter()
            .enumerate()
            .flat_map(|(a, list)| list.iter().filter(move |&&b| a < b).map(move |&b| (a, b)))
    }

    /// The connected components: groups of candidates linked by chains of conflicts. Each group is
    /// ascending and the groups are ordered by their smallest candidate; a candidate with no
    /// conflict is a group of one. Together they partition `0..self.len()`.
    pub fn components(&self) -> Vec<Vec<usize>> {
        let mut seen = vec![false; self.len()];
        let mut components = Vec::new();
        let mut stack = Vec::new();
        for start in 0..self.len() {
            if seen[start] {
                continue;
            }
            seen[start] = true;
            stack.push(start);
            let mut component = Vec::new();
            while let Some(candidate) = stack.pop() {
                component.push(candidate);
                for &next in &self.adjacency[candidate] {
                    if !seen[next] {
                        seen[next] = true;
                        stack.push(next);
                    }
                }
            }
            component.sort_unstable();
            components.push(component);
        }
        components
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::rwset::StateKey::{Balance, Nonce};
    use crate::rwset::tests::{addr, set, set_strategy, slot};
    use proptest::prelude::*;

    /// Liquidations in two markets (disjoint slots), two of them on one borrower, plus a swap
    /// reading a pool two of them write.
    pub(crate) fn sample() -> Vec<ReadWriteSet> {
        let pool = slot(9, 0);
        vec![
            set(&[slot(1, 0)], &[slot(1, 0), Nonce(addr(100))]), // 0: market 1, borrower A
            set(&[slot(1, 0)], &[slot(1, 0), pool, Nonce(addr(101))]), // 1: market 1, borrower A, swaps
            set(&[slot(2, 0)], &[slot(2, 0), Nonce(addr(102))]),       // 2: market 2
            set(&[pool], &[Balance(addr(103))]),                       // 3: reads the pool
            set(&[slot(3, 0)], &[]),                                   // 4: read-only
            set(&[slot(2, 1)], &[pool]),                               // 5: writes the pool
        ]
    }

    #[test]
    fn sample_graph() {
        let g = ConflictGraph::build(&sample());
        assert_eq!(g.len(), 6);
        assert_eq!(
            g.edges().collect::<Vec<_>>(),
            vec![(0, 1), (1, 3), (1, 5), (3, 5)]
        );
        assert_eq!(g.edge_count(), 4);
        assert_eq!(g.neighbours(1), &[0, 3, 5]);
        assert_eq!(g.reads_from(3), &[1, 5]);
        assert_eq!(g.reads_from(1), &[0]);
        assert_eq!(g.reads_from(0), &[1]);
        assert!(g.conflicts(3, 5) && !g.conflicts(2, 3) && !g.conflicts(1, 1));
        assert_eq!(g.components(), vec![vec![0, 1, 3, 5], vec![2], vec![4]]);
    }

    /// (name, candidates' sets, expected components).
    type ComponentCase = (&'static str, Vec<ReadWriteSet>, Vec<Vec<usize>>);

    #[test]
    fn component_table() {
        let (a, b, c) = (slot(1, 0), slot(1, 1), slot(1, 2));
        let cases: &[ComponentCase] = &[
            ("no candidates", vec![], vec![]),
            (
                "independent",
                vec![set(&[a], &[a]), set(&[b], &[b])],
                vec![vec![0], vec![1]],
            ),
            (
                "readers only",
                vec![set(&[a], &[]), set(&[a], &[])],
                vec![vec![0], vec![1]],
            ),
            (
                "one hot writer links readers",
                vec![set(&[a], &[]), set(&[], &[a]), set(&[a], &[])],
                vec![vec![0, 1, 2]],
            ),
            (
                "chain",
                vec![
                    set(&[], &[a]),
                    set(&[a], &[b]),
                    set(&[b], &[c]),
                    set(&[c], &[]),
                ],
                vec![vec![0, 1, 2, 3]],
            ),
            (
                "two groups",
                vec![
                    set(&[], &[a]),
                    set(&[], &[b]),
                    set(&[a], &[]),
                    set(&[b], &[]),
                ],
                vec![vec![0, 2], vec![1, 3]],
            ),
        ];
        for (name, sets, want) in cases {
            assert_eq!(&ConflictGraph::build(sets).components(), want, "{name}");
        }
        assert!(ConflictGraph::build(&[]).is_empty());
    }

    pub(crate) fn sets_strategy() -> impl Strategy<Value = Vec<ReadWriteSet>> {
        proptest::collection::vec(set_strategy(), 0..14)
    }

    proptest! {
        /// The indexed build finds exactly the pairs a comparison of every pair finds.
        #[test]
        fn edges_match_pairwise(sets in sets_strategy()) {
            let g = ConflictGraph::build(&sets);
            for (a, x) in sets.iter().enumerate() {
                for (b, y) in sets.iter().enumerate() {
                    prop_assert_eq!(g.conflicts(a, b), a != b && x.conflicts_with(y));
                    prop_assert_eq!(g.reads_from(b).contains(&a), a != b && x.writes_what_is_read_by(y));
                }
            }
        }

        #[test]
        fn conflict_is_symmetric(sets in sets_strategy()) {
            let g = ConflictGraph::build(&sets);
            for (a, b) in g.edges() {
                prop_assert!(g.conflicts(a, b) && g.conflicts(b, a));
            }
        }

        /// Every candidate is in exactly one component, and no edge crosses components.
        #[test]
        fn components_partition(sets in sets_strategy()) {
            let g = ConflictGraph::build(&sets);
            let mut owner = vec![None; g.len()];
            for (n, component) in g.components().iter().enumerate() {
                for &candidate in component {
                    prop_assert_eq!(owner[candidate], None);
                    owner[candidate] = Some(n);
                }
            }
            prop_assert!(owner.iter().all(Option::is_some));
            for (a, b) in g.edges() {
                prop_assert_eq!(owner[a], owner[b]);
            }
        }
    }
}
