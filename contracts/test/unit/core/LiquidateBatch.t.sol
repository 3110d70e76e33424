// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {
    Liquidation,
    LiquidationRequest,
    LiquidationStatus,
    MarketParams
} from "../../../src/interfaces/ICantilever.sol";
import {ErrorsLib} from "../../../src/libraries/ErrorsLib.sol";
import {EventsLib} from "../../../src/libraries/EventsLib.sol";
import {OracleMock} from "../../utils/mocks/OracleMock.sol";
import {CoreBase, FlashLiquidator, ShortAnswerOracle} from "./CoreBase.t.sol";

contract LiquidateBatchTest is CoreBase {
    uint256 internal constant MAX = type(uint256).max;

    OracleMock internal oracle2;
    MarketParams internal market2;
    address internal UNDERWATER;
    address internal HEALTHY;
    address internal SMALL;

    function setUp() public override {
        super.setUp();
        UNDERWATER = makeAddr("Underwater");
        HEALTHY = makeAddr("Healthy");
        SMALL = makeAddr("Small");
        _approveAll(UNDERWATER);
        _approveAll(HEALTHY);
        _approveAll(SMALL);
        _supply(SUPPLIER, 1000e18);
        _openPosition(UNDERWATER, 100e18, 80e18);
        _openPosition(SMALL, 100e18, 80e18);
        _openPosition(HEALTHY, 100e18, 10e18);

        // A second market whose oracle we break.
        oracle2 = new OracleMock();
        oracle2.setPrice(1e36);
        market2 = marketParams;
        market2.oracle = address(oracle2);
        core.createMarket(market2);
        loanToken.mint(SUPPLIER, 100e18);
        collateralToken.mint(BORROWER, 100e18);
        vm.prank(SUPPLIER);
        core.supply(market2, 100e18, 0, SUPPLIER, "");
        vm.startPrank(BORROWER);
        core.supplyCollateral(market2, 100e18, BORROWER, "");
        core.borrow(market2, 80e18, 0, BORROWER, BORROWER);
        vm.stopPrank();

        oracle.setPrice(0.95e36);
        oracle2.setPrice(0.5e36);
        oracle2.setBroken(true);
        loanToken.mint(LIQUIDATOR, 1000e18);
    }

    function _req(MarketParams memory mp, address borrower, uint256 maxRepay)
        internal
        pure
        returns (LiquidationRequest memory)
    {
        return LiquidationRequest({marketParams: mp, borrower: borrower, maxRepayAssets: maxRepay, data: ""});
    }

    function test_LiquidateBatch_SkipsWithStatus() public {
        MarketParams memory missing = marketParams;
        missing.lltv = 0.5e18;
        LiquidationRequest[] memory reqs = new LiquidationRequest[](6);
        reqs[0] = _req(marketParams, HEALTHY, MAX);
        reqs[1] = _req(missing, UNDERWATER, MAX);
        reqs[2] = _req(marketParams, SUPPLIER, MAX);
        reqs[3] = _req(market2, BORROWER, MAX);
        reqs[4] = _req(marketParams, SMALL, 0);
        reqs[5] = _req(marketParams, UNDERWATER, MAX);
        Liquidation memory expected = core.previewLiquidation(marketParams, UNDERWATER, MAX);

        vm.expectEmit(address(core));
        emit EventsLib.Liquidate(
            id, LIQUIDATOR, UNDERWATER, expected.repaidAssets, expected.repaidShares, expected.seizedAssets
        );
        vm.prank(LIQUIDATOR);
        Liquidation[] memory results = core.liquidateBatch(reqs);

        assertEq(results.length, 6, "one result per request");
        assertEq(uint256(results[0].status), uint256(LiquidationStatus.Healthy), "healthy");
        assertEq(uint256(results[1].status), uint256(LiquidationStatus.MarketNotCreated), "missing market");
        assertEq(uint256(results[2].status), uint256(LiquidationStatus.NoDebt), "no debt");
        assertEq(uint256(results[3].status), uint256(LiquidationStatus.OracleFailed), "oracle reverts");
        assertEq(uint256(results[4].status), uint256(LiquidationStatus.RepayTooSmall), "too small");
        _assertEqLiquidation(results[5], expected, "liquidated as previewed");
        for (uint256 i; i < 5; ++i) {
            assertEq(results[i].repaidAssets + results[i].seizedAssets, 0, "skipped items move nothing");
        }
        assertEq(_position(SMALL).borrowShares, 80e24, "small untouched");
        assertEq(collateralToken.balanceOf(LIQUIDATOR), expected.seizedAssets, "only the last seized");
        assertEq(loanToken.balanceOf(LIQUIDATOR), 1000e18 - expected.repaidAssets, "only the last paid");
    }

    function test_LiquidateBatch_ZeroPriceAndGarbageOracle() public {
        oracle2.setBroken(false);
        oracle2.setPrice(0);
        LiquidationRequest[] memory reqs = new LiquidationRequest[](1);
        reqs[0] = _req(market2, BORROWER, MAX);
        Liquidation[] memory results = core.liquidateBatch(reqs);
        assertEq(uint256(results[0].status), uint256(LiquidationStatus.OracleFailed), "zero price");
        vm.etch(address(oracle2), address(new ShortAnswerOracle()).code);
        results = core.liquidateBatch(reqs);
        assertEq(uint256(results[0].status), uint256(LiquidationStatus.OracleFailed), "short answer");
        vm.etch(address(oracle2), "");
        results = core.liquidateBatch(reqs);
        assertEq(uint256(results[0].status), uint256(LiquidationStatus.OracleFailed), "no code");
    }

    function test_LiquidateBatch_SameBorrowerTwice() public {
        LiquidationRequest[] memory reqs = new LiquidationRequest[](2);
        reqs[0] = _req(marketParams, UNDERWATER, MAX);
        reqs[1] = _req(marketParams, UNDERWATER, MAX);
        vm.prank(LIQUIDATOR);
        Liquidation[] memory results = core.liquidateBatch(reqs);
        assertEq(uint256(results[0].status), uint256(LiquidationStatus.Liquidated), "first");
        assertEq(uint256(results[1].status), uint256(LiquidationStatus.Healthy), "back at target health");
    }

    function test_LiquidateBatch_CloseOutThenNoDebt() public {
        oracle.setPrice(0.5e36);
        LiquidationRequest[] memory reqs = new LiquidationRequest[](2);
        reqs[0] = _req(marketParams, UNDERWATER, MAX);
        reqs[1] = _req(marketParams, UNDERWATER, MAX);
        vm.prank(LIQUIDATOR);
        Liquidation[] memory results = core.liquidateBatch(reqs);
        assertEq(uint256(results[0].status), uint256(LiquidationStatus.Liquidated), "closed out");
        assertGt(results[0].badDebtAssets, 0, "bad debt");
        assertEq(uint256(results[1].status), uint256(LiquidationStatus.NoDebt), "then nothing left");
    }

    function test_LiquidateBatch_Empty() public {
        Liquidation[] memory results = core.liquidateBatch(new LiquidationRequest[](0));
        assertEq(results.length, 0, "empty");
    }

    /// @dev Batches pass `data` per item: a zero-capital liquidator flash-liquidates several positions.
    function test_LiquidateBatch_FlashCallback() public {
        FlashLiquidator flash = new FlashLiquidator(core, loanToken, collateralToken);
        LiquidationRequest[] memory reqs = new LiquidationRequest[](2);
        reqs[0] = _req(marketParams, UNDERWATER, MAX);
        reqs[1] = _req(marketParams, SMALL, MAX);
        reqs[0].data = abi.encode(address(oracle));
        reqs[1].data = abi.encode(address(oracle));
        Liquidation memory a = core.previewLiquidation(marketParams, UNDERWATER, MAX);
        vm.prank(address(flash));
        Liquidation[] memory results = core.liquidateBatch(reqs);
        _assertEqLiquidation(results[0], a, "first");
        _assertEqLiquidation(results[1], a, "second: same position, same outcome");
        assertGt(loanToken.balanceOf(address(flash)), 0, "profit");
    }

    /// @dev Skipping covers statuses, not payment: a liquidator that cannot pay reverts the whole batch.
    function test_RevertWhen_LiquidateBatchCallerCannotPay() public {
        LiquidationRequest[] memory reqs = new LiquidationRequest[](1);
        reqs[0] = _req(marketParams, UNDERWATER, MAX);
        vm.prank(makeAddr("Broke"));
        vm.expectRevert(ErrorsLib.TransferFromReverted.selector);
        core.liquidateBatch(reqs);
    }

    function testFuzz_LiquidateBatch_MatchesPreview(uint256 price, uint256 maxRepay, bool broken) public {
        price = bound(price, 0.3e36, 1.1e36);
        maxRepay = bound(maxRepay, 0, 100e18);
        oracle.setPrice(price);
        oracle2.setBroken(broken);
        LiquidationRequest[] memory reqs = new LiquidationRequest[](4);
        reqs[0] = _req(marketParams, UNDERWATER, maxRepay);
        reqs[1] = _req(market2, BORROWER, MAX);
        reqs[2] = _req(marketParams, HEALTHY, maxRepay);
        reqs[3] = _req(marketParams, SMALL, MAX);
        Liquidation memory p0 = core.previewLiquidation(marketParams, UNDERWATER, maxRepay);
        Liquidation memory p1 = core.previewLiquidation(market2, BORROWER, MAX);
        Liquidation memory p2 = core.previewLiquidation(marketParams, HEALTHY, maxRepay);
        Liquidation memory p3 = core.previewLiquidation(marketParams, SMALL, MAX);
        vm.prank(LIQUIDATOR);
        Liquidation[] memory results = core.liquidateBatch(reqs);
        _assertEqLiquidation(results[0], p0, "0");
        _assertEqLiquidation(results[1], p1, "1");
        _assertEqLiquidation(results[2], p2, "2");
        _assertEqLiquidation(results[3], p3, "3");
    }
}
