// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {MarketParams, Position} from "../../src/interfaces/ICantilever.sol";
import {ILiquidationExecutor} from "../../src/interfaces/ILiquidationExecutor.sol";
import {IMarginRouter} from "../../src/interfaces/IMarginRouter.sol";
import {ISwapAdapter} from "../../src/interfaces/ISwapAdapter.sol";
import {ApprovalLib} from "../../src/periphery/swap/ApprovalLib.sol";
import {UsdtLikeERC20} from "../utils/mocks/UsdtLikeERC20.sol";
import {PeripheryBase} from "./utils/PeripheryBase.sol";

/// @notice A swap adapter that quotes what it is told, sends its payment to whom it is told, and delivers
/// nothing: the attacker's tool for spending tokens someone left on the router.
contract FakeAdapter is ISwapAdapter {
    uint256 internal immutable QUOTE;
    address internal immutable PAY_TO;

    constructor(uint256 quote, address payTo) {
        QUOTE = quote;
        PAY_TO = payTo;
    }

    function quoteExactIn(address, address, uint256, bytes calldata) external view returns (uint256, address) {
        return (QUOTE, PAY_TO);
    }

    function quoteExactOut(address, address, uint256, bytes calldata) external view returns (uint256, address) {
        return (QUOTE, PAY_TO);
    }

    function swapExactIn(address, address, uint256, uint256, address, bytes calldata) external pure returns (uint256) {
        return 0;
    }

    function swapExactOut(address, address, uint256, address, bytes calldata) external {}
}

/// @notice Calls ApprovalLib as the router and the executor do.
contract ApprovalHarness {
    function approveMaxIfNeeded(address token, address spender, uint256 amount) external {
        ApprovalLib.approveMaxIfNeeded(token, spender, amount);
    }
}

/// @notice The review's smaller periphery findings (issue 14, item 4), each pinned.
contract PeripheryHardeningTest is PeripheryBase {
    address internal ATTACKER;
    address internal NEW_KEEPER;

    function setUp() public override {
        super.setUp();
        ATTACKER = makeAddr("Attacker");
        NEW_KEEPER = makeAddr("NewKeeper");
        // The attacker holds a leveraged long through the router, like any user.
        weth.mint(ATTACKER, 10e18);
        vm.startPrank(ATTACKER);
        core.setAuthorization(address(router), true);
        weth.approve(address(router), type(uint256).max);
        router.open(longMarket, 10e18, 3e18, type(uint256).max, adapter, "", block.timestamp);
        vm.stopPrank();
    }

    // ------------------------------------------------------------------------------------------- router

    /// @notice WETH sent to the router by mistake cannot become the attacker's collateral through a fake
    /// adapter that borrows 1 wei and delivers nothing (before the fix the core pulled the stray WETH).
    function test_RevertWhen_LeverUpWouldSpendStrayCollateral() public {
        weth.mint(address(router), 50e18);
        Position memory before = core.position(_id(longMarket), ATTACKER);
        FakeAdapter fake = new FakeAdapter(1, ATTACKER);

        vm.prank(ATTACKER);
        vm.expectPartialRevert(IMarginRouter.Shortfall.selector);
        router.increaseLeverage(longMarket, 3.3e18, type(uint256).max, fake, "", block.timestamp);

        assertEq(core.position(_id(longMarket), ATTACKER).collateral, before.collateral, "collateral unchanged");
        assertEq(weth.balanceOf(address(router)), 50e18, "the stray WETH stays");
    }

    /// @notice USDC sent to the router by mistake cannot repay the attacker's debt through a fake adapter that
    /// "sells" 1 wei of collateral and delivers nothing.
    function test_RevertWhen_LeverDownWouldSpendStrayLoanTokens() public {
        usdc.mint(address(router), 100_000e6);
        Position memory before = core.position(_id(longMarket), ATTACKER);
        FakeAdapter fake = new FakeAdapter(1, ATTACKER);

        vm.prank(ATTACKER);
        vm.expectPartialRevert(IMarginRouter.Shortfall.selector);
        router.decreaseLeverage(longMarket, 1.5e18, type(uint256).max, fake, "", block.timestamp);

        assertEq(core.position(_id(longMarket), ATTACKER).borrowShares, before.borrowShares, "debt unchanged");
        assertEq(usdc.balanceOf(address(router)), 100_000e6, "the stray USDC stays");
    }

    /// @notice With stray tokens on the router, honest use still works and leaves them where they are.
    function test_HonestUseLeavesStrayTokensAlone() public {
        weth.mint(address(router), 7e18);
        usdc.mint(address(router), 9e6);
        (uint256 bought,) = _open(longMarket, 10e18, 2e18);
        assertEq(bought, 10e18, "bought");
        _close(longMarket);
        assertEq(weth.balanceOf(address(router)), 7e18, "stray WETH");
        assertEq(usdc.balanceOf(address(router)), 9e6, "stray USDC");
    }

    // ------------------------------------------------------------------------------------------- executor

    /// @notice A leaked keeper key is rotated in two steps; the old key loses every right once the new one
    /// accepts, and profits go to the new owner.
    function test_ExecutorOwnerRotatesInTwoSteps() public {
        vm.prank(ATTACKER);
        vm.expectRevert(ILiquidationExecutor.NotOwner.selector);
        executor.transferOwnership(ATTACKER);

        vm.expectEmit(address(executor));
        emit ILiquidationExecutor.OwnershipTransferStarted(KEEPER, NEW_KEEPER);
        vm.prank(KEEPER);
        executor.transferOwnership(NEW_KEEPER);
        assertEq(executor.owner(), KEEPER, "unchanged until accepted");
        assertEq(executor.pendingOwner(), NEW_KEEPER, "pending");

        vm.prank(ATTACKER);
        vm.expectRevert(ILiquidationExecutor.NotPendingOwner.selector);
        executor.acceptOwnership();

        vm.expectEmit(address(executor));
        emit ILiquidationExecutor.OwnershipTransferred(KEEPER, NEW_KEEPER);
        vm.prank(NEW_KEEPER);
        executor.acceptOwnership();
        assertEq(executor.owner(), NEW_KEEPER, "rotated");
        assertEq(executor.pendingOwner(), address(0), "nothing pending");

        usdc.mint(address(executor), 5e6);
        vm.prank(KEEPER);
        vm.expectRevert(ILiquidationExecutor.NotOwner.selector);
        executor.sweep(address(usdc));
        vm.prank(KEEPER);
        vm.expectRevert(ILiquidationExecutor.NotOwner.selector);
        executor.liquidate(longMarket, ATTACKER, type(uint256).max, adapter, "", 0);
        vm.prank(NEW_KEEPER);
        assertEq(executor.sweep(address(usdc)), 5e6, "the new owner sweeps");
        assertEq(usdc.balanceOf(NEW_KEEPER), 5e6, "to the new owner");
    }

    /// @notice The owner can cancel a pending transfer by pointing it at the zero address.
    function test_ExecutorOwnerCancelsTransfer() public {
        vm.startPrank(KEEPER);
        executor.transferOwnership(NEW_KEEPER);
        executor.transferOwnership(address(0));
        vm.stopPrank();
        vm.prank(NEW_KEEPER);
        vm.expectRevert(ILiquidationExecutor.NotPendingOwner.selector);
        executor.acceptOwnership();
        assertEq(executor.owner(), KEEPER, "owner kept");
    }

    // ------------------------------------------------------------------------------------------- approvals

    /// @notice A USDT-like token spends a max allowance down and refuses non-zero to non-zero approvals: once the
    /// allowance falls below a payment, approveMaxIfNeeded resets it to zero and approves max again (before the
    /// fix the second approval reverted and the token was unusable from then on).
    function test_ApproveMaxIfNeededReapprovesUsdtLikeTokens() public {
        UsdtLikeERC20 usdt = new UsdtLikeERC20();
        ApprovalHarness harness = new ApprovalHarness();
        address spender = makeAddr("Spender");
        usdt.mint(address(harness), 10e6);

        harness.approveMaxIfNeeded(address(usdt), spender, 1);
        assertEq(usdt.allowance(address(harness), spender), type(uint256).max, "max approved");
        vm.prank(spender);
        usdt.transferFrom(address(harness), spender, 4e6);
        assertEq(usdt.allowance(address(harness), spender), type(uint256).max - 4e6, "spent down");

        // Below the next payment: reset and approve again.
        harness.approveMaxIfNeeded(address(usdt), spender, type(uint256).max - 1e6);
        assertEq(usdt.allowance(address(harness), spender), type(uint256).max, "max again");
        vm.prank(spender);
        usdt.transferFrom(address(harness), spender, 6e6);
        assertEq(usdt.balanceOf(spender), 10e6, "both payments went through");
    }
}
