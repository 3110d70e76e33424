// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {
    Liquidation,
    LiquidationRequest,
    LiquidationStatus,
    Market,
    MarketParams,
    Position
} from "../../src/interfaces/ICantilever.sol";
import {ConstantsLib} from "../../src/libraries/ConstantsLib.sol";
import {MarketParamsLib} from "../../src/libraries/MarketParamsLib.sol";
import {MathLib} from "../../src/libraries/MathLib.sol";
import {SharesMathLib} from "../../src/libraries/SharesMathLib.sol";
import {BaseTest} from "../utils/BaseTest.sol";

/// @notice Issue 14: a liquidation incentive that cannot be gamed (P-40 .. P-44 in contracts/test/PROPERTIES.md).
/// Each property is observed through the core (`liquidate`, `liquidateBatch`, `previewLiquidation`) and its
/// state, never through the library alone.
contract LiquidationBandsTest is BaseTest {
    using MarketParamsLib for MarketParams;
    using MathLib for uint256;
    using SharesMathLib for uint256;

    /// @dev Price scale of 1 collateral unit = 1 loan unit.
    uint256 internal constant ONE = 1e36;

    function _useMarket(uint256 lltvSeed) internal {
        uint256 lltv = [uint256(0.625e18), 0.77e18, 0.8e18, 0.86e18, 0.915e18, 0.945e18][lltvSeed % 6];
        if (!core.isLltvEnabled(lltv)) {
            vm.prank(OWNER);
            core.enableLltv(lltv);
        }
        marketParams.lltv = lltv;
        id = marketParams.id();
        if (core.market(id).lastUpdate == 0) core.createMarket(marketParams);
    }

    /// @dev Opens `collateral` at price 1 borrowing up to the LLTV, then moves the price so the LTV is `ltv`.
    function _openAt(uint256 collateral, uint256 ltv) internal returns (uint256 debt) {
        uint256 borrowed = collateral.wMulDown(marketParams.lltv);
        _openPosition(BORROWER, collateral, borrowed);
        debt = _debt(BORROWER);
        // value = debt / ltv  =>  price = debt * 1e36 / (ltv * collateral).
        oracle.setPrice(debt.mulDivDown(ONE, collateral).wDivDown(ltv));
    }

    function _value(uint256 collateral) internal view returns (uint256) {
        return collateral.mulDivDown(oracle.price(), ConstantsLib.ORACLE_PRICE_SCALE);
    }

    struct Outcome {
        uint256 repaid;
        uint256 seized;
        uint256 collateralLeft;
        uint256 debtLeft;
    }

    /// @dev k slices of the liquidation, through one `liquidateBatch` of the same borrower k times or through
    /// k separate `liquidate` calls (a slice the rules refuse is skipped).
    function _slices(uint256 k, uint256 sizeSeed, uint256 debt, bool batch) internal returns (Outcome memory o) {
        uint256[] memory sizes = new uint256[](k);
        for (uint256 i; i < k; ++i) {
            // Any size from 1 wei to twice an even share of the debt, in any order.
            sizes[i] = bound(uint256(keccak256(abi.encode(sizeSeed, i))), 1, 2 * debt / k + 1);
        }
        loanToken.mint(LIQUIDATOR, 10 * debt + 1e18);
        uint256 loanBefore = loanToken.balanceOf(LIQUIDATOR);
        vm.startPrank(LIQUIDATOR);
        if (batch) {
            LiquidationRequest[] memory r = new LiquidationRequest[](k);
            for (uint256 i; i < k; ++i) {
                r[i] = LiquidationRequest(marketParams, BORROWER, sizes[i], "");
            }
            core.liquidateBatch(r);
        } else {
            for (uint256 i; i < k; ++i) {
                Liquidation memory l = core.previewLiquidation(marketParams, BORROWER, sizes[i]);
                if (l.status == LiquidationStatus.Liquidated) core.liquidate(marketParams, BORROWER, sizes[i], "");
            }
        }
        vm.stopPrank();
        o.repaid = loanBefore - loanToken.balanceOf(LIQUIDATOR);
        o.seized = collateralToken.balanceOf(LIQUIDATOR);
        o.collateralLeft = core.position(id, BORROWER).collateral;
        o.debtLeft = _debt(BORROWER);
    }

    /// @dev One liquidation repaying at most `maxRepay`.
    function _one(uint256 maxRepay) internal returns (Outcome memory o) {
        uint256 loanBefore = loanToken.balanceOf(LIQUIDATOR);
        uint256 collBefore = collateralToken.balanceOf(LIQUIDATOR);
        Liquidation memory l = core.previewLiquidation(marketParams, BORROWER, maxRepay);
        if (l.status != LiquidationStatus.Liquidated) return o;
        vm.prank(LIQUIDATOR);
        core.liquidate(marketParams, BORROWER, maxRepay, "");
        o.repaid = loanBefore - loanToken.balanceOf(LIQUIDATOR);
        o.seized = collateralToken.balanceOf(LIQUIDATOR) - collBefore;
        o.collateralLeft = core.position(id, BORROWER).collateral;
        o.debtLeft = _debt(BORROWER);
    }

    /// @notice P-40: k slices (2..20, any sizes, any order, one batch or separate calls) never earn the
    /// liquidator more collateral per unit repaid than one liquidation of the same total, nor more in total
    /// when that one liquidation repays the same total; and the borrower then keeps at least as much.
    function testFuzz_SplitNeverPaysMore(
        uint256 lltvSeed,
        uint256 collateral,
        uint256 ltv,
        uint256 k,
        uint256 sizeSeed,
        bool batch
    ) public {
        _useMarket(lltvSeed);
        collateral = bound(collateral, 1e18, 1e27);
        ltv = bound(ltv, marketParams.lltv + 1, 1.4e18);
        k = bound(k, 2, 20);
        uint256 debt = _openAt(collateral, ltv);
        vm.assume(!_isHealthyHere());

        uint256 snapshot = vm.snapshotState();
        Outcome memory s = _slices(k, sizeSeed, debt, batch);
        vm.assume(s.repaid > 0);
        vm.revertToState(snapshot);
        loanToken.mint(LIQUIDATOR, 10 * debt + 1e18);
        Outcome memory o = _one(s.repaid);
        assertGt(o.repaid, 0, "one liquidation of the slices' total is refused");
        // Per unit repaid: s.seized / s.repaid <= o.seized / o.repaid, up to the wei-level trim of P-12: a partial
        // liquidation keeps the collateral that stops its LTV (debt rounded up) from rising, which may cost the
        // single liquidation a wei of debt's worth of collateral (plus a wei) that the slices, rounded
        // differently, need not give up. Seen: 2 wei of 1.26e26 seized (band C, 2 slices).
        uint256 trim = slack(oracle.price());
        assertLe(s.seized * o.repaid, (o.seized + trim) * s.repaid, "P-40: slices earn more per unit repaid");
        if (o.repaid == s.repaid) {
            assertLe(s.seized, o.seized + trim, "P-40: slices earn more in total");
            // The borrower's equity (collateral value left minus debt left, signed) is at least what one liquidation
            // leaves. Not the debt alone: a slice can move a position from band C (write-off) to band B (none),
            // leaving more debt against more collateral. Rounding favours the market: each slice rounds the shares
            // it burns down and sees the LTV rounded down to the wei (so an incentive, and in band C the debt it
            // burns per unit repaid, a wei of WAD lower per slice before it), plus P-12's trim of the one.
            uint256 slack_ = k + s.repaid.mulDivUp(2 * k * k, 1e18) + _value(trim) + 1;
            // valueS - debtS + slack >= valueO - debtO, rearranged to stay unsigned.
            assertGe(
                _value(s.collateralLeft) + slack_ + o.debtLeft,
                _value(o.collateralLeft) + s.debtLeft,
                "P-40: borrower keeps less equity after slices"
            );
        }
    }

    /// @dev Collateral wei that P-12's rounding trim may take off a single liquidation: two wei of value's worth
    /// of collateral, plus two.
    function slack(uint256 price) public pure returns (uint256) {
        return 2 * uint256(1e36).mulDivUp(1, price) + 2;
    }

    function _isHealthyHere() internal view returns (bool) {
        Position memory p = core.position(id, BORROWER);
        return _debt(BORROWER) <= _value(p.collateral).wMulDown(marketParams.lltv);
    }

    /// @notice P-41: the incentive factor is non-decreasing in the LTV up to insolvency, at every enabled LLTV
    /// (read from `previewLiquidation` of one position at two prices).
    function testFuzz_IncentiveNonDecreasingInLtv(uint256 lltvSeed, uint256 a, uint256 b) public {
        _useMarket(lltvSeed);
        a = bound(a, marketParams.lltv + 1e12, 1e18);
        b = bound(b, a, 1e18);
        uint256 debt = _openAt(1e24, a);
        uint256 lifA = core.previewLiquidation(marketParams, BORROWER, type(uint256).max).incentiveFactor;
        oracle.setPrice(debt.mulDivDown(ONE, 1e24).wDivDown(b));
        uint256 lifB = core.previewLiquidation(marketParams, BORROWER, type(uint256).max).incentiveFactor;
        assertGt(lifA, 0, "not liquidatable at a");
        assertLe(lifA, lifB, "P-41: the incentive fell as the LTV rose");
    }

    /// @notice P-42: a position whose collateral is worth at least its debt never realises bad debt, whatever
    /// the liquidator repays.
    function testFuzz_SolventNeverRealisesBadDebt(uint256 lltvSeed, uint256 collateral, uint256 ltv, uint256 maxRepay)
        public
    {
        _useMarket(lltvSeed);
        collateral = bound(collateral, 1e12, 1e27);
        ltv = bound(ltv, marketParams.lltv + 1, 1e18);
        _openAt(collateral, ltv);
        uint256 debt = _debt(BORROWER);
        vm.assume(_value(collateral) >= debt && !_isHealthyHere());
        maxRepay = maxRepay % 3 == 0 ? type(uint256).max : bound(maxRepay, 1, debt);
        Market memory before = core.expectedMarket(marketParams);
        Liquidation memory l = core.previewLiquidation(marketParams, BORROWER, maxRepay);
        vm.assume(l.status == LiquidationStatus.Liquidated);
        loanToken.mint(LIQUIDATOR, l.repaidAssets);
        vm.prank(LIQUIDATOR);
        core.liquidate(marketParams, BORROWER, maxRepay, "");
        assertEq(l.badDebtShares, 0, "P-42: bad debt shares planned while solvent");
        assertEq(core.market(id).totalSupplyAssets, before.totalSupplyAssets, "P-42: suppliers charged while solvent");
    }

    /// @notice P-43: a deep position (bonus above the equity, solvent or not) can be liquidated in slices: a
    /// slice below a full close-out succeeds, leaves the position open and does not raise its LTV.
    function testFuzz_DeepPositionLiquidatableInSlices(
        uint256 lltvSeed,
        uint256 collateral,
        uint256 ltv,
        uint256 fraction
    ) public {
        _useMarket(lltvSeed);
        collateral = bound(collateral, 1e18, 1e27);
        ltv = bound(ltv, 0.99e18, 1.5e18);
        uint256 debt = _openAt(collateral, ltv);
        uint256 slice = debt.mulDivDown(bound(fraction, 1, 50), 100);
        uint256 valueBefore = _value(collateral);
        loanToken.mint(LIQUIDATOR, slice);
        vm.prank(LIQUIDATOR);
        (uint256 repaid, uint256 seized) = core.liquidate(marketParams, BORROWER, slice, "");
        Position memory p = core.position(id, BORROWER);
        assertGt(repaid, 0, "P-43: nothing repaid");
        assertGt(p.borrowShares, 0, "P-43: a slice closed the position");
        assertEq(p.collateral, collateral - seized, "P-43: collateral");
        // Not higher: debtAfter / valueAfter <= debt / valueBefore.
        assertLe(_debt(BORROWER) * valueBefore, debt * _value(p.collateral), "P-12: a deep slice raised the LTV");
    }
}
