// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IOracle} from "../../../src/interfaces/IOracle.sol";

/// @notice IOracle with a price tests set directly (scale 1e36), a switch to make it revert like a bad feed, and one
/// to put it in an L2 sequencer's grace period (`price()` reverts, `liquidationPrice()` answers deep-only).
/// Integration tests use the real ChainlinkOracle over OwnerFeeds instead.
contract OracleMock is IOracle {
    // Packed in one slot, like a production oracle's single read (keeps gas figures honest).
    uint240 internal _price;
    bool public broken;
    bool public deepOnly;

    error OracleBroken();
    error InGracePeriod();

    function setPrice(uint256 newPrice) external {
        require(newPrice <= type(uint240).max, "OracleMock: price too large");
        _price = uint240(newPrice);
    }

    function setBroken(bool isBroken) external {
        broken = isBroken;
    }

    function setDeepOnly(bool isDeepOnly) external {
        deepOnly = isDeepOnly;
    }

    function price() external view returns (uint256) {
        if (broken) revert OracleBroken();
        if (deepOnly) revert InGracePeriod();
        return _price;
    }

    function liquidationPrice() external view returns (uint256, bool) {
        if (broken) revert OracleBroken();
        return (_price, deepOnly);
    }
}
