//! One market's positions, ordered so that a price yields its liquidatable positions without a scan.

use std::collections::{BTreeSet, HashMap};

use alloy_primitives::{Address, U256};

use super::ratio::Ratio;
use super::threshold::search_bounds;
use crate::math::{MathError, PositionHealth, position_health};
use crate::position::Position;

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

/// A position found liquidatable, with its health as the lens would report it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Liquidatable {
    /// The borrower.
    pub borrower: Address,
    /// Its position.
    pub position: Position,
    /// Its health at the snapshot.
    pub health: PositionHealth,
}

/// The positions with debt in one market: by borrower, and ordered by borrow shares per collateral unit (the
/// order of their liquidation prices) and by collateral (for the tiny ones the ratio bound cannot decide).
#[derive(Debug, Clone)]
pub struct MarketBook {
    lltv: U256,
    positions: HashMap<Address, Position>,
    by_ratio: BTreeSet<(Ratio, Address)>,
    by_collateral: BTreeSet<(u128, Address)>,
}

impl MarketBook {
    /// An empty book for a market of liquidation LTV `lltv` (WAD).
    pub fn new(lltv: U256) -> Self {
        Self {
            lltv,
            positions: HashMap::new(),
            by_ratio: BTreeSet::new(),
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
        self.by_ratio.insert((
            Ratio::of(position.borrow_shares, position.collateral),
            borrower,
        ));
        self.by_collateral.insert((position.collateral, borrower));
    }

    /// Every liquidatable position at `snapshot`, deepest first. Exact: the same answer as checking every
    /// position with the core's math, but it only looks at the positions near or past the threshold.
    pub fn liquidatable(&self, snapshot: &MarketSnapshot) -> Result<Vec<Liquidatable>, MathError> {
        self.search(snapshot, None)
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
        // Above T_old·(1 + ε) every position that is not tiny was liquidatable at the old price already (the
        // threshold argument of `threshold.rs`, mirrored): a price 4ε higher puts the lowered bound past it.
        let raised = previous_price.saturating_add(previous_price >> 18);
        let upper = search_bounds(
            snapshot.total_borrow_assets,
            snapshot.total_borrow_shares,
            raised,
            self.lltv,
        )
        .min_ratio;
        let previous = MarketSnapshot {
            price: previous_price,
            ..*snapshot
        };
        let mut found = self.search(snapshot, Some(upper))?;
        found.retain(|l| !matches!(self.check(l.borrower, l.position, &previous), Ok(Some(_))));
        Ok(found)
    }

    /// A full scan with the exact math: the baseline the ordered search is measured and tested against.
    pub fn scan(&self, snapshot: &MarketSnapshot) -> Result<Vec<Liquidatable>, MathError> {
        let mut found = Vec::new();
        for (borrower, position) in self.iter() {
            if let Some(l) = self.check(borrower, position, snapshot)? {
                found.push(l);
            }
        }
        Ok(found)
    }

    /// Positions with a ratio from the lower search bound up to `upper` (excluded; no limit when `None`), plus
    /// the tiny ones, each checked exactly at `snapshot`; deepest first.
    fn search(
        &self,
        snapshot: &MarketSnapshot,
        upper: Option<Ratio>,
    ) -> Result<Vec<Liquidatable>, MathError> {
        if snapshot.price.is_zero() {
            return Ok(Vec::new());
        }
        let bounds = search_bounds(
            snapshot.total_borrow_assets,
            snapshot.total_borrow_shares,
            snapshot.price,
            self.lltv,
        );
        let in_band =
            |ratio: &Ratio| *ratio >= bounds.min_ratio && upper.is_none_or(|u| *ratio < u);
        let mut found = Vec::new();
        let low = (bounds.min_ratio, Address::ZERO);
        let band: Box<dyn DoubleEndedIterator<Item = &(Ratio, Address)> + '_> = match upper {
            None => Box::new(self.by_ratio.range(low..)),
            Some(u) if u > bounds.min_ratio => {
                Box::new(self.by_ratio.range(low..(u, Address::ZERO)))
            }
            Some(_) => Box::new(std::iter::empty()),
        };
        for (_, borrower) in band.rev() {
            if let Some(l) = self.check(*borrower, self.positions[borrower], snapshot)? {
                found.push(l);
            }
        }
        // Tiny positions outside the band: their rounding can outweigh the margin, so each is checked.
        let small = ..=(bounds.max_small_collateral, Address::repeat_byte(0xff));
        for (_, borrower) in self.by_collateral.range(small) {
            let position = self.positions[borrower];
            if in_band(&Ratio::of(position.borrow_shares, position.collateral)) {
                continue;
            }
            if let Some(l) = self.check(*borrower, position, snapshot)? {
                found.push(l);
            }
        }
        Ok(found)
    }

    fn check(
        &self,
        borrower: Address,
        position: Position,
        snapshot: &MarketSnapshot,
    ) -> Result<Option<Liquidatable>, MathError> {
        let health = position_health(
            U256::from(position.borrow_shares),
            U256::from(position.collateral),
            snapshot.total_borrow_assets,
            snapshot.total_borrow_shares,
            Some(snapshot.price),
            self.lltv,
        )?;
        Ok(health.liquidatable.then_some(Liquidatable {
            borrower,
            position,
            health,
        }))
    }
}
