// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Liquidation, LiquidationStatus, Market, MarketParams} from "../../../src/interfaces/ICantilever.sol";
import {ConstantsLib} from "../../../src/libraries/ConstantsLib.sol";
import {ErrorsLib} from "../../../src/libraries/ErrorsLib.sol";
import {EventsLib} from "../../../src/libraries/EventsLib.sol";
import {MathLib} from "../../../src/libraries/MathLib.sol";
import {SharesMathLib} from "../../../src/libraries/SharesMathLib.sol";
import {OracleMock} from "../../utils/mocks/OracleMock.sol";
import {CoreBase, FlashLiquidator} from "./CoreBase.t.sol";

/// @dev Default scenario: 1000 supplied, BORROWER has 100 collateral and borrowed 80 (exactly at the 80% LLTV),
/// price 1:1. Exact expected values come from an independent port of LiquidationLib.plan.
contract LiquidateTest is CoreBase {
    using MathLib for uint256;
    using SharesMathLib for uint256;

    uint256 internal constant MAX = type(uint256).max;
    uint256 internal constant TARGET_LTV_80 = 761904761904761904; // 0.8 / 1.05, rounded down (WAD)

    function setUp() public override {
        super.setUp();
        _supply(SUPPLIER, 1000e18);
        _supplyCollateral(BORROWER, 100e18);
        _borrow(BORROWER, 80e18);
        loanToken.mint(LIQUIDATOR, 1000e18);
    }

    function _liquidate(uint256 maxRepay) internal returns (uint256 repaid, uint256 seized) {
        vm.prank(LIQUIDATOR);
        return core.liquidate(marketParams, BORROWER, maxRepay, "");
    }

    /// @dev debt * TARGET_HEALTH - collateralValue * LLTV at full precision (1e72 scale): <= 0 iff the position
    /// is at or above the target health.
    function _targetExcess(address user) internal view returns (int256) {
        uint256 lhs = _debt(user) * ConstantsLib.TARGET_HEALTH * 1e36;
        uint256 rhs = uint256(_position(user).collateral) * oracle.price() * LLTV;
        return int256(lhs) - int256(rhs);
    }

    /* PARTIAL LIQUIDATION TO TARGET HEALTH */

    function test_Liquidate_PartialToTargetHealth() public {
        oracle.setPrice(0.95e36); // LTV 80 / 95 = 84.2%
        uint256 expectedRepaid = 48410923629463983339;
        uint256 expectedSeized = 56357197119654187423;

        vm.expectEmit(address(core));
        emit EventsLib.Liquidate(id, LIQUIDATOR, BORROWER, expectedRepaid, expectedRepaid * 1e6, expectedSeized);
        (uint256 repaid, uint256 seized) = _liquidate(MAX);
        assertEq(repaid, expectedRepaid, "repaid");
        assertEq(seized, expectedSeized, "seized");

        assertEq(_position(BORROWER).borrowShares, 80e24 - expectedRepaid * 1e6, "shares");
        assertEq(_position(BORROWER).collateral, 100e18 - expectedSeized, "collateral");
        assertEq(loanToken.balanceOf(LIQUIDATOR), 1000e18 - expectedRepaid, "liquidator paid");
        assertEq(collateralToken.balanceOf(LIQUIDATOR), expectedSeized, "liquidator received");
        assertEq(_market().totalBorrowAssets, 80e18 - expectedRepaid, "totalBorrowAssets");
        assertEq(_market().totalSupplyAssets, 1000e18, "no bad debt");

        // LTV back to LLTV / 1.05, and no longer liquidatable.
        assertApproxEqRel(_ltv(BORROWER), TARGET_LTV_80, 1e6, "ltv at target (1e-12 relative)");
        assertTrue(_targetExcess(BORROWER) <= 0, "at or above target health");
        vm.prank(LIQUIDATOR);
        vm.expectRevert(ErrorsLib.HealthyPosition.selector);
        core.liquidate(marketParams, BORROWER, MAX, "");
    }

    /// @dev The repay is minimal up to rounding: it is ~387 units (8e-18 relative) above the exact real solution
    /// (the target LTV is rounded down), and 1000 units less no longer reaches the target health.
    function test_Liquidate_RepayIsMinimal() public {
        oracle.setPrice(0.95e36);
        uint256 snapshot = vm.snapshotState();
        (uint256 repaid,) = _liquidate(MAX);
        int256 atTarget = _targetExcess(BORROWER);
        vm.revertToState(snapshot);
        _liquidate(repaid - 1000);
        int256 oneLess = _targetExcess(BORROWER);
        assertTrue(atTarget <= 0, "repaid reaches the target");
        assertTrue(oneLess > atTarget, "less repaid leaves more excess");
        assertTrue(oneLess > 0, "1000 units less misses the target");
    }

    /// @dev Interest alone pushes a position at the LLTV over it.
    function test_Liquidate_AfterInterest() public {
        vm.prank(LIQUIDATOR);
        vm.expectRevert(ErrorsLib.HealthyPosition.selector);
        core.liquidate(marketParams, BORROWER, MAX, "");
        _skip(1 days);
        Market memory expected = core.expectedMarket(marketParams);
        (uint256 repaid,) = _liquidate(MAX);
        assertGt(repaid, 0, "liquidated");
        assertEq(_market().lastUpdate, block.timestamp, "accrued");
        assertEq(_market().totalSupplyAssets, expected.totalSupplyAssets, "accrued supply");
    }

    function testFuzz_Liquidate_LandsAtTarget(uint256 collateral, uint256 priceDrop, uint256 elapsed) public {
        collateral = bound(collateral, 1e12, 1e27);
        priceDrop = bound(priceDrop, 1, 0.15e18); // up to 15% down: stays out of the close-out region
        elapsed = bound(elapsed, 0, 30 days);
        address user = makeAddr("User");
        _approveAll(user);
        _supplyCollateral(user, collateral);
        _supply(SUPPLIER, collateral);
        _borrow(user, collateral.wMulDown(LLTV));
        _skip(elapsed);
        oracle.setPrice(uint256(1e36).wMulDown(1e18 - priceDrop));
        Liquidation memory l = core.previewLiquidation(marketParams, user, MAX);
        if (l.status != LiquidationStatus.Liquidated) return;
        uint256 ltvBefore = _debt(user).wDivDown(_collateralValue(user));
        bool lifCappedAtInverseLtv = BASE_LIF_80 + (ltvBefore - LLTV) >= ConstantsLib.WAD.wDivDown(ltvBefore);
        loanToken.mint(LIQUIDATOR, l.repaidAssets);
        vm.prank(LIQUIDATOR);
        core.liquidate(marketParams, user, MAX, "");
        if (_position(user).borrowShares == 0) return; // closed
        assertTrue(_isHealthy(user), "healthy after");
        assertLe(_ltv(user), TARGET_LTV_80 + TARGET_LTV_80 / 1e9, "ltv <= target (+1e-9 relative)");
        // In the 1/ltv band the target repay is the whole debt up to rounding: what is left is dust.
        if (!lifCappedAtInverseLtv) assertApproxEqRel(_ltv(user), TARGET_LTV_80, 1e9, "ltv at target");
    }

    /// @dev Deep past the LLTV (LTV 92.95%), solvent but the bonus would take more than the equity (band B,
    /// issue 14): a slice takes the same fraction of the collateral as of the debt, and an unbounded liquidation
    /// closes at par (all the equity to the liquidator), never realising bad debt.
    function test_Liquidate_DeepSolventBandIsProRataWithoutBadDebt() public {
        uint256 price = 860646293692686162146502550706857958; // ltv 92.95%
        oracle.setPrice(price);
        uint256 supplyBefore = _market().totalSupplyAssets;
        (uint256 repaid, uint256 seized) = _liquidate(40e18);
        assertEq(repaid, 40e18, "a slice");
        assertEq(seized, 50e18, "half the collateral for half the debt");
        (repaid, seized) = _liquidate(MAX);
        assertEq(repaid, 40e18, "the rest of the debt");
        assertEq(seized, 50e18, "the rest of the collateral");
        assertEq(_position(BORROWER).borrowShares, 0, "closed");
        assertEq(_market().totalSupplyAssets, supplyBefore, "no bad debt while solvent");
    }

    /* INCENTIVE */

    function test_Liquidate_IncentiveGrowsWithDepth() public {
        oracle.setPrice(0.99e36); // ltv 80.8%
        uint256 shallow = core.previewLiquidation(marketParams, BORROWER, MAX).incentiveFactor;
        oracle.setPrice(0.95e36); // ltv 84.2%
        uint256 deeper = core.previewLiquidation(marketParams, BORROWER, MAX).incentiveFactor;
        assertEq(deeper, BASE_LIF_80 + (uint256(80e18).wDivDown(95e18) - LLTV), "base + depth");
        assertEq(deeper, 1105935050391937289, "exact");
        assertGt(deeper, shallow, "deeper pays more");
        assertGt(shallow, BASE_LIF_80, "above base");
    }

    /// @dev Issue 14: no half-headroom cap any more; the incentive keeps growing with depth up to MAX_LIF.
    function test_Liquidate_IncentiveNeverFallsWithDepth() public {
        oracle.setPrice(0.9e36); // ltv 88.9%
        uint256 ltv = uint256(80e18).wDivDown(90e18);
        Liquidation memory l = core.previewLiquidation(marketParams, BORROWER, MAX);
        assertEq(l.incentiveFactor, BASE_LIF_80 + (ltv - LLTV), "base + depth");
        oracle.setPrice(0.85e36); // ltv 94.1%
        assertGt(core.previewLiquidation(marketParams, BORROWER, MAX).incentiveFactor, l.incentiveFactor, "deeper");
        oracle.setPrice(0.5e36); // ltv 160%
        assertEq(core.previewLiquidation(marketParams, BORROWER, MAX).incentiveFactor, ConstantsLib.MAX_LIF, "cap");
    }

    /// @dev On a 50% LLTV market the base is capped at 1.15 and the growth at MAX_LIF = 1.25.
    function test_Liquidate_IncentiveCappedAtMaxLif() public {
        MarketParams memory mp = _marketWithLltv(0.5e18);
        address user = makeAddr("User");
        _approveAll(user);
        loanToken.mint(SUPPLIER, 50e18);
        vm.prank(SUPPLIER);
        core.supply(mp, 50e18, 0, SUPPLIER, "");
        collateralToken.mint(user, 100e18);
        vm.startPrank(user);
        core.supplyCollateral(mp, 100e18, user, "");
        core.borrow(mp, 50e18, 0, user, user);
        vm.stopPrank();

        oracle.setPrice(0.99e36);
        assertEq(core.previewLiquidation(mp, user, MAX).incentiveFactor, 1.15e18 + 0.00505050505050505e18, "base 1.15");
        oracle.setPrice(0.7e36); // ltv 71.4%: 1.15 + 0.214 capped at 1.25
        vm.prank(LIQUIDATOR);
        (uint256 repaid, uint256 seized) = core.liquidate(mp, user, MAX, "");
        assertEq(repaid, 41176470588235294191, "repaid");
        assertEq(seized, 73529411764705882482, "seized");
        assertEq(seized, repaid.wMulDown(ConstantsLib.MAX_LIF).mulDivDown(1e36, 0.7e36), "at MAX_LIF");
    }

    /* MIN DEBT */

    /// @dev Repaying to target would leave 31.6 < minDebt 40: the liquidator may close the position instead.
    function test_Liquidate_MinDebtAllowsFullClose() public {
        vm.prank(OWNER);
        core.setMinDebt(marketParams, 40e18);
        oracle.setPrice(0.95e36);
        (uint256 repaid, uint256 seized) = _liquidate(MAX);
        assertEq(repaid, 80e18, "all debt");
        assertEq(seized, 93131372664584192757, "seized with incentive");
        assertEq(_position(BORROWER).borrowShares, 0, "closed");
        assertEq(_position(BORROWER).collateral, 100e18 - 93131372664584192757, "borrower keeps the rest");
    }

    /// @dev maxRepay 45 would leave 35 < minDebt 40: the repay is cut to leave exactly minDebt.
    function test_Liquidate_MinDebtCutsRepayToLeaveFloor() public {
        vm.prank(OWNER);
        core.setMinDebt(marketParams, 40e18);
        oracle.setPrice(0.95e36);
        (uint256 repaid, uint256 seized) = _liquidate(45e18);
        assertEq(repaid, 40e18, "cut to debt - minDebt");
        assertEq(seized, 46565686332292096378, "seized");
        assertEq(_debt(BORROWER), 40e18, "left exactly minDebt");
    }

    /// @dev A position already below a raised floor can only be liquidated in full.
    function test_RevertWhen_LiquidatePartialBelowRaisedFloor() public {
        vm.prank(OWNER);
        core.setMinDebt(marketParams, 100e18);
        oracle.setPrice(0.95e36);
        vm.prank(LIQUIDATOR);
        vm.expectRevert(ErrorsLib.RepayTooSmall.selector);
        core.liquidate(marketParams, BORROWER, 79e18, "");
        (uint256 repaid,) = _liquidate(80e18);
        assertEq(repaid, 80e18, "full");
    }

    function testFuzz_Liquidate_NeverLeavesDust(uint256 minDebt, uint256 priceDrop, uint256 maxRepay, uint256 elapsed)
        public
    {
        minDebt = bound(minDebt, 1, 100e18);
        priceDrop = bound(priceDrop, 1, 0.6e18);
        elapsed = bound(elapsed, 0, 365 days);
        vm.prank(OWNER);
        core.setMinDebt(marketParams, minDebt);
        _skip(elapsed);
        oracle.setPrice(uint256(1e36).wMulDown(1e18 - priceDrop));
        maxRepay = bound(maxRepay, 0, 200e18);
        Liquidation memory l = core.previewLiquidation(marketParams, BORROWER, maxRepay);
        vm.prank(LIQUIDATOR);
        if (l.status != LiquidationStatus.Liquidated) {
            vm.expectRevert();
            core.liquidate(marketParams, BORROWER, maxRepay, "");
            return;
        }
        core.liquidate(marketParams, BORROWER, maxRepay, "");
        uint256 debt = _debt(BORROWER);
        assertTrue(debt == 0 || debt >= minDebt, "0 or >= minDebt");
        assertLe(l.repaidAssets, maxRepay, "repaid <= maxRepay");
    }

    /* CLOSE-OUT AND BAD DEBT */

    function test_Liquidate_CloseOutRealisesBadDebt() public {
        oracle.setPrice(0.5e36); // collateral worth 50 against 80 of debt
        uint256 expectedRepaid = 40e18; // 50 / MAX_LIF (ltv 160%: the incentive is capped, never back to the base)
        uint256 expectedBadDebt = 80e18 - expectedRepaid;
        uint256 supplierValueBefore = _position(SUPPLIER).supplyShares.toAssetsDown(1000e18, 1000e24);

        vm.expectEmit(address(core));
        emit EventsLib.RealizeBadDebt(id, BORROWER, expectedBadDebt, expectedBadDebt * 1e6);
        vm.expectEmit(address(core));
        emit EventsLib.Liquidate(id, LIQUIDATOR, BORROWER, expectedRepaid, expectedRepaid * 1e6, 100e18);
        (uint256 repaid, uint256 seized) = _liquidate(MAX);
        assertEq(repaid, expectedRepaid, "repaid");
        assertEq(seized, 100e18, "all collateral");

        assertEq(_position(BORROWER).borrowShares, 0, "debt gone");
        assertEq(_position(BORROWER).collateral, 0, "collateral gone");
        Market memory m = _market();
        assertEq(m.totalBorrowAssets, 0, "no borrow left");
        assertEq(m.totalBorrowShares, 0, "no borrow shares left");
        assertEq(m.totalSupplyAssets, 1000e18 - expectedBadDebt, "suppliers absorb the bad debt");
        uint256 supplierValueAfter =
            _position(SUPPLIER).supplyShares.toAssetsDown(m.totalSupplyAssets, m.totalSupplyShares);
        assertApproxEqAbs(supplierValueBefore - supplierValueAfter, expectedBadDebt, 1, "socialised");
    }

    /// @dev Bad debt is shared pro rata by every supplier.
    function test_Liquidate_BadDebtSocialisedProRata() public {
        address other = makeAddr("OtherSupplier");
        _approveAll(other);
        _supply(other, 1000e18); // now 2000 supplied, half each
        oracle.setPrice(0.5e36);
        (uint256 repaid,) = _liquidate(MAX);
        Market memory m = _market();
        uint256 a = _position(SUPPLIER).supplyShares.toAssetsDown(m.totalSupplyAssets, m.totalSupplyShares);
        uint256 b = _position(other).supplyShares.toAssetsDown(m.totalSupplyAssets, m.totalSupplyShares);
        assertApproxEqAbs(a, b, 1, "equal losses");
        assertApproxEqAbs(a, 1000e18 - (80e18 - repaid) / 2, 1, "half each");
    }

    /// @dev Band C (issue 14): an insolvent position is liquidated in slices; each writes off in proportion, and
    /// two slices equal one close-out.
    function test_Liquidate_InsolventSlices() public {
        oracle.setPrice(0.5e36);
        uint256 supplyBefore = _market().totalSupplyAssets;
        (uint256 repaid, uint256 seized) = _liquidate(20e18);
        assertEq(repaid, 20e18, "a slice");
        assertEq(seized, 50e18, "20 x 1.25 / 0.5");
        assertEq(_debt(BORROWER), 40e18, "half the debt burnt: 20 repaid, 20 written off");
        assertEq(supplyBefore - _market().totalSupplyAssets, 20e18, "written off in proportion");
        (repaid, seized) = _liquidate(MAX);
        assertEq(repaid, 20e18, "the rest");
        assertEq(seized, 50e18, "the rest of the collateral");
        assertEq(supplyBefore - _market().totalSupplyAssets, 40e18, "as much bad debt as one close-out");
    }

    /* MAX REPAY */

    function testFuzz_Liquidate_MaxRepayClamps(uint256 maxRepay) public {
        oracle.setPrice(0.95e36);
        maxRepay = bound(maxRepay, 1, 48410923629463983339);
        vm.prank(LIQUIDATOR);
        (uint256 repaid, uint256 seized) = core.liquidate(marketParams, BORROWER, maxRepay, "");
        assertLe(repaid, maxRepay, "never above maxRepay");
        assertGe(repaid + 1, maxRepay, "at most one unit below");
        assertEq(seized, repaid.wMulDown(1105935050391937289).mulDivDown(1e36, 0.95e36), "seized");
    }

    function test_Liquidate_MaxRepayClampsExact() public {
        oracle.setPrice(0.95e36);
        (uint256 repaid, uint256 seized) = _liquidate(20e18);
        assertEq(repaid, 20e18, "repaid");
        assertEq(seized, 23282843166146048189, "seized");
    }

    function test_RevertWhen_LiquidateMaxRepayZero() public {
        oracle.setPrice(0.95e36);
        vm.prank(LIQUIDATOR);
        vm.expectRevert(ErrorsLib.RepayTooSmall.selector);
        core.liquidate(marketParams, BORROWER, 0, "");
    }

    /* FLASH LIQUIDATION */

    function test_Liquidate_FlashWithCallback() public {
        oracle.setPrice(0.95e36);
        FlashLiquidator flash = new FlashLiquidator(core, loanToken, collateralToken);
        assertEq(loanToken.balanceOf(address(flash)), 0, "no capital");
        (uint256 repaid, uint256 seized) = flash.liquidate(marketParams, BORROWER, MAX);
        assertEq(repaid, 48410923629463983339, "repaid");
        assertEq(seized, 56357197119654187423, "seized");
        assertEq(flash.callbackRepaid(), repaid, "callback told the repay");
        assertEq(flash.collateralSeenInCallback(), seized, "collateral arrived before the callback");
        assertEq(loanToken.balanceOf(address(flash)), seized.mulDivDown(0.95e36, 1e36) - repaid, "profit");
        assertEq(collateralToken.balanceOf(address(flash)), 0, "sold");
        assertEq(loanToken.balanceOf(core.escrowOf(id)), 1000e18 - 80e18 + repaid, "core repaid");
    }

    function test_RevertWhen_LiquidateCallerCannotPay() public {
        oracle.setPrice(0.95e36);
        vm.prank(makeAddr("Broke"));
        vm.expectRevert(ErrorsLib.TransferFromReverted.selector);
        core.liquidate(marketParams, BORROWER, MAX, "");
    }

    /* REVERTS */

    function test_RevertWhen_LiquidateHealthy() public {
        vm.prank(LIQUIDATOR);
        vm.expectRevert(ErrorsLib.HealthyPosition.selector);
        core.liquidate(marketParams, BORROWER, MAX, "");
    }

    function test_RevertWhen_LiquidateNoDebt() public {
        vm.prank(LIQUIDATOR);
        vm.expectRevert(ErrorsLib.NoDebt.selector);
        core.liquidate(marketParams, SUPPLIER, MAX, "");
    }

    function test_RevertWhen_LiquidateMarketNotCreated() public {
        MarketParams memory mp = marketParams;
        mp.lltv = 0.5e18;
        vm.prank(LIQUIDATOR);
        vm.expectRevert(ErrorsLib.MarketNotCreated.selector);
        core.liquidate(mp, BORROWER, MAX, "");
    }

    function test_RevertWhen_LiquidateOracleReverts() public {
        oracle.setPrice(0.5e36);
        oracle.setBroken(true);
        vm.prank(LIQUIDATOR);
        vm.expectRevert(OracleMock.OracleBroken.selector);
        core.liquidate(marketParams, BORROWER, MAX, "");
    }

    function test_RevertWhen_LiquidateZeroPrice() public {
        oracle.setPrice(0);
        vm.prank(LIQUIDATOR);
        vm.expectRevert(ErrorsLib.ZeroPrice.selector);
        core.liquidate(marketParams, BORROWER, MAX, "");
    }
}
