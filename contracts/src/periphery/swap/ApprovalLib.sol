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
    /// return nothing (USDT). Tokens that spend a max allowance down like any other eventually fall below
    /// `amount` and are approved again; tokens that refuse to change a non-zero allowance to another non-zero
    /// one (USDT) are first reset to zero, else that second approval would revert forever.
    function approveMaxIfNeeded(address token, address spender, uint256 amount) internal {
        (bool ok, bytes memory returned) =
            token.staticcall(abi.encodeWithSignature("allowance(address,address)", address(this), spender));
        uint256 allowed = ok && returned.length >= 32 ? abi.decode(returned, (uint256)) : 0;
        if (allowed >= amount) return;
        if (allowed != 0) _approve(token, spender, 0);
        _approve(token, spender, type(uint256).max);
    }

    function _approve(address token, address spender, uint256 value) private {
        (bool ok, bytes memory returned) =
            token.call(abi.encodeWithSignature("approve(address,uint256)", spender, value));
        if (!ok || (returned.length != 0 && (returned.length < 32 || !abi.decode(returned, (bool))))) {
            revert ApproveFailed(token);
        }
    }
}
