//! `LiquidationLib.sol`: the incentive curve, the target-health repay amount and the liquidation plan.
//!
//! `plan` is the one function `liquidate`, `liquidateBatch` and `previewLiquidation` share on-chain, so
//! its port predicts all three exactly (given the market accrued to the block, see [`super::accrued_market`]).

use alloy_primitives::U256;

use super::Result;
use super::checked::{add, min, sub, zero_floor_sub};
use super::constants::{
    GRACE_LIQUIDATION_HEALTH, LIQUIDATION_CURSOR, MAX_BASE_LIF, MAX_LIF, ORACLE_PRICE_SCALE,
    TARGET_HEALTH, WAD,
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
    /// The rate model failed, so interest could not be accrued (`liquidateBatch` only; never [`plan`]).
    RateModelFailed = 6,
    /// The oracle allows only deep liquidations (the L2 sequencer's grace period) and the position's health
    /// factor is at least `GRACE_LIQUIDATION_HEALTH` (0.95).
    DeepOnly = 7,
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
            6 => Self::RateModelFailed,
            7 => Self::DeepOnly,
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
    /// Oracle liquidation price (`liquidationPrice()`, scale 1e36); the core never plans with zero.
    pub price: U256,
    /// The oracle allows only deep liquidations (health factor below `GRACE_LIQUIDATION_HEALTH`).
    pub deep_only: bool,
    /// Liquidation LTV (WAD).
    pub lltv: U256,
    /// The market's dust floor (loan token units).
    pub min_debt: U256,
    /// Most loan assets the liquidator will repay (`U256::MAX`: whatever the rules allow).
    pub max_repay_assets: U256,
}

/// Liquidation incentive factor (WAD) at `ltv` (WAD) in a market of liquidation LTV `lltv` (WAD):
/// `baseLif` up to the LLTV, then `min(baseLif + (ltv - lltv), MAX_LIF)`, non-decreasing in the LTV.
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
    // ltv > lltv here, so the subtraction cannot fail.
    Ok(min(add(base_lif, min(ltv - lltv, MAX_LIF))?, MAX_LIF))
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
///
/// Band A (`debt * LIF < value`): the target-health repay, seizing `repaid * LIF`. Band B (solvent, the bonus
/// would take all the equity): pro rata, no bad debt. Band C (insolvent): pro rata with write-off. See
/// `LiquidationLib.sol` for why.
pub fn plan(p: &LiquidationInput) -> Result<Liquidation> {
    let mut l = Liquidation::default();
    if p.borrow_shares.is_zero() {
        l.status = LiquidationStatus::NoDebt;
        return Ok(l);
    }
    // Collateral worth more than U256::MAX / 1e36 loan units covers any debt: healthy (the contract says so
    // rather than Panic on the product).
    if !p.collateral.is_zero() && p.price > U256::MAX / p.collateral {
        l.status = LiquidationStatus::Healthy;
        return Ok(l);
    }
    let debt = to_assets_up(
        p.borrow_shares,
        p.total_borrow_assets,
        p.total_borrow_shares,
    )?;
    let collateral_value = mul_div_down(p.collateral, p.price, ORACLE_PRICE_SCALE)?;
    let max_debt = w_mul_down(collateral_value, p.lltv)?;
    if debt <= max_debt {
        l.status = LiquidationStatus::Healthy;
        return Ok(l);
    }
    // Health = max_debt / debt; at 0.95 or above it waits for the grace period to end.
    if p.deep_only && max_debt >= w_mul_down(debt, GRACE_LIQUIDATION_HEALTH)? {
        l.status = LiquidationStatus::DeepOnly;
        return Ok(l);
    }

    let ltv = if collateral_value.is_zero() {
        U256::MAX
    } else {
        w_div_down(debt, collateral_value)?
    };
    l.incentive_factor = incentive_factor(p.lltv, ltv)?;

    if w_mul_up(debt, l.incentive_factor)? < collateral_value {
        // Band A: the collateral covers the debt plus the incentive.
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
        l.seized_assets = seizable(l.repaid_assets, l.incentive_factor, p.price)?;
        if l.seized_assets < p.collateral {
            return keep_ltv(p, debt, collateral_value, l, true);
        }
        // Rounding brought the seizure to all the collateral (then value <= debt * LIF): band B closes it.
    }
    if collateral_value >= debt {
        solvent(p, debt, collateral_value, l)
    } else {
        insolvent(p, debt, collateral_value, l)
    }
}

/// `_solvent`: band B, pro rata, never bad debt.
fn solvent(
    p: &LiquidationInput,
    debt: U256,
    collateral_value: U256,
    mut l: Liquidation,
) -> Result<Liquidation> {
    let mut repay = min(p.max_repay_assets, debt);
    if repay < debt && debt - repay < p.min_debt {
        repay = zero_floor_sub(debt, p.min_debt);
    }
    if repay == debt {
        l.repaid_shares = p.borrow_shares;
        l.repaid_assets = debt;
        l.seized_assets = p.collateral;
        l.status = LiquidationStatus::Liquidated;
        return Ok(l);
    }
    l.repaid_shares = to_shares_down(repay, p.total_borrow_assets, p.total_borrow_shares)?;
    if l.repaid_shares.is_zero() {
        return Ok(too_small(l));
    }
    l.repaid_assets = to_assets_up(
        l.repaid_shares,
        p.total_borrow_assets,
        p.total_borrow_shares,
    )?;
    l.seized_assets = min(
        mul_div_down(p.collateral, l.repaid_shares, p.borrow_shares)?,
        seizable(l.repaid_assets, l.incentive_factor, p.price)?,
    );
    keep_ltv(p, debt, collateral_value, l, false)
}

/// `_insolvent`: band C, pro rata with write-off; taking all the collateral closes the position.
fn insolvent(
    p: &LiquidationInput,
    debt: U256,
    collateral_value: U256,
    mut l: Liquidation,
) -> Result<Liquidation> {
    let full = min(
        w_div_up(
            mul_div_up(p.collateral, p.price, ORACLE_PRICE_SCALE)?,
            l.incentive_factor,
        )?,
        debt,
    );
    let mut repay = min(p.max_repay_assets, full);
    if repay < full && full - repay < p.min_debt {
        repay = zero_floor_sub(full, p.min_debt);
    }
    if repay == full {
        return close_out(p, debt, full, l);
    }
    l.repaid_shares = to_shares_down(repay, p.total_borrow_assets, p.total_borrow_shares)?;
    if l.repaid_shares.is_zero() {
        return Ok(too_small(l));
    }
    l.repaid_assets = to_assets_up(
        l.repaid_shares,
        p.total_borrow_assets,
        p.total_borrow_shares,
    )?;
    l.seized_assets = min(
        seizable(l.repaid_assets, l.incentive_factor, p.price)?,
        sub(p.collateral, U256::from(1))?,
    );
    let burnt = mul_div_down(p.borrow_shares, l.seized_assets, p.collateral)?;
    l.bad_debt_shares = zero_floor_sub(burnt, l.repaid_shares);
    write_off(p, &mut l)?;
    keep_ltv(p, debt, collateral_value, l, false)
}

/// `_closeOut`: all the collateral for `repaid`, the rest of the debt written off.
fn close_out(
    p: &LiquidationInput,
    debt: U256,
    repaid: U256,
    mut l: Liquidation,
) -> Result<Liquidation> {
    l.seized_assets = p.collateral;
    l.repaid_assets = repaid;
    l.repaid_shares = if repaid == debt {
        p.borrow_shares
    } else {
        min(
            to_shares_down(repaid, p.total_borrow_assets, p.total_borrow_shares)?,
            p.borrow_shares,
        )
    };
    l.bad_debt_shares = sub(p.borrow_shares, l.repaid_shares)?;
    write_off(p, &mut l)?;
    l.status = LiquidationStatus::Liquidated;
    Ok(l)
}

/// `_writeOff`: the loan assets behind the bad debt shares once the repayment is applied.
fn write_off(p: &LiquidationInput, l: &mut Liquidation) -> Result<()> {
    if l.bad_debt_shares.is_zero() {
        return Ok(());
    }
    let remaining_assets = zero_floor_sub(p.total_borrow_assets, l.repaid_assets);
    l.bad_debt_assets = min(
        remaining_assets,
        to_assets_up(
            l.bad_debt_shares,
            remaining_assets,
            sub(p.total_borrow_shares, l.repaid_shares)?,
        )?,
    );
    Ok(())
}

/// `_seizable`: collateral worth `repaid_assets * lif`, rounded down.
fn seizable(repaid_assets: U256, lif: U256, price: U256) -> Result<U256> {
    mul_div_down(w_mul_down(repaid_assets, lif)?, ORACLE_PRICE_SCALE, price)
}

/// `_keepLtv`: a partial liquidation keeps the collateral that leaves the LTV strictly lower (`strict`) or
/// not higher, or is too small.
fn keep_ltv(
    p: &LiquidationInput,
    debt: U256,
    collateral_value: U256,
    mut l: Liquidation,
    strict: bool,
) -> Result<Liquidation> {
    let burnt = add(l.repaid_shares, l.bad_debt_shares)?;
    let shares_after = sub(p.borrow_shares, burnt)?;
    if !shares_after.is_zero() {
        let debt_after = to_assets_up(
            shares_after,
            zero_floor_sub(
                p.total_borrow_assets,
                add(l.repaid_assets, l.bad_debt_assets)?,
            ),
            sub(p.total_borrow_shares, burnt)?,
        )?;
        let value_after = if strict {
            add(
                mul_div_down(collateral_value, debt_after, debt)?,
                U256::from(1),
            )?
        } else {
            mul_div_up(collateral_value, debt_after, debt)?
        };
        let kept = mul_div_up(value_after, ORACLE_PRICE_SCALE, p.price)?;
        if kept > p.collateral {
            return Ok(too_small(l));
        }
        l.seized_assets = min(l.seized_assets, p.collateral - kept);
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
