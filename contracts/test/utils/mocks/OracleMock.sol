// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IOracle} from "../../../src/interfaces/IOracle.sol";

/// @notice IOracle with a price tests set directly (scale 1e36), and a switch to make it revert like a bad feed.
/// Integration tests use the real ChainlinkOracle over OwnerFeeds instead.
contract OracleMock is IOracle {
    // Packed in one slot, like a production oracle's single read (keeps gas figures honest).
    uint248 internal _price;
    bool public broken;

    error OracleBroken();

    function setPrice(uint256 newPrice) external {
        require(newPrice <= type(uint248).max, "OracleMock: price too large");
        _price = uint248(newPrice);
    }

    function setBroken(bool isBroken) external {
        broken = isBroken;
    }

    function price() external view returns (uint256) {
        if (broken) revert OracleBroken();
        return _price;
    }
}
