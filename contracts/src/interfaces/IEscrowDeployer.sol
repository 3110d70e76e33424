// SPDX-License-Identifier: MIT
pragma solidity ^0.8.0;

/// @notice What a MarketEscrow asks its deployer (the core) while it is being constructed.
interface IEscrowDeployer {
    /// @notice The tokens of the market whose escrow is being created, or zeros outside `createMarket`.
    /// @dev Read back by the escrow's constructor, so the escrow's init code (and so its CREATE2 address) does not
    /// depend on them.
    function escrowTokens() external view returns (address loanToken, address collateralToken);
}
