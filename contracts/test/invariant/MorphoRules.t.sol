// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Id, Liquidation, LiquidationStatus, Market, MarketParams, Position} from "../../src/interfaces/ICantilever.sol";
import {ConstantsLib} from "../../src/libraries/ConstantsLib.sol";
import {ErrorsLib} from "../../src/libraries/ErrorsLib.sol";
import {MarketParamsLib} from "../../src/libraries/MarketParamsLib.sol";
import {MathLib} from "../../src/libraries/MathLib.sol";
import {SharesMathLib} from "../../src/libraries/SharesMathLib.sol";
import {BaseTest} from "../utils/BaseTest.sol";

/// @notice Morpho Blue's formal rules (certora/specs of morpho-org/morpho-blue: StayHealthy, LiquidateBuffer,
/// ExactMath, Liveness, ExchangeRate, Reverts) ported as fuzz properties over Cantilever (P-53 to P-61 in
/// contracts/test/PROPERTIES.md). The prover checks them for all inputs; here the fuzzer samples them.
contract MorphoRulesTest is BaseTest {
    using MarketParamsLib for MarketParams;
    using MathLib for uint256;
    using SharesMathLib for uint256;

    address internal OTHER;

    function setUp() public override {
        super.setUp();
        OTHER = makeAddr("Other");
        _approveAll(OTHER);
    }

    function _value(address user) internal view returns (uint256) {
        return uint256(core.position(id, user).collateral).mulDivDown(oracle.price(), ConstantsLib.ORACLE_PRICE_SCALE);
    }

    /// @dev Two borrowers at `ltvA` and `ltvB` (WAD) of the LLTV-80% limit of `collateral` each, then the price
    /// times `priceBps` / 10_000.
    function _twoBorrowers(uint256 collateral, uint256 ltvA, uint256 ltvB, uint256 priceBps) internal {
        _supply(SUPPLIER, 4 * collateral);
        _supplyCollateral(BORROWER, collateral);
        _supplyCollateral(OTHER, collateral);
        _borrow(BORROWER, collateral.wMulDown(LLTV).wMulDown(ltvA));
        _borrow(OTHER, collateral.wMulDown(LLTV).wMulDown(ltvB));
        oracle.setPrice(PRICE_ONE * priceBps / 10_000);
    }

    /// @notice P-53 (StayHealthy, liquidate): liquidating one borrower, by any amount, leaves every other position
    /// exactly as it was, and a healthy one healthy.
    function testFuzz_LiquidationKeepsOthersHealthy(
        uint256 collateral,
        uint256 ltvA,
        uint256 ltvB,
        uint256 priceBps,
        uint256 maxRepay
    ) public {
        collateral = bound(collateral, 1e12, 1e27);
        _twoBorrowers(collateral, bound(ltvA, 0.9e18, 1e18), bound(ltvB, 0.01e18, 1e18), bound(priceBps, 3_000, 9_999));
        vm.assume(!_isHealthy(BORROWER));
        Liquidation memory l = core.previewLiquidation(marketParams, BORROWER, bound(maxRepay, 1, type(uint128).max));
        vm.assume(l.status == LiquidationStatus.Liquidated);
        bool healthy = _isHealthy(OTHER);
        Position memory before = core.position(id, OTHER);
        uint256 debt = _debt(OTHER);
        loanToken.mint(LIQUIDATOR, l.repaidAssets);
        vm.prank(LIQUIDATOR);
        core.liquidate(marketParams, BORROWER, bound(maxRepay, 1, type(uint128).max), "");
        Position memory p = core.position(id, OTHER);
        assertEq(p.borrowShares, before.borrowShares, "P-53: another's borrow shares moved");
        assertEq(p.collateral, before.collateral, "P-53: another's collateral moved");
        assertLe(_debt(OTHER), debt, "P-53: another's debt rose");
        if (healthy) assertTrue(_isHealthy(OTHER), "P-53: a liquidation made another position unhealthy");
    }

    /// @notice P-54 (LiquidateBuffer): a liquidation costs the borrower at most the incentive on what was repaid:
    /// its equity (collateral value - debt, at the price) falls by at most repaid x (LIF - 1), plus wei rounding;
    /// and a position at most at the LLTV is never liquidatable, whatever maxRepay.
    function testFuzz_LiquidationCostsAtMostTheIncentive(
        uint256 collateral,
        uint256 ltv,
        uint256 priceBps,
        uint256 maxRepay
    ) public {
        collateral = bound(collateral, 1e12, 1e27);
        _twoBorrowers(collateral, bound(ltv, 0.5e18, 1e18), 0.5e18, bound(priceBps, 2_000, 12_000));
        maxRepay = bound(maxRepay, 1, type(uint128).max);
        Liquidation memory l = core.previewLiquidation(marketParams, BORROWER, maxRepay);
        if (_isHealthy(BORROWER)) {
            assertEq(uint256(l.status), uint256(LiquidationStatus.Healthy), "P-54: healthy position liquidatable");
            vm.prank(LIQUIDATOR);
            vm.expectRevert(ErrorsLib.HealthyPosition.selector);
            core.liquidate(marketParams, BORROWER, maxRepay, "");
            return;
        }
        vm.assume(l.status == LiquidationStatus.Liquidated);
        uint256 valueBefore = _value(BORROWER);
        uint256 debtBefore = _debt(BORROWER);
        loanToken.mint(LIQUIDATOR, l.repaidAssets);
        vm.prank(LIQUIDATOR);
        core.liquidate(marketParams, BORROWER, maxRepay, "");
        uint256 valueAfter = _value(BORROWER);
        uint256 debtAfter = _debt(BORROWER);
        // equityAfter >= equityBefore - repaid * (LIF - 1) - 4, without signed arithmetic.
        assertGe(
            valueAfter + debtBefore + l.repaidAssets.wMulUp(l.incentiveFactor - ConstantsLib.WAD) + 4,
            valueBefore + debtAfter,
            "P-54: the liquidation cost the borrower more than the incentive"
        );
    }

    /// @notice P-55 (ExactMath): supply, withdraw, borrow and repay move the market's totals by exactly the
    /// (assets, shares) they return, and the caller's position by exactly those shares; the tokens moved are
    /// exactly those assets.
    function testFuzz_TotalsMoveByExactlyTheReturnedAmounts(uint256 supplied, uint256 amount, uint256 elapsed, uint8 op)
        public
    {
        supplied = bound(supplied, 1e6, 1e27);
        _supply(SUPPLIER, supplied);
        _openPosition(BORROWER, supplied, supplied / 4);
        vm.warp(block.timestamp + bound(elapsed, 0, 365 days));
        core.accrueInterest(marketParams);
        Market memory m = core.market(id);
        Position memory p;
        uint256 balance;
        op %= 4;
        if (op == 0) {
            amount = bound(amount, 1, 1e27);
            loanToken.mint(SUPPLIER, amount);
            p = core.position(id, SUPPLIER);
            balance = loanToken.balanceOf(SUPPLIER);
            vm.prank(SUPPLIER);
            (uint256 a, uint256 s) = core.supply(marketParams, amount, 0, SUPPLIER, "");
            Market memory n = core.market(id);
            assertEq(n.totalSupplyAssets, m.totalSupplyAssets + a, "P-55: supply: totalSupplyAssets");
            assertEq(n.totalSupplyShares, m.totalSupplyShares + s, "P-55: supply: totalSupplyShares");
            assertEq(core.position(id, SUPPLIER).supplyShares, p.supplyShares + s, "P-55: supply: position");
            assertEq(balance - loanToken.balanceOf(SUPPLIER), a, "P-55: supply: tokens");
        } else if (op == 1) {
            p = core.position(id, SUPPLIER);
            amount = bound(amount, 1, p.supplyShares / 2);
            balance = loanToken.balanceOf(SUPPLIER);
            vm.prank(SUPPLIER);
            (uint256 a, uint256 s) = core.withdraw(marketParams, 0, amount, SUPPLIER, SUPPLIER);
            Market memory n = core.market(id);
            assertEq(n.totalSupplyAssets, m.totalSupplyAssets - a, "P-55: withdraw: totalSupplyAssets");
            assertEq(n.totalSupplyShares, m.totalSupplyShares - s, "P-55: withdraw: totalSupplyShares");
            assertEq(core.position(id, SUPPLIER).supplyShares, p.supplyShares - s, "P-55: withdraw: position");
            assertEq(loanToken.balanceOf(SUPPLIER) - balance, a, "P-55: withdraw: tokens");
        } else if (op == 2) {
            vm.assume(_isHealthy(BORROWER));
            amount = bound(amount, 1, supplied / 100 + 1);
            _supplyCollateral(BORROWER, 2 * amount);
            p = core.position(id, BORROWER);
            balance = loanToken.balanceOf(BORROWER);
            vm.prank(BORROWER);
            (uint256 a, uint256 s) = core.borrow(marketParams, amount, 0, BORROWER, BORROWER);
            Market memory n = core.market(id);
            assertEq(n.totalBorrowAssets, m.totalBorrowAssets + a, "P-55: borrow: totalBorrowAssets");
            assertEq(n.totalBorrowShares, m.totalBorrowShares + s, "P-55: borrow: totalBorrowShares");
            assertEq(core.position(id, BORROWER).borrowShares, p.borrowShares + s, "P-55: borrow: position");
            assertEq(loanToken.balanceOf(BORROWER) - balance, a, "P-55: borrow: tokens");
        } else {
            p = core.position(id, BORROWER);
            amount = bound(amount, 1, p.borrowShares);
            loanToken.mint(BORROWER, 2 * supplied + 1e18);
            balance = loanToken.balanceOf(BORROWER);
            vm.prank(BORROWER);
            (uint256 a, uint256 s) = core.repay(marketParams, 0, amount, BORROWER, "");
            Market memory n = core.market(id);
            assertEq(n.totalBorrowAssets, m.totalBorrowAssets > a ? m.totalBorrowAssets - a : 0, "P-55: repay: assets");
            assertEq(n.totalBorrowShares, m.totalBorrowShares - s, "P-55: repay: totalBorrowShares");
            assertEq(core.position(id, BORROWER).borrowShares, p.borrowShares - s, "P-55: repay: position");
            assertEq(balance - loanToken.balanceOf(BORROWER), a, "P-55: repay: tokens");
        }
    }

    /// @notice P-56 (Liveness, withdraw): whatever was borrowed and however long ago, a supplier can always
    /// withdraw min(the assets of its shares, the idle liquidity), and receives exactly that.
    function testFuzz_SupplierCanAlwaysWithdrawIdle(uint256 supplied, uint256 borrowBps, uint256 elapsed) public {
        supplied = bound(supplied, 1e6, 1e27);
        _supply(SUPPLIER, supplied);
        _supply(OTHER, supplied / 3 + 1);
        uint256 borrowed = supplied * bound(borrowBps, 0, 10_000) / 10_000;
        if (borrowed != 0) {
            _supplyCollateral(BORROWER, 2 * borrowed);
            _borrow(BORROWER, borrowed);
        }
        vm.warp(block.timestamp + bound(elapsed, 0, 3 * 365 days));
        Market memory m = core.expectedMarket(marketParams);
        uint256 mine =
            uint256(core.position(id, SUPPLIER).supplyShares).toAssetsDown(m.totalSupplyAssets, m.totalSupplyShares);
        uint256 idle = m.totalSupplyAssets - m.totalBorrowAssets;
        uint256 assets = mine < idle ? mine : idle;
        vm.assume(assets != 0);
        uint256 balance = loanToken.balanceOf(SUPPLIER);
        vm.prank(SUPPLIER);
        (uint256 a,) = core.withdraw(marketParams, assets, 0, SUPPLIER, SUPPLIER);
        assertEq(a, assets, "P-56: withdrew other than asked");
        assertEq(loanToken.balanceOf(SUPPLIER) - balance, assets, "P-56: supplier got other than asked");
    }

    /// @notice P-57 (Liveness, repay then collateral): whatever the price did and however long ago it borrowed, a
    /// borrower that repays its shares in full can then withdraw all its collateral.
    function testFuzz_RepaidBorrowerCanWithdrawAllCollateral(
        uint256 collateral,
        uint256 ltv,
        uint256 priceBps,
        uint256 elapsed
    ) public {
        collateral = bound(collateral, 1e12, 1e27);
        _twoBorrowers(collateral, bound(ltv, 0.01e18, 1e18), 0.5e18, bound(priceBps, 1, 100_000));
        vm.warp(block.timestamp + bound(elapsed, 0, 3 * 365 days));
        Position memory p = core.position(id, BORROWER);
        loanToken.mint(BORROWER, _debt(BORROWER));
        vm.prank(BORROWER);
        core.repay(marketParams, 0, p.borrowShares, BORROWER, "");
        uint256 balance = collateralToken.balanceOf(BORROWER);
        vm.prank(BORROWER);
        core.withdrawCollateral(marketParams, p.collateral, BORROWER, BORROWER);
        assertEq(collateralToken.balanceOf(BORROWER) - balance, p.collateral, "P-57: collateral not all returned");
        p = core.position(id, BORROWER);
        assertEq(p.borrowShares + p.collateral, 0, "P-57: position not empty");
    }

    /// @notice P-58 (Liveness, exit): in a market nobody borrows from, every supplier can withdraw all its shares,
    /// gets back at least what it supplied less one wei, and the market is left with no supply shares.
    function testFuzz_EverySupplierCanExit(uint256 a, uint256 b, uint256 donation) public {
        a = bound(a, 1, 1e27);
        b = bound(b, 1, 1e27);
        _supply(SUPPLIER, a);
        loanToken.mint(core.escrowOf(id), bound(donation, 0, 1e27));
        _supply(OTHER, b);
        uint256 sharesA = core.position(id, SUPPLIER).supplyShares;
        uint256 sharesB = core.position(id, OTHER).supplyShares;
        vm.prank(SUPPLIER);
        (uint256 gotA,) = core.withdraw(marketParams, 0, sharesA, SUPPLIER, SUPPLIER);
        vm.prank(OTHER);
        (uint256 gotB,) = core.withdraw(marketParams, 0, sharesB, OTHER, OTHER);
        assertGe(gotA + 1, a, "P-58: first supplier lost more than a wei");
        assertGe(gotB + 1, b, "P-58: second supplier lost more than a wei");
        assertEq(core.market(id).totalSupplyShares, 0, "P-58: supply shares left");
    }

    /// @notice P-59 (ExchangeRate): interest accrual, over any time and with any fee, never lowers the supply share
    /// price nor the borrow share price (assets + 1 per shares + 1e6, compared by cross-multiplication), and keeps
    /// `totalSupplyAssets >= totalBorrowAssets`.
    function testFuzz_AccrualNeverLowersSharePrices(uint256 supplied, uint256 borrowBps, uint256 elapsed, uint256 fee)
        public
    {
        supplied = bound(supplied, 1e6, 1e27);
        vm.prank(OWNER);
        core.setFee(marketParams, bound(fee, 1, ConstantsLib.MAX_FEE));
        _supply(SUPPLIER, supplied);
        uint256 borrowed = supplied * bound(borrowBps, 1, 10_000) / 10_000;
        _supplyCollateral(BORROWER, 2 * borrowed);
        _borrow(BORROWER, borrowed);
        Market memory m = core.market(id);
        vm.warp(block.timestamp + bound(elapsed, 1, 5 * 365 days));
        core.accrueInterest(marketParams);
        Market memory n = core.market(id);
        assertGe(
            (uint256(n.totalSupplyAssets) + 1) * (uint256(m.totalSupplyShares) + 1e6),
            (uint256(m.totalSupplyAssets) + 1) * (uint256(n.totalSupplyShares) + 1e6),
            "P-59: accrual lowered the supply share price"
        );
        assertGe(
            (uint256(n.totalBorrowAssets) + 1) * (uint256(m.totalBorrowShares) + 1e6),
            (uint256(m.totalBorrowAssets) + 1) * (uint256(n.totalBorrowShares) + 1e6),
            "P-59: accrual lowered the borrow share price"
        );
        assertGe(n.totalSupplyAssets, n.totalBorrowAssets, "P-59: accrual put borrow above supply");
    }

    /// @notice P-60 (Reverts): each entry point reverts with exactly its error on each single bad input: both or
    /// neither of assets and shares (InconsistentInput), a zero onBehalf or receiver (ZeroAddress), zero collateral
    /// or flash assets (ZeroAssets), a market not created (MarketNotCreated), a borrow past the LLTV
    /// (InsufficientCollateral), past the liquidity (InsufficientLiquidity).
    function testFuzz_ExactRevertConditions(uint256 which, uint256 amount) public {
        amount = bound(amount, 1, 1e27);
        _supply(SUPPLIER, amount);
        _supplyCollateral(BORROWER, amount);
        which %= 10;
        MarketParams memory mp = marketParams;
        vm.startPrank(BORROWER);
        if (which == 0) {
            vm.expectRevert(ErrorsLib.InconsistentInput.selector);
            core.supply(mp, amount, amount, BORROWER, "");
        } else if (which == 1) {
            vm.expectRevert(ErrorsLib.InconsistentInput.selector);
            core.borrow(mp, 0, 0, BORROWER, BORROWER);
        } else if (which == 2) {
            vm.expectRevert(ErrorsLib.ZeroAddress.selector);
            core.supply(mp, amount, 0, address(0), "");
        } else if (which == 3) {
            vm.expectRevert(ErrorsLib.ZeroAddress.selector);
            core.withdrawCollateral(mp, 1, BORROWER, address(0));
        } else if (which == 4) {
            vm.expectRevert(ErrorsLib.ZeroAssets.selector);
            core.supplyCollateral(mp, 0, BORROWER, "");
        } else if (which == 5) {
            vm.expectRevert(ErrorsLib.ZeroAssets.selector);
            core.flashLoan(id, address(loanToken), 0, "");
        } else if (which == 6) {
            mp.lltv = 0.5e18;
            vm.expectRevert(ErrorsLib.MarketNotCreated.selector);
            core.supplyCollateral(mp, amount, BORROWER, "");
        } else if (which == 7) {
            // Just past the LLTV: (amount * 0.8) + 1, with the liquidity for it.
            vm.stopPrank();
            _supply(SUPPLIER, amount);
            vm.startPrank(BORROWER);
            vm.expectRevert(ErrorsLib.InsufficientCollateral.selector);
            core.borrow(mp, amount.wMulDown(LLTV) + 1, 0, BORROWER, BORROWER);
        } else if (which == 8) {
            // Within the LLTV but past the liquidity.
            vm.stopPrank();
            _supplyCollateral(BORROWER, 2 * amount);
            vm.startPrank(BORROWER);
            vm.expectRevert(ErrorsLib.InsufficientLiquidity.selector);
            core.borrow(mp, amount + 1, 0, BORROWER, BORROWER);
        } else {
            vm.expectRevert(ErrorsLib.InconsistentInput.selector);
            core.repay(mp, amount, 1, BORROWER, "");
        }
        vm.stopPrank();
    }

    /// @notice P-61 (Reverts, authorization): acting on another's position (withdraw, borrow, withdrawCollateral)
    /// reverts `Unauthorized` for anyone the owner has not authorized, and goes through once it has.
    function testFuzz_OnlyAuthorizedActOnBehalf(address stranger, uint256 which, uint256 amount) public {
        vm.assume(stranger != BORROWER && uint160(stranger) > 0xffff && stranger.code.length == 0);
        amount = bound(amount, 2, 1e27);
        _supply(BORROWER, amount);
        _supplyCollateral(BORROWER, amount);
        _supply(SUPPLIER, amount);
        which %= 3;
        vm.prank(stranger);
        vm.expectRevert(ErrorsLib.Unauthorized.selector);
        _actFor(which, amount / 2);
        vm.prank(BORROWER);
        core.setAuthorization(stranger, true);
        vm.prank(stranger);
        _actFor(which, amount / 2);
    }

    function _actFor(uint256 which, uint256 amount) internal {
        if (which == 0) core.withdraw(marketParams, amount, 0, BORROWER, OTHER);
        else if (which == 1) core.borrow(marketParams, amount.wMulDown(LLTV) / 2 + 1, 0, BORROWER, OTHER);
        else core.withdrawCollateral(marketParams, amount, BORROWER, OTHER);
    }
}
