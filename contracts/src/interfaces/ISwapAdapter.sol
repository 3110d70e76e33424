// SPDX-License-Identifier: MIT
pragma solidity ^0.8.0;

/// @title ISwapAdapter
/// @notice One interface in front of every venue the margin router and the liquidation executor swap through.
/// A swap is two steps in one transaction: `quote*` says how much and where to pay (`payTo`); the caller sends
/// exactly the input there, then calls `swap*`, which delivers the output to `receiver`.
/// Why pay first: a pool that checks its balances (Uniswap v2) can then be paid straight from wherever the
/// tokens already are (the core's `borrow` and `withdrawCollateral` take a receiver), with no approval and no
/// hop through the adapter: one token transfer per swap instead of two.
/// @dev Warning: between the quote and the swap nothing may trade against the venue, or the swap reverts (the
/// pool's invariant check fails). Callers quote and swap within one call frame, with only the payment between.
/// @dev Adapters hold no funds and have no owner; anyone may call them, and input paid by one caller is only
/// safe within that caller's transaction.
interface ISwapAdapter {
    /// @notice The venue has no pool for this pair.
    error NoPool(address tokenIn, address tokenOut);
    /// @notice The pool does not hold enough of `tokenOut` for the requested output.
    error InsufficientLiquidity(uint256 amountOut, uint256 reserveOut);
    /// @notice The output of an exact-input swap is below `minAmountOut` (token units).
    error InsufficientOutput(uint256 amountOut, uint256 minAmountOut);
    /// @notice An amount is zero.
    error ZeroAmount();

    /// @notice Output (token units, rounded down) of selling exactly `amountIn` of `tokenIn`, and where to pay.
    /// @param data Venue-specific route data (ignored by the Uniswap v2 adapter).
    function quoteExactIn(address tokenIn, address tokenOut, uint256 amountIn, bytes calldata data)
        external
        view
        returns (uint256 amountOut, address payTo);

    /// @notice Input (token units, rounded up) that buys exactly `amountOut` of `tokenOut`, and where to pay it.
    function quoteExactOut(address tokenIn, address tokenOut, uint256 amountOut, bytes calldata data)
        external
        view
        returns (uint256 amountIn, address payTo);

    /// @notice Sells `amountIn` of `tokenIn`, already paid to the quote's `payTo` in this transaction, and sends
    /// the output, at least `minAmountOut`, to `receiver`.
    function swapExactIn(
        address tokenIn,
        address tokenOut,
        uint256 amountIn,
        uint256 minAmountOut,
        address receiver,
        bytes calldata data
    ) external returns (uint256 amountOut);

    /// @notice Sends exactly `amountOut` of `tokenOut` to `receiver`, the input the quote asked for having been
    /// paid to `payTo` in this transaction (the venue reverts if it was not).
    function swapExactOut(address tokenIn, address tokenOut, uint256 amountOut, address receiver, bytes calldata data)
        external;
}
