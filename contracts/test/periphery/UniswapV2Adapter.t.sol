// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ISwapAdapter} from "../../src/interfaces/ISwapAdapter.sol";
import {ERC20Mock} from "../utils/mocks/ERC20Mock.sol";
import {IUniswapV2FactoryFull, IUniswapV2Router02, PeripheryBase} from "./utils/PeripheryBase.sol";
import {UniswapV2Deployer} from "./utils/UniswapV2Deployer.sol";

/// @notice The Uniswap v2 deployment from the npm artifacts, and the adapter against it.
contract UniswapV2AdapterTest is PeripheryBase {
    /// @dev The artifact's pairs have mainnet's init code hash, so Router02 (which hardcodes it) finds them.
    function test_PairInitCodeHashIsMainnets() public view {
        assertEq(UniswapV2Deployer.pairInitCodeHash(), UniswapV2Deployer.MAINNET_INIT_CODE_HASH, "init code hash");
        (address token0, address token1) =
            address(usdc) < address(weth) ? (address(usdc), address(weth)) : (address(weth), address(usdc));
        bytes32 salt = keccak256(abi.encodePacked(token0, token1));
        address computed = address(
            uint160(
                uint256(
                    keccak256(abi.encodePacked(hex"ff", uni.factory, salt, UniswapV2Deployer.MAINNET_INIT_CODE_HASH))
                )
            )
        );
        assertEq(computed, address(pool), "pairFor");
    }

    function test_Router02SwapsThroughFactoryPairs() public {
        address[] memory path = new address[](2);
        path[0] = address(usdc);
        path[1] = address(weth);
        uint256 expected = IUniswapV2Router02(uni.router).getAmountsOut(10_000e6, path)[1];
        usdc.mint(address(this), 10_000e6);
        usdc.approve(uni.router, type(uint256).max);
        uint256[] memory amounts = IUniswapV2Router02(uni.router)
            .swapExactTokensForTokens(10_000e6, expected, path, address(this), block.timestamp);
        assertEq(amounts[1], expected, "router swap");
        assertEq(weth.balanceOf(address(this)), expected, "received");
    }

    function testFuzz_QuotesMatchRouter02(uint256 amount, bool usdcIn) public view {
        (ERC20Mock tokenIn, ERC20Mock tokenOut) = usdcIn ? (usdc, weth) : (weth, usdc);
        uint256 reserveOut = usdcIn ? POOL_WETH : POOL_USDC;
        address[] memory path = new address[](2);
        path[0] = address(tokenIn);
        path[1] = address(tokenOut);

        uint256 amountIn = bound(amount, 1e6, usdcIn ? 1e15 : 1e24);
        (uint256 out, address payTo) = adapter.quoteExactIn(address(tokenIn), address(tokenOut), amountIn, "");
        assertEq(out, IUniswapV2Router02(uni.router).getAmountsOut(amountIn, path)[1], "exact in");
        assertEq(payTo, address(pool), "payTo");

        uint256 amountOut = bound(amount, 1, reserveOut - 1);
        (uint256 needed,) = adapter.quoteExactOut(address(tokenIn), address(tokenOut), amountOut, "");
        assertEq(needed, IUniswapV2Router02(uni.router).getAmountsIn(amountOut, path)[0], "exact out");
    }

    function test_SwapExactIn() public {
        (uint256 out, address payTo) = adapter.quoteExactIn(address(usdc), address(weth), 2_000e6, "");
        usdc.mint(payTo, 2_000e6);
        uint256 received = adapter.swapExactIn(address(usdc), address(weth), 2_000e6, out, address(this), "");
        assertEq(received, out, "out");
        assertEq(weth.balanceOf(address(this)), out, "received");
        assertLt(out, 1e18, "fee and impact");
        assertGt(out, 0.996e18, "about one WETH");
    }

    function test_SwapExactOut() public {
        (uint256 amountIn, address payTo) = adapter.quoteExactOut(address(weth), address(usdc), 1_000e6, "");
        weth.mint(payTo, amountIn);
        adapter.swapExactOut(address(weth), address(usdc), 1_000e6, address(this), "");
        assertEq(usdc.balanceOf(address(this)), 1_000e6, "exact out");
    }

    function test_RevertWhen_SwapExactOutUnderpaid() public {
        (uint256 amountIn, address payTo) = adapter.quoteExactOut(address(weth), address(usdc), 1_000e6, "");
        weth.mint(payTo, amountIn - 1);
        vm.expectRevert(bytes("UniswapV2: K"));
        adapter.swapExactOut(address(weth), address(usdc), 1_000e6, address(this), "");
    }

    function test_RevertWhen_OutputBelowMinimum() public {
        (uint256 out, address payTo) = adapter.quoteExactIn(address(usdc), address(weth), 2_000e6, "");
        usdc.mint(payTo, 2_000e6);
        vm.expectRevert(abi.encodeWithSelector(ISwapAdapter.InsufficientOutput.selector, out, out + 1));
        adapter.swapExactIn(address(usdc), address(weth), 2_000e6, out + 1, address(this), "");
    }

    function test_RevertWhen_NoPool() public {
        ERC20Mock other = new ERC20Mock("Other", "OTH", 18);
        vm.expectRevert(abi.encodeWithSelector(ISwapAdapter.NoPool.selector, address(other), address(weth)));
        adapter.quoteExactIn(address(other), address(weth), 1e18, "");
    }

    function test_RevertWhen_OutputAboveReserve() public {
        vm.expectRevert(abi.encodeWithSelector(ISwapAdapter.InsufficientLiquidity.selector, POOL_WETH, POOL_WETH));
        adapter.quoteExactOut(address(usdc), address(weth), POOL_WETH, "");
    }
}
