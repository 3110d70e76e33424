// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ErrorsLib} from "../../../src/libraries/ErrorsLib.sol";
import {EventsLib} from "../../../src/libraries/EventsLib.sol";
import {CallbackUser, CoreBase} from "./CoreBase.t.sol";

contract FlashLoanTest is CoreBase {
    CallbackUser internal user;

    function setUp() public override {
        super.setUp();
        _supply(SUPPLIER, 100e18);
        _supplyCollateral(BORROWER, 50e18);
        user = new CallbackUser(core, loanToken, collateralToken);
    }

    function test_FlashLoan() public {
        bytes memory data = abi.encode(address(loanToken));
        vm.expectEmit(address(core));
        emit EventsLib.FlashLoan(address(user), address(loanToken), 100e18);
        user.flashLoan(address(loanToken), 100e18, data);
        assertEq(user.flashBalance(), 100e18, "held during the callback");
        assertEq(user.lastCallbackAssets(), 100e18, "callback assets");
        assertEq(loanToken.balanceOf(address(core)), 100e18, "returned");
        assertEq(loanToken.balanceOf(address(user)), 0, "free: nothing kept, nothing charged");
    }

    /// @dev Any token the core holds, collateral included.
    function test_FlashLoan_CollateralToken() public {
        user.flashLoan(address(collateralToken), 50e18, abi.encode(address(collateralToken)));
        assertEq(user.flashBalance(), 50e18, "held");
        assertEq(collateralToken.balanceOf(address(core)), 50e18, "returned");
    }

    function testFuzz_FlashLoan(uint256 assets) public {
        assets = bound(assets, 1, 100e18);
        user.flashLoan(address(loanToken), assets, abi.encode(address(loanToken)));
        assertEq(user.flashBalance(), assets, "held");
        assertEq(loanToken.balanceOf(address(core)), 100e18, "returned");
    }

    function test_RevertWhen_FlashLoanZero() public {
        vm.expectRevert(ErrorsLib.ZeroAssets.selector);
        user.flashLoan(address(loanToken), 0, abi.encode(address(loanToken)));
    }

    function test_RevertWhen_FlashLoanNotRepaid() public {
        user.setPayBack(false);
        vm.expectRevert(ErrorsLib.TransferFromReverted.selector);
        user.flashLoan(address(loanToken), 1e18, abi.encode(address(loanToken)));
    }

    function test_RevertWhen_FlashLoanMoreThanHeld() public {
        vm.expectRevert(ErrorsLib.TransferReverted.selector);
        user.flashLoan(address(loanToken), 100e18 + 1, abi.encode(address(loanToken)));
    }

    function test_RevertWhen_FlashLoanTokenWithoutCode() public {
        vm.expectRevert(ErrorsLib.NoCode.selector);
        user.flashLoan(makeAddr("NotAToken"), 1, "");
    }
}
