// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Liquidation, LiquidationStatus} from "../../../src/interfaces/ICantilever.sol";
import {ConstantsLib} from "../../../src/libraries/ConstantsLib.sol";
import {LiquidationLib} from "../../../src/libraries/LiquidationLib.sol";
import {MathLib} from "../../../src/libraries/MathLib.sol";
import {SharesMathLib} from "../../../src/libraries/SharesMathLib.sol";
import {Test} from "../../utils/Test.sol";
import {LibrariesHarness} from "./LibrariesHarness.t.sol";

contract LiquidationLibTest is Test {
    using MathLib for uint256;
    using SharesMathLib for uint256;

    uint256 internal constant WAD = 1e18;
    uint256 internal constant BASE_LIF_80 = 1063829787234042553;
    LibrariesHarness internal h;

    function setUp() public {
        h = new LibrariesHarness();
    }

    function _baseLif(uint256 lltv) internal pure returns (uint256) {
        uint256 b = WAD.wDivDown(WAD - ConstantsLib.LIQUIDATION_CURSOR.wMulDown(WAD - lltv));
        return b < ConstantsLib.MAX_BASE_LIF ? b : ConstantsLib.MAX_BASE_LIF;
    }

    /// @dev A position of `debt` assets (18 decimals, 1e6 shares per asset) against `collateral` at `price`.
    function _input(uint256 collateral, uint256 debt, uint256 price, uint256 lltv, uint256 minDebt, uint256 maxRepay)
        internal
        pure
        returns (LiquidationLib.Input memory)
    {
        return LiquidationLib.Input({
            borrowShares: debt * 1e6,
            collateral: collateral,
            totalBorrowAssets: debt,
            totalBorrowShares: debt * 1e6,
            price: price,
            deepOnly: false,
            lltv: lltv,
            minDebt: minDebt,
            maxRepayAssets: maxRepay
        });
    }

    /* INCENTIVE FACTOR */

    function test_IncentiveFactor_Base() public view {
        assertEq(h.incentiveFactor(0.8e18, 0.5e18), BASE_LIF_80, "below LLTV: base");
        assertEq(h.incentiveFactor(0.8e18, 0.8e18), BASE_LIF_80, "at LLTV: base");
        assertEq(h.incentiveFactor(0.945e18, 0), 1016776817488561260, "94.5%: 1 / (1 - 0.3 * 0.055)");
        assertEq(h.incentiveFactor(0.5e18, 0.4e18), 1.15e18, "50%: capped at MAX_BASE_LIF");
        assertEq(h.incentiveFactor(0, 0), 1.15e18, "0%: capped at MAX_BASE_LIF");
    }

    function test_IncentiveFactor_GrowsWithDepth() public view {
        assertEq(h.incentiveFactor(0.8e18, 0.81e18), BASE_LIF_80 + 0.01e18, "+1 point");
        assertEq(h.incentiveFactor(0.8e18, 0.85e18), BASE_LIF_80 + 0.05e18, "+5 points");
    }

    /// @dev Issue 14: no half-headroom term any more; past the LLTV the factor only grows, to MAX_LIF.
    function test_IncentiveFactor_NeverFallsWithDepth() public view {
        assertEq(h.incentiveFactor(0.8e18, 0.9e18), BASE_LIF_80 + 0.1e18, "+10 points, no half-headroom cap");
        assertEq(h.incentiveFactor(0.8e18, 0.95e18), BASE_LIF_80 + 0.15e18, "deep: still growing");
        assertEq(h.incentiveFactor(0.8e18, 2e18), ConstantsLib.MAX_LIF, "underwater: the cap, not the base");
    }

    function test_IncentiveFactor_CappedAtMaxLif() public view {
        assertEq(h.incentiveFactor(0.5e18, 0.7e18), ConstantsLib.MAX_LIF, "1.15 + 0.2 capped at 1.25");
        assertEq(h.incentiveFactor(0.3e18, 0.6e18), ConstantsLib.MAX_LIF, "capped");
        assertEq(h.incentiveFactor(0.3e18, 0.79e18), ConstantsLib.MAX_LIF, "capped");
    }

    /// @dev Worthless collateral gives ltv = uint256 max: no overflow, the capped incentive.
    function test_IncentiveFactor_MaxLtvNoOverflow() public view {
        assertEq(h.incentiveFactor(0.8e18, type(uint256).max), ConstantsLib.MAX_LIF, "max ltv");
    }

    function testFuzz_IncentiveFactor_Bounds(uint256 lltv, uint256 ltv) public view {
        lltv = bound(lltv, 0, WAD - 1);
        ltv = bound(ltv, 0, type(uint256).max);
        uint256 lif = h.incentiveFactor(lltv, ltv);
        uint256 base = _baseLif(lltv);
        assertEq(base <= ConstantsLib.MAX_BASE_LIF, true, "base capped");
        assertGe(lif, base, ">= base");
        assertLe(lif, ConstantsLib.MAX_LIF, "<= MAX_LIF");
        if (ltv > lltv) {
            if (ltv - lltv < WAD) assertLe(lif, base + (ltv - lltv), "<= base + depth");
        } else {
            assertEq(lif, base, "healthy: base");
        }
    }

    /// @dev P-41 on the library: non-decreasing in the LTV, over any LLTV.
    function testFuzz_IncentiveFactor_Monotone(uint256 lltv, uint256 a, uint256 b) public view {
        lltv = bound(lltv, 0, WAD - 1);
        a = bound(a, 0, 10e18);
        b = bound(b, a, 10e18);
        assertLe(h.incentiveFactor(lltv, a), h.incentiveFactor(lltv, b), "monotone");
    }

    /* TARGET REPAY */

    function test_TargetRepay() public view {
        // debt 80, value 95, LLTV 80%, LIF 1.1059: (80 - 95 * 0.7619) / (1 - 0.7619 * 1.1059)
        assertEq(h.targetRepay(80e18, 95e18, 0.8e18, 1105935050391937289), 48410923629463983339, "exact");
    }

    function test_TargetRepay_AlreadyAtTarget() public view {
        assertEq(h.targetRepay(70e18, 100e18, 0.8e18, BASE_LIF_80), 0, "ltv 70% < 76.2%");
        assertEq(h.targetRepay(0, 100e18, 0.8e18, BASE_LIF_80), 0, "no debt");
    }

    function test_TargetRepay_Unreachable() public view {
        // targetLtv * LIF >= 1: every unit repaid worsens the LTV.
        assertEq(h.targetRepay(80e18, 95e18, 0.8e18, 1.4e18), 80e18, "returns the debt");
        assertEq(h.targetRepay(80e18, 0, 0.8e18, 1.3126e18), 80e18, "just above 1");
        // 0.761904761904761904 * 1.3125 is exactly 1 - 1e-18: the denominator is one wei and the result blows up
        // ("debt or more", which plan treats as unreachable).
        assertGe(h.targetRepay(80e18, 0, 0.8e18, 1.3125e18), 80e18, "a wei below 1: debt or more");
    }

    function testFuzz_TargetRepay_ReachesTarget(uint256 debt, uint256 value, uint256 lif) public view {
        value = bound(value, 1e6, 1e30);
        debt = bound(debt, value.wMulDown(0.8e18), value);
        lif = bound(lif, WAD, 1.25e18);
        uint256 r = h.targetRepay(debt, value, 0.8e18, lif);
        uint256 t = uint256(0.8e18).wDivDown(ConstantsLib.TARGET_HEALTH);
        if (r == 0 || r >= debt) return;
        // After repaying r and seizing r * lif of value, the position is at or below the target LTV.
        uint256 debtAfter = debt - r;
        uint256 seizedValue = r.wMulDown(lif);
        if (seizedValue >= value) return;
        assertLe(debtAfter, (value - seizedValue).wMulDown(t) + 2, "at target (2 units of rounding)");
        // And it is minimal up to rounding (the target LTV is rounded down by a wei, which costs at most
        // ~value / 1e18 / (1 - t * lif) units): repaying that much plus 1e-6 less misses the target.
        uint256 slack = r / 1e6 + (value / 1e18 + 2) * 30;
        if (slack >= r) return;
        uint256 less = r - slack;
        assertGt(debt - less, (value - less.wMulDown(lif)).wMulDown(t), "less misses the target");
    }

    /* PLAN */

    function test_Plan_NoDebt() public view {
        Liquidation memory l = h.plan(_input(100e18, 0, 1e36, 0.8e18, 0, type(uint256).max));
        assertEq(uint256(l.status), uint256(LiquidationStatus.NoDebt), "status");
    }

    function test_Plan_Healthy() public view {
        Liquidation memory l = h.plan(_input(100e18, 80e18, 1e36, 0.8e18, 0, type(uint256).max));
        assertEq(uint256(l.status), uint256(LiquidationStatus.Healthy), "at LLTV is healthy");
        assertEq(l.incentiveFactor, 0, "no incentive computed");
    }

    function test_Plan_Partial() public view {
        Liquidation memory l = h.plan(_input(100e18, 80e18, 0.95e36, 0.8e18, 0, type(uint256).max));
        assertEq(uint256(l.status), uint256(LiquidationStatus.Liquidated), "status");
        assertEq(l.repaidAssets, 48410923629463983339, "repaid");
        assertEq(l.repaidShares, 48410923629463983339e6, "shares");
        assertEq(l.seizedAssets, 56357197119654187423, "seized");
        assertEq(l.badDebtAssets + l.badDebtShares, 0, "no bad debt");
    }

    /// @dev Band C, unbounded: all the collateral for its value over the (capped) incentive, the rest written off.
    function test_Plan_CloseOutWithBadDebt() public view {
        Liquidation memory l = h.plan(_input(100e18, 80e18, 0.5e36, 0.8e18, 0, type(uint256).max));
        assertEq(l.incentiveFactor, ConstantsLib.MAX_LIF, "deep: the cap");
        assertEq(l.seizedAssets, 100e18, "all collateral");
        assertEq(l.repaidAssets, 40e18, "value 50 / LIF 1.25");
        assertEq(l.badDebtAssets, 40e18, "bad debt");
        assertEq(l.badDebtShares + l.repaidShares, 80e24, "all shares burnt");
    }

    /// @dev Band C, a slice: 20 repaid seizes 25 of value (50 collateral) and burns half the shares; the 20 not
    /// repaid of the 40 burnt are bad debt. LTV unchanged (1.6).
    function test_Plan_InsolventSlice() public view {
        Liquidation memory l = h.plan(_input(100e18, 80e18, 0.5e36, 0.8e18, 0, 20e18));
        assertEq(uint256(l.status), uint256(LiquidationStatus.Liquidated), "a slice, not RepayTooSmall");
        assertEq(l.repaidAssets, 20e18, "repaid");
        assertEq(l.seizedAssets, 50e18, "seized: 20 x 1.25 / 0.5");
        assertEq(l.repaidShares + l.badDebtShares, 40e24, "half the shares burnt");
        assertEq(l.badDebtAssets, 20e18, "written off");
    }

    /// @dev Band B (solvent, bonus above the equity): pro rata, no bad debt. Debt 98 against value 100 at LLTV 80%.
    function test_Plan_SolventProRata() public view {
        Liquidation memory l = h.plan(_input(100e18, 98e18, 1e36, 0.8e18, 0, 49e18));
        assertEq(l.repaidAssets, 49e18, "repaid");
        assertEq(l.seizedAssets, 50e18, "half the collateral for half the debt");
        assertEq(l.badDebtShares + l.badDebtAssets, 0, "no bad debt");
        l = h.plan(_input(100e18, 98e18, 1e36, 0.8e18, 0, type(uint256).max));
        assertEq(l.repaidAssets, 98e18, "unbounded: the whole debt");
        assertEq(l.seizedAssets, 100e18, "for all the collateral");
        assertEq(l.badDebtShares + l.badDebtAssets, 0, "no bad debt");
    }

    /// @dev Worthless collateral: nothing to pay, nothing to seize but what is there, all debt written off.
    function test_Plan_WorthlessCollateral() public view {
        Liquidation memory l = h.plan(_input(1, 80e18, 1, 0.8e18, 0, type(uint256).max));
        assertEq(uint256(l.status), uint256(LiquidationStatus.Liquidated), "status");
        assertEq(l.seizedAssets, 1, "the unit of collateral");
        assertEq(l.repaidAssets, 1, "one unit (value rounded up)");
        assertEq(l.badDebtAssets, 80e18 - 1, "rest written off");
    }

    function test_Plan_TooSmall() public view {
        Liquidation memory l = h.plan(_input(100e18, 80e18, 0.95e36, 0.8e18, 0, 0));
        assertEq(uint256(l.status), uint256(LiquidationStatus.RepayTooSmall), "zero max");
        assertEq(l.incentiveFactor, 1105935050391937289, "keeps the incentive");
        assertEq(l.repaidAssets + l.seizedAssets + l.repaidShares, 0, "nothing else");
    }

    function test_Plan_MinDebt() public view {
        Liquidation memory l = h.plan(_input(100e18, 80e18, 0.95e36, 0.8e18, 40e18, type(uint256).max));
        assertEq(l.repaidAssets, 80e18, "leftover 31.6 < 40: close");
        l = h.plan(_input(100e18, 80e18, 0.95e36, 0.8e18, 40e18, 45e18));
        assertEq(l.repaidAssets, 40e18, "cut to leave the floor");
        l = h.plan(_input(100e18, 80e18, 0.95e36, 0.8e18, 30e18, type(uint256).max));
        assertEq(l.repaidAssets, 48410923629463983339, "leftover 31.6 >= 30: partial");
        l = h.plan(_input(100e18, 80e18, 0.95e36, 0.8e18, 100e18, 79e18));
        assertEq(uint256(l.status), uint256(LiquidationStatus.RepayTooSmall), "below floor: full only");
    }

    /// @dev Properties of every plan, over arbitrary positions and market share prices.
    function testFuzz_Plan_Properties(
        uint256 collateral,
        uint256 borrowShares,
        uint256 extraShares,
        uint256 sharePrice,
        uint256 price,
        uint256 lltv,
        uint256 minDebt,
        uint256 maxRepay
    ) public view {
        collateral = bound(collateral, 0, 1e30);
        borrowShares = bound(borrowShares, 1, 1e36);
        extraShares = bound(extraShares, 0, 1e36);
        sharePrice = bound(sharePrice, 1e6, 1e12); // assets per 1e6 shares, x1e6 (1 to 1e6 assets per 1e6 shares)
        price = bound(price, 1, 1e40);
        lltv = bound(lltv, 0.01e18, 0.99e18);
        minDebt = bound(minDebt, 0, 1e24);
        uint256 totalShares = borrowShares + extraShares;
        uint256 totalAssets = totalShares * sharePrice / 1e12;
        maxRepay = maxRepay % 3 == 0 ? type(uint256).max : bound(maxRepay, 0, 1e31);
        LiquidationLib.Input memory p = LiquidationLib.Input(
            borrowShares, collateral, totalAssets, totalShares, price, false, lltv, minDebt, maxRepay
        );
        _checkPlan(p);
    }

    function _checkPlan(LiquidationLib.Input memory p) internal view {
        Liquidation memory l = h.plan(p);
        if (l.status != LiquidationStatus.Liquidated) {
            assertEq(l.repaidAssets + l.seizedAssets + l.badDebtAssets, 0, "skipped moves nothing");
            return;
        }
        uint256 debt = p.borrowShares.toAssetsUp(p.totalBorrowAssets, p.totalBorrowShares);
        assertGt(debt, p.collateral.mulDivDown(p.price, 1e36).wMulDown(p.lltv), "only unhealthy positions");
        assertLe(l.repaidAssets, p.maxRepayAssets, "repaid <= maxRepay");
        assertLe(l.repaidAssets, debt, "repaid <= debt");
        assertLe(l.seizedAssets, p.collateral, "seized <= collateral");
        assertLe(l.repaidShares + l.badDebtShares, p.borrowShares, "burnt <= shares");
        assertGe(l.incentiveFactor, WAD, "lif >= 1");
        assertLe(l.incentiveFactor, ConstantsLib.MAX_LIF, "lif <= MAX_LIF");
        // The liquidator never gets more than LIF times what it repaid (value rounded down).
        assertLe(
            l.seizedAssets.mulDivDown(p.price, 1e36),
            l.repaidAssets.wMulUp(l.incentiveFactor) + 1,
            "seized <= LIF x repaid"
        );
        if (l.badDebtShares != 0) {
            assertLt(p.collateral.mulDivDown(p.price, 1e36), debt, "bad debt only when insolvent");
        }
        uint256 burnt = l.repaidShares + l.badDebtShares;
        if (burnt < p.borrowShares) {
            uint256 left = (p.borrowShares - burnt)
            .toAssetsUp(p.totalBorrowAssets - l.repaidAssets - l.badDebtAssets, p.totalBorrowShares - burnt);
            assertGe(left, p.minDebt, "partial never leaves dust");
            assertLt(l.seizedAssets, p.collateral, "partial leaves collateral");
        }
    }
}
