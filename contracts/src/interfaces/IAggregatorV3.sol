// SPDX-License-Identifier: MIT
pragma solidity ^0.8.0;

/// @title IAggregatorV3
/// @notice The subset of Chainlink's AggregatorV3Interface that Cantilever reads (declared here because
/// the chainlink npm package does not install offline).
interface IAggregatorV3 {
    function decimals() external view returns (uint8);

    function description() external view returns (string memory);

    function version() external view returns (uint256);

    function latestRoundData()
        external
        view
        returns (uint80 roundId, int256 answer, uint256 startedAt, uint256 updatedAt, uint80 answeredInRound);
}
