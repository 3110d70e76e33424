// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {MarketParams} from "../../../src/interfaces/ICantilever.sol";
import {ErrorsLib} from "../../../src/libraries/ErrorsLib.sol";
import {EventsLib} from "../../../src/libraries/EventsLib.sol";
import {MathLib} from "../../../src/libraries/MathLib.sol";
import {OracleMock} from "../../utils/mocks/OracleMock.sol";
import {CallbackUser, CoreBase} from "./CoreBase.t.sol";

contract CollateralTest is CoreBase {
    using MathLib for uint256;

    address internal RECEIVER;

    function setUp() public override {
        super.setUp();
        RECEIVER = makeAddr("Receiver");
    }

    /* SUPPLY COLLATERAL */

    function test_SupplyCollateral() public {
        collateralToken.mint(BORROWER, 10e18);
        address onBehalf = makeAddr("OnBehalf");
        vm.expectEmit(address(core));
        emit EventsLib.SupplyCollateral(id, BORROWER, onBehalf, 10e18);
        vm.prank(BORROWER);
        core.supplyCollateral(marketParams, 10e18, onBehalf, "");
        assertEq(_position(onBehalf).collateral, 10e18, "collateral");
        assertEq(collateralToken.balanceOf(core.escrowOf(id)), 10e18, "core");
        assertEq(collateralToken.balanceOf(BORROWER), 0, "borrower");
    }

    function test_SupplyCollateral_DoesNotAccrueNorReadOracle() public {
        _openPosition(BORROWER, 100e18, 50e18);
        oracle.setBroken(true);
        uint256 lastUpdate = _market().lastUpdate;
        _skip(1 days);
        _supplyCollateral(BORROWER, 1e18);
        assertEq(_market().lastUpdate, lastUpdate, "no accrual");
        assertEq(_position(BORROWER).collateral, 101e18, "collateral");
    }

    function test_SupplyCollateral_Callback() public {
        CallbackUser user = new CallbackUser(core, loanToken, collateralToken);
        user.supplyCollateral(marketParams, 3e18, hex"aa");
        assertEq(user.lastCallbackAssets(), 3e18, "callback assets");
        assertEq(_position(address(user)).collateral, 3e18, "collateral");
        assertEq(collateralToken.balanceOf(core.escrowOf(id)), 3e18, "pulled");
    }

    function testFuzz_SupplyCollateral(uint256 assets) public {
        assets = bound(assets, 1, type(uint128).max);
        _supplyCollateral(BORROWER, assets);
        assertEq(_position(BORROWER).collateral, assets, "collateral");
    }

    function test_RevertWhen_SupplyCollateralZero() public {
        vm.expectRevert(ErrorsLib.ZeroAssets.selector);
        core.supplyCollateral(marketParams, 0, BORROWER, "");
    }

    function test_RevertWhen_SupplyCollateralOnBehalfZero() public {
        vm.expectRevert(ErrorsLib.ZeroAddress.selector);
        core.supplyCollateral(marketParams, 1, address(0), "");
    }

    function test_RevertWhen_SupplyCollateralMarketNotCreated() public {
        MarketParams memory mp = marketParams;
        mp.lltv = 0.5e18;
        vm.expectRevert(ErrorsLib.MarketNotCreated.selector);
        core.supplyCollateral(mp, 1, BORROWER, "");
    }

    function test_RevertWhen_SupplyCollateralAboveUint128() public {
        _supplyCollateral(BORROWER, type(uint128).max);
        collateralToken.mint(BORROWER, 1);
        vm.prank(BORROWER);
        vm.expectRevert(); // overflow of the uint128 position
        core.supplyCollateral(marketParams, 1, BORROWER, "");
    }

    /* WITHDRAW COLLATERAL */

    function test_WithdrawCollateral() public {
        _supplyCollateral(BORROWER, 10e18);
        vm.expectEmit(address(core));
        emit EventsLib.WithdrawCollateral(id, BORROWER, BORROWER, RECEIVER, 4e18);
        vm.prank(BORROWER);
        core.withdrawCollateral(marketParams, 4e18, BORROWER, RECEIVER);
        assertEq(_position(BORROWER).collateral, 6e18, "collateral");
        assertEq(collateralToken.balanceOf(RECEIVER), 4e18, "receiver");
    }

    /// @dev Without debt the oracle is not read, so collateral comes out even if it reverts.
    function test_WithdrawCollateral_NoDebtOracleReverts() public {
        _supplyCollateral(BORROWER, 10e18);
        oracle.setBroken(true);
        vm.prank(BORROWER);
        core.withdrawCollateral(marketParams, 10e18, BORROWER, BORROWER);
        assertEq(_position(BORROWER).collateral, 0, "all out");
    }

    function test_RevertWhen_WithdrawCollateralWithDebtOracleReverts() public {
        _openPosition(BORROWER, 100e18, 10e18);
        oracle.setBroken(true);
        vm.prank(BORROWER);
        vm.expectRevert(OracleMock.OracleBroken.selector);
        core.withdrawCollateral(marketParams, 1, BORROWER, BORROWER);
    }

    function test_RevertWhen_WithdrawCollateralZeroPrice() public {
        _openPosition(BORROWER, 100e18, 10e18);
        oracle.setPrice(0);
        vm.prank(BORROWER);
        vm.expectRevert(ErrorsLib.ZeroPrice.selector);
        core.withdrawCollateral(marketParams, 1, BORROWER, BORROWER);
    }

    function testFuzz_WithdrawCollateral_HealthBoundary(uint256 collateral, uint256 borrowed, uint256 withdrawn)
        public
    {
        collateral = bound(collateral, 2, MAX_AMOUNT);
        borrowed = bound(borrowed, 1, collateral.wMulDown(LLTV));
        _openPosition(BORROWER, collateral, borrowed);
        withdrawn = bound(withdrawn, 1, collateral);
        uint256 maxDebt = (collateral - withdrawn).wMulDown(LLTV);
        vm.prank(BORROWER);
        if (borrowed > maxDebt) vm.expectRevert(ErrorsLib.InsufficientCollateral.selector);
        core.withdrawCollateral(marketParams, withdrawn, BORROWER, BORROWER);
    }

    /// @dev Accrues interest first: a position healthy at the last update may not be any more.
    function test_RevertWhen_WithdrawCollateralAfterInterest() public {
        _openPosition(BORROWER, 100e18, 79e18);
        vm.prank(BORROWER);
        core.withdrawCollateral(marketParams, 1e18, BORROWER, BORROWER); // 79 / 99 < 0.8
        _skip(365 days);
        vm.prank(BORROWER);
        vm.expectRevert(ErrorsLib.InsufficientCollateral.selector);
        core.withdrawCollateral(marketParams, 1, BORROWER, BORROWER);
    }

    function test_WithdrawCollateral_Authorized() public {
        _supplyCollateral(BORROWER, 10e18);
        address manager = makeAddr("Manager");
        vm.prank(BORROWER);
        core.setAuthorization(manager, true);
        vm.prank(manager);
        core.withdrawCollateral(marketParams, 10e18, BORROWER, RECEIVER);
        assertEq(collateralToken.balanceOf(RECEIVER), 10e18, "receiver");
    }

    function test_RevertWhen_WithdrawCollateralUnauthorized() public {
        _supplyCollateral(BORROWER, 10e18);
        vm.prank(SUPPLIER);
        vm.expectRevert(ErrorsLib.Unauthorized.selector);
        core.withdrawCollateral(marketParams, 1, BORROWER, SUPPLIER);
    }

    function test_RevertWhen_WithdrawCollateralMoreThanDeposited() public {
        _supplyCollateral(BORROWER, 10e18);
        vm.prank(BORROWER);
        vm.expectRevert(); // arithmetic underflow
        core.withdrawCollateral(marketParams, 10e18 + 1, BORROWER, BORROWER);
    }

    function test_RevertWhen_WithdrawCollateralZero() public {
        vm.prank(BORROWER);
        vm.expectRevert(ErrorsLib.ZeroAssets.selector);
        core.withdrawCollateral(marketParams, 0, BORROWER, BORROWER);
    }

    function test_RevertWhen_WithdrawCollateralReceiverZero() public {
        vm.prank(BORROWER);
        vm.expectRevert(ErrorsLib.ZeroAddress.selector);
        core.withdrawCollateral(marketParams, 1, BORROWER, address(0));
    }

    function test_RevertWhen_WithdrawCollateralMarketNotCreated() public {
        MarketParams memory mp = marketParams;
        mp.lltv = 0.5e18;
        vm.prank(BORROWER);
        vm.expectRevert(ErrorsLib.MarketNotCreated.selector);
        core.withdrawCollateral(mp, 1, BORROWER, BORROWER);
    }
}
