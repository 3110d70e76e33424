// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Liquidation, LiquidationStatus, Market, MarketParams} from "../../../src/interfaces/ICantilever.sol";
import {ErrorsLib} from "../../../src/libraries/ErrorsLib.sol";
import {MathLib} from "../../../src/libraries/MathLib.sol";
import {CoreBase, ShortAnswerOracle} from "./CoreBase.t.sol";

contract PreviewLiquidationTest is CoreBase {
    using MathLib for uint256;

    uint256 internal constant MAX = type(uint256).max;

    function setUp() public override {
        super.setUp();
        _supply(SUPPLIER, 1000e18);
        _supplyCollateral(BORROWER, 100e18);
        _borrow(BORROWER, 80e18);
    }

    function _status(Liquidation memory l) internal pure returns (uint256) {
        return uint256(l.status);
    }

    function test_PreviewLiquidation_Statuses() public {
        MarketParams memory missing = marketParams;
        missing.lltv = 0.5e18;
        assertEq(
            _status(core.previewLiquidation(missing, BORROWER, MAX)),
            uint256(LiquidationStatus.MarketNotCreated),
            "missing"
        );
        assertEq(
            _status(core.previewLiquidation(marketParams, SUPPLIER, MAX)), uint256(LiquidationStatus.NoDebt), "no debt"
        );
        assertEq(
            _status(core.previewLiquidation(marketParams, BORROWER, MAX)), uint256(LiquidationStatus.Healthy), "healthy"
        );
        oracle.setPrice(0.95e36);
        assertEq(
            _status(core.previewLiquidation(marketParams, BORROWER, 0)),
            uint256(LiquidationStatus.RepayTooSmall),
            "small"
        );
        Liquidation memory l = core.previewLiquidation(marketParams, BORROWER, MAX);
        assertEq(_status(l), uint256(LiquidationStatus.Liquidated), "liquidated");
        assertEq(l.repaidAssets, 48410923629463983339, "repaid");
        assertEq(l.seizedAssets, 56357197119654187423, "seized");
        assertEq(l.incentiveFactor, 1105935050391937289, "lif");
        oracle.setBroken(true);
        assertEq(
            _status(core.previewLiquidation(marketParams, BORROWER, MAX)),
            uint256(LiquidationStatus.OracleFailed),
            "broken"
        );
        oracle.setBroken(false);
        oracle.setPrice(0);
        assertEq(
            _status(core.previewLiquidation(marketParams, BORROWER, MAX)),
            uint256(LiquidationStatus.OracleFailed),
            "zero"
        );
    }

    /// @dev An oracle answering fewer than 32 bytes, or with no code at all, counts as failed in the preview
    /// (and the batch), while liquidate reverts.
    function test_PreviewLiquidation_OracleGarbage() public {
        oracle.setPrice(0.5e36);
        vm.etch(address(oracle), address(new ShortAnswerOracle()).code);
        assertEq(
            _status(core.previewLiquidation(marketParams, BORROWER, MAX)),
            uint256(LiquidationStatus.OracleFailed),
            "short"
        );
        vm.expectRevert();
        core.liquidate(marketParams, BORROWER, MAX, "");
        vm.etch(address(oracle), "");
        assertEq(
            _status(core.previewLiquidation(marketParams, BORROWER, MAX)),
            uint256(LiquidationStatus.OracleFailed),
            "no code"
        );
        vm.expectRevert();
        core.liquidate(marketParams, BORROWER, MAX, "");
    }

    /// @dev The preview is exactly what liquidate does, for any position, price, elapsed time and maxRepay.
    function testFuzz_PreviewLiquidation_MatchesLiquidate(
        uint256 collateral,
        uint256 ltvAtOpen,
        uint256 priceFactor,
        uint256 elapsed,
        uint256 maxRepay,
        uint256 minDebt
    ) public {
        collateral = bound(collateral, 1, 1e28);
        ltvAtOpen = bound(ltvAtOpen, 0.01e18, LLTV);
        priceFactor = bound(priceFactor, 0.01e18, 1.2e18);
        elapsed = bound(elapsed, 0, 2 * 365 days);
        minDebt = bound(minDebt, 0, 10e18);
        if (minDebt > 0 && minDebt % 3 == 0) minDebt = 0; // a third of the runs without a floor
        address user = makeAddr("User");
        _approveAll(user);
        uint256 borrowed = collateral.wMulDown(ltvAtOpen);
        if (borrowed == 0) return;
        _supply(SUPPLIER, borrowed);
        _supplyCollateral(user, collateral);
        _borrow(user, borrowed);
        if (minDebt != 0) {
            vm.prank(OWNER);
            core.setMinDebt(marketParams, minDebt);
        }
        _skip(elapsed);
        oracle.setPrice(uint256(1e36).wMulDown(priceFactor));
        uint256 debt = _debt(user);
        maxRepay = maxRepay % 4 == 0 ? MAX : bound(maxRepay, 0, debt + 1);

        Liquidation memory l = core.previewLiquidation(marketParams, user, maxRepay);
        Market memory before = core.expectedMarket(marketParams);
        uint256 sharesBefore = _position(user).borrowShares;
        uint256 collateralBefore = _position(user).collateral;
        loanToken.mint(LIQUIDATOR, debt);
        uint256 loanBefore = loanToken.balanceOf(LIQUIDATOR);

        vm.prank(LIQUIDATOR);
        if (l.status == LiquidationStatus.Healthy) vm.expectRevert(ErrorsLib.HealthyPosition.selector);
        else if (l.status == LiquidationStatus.RepayTooSmall) vm.expectRevert(ErrorsLib.RepayTooSmall.selector);
        (uint256 repaid, uint256 seized) = core.liquidate(marketParams, user, maxRepay, "");
        if (l.status != LiquidationStatus.Liquidated) return;

        assertEq(repaid, l.repaidAssets, "repaidAssets");
        assertEq(seized, l.seizedAssets, "seizedAssets");
        assertEq(sharesBefore - _position(user).borrowShares, l.repaidShares + l.badDebtShares, "shares burnt");
        assertEq(collateralBefore - _position(user).collateral, l.seizedAssets, "collateral seized");
        assertEq(loanBefore - loanToken.balanceOf(LIQUIDATOR), l.repaidAssets, "paid");
        assertEq(collateralToken.balanceOf(LIQUIDATOR), l.seizedAssets, "received");
        Market memory m = _market();
        assertEq(before.totalSupplyAssets - m.totalSupplyAssets, l.badDebtAssets, "bad debt socialised");
        assertEq(before.totalBorrowShares - m.totalBorrowShares, l.repaidShares + l.badDebtShares, "total shares");
        assertLe(l.repaidAssets, maxRepay, "repaid <= maxRepay");
        // P-14 (issue 14): bad debt only when the collateral is worth less than the debt (band C, slices included).
        if (l.badDebtShares != 0) {
            assertLt(collateralBefore.mulDivDown(oracle.price(), 1e36), debt, "bad debt only when insolvent");
        }
        uint256 left = _debt(user);
        assertTrue(left == 0 || left >= minDebt, "no dust below the floor");
    }
}
