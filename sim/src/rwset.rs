//! Read/write sets: the state a transaction read and wrote, as recorded by a simulation.
//!
//! Two transactions conflict when one writes a key the other reads or writes: run in either
//! order they may produce different results, so a parallel EVM must order them (or re-execute
//! one), and the packer must not assume they are independent.

use alloy_primitives::{Address, U256};

use crate::hash::FastSet;

/// One piece of EVM state a transaction can touch.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum StateKey {
    /// A contract storage slot.
    Storage {
        /// The contract.
        address: Address,
        /// The slot (as revm keys storage: a 256-bit integer).
        slot: U256,
    },
    /// An account's ether balance.
    Balance(Address),
    /// An account's nonce.
    Nonce(Address),
    /// An account's code (read by calls and `EXTCODE*`, written by deployments and self-destructs).
    Code(Address),
}

/// The keys one transaction read and the keys it wrote.
///
/// A key may be in both sets (a read-modify-write such as a balance update). Whether a read of a
/// key the transaction itself wrote earlier counts as a read is up to the recorder; recording it
/// only adds conflicts the write already implies, so it never changes [`Self::conflicts_with`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReadWriteSet {
    reads: FastSet<StateKey>,
    writes: FastSet<StateKey>,
}

impl ReadWriteSet {
    /// An empty set.
    pub fn new() -> Self {
        Self::default()
    }

    /// A set of the given reads and writes, sized for them up front.
    pub(crate) fn from_keys(
        reads: impl ExactSizeIterator<Item = StateKey>,
        writes: impl ExactSizeIterator<Item = StateKey>,
    ) -> Self {
        let mut set = Self {
            reads: FastSet::with_capacity_and_hasher(reads.len(), Default::default()),
            writes: FastSet::with_capacity_and_hasher(writes.len(), Default::default()),
        };
        set.reads.extend(reads);
        set.writes.extend(writes);
        set
    }

    /// Records that the transaction read `key`.
    pub fn record_read(&mut self, key: StateKey) {
        self.reads.insert(key);
    }

    /// Records that the transaction wrote `key`.
    pub fn record_write(&mut self, key: StateKey) {
        self.writes.insert(key);
    }

    /// Adds every read and write of `other` (for a sequence of transactions treated as one).
    pub fn extend(&mut self, other: &Self) {
        self.reads.extend(other.reads.iter().copied());
        self.writes.extend(other.writes.iter().copied());
    }

    /// The keys read, in no particular order.
    pub fn reads(&self) -> impl Iterator<Item = &StateKey> {
        self.reads.iter()
    }

    /// The keys written, in no particular order.
    pub fn writes(&self) -> impl Iterator<Item = &StateKey> {
        self.writes.iter()
    }

    /// Whether `key` was read.
    pub fn has_read(&self, key: &StateKey) -> bool {
        self.reads.contains(key)
    }

    /// Whether `key` was written.
    pub fn has_written(&self, key: &StateKey) -> bool {
        self.writes.contains(key)
    }

    /// Whether nothing was read or written.
    pub fn is_empty(&self) -> bool {
        self.reads.is_empty() && self.writes.is_empty()
    }

    /// Whether some key `other` reads was written by `self` (`other` depends on `self`'s writes).
    pub fn writes_what_is_read_by(&self, other: &Self) -> bool {
        intersects(&self.writes, &other.reads)
    }

    /// Whether the two transactions conflict: one writes a key the other reads or writes.
    /// Symmetric; two transactions that only read a key do not conflict.
    pub fn conflicts_with(&self, other: &Self) -> bool {
        self.first_conflict(other).is_some()
    }

    /// A key the two transactions conflict on, if any: for logs that explain why two candidates
    /// were not packed together.
    pub fn first_conflict<'a>(&'a self, other: &'a Self) -> Option<&'a StateKey> {
        first_common(&self.writes, &other.writes)
            .or_else(|| first_common(&self.writes, &other.reads))
            .or_else(|| first_common(&self.reads, &other.writes))
    }
}

/// A key in both sets, probing the larger set with the smaller one's keys.
fn first_common<'a>(a: &'a FastSet<StateKey>, b: &'a FastSet<StateKey>) -> Option<&'a StateKey> {
    let (small, large) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    small.iter().find(|key| large.contains(key))
}

fn intersects(a: &FastSet<StateKey>, b: &FastSet<StateKey>) -> bool {
    first_common(a, b).is_some()
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use proptest::prelude::*;

    pub(crate) fn addr(n: u8) -> Address {
        Address::with_last_byte(n)
    }

    pub(crate) fn slot(a: u8, s: u64) -> StateKey {
        StateKey::Storage {
            address: addr(a),
            slot: U256::from(s),
        }
    }

    pub(crate) fn set(reads: &[StateKey], writes: &[StateKey]) -> ReadWriteSet {
        let mut set = ReadWriteSet::new();
        reads.iter().for_each(|k| set.record_read(*k));
        writes.iter().for_each(|k| set.record_write(*k));
        set
    }

    #[test]
    fn conflict_table() {
        let (a, b) = (slot(1, 0), slot(1, 1));
        let cases: &[(&str, ReadWriteSet, ReadWriteSet, bool)] = &[
            ("empty sets", set(&[], &[]), set(&[], &[]), false),
            ("read/read", set(&[a], &[]), set(&[a], &[]), false),
            ("write/read", set(&[], &[a]), set(&[a], &[]), true),
            ("read/write", set(&[a], &[]), set(&[], &[a]), true),
            ("write/write", set(&[], &[a]), set(&[], &[a]), true),
            ("different slots", set(&[a], &[a]), set(&[b], &[b]), false),
            (
                "same slot number, other contract",
                set(&[], &[a]),
                set(&[], &[slot(2, 0)]),
                false,
            ),
            (
                "balance vs nonce of one account",
                set(&[], &[StateKey::Balance(addr(1))]),
                set(&[], &[StateKey::Nonce(addr(1))]),
                false,
            ),
            (
                "code write vs code read",
                set(&[], &[StateKey::Code(addr(3))]),
                set(&[StateKey::Code(addr(3))], &[]),
                true,
            ),
        ];
        for (name, x, y, want) in cases {
            assert_eq!(x.conflicts_with(y), *want, "{name}");
            assert_eq!(y.conflicts_with(x), *want, "{name} (swapped)");
            assert_eq!(
                x.first_conflict(y).is_some(),
                *want,
                "{name}: first_conflict"
            );
        }
    }

    #[test]
    fn first_conflict_names_a_shared_key() {
        let x = set(&[slot(1, 0)], &[StateKey::Balance(addr(9))]);
        let y = set(&[StateKey::Balance(addr(9))], &[slot(1, 5)]);
        assert_eq!(x.first_conflict(&y), Some(&StateKey::Balance(addr(9))));
    }

    #[test]
    fn record_extend_and_query() {
        let mut x = set(&[slot(1, 0)], &[]);
        assert!(x.has_read(&slot(1, 0)) && !x.has_written(&slot(1, 0)));
        x.extend(&set(&[], &[slot(1, 0)]));
        assert!(x.has_written(&slot(1, 0)));
        assert_eq!((x.reads().count(), x.writes().count()), (1, 1));
        assert!(!x.is_empty() && ReadWriteSet::new().is_empty());
        assert!(x.writes_what_is_read_by(&set(&[slot(1, 0)], &[])));
        assert!(!x.writes_what_is_read_by(&set(&[], &[slot(1, 0)])));
    }

    /// Keys from a small universe, so random sets collide often.
    pub(crate) fn key_strategy() -> impl Strategy<Value = StateKey> {
        prop_oneof![
            (0u8..3, 0u64..4).prop_map(|(a, s)| slot(a, s)),
            (0u8..3).prop_map(|a| StateKey::Balance(addr(a))),
            (0u8..3).prop_map(|a| StateKey::Nonce(addr(a))),
            (0u8..3).prop_map(|a| StateKey::Code(addr(a))),
        ]
    }

    pub(crate) fn set_strategy() -> impl Strategy<Value = ReadWriteSet> {
        (
            proptest::collection::vec(key_strategy(), 0..4),
            proptest::collection::vec(key_strategy(), 0..3),
        )
            .prop_map(|(reads, writes)| set(&reads, &writes))
    }

    proptest! {
        #[test]
        fn conflict_is_symmetric(x in set_strategy(), y in set_strategy()) {
            prop_assert_eq!(x.conflicts_with(&y), y.conflicts_with(&x));
        }

        /// The definition, checked key by key.
        #[test]
        fn conflict_matches_definition(x in set_strategy(), y in set_strategy()) {
            let want = x.writes().any(|k| y.has_read(k) || y.has_written(k))
                || y.writes().any(|k| x.has_read(k));
            prop_assert_eq!(x.conflicts_with(&y), want);
        }

        /// A transaction that writes anything conflicts with itself; a read-only one does not.
        #[test]
        fn self_conflict_iff_writes(x in set_strategy()) {
            prop_assert_eq!(x.conflicts_with(&x), x.writes().next().is_some());
        }
    }
}
