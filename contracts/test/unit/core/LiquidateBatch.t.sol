// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {
    Liquidation,
    LiquidationRequest,
    LiquidationStatus,
    Market,
    MarketParams
} from "../../../src/interfaces/ICantilever.sol";
import {ErrorsLib} from "../../../src/libraries/ErrorsLib.sol";
import {EventsLib} from "../../../src/libraries/EventsLib.sol";
import {MarketParamsLib} from "../../../src/libraries/MarketParamsLib.sol";
import {OracleMock} from "../../utils/mocks/OracleMock.sol";
import {CoreBase, FlashLiquidator, ShortAnswerOracle} from "./CoreBase.t.sol";

/// @notice A rate model an operator can break: mode 1 reverts, mode 2 returns a rate whose interest overflows.
contract FlakyRateModel {
    uint256 public mode;

    function setMode(uint256 newMode) external {
        mode = newMode;
    }

    function borrowRate(uint256, uint256) external view returns (uint256) {
        if (mode == 1) revert("rate model down");
        if (mode == 2) return type(uint256).max / 1e18;
        return 1e9;
    }
}

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
        // Items 2 and 3 share item 0's market, whose share price a write-off may move (since issue 14 a bounded
        // slice of an insolvent position writes off pro rata, items 0 and 2 included): preview each after the
        // items before it in that market.
        uint256 before = vm.snapshotState();
        LiquidationRequest[] memory one = new LiquidationRequest[](1);
        one[0] = reqs[0];
        vm.prank(LIQUIDATOR);
        core.liquidateBatch(one);
        Liquidation memory p2 = core.previewLiquidation(marketParams, HEALTHY, maxRepay);
        one[0] = reqs[2];
        vm.prank(LIQUIDATOR);
        core.liquidateBatch(one);
        Liquidation memory p3 = core.previewLiquidation(marketParams, SMALL, MAX);
        vm.revertToState(before);
        vm.prank(LIQUIDATOR);
        Liquidation[] memory results = core.liquidateBatch(reqs);
        _assertEqLiquidation(results[0], p0, "0");
        _assertEqLiquidation(results[1], p1, "1");
        _assertEqLiquidation(results[2], p2, "2");
        _assertEqLiquidation(results[3], p3, "3");
    }

    /// @dev A third market, on a rate model that can be broken, with BORROWER's position in it; interest pending.
    function _flakyMarket() internal returns (FlakyRateModel flaky, MarketParams memory market3) {
        flaky = new FlakyRateModel();
        vm.prank(OWNER);
        core.enableRateModel(address(flaky));
        market3 = marketParams;
        market3.rateModel = address(flaky);
        core.createMarket(market3);
        loanToken.mint(SUPPLIER, 100e18);
        collateralToken.mint(BORROWER, 100e18);
        vm.prank(SUPPLIER);
        core.supply(market3, 100e18, 0, SUPPLIER, "");
        vm.startPrank(BORROWER);
        core.supplyCollateral(market3, 100e18, BORROWER, "");
        core.borrow(market3, 50e18, 0, BORROWER, BORROWER);
        vm.stopPrank();
        _skip(1 hours);
    }

    /// @notice A rate model that reverts, or returns a rate whose interest overflows (a Panic), fails only the
    /// items of its market: the batch goes on and liquidates the rest (before, the whole batch reverted).
    function test_LiquidateBatch_FailingRateModelSkipsOnlyItsMarket() public {
        (FlakyRateModel flaky, MarketParams memory market3) = _flakyMarket();
        LiquidationRequest[] memory reqs = new LiquidationRequest[](2);
        reqs[0] = _req(market3, BORROWER, MAX);
        reqs[1] = _req(marketParams, UNDERWATER, MAX);
        for (uint256 mode = 1; mode <= 2; ++mode) {
            flaky.setMode(mode);
            uint256 lastUpdate = core.market(MarketParamsLib.id(market3)).lastUpdate;
            Liquidation memory expected = core.previewLiquidation(marketParams, UNDERWATER, MAX);
            vm.prank(LIQUIDATOR);
            Liquidation[] memory results = core.liquidateBatch(reqs);
            assertEq(uint256(results[0].status), uint256(LiquidationStatus.RateModelFailed), "rate model failed");
            assertEq(results[0].repaidAssets + results[0].seizedAssets, 0, "the failed item moves nothing");
            assertEq(core.market(MarketParamsLib.id(market3)).lastUpdate, lastUpdate, "nothing accrued in its market");
            _assertEqLiquidation(results[1], expected, "the other market's item as previewed");
            // The single-call path still fails closed with the rate model's own error.
            vm.prank(LIQUIDATOR);
            vm.expectRevert();
            core.liquidate(market3, BORROWER, MAX, "");
        }
        // Once the rate model answers again, the accrual written through the batch path equals the view's.
        flaky.setMode(0);
        Market memory expectedMarket = core.expectedMarket(market3);
        LiquidationRequest[] memory healthy = new LiquidationRequest[](1);
        healthy[0] = _req(market3, BORROWER, MAX);
        Liquidation[] memory results = core.liquidateBatch(healthy);
        assertEq(uint256(results[0].status), uint256(LiquidationStatus.Healthy), "healthy at its price");
        Market memory written = core.market(MarketParamsLib.id(market3));
        assertEq(written.totalBorrowAssets, expectedMarket.totalBorrowAssets, "accrued borrow");
        assertEq(written.totalSupplyAssets, expectedMarket.totalSupplyAssets, "accrued supply");
        assertEq(written.lastUpdate, expectedMarket.lastUpdate, "accrued to now");
    }

    /// @notice An oracle answer so large that collateral times price overflows is a healthy position everywhere
    /// (before, the plan's Panic reverted a whole batch); the other items still go through.
    function test_LiquidateBatch_OverflowingPriceIsHealthy() public {
        vm.mockCall(
            address(oracle),
            abi.encodeWithSelector(OracleMock.liquidationPrice.selector),
            abi.encode(type(uint256).max, false)
        );
        LiquidationRequest[] memory reqs = new LiquidationRequest[](1);
        reqs[0] = _req(marketParams, UNDERWATER, MAX);
        Liquidation[] memory results = core.liquidateBatch(reqs);
        assertEq(uint256(results[0].status), uint256(LiquidationStatus.Healthy), "batch: healthy");
        assertEq(
            uint256(core.previewLiquidation(marketParams, UNDERWATER, MAX).status),
            uint256(LiquidationStatus.Healthy),
            "preview"
        );
        vm.prank(LIQUIDATOR);
        vm.expectRevert(ErrorsLib.HealthyPosition.selector);
        core.liquidate(marketParams, UNDERWATER, MAX, "");
    }
}
