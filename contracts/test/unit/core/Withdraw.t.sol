// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Market, MarketParams} from "../../../src/interfaces/ICantilever.sol";
import {ErrorsLib} from "../../../src/libraries/ErrorsLib.sol";
import {EventsLib} from "../../../src/libraries/EventsLib.sol";
import {SharesMathLib} from "../../../src/libraries/SharesMathLib.sol";
import {CoreBase} from "./CoreBase.t.sol";

contract WithdrawTest is CoreBase {
    using SharesMathLib for uint256;

    address internal RECEIVER;

    function setUp() public override {
        super.setUp();
        RECEIVER = makeAddr("Receiver");
        _supply(SUPPLIER, 100e18);
    }

    function test_WithdrawAssets() public {
        vm.expectEmit(address(core));
        emit EventsLib.Withdraw(id, SUPPLIER, SUPPLIER, RECEIVER, 40e18, 40e24);
        vm.prank(SUPPLIER);
        (uint256 assets, uint256 shares) = core.withdraw(marketParams, 40e18, 0, SUPPLIER, RECEIVER);
        assertEq(assets, 40e18, "assets");
        assertEq(shares, 40e24, "shares");
        assertEq(loanToken.balanceOf(RECEIVER), 40e18, "receiver");
        assertEq(_position(SUPPLIER).supplyShares, 60e24, "position");
        Market memory m = _market();
        assertEq(m.totalSupplyAssets, 60e18, "totalSupplyAssets");
        assertEq(m.totalSupplyShares, 60e24, "totalSupplyShares");
    }

    function test_WithdrawShares_All() public {
        vm.prank(SUPPLIER);
        (uint256 assets, uint256 shares) = core.withdraw(marketParams, 0, 100e24, SUPPLIER, SUPPLIER);
        assertEq(assets, 100e18, "assets");
        assertEq(shares, 100e24, "shares");
        assertEq(_market().totalSupplyAssets, 0, "empty");
        assertEq(_market().totalSupplyShares, 0, "empty shares");
    }

    /// @dev With a share price above par, assets round shares up and shares round assets down.
    function test_Withdraw_RoundsAgainstWithdrawer() public {
        _supplyCollateral(BORROWER, 100e18);
        _borrow(BORROWER, 50e18);
        _skip(365 days);
        core.accrueInterest(marketParams);
        Market memory m = _market();
        uint256 expectedShares = uint256(1e18 + 1).toSharesUp(m.totalSupplyAssets, m.totalSupplyShares);
        vm.prank(SUPPLIER);
        (, uint256 shares) = core.withdraw(marketParams, 1e18 + 1, 0, SUPPLIER, SUPPLIER);
        assertEq(shares, expectedShares, "shares up");
        m = _market();
        uint256 expectedAssets = uint256(1e24 + 1).toAssetsDown(m.totalSupplyAssets, m.totalSupplyShares);
        vm.prank(SUPPLIER);
        (uint256 assets,) = core.withdraw(marketParams, 0, 1e24 + 1, SUPPLIER, SUPPLIER);
        assertEq(assets, expectedAssets, "assets down");
    }

    function test_Withdraw_Authorized() public {
        address manager = makeAddr("Manager");
        vm.prank(SUPPLIER);
        core.setAuthorization(manager, true);
        vm.expectEmit(address(core));
        emit EventsLib.Withdraw(id, manager, SUPPLIER, RECEIVER, 1e18, 1e24);
        vm.prank(manager);
        core.withdraw(marketParams, 1e18, 0, SUPPLIER, RECEIVER);
        assertEq(loanToken.balanceOf(RECEIVER), 1e18, "receiver");
    }

    function testFuzz_Withdraw_RoundTripNeverGains(uint256 supplied, uint256 borrowed, uint256 elapsed) public {
        supplied = bound(supplied, 1, MAX_AMOUNT);
        borrowed = bound(borrowed, 0, supplied);
        elapsed = bound(elapsed, 0, 10 * 365 days);
        address lender = makeAddr("Lender");
        _approveAll(lender);
        if (borrowed > 0) {
            _supply(SUPPLIER, borrowed);
            _supplyCollateral(BORROWER, borrowed * 2);
            _borrow(BORROWER, borrowed);
        }
        _skip(elapsed);
        core.accrueInterest(marketParams);
        Market memory m = _market();
        uint256 expectedShares = supplied.toSharesDown(m.totalSupplyAssets, m.totalSupplyShares);
        if (expectedShares == 0) return;
        _supply(lender, supplied);
        uint256 shares = _position(lender).supplyShares;
        assertEq(shares, expectedShares, "shares");
        // Same block: withdrawing everything gives back at most what was supplied.
        uint256 available = _market().totalSupplyAssets - _market().totalBorrowAssets;
        uint256 value = shares.toAssetsDown(_market().totalSupplyAssets, _market().totalSupplyShares);
        if (value > available) return;
        vm.prank(lender);
        (uint256 assets,) = core.withdraw(marketParams, 0, shares, lender, lender);
        assertLe(assets, supplied, "never gains");
        assertEq(_position(lender).supplyShares, 0, "all withdrawn");
    }

    function test_RevertWhen_WithdrawInsufficientLiquidity() public {
        _supplyCollateral(BORROWER, 100e18);
        _borrow(BORROWER, 60e18);
        vm.prank(SUPPLIER);
        vm.expectRevert(ErrorsLib.InsufficientLiquidity.selector);
        core.withdraw(marketParams, 40e18 + 1, 0, SUPPLIER, SUPPLIER);
        vm.prank(SUPPLIER);
        core.withdraw(marketParams, 40e18, 0, SUPPLIER, SUPPLIER);
    }

    function testFuzz_RevertWhen_WithdrawUnauthorized(address caller) public {
        if (caller == SUPPLIER) caller = BORROWER;
        vm.prank(caller);
        vm.expectRevert(ErrorsLib.Unauthorized.selector);
        core.withdraw(marketParams, 1e18, 0, SUPPLIER, caller == address(0) ? RECEIVER : caller);
    }

    function test_RevertWhen_WithdrawMoreThanOwned() public {
        vm.prank(SUPPLIER);
        vm.expectRevert(); // arithmetic underflow
        core.withdraw(marketParams, 0, 100e24 + 1, SUPPLIER, SUPPLIER);
    }

    function test_RevertWhen_WithdrawBothZero() public {
        vm.prank(SUPPLIER);
        vm.expectRevert(ErrorsLib.InconsistentInput.selector);
        core.withdraw(marketParams, 0, 0, SUPPLIER, SUPPLIER);
    }

    function test_RevertWhen_WithdrawBothNonZero() public {
        vm.prank(SUPPLIER);
        vm.expectRevert(ErrorsLib.InconsistentInput.selector);
        core.withdraw(marketParams, 1, 1, SUPPLIER, SUPPLIER);
    }

    function test_RevertWhen_WithdrawReceiverZero() public {
        vm.prank(SUPPLIER);
        vm.expectRevert(ErrorsLib.ZeroAddress.selector);
        core.withdraw(marketParams, 1, 0, SUPPLIER, address(0));
    }

    function test_RevertWhen_WithdrawMarketNotCreated() public {
        MarketParams memory mp = marketParams;
        mp.lltv = 0.5e18;
        vm.prank(SUPPLIER);
        vm.expectRevert(ErrorsLib.MarketNotCreated.selector);
        core.withdraw(mp, 1, 0, SUPPLIER, SUPPLIER);
    }
}
