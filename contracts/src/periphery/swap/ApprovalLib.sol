// SPDX-License-Identifier: MIT
pragma solidity ^0.8.0;

/// @title ApprovalLib
/// @notice Standing approvals from a periphery contract to the core, granted once per token.
/// @dev The router and the executor hold no funds between calls and the core is immutable and trusted, so an
/// unlimited approval to it risks nothing. Granting it once (instead of approving each call's amount) makes
/// later calls only read the allowance slot: independent transactions using the same token write no shared
/// allowance slot, which a parallel EVM would otherwise see as a conflict.
library ApprovalLib {
    /// @notice The token's approve reverted or returned false.
    error ApproveFailed(address token);

    /// @dev Approves type(uint256).max to `spender` when the allowance is below `amount`. Accepts tokens that
    /// return nothing (USDT).
    function approveMaxIfNeeded(address token, address spender, uint256 amount) internal {
        (bool ok, bytes memory returned) =
            token.staticcall(abi.encodeWithSignature("allowance(address,address)", address(this), spender));
        if (ok && returned.length >= 32 && abi.decode(returned, (uint256)) >= amount) return;
        (ok, returned) = token.call(abi.encodeWithSignature("approve(address,uint256)", spender, type(uint256).max));
        if (!ok || (returned.length != 0 && !abi.decode(returned, (bool)))) revert ApproveFailed(token);
    }
}
