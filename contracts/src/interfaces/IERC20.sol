// SPDX-License-Identifier: MIT
pragma solidity ^0.8.0;

/// @dev Minimal ERC20 surface; the core only calls `transfer`/`transferFrom` through SafeTransferLib
/// (tolerates tokens that return nothing) and `balanceOf` never.
interface IERC20 {
    function transfer(address to, uint256 amount) external returns (bool);

    function transferFrom(address from, address to, uint256 amount) external returns (bool);

    function approve(address spender, uint256 amount) external returns (bool);

    function balanceOf(address account) external view returns (uint256);

    function decimals() external view returns (uint8);
}
