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
/// Incentive. LIF(ltv) = baseLif when 1 / ltv <= baseLif, else
/// min(baseLif + (ltv - lltv), MAX_LIF, baseLif + (1 / ltv - baseLif) / 2), where
/// baseLif = min(MAX_BASE_LIF, 1 / (1 - CURSOR * (1 - lltv))) (Morpho Blue's curve).
/// Why: a fixed bonus (Aave, Morpho) is either too small to clear gas and price impact when a position has
/// gapped far past its LLTV, or wastefully large for shallow ones. Like a Dutch auction (Euler v2), the bonus
/// grows point for point with how far the LTV is past the LLTV, so the deeper the risk the stronger the pull
/// on liquidators; but growth never spends more than half of the headroom up to 1 / ltv (where a full
/// liquidation would take all the collateral): the borrower keeps part of its equity, the growth alone never
/// turns a position into bad debt, and LIF * LTV stays below 1 so every partial liquidation lowers the LTV.
///
/// Amount. A partial liquidation repays just what restores the health factor to TARGET_HEALTH (1.05):
/// r = (D - t V) / (1 - t LIF) with t = LLTV / TARGET_HEALTH, D the debt and V the collateral value.
/// Why: Aave's 50% close factor takes far more than needed from a barely-unhealthy borrower, Morpho's 100%
/// takes everything; restoring a small buffer takes the minimum that makes the position safe, and the buffer
/// keeps it from flipping back on the next tick. A position ends either fully closed or with at least the
/// loan token's minDebt (no dust that nobody would pay gas to liquidate).
/// When the target is unreachable (LIF * LTV >= 1: every partial liquidation would worsen the LTV) the
/// position must be closed at once; when the collateral cannot pay the debt plus the incentive, all of it
/// is seized and the remaining debt is written off as bad debt, socialised to the market's suppliers.
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
        /// @dev Oracle price (scale 1e36); non-zero.
        uint256 price;
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
        uint256 inverseLtv = ConstantsLib.WAD.wDivDown(ltv);
        if (inverseLtv <= baseLif) return baseLif;
        // Capping the depth first keeps the sum from overflowing when the collateral is worthless.
        uint256 grown = UtilsLib.min(baseLif + UtilsLib.min(ltv - lltv, ConstantsLib.MAX_LIF), ConstantsLib.MAX_LIF);
        // Growth spends at most half the headroom between the base bonus and 1 / ltv (where a full liquidation
        // would take all the collateral): the borrower always keeps part of its equity, and partial
        // liquidations always lower the LTV.
        return UtilsLib.min(grown, baseLif + (inverseLtv - baseLif) / 2);
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
        uint256 debt = p.borrowShares.toAssetsUp(p.totalBorrowAssets, p.totalBorrowShares);
        uint256 collateralValue = p.collateral.mulDivDown(p.price, ConstantsLib.ORACLE_PRICE_SCALE);
        if (debt <= collateralValue.wMulDown(p.lltv)) {
            l.status = LiquidationStatus.Healthy;
            return l;
        }

        // LTV rounded down: the smaller incentive favours the borrower and the market.
        uint256 ltv = collateralValue == 0 ? type(uint256).max : debt.wDivDown(collateralValue);
        l.incentiveFactor = incentiveFactor(p.lltv, ltv);

        if (debt.wMulUp(l.incentiveFactor) < collateralValue) {
            // The collateral covers the debt plus the incentive.
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
            l.seizedAssets =
                l.repaidAssets.wMulDown(l.incentiveFactor).mulDivDown(ConstantsLib.ORACLE_PRICE_SCALE, p.price);
            if (l.seizedAssets < p.collateral) {
                l.status = LiquidationStatus.Liquidated;
                return l;
            }
            // Rounding brought the seizure to all the collateral: fall through to the close-out.
        }

        // The collateral cannot pay the debt plus the incentive: seize all of it, write off the rest.
        l.seizedAssets = p.collateral;
        l.repaidAssets = UtilsLib.min(
            p.collateral.mulDivUp(p.price, ConstantsLib.ORACLE_PRICE_SCALE).wDivUp(l.incentiveFactor), debt
        );
        if (l.repaidAssets > p.maxRepayAssets) return _tooSmall(l);
        l.repaidShares = l.repaidAssets == debt
            ? p.borrowShares
            : UtilsLib.min(l.repaidAssets.toSharesDown(p.totalBorrowAssets, p.totalBorrowShares), p.borrowShares);
        l.badDebtShares = p.borrowShares - l.repaidShares;
        if (l.badDebtShares != 0) {
            uint256 remainingAssets = p.totalBorrowAssets.zeroFloorSub(l.repaidAssets);
            l.badDebtAssets = UtilsLib.min(
                remainingAssets, l.badDebtShares.toAssetsUp(remainingAssets, p.totalBorrowShares - l.repaidShares)
            );
        }
        l.status = LiquidationStatus.Liquidated;
    }

    function _tooSmall(Liquidation memory l) private pure returns (Liquidation memory) {
        uint256 lif = l.incentiveFactor;
        l = Liquidation(LiquidationStatus.RepayTooSmall, 0, 0, 0, 0, 0, lif);
        return l;
    }
}
