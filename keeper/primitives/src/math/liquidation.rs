//! `LiquidationLib.sol`: the incentive curve, the target-health repay amount and the liquidation plan.
//!
//! `plan` is the one function `liquidate`, `liquidateBatch` and `previewLiquidation` share on-chain, so
//! its port predicts all three exactly (given the market accrued to the block, see [`super::accrued_market`]).

use alloy_primitives::U256;

use super::Result;
use super::checked::{add, min, sub, zero_floor_sub};
use super::constants::{
    LIQUIDATION_CURSOR, MAX_BASE_LIF, MAX_LIF, ORACLE_PRICE_SCALE, TARGET_HEALTH, WAD,
};
use super::fixed::{mul_div_down, mul_div_up, w_div_down, w_div_up, w_mul_down, w_mul_up};
use super::shares::{to_assets_up, to_shares_down};

/// Why a liquidation did or would not happen (`LiquidationStatus` in ICantilever.sol, same order).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[repr(u8)]
pub enum LiquidationStatus {
    /// The liquidation happens as planned.
    #[default]
    Liquidated = 0,
    /// No market with these parameters (decided by the core, never by [`plan`]).
    MarketNotCreated = 1,
    /// The oracle reverted or returned zero (decided by the core, never by [`plan`]).
    OracleFailed = 2,
    /// The borrower has no debt.
    NoDebt = 3,
    /// The position is healthy.
    Healthy = 4,
    /// `maxRepayAssets` is below what the rules require (or rounds to zero shares).
    RepayTooSmall = 5,
}

impl LiquidationStatus {
    /// The status with this ABI discriminant, if any.
    pub const fn from_u8(value: u8) -> Option<Self> {
        Some(match value {
            0 => Self::Liquidated,
            1 => Self::MarketNotCreated,
            2 => Self::OracleFailed,
            3 => Self::NoDebt,
            4 => Self::Healthy,
            5 => Self::RepayTooSmall,
            _ => return None,
        })
    }
}

/// What a liquidation repays, seizes and writes off (`Liquidation` in ICantilever.sol).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Liquidation {
    /// Whether it happens, or why not.
    pub status: LiquidationStatus,
    /// Loan assets the liquidator pays.
    pub repaid_assets: U256,
    /// Borrow shares burnt by the repayment.
    pub repaid_shares: U256,
    /// Collateral the liquidator receives.
    pub seized_assets: U256,
    /// Loan assets written off (socialised) because the collateral ran out.
    pub bad_debt_assets: U256,
    /// Borrow shares written off.
    pub bad_debt_shares: U256,
    /// Liquidation incentive factor applied (WAD).
    pub incentive_factor: U256,
}

/// A position and its market at the moment of liquidation (`LiquidationLib.Input`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct LiquidationInput {
    /// The borrower's borrow shares.
    pub borrow_shares: U256,
    /// The borrower's collateral (collateral token units).
    pub collateral: U256,
    /// Market total borrow assets, interest accrued (loan token units).
    pub total_borrow_assets: U256,
    /// Market total borrow shares.
    pub total_borrow_shares: U256,
    /// Oracle price (scale 1e36); the core never plans with zero.
    pub price: U256,
    /// Liquidation LTV (WAD).
    pub lltv: U256,
    /// The market's dust floor (loan token units).
    pub min_debt: U256,
    /// Most loan assets the liquidator will repay (`U256::MAX`: whatever the rules allow).
    pub max_repay_assets: U256,
}

/// Liquidation incentive factor (WAD) at `ltv` (WAD) in a market of liquidation LTV `lltv` (WAD):
/// `max(baseLif, min(baseLif + (ltv - lltv), MAX_LIF, 1 / ltv))`.
pub fn incentive_factor(lltv: U256, ltv: U256) -> Result<U256> {
    let base_lif = min(
        MAX_BASE_LIF,
        w_div_down(
            WAD,
            sub(WAD, w_mul_down(LIQUIDATION_CURSOR, sub(WAD, lltv)?)?)?,
        )?,
    );
    if ltv <= lltv {
        return Ok(base_lif);
    }
    // ltv > lltv here, so the subtraction cannot fail and ltv is non-zero.
    let inverse_ltv = w_div_down(WAD, ltv)?;
    if inverse_ltv <= base_lif {
        return Ok(base_lif);
    }
    let grown = min(add(base_lif, min(ltv - lltv, MAX_LIF))?, MAX_LIF);
    // At most half the headroom up to 1/ltv: the borrower keeps part of its equity.
    let halfway = add(base_lif, (inverse_ltv - base_lif) / U256::from(2))?;
    Ok(min(grown, halfway))
}

/// Loan assets to repay so the LTV falls to `lltv / TARGET_HEALTH` (rounded up), or `debt` when no
/// partial liquidation can get there.
pub fn target_repay(debt: U256, collateral_value: U256, lltv: U256, lif: U256) -> Result<U256> {
    let target_ltv = w_div_down(lltv, TARGET_HEALTH)?;
    let target_ltv_times_lif = w_mul_up(target_ltv, lif)?;
    if target_ltv_times_lif >= WAD {
        return Ok(debt);
    }
    let allowed_debt = w_mul_down(collateral_value, target_ltv)?;
    if debt <= allowed_debt {
        return Ok(U256::ZERO);
    }
    w_div_up(debt - allowed_debt, WAD - target_ltv_times_lif)
}

/// What a liquidation of this position repays, seizes and writes off, or why it cannot happen.
pub fn plan(p: &LiquidationInput) -> Result<Liquidation> {
    let mut l = Liquidation::default();
    if p.borrow_shares.is_zero() {
        l.status = LiquidationStatus::NoDebt;
        return Ok(l);
    }
    let debt = to_assets_up(
        p.borrow_shares,
        p.total_borrow_assets,
        p.total_borrow_shares,
    )?;
    let collateral_value = mul_div_down(p.collateral, p.price, ORACLE_PRICE_SCALE)?;
    if debt <= w_mul_down(collateral_value, p.lltv)? {
        l.status = LiquidationStatus::Healthy;
        return Ok(l);
    }

    let ltv = if collateral_value.is_zero() {
        U256::MAX
    } else {
        w_div_down(debt, collateral_value)?
    };
    l.incentive_factor = incentive_factor(p.lltv, ltv)?;

    if w_mul_up(debt, l.incentive_factor)? < collateral_value {
        // The collateral covers the debt plus the incentive.
        let mut allowed = target_repay(debt, collateral_value, p.lltv, l.incentive_factor)?;
        let mut repay;
        if allowed >= debt {
            if p.max_repay_assets < debt {
                return Ok(too_small(l));
            }
            repay = debt;
        } else {
            // allowed < debt here.
            if debt - allowed < p.min_debt {
                allowed = debt;
            }
            repay = min(p.max_repay_assets, allowed);
            if repay < debt && debt - repay < p.min_debt {
                repay = zero_floor_sub(debt, p.min_debt);
            }
        }
        if repay == debt {
            l.repaid_shares = p.borrow_shares;
            l.repaid_assets = debt;
        } else {
            l.repaid_shares = to_shares_down(repay, p.total_borrow_assets, p.total_borrow_shares)?;
            l.repaid_assets = to_assets_up(
                l.repaid_shares,
                p.total_borrow_assets,
                p.total_borrow_shares,
            )?;
        }
        if l.repaid_shares.is_zero() {
            return Ok(too_small(l));
        }
        l.seized_assets = mul_div_down(
            w_mul_down(l.repaid_assets, l.incentive_factor)?,
            ORACLE_PRICE_SCALE,
            p.price,
        )?;
        if l.seized_assets < p.collateral {
            l.status = LiquidationStatus::Liquidated;
            return Ok(l);
        }
        // Rounding brought the seizure to all the collateral: fall through to the close-out.
    }

    // The collateral cannot pay the debt plus the incentive: seize all of it, write off the rest.
    l.seized_assets = p.collateral;
    l.repaid_assets = min(
        w_div_up(
            mul_div_up(p.collateral, p.price, ORACLE_PRICE_SCALE)?,
            l.incentive_factor,
        )?,
        debt,
    );
    if l.repaid_assets > p.max_repay_assets {
        return Ok(too_small(l));
    }
    l.repaid_shares = if l.repaid_assets == debt {
        p.borrow_shares
    } else {
        min(
            to_shares_down(
                l.repaid_assets,
                p.total_borrow_assets,
                p.total_borrow_shares,
            )?,
            p.borrow_shares,
        )
    };
    l.bad_debt_shares = sub(p.borrow_shares, l.repaid_shares)?;
    if !l.bad_debt_shares.is_zero() {
        let remaining_assets = zero_floor_sub(p.total_borrow_assets, l.repaid_assets);
        l.bad_debt_assets = min(
            remaining_assets,
            to_assets_up(
                l.bad_debt_shares,
                remaining_assets,
                sub(p.total_borrow_shares, l.repaid_shares)?,
            )?,
        );
    }
    l.status = LiquidationStatus::Liquidated;
    Ok(l)
}

/// `_tooSmall`: only the status and the incentive factor survive.
fn too_small(l: Liquidation) -> Liquidation {
    Liquidation {
        status: LiquidationStatus::RepayTooSmall,
        incentive_factor: l.incentive_factor,
        ..Liquidation::default()
    }
}

#[cfg(test)]
mod tests;
