// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {MarketParams} from "../../src/interfaces/ICantilever.sol";
import {PeripheryBase} from "../periphery/utils/PeripheryBase.sol";
import {ERC20Mock} from "../utils/mocks/ERC20Mock.sol";

/// @notice Gas of the margin router and the liquidation executor against the real Uniswap v2 pool, written to
/// snapshots/PeripheryGasTest.json. Run with `forge test --isolate --match-path contracts/test/gas/PeripheryGas.t.sol`
/// (see GasSnapshot.t.sol: each call of a test body is then a transaction of its own; without isolation the
/// tests skip).
/// Steady state: a day has passed since the markets last accrued, the router and the executor have been used
/// before (their standing approvals to the core exist), traders have authorized the router and approved it.
contract PeripheryGasTest is PeripheryBase {
    uint256 internal constant START = 1_700_000_000; // Seconds.
    uint256 internal constant EQUITY = 10e18; // WETH.
    address internal constant CONSOLE = 0x000000000000000000636F6e736F6c652e6c6f67;

    address internal HOLDER2X;
    address internal HOLDER3X;
    address internal VICTIM;
    address internal VICTIM2;

    function setUp() public override {
        vm.warp(START);
        vm.roll(20_000_000);
        super.setUp();
        HOLDER2X = makeAddr("Holder2x");
        HOLDER3X = makeAddr("Holder3x");
        VICTIM = makeAddr("Victim");
        VICTIM2 = makeAddr("Victim2");
        _openAs(HOLDER2X, EQUITY, 2e18);
        _openAs(HOLDER3X, EQUITY, 3e18);
        _openAs(VICTIM, EQUITY, 5e18);
        _openAs(VICTIM2, EQUITY, 5e18);
        weth.mint(TRADER, EQUITY);
        // An earlier round trip: the router's standing USDC allowance to the core exists, as in steady use.
        _openAs(makeAddr("Earlier"), EQUITY, 2e18);
        vm.prank(makeAddr("Earlier"));
        router.close(longMarket, 0, adapter, "", block.timestamp);

        // WETH falls 8.4% (pool and oracle): both 5x longs are liquidatable. The executor's first liquidation
        // grants its standing USDC allowance to the core; VICTIM is left for the measurement.
        _dump(weth, 450e18);
        vm.prank(KEEPER);
        executor.liquidate(longMarket, VICTIM2, type(uint256).max, adapter, "", 0);

        vm.warp(START + 1 days);
        vm.roll(block.number + 7200);
    }

    modifier isolated() {
        loanToken.approve(address(this), 0);
        if (vm.lastCallGas().gasTotalUsed < 21_000) vm.skip(true);
        _;
    }

    function _openAs(address user, uint256 equity, uint256 leverage) internal {
        weth.mint(user, equity);
        vm.startPrank(user);
        core.setAuthorization(address(router), true);
        weth.approve(address(router), type(uint256).max);
        router.open(longMarket, equity, leverage, type(uint256).max, adapter, "", block.timestamp);
        vm.stopPrank();
    }

    function _snap(string memory name) internal returns (uint256 gasUsed) {
        gasUsed = vm.snapshotGasLastCall(name);
        (bool ok,) = CONSOLE.call(abi.encodeWithSignature("log(string,uint256)", name, gasUsed));
        ok;
    }

    function test_Gas_Open3x() public isolated {
        vm.prank(TRADER);
        router.open(longMarket, EQUITY, 3e18, type(uint256).max, adapter, "", block.timestamp);
        _snap("margin_open_3x");
    }

    function test_Gas_Increase2xTo3x() public isolated {
        vm.prank(HOLDER2X);
        router.increaseLeverage(longMarket, 3e18, type(uint256).max, adapter, "", block.timestamp);
        _snap("margin_increase_2x_to_3x");
    }

    function test_Gas_Decrease3xTo2x() public isolated {
        vm.prank(HOLDER3X);
        router.decreaseLeverage(longMarket, 2e18, type(uint256).max, adapter, "", block.timestamp);
        _snap("margin_decrease_3x_to_2x");
    }

    function test_Gas_Close3x() public isolated {
        vm.prank(HOLDER3X);
        router.close(longMarket, 0, adapter, "", block.timestamp);
        _snap("margin_close_3x");
    }

    function test_Gas_ExecutorLiquidateWithSwap() public isolated {
        vm.prank(KEEPER);
        (,, uint256 profit) = executor.liquidate(longMarket, VICTIM, type(uint256).max, adapter, "", 0);
        _snap("executor_liquidate_swap");
        assertGt(profit, 0, "profit");
    }
}
