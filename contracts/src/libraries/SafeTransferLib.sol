// SPDX-License-Identifier: MIT
pragma solidity ^0.8.0;

import {IERC20} from "../interfaces/IERC20.sol";
import {ErrorsLib} from "./ErrorsLib.sol";

/// @title SafeTransferLib
/// @notice Transfers that accept tokens returning nothing (USDT) and reject calls to non-contracts.
/// @dev The code-size check only runs when the call returned nothing: a call to an account without code
/// succeeds with empty return data, and that is the only case it can hide. Saves a check per transfer.
library SafeTransferLib {
    function safeTransfer(address token, address to, uint256 value) internal {
        (bool success, bytes memory returned) = token.call(abi.encodeCall(IERC20.transfer, (to, value)));
        if (!success) revert ErrorsLib.TransferReverted();
        if (returned.length == 0) {
            if (token.code.length == 0) revert ErrorsLib.NoCode();
        } else if (!abi.decode(returned, (bool))) {
            revert ErrorsLib.TransferReturnedFalse();
        }
    }

    function safeTransferFrom(address token, address from, address to, uint256 value) internal {
        (bool success, bytes memory returned) = token.call(abi.encodeCall(IERC20.transferFrom, (from, to, value)));
        if (!success) revert ErrorsLib.TransferFromReverted();
        if (returned.length == 0) {
            if (token.code.length == 0) revert ErrorsLib.NoCode();
        } else if (!abi.decode(returned, (bool))) {
            revert ErrorsLib.TransferFromReturnedFalse();
        }
    }
}
