//! One market's positions in ratio order, laid out for range scans.
//!
//! A search walks the band of positions between two thresholds (tens of thousands of them after a sharp price
//! move) and proves most of them liquidatable without any math, so its cost is the walk itself and the binary
//! searches that find the band. The bulk is a struct of arrays sorted by `(ratio, borrower)`: a compact `u64` key
//! per position ([`compact_key`], the ratio rounded down to a 48-bit-mantissa float, so monotone: a smaller key means
//! a smaller ratio), the borrowers, the positions and a dead flag. A binary search runs over the keys alone (8 bytes
//! each, no 512-bit cross-multiplication per step); only entries whose key equals the target's (ratios within
//! 2^-47 of each other, or equal) are compared exactly, so every cut is exactly the one the [`Ratio`] order gives.
//!
//! Updates are few per block, so they do not touch the sorted arrays: a new entry goes to a small B-tree (the
//! delta, ordered by the same compact key first) and a replaced or removed one is flagged dead in place. Searches
//! merge the delta in and skip dead entries; once the delta and the dead entries exceed an eighth of the arrays,
//! both are merged into new arrays (linear, so amortised O(1) per update beyond the delta's O(log n)).

use std::cmp::Ordering;
use std::collections::BTreeMap;
use std::ops::Bound;

use alloy_primitives::{Address, U512};

use super::ratio::Ratio;
use cantilever_primitives::position::Position;

/// Fewest pending changes (delta entries plus dead ones) that trigger a merge: below it, merging would cost more
/// than walking the delta.
const MIN_PENDING: usize = 4096;

/// Mantissa bits of the compact key (the leading one included).
const MANTISSA_BITS: u32 = 48;
/// Binary exponents the key represents exactly: `[-EXP_RANGE, EXP_RANGE)`. Every position's ratio (`s/c` with
/// `1 <= s, c < 2^128`) lies in it; thresholds outside it clamp to the key's ends.
const EXP_RANGE: i64 = 128;

/// A ratio's compact key: the largest value `M·2^(E−47)` (`2^47 <= M < 2^48`, `−128 <= E < 128`) at or below it,
/// encoded as `(E + 129) << 48 | M`; 0 below `2^−128` (and for a zero ratio), `u64::MAX − 1` for finite ratios
/// from `2^128` on, `u64::MAX` for infinity. A floor onto a fixed sorted set of values, so monotone:
/// `a <= b` implies `key(a) <= key(b)`, hence `key(a) < key(b)` implies `a < b`. Equal ratios (`1/2`, `2/4`) get
/// equal keys: it is a function of the exact value.
pub(super) fn compact_key(ratio: &Ratio) -> u64 {
    if ratio.num.is_zero() {
        return 0;
    }
    if ratio.den.is_zero() {
        return u64::MAX;
    }
    let num = U512::from(ratio.num);
    let den = U512::from(ratio.den);
    // floor(num/den · 2^(47 − e)), exactly: num shifted left, or den (floor(n/(d·2^k)) = floor(floor(n/2^k)/d)).
    let mantissa_at = |e: i64| -> U512 {
        let shift = i64::from(MANTISSA_BITS) - 1 - e;
        if shift >= 0 {
            (num << shift as usize) / den
        } else {
            (num >> (-shift) as usize) / den
        }
    };
    // num/den lies in [2^(e − 1), 2^(e + 1)) for e = bits(num) − bits(den).
    let mut exponent = ratio.num.bit_len() as i64 - ratio.den.bit_len() as i64;
    let mut mantissa = mantissa_at(exponent);
    if mantissa < (U512::from(1u64) << (MANTISSA_BITS - 1) as usize) {
        exponent -= 1;
        mantissa = mantissa_at(exponent);
    }
    if exponent < -EXP_RANGE {
        return 0;
    }
    if exponent >= EXP_RANGE {
        return u64::MAX - 1;
    }
    let biased = (exponent + EXP_RANGE + 1) as u64;
    (biased << MANTISSA_BITS) | mantissa.to::<u64>()
}

/// A place in `(ratio, borrower)` order, with the ratio's compact key compared first: as the key is monotone, the
/// order `(key, ratio, borrower)` is the order `(ratio, borrower)`, and most comparisons stop at the key.
#[derive(Debug, Clone, Copy)]
pub(super) struct SortKey {
    key: u64,
    ratio: Ratio,
    borrower: Address,
}

impl SortKey {
    fn new(ratio: Ratio, borrower: Address) -> Self {
        Self {
            key: compact_key(&ratio),
            ratio,
            borrower,
        }
    }

    fn of(borrower: Address, position: &Position) -> Self {
        Self::new(
            Ratio::of(position.borrow_shares, position.collateral),
            borrower,
        )
    }
}

impl PartialEq for SortKey {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for SortKey {}

impl PartialOrd for SortKey {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for SortKey {
    fn cmp(&self, other: &Self) -> Ordering {
        self.key
            .cmp(&other.key)
            .then_with(|| self.ratio.cmp(&other.ratio))
            .then_with(|| self.borrower.cmp(&other.borrower))
    }
}

/// Positions ordered by `(ratio, borrower)`, the key [`super::MarketBook`] searches by.
#[derive(Debug, Clone)]
pub(super) struct RatioIndex {
    /// The sorted arrays, index for index: compact keys (non-decreasing), borrowers, positions, dead flags. At most
    /// one entry per borrower, live or dead.
    keys: Vec<u64>,
    borrowers: Vec<Address>,
    positions: Vec<Position>,
    /// Replaced or removed since the last merge: searches skip it.
    dead: Vec<bool>,
    /// Entries flagged dead.
    dead_count: usize,
    /// Positions added since the last merge (never also live in the arrays).
    delta: BTreeMap<SortKey, Position>,
    /// Pending changes that trigger a merge, at least.
    min_pending: usize,
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
            keys: Vec::new(),
            borrowers: Vec::new(),
            positions: Vec::new(),
            dead: Vec::new(),
            dead_count: 0,
            delta: BTreeMap::new(),
            min_pending: min_pending.max(1),
        }
    }

    /// Adds a borrower's position; the borrower must have none in the index.
    pub(super) fn insert(&mut self, borrower: Address, position: Position) {
        self.delta
            .insert(SortKey::of(borrower, &position), position);
        self.merge_if_due();
    }

    /// Removes a borrower's position, which must be the one it has in the index.
    pub(super) fn remove(&mut self, borrower: Address, position: Position) {
        let key = SortKey::of(borrower, &position);
        if self.delta.remove(&key).is_none() {
            let i = self.place_of(0, self.keys.len(), &key);
            if i < self.keys.len() && self.borrowers[i] == borrower && !self.dead[i] {
                self.dead[i] = true;
                self.dead_count += 1;
            } else {
                debug_assert!(false, "removing a position the index does not hold");
            }
        }
        self.merge_if_due();
    }

    fn ratio_at(&self, i: usize) -> Ratio {
        let position = &self.positions[i];
        Ratio::of(position.borrow_shares, position.collateral)
    }

    /// The first index in `lo..hi` whose entry is not before a target of compact key `key`: entries with a smaller
    /// key are before it and entries with a larger key after it (the key is monotone), and among the entries with
    /// the same key (ratios within 2^-47 relative of each other) `exact_before` decides.
    fn partition(
        &self,
        lo: usize,
        hi: usize,
        key: u64,
        exact_before: impl Fn(usize) -> bool,
    ) -> usize {
        let keys = &self.keys[lo..hi];
        let first = keys.partition_point(|k| *k < key);
        let past = first + keys[first..].partition_point(|k| *k == key);
        let (mut low, mut high) = (lo + first, lo + past);
        while low < high {
            let mid = low + (high - low) / 2;
            if exact_before(mid) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        low
    }

    /// The first index in `lo..hi` with a ratio at or above `ratio`.
    fn first_at_or_above(&self, lo: usize, hi: usize, ratio: &Ratio) -> usize {
        self.partition(lo, hi, compact_key(ratio), |i| self.ratio_at(i) < *ratio)
    }

    /// The first index in `lo..hi` at or after `key` in `(ratio, borrower)` order.
    fn place_of(&self, lo: usize, hi: usize, key: &SortKey) -> usize {
        self.partition(lo, hi, key.key, |i| {
            (self.ratio_at(i), self.borrowers[i]) < (key.ratio, key.borrower)
        })
    }

    fn merge_if_due(&mut self) {
        if self.delta.len() + self.dead_count >= self.min_pending.max(self.keys.len() / 8) {
            self.merge();
        }
    }

    /// Folds the delta into the sorted arrays and drops the dead entries: a binary search per delta entry, then
    /// runs of the old arrays copied whole.
    fn merge(&mut self) {
        let n = self.keys.len();
        let capacity = n - self.dead_count + self.delta.len();
        let mut merged = Self {
            keys: Vec::with_capacity(capacity),
            borrowers: Vec::with_capacity(capacity),
            positions: Vec::with_capacity(capacity),
            dead: Vec::new(),
            dead_count: 0,
            delta: BTreeMap::new(),
            min_pending: self.min_pending,
        };
        let mut from = 0;
        for (key, position) in &self.delta {
            let i = self.place_of(from, n, key);
            self.copy_live(from, i, &mut merged);
            merged.keys.push(key.key);
            merged.borrowers.push(key.borrower);
            merged.positions.push(*position);
            from = i;
        }
        self.copy_live(from, n, &mut merged);
        merged.dead = vec![false; merged.keys.len()];
        *self = merged;
    }

    /// Appends the live entries of `from..to` to `out`'s arrays.
    fn copy_live(&self, from: usize, to: usize, out: &mut Self) {
        if self.dead_count == 0 {
            out.keys.extend_from_slice(&self.keys[from..to]);
            out.borrowers.extend_from_slice(&self.borrowers[from..to]);
            out.positions.extend_from_slice(&self.positions[from..to]);
            return;
        }
        for i in (from..to).filter(|i| !self.dead[*i]) {
            out.keys.push(self.keys[i]);
            out.borrowers.push(self.borrowers[i]);
            out.positions.push(self.positions[i]);
        }
    }

    /// Calls `visit` on every position with a ratio from `start` up to `end` (excluded; no limit when `None`),
    /// highest `(ratio, borrower)` first; stops at the first error.
    pub(super) fn for_each_rev<E>(
        &self,
        start: Ratio,
        end: Option<Ratio>,
        mut visit: impl FnMut(Address, Position) -> Result<(), E>,
    ) -> Result<(), E> {
        let n = self.keys.len();
        let low = self.first_at_or_above(0, n, &start);
        let high = match &end {
            None => n,
            Some(end) => self.first_at_or_above(low, n, end),
        };
        let from = SortKey::new(start, Address::ZERO);
        let upto = match end {
            None => Bound::Unbounded,
            Some(end) => Bound::Excluded(SortKey::new(end, Address::ZERO)),
        };
        let mut high = high;
        for (key, position) in self.delta.range((Bound::Included(from), upto)).rev() {
            // The sorted entries above this delta entry come first.
            let i = self.place_of(low, high, key);
            self.walk_rev(i, high, &mut visit)?;
            high = i;
            visit(key.borrower, *position)?;
        }
        self.walk_rev(low, high, &mut visit)
    }

    /// Visits the live entries of `from..to`, last first.
    #[inline]
    fn walk_rev<E>(
        &self,
        from: usize,
        to: usize,
        visit: &mut impl FnMut(Address, Position) -> Result<(), E>,
    ) -> Result<(), E> {
        let borrowers = &self.borrowers[from..to];
        let positions = &self.positions[from..to];
        if self.dead_count == 0 {
            for (borrower, position) in borrowers.iter().zip(positions).rev() {
                visit(*borrower, *position)?;
            }
        } else {
            let dead = &self.dead[from..to];
            for ((borrower, position), dead) in borrowers.iter().zip(positions).zip(dead).rev() {
                if !dead {
                    visit(*borrower, *position)?;
                }
            }
        }
        Ok(())
    }

    /// Entries in the sorted arrays, dead ones included, and in the delta (for tests of the merge policy).
    #[cfg(test)]
    pub(super) fn layout(&self) -> (usize, usize, usize) {
        (self.keys.len(), self.dead_count, self.delta.len())
    }

    /// The sorted arrays' compact keys (for tests: non-decreasing).
    #[cfg(test)]
    pub(super) fn keys(&self) -> &[u64] {
        &self.keys
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use alloy_primitives::U256;
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

    /// `a/b` against `c/d` by cross-multiplication in 256 bits (exact for `u128` amounts; `b == 0` is infinity).
    fn cmp_exact(a: u128, b: u128, c: u128, d: u128) -> Ordering {
        (U256::from(a) * U256::from(d)).cmp(&(U256::from(c) * U256::from(b)))
    }

    /// Applies `ops` (borrower, shares, collateral; zero shares removes) to an index and to a model, checking the
    /// counts after each, then checks a range visit against the model: exactly the model's positions in
    /// `[start, end)`, in strictly decreasing `(ratio, borrower)` order, and the compact keys non-decreasing.
    fn check_against_model(
        ops: &[(u8, u128, u128)],
        min_pending: usize,
        start: (u128, u128),
        end: (u128, u128),
    ) -> Result<(), TestCaseError> {
        let mut index = RatioIndex::with_min_pending(min_pending);
        let mut model: HashMap<Address, Position> = HashMap::new();
        for &(who, borrow_shares, collateral) in ops {
            let borrower = Address::with_last_byte(who);
            if let Some(old) = model.remove(&borrower) {
                index.remove(borrower, old);
            }
            // Zero shares: a removal, as `MarketBook::upsert` treats it.
            if borrow_shares > 0 {
                let position = Position {
                    borrow_shares,
                    collateral,
                };
                index.insert(borrower, position);
                model.insert(borrower, position);
            }
            let (sorted, dead, delta) = index.layout();
            prop_assert_eq!(sorted - dead + delta, model.len());
            prop_assert!(index.keys().windows(2).all(|w| w[0] <= w[1]));
        }
        // An empty range (end at or below start) means no end.
        let end = Some(end).filter(|e| cmp_exact(e.0, e.1, start.0, start.1) == Ordering::Greater);
        let mut expected: Vec<_> = model
            .iter()
            .map(|(b, p)| (*b, *p))
            .filter(|(_, p)| {
                cmp_exact(p.borrow_shares, p.collateral, start.0, start.1) != Ordering::Less
                    && end.is_none_or(|e| {
                        cmp_exact(p.borrow_shares, p.collateral, e.0, e.1) == Ordering::Less
                    })
            })
            .collect();
        expected.sort_by(|(a, p), (b, q)| {
            cmp_exact(q.borrow_shares, q.collateral, p.borrow_shares, p.collateral).then(b.cmp(a))
        });
        let start = Ratio::of(start.0, start.1);
        let end = end.map(|e| Ratio::of(e.0, e.1));
        prop_assert_eq!(visited(&index, start, end), expected);
        Ok(())
    }

    proptest! {
        /// After any interleaving of inserts, replacements and removals (with merges in between), a range visit
        /// yields exactly the model's positions in the range, in strictly decreasing `(ratio, borrower)` order.
        /// Small amounts: many exactly equal ratios (`1/2`, `2/4`), hence equal keys ordered by borrower.
        #[test]
        fn order_survives_interleaved_updates(
            ops in prop::collection::vec((0u8..40, 0u128..50, 0u128..50), 1..400),
            min_pending in 1usize..20,
            start in (0u128..60, 1u128..60),
            end in (0u128..60, 1u128..60),
        ) {
            check_against_model(&ops, min_pending, start, end)?;
        }

        /// The same with ratios all within 2^-80 of each other (and of the range's ends): every compact key is the
        /// same, so every cut and every merge place is decided by the exact comparison alone.
        #[test]
        fn order_survives_when_compact_keys_collide(
            ops in prop::collection::vec((0u8..40, 0u128..50, 0u128..50), 1..300),
            min_pending in 1usize..20,
            start in (0u128..60, 0u128..60),
            end in (0u128..60, 0u128..60),
            zero_shares in prop::collection::vec(any::<bool>(), 300),
        ) {
            const SHARES: u128 = 1 << 120;
            const COLLATERAL: u128 = 1 << 100;
            let ops: Vec<_> = ops
                .iter()
                .zip(&zero_shares)
                .map(|(&(who, s, c), &zero)| (who, if zero && s % 7 == 0 { 0 } else { SHARES + s }, COLLATERAL + c))
                .collect();
            let start = (SHARES + start.0, COLLATERAL + start.1);
            let end = (SHARES + end.0, COLLATERAL + end.1);
            check_against_model(&ops, min_pending, start, end)?;
        }

        /// The compact key is monotone and a floor: `a/b < c/d` gives `key <= key`, equal ratios equal keys, and
        /// the key's value `M·2^(E−47)` is at most the ratio, with the next value above it.
        #[test]
        fn compact_key_is_a_monotone_floor(
            a in 1u128..=u128::MAX,
            b in 0u128..=u128::MAX,
            c in 1u128..=u128::MAX,
            d in 0u128..=u128::MAX,
            near in 0u128..1_000,
        ) {
            let key = |n: u128, m: u128| compact_key(&Ratio::of(n, m));
            for (x, y) in [((a, b), (c, d)), ((a, b), (a.saturating_add(near), b)), ((a, b), (a, b.saturating_add(near)))] {
                let (kx, ky) = (key(x.0, x.1), key(y.0, y.1));
                match cmp_exact(x.0, x.1, y.0, y.1) {
                    Ordering::Less => prop_assert!(kx <= ky),
                    Ordering::Equal => prop_assert_eq!(kx, ky),
                    Ordering::Greater => prop_assert!(kx >= ky),
                }
            }
            // Scaled copies of a ratio share its key.
            prop_assert_eq!(key(a >> 1 << 1, b >> 1 << 1), key(a >> 1, b >> 1));
            if b > 0 {
                let k = key(a, b);
                let exponent = (k >> 48) as i64 - 129;
                let mantissa = U512::from(k & ((1u64 << 48) - 1));
                prop_assert!(mantissa >= U512::from(1u64 << 47));
                // M·2^(E−47) <= a/b < (M+1)·2^(E−47), checked as integers.
                let (a, b) = (U512::from(a), U512::from(b));
                let (lhs, rhs, unit) = if exponent >= 47 {
                    (a, b << (exponent - 47) as usize, U512::from(1u64))
                } else {
                    (a << (47 - exponent) as usize, b, U512::from(1u64))
                };
                prop_assert!(mantissa * rhs <= lhs * unit);
                prop_assert!(lhs < (mantissa + U512::from(1u64)) * rhs);
            }
        }
    }

    #[test]
    fn compact_key_ends() {
        assert_eq!(compact_key(&Ratio::INFINITY), u64::MAX);
        assert_eq!(compact_key(&Ratio::of(0, 5)), 0);
        // The smallest and largest position ratios stay inside the exact range.
        let smallest = compact_key(&Ratio::of(1, u128::MAX));
        let largest = compact_key(&Ratio::of(u128::MAX, 1));
        assert!(smallest > 0 && largest < u64::MAX - 1);
        // Thresholds beyond the positions' range clamp to the ends, still ordered.
        let tiny = Ratio {
            num: U256::from(1),
            den: U256::MAX,
        };
        let huge = Ratio {
            num: U256::MAX,
            den: U256::from(1),
        };
        assert_eq!(compact_key(&tiny), 0);
        assert_eq!(compact_key(&huge), u64::MAX - 1);
        assert!(largest < compact_key(&huge));
        // One is 2^0 with mantissa 2^47.
        assert_eq!(compact_key(&Ratio::of(7, 7)), (129u64 << 48) | (1u64 << 47));
    }
}
