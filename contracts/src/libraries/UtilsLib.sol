// SPDX-License-Identifier: MIT
pragma solidity ^0.8.0;

import {ErrorsLib} from "./ErrorsLib.sol";

/// @title UtilsLib
library UtilsLib {
    function exactlyOneZero(uint256 x, uint256 y) internal pure returns (bool) {
        return (x == 0) != (y == 0);
    }

    function min(uint256 x, uint256 y) internal pure returns (uint256) {
        return x < y ? x : y;
    }

    /// @dev max(x - y, 0).
    function zeroFloorSub(uint256 x, uint256 y) internal pure returns (uint256) {
        return x > y ? x - y : 0;
    }

    function toUint128(uint256 x) internal pure returns (uint128) {
        if (x > type(uint128).max) revert ErrorsLib.MaxUint128Exceeded();
        return uint128(x);
    }
}
