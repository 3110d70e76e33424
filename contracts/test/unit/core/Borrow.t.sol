// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Market, MarketParams} from "../../../src/interfaces/ICantilever.sol";
import {ErrorsLib} from "../../../src/libraries/ErrorsLib.sol";
import {EventsLib} from "../../../src/libraries/EventsLib.sol";
import {MathLib} from "../../../src/libraries/MathLib.sol";
import {SharesMathLib} from "../../../src/libraries/SharesMathLib.sol";
import {OracleMock} from "../../utils/mocks/OracleMock.sol";
import {CoreBase} from "./CoreBase.t.sol";

contract BorrowTest is CoreBase {
    using MathLib for uint256;
    using SharesMathLib for uint256;

    address internal RECEIVER;

    function setUp() public override {
        super.setUp();
        RECEIVER = makeAddr("Receiver");
        _supply(SUPPLIER, 1000e18);
        _supplyCollateral(BORROWER, 100e18);
    }

    function test_BorrowAssets() public {
        vm.expectEmit(address(core));
        emit EventsLib.Borrow(id, BORROWER, BORROWER, RECEIVER, 50e18, 50e24);
        vm.prank(BORROWER);
        (uint256 assets, uint256 shares) = core.borrow(marketParams, 50e18, 0, BORROWER, RECEIVER);
        assertEq(assets, 50e18, "assets");
        assertEq(shares, 50e24, "shares");
        assertEq(_position(BORROWER).borrowShares, 50e24, "position");
        Market memory m = _market();
        assertEq(m.totalBorrowAssets, 50e18, "totalBorrowAssets");
        assertEq(m.totalBorrowShares, 50e24, "totalBorrowShares");
        assertEq(loanToken.balanceOf(RECEIVER), 50e18, "receiver");
        assertEq(loanToken.balanceOf(core.escrowOf(id)), 950e18, "core");
    }

    function test_BorrowShares() public {
        _borrow(BORROWER, 10e18);
        _skip(365 days);
        core.accrueInterest(marketParams);
        Market memory m = _market();
        uint256 expectedAssets = uint256(20e24).toAssetsDown(m.totalBorrowAssets, m.totalBorrowShares);
        vm.prank(BORROWER);
        (uint256 assets, uint256 shares) = core.borrow(marketParams, 0, 20e24, BORROWER, BORROWER);
        assertEq(shares, 20e24, "shares");
        assertEq(assets, expectedAssets, "assets rounded down");
        assertGt(assets, 20e18 - 1, "an asset is worth fewer shares after interest");
    }

    function test_Borrow_AssetsRoundSharesUp() public {
        _borrow(BORROWER, 10e18);
        _skip(365 days);
        core.accrueInterest(marketParams);
        Market memory m = _market();
        uint256 expectedShares = uint256(1e18).toSharesUp(m.totalBorrowAssets, m.totalBorrowShares);
        vm.prank(BORROWER);
        (, uint256 shares) = core.borrow(marketParams, 1e18, 0, BORROWER, BORROWER);
        assertEq(shares, expectedShares, "shares up");
    }

    function test_Borrow_ExactlyAtLltv() public {
        _borrow(BORROWER, 80e18);
        assertEq(_debt(BORROWER), 80e18, "debt");
    }

    function test_RevertWhen_BorrowAboveLltv() public {
        vm.prank(BORROWER);
        vm.expectRevert(ErrorsLib.InsufficientCollateral.selector);
        core.borrow(marketParams, 80e18 + 1, 0, BORROWER, BORROWER);
    }

    function testFuzz_Borrow_HealthBoundary(uint256 collateral, uint256 price, uint256 borrowed) public {
        collateral = bound(collateral, 1, MAX_AMOUNT);
        price = bound(price, 1e30, 1e42);
        oracle.setPrice(price);
        address user = makeAddr("User");
        _approveAll(user);
        _supplyCollateral(user, collateral);
        uint256 maxBorrow = collateral.mulDivDown(price, 1e36).wMulDown(LLTV);
        borrowed = bound(borrowed, 1, MAX_AMOUNT);
        _supply(SUPPLIER, borrowed);
        vm.prank(user);
        if (borrowed > maxBorrow) vm.expectRevert(ErrorsLib.InsufficientCollateral.selector);
        core.borrow(marketParams, borrowed, 0, user, user);
    }

    function test_Borrow_Authorized() public {
        address manager = makeAddr("Manager");
        vm.prank(BORROWER);
        core.setAuthorization(manager, true);
        vm.prank(manager);
        core.borrow(marketParams, 1e18, 0, BORROWER, RECEIVER);
        assertEq(loanToken.balanceOf(RECEIVER), 1e18, "receiver");
        assertEq(_position(BORROWER).borrowShares, 1e24, "debt on the authorizer");
        assertEq(_position(manager).borrowShares, 0, "not on the manager");
    }

    function test_RevertWhen_BorrowUnauthorized() public {
        vm.prank(SUPPLIER);
        vm.expectRevert(ErrorsLib.Unauthorized.selector);
        core.borrow(marketParams, 1e18, 0, BORROWER, SUPPLIER);
    }

    function test_RevertWhen_BorrowInsufficientLiquidity() public {
        _supplyCollateral(BORROWER, 10_000e18);
        vm.prank(BORROWER);
        vm.expectRevert(ErrorsLib.InsufficientLiquidity.selector);
        core.borrow(marketParams, 1000e18 + 1, 0, BORROWER, BORROWER);
        _borrow(BORROWER, 1000e18);
    }

    function test_RevertWhen_BorrowWithoutCollateral() public {
        vm.prank(SUPPLIER);
        vm.expectRevert(ErrorsLib.InsufficientCollateral.selector);
        core.borrow(marketParams, 1, 0, SUPPLIER, SUPPLIER);
    }

    function test_RevertWhen_BorrowDustDebt() public {
        vm.prank(OWNER);
        core.setMinDebt(marketParams, 10e18);
        vm.prank(BORROWER);
        vm.expectRevert(ErrorsLib.DustDebt.selector);
        core.borrow(marketParams, 10e18 - 1, 0, BORROWER, BORROWER);
        _borrow(BORROWER, 10e18);
        // Adding to a position at the floor is fine.
        _borrow(BORROWER, 1);
    }

    function test_RevertWhen_BorrowOracleReverts() public {
        oracle.setBroken(true);
        vm.prank(BORROWER);
        vm.expectRevert(OracleMock.OracleBroken.selector);
        core.borrow(marketParams, 1e18, 0, BORROWER, BORROWER);
    }

    function test_RevertWhen_BorrowZeroPrice() public {
        oracle.setPrice(0);
        vm.prank(BORROWER);
        vm.expectRevert(ErrorsLib.ZeroPrice.selector);
        core.borrow(marketParams, 1e18, 0, BORROWER, BORROWER);
    }

    function test_RevertWhen_BorrowBothZero() public {
        vm.prank(BORROWER);
        vm.expectRevert(ErrorsLib.InconsistentInput.selector);
        core.borrow(marketParams, 0, 0, BORROWER, BORROWER);
    }

    function test_RevertWhen_BorrowBothNonZero() public {
        vm.prank(BORROWER);
        vm.expectRevert(ErrorsLib.InconsistentInput.selector);
        core.borrow(marketParams, 1, 1, BORROWER, BORROWER);
    }

    function test_RevertWhen_BorrowReceiverZero() public {
        vm.prank(BORROWER);
        vm.expectRevert(ErrorsLib.ZeroAddress.selector);
        core.borrow(marketParams, 1, 0, BORROWER, address(0));
    }

    function test_RevertWhen_BorrowMarketNotCreated() public {
        MarketParams memory mp = marketParams;
        mp.lltv = 0.5e18;
        vm.prank(BORROWER);
        vm.expectRevert(ErrorsLib.MarketNotCreated.selector);
        core.borrow(mp, 1, 0, BORROWER, BORROWER);
    }
}
