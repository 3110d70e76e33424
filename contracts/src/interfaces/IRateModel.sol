// SPDX-License-Identifier: MIT
pragma solidity ^0.8.0;

/// @title IRateModel
/// @notice Interest rate model of a market. Stateless by design: a view keeps accrual and previews identical
/// and writes no storage shared between markets (no conflicts between markets on a parallel EVM).
interface IRateModel {
    /// @notice Borrow rate per second (WAD) given the market's totals after the last accrual.
    /// @param totalSupplyAssets Loan assets supplied (loan token units).
    /// @param totalBorrowAssets Loan assets borrowed (loan token units).
    function borrowRate(uint256 totalSupplyAssets, uint256 totalBorrowAssets) external view returns (uint256);
}
