// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Liquidation, LiquidationStatus, Market, MarketParams, Position} from "../../src/interfaces/ICantilever.sol";
import {ConstantsLib} from "../../src/libraries/ConstantsLib.sol";
import {ErrorsLib} from "../../src/libraries/ErrorsLib.sol";
import {MarketParamsLib} from "../../src/libraries/MarketParamsLib.sol";
import {MathLib} from "../../src/libraries/MathLib.sol";
import {SharesMathLib} from "../../src/libraries/SharesMathLib.sol";
import {UtilsLib} from "../../src/libraries/UtilsLib.sol";
import {BaseTest} from "../utils/BaseTest.sol";

/// @notice Per-action properties as focused fuzz tests (ids in contracts/test/PROPERTIES.md): they reach the
/// rounding edges of one position far faster than the invariant campaigns, and pin the storage layout the
/// handler's write check (P-22) relies on.
contract PropertiesTest is BaseTest {
    using MarketParamsLib for MarketParams;
    using MathLib for uint256;
    using SharesMathLib for uint256;
    using UtilsLib for uint256;

    uint256 internal constant MARKET_SLOT = 5;
    uint256 internal constant POSITION_SLOT = 6;

    /// @dev Switches the tests to a fresh market of the given LLTV (enabling it if needed).
    function _useMarket(uint256 lltv) internal {
        if (!core.isLltvEnabled(lltv)) {
            vm.prank(OWNER);
            core.enableLltv(lltv);
        }
        marketParams.lltv = lltv;
        id = marketParams.id();
        if (core.market(id).lastUpdate == 0) core.createMarket(marketParams);
    }

    /// @dev BaseTest's _isHealthy assumes its LLTV; this one reads the current market's.
    function _healthy() internal view returns (bool) {
        Position memory p = core.position(id, BORROWER);
        uint256 maxDebt = uint256(p.collateral).mulDivDown(oracle.price(), ConstantsLib.ORACLE_PRICE_SCALE)
            .wMulDown(marketParams.lltv);
        return _debt(BORROWER) <= maxDebt;
    }

    function _lltv(uint256 lltvSeed) internal pure returns (uint256) {
        return [uint256(0.5e18), 0.8e18, 0.945e18, 0.98e18][lltvSeed % 4];
    }

    /* P-22: the storage layout the handler's write check relies on */

    function test_StorageLayoutPinned() public {
        vm.prank(OWNER);
        core.setFee(marketParams, 0.1e18);
        vm.prank(OWNER);
        core.setMinDebt(marketParams, 7);
        _openPosition(BORROWER, 3e18, 1e18);
        vm.warp(block.timestamp + 1 days);
        core.accrueInterest(marketParams);

        Market memory m = core.market(id);
        bytes32 base = keccak256(abi.encode(id, MARKET_SLOT));
        assertEq(
            vm.load(address(core), base),
            bytes32(uint256(m.totalSupplyAssets) | uint256(m.totalSupplyShares) << 128),
            "layout: Market slot 0"
        );
        assertEq(
            vm.load(address(core), bytes32(uint256(base) + 1)),
            bytes32(uint256(m.totalBorrowAssets) | uint256(m.totalBorrowShares) << 128),
            "layout: Market slot 1"
        );
        assertEq(
            vm.load(address(core), bytes32(uint256(base) + 2)),
            bytes32(uint256(m.lastUpdate) | uint256(m.fee) << 64 | uint256(m.minDebt) << 128),
            "layout: Market slot 2"
        );
        Position memory p = core.position(id, BORROWER);
        bytes32 pos = keccak256(abi.encode(BORROWER, keccak256(abi.encode(id, POSITION_SLOT))));
        assertEq(vm.load(address(core), pos), bytes32(p.supplyShares), "layout: Position slot 0");
        assertEq(
            vm.load(address(core), bytes32(uint256(pos) + 1)),
            bytes32(uint256(p.borrowShares) | uint256(p.collateral) << 128),
            "layout: Position slot 1"
        );
        pos = keccak256(abi.encode(SUPPLIER, keccak256(abi.encode(id, POSITION_SLOT))));
        assertEq(uint256(vm.load(address(core), pos)), core.position(id, SUPPLIER).supplyShares, "layout: supplier");
    }

    /* P-18: a borrower can always repay in full */

    function testFuzz_RepayInFullWithBrokenOracle(uint256 collateral, uint256 borrowed, uint256 elapsed) public {
        collateral = bound(collateral, 2, MAX_AMOUNT);
        borrowed = bound(borrowed, 1, collateral.wMulDown(LLTV));
        _openPosition(BORROWER, collateral, borrowed);
        vm.warp(block.timestamp + bound(elapsed, 0, 10 * 365 days));
        oracle.setBroken(true);

        uint256 shares = core.position(id, BORROWER).borrowShares;
        uint256 owed = _debt(BORROWER);
        loanToken.mint(BORROWER, owed);
        vm.prank(BORROWER);
        (uint256 assets,) = core.repay(marketParams, 0, shares, BORROWER, "");
        assertEq(assets, owed, "P-18: full repay charged other than the debt");
        assertEq(core.position(id, BORROWER).borrowShares, 0, "P-18: full repay left debt");
        // And the collateral comes back without the oracle.
        vm.prank(BORROWER);
        core.withdrawCollateral(marketParams, collateral, BORROWER, BORROWER);
    }

    /* P-19, P-20: round trips never gain */

    /// @dev Moves the share prices off 1:1 first: a borrow and some interest.
    function _skewPrices(uint256 supplied, uint256 elapsed) internal returns (uint256) {
        supplied = bound(supplied, 1, MAX_AMOUNT);
        _openPosition(BORROWER, supplied * 2, supplied.wMulDown(0.7e18) + 1);
        vm.warp(block.timestamp + bound(elapsed, 0, 5 * 365 days));
        core.accrueInterest(marketParams);
        return supplied;
    }

    function testFuzz_SupplyWithdrawRoundTrip(uint256 supplied, uint256 elapsed, uint256 assets) public {
        _skewPrices(supplied, elapsed);
        assets = bound(assets, 1, MAX_AMOUNT);
        Market memory m = core.market(id);
        vm.assume(assets.toSharesDown(m.totalSupplyAssets, m.totalSupplyShares) > 0);
        loanToken.mint(LIQUIDATOR, assets);
        vm.startPrank(LIQUIDATOR);
        (, uint256 shares) = core.supply(marketParams, assets, 0, LIQUIDATOR, "");
        (uint256 back,) = core.withdraw(marketParams, 0, shares, LIQUIDATOR, LIQUIDATOR);
        vm.stopPrank();
        assertLe(back, assets, "P-19: supply/withdraw round trip gained");
    }

    function testFuzz_BorrowRepayRoundTrip(uint256 supplied, uint256 elapsed, uint256 assets) public {
        supplied = _skewPrices(supplied, elapsed);
        _supply(SUPPLIER, MAX_AMOUNT);
        assets = bound(assets, 1, MAX_AMOUNT / 2);
        _supplyCollateral(LIQUIDATOR, MAX_AMOUNT);
        vm.startPrank(LIQUIDATOR);
        (, uint256 shares) = core.borrow(marketParams, assets, 0, LIQUIDATOR, LIQUIDATOR);
        loanToken.mint(LIQUIDATOR, 2 * assets + 1);
        (uint256 paid,) = core.repay(marketParams, 0, shares, LIQUIDATOR, "");
        vm.stopPrank();
        assertGe(paid, assets, "P-20: borrow/repay round trip gained");
    }

    /* P-24: interest accrues once per timestamp, as the view says */

    function testFuzz_InterestAccruesOncePerTimestamp(uint256 supplied, uint256 elapsed, uint256 fee) public {
        vm.prank(OWNER);
        core.setFee(marketParams, bound(fee, 1, ConstantsLib.MAX_FEE));
        _skewPrices(supplied, 0);
        vm.warp(block.timestamp + bound(elapsed, 1, 5 * 365 days));
        Market memory raw = core.market(id);
        Market memory expected = core.expectedMarket(marketParams);
        core.accrueInterest(marketParams);
        Market memory once = core.market(id);
        assertEq(once.totalBorrowAssets, expected.totalBorrowAssets, "P-24: accrual != expectedMarket");
        assertEq(once.totalSupplyAssets, expected.totalSupplyAssets, "P-24: accrual != expectedMarket");
        assertEq(once.totalSupplyShares, expected.totalSupplyShares, "P-24: accrual != expectedMarket");
        assertEq(once.lastUpdate, block.timestamp, "P-23: lastUpdate != now after accrual");
        vm.record();
        core.accrueInterest(marketParams);
        (, bytes32[] memory writes) = vm.accesses(address(core));
        assertEq(writes.length, 0, "P-24: second accrual in the same block wrote storage");

        // P-32 and P-25: supply and borrow rise by the same interest; the fee is worth at most fee * interest.
        uint256 interest = once.totalBorrowAssets - raw.totalBorrowAssets;
        assertEq(once.totalSupplyAssets - raw.totalSupplyAssets, interest, "P-32: unequal accrual");
        uint256 feeShares = core.position(id, FEE_RECIPIENT).supplyShares;
        assertEq(feeShares, once.totalSupplyShares - raw.totalSupplyShares, "P-25: fee shares elsewhere");
        assertLe(
            feeShares.toAssetsDown(once.totalSupplyAssets, once.totalSupplyShares),
            interest.wMulDown(once.fee),
            "P-25: fee worth more than fee * interest"
        );
    }

    /* P-25 */

    function testFuzz_RevertWhen_FeeAboveMax(uint256 fee) public {
        fee = bound(fee, ConstantsLib.MAX_FEE + 1, type(uint256).max);
        vm.prank(OWNER);
        vm.expectRevert(ErrorsLib.MaxFeeExceeded.selector);
        core.setFee(marketParams, fee);
    }

    /* P-11 .. P-17: one liquidation, at the rounding edges */

    struct LiqCase {
        uint256 collateral;
        uint256 debt;
        uint256 price;
        uint256 maxRepay;
        uint256 bs;
        Market m;
    }

    function testFuzz_Liquidation(
        uint256 lltvSeed,
        uint256 minDebt,
        uint256 collateral,
        uint256 borrowed,
        uint256 price,
        uint256 maxRepay
    ) public {
        _useMarket(_lltv(lltvSeed));
        minDebt = minDebt % 3 == 0 ? 0 : bound(minDebt, 1, 1e20);
        if (minDebt != 0) {
            vm.prank(OWNER);
            core.setMinDebt(marketParams, minDebt);
        }
        LiqCase memory c;
        c.collateral = bound(collateral, 1, MAX_AMOUNT);
        uint256 maxBorrow = c.collateral.wMulDown(marketParams.lltv);
        vm.assume(maxBorrow >= UtilsLib.min(minDebt, maxBorrow) && maxBorrow > 0 && maxBorrow >= minDebt);
        borrowed = bound(borrowed, minDebt == 0 ? 1 : minDebt, maxBorrow);
        _openPosition(BORROWER, c.collateral, borrowed);

        c.price = bound(price, 1, PRICE_ONE);
        oracle.setPrice(c.price);
        c.m = core.expectedMarket(marketParams);
        c.bs = core.position(id, BORROWER).borrowShares;
        c.debt = c.bs.toAssetsUp(c.m.totalBorrowAssets, c.m.totalBorrowShares);
        c.maxRepay = maxRepay % 2 == 0 ? type(uint256).max : bound(maxRepay, 1, c.debt);

        Liquidation memory l = core.previewLiquidation(marketParams, BORROWER, c.maxRepay);
        loanToken.mint(LIQUIDATOR, l.repaidAssets);
        vm.startPrank(LIQUIDATOR);
        if (_healthy()) {
            // P-11: only unhealthy positions can be liquidated.
            assertEq(uint256(l.status), uint256(LiquidationStatus.Healthy), "P-11: healthy not previewed Healthy");
            vm.expectRevert(ErrorsLib.HealthyPosition.selector);
            core.liquidate(marketParams, BORROWER, c.maxRepay, "");
            return;
        }
        if (l.status == LiquidationStatus.RepayTooSmall) {
            assertTrue(c.maxRepay != type(uint256).max, "P-16: unbounded liquidation too small");
            vm.expectRevert(ErrorsLib.RepayTooSmall.selector);
            core.liquidate(marketParams, BORROWER, c.maxRepay, "");
            return;
        }
        assertEq(uint256(l.status), uint256(LiquidationStatus.Liquidated), "P-16: unexpected status");
        (uint256 repaid, uint256 seized) = core.liquidate(marketParams, BORROWER, c.maxRepay, "");
        vm.stopPrank();
        // P-16: preview equals execution.
        assertEq(repaid, l.repaidAssets, "P-16: repaid != preview");
        assertEq(seized, l.seizedAssets, "P-16: seized != preview");
        _checkOutcome(c, l);
    }

    function _checkOutcome(LiqCase memory c, Liquidation memory l) internal view {
        // P-17: what the liquidator pays and gets.
        assertLe(l.repaidAssets, c.maxRepay, "P-17: repaid above maxRepayAssets");
        assertLe(l.incentiveFactor, ConstantsLib.MAX_LIF, "P-17: incentive above MAX_LIF");
        assertLe(
            l.seizedAssets.mulDivDown(c.price, ConstantsLib.ORACLE_PRICE_SCALE),
            l.repaidAssets.wMulUp(l.incentiveFactor),
            "P-17: seized value above repaid * incentive"
        );
        Position memory p = core.position(id, BORROWER);
        assertEq(p.borrowShares, c.bs - l.repaidShares - l.badDebtShares, "P-16: shares burnt != preview");
        uint256 valueBefore = c.collateral.mulDivDown(c.price, ConstantsLib.ORACLE_PRICE_SCALE);
        // P-14: bad debt only when the collateral is worth less than the debt (band C).
        if (l.badDebtShares != 0) assertLt(valueBefore, c.debt, "P-14: bad debt realised while solvent");
        // P-13: no collateral, no debt.
        if (p.collateral == 0) assertEq(p.borrowShares, 0, "P-13: debt without collateral");
        if (p.borrowShares == 0) return;
        Market memory m = core.market(id);
        uint256 debtAfter = uint256(p.borrowShares).toAssetsUp(m.totalBorrowAssets, m.totalBorrowShares);
        uint256 valueAfter = uint256(p.collateral).mulDivDown(c.price, ConstantsLib.ORACLE_PRICE_SCALE);
        // P-12: a partial liquidation lowers the LTV in band A (debt * LIF < value), and never raises it.
        if (c.debt.wMulUp(l.incentiveFactor) < valueBefore) {
            assertLt(debtAfter * valueBefore, c.debt * valueAfter, "P-12: partial liquidation did not lower the LTV");
        } else {
            assertLe(debtAfter * valueBefore, c.debt * valueAfter, "P-12: partial liquidation raised the LTV");
        }
        // P-15: no dust, and health restored when unbounded.
        assertGe(debtAfter, m.minDebt, "P-15: partial liquidation left dust");
        if (c.maxRepay == type(uint256).max) assertTrue(_healthy(), "P-15: unbounded left it unhealthy");
    }

    /* P-26: totalBorrowShares == 0 iff totalBorrowAssets == 0 does NOT hold, either way (rounding dust) */

    /// @dev Repaying all but one share: the ceil-rounded repayment sweeps the last wei of borrow assets, leaving
    /// a share worth less than a wei with no assets behind it (found by the static invariant suite). Benign: the
    /// share's owner repays it for 1 wei, and the market lends on normally.
    function test_RepayAllButOneShareLeavesSharesWithoutAssets() public {
        _openPosition(BORROWER, 2e18, 1e18);
        uint256 shares = core.position(id, BORROWER).borrowShares;
        loanToken.mint(BORROWER, 1e18);
        vm.prank(BORROWER);
        (uint256 paid,) = core.repay(marketParams, 0, shares - 1, BORROWER, "");
        Market memory m = core.market(id);
        assertEq(paid, 1e18, "swept the whole debt");
        assertEq(m.totalBorrowAssets, 0, "no borrow assets left");
        assertEq(m.totalBorrowShares, 1, "one borrow share left");
        // The dust share still reads as a 1-wei debt and repays for exactly that.
        assertEq(_debt(BORROWER), 1, "dust share owes 1 wei");
        loanToken.mint(BORROWER, 1);
        vm.prank(BORROWER);
        (paid,) = core.repay(marketParams, 0, 1, BORROWER, "");
        assertEq(paid, 1, "dust share repaid for 1 wei");
        assertEq(core.market(id).totalBorrowShares, 0, "no shares left");
    }

    /// @dev The converse: after interest has raised the borrow share price, the last full repayment is rounded
    /// against the virtual shares and leaves borrow assets that no share owes. They keep accruing interest into
    /// totalSupplyAssets (at most a few wei, never withdrawable as they are never repaid).
    function test_LastRepayLeavesResidualBorrowAssets() public {
        _openPosition(BORROWER, 2e18, 1e18);
        // Utilisation is 100% (above the kink): three years roughly double the debt.
        vm.warp(block.timestamp + 3 * 365 days);
        uint256 shares = core.position(id, BORROWER).borrowShares;
        uint256 owed = _debt(BORROWER);
        loanToken.mint(BORROWER, owed);
        vm.prank(BORROWER);
        core.repay(marketParams, 0, shares, BORROWER, "");
        Market memory m = core.market(id);
        assertEq(m.totalBorrowShares, 0, "no borrow shares left");
        assertGt(m.totalBorrowAssets, 0, "residual borrow assets");
        assertGe(m.totalSupplyAssets, m.totalBorrowAssets, "P-04 still holds");
    }
}
