//! One market's positions, ordered so that a price yields its liquidatable positions without a scan.

use std::collections::{BTreeSet, HashMap};

use alloy_primitives::{Address, U256};

use super::ratio::Ratio;
use super::sorted::RatioIndex;
use super::threshold::search_bounds;
use cantilever_primitives::math::{MathError, PositionHealth, is_healthy, position_health};
use cantilever_primitives::position::Position;

/// A market's state at one block as the health check needs it: totals with interest accrued to the block
/// (`Cantilever.expectedMarket`) and the oracle price (scale 1e36).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct MarketSnapshot {
    /// Total borrow assets, accrued (loan token units).
    pub total_borrow_assets: U256,
    /// Total borrow shares, accrued (fee shares included).
    pub total_borrow_shares: U256,
    /// Oracle price (scale 1e36); zero or a reverting oracle makes nothing liquidatable.
    pub price: U256,
}

/// A position found liquidatable. Its health (as the lens reports it) is computed on demand with
/// [`MarketBook::health`]: most callers need it for a few positions only, and the search proves most positions
/// liquidatable without computing it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Liquidatable {
    /// The borrower.
    pub borrower: Address,
    /// Its position.
    pub position: Position,
}

/// The positions with debt in one market: by borrower, and ordered by borrow shares per collateral unit (the
/// order of their liquidation prices) and by collateral (for the tiny ones the ratio bound cannot decide).
#[derive(Debug, Clone)]
pub struct MarketBook {
    lltv: U256,
    positions: HashMap<Address, Position>,
    /// The same positions in ratio order, laid out for range scans (the value duplicated so that a search touches
    /// no hash map).
    by_ratio: RatioIndex,
    by_collateral: BTreeSet<(u128, Address)>,
}

impl MarketBook {
    /// An empty book for a market of liquidation LTV `lltv` (WAD).
    pub fn new(lltv: U256) -> Self {
        Self::with_index(lltv, RatioIndex::default())
    }

    /// A book whose ratio index merges its pending changes after `min_pending` of them: small values make tests
    /// exercise the merges.
    #[cfg(test)]
    pub(super) fn with_min_pending(lltv: U256, min_pending: usize) -> Self {
        Self::with_index(lltv, RatioIndex::with_min_pending(min_pending))
    }

    fn with_index(lltv: U256, by_ratio: RatioIndex) -> Self {
        Self {
            lltv,
            positions: HashMap::new(),
            by_ratio,
            by_collateral: BTreeSet::new(),
        }
    }

    /// The market's liquidation LTV (WAD).
    pub fn lltv(&self) -> U256 {
        self.lltv
    }

    /// Positions with debt.
    pub fn len(&self) -> usize {
        self.positions.len()
    }

    /// No position with debt.
    pub fn is_empty(&self) -> bool {
        self.positions.is_empty()
    }

    /// A borrower's position, if it has debt.
    pub fn get(&self, borrower: &Address) -> Option<Position> {
        self.positions.get(borrower).copied()
    }

    /// Every position with debt, in no particular order.
    pub fn iter(&self) -> impl Iterator<Item = (Address, Position)> + '_ {
        self.positions.iter().map(|(a, p)| (*a, *p))
    }

    /// Records a borrower's new position; a position without debt can never be liquidated and is dropped.
    pub fn upsert(&mut self, borrower: Address, position: Position) {
        if let Some(old) = self.positions.remove(&borrower) {
            self.by_ratio.remove(borrower, old);
            self.by_collateral.remove(&(old.collateral, borrower));
        }
        if position.borrow_shares == 0 {
            return;
        }
        self.positions.insert(borrower, position);
        self.by_ratio.insert(borrower, position);
        self.by_collateral.insert((position.collateral, borrower));
    }

    /// Every liquidatable position at `snapshot`, deepest first. Exact: the same answer as checking every
    /// position with the core's math, but it only looks at the positions near or past the threshold.
    pub fn liquidatable(&self, snapshot: &MarketSnapshot) -> Result<Vec<Liquidatable>, MathError> {
        self.search(snapshot, None, None)
    }

    /// The positions liquidatable at `snapshot` that were not at `previous_price` (same totals): what a
    /// price drop just made liquidatable. Looks only at the band between the two thresholds (and at the tiny
    /// positions), then checks both prices exactly.
    pub fn newly_liquidatable(
        &self,
        snapshot: &MarketSnapshot,
        previous_price: U256,
    ) -> Result<Vec<Liquidatable>, MathError> {
        if previous_price.is_zero() {
            return self.liquidatable(snapshot);
        }
        // Above T_old·(1 + ε) every position that is not tiny was liquidatable at the old price already; below
        // T_old·(1 − ε) every one that is not tiny was healthy (the argument of `threshold.rs`, both ways).
        let upper = self.bounds(snapshot, previous_price).certain_ratio;
        let healthy_below = self.bounds(snapshot, previous_price).min_ratio;
        let previous = MarketSnapshot {
            price: previous_price,
            ..*snapshot
        };
        self.search(snapshot, Some(upper), Some((&previous, healthy_below)))
    }

    /// A full scan with the exact math: the baseline the ordered search is measured and tested against.
    pub fn scan(&self, snapshot: &MarketSnapshot) -> Result<Vec<Liquidatable>, MathError> {
        let mut found = Vec::new();
        for (borrower, position) in self.iter() {
            if !snapshot.price.is_zero() && self.is_liquidatable(position, snapshot)? {
                found.push(Liquidatable { borrower, position });
            }
        }
        Ok(found)
    }

    /// Positions with a ratio from the lower search bound up to `upper` (excluded; no limit when `None`), plus
    /// the tiny ones, deepest first. Only positions within the margin of the boundary (and the tiny ones) need
    /// the exact check: above `T·(1 + ε)` a position that is not tiny is liquidatable by the argument of
    /// `threshold.rs`, so the band's bulk costs one step along a sorted slice each. `earlier`, when given, is
    /// an earlier snapshot and the ratio below which a (non-tiny) position was certainly healthy then: only
    /// positions at or above it are checked at the earlier price, and those liquidatable then are left out.
    fn search(
        &self,
        snapshot: &MarketSnapshot,
        upper: Option<Ratio>,
        earlier: Option<(&MarketSnapshot, Ratio)>,
    ) -> Result<Vec<Liquidatable>, MathError> {
        if snapshot.price.is_zero() {
            return Ok(Vec::new());
        }
        let bounds = self.bounds(snapshot, snapshot.price);
        // Past `certain`, liquidatable for sure (when not tiny).
        let certain = bounds.certain_ratio;
        // Tiny at either price: the band's arguments about the earlier price hold for the others only.
        let small = earlier.map_or(bounds.max_small_collateral, |(before, _)| {
            bounds
                .max_small_collateral
                .max(self.bounds(snapshot, before.price).max_small_collateral)
        });
        let in_band =
            |ratio: &Ratio| *ratio >= bounds.min_ratio && upper.is_none_or(|u| *ratio < u);
        // The band split where the checks needed change, so no ratio is compared per position: below
        // `certain` the current price needs the exact check; from `healthy_below` on, the earlier one does.
        let mut cuts = vec![bounds.min_ratio, certain];
        if let Some((_, healthy_below)) = earlier {
            cuts.push(healthy_below);
        }
        cuts.retain(|c| *c >= bounds.min_ratio && upper.is_none_or(|u| *c < u));
        cuts.sort();
        cuts.dedup();
        let mut found = Vec::new();
        // Deepest first: segments from the top down.
        for (i, start) in cuts.iter().enumerate().rev() {
            let end = cuts.get(i + 1).copied().or(upper);
            let check_now = *start < certain;
            let check_before = earlier
                .filter(|(_, healthy_below)| *start >= *healthy_below)
                .map(|(b, _)| b);
            self.by_ratio
                .for_each_rev(*start, end, |borrower, position| {
                    let tiny = position.collateral <= small;
                    if (check_now || tiny) && !self.is_liquidatable(position, snapshot)? {
                        return Ok(());
                    }
                    let before = check_before.or(if tiny { earlier.map(|(b, _)| b) } else { None });
                    if let Some(before) = before
                        && self.is_liquidatable(position, before)?
                    {
                        return Ok(());
                    }
                    found.push(Liquidatable { borrower, position });
                    Ok(())
                })?;
        }
        // Tiny positions outside the band: their rounding can outweigh the margin, so each is checked.
        for (_, borrower) in self
            .by_collateral
            .range(..=(small, Address::repeat_byte(0xff)))
        {
            let position = self.positions[borrower];
            if in_band(&Ratio::of(position.borrow_shares, position.collateral)) {
                continue;
            }
            if !self.is_liquidatable(position, snapshot)? {
                continue;
            }
            if let Some((before, _)) = earlier
                && self.is_liquidatable(position, before)?
            {
                continue;
            }
            found.push(Liquidatable {
                borrower: *borrower,
                position,
            });
        }
        Ok(found)
    }

    fn bounds(&self, snapshot: &MarketSnapshot, price: U256) -> super::threshold::SearchBounds {
        search_bounds(
            snapshot.total_borrow_assets,
            snapshot.total_borrow_shares,
            price,
            self.lltv,
        )
    }

    /// A position's health at `snapshot`, exactly as the lens reports it.
    pub fn health(
        &self,
        position: &Position,
        snapshot: &MarketSnapshot,
    ) -> Result<PositionHealth, MathError> {
        position_health(
            U256::from(position.borrow_shares),
            U256::from(position.collateral),
            snapshot.total_borrow_assets,
            snapshot.total_borrow_shares,
            Some(snapshot.price),
            self.lltv,
        )
    }

    /// The core's `_isHealthy`, negated.
    fn is_liquidatable(
        &self,
        position: Position,
        snapshot: &MarketSnapshot,
    ) -> Result<bool, MathError> {
        Ok(!is_healthy(
            U256::from(position.borrow_shares),
            U256::from(position.collateral),
            snapshot.total_borrow_assets,
            snapshot.total_borrow_shares,
            snapshot.price,
            self.lltv,
        )?)
    }
}
