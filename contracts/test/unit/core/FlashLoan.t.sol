// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Id, MarketParams} from "../../../src/interfaces/ICantilever.sol";
import {ErrorsLib} from "../../../src/libraries/ErrorsLib.sol";
import {EventsLib} from "../../../src/libraries/EventsLib.sol";
import {MarketParamsLib} from "../../../src/libraries/MarketParamsLib.sol";
import {ERC20Mock} from "../../utils/mocks/ERC20Mock.sol";
import {CallbackUser, CoreBase} from "./CoreBase.t.sol";

contract FlashLoanTest is CoreBase {
    using MarketParamsLib for MarketParams;

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
        emit EventsLib.FlashLoan(id, address(user), address(loanToken), 100e18);
        user.flashLoan(id, address(loanToken), 100e18, data);
        assertEq(user.flashBalance(), 100e18, "held during the callback");
        assertEq(user.lastCallbackAssets(), 100e18, "callback assets");
        assertEq(loanToken.balanceOf(core.escrowOf(id)), 100e18, "returned");
        assertEq(loanToken.balanceOf(address(user)), 0, "free: nothing kept, nothing charged");
    }

    /// @dev Either of the market's tokens, collateral included.
    function test_FlashLoan_CollateralToken() public {
        user.flashLoan(id, address(collateralToken), 50e18, abi.encode(address(collateralToken)));
        assertEq(user.flashBalance(), 50e18, "held");
        assertEq(collateralToken.balanceOf(core.escrowOf(id)), 50e18, "returned");
    }

    function testFuzz_FlashLoan(uint256 assets) public {
        assets = bound(assets, 1, 100e18);
        user.flashLoan(id, address(loanToken), assets, abi.encode(address(loanToken)));
        assertEq(user.flashBalance(), assets, "held");
        assertEq(loanToken.balanceOf(core.escrowOf(id)), 100e18, "returned");
    }

    function test_RevertWhen_FlashLoanZero() public {
        vm.expectRevert(ErrorsLib.ZeroAssets.selector);
        user.flashLoan(id, address(loanToken), 0, abi.encode(address(loanToken)));
    }

    function test_RevertWhen_FlashLoanNotRepaid() public {
        user.setPayBack(false);
        vm.expectRevert(ErrorsLib.TransferFromReverted.selector);
        user.flashLoan(id, address(loanToken), 1e18, abi.encode(address(loanToken)));
    }

    function test_RevertWhen_FlashLoanMoreThanHeld() public {
        vm.expectRevert(ErrorsLib.TransferFromReverted.selector);
        user.flashLoan(id, address(loanToken), 100e18 + 1, abi.encode(address(loanToken)));
    }

    function test_RevertWhen_FlashLoanTokenWithoutCode() public {
        vm.expectRevert(ErrorsLib.NoCode.selector);
        user.flashLoan(id, makeAddr("NotAToken"), 1, "");
    }

    /// @dev Per market: a market lends only what its own escrow holds, even when another market of the same token
    /// holds more.
    function test_RevertWhen_FlashLoanMoreThanTheMarketHolds() public {
        MarketParams memory other = marketParams;
        other.lltv = 0.5e18;
        vm.prank(OWNER);
        core.enableLltv(0.5e18);
        core.createMarket(other);
        loanToken.mint(SUPPLIER, 1000e18);
        vm.prank(SUPPLIER);
        core.supply(other, 1000e18, 0, SUPPLIER, "");
        vm.expectRevert(ErrorsLib.TransferFromReverted.selector);
        user.flashLoan(id, address(loanToken), 100e18 + 1, abi.encode(address(loanToken)));
        user.flashLoan(other.id(), address(loanToken), 1000e18, abi.encode(address(loanToken)));
        assertEq(loanToken.balanceOf(core.escrowOf(other.id())), 1000e18, "returned to its own escrow");
    }

    /// @dev A token that is not the market's: its escrow gave the core no allowance for it, even if it holds some.
    function test_RevertWhen_FlashLoanTokenOfNoMarket() public {
        ERC20Mock other = new ERC20Mock("Other", "OTH", 18);
        other.mint(core.escrowOf(id), 10e18); // A donation.
        vm.expectRevert(ErrorsLib.TransferFromReverted.selector);
        user.flashLoan(id, address(other), 1e18, abi.encode(address(other)));
    }

    function test_RevertWhen_FlashLoanMarketNotCreated() public {
        vm.expectRevert(ErrorsLib.MarketNotCreated.selector);
        user.flashLoan(Id.wrap(bytes32(uint256(1))), address(loanToken), 1, abi.encode(address(loanToken)));
    }
}
