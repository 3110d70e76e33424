// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Market, MarketParams} from "../../../src/interfaces/ICantilever.sol";
import {ErrorsLib} from "../../../src/libraries/ErrorsLib.sol";
import {EventsLib} from "../../../src/libraries/EventsLib.sol";
import {SharesMathLib} from "../../../src/libraries/SharesMathLib.sol";
import {CallbackUser, CoreBase} from "./CoreBase.t.sol";

contract SupplyTest is CoreBase {
    using SharesMathLib for uint256;

    function test_SupplyAssets() public {
        loanToken.mint(SUPPLIER, 10e18);
        address onBehalf = makeAddr("OnBehalf");
        vm.expectEmit(address(core));
        emit EventsLib.Supply(id, SUPPLIER, onBehalf, 10e18, 10e24);
        vm.prank(SUPPLIER);
        (uint256 assets, uint256 shares) = core.supply(marketParams, 10e18, 0, onBehalf, "");

        assertEq(assets, 10e18, "assets");
        assertEq(shares, 10e24, "shares: 1e6 virtual shares per asset in an empty market");
        assertEq(_position(onBehalf).supplyShares, 10e24, "position shares");
        assertEq(_position(SUPPLIER).supplyShares, 0, "caller shares");
        Market memory m = _market();
        assertEq(m.totalSupplyAssets, 10e18, "totalSupplyAssets");
        assertEq(m.totalSupplyShares, 10e24, "totalSupplyShares");
        assertEq(loanToken.balanceOf(core.escrowOf(id)), 10e18, "core balance");
        assertEq(loanToken.balanceOf(SUPPLIER), 0, "supplier balance");
    }

    function test_SupplyShares() public {
        _supply(SUPPLIER, 10e18);
        // Donate-free share price moves only with interest: make it non-trivial with a borrow and a year.
        _supplyCollateral(BORROWER, 10e18);
        _borrow(BORROWER, 5e18);
        _skip(365 days);
        core.accrueInterest(marketParams);
        Market memory m = _market();
        uint256 expectedAssets = uint256(3e24).toAssetsUp(m.totalSupplyAssets, m.totalSupplyShares);

        address other = makeAddr("Other");
        _mintApprove(other, loanToken, expectedAssets);
        vm.expectEmit(address(core));
        emit EventsLib.Supply(id, other, other, expectedAssets, 3e24);
        vm.prank(other);
        (uint256 assets, uint256 shares) = core.supply(marketParams, 0, 3e24, other, "");
        assertEq(assets, expectedAssets, "assets rounded up");
        assertEq(shares, 3e24, "shares");
        assertGt(assets, 3e18, "share price grew with interest");
        assertEq(loanToken.balanceOf(other), 0, "pulled exactly");
    }

    function test_Supply_AccruesInterestFirst() public {
        _supply(SUPPLIER, 10e18);
        _supplyCollateral(BORROWER, 10e18);
        _borrow(BORROWER, 5e18);
        _skip(30 days);
        Market memory expected = core.expectedMarket(marketParams);
        _supply(SUPPLIER, 1e18);
        Market memory m = _market();
        assertEq(m.totalBorrowAssets, expected.totalBorrowAssets, "accrued");
        assertEq(m.totalSupplyAssets, expected.totalSupplyAssets + 1e18, "accrued + supplied");
        assertEq(m.lastUpdate, block.timestamp, "lastUpdate");
    }

    function test_Supply_Callback() public {
        CallbackUser user = new CallbackUser(core, loanToken, collateralToken);
        user.supply(marketParams, 7e18, hex"c0ffee");
        assertEq(user.callbacks(), 1, "callback called once");
        assertEq(user.lastCallbackAssets(), 7e18, "callback assets");
        assertEq(keccak256(user.lastCallbackData()), keccak256(hex"c0ffee"), "callback data");
        assertEq(_position(address(user)).supplyShares, 7e24, "shares");
        assertEq(loanToken.balanceOf(core.escrowOf(id)), 7e18, "pulled after the callback");
    }

    function test_Supply_NoCallbackWithoutData() public {
        CallbackUser user = new CallbackUser(core, loanToken, collateralToken);
        loanToken.mint(address(user), 1e18);
        user.supply(marketParams, 1e18, "");
        assertEq(user.callbacks(), 0, "no callback");
    }

    function testFuzz_SupplyAssets(uint256 first, uint256 second) public {
        first = bound(first, 1, MAX_AMOUNT);
        second = bound(second, 1, MAX_AMOUNT);
        _supply(SUPPLIER, first);
        assertEq(_position(SUPPLIER).supplyShares, first * SharesMathLib.VIRTUAL_SHARES, "first shares");
        Market memory m = _market();
        uint256 expectedShares = second.toSharesDown(m.totalSupplyAssets, m.totalSupplyShares);
        address other = makeAddr("Other");
        loanToken.mint(other, second);
        _approveAll(other);
        vm.prank(other);
        (uint256 assets, uint256 shares) = core.supply(marketParams, second, 0, other, "");
        assertEq(assets, second, "assets");
        assertEq(shares, expectedShares, "shares rounded down");
        assertEq(_market().totalSupplyAssets, first + second, "total");
    }

    function test_RevertWhen_SupplyMarketNotCreated() public {
        MarketParams memory mp = marketParams;
        mp.lltv = 0.5e18;
        vm.expectRevert(ErrorsLib.MarketNotCreated.selector);
        core.supply(mp, 1, 0, SUPPLIER, "");
    }

    function test_RevertWhen_SupplyBothZero() public {
        vm.expectRevert(ErrorsLib.InconsistentInput.selector);
        core.supply(marketParams, 0, 0, SUPPLIER, "");
    }

    function testFuzz_RevertWhen_SupplyBothNonZero(uint256 assets, uint256 shares) public {
        assets = bound(assets, 1, type(uint256).max);
        shares = bound(shares, 1, type(uint256).max);
        vm.expectRevert(ErrorsLib.InconsistentInput.selector);
        core.supply(marketParams, assets, shares, SUPPLIER, "");
    }

    function test_RevertWhen_SupplyOnBehalfZero() public {
        vm.expectRevert(ErrorsLib.ZeroAddress.selector);
        core.supply(marketParams, 1, 0, address(0), "");
    }

    /// @dev Assets worth less than one share (a share price above one asset, forced through storage).
    function test_RevertWhen_SupplyZeroShares() public {
        _storeTotals(0, 1e30, 1e6);
        loanToken.mint(SUPPLIER, 1);
        vm.prank(SUPPLIER);
        vm.expectRevert(ErrorsLib.ZeroAssets.selector);
        core.supply(marketParams, 1, 0, SUPPLIER, "");
    }

    function test_RevertWhen_SupplyWithoutTokens() public {
        vm.prank(SUPPLIER);
        vm.expectRevert(ErrorsLib.TransferFromReverted.selector);
        core.supply(marketParams, 1, 0, SUPPLIER, "");
    }

    function test_RevertWhen_SupplyAboveUint128() public {
        vm.prank(SUPPLIER);
        vm.expectRevert(ErrorsLib.MaxUint128Exceeded.selector);
        core.supply(marketParams, 0, uint256(type(uint128).max) + 1, SUPPLIER, "");
    }
}
