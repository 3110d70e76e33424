// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {MarketParams, Position} from "../../src/interfaces/ICantilever.sol";
import {ILiquidationExecutor} from "../../src/interfaces/ILiquidationExecutor.sol";
import {ErrorsLib} from "../../src/libraries/ErrorsLib.sol";
import {Vm} from "../utils/Vm.sol";
import {ERC20Mock} from "../utils/mocks/ERC20Mock.sol";
import {PeripheryBase} from "./utils/PeripheryBase.sol";

/// @notice Leveraged positions opened through the router fall past their LLTV after a real move of the Uniswap
/// pool; the keeper's executor liquidates them, selling the seized collateral into the same pool.
contract LiquidationExecutorTest is PeripheryBase {
    uint256 internal constant LLTV_80 = 0.8e18; // Enabled by BaseTest.

    address internal SHORTER;
    address internal CAREFUL;
    MarketParams internal long80; // Same tokens and oracle as longMarket, LLTV 80%.

    function setUp() public override {
        super.setUp();
        SHORTER = makeAddr("Shorter");
        CAREFUL = makeAddr("Careful");
        long80 = MarketParams(address(usdc), address(weth), address(longOracle), address(rateModel), LLTV_80);
        core.createMarket(long80);
        _lend(long80, LEND_USDC);
    }

    function _openAs(address user, MarketParams memory params, uint256 equity, uint256 leverage) internal {
        ERC20Mock collateral = ERC20Mock(params.collateralToken);
        collateral.mint(user, equity);
        vm.startPrank(user);
        if (!core.isAuthorized(user, address(router))) core.setAuthorization(address(router), true);
        collateral.approve(address(router), type(uint256).max);
        router.open(params, equity, leverage, type(uint256).max, adapter, "", block.timestamp);
        vm.stopPrank();
    }

    /// @dev A 5x long in the 86% market, then 450 WETH sold into the pool: WETH -8.4%, LTV about 0.88.
    function _longUnderwater() internal {
        _openAs(TRADER, longMarket, 10e18, 5e18);
        assertFalse(_liquidatable(longMarket, TRADER), "healthy at open");
        _dump(weth, 450e18);
        assertTrue(_liquidatable(longMarket, TRADER), "liquidatable after the move");
    }

    function _liquidate(MarketParams memory params, address borrower, uint256 minProfit)
        internal
        returns (uint256 repaid, uint256 seized, uint256 profit)
    {
        vm.prank(KEEPER);
        return executor.liquidate(params, borrower, type(uint256).max, adapter, "", minProfit);
    }

    function test_LiquidatesLeveragedLongAtProfit() public {
        _longUnderwater();
        Position memory before = core.position(_id(longMarket), TRADER);

        vm.recordLogs();
        (uint256 repaid, uint256 seized, uint256 profit) = _liquidate(longMarket, TRADER, 1e6);

        assertGt(repaid, 0, "repaid");
        assertGt(profit, 1e6, "profit above 1 USDC");
        assertEq(usdc.balanceOf(KEEPER), profit, "profit paid to the owner");
        assertEq(core.position(_id(longMarket), TRADER).collateral, before.collateral - seized, "seized");
        assertFalse(_liquidatable(longMarket, TRADER), "restored to health");
        _assertExecutorEmpty();
        _assertLiquidatedEvent(vm.getRecordedLogs(), TRADER, repaid, seized, profit);
    }

    function test_LiquidatesLeveragedShortAtProfit() public {
        _openAs(SHORTER, shortMarket, 20_000e6, 5e18);
        _dump(usdc, 900_000e6); // WETH +8.6%
        assertTrue(_liquidatable(shortMarket, SHORTER), "liquidatable after the move");

        (uint256 repaid,, uint256 profit) = _liquidate(shortMarket, SHORTER, 0.001e18);
        assertGt(repaid, 0, "repaid");
        assertGt(profit, 0.001e18, "profit in WETH");
        assertEq(weth.balanceOf(KEEPER), profit, "profit paid to the owner");
        _assertExecutorEmpty();
    }

    /// @notice Too high a minProfit reverts the whole liquidation: position, balances and pool as before.
    function test_RevertWhen_ProfitBelowMinimum_ChangesNothing() public {
        _longUnderwater();
        uint256 snap = vm.snapshotState();
        (,, uint256 profit) = _liquidate(longMarket, TRADER, 0);
        vm.revertToState(snap);

        Position memory before = core.position(_id(longMarket), TRADER);
        (uint256 rWeth, uint256 rUsdc) = _reserves();
        address escrow = core.escrowOf(_id(longMarket));
        uint256 escrowUsdc = usdc.balanceOf(escrow);
        uint256 escrowWeth = weth.balanceOf(escrow);

        vm.expectRevert(abi.encodeWithSelector(ILiquidationExecutor.ProfitTooLow.selector, profit, profit + 1));
        _liquidate(longMarket, TRADER, profit + 1);

        Position memory after_ = core.position(_id(longMarket), TRADER);
        assertEq(after_.borrowShares, before.borrowShares, "debt unchanged");
        assertEq(after_.collateral, before.collateral, "collateral unchanged");
        (uint256 rWeth2, uint256 rUsdc2) = _reserves();
        assertEq(rWeth2, rWeth, "pool WETH unchanged");
        assertEq(rUsdc2, rUsdc, "pool USDC unchanged");
        assertEq(usdc.balanceOf(escrow), escrowUsdc, "market's USDC unchanged");
        assertEq(weth.balanceOf(escrow), escrowWeth, "market's WETH unchanged");
        assertEq(usdc.balanceOf(KEEPER), 0, "no profit paid");
        _assertExecutorEmpty();
    }

    /// @notice Three orders across two markets: two underwater leveraged longs are liquidated, the healthy 2x
    /// position is skipped with the core's reason, and the batch still goes through.
    function test_BatchAcrossMarketsSkipsHealthy() public {
        _openAs(TRADER, longMarket, 10e18, 5e18);
        _openAs(SHORTER, long80, 10e18, 4e18);
        _openAs(CAREFUL, longMarket, 10e18, 2e18);
        _dump(weth, 450e18);

        ILiquidationExecutor.Order[] memory orders = new ILiquidationExecutor.Order[](3);
        orders[0] = _order(longMarket, TRADER, 0);
        orders[1] = _order(long80, SHORTER, 0);
        orders[2] = _order(longMarket, CAREFUL, 0);

        vm.expectEmit(address(executor));
        emit ILiquidationExecutor.LiquidationSkipped(
            _id(longMarket), CAREFUL, abi.encodeWithSelector(ErrorsLib.HealthyPosition.selector)
        );
        vm.prank(KEEPER);
        uint256[] memory profits = executor.liquidateBatch(orders);

        assertGt(profits[0], 0, "86% market liquidated");
        assertGt(profits[1], 0, "80% market liquidated");
        assertEq(profits[2], 0, "healthy skipped");
        assertEq(usdc.balanceOf(KEEPER), profits[0] + profits[1], "profits paid");
        _assertExecutorEmpty();
    }

    function test_BatchSkipsOrderBelowItsMinimum() public {
        _openAs(TRADER, longMarket, 10e18, 5e18);
        _openAs(SHORTER, long80, 10e18, 4e18);
        _dump(weth, 450e18);
        ILiquidationExecutor.Order[] memory orders = new ILiquidationExecutor.Order[](2);
        orders[0] = _order(longMarket, TRADER, type(uint128).max);
        orders[1] = _order(long80, SHORTER, 0);
        vm.prank(KEEPER);
        uint256[] memory profits = executor.liquidateBatch(orders);
        assertEq(profits[0], 0, "skipped");
        assertGt(profits[1], 0, "liquidated");
        assertTrue(_liquidatable(longMarket, TRADER), "untouched");
    }

    function test_RevertWhen_BatchLiquidatesNothing() public {
        _openAs(CAREFUL, longMarket, 10e18, 2e18);
        ILiquidationExecutor.Order[] memory orders = new ILiquidationExecutor.Order[](1);
        orders[0] = _order(longMarket, CAREFUL, 0);
        vm.expectRevert(ILiquidationExecutor.NothingLiquidated.selector);
        vm.prank(KEEPER);
        executor.liquidateBatch(orders);
    }

    function test_RevertWhen_NotOwner() public {
        _longUnderwater();
        vm.expectRevert(ILiquidationExecutor.NotOwner.selector);
        vm.prank(LIQUIDATOR);
        executor.liquidate(longMarket, TRADER, type(uint256).max, adapter, "", 0);

        vm.expectRevert(ILiquidationExecutor.NotOwner.selector);
        vm.prank(LIQUIDATOR);
        executor.liquidateBatch(new ILiquidationExecutor.Order[](0));

        vm.expectRevert(ILiquidationExecutor.NotOwner.selector);
        vm.prank(LIQUIDATOR);
        executor.sweep(address(usdc));
    }

    function test_SweepDrainsToOwner() public {
        usdc.mint(address(executor), 123e6);
        vm.prank(KEEPER);
        assertEq(executor.sweep(address(usdc)), 123e6, "swept");
        assertEq(usdc.balanceOf(KEEPER), 123e6, "to the owner");
        _assertExecutorEmpty();
    }

    function test_RevertWhen_CallbackNotFromCore() public {
        vm.expectRevert(ILiquidationExecutor.NotCore.selector);
        executor.onCantileverLiquidate(1, "");
    }

    /// @notice Parallel EVM: a liquidation writes no storage slot of the executor and reads only the owner's,
    /// which only an ownership transfer writes (the core is immutable, the callback's result travels in transient
    /// storage), so two liquidations in separate transactions cannot conflict on it.
    function test_LiquidationWritesNoExecutorStorage() public {
        _openAs(TRADER, longMarket, 10e18, 5e18);
        _openAs(SHORTER, long80, 10e18, 4e18);
        _dump(weth, 450e18);
        _liquidate(long80, SHORTER, 0); // The first use of a token grants the core's allowance once.

        vm.record();
        _liquidate(longMarket, TRADER, 0);
        (bytes32[] memory reads, bytes32[] memory writes) = vm.accesses(address(executor));
        assertEq(writes.length, 0, "executor storage written");
        assertGt(reads.length, 0, "the owner is read");
        for (uint256 i; i < reads.length; ++i) {
            assertEq(reads[i], bytes32(0), "a slot other than the owner's read");
        }
        assertEq(address(uint160(uint256(vm.load(address(executor), bytes32(0))))), KEEPER, "slot 0 is the owner");
    }

    function _order(MarketParams memory params, address borrower, uint256 minProfit)
        internal
        view
        returns (ILiquidationExecutor.Order memory)
    {
        return ILiquidationExecutor.Order(params, borrower, type(uint256).max, adapter, "", minProfit);
    }

    function _assertExecutorEmpty() internal view {
        assertEq(usdc.balanceOf(address(executor)), 0, "executor holds USDC");
        assertEq(weth.balanceOf(address(executor)), 0, "executor holds WETH");
    }

    function _assertLiquidatedEvent(
        Vm.Log[] memory logs,
        address borrower,
        uint256 repaid,
        uint256 seized,
        uint256 profit
    ) internal view {
        for (uint256 i; i < logs.length; ++i) {
            if (logs[i].emitter != address(executor) || logs[i].topics[0] != ILiquidationExecutor.Liquidated.selector) {
                continue;
            }
            assertEq(logs[i].topics[1], bytes32(abi.encode(_id(longMarket))), "id");
            assertEq(logs[i].topics[2], bytes32(uint256(uint160(borrower))), "borrower");
            (uint256 r, uint256 s, uint256 p) = abi.decode(logs[i].data, (uint256, uint256, uint256));
            assertEq(r, repaid, "event repaid");
            assertEq(s, seized, "event seized");
            assertEq(p, profit, "event profit");
            return;
        }
        assertTrue(false, "no Liquidated event");
    }
}
