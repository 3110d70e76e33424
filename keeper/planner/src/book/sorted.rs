//! One market's positions in ratio order, laid out for range scans.
//!
//! A search walks the band of positions between two thresholds (tens of thousands of them after a sharp price
//! move) and proves most of them liquidatable without any math, so its cost is the walk itself. A B-tree keyed by
//! [`Ratio`] spends about 120 bytes per entry spread over nodes all over the heap; here the bulk is one sorted
//! `Vec` of 56-byte entries, and a band is a contiguous slice found by two binary searches.
//!
//! Updates are few per block, so they do not touch the sorted vector: a new entry goes to a small B-tree (the
//! delta) and a replaced or removed one is flagged dead in place (the flag lives in the entry's padding). Searches
//! merge the delta in and skip dead entries; once the delta and the dead entries exceed an eighth of the vector,
//! both are merged into a new vector (linear, so amortised O(1) per update beyond the delta's O(log n)).

use std::collections::BTreeMap;

use alloy_primitives::Address;

use super::ratio::Ratio;
use cantilever_primitives::position::Position;

/// Fewest pending changes (delta entries plus dead ones) that trigger a merge: below it, merging 56-byte entries
/// would cost more than walking the delta.
const MIN_PENDING: usize = 4096;

/// Positions ordered by `(ratio, borrower)`, the key [`super::MarketBook`] searches by.
#[derive(Debug, Clone)]
pub(super) struct RatioIndex {
    /// Sorted by `(ratio, borrower)`; at most one entry per borrower, live or dead.
    sorted: Vec<Entry>,
    /// Entries of `sorted` flagged dead.
    dead: usize,
    /// Positions added since the last merge (never also live in `sorted`).
    delta: BTreeMap<(Ratio, Address), Position>,
    /// Pending changes that trigger a merge, at least.
    min_pending: usize,
}

/// A position in the sorted vector: its amounts as pairs of `u64` halves (low first), so that the entry is aligned
/// to 8 bytes and takes 56 rather than the 64 that two `u128`s would round it up to.
#[derive(Debug, Clone, Copy)]
struct Entry {
    borrow_shares: [u64; 2],
    collateral: [u64; 2],
    borrower: Address,
    /// Replaced or removed since the last merge: searches skip it.
    dead: bool,
}

const _: () = assert!(std::mem::size_of::<Entry>() == 56);

impl Entry {
    fn new(borrower: Address, position: Position) -> Self {
        let split = |x: u128| [x as u64, (x >> 64) as u64];
        Self {
            borrow_shares: split(position.borrow_shares),
            collateral: split(position.collateral),
            borrower,
            dead: false,
        }
    }

    fn position(&self) -> Position {
        let join = |[lo, hi]: [u64; 2]| u128::from(lo) | (u128::from(hi) << 64);
        Position {
            borrow_shares: join(self.borrow_shares),
            collateral: join(self.collateral),
        }
    }

    fn ratio(&self) -> Ratio {
        let position = self.position();
        Ratio::of(position.borrow_shares, position.collateral)
    }

    /// Orders before `key` in `(ratio, borrower)` order.
    fn is_before(&self, key: &(Ratio, Address)) -> bool {
        (self.ratio(), self.borrower) < *key
    }
}

impl Default for RatioIndex {
    fn default() -> Self {
        Self::with_min_pending(MIN_PENDING)
    }
}

impl RatioIndex {
    /// An empty index that merges once `min_pending` changes (or an eighth of its size) are pending: tests use
    /// small values so that merges happen between their few updates.
    pub(super) fn with_min_pending(min_pending: usize) -> Self {
        Self {
            sorted: Vec::new(),
            dead: 0,
            delta: BTreeMap::new(),
            min_pending: min_pending.max(1),
        }
    }

    /// Adds a borrower's position; the borrower must have none in the index.
    pub(super) fn insert(&mut self, borrower: Address, position: Position) {
        let key = (
            Ratio::of(position.borrow_shares, position.collateral),
            borrower,
        );
        self.delta.insert(key, position);
        self.merge_if_due();
    }

    /// Removes a borrower's position, which must be the one it has in the index.
    pub(super) fn remove(&mut self, borrower: Address, position: Position) {
        let key = (
            Ratio::of(position.borrow_shares, position.collateral),
            borrower,
        );
        if self.delta.remove(&key).is_none() {
            let i = self.sorted.partition_point(|e| e.is_before(&key));
            match self.sorted.get_mut(i) {
                Some(entry) if entry.borrower == borrower && !entry.dead => {
                    entry.dead = true;
                    self.dead += 1;
                }
                _ => debug_assert!(false, "removing a position the index does not hold"),
            }
        }
        self.merge_if_due();
    }

    fn merge_if_due(&mut self) {
        if self.delta.len() + self.dead >= self.min_pending.max(self.sorted.len() / 8) {
            self.merge();
        }
    }

    /// Folds the delta into the sorted vector and drops the dead entries: a binary search per delta entry, then
    /// runs of the old vector copied whole.
    fn merge(&mut self) {
        let mut merged = Vec::with_capacity(self.sorted.len() - self.dead + self.delta.len());
        let mut rest = &self.sorted[..];
        for (key, position) in &self.delta {
            let i = rest.partition_point(|e| e.is_before(key));
            merged.extend(rest[..i].iter().filter(|e| !e.dead));
            merged.push(Entry::new(key.1, *position));
            rest = &rest[i..];
        }
        merged.extend(rest.iter().filter(|e| !e.dead));
        self.sorted = merged;
        self.dead = 0;
        self.delta.clear();
    }

    /// Calls `visit` on every position with a ratio from `start` up to `end` (excluded; no limit when `None`),
    /// highest `(ratio, borrower)` first; stops at the first error.
    pub(super) fn for_each_rev<E>(
        &self,
        start: Ratio,
        end: Option<Ratio>,
        mut visit: impl FnMut(Address, Position) -> Result<(), E>,
    ) -> Result<(), E> {
        let low = self.sorted.partition_point(|e| e.ratio() < start);
        let high = match end {
            None => self.sorted.len(),
            Some(end) => low + self.sorted[low..].partition_point(|e| e.ratio() < end),
        };
        let mut sorted = &self.sorted[low..high];
        let mut walk = |entries: &[Entry]| -> Result<(), E> {
            for entry in entries.iter().rev() {
                if !entry.dead {
                    visit(entry.borrower, entry.position())?;
                }
            }
            Ok(())
        };
        let from = (start, Address::ZERO);
        let delta: Box<dyn DoubleEndedIterator<Item = (&(Ratio, Address), &Position)> + '_> =
            match end {
                None => Box::new(self.delta.range(from..)),
                Some(end) => Box::new(self.delta.range(from..(end, Address::ZERO))),
            };
        for (key, position) in delta.rev() {
            // The sorted entries above this delta entry come first.
            let i = sorted.partition_point(|e| e.is_before(key));
            walk(&sorted[i..])?;
            sorted = &sorted[..i];
            walk(&[Entry::new(key.1, *position)])?;
        }
        walk(sorted)
    }

    /// Entries in the sorted vector, dead ones included, and in the delta (for tests of the merge policy).
    #[cfg(test)]
    pub(super) fn layout(&self) -> (usize, usize, usize) {
        (self.sorted.len(), self.dead, self.delta.len())
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use proptest::prelude::*;

    use super::*;

    /// Every position in `[start, end)`, in the order `for_each_rev` visits them.
    fn visited(index: &RatioIndex, start: Ratio, end: Option<Ratio>) -> Vec<(Address, Position)> {
        let mut out = Vec::new();
        index
            .for_each_rev(start, end, |borrower, position| {
                out.push((borrower, position));
                Ok::<_, ()>(())
            })
            .unwrap();
        out
    }

    proptest! {
        /// After any interleaving of inserts, replacements and removals (with merges in between), a range visit
        /// yields exactly the model's positions in the range, in strictly decreasing `(ratio, borrower)` order.
        #[test]
        fn order_survives_interleaved_updates(
            ops in prop::collection::vec((0u8..40, 0u128..50, 0u128..50), 1..400),
            min_pending in 1usize..20,
            start in (0u128..60, 1u128..60),
            end in (0u128..60, 1u128..60),
        ) {
            let mut index = RatioIndex::with_min_pending(min_pending);
            let mut model: HashMap<Address, Position> = HashMap::new();
            for (who, borrow_shares, collateral) in ops {
                let borrower = Address::with_last_byte(who);
                if let Some(old) = model.remove(&borrower) {
                    index.remove(borrower, old);
                }
                // Zero shares: a removal, as `MarketBook::upsert` treats it.
                if borrow_shares > 0 {
                    let position = Position { borrow_shares, collateral };
                    index.insert(borrower, position);
                    model.insert(borrower, position);
                }
                let (sorted, dead, delta) = index.layout();
                prop_assert_eq!(sorted - dead + delta, model.len());
            }
            // An empty range (end at or below start) means no end.
            let start = Ratio::of(start.0, start.1);
            let end = Some(Ratio::of(end.0, end.1)).filter(|e| *e > start);
            let mut expected: Vec<_> = model
                .iter()
                .map(|(b, p)| (*b, *p))
                .filter(|(_, p)| {
                    let r = Ratio::of(p.borrow_shares, p.collateral);
                    r >= start && end.is_none_or(|e| r < e)
                })
                .collect();
            expected.sort_by(|(a, p), (b, q)| {
                (Ratio::of(q.borrow_shares, q.collateral), b).cmp(&(Ratio::of(p.borrow_shares, p.collateral), a))
            });
            prop_assert_eq!(visited(&index, start, end), expected);
        }
    }

    #[test]
    fn an_entry_round_trips_full_width_amounts() {
        let position = Position {
            borrow_shares: u128::MAX - 7,
            collateral: (1u128 << 64) + 3,
        };
        let entry = Entry::new(Address::repeat_byte(1), position);
        assert_eq!(entry.position(), position);
    }
}
