// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ErrorsLib} from "../../../src/libraries/ErrorsLib.sol";
import {EventsLib} from "../../../src/libraries/EventsLib.sol";
import {CoreBase} from "./CoreBase.t.sol";

contract AuthorizationTest is CoreBase {
    function testFuzz_SetAuthorization(address authorizer, address authorized) public {
        vm.expectEmit(address(core));
        emit EventsLib.SetAuthorization(authorizer, authorized, true);
        vm.prank(authorizer);
        core.setAuthorization(authorized, true);
        assertTrue(core.isAuthorized(authorizer, authorized), "authorized");

        vm.expectEmit(address(core));
        emit EventsLib.SetAuthorization(authorizer, authorized, false);
        vm.prank(authorizer);
        core.setAuthorization(authorized, false);
        assertFalse(core.isAuthorized(authorizer, authorized), "revoked");
    }

    function test_RevertWhen_SetAuthorizationAlreadySet() public {
        vm.prank(BORROWER);
        vm.expectRevert(ErrorsLib.AlreadySet.selector);
        core.setAuthorization(SUPPLIER, false);
        vm.prank(BORROWER);
        core.setAuthorization(SUPPLIER, true);
        vm.prank(BORROWER);
        vm.expectRevert(ErrorsLib.AlreadySet.selector);
        core.setAuthorization(SUPPLIER, true);
    }

    /// @dev Authorization is one-way: B authorized by A does not make A authorized by B.
    function test_Authorization_IsDirectional() public {
        vm.prank(BORROWER);
        core.setAuthorization(SUPPLIER, true);
        assertTrue(core.isAuthorized(BORROWER, SUPPLIER), "borrower -> supplier");
        assertFalse(core.isAuthorized(SUPPLIER, BORROWER), "supplier -> borrower");
    }

    function test_Authorization_RevokedManagerLosesAccess() public {
        address manager = makeAddr("Manager");
        _openPosition(BORROWER, 100e18, 10e18);
        _supply(BORROWER, 5e18);
        vm.prank(BORROWER);
        core.setAuthorization(manager, true);
        vm.startPrank(manager);
        core.borrow(marketParams, 1e18, 0, BORROWER, manager);
        core.withdraw(marketParams, 1e18, 0, BORROWER, manager);
        core.withdrawCollateral(marketParams, 1e18, BORROWER, manager);
        vm.stopPrank();

        vm.prank(BORROWER);
        core.setAuthorization(manager, false);
        vm.startPrank(manager);
        vm.expectRevert(ErrorsLib.Unauthorized.selector);
        core.borrow(marketParams, 1e18, 0, BORROWER, manager);
        vm.expectRevert(ErrorsLib.Unauthorized.selector);
        core.withdraw(marketParams, 1e18, 0, BORROWER, manager);
        vm.expectRevert(ErrorsLib.Unauthorized.selector);
        core.withdrawCollateral(marketParams, 1e18, BORROWER, manager);
        vm.stopPrank();
    }
}
