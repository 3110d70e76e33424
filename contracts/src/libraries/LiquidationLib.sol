// SPDX-License-Identifier: MIT
pragma solidity ^0.8.0;

import {Liquidation, LiquidationStatus} from "../interfaces/ICantilever.sol";
import {ConstantsLib} from "./ConstantsLib.sol";
import {MathLib} from "./MathLib.sol";
import {SharesMathLib} from "./SharesMathLib.sol";
import {UtilsLib} from "./UtilsLib.sol";

/// @title LiquidationLib
/// @notice The liquidation rules, as one pure function shared by `liquidate`, `liquidateBatch` and
/// `previewLiquidation` (so a preview is exact by construction) and ported bit for bit by the keeper.
///
/// Incentive. LIF(ltv) = baseLif when ltv <= lltv, else min(baseLif + (ltv - lltv), MAX_LIF), where
/// baseLif = min(MAX_BASE_LIF, 1 / (1 - CURSOR * (1 - lltv))) (Morpho Blue's curve).
/// Why: a fixed bonus (Aave, Morpho) is either too small to clear gas and price impact when a position has
/// gapped far past its LLTV, or wastefully large for shallow ones. Like a Dutch auction (Euler v2), the bonus
/// grows point for point with how far the LTV is past the LLTV. It never falls as the LTV rises (issue 14: a
/// bonus that fell with depth paid ~18% more to a liquidator who sliced a liquidation, each slice lowering the
/// LTV and raising the next slice's bonus). Since every partial liquidation lowers the LTV or leaves it
/// unchanged, a later slice never gets more per unit repaid than the first: splitting never pays.
///
/// Three bands, by what the collateral value V can pay against the debt D:
/// A. Full bonus (D * LIF < V). A partial liquidation repays just what restores the health factor to
///    TARGET_HEALTH (1.05): r = (D - t V) / (1 - t LIF) with t = LLTV / TARGET_HEALTH, and seizes r * LIF.
///    Why: Aave's 50% close factor takes far more than needed from a barely-unhealthy borrower, Morpho's 100%
///    takes everything; restoring a small buffer takes the minimum that makes the position safe, and the
///    buffer keeps it from flipping back on the next tick. A position ends either fully closed or with at
///    least the loan token's minDebt (no dust that nobody would pay gas to liquidate).
/// B. Solvent, but the bonus would take more than all the equity (D * LIF >= V >= D). Pro rata: the
///    liquidator repays any amount up to D (a slice leaving less than minDebt is cut to leave minDebt), burns
///    the borrow shares it repays and seizes the same fraction of the collateral (never more than repaid * LIF).
///    Its bonus is V / D, all the borrower's remaining equity: the most that can be paid without charging the
///    suppliers, so a solvent position never realises bad debt, and the LTV is unchanged by a slice (the
///    outcome does not depend on how the liquidation is split, and a deep whale can be taken through thin DEX
///    depth in slices).
/// C. Insolvent (V < D). Pro rata with write-off: a slice repaying r seizes r * LIF of collateral value and
///    burns the same fraction of the borrow shares as the fraction of the collateral it seized; the burnt
///    shares that r does not pay for are bad debt, socialised to the market's suppliers through the share
///    price. The LTV is unchanged by a slice, so k slices equal one liquidation of the same total. The slice
///    that takes all the collateral (repaying V / LIF) closes the position and writes off the rest.
/// Rounding favours the market and the borrower, never the liquidator: seizures and burnt shares round down,
/// repaid assets round up, and a partial liquidation keeps at least the collateral that leaves the LTV (debt
/// rounded up over collateral value rounded down, as everyone measures it) strictly lower in band A and not
/// higher in B and C. Without that last rule a 1-wei slice could seize a wei of collateral worth more than the
/// debt its repayment cleared (both amounts are rounded) and raise the LTV (P-12).
library LiquidationLib {
    using MathLib for uint256;
    using SharesMathLib for uint256;
    using UtilsLib for uint256;

    /// @notice A position and market state at the moment of liquidation.
    struct Input {
        uint256 borrowShares;
        /// @dev Collateral token units.
        uint256 collateral;
        uint256 totalBorrowAssets;
        uint256 totalBorrowShares;
        /// @dev Oracle liquidation price (scale 1e36); non-zero.
        uint256 price;
        /// @dev The oracle allows only deep liquidations (health factor below GRACE_LIQUIDATION_HEALTH).
        bool deepOnly;
        /// @dev WAD.
        uint256 lltv;
        /// @dev Loan token units.
        uint256 minDebt;
        /// @dev Loan token units.
        uint256 maxRepayAssets;
    }

    /// @notice Liquidation incentive factor (WAD) at a given LTV (WAD) in a market of the given LLTV (WAD).
    function incentiveFactor(uint256 lltv, uint256 ltv) internal pure returns (uint256) {
        uint256 baseLif = UtilsLib.min(
            ConstantsLib.MAX_BASE_LIF,
            ConstantsLib.WAD
                .wDivDown(ConstantsLib.WAD - ConstantsLib.LIQUIDATION_CURSOR.wMulDown(ConstantsLib.WAD - lltv))
        );
        if (ltv <= lltv) return baseLif;
        // Capping the depth first keeps the sum from overflowing when the collateral is worthless.
        return UtilsLib.min(baseLif + UtilsLib.min(ltv - lltv, ConstantsLib.MAX_LIF), ConstantsLib.MAX_LIF);
    }

    /// @notice Loan assets to repay so that the LTV falls to LLTV / TARGET_HEALTH (rounded up), or `debt`
    /// (or more) when no partial liquidation can get there.
    function targetRepay(uint256 debt, uint256 collateralValue, uint256 lltv, uint256 lif)
        internal
        pure
        returns (uint256)
    {
        uint256 targetLtv = lltv.wDivDown(ConstantsLib.TARGET_HEALTH);
        uint256 targetLtvTimesLif = targetLtv.wMulUp(lif);
        if (targetLtvTimesLif >= ConstantsLib.WAD) return debt;
        uint256 allowedDebt = collateralValue.wMulDown(targetLtv);
        if (debt <= allowedDebt) return 0;
        return (debt - allowedDebt).wDivUp(ConstantsLib.WAD - targetLtvTimesLif);
    }

    /// @notice What a liquidation of this position repays, seizes and writes off, or why it cannot happen.
    function plan(Input memory p) internal pure returns (Liquidation memory l) {
        if (p.borrowShares == 0) {
            l.status = LiquidationStatus.NoDebt;
            return l;
        }
        // Collateral worth more than type(uint256).max / 1e36 loan units covers any debt (uint128): healthy, rather
        // than a Panic that would revert a whole liquidateBatch over one absurd oracle answer.
        if (p.collateral != 0 && p.price > type(uint256).max / p.collateral) {
            l.status = LiquidationStatus.Healthy;
            return l;
        }
        uint256 debt = p.borrowShares.toAssetsUp(p.totalBorrowAssets, p.totalBorrowShares);
        uint256 collateralValue = p.collateral.mulDivDown(p.price, ConstantsLib.ORACLE_PRICE_SCALE);
        uint256 maxDebt = collateralValue.wMulDown(p.lltv);
        if (debt <= maxDebt) {
            l.status = LiquidationStatus.Healthy;
            return l;
        }
        // Health = maxDebt / debt; at 0.95 or above it waits for the grace period to end (rounded for the borrower).
        if (p.deepOnly && maxDebt >= debt.wMulDown(ConstantsLib.GRACE_LIQUIDATION_HEALTH)) {
            l.status = LiquidationStatus.DeepOnly;
            return l;
        }

        // LTV rounded down: the smaller incentive favours the borrower and the market.
        uint256 ltv = collateralValue == 0 ? type(uint256).max : debt.wDivDown(collateralValue);
        l.incentiveFactor = incentiveFactor(p.lltv, ltv);

        if (debt.wMulUp(l.incentiveFactor) < collateralValue) {
            // Band A: the collateral covers the debt plus the incentive.
            uint256 allowed = targetRepay(debt, collateralValue, p.lltv, l.incentiveFactor);
            uint256 repay;
            if (allowed >= debt) {
                // Target unreachable: close at once.
                if (p.maxRepayAssets < debt) return _tooSmall(l);
                repay = debt;
            } else {
                // Leaving less than minDebt would be dust: the liquidator may close the position instead.
                if (debt - allowed < p.minDebt) allowed = debt;
                repay = UtilsLib.min(p.maxRepayAssets, allowed);
                if (repay < debt && debt - repay < p.minDebt) repay = debt.zeroFloorSub(p.minDebt);
            }
            if (repay == debt) {
                l.repaidShares = p.borrowShares;
                l.repaidAssets = debt;
            } else {
                l.repaidShares = repay.toSharesDown(p.totalBorrowAssets, p.totalBorrowShares);
                // Never above `repay`: the liquidator pays at most what it asked.
                l.repaidAssets = l.repaidShares.toAssetsUp(p.totalBorrowAssets, p.totalBorrowShares);
            }
            if (l.repaidShares == 0) return _tooSmall(l);
            l.seizedAssets = _seizable(l.repaidAssets, l.incentiveFactor, p.price);
            if (l.seizedAssets < p.collateral) return _keepLtv(p, debt, collateralValue, l, true);
            // Rounding brought the seizure to all the collateral (then V <= D * LIF): band B closes it.
        }
        if (collateralValue >= debt) return _solvent(p, debt, collateralValue, l);
        return _insolvent(p, debt, collateralValue, l);
    }

    /// @dev Band B: pro rata, all the equity at most, never bad debt.
    function _solvent(Input memory p, uint256 debt, uint256 collateralValue, Liquidation memory l)
        private
        pure
        returns (Liquidation memory)
    {
        uint256 repay = UtilsLib.min(p.maxRepayAssets, debt);
        if (repay < debt && debt - repay < p.minDebt) repay = debt.zeroFloorSub(p.minDebt);
        if (repay == debt) {
            l.repaidShares = p.borrowShares;
            l.repaidAssets = debt;
            l.seizedAssets = p.collateral;
            l.status = LiquidationStatus.Liquidated;
            return l;
        }
        l.repaidShares = repay.toSharesDown(p.totalBorrowAssets, p.totalBorrowShares);
        if (l.repaidShares == 0) return _tooSmall(l);
        l.repaidAssets = l.repaidShares.toAssetsUp(p.totalBorrowAssets, p.totalBorrowShares);
        l.seizedAssets = UtilsLib.min(
            p.collateral.mulDivDown(l.repaidShares, p.borrowShares),
            _seizable(l.repaidAssets, l.incentiveFactor, p.price)
        );
        return _keepLtv(p, debt, collateralValue, l, false);
    }

    /// @dev Band C: pro rata with write-off; the slice that takes all the collateral closes the position.
    function _insolvent(Input memory p, uint256 debt, uint256 collateralValue, Liquidation memory l)
        private
        pure
        returns (Liquidation memory)
    {
        uint256 full = UtilsLib.min(
            p.collateral.mulDivUp(p.price, ConstantsLib.ORACLE_PRICE_SCALE).wDivUp(l.incentiveFactor), debt
        );
        uint256 repay = UtilsLib.min(p.maxRepayAssets, full);
        if (repay < full && full - repay < p.minDebt) repay = full.zeroFloorSub(p.minDebt);
        if (repay == full) return _closeOut(p, debt, full, l);
        l.repaidShares = repay.toSharesDown(p.totalBorrowAssets, p.totalBorrowShares);
        if (l.repaidShares == 0) return _tooSmall(l);
        l.repaidAssets = l.repaidShares.toAssetsUp(p.totalBorrowAssets, p.totalBorrowShares);
        l.seizedAssets = UtilsLib.min(_seizable(l.repaidAssets, l.incentiveFactor, p.price), p.collateral - 1);
        // The same fraction of the borrow shares as of the collateral, rounded down (in the suppliers' favour).
        uint256 burnt = p.borrowShares.mulDivDown(l.seizedAssets, p.collateral);
        l.badDebtShares = burnt.zeroFloorSub(l.repaidShares);
        _writeOff(p, l);
        return _keepLtv(p, debt, collateralValue, l, false);
    }

    /// @dev All the collateral for `repaid` (the collateral value over the incentive, or the debt), the rest of
    /// the debt written off.
    function _closeOut(Input memory p, uint256 debt, uint256 repaid, Liquidation memory l)
        private
        pure
        returns (Liquidation memory)
    {
        l.seizedAssets = p.collateral;
        l.repaidAssets = repaid;
        l.repaidShares = repaid == debt
            ? p.borrowShares
            : UtilsLib.min(repaid.toSharesDown(p.totalBorrowAssets, p.totalBorrowShares), p.borrowShares);
        l.badDebtShares = p.borrowShares - l.repaidShares;
        _writeOff(p, l);
        l.status = LiquidationStatus.Liquidated;
        return l;
    }

    /// @dev The loan assets behind `l.badDebtShares`, once the repayment is applied (rounded up, capped).
    function _writeOff(Input memory p, Liquidation memory l) private pure {
        if (l.badDebtShares == 0) return;
        uint256 remainingAssets = p.totalBorrowAssets.zeroFloorSub(l.repaidAssets);
        l.badDebtAssets = UtilsLib.min(
            remainingAssets, l.badDebtShares.toAssetsUp(remainingAssets, p.totalBorrowShares - l.repaidShares)
        );
    }

    /// @dev Collateral worth `repaidAssets * lif`, rounded down.
    function _seizable(uint256 repaidAssets, uint256 lif, uint256 price) private pure returns (uint256) {
        return repaidAssets.wMulDown(lif).mulDivDown(ConstantsLib.ORACLE_PRICE_SCALE, price);
    }

    /// @dev A partial liquidation keeps at least the collateral that leaves the LTV (debt rounded up over
    /// collateral value rounded down) strictly lower (`strict`) or not higher; when not even seizing nothing
    /// does that, the repayment is too small to count.
    function _keepLtv(Input memory p, uint256 debt, uint256 collateralValue, Liquidation memory l, bool strict)
        private
        pure
        returns (Liquidation memory)
    {
        uint256 burnt = l.repaidShares + l.badDebtShares;
        uint256 sharesAfter = p.borrowShares - burnt;
        if (sharesAfter != 0) {
            uint256 debtAfter = sharesAfter.toAssetsUp(
                p.totalBorrowAssets.zeroFloorSub(l.repaidAssets + l.badDebtAssets), p.totalBorrowShares - burnt
            );
            // valueAfter * debt > (>=) collateralValue * debtAfter.
            uint256 valueAfter =
                strict ? collateralValue.mulDivDown(debtAfter, debt) + 1 : collateralValue.mulDivUp(debtAfter, debt);
            uint256 kept = valueAfter.mulDivUp(ConstantsLib.ORACLE_PRICE_SCALE, p.price);
            if (kept > p.collateral) return _tooSmall(l);
            l.seizedAssets = UtilsLib.min(l.seizedAssets, p.collateral - kept);
        }
        l.status = LiquidationStatus.Liquidated;
        return l;
    }

    function _tooSmall(Liquidation memory l) private pure returns (Liquidation memory) {
        uint256 lif = l.incentiveFactor;
        l = Liquidation(LiquidationStatus.RepayTooSmall, 0, 0, 0, 0, 0, lif);
        return l;
    }
}
