// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ISwapAdapter} from "../../interfaces/ISwapAdapter.sol";
import {IUniswapV2Factory, IUniswapV2Pair} from "./IUniswapV2.sol";

/// @title UniswapV2Adapter
/// @notice Swaps through one Uniswap v2 pair (0.3% fee) of a given factory, talking to the pair directly.
/// @dev Why not the v2 router: the router needs an approval and pulls the input itself (a second transfer),
/// and derives pair addresses from a hardcoded init code hash. The factory's `getPair` works for any
/// deployment of the v2 bytecode, and paying the pair directly is the cheapest path v2 offers.
contract UniswapV2Adapter is ISwapAdapter {
    /// @notice Fee-adjusted input per 1000 (Uniswap v2's 0.3% fee).
    uint256 internal constant FEE_NUMERATOR = 997;
    uint256 internal constant FEE_DENOMINATOR = 1000;

    IUniswapV2Factory public immutable FACTORY;

    constructor(IUniswapV2Factory factory) {
        FACTORY = factory;
    }

    /// @inheritdoc ISwapAdapter
    function quoteExactIn(address tokenIn, address tokenOut, uint256 amountIn, bytes calldata)
        external
        view
        returns (uint256 amountOut, address payTo)
    {
        uint256 reserveIn;
        uint256 reserveOut;
        (payTo, reserveIn, reserveOut) = _pool(tokenIn, tokenOut);
        amountOut = _amountOut(amountIn, reserveIn, reserveOut);
    }

    /// @inheritdoc ISwapAdapter
    function quoteExactOut(address tokenIn, address tokenOut, uint256 amountOut, bytes calldata)
        external
        view
        returns (uint256 amountIn, address payTo)
    {
        uint256 reserveIn;
        uint256 reserveOut;
        (payTo, reserveIn, reserveOut) = _pool(tokenIn, tokenOut);
        if (amountOut == 0) revert ZeroAmount();
        if (amountOut >= reserveOut) revert InsufficientLiquidity(amountOut, reserveOut);
        // Uniswap v2's getAmountIn: rounded up (plus one), so the pair's invariant check always passes.
        amountIn = reserveIn * amountOut * FEE_DENOMINATOR / ((reserveOut - amountOut) * FEE_NUMERATOR) + 1;
    }

    /// @inheritdoc ISwapAdapter
    function swapExactIn(
        address tokenIn,
        address tokenOut,
        uint256 amountIn,
        uint256 minAmountOut,
        address receiver,
        bytes calldata
    ) external returns (uint256 amountOut) {
        (address pair, uint256 reserveIn, uint256 reserveOut) = _pool(tokenIn, tokenOut);
        amountOut = _amountOut(amountIn, reserveIn, reserveOut);
        if (amountOut < minAmountOut) revert InsufficientOutput(amountOut, minAmountOut);
        _swap(pair, tokenIn < tokenOut, amountOut, receiver);
    }

    /// @inheritdoc ISwapAdapter
    function swapExactOut(address tokenIn, address tokenOut, uint256 amountOut, address receiver, bytes calldata)
        external
    {
        address pair = FACTORY.getPair(tokenIn, tokenOut);
        if (pair == address(0)) revert NoPool(tokenIn, tokenOut);
        // The pair checks that the input it received pays for this output (its k invariant).
        _swap(pair, tokenIn < tokenOut, amountOut, receiver);
    }

    function _pool(address tokenIn, address tokenOut)
        internal
        view
        returns (address pair, uint256 reserveIn, uint256 reserveOut)
    {
        pair = FACTORY.getPair(tokenIn, tokenOut);
        if (pair == address(0)) revert NoPool(tokenIn, tokenOut);
        (uint256 reserve0, uint256 reserve1,) = IUniswapV2Pair(pair).getReserves();
        (reserveIn, reserveOut) = tokenIn < tokenOut ? (reserve0, reserve1) : (reserve1, reserve0);
    }

    /// @dev Uniswap v2's getAmountOut, rounded down.
    function _amountOut(uint256 amountIn, uint256 reserveIn, uint256 reserveOut) internal pure returns (uint256) {
        if (amountIn == 0) revert ZeroAmount();
        uint256 amountInWithFee = amountIn * FEE_NUMERATOR;
        return amountInWithFee * reserveOut / (reserveIn * FEE_DENOMINATOR + amountInWithFee);
    }

    /// @dev `zeroForOne`: tokenIn is the pair's token0 (the lower address), so the output is token1.
    function _swap(address pair, bool zeroForOne, uint256 amountOut, address receiver) internal {
        (uint256 amount0Out, uint256 amount1Out) = zeroForOne ? (uint256(0), amountOut) : (amountOut, uint256(0));
        IUniswapV2Pair(pair).swap(amount0Out, amount1Out, receiver, "");
    }
}
