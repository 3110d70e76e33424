//! One market's positions, ordered so that a price yields its liquidatable positions without a scan.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use alloy_primitives::{Address, U256};

use super::ratio::Ratio;
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
    /// The same positions keyed by ratio (the value duplicated so that a search touches no hash map).
    by_ratio: BTreeMap<(Ratio, Address), Position>,
    by_collateral: BTreeSet<(u128, Address)>,
}

impl MarketBook {
    /// An empty book for a market of liquidation LTV `lltv` (WAD).
    pub fn new(lltv: U256) -> Self {
        Self {
            lltv,
            positions: HashMap::new(),
            by_ratio: BTreeMap::new(),
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
            self.by_ratio
                .remove(&(Ratio::of(old.borrow_shares, old.collateral), borrower));
            self.by_collateral.remove(&(old.collateral, borrower));
        }
        if position.borrow_shares == 0 {
            return;
        }
        self.positions.insert(borrower, position);
        self.by_ratio.insert(
            (
                Ratio::of(position.borrow_shares, position.collateral),
                borrower,
            ),
            position,
        );
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
        let upper = self.bounds(snapshot, raised(previous_price)).min_ratio;
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
    /// `threshold.rs`, so the band's bulk costs one step of a B-tree iteration each. `earlier`, when given, is
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
        // A price 4ε higher puts its lowered bound above T·(1 + ε): past it, liquidatable for sure.
        let certain = self.bounds(snapshot, raised(snapshot.price)).min_ratio;
        let small = bounds.max_small_collateral;
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
            let low = (*start, Address::ZERO);
            let segment: Box<dyn DoubleEndedIterator<Item = (&(Ratio, Address), &Position)> + '_> =
                match end {
                    None => Box::new(self.by_ratio.range(low..)),
                    Some(e) => Box::new(self.by_ratio.range(low..(e, Address::ZERO))),
                };
            for ((_, borrower), position) in segment.rev() {
                let tiny = position.collateral <= small;
                if (check_now || tiny) && !self.is_liquidatable(*position, snapshot)? {
                    continue;
                }
                let before = check_before.or(if tiny { earlier.map(|(b, _)| b) } else { None });
                if let Some(before) = before
                    && self.is_liquidatable(*position, before)?
                {
                    continue;
                }
                found.push(Liquidatable {
                    borrower: *borrower,
                    position: *position,
                });
            }
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

/// A price 2^-18 (4ε) higher: its lowered search bound lies above the threshold's upper margin.
fn raised(price: U256) -> U256 {
    price.saturating_add(price >> 18)
}
