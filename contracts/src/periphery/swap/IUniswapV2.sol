// SPDX-License-Identifier: MIT
pragma solidity ^0.8.0;

/// @notice The two calls of Uniswap v2's factory and pair the adapter needs (v2-core 1.0.1).
interface IUniswapV2Factory {
    function getPair(address tokenA, address tokenB) external view returns (address pair);
}

interface IUniswapV2Pair {
    function getReserves() external view returns (uint112 reserve0, uint112 reserve1, uint32 blockTimestampLast);

    function swap(uint256 amount0Out, uint256 amount1Out, address to, bytes calldata data) external;
}
