// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Market, MarketParams} from "../../../src/interfaces/ICantilever.sol";
import {ErrorsLib} from "../../../src/libraries/ErrorsLib.sol";
import {EventsLib} from "../../../src/libraries/EventsLib.sol";
import {SharesMathLib} from "../../../src/libraries/SharesMathLib.sol";
import {CallbackUser, CoreBase} from "./CoreBase.t.sol";

contract RepayTest is CoreBase {
    using SharesMathLib for uint256;

    function setUp() public override {
        super.setUp();
        _openPosition(BORROWER, 100e18, 50e18);
    }

    function test_RepayAssets() public {
        vm.expectEmit(address(core));
        emit EventsLib.Repay(id, BORROWER, BORROWER, 20e18, 20e24);
        vm.prank(BORROWER);
        (uint256 assets, uint256 shares) = core.repay(marketParams, 20e18, 0, BORROWER, "");
        assertEq(assets, 20e18, "assets");
        assertEq(shares, 20e24, "shares");
        assertEq(_position(BORROWER).borrowShares, 30e24, "position");
        assertEq(_market().totalBorrowAssets, 30e18, "totalBorrowAssets");
        assertEq(_market().totalBorrowShares, 30e24, "totalBorrowShares");
        assertEq(loanToken.balanceOf(BORROWER), 30e18, "borrower paid");
    }

    function test_RepaySharesInFull_AfterInterest() public {
        _skip(365 days);
        Market memory m = core.expectedMarket(marketParams);
        uint256 shares = _position(BORROWER).borrowShares;
        uint256 owed = shares.toAssetsUp(m.totalBorrowAssets, m.totalBorrowShares);
        assertGt(owed, 50e18, "interest");
        loanToken.mint(BORROWER, owed - 50e18);

        vm.prank(BORROWER);
        (uint256 assets, uint256 repaidShares) = core.repay(marketParams, 0, shares, BORROWER, "");
        assertEq(assets, owed, "assets rounded up");
        assertEq(repaidShares, shares, "shares");
        assertEq(_position(BORROWER).borrowShares, 0, "closed");
        assertEq(_market().totalBorrowShares, 0, "no shares");
        // The virtual shares own a sliver of the borrow: the last repayer leaves at most one unit behind.
        assertLe(_market().totalBorrowAssets, 1, "at most one unit of ghost borrow");
        assertEq(loanToken.balanceOf(BORROWER), 0, "paid everything");
    }

    function test_Repay_AssetsRoundSharesDown() public {
        _skip(365 days);
        core.accrueInterest(marketParams);
        Market memory m = _market();
        uint256 expectedShares = uint256(1e18).toSharesDown(m.totalBorrowAssets, m.totalBorrowShares);
        vm.prank(BORROWER);
        (, uint256 shares) = core.repay(marketParams, 1e18, 0, BORROWER, "");
        assertEq(shares, expectedShares, "shares down");
    }

    function test_Repay_ByThirdPartyOnBehalf() public {
        address friend = makeAddr("Friend");
        _mintApprove(friend, loanToken, 10e18);
        vm.expectEmit(address(core));
        emit EventsLib.Repay(id, friend, BORROWER, 10e18, 10e24);
        vm.prank(friend);
        core.repay(marketParams, 10e18, 0, BORROWER, "");
        assertEq(_position(BORROWER).borrowShares, 40e24, "borrower's debt shrank");
    }

    /// @dev Repaying never needs the oracle.
    function test_Repay_WhenOracleReverts() public {
        oracle.setBroken(true);
        vm.prank(BORROWER);
        core.repay(marketParams, 0, 50e24, BORROWER, "");
        assertEq(_position(BORROWER).borrowShares, 0, "repaid");
    }

    function test_Repay_Callback() public {
        CallbackUser user = new CallbackUser(core, loanToken, collateralToken);
        user.repay(marketParams, 5e18, BORROWER, hex"01");
        assertEq(user.lastCallbackAssets(), 5e18, "callback assets");
        assertEq(_position(BORROWER).borrowShares, 45e24, "repaid");
    }

    function testFuzz_RepayPartial(uint256 borrowed, uint256 repaid, uint256 elapsed) public {
        borrowed = bound(borrowed, 1, 1e27);
        elapsed = bound(elapsed, 0, 5 * 365 days);
        address user = makeAddr("User");
        _approveAll(user);
        _openPosition(user, borrowed * 2, borrowed);
        _skip(elapsed);
        uint256 debt = _debt(user);
        repaid = bound(repaid, 1, debt);
        Market memory m = core.expectedMarket(marketParams);
        uint256 expectedShares = repaid.toSharesDown(m.totalBorrowAssets, m.totalBorrowShares);
        uint256 sharesBefore = _position(user).borrowShares;
        loanToken.mint(user, repaid);
        vm.prank(user);
        if (expectedShares == 0) vm.expectRevert(ErrorsLib.ZeroAssets.selector);
        // Assets worth more shares than the position holds underflow: full repayment goes through shares.
        else if (expectedShares > sharesBefore) vm.expectRevert();
        (uint256 assets, uint256 shares) = core.repay(marketParams, repaid, 0, user, "");
        if (expectedShares == 0 || expectedShares > sharesBefore) return;
        assertEq(assets, repaid, "assets");
        assertEq(shares, expectedShares, "shares");
        assertEq(_position(user).borrowShares, sharesBefore - shares, "position");
        // Rounding favours the market: the remaining debt did not drop by more than was paid.
        assertGe(_debt(user) + repaid, debt, "debt drop <= repaid");
    }

    function testFuzz_RepayInFull(uint256 borrowed, uint256 elapsed) public {
        borrowed = bound(borrowed, 1, 1e27);
        elapsed = bound(elapsed, 0, 5 * 365 days);
        address user = makeAddr("User");
        _approveAll(user);
        _openPosition(user, borrowed * 2, borrowed);
        _skip(elapsed);
        uint256 debt = _debt(user);
        loanToken.mint(user, debt);
        uint256 shares = _position(user).borrowShares;
        vm.prank(user);
        (uint256 assets,) = core.repay(marketParams, 0, shares, user, "");
        assertEq(assets, debt, "repaid the debt");
        assertEq(_position(user).borrowShares, 0, "closed");
        // The original borrower is still there.
        assertEq(_position(BORROWER).borrowShares, _market().totalBorrowShares, "only BORROWER left");
    }

    function test_RevertWhen_RepayLeavesDust() public {
        vm.prank(OWNER);
        core.setMinDebt(marketParams, 10e18);
        vm.prank(BORROWER);
        vm.expectRevert(ErrorsLib.DustDebt.selector);
        core.repay(marketParams, 40e18 + 1, 0, BORROWER, "");
        // Down to the floor, or in full, is fine.
        vm.prank(BORROWER);
        core.repay(marketParams, 40e18, 0, BORROWER, "");
        vm.prank(BORROWER);
        core.repay(marketParams, 0, 10e24, BORROWER, "");
        assertEq(_position(BORROWER).borrowShares, 0, "closed");
    }

    /// @dev A position below a newly raised floor can only be repaid in full.
    function test_RevertWhen_RepayPartialBelowRaisedFloor() public {
        vm.prank(OWNER);
        core.setMinDebt(marketParams, 60e18);
        vm.prank(BORROWER);
        vm.expectRevert(ErrorsLib.DustDebt.selector);
        core.repay(marketParams, 1e18, 0, BORROWER, "");
        vm.prank(BORROWER);
        core.repay(marketParams, 0, 50e24, BORROWER, "");
    }

    /// @dev Surprising but Morpho-like: repaying the displayed debt (shares rounded up to assets) by assets
    /// can burn more shares than the position has, and panics instead of clamping. Repay by shares instead.
    function test_RevertWhen_RepayDisplayedDebtByAssetsUnderflows() public {
        address user = makeAddr("User");
        _approveAll(user);
        _openPosition(user, 2, 1); // 1e6 shares
        _skip(5 * 365 days); // 100% utilization: the share price grew ~18x
        uint256 debt = _debt(user);
        Market memory m = core.expectedMarket(marketParams);
        assertGt(debt.toSharesDown(m.totalBorrowAssets, m.totalBorrowShares), 1e6, "debt is worth more shares");
        loanToken.mint(user, debt);
        vm.prank(user);
        vm.expectRevert(); // arithmetic underflow: 2 assets are worth more than 1e6 shares
        core.repay(marketParams, debt, 0, user, "");
        vm.prank(user);
        (uint256 assets,) = core.repay(marketParams, 0, 1e6, user, "");
        assertEq(assets, debt, "by shares it works and costs the displayed debt");
    }

    function test_RevertWhen_RepayMoreThanOwed() public {
        loanToken.mint(BORROWER, 1e18);
        vm.prank(BORROWER);
        vm.expectRevert(); // arithmetic underflow on the position's shares
        core.repay(marketParams, 0, 50e24 + 1, BORROWER, "");
    }

    function test_RevertWhen_RepayZeroShares() public {
        _storeTotals(1, 1e30, 1e6);
        vm.prank(BORROWER);
        vm.expectRevert(ErrorsLib.ZeroAssets.selector);
        core.repay(marketParams, 1, 0, BORROWER, "");
    }

    function test_RevertWhen_RepayBothZero() public {
        vm.expectRevert(ErrorsLib.InconsistentInput.selector);
        core.repay(marketParams, 0, 0, BORROWER, "");
    }

    function test_RevertWhen_RepayBothNonZero() public {
        vm.expectRevert(ErrorsLib.InconsistentInput.selector);
        core.repay(marketParams, 1, 1, BORROWER, "");
    }

    function test_RevertWhen_RepayOnBehalfZero() public {
        vm.expectRevert(ErrorsLib.ZeroAddress.selector);
        core.repay(marketParams, 1, 0, address(0), "");
    }

    function test_RevertWhen_RepayMarketNotCreated() public {
        MarketParams memory mp = marketParams;
        mp.lltv = 0.5e18;
        vm.expectRevert(ErrorsLib.MarketNotCreated.selector);
        core.repay(mp, 1, 0, BORROWER, "");
    }
}
