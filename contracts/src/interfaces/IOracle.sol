// SPDX-License-Identifier: MIT
pragma solidity ^0.8.0;

/// @title IOracle
/// @notice The price a market uses to value collateral in loan assets.
interface IOracle {
    /// @notice Price of 1 smallest unit of collateral token, quoted in smallest units of loan token,
    /// scaled by 1e36 (ConstantsLib.ORACLE_PRICE_SCALE).
    /// @dev For collateral with `c` decimals and loan with `l` decimals, a human price P gives
    /// `P * 10**(36 + l - c)`.
    /// @dev MUST revert rather than return a price it cannot vouch for (stale, out of bounds, sequencer down):
    /// the core fails closed on a revert: no borrow, no collateral withdrawal against debt, no liquidation.
    function price() external view returns (uint256);
}
