// SPDX-License-Identifier: MIT
pragma solidity ^0.8.0;

import {Id, MarketParams} from "../interfaces/ICantilever.sol";

/// @title MarketParamsLib
library MarketParamsLib {
    /// @dev Size of MarketParams in memory: 5 words.
    uint256 internal constant MARKET_PARAMS_BYTES_LENGTH = 5 * 32;

    /// @notice The market id: keccak256 of abi.encode(loanToken, collateralToken, oracle, rateModel, lltv).
    function id(MarketParams memory marketParams) internal pure returns (Id marketParamsId) {
        assembly ("memory-safe") {
            marketParamsId := keccak256(marketParams, MARKET_PARAMS_BYTES_LENGTH)
        }
    }
}
