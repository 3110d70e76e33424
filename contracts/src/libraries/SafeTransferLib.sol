// SPDX-License-Identifier: MIT
pragma solidity ^0.8.0;

import {ErrorsLib} from "./ErrorsLib.sol";

/// @title SafeTransferLib
/// @notice Transfers that accept tokens returning nothing (USDT) and reject calls to non-contracts.
/// @dev A call passes when it did not revert and either returned a first word equal to 1 (true) or returned nothing
/// from an account with code. A call to an account without code succeeds with empty return data, and that is the
/// only case the code-size check has to catch, so it only runs then (saving a check per transfer). Anything else
/// returned (false, a short answer, garbage) counts as "returned false".
/// Assembly in scratch memory (Solady's pattern): nothing is allocated or copied, a few hundred gas saved per
/// transfer on the core's hot paths. Each function restores the free memory pointer and the zero slot it borrows.
library SafeTransferLib {
    /// @dev Outcome of a token call: passed, reverted, returned something other than true, called no code.
    uint256 private constant OK = 0;
    uint256 private constant REVERTED = 1;
    uint256 private constant RETURNED_FALSE = 2;
    uint256 private constant NO_CODE = 3;

    function safeTransfer(address token, address to, uint256 value) internal {
        uint256 outcome;
        assembly ("memory-safe") {
            let fmp := mload(0x40)
            mstore(0x00, 0xa9059cbb) // transfer(address,uint256)
            mstore(0x20, shr(96, shl(96, to)))
            mstore(0x40, value)
            switch call(gas(), token, 0, 0x1c, 0x44, 0x00, 0x20)
            case 0 { outcome := REVERTED }
            default {
                switch returndatasize()
                case 0 { if iszero(extcodesize(token)) { outcome := NO_CODE } }
                default {
                    if iszero(and(gt(returndatasize(), 0x1f), eq(mload(0x00), 1))) { outcome := RETURNED_FALSE }
                }
            }
            mstore(0x40, fmp)
        }
        if (outcome != OK) {
            if (outcome == REVERTED) revert ErrorsLib.TransferReverted();
            if (outcome == RETURNED_FALSE) revert ErrorsLib.TransferReturnedFalse();
            revert ErrorsLib.NoCode();
        }
    }

    function safeTransferFrom(address token, address from, address to, uint256 value) internal {
        uint256 outcome;
        assembly ("memory-safe") {
            let fmp := mload(0x40)
            mstore(0x00, 0x23b872dd) // transferFrom(address,address,uint256)
            mstore(0x20, shr(96, shl(96, from)))
            mstore(0x40, shr(96, shl(96, to)))
            mstore(0x60, value)
            switch call(gas(), token, 0, 0x1c, 0x64, 0x00, 0x20)
            case 0 { outcome := REVERTED }
            default {
                switch returndatasize()
                case 0 { if iszero(extcodesize(token)) { outcome := NO_CODE } }
                default {
                    if iszero(and(gt(returndatasize(), 0x1f), eq(mload(0x00), 1))) { outcome := RETURNED_FALSE }
                }
            }
            mstore(0x40, fmp)
            mstore(0x60, 0)
        }
        if (outcome != OK) {
            if (outcome == REVERTED) revert ErrorsLib.TransferFromReverted();
            if (outcome == RETURNED_FALSE) revert ErrorsLib.TransferFromReturnedFalse();
            revert ErrorsLib.NoCode();
        }
    }

    /// @notice Approves `spender` for the maximum amount of `token`; reverts unless the token accepts it.
    /// @dev Used by a market's escrow, once per token, when the market is created.
    function safeApproveMax(address token, address spender) internal {
        uint256 outcome;
        assembly ("memory-safe") {
            let fmp := mload(0x40)
            mstore(0x00, 0x095ea7b3) // approve(address,uint256)
            mstore(0x20, shr(96, shl(96, spender)))
            mstore(0x40, not(0))
            switch call(gas(), token, 0, 0x1c, 0x44, 0x00, 0x20)
            case 0 { outcome := REVERTED }
            default {
                switch returndatasize()
                case 0 { if iszero(extcodesize(token)) { outcome := NO_CODE } }
                default {
                    if iszero(and(gt(returndatasize(), 0x1f), eq(mload(0x00), 1))) { outcome := RETURNED_FALSE }
                }
            }
            mstore(0x40, fmp)
        }
        if (outcome != OK) {
            if (outcome == NO_CODE) revert ErrorsLib.NoCode();
            revert ErrorsLib.ApproveFailed();
        }
    }
}
