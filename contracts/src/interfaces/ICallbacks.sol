// SPDX-License-Identifier: MIT
pragma solidity ^0.8.0;

/// @notice Called by the core during `liquidate`/`liquidateBatch` after the seized collateral has been sent
/// and before the repaid assets are pulled: a liquidator can sell the collateral and repay in the same call
/// without capital (flash liquidation).
interface ICantileverLiquidateCallback {
    /// @param repaidAssets Loan assets the core will pull from the caller right after this returns.
    /// @param data The `data` passed to `liquidate`.
    function onCantileverLiquidate(uint256 repaidAssets, bytes calldata data) external;
}

/// @notice Called by the core during `repay` before the repaid assets are pulled.
interface ICantileverRepayCallback {
    function onCantileverRepay(uint256 assets, bytes calldata data) external;
}

/// @notice Called by the core during `supply` before the supplied assets are pulled.
interface ICantileverSupplyCallback {
    function onCantileverSupply(uint256 assets, bytes calldata data) external;
}

/// @notice Called by the core during `supplyCollateral` before the collateral is pulled.
interface ICantileverSupplyCollateralCallback {
    function onCantileverSupplyCollateral(uint256 assets, bytes calldata data) external;
}

/// @notice Called by the core during `flashLoan`; the assets must be approved back to the core on return.
interface ICantileverFlashLoanCallback {
    function onCantileverFlashLoan(uint256 assets, bytes calldata data) external;
}
