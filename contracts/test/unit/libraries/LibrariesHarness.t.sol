// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Liquidation} from "../../../src/interfaces/ICantilever.sol";
import {LiquidationLib} from "../../../src/libraries/LiquidationLib.sol";
import {MathLib} from "../../../src/libraries/MathLib.sol";
import {SharesMathLib} from "../../../src/libraries/SharesMathLib.sol";

/// @notice Exposes the libraries' internal functions so tests can call them (and catch their reverts).
contract LibrariesHarness {
    function wMulDown(uint256 x, uint256 y) external pure returns (uint256) {
        return MathLib.wMulDown(x, y);
    }

    function wMulUp(uint256 x, uint256 y) external pure returns (uint256) {
        return MathLib.wMulUp(x, y);
    }

    function wDivDown(uint256 x, uint256 y) external pure returns (uint256) {
        return MathLib.wDivDown(x, y);
    }

    function wDivUp(uint256 x, uint256 y) external pure returns (uint256) {
        return MathLib.wDivUp(x, y);
    }

    function mulDivDown(uint256 x, uint256 y, uint256 d) external pure returns (uint256) {
        return MathLib.mulDivDown(x, y, d);
    }

    function mulDivUp(uint256 x, uint256 y, uint256 d) external pure returns (uint256) {
        return MathLib.mulDivUp(x, y, d);
    }

    function wTaylorCompounded(uint256 x, uint256 n) external pure returns (uint256) {
        return MathLib.wTaylorCompounded(x, n);
    }

    function toSharesDown(uint256 a, uint256 ta, uint256 ts) external pure returns (uint256) {
        return SharesMathLib.toSharesDown(a, ta, ts);
    }

    function toSharesUp(uint256 a, uint256 ta, uint256 ts) external pure returns (uint256) {
        return SharesMathLib.toSharesUp(a, ta, ts);
    }

    function toAssetsDown(uint256 s, uint256 ta, uint256 ts) external pure returns (uint256) {
        return SharesMathLib.toAssetsDown(s, ta, ts);
    }

    function toAssetsUp(uint256 s, uint256 ta, uint256 ts) external pure returns (uint256) {
        return SharesMathLib.toAssetsUp(s, ta, ts);
    }

    function incentiveFactor(uint256 lltv, uint256 ltv) external pure returns (uint256) {
        return LiquidationLib.incentiveFactor(lltv, ltv);
    }

    function targetRepay(uint256 debt, uint256 value, uint256 lltv, uint256 lif) external pure returns (uint256) {
        return LiquidationLib.targetRepay(debt, value, lltv, lif);
    }

    function plan(LiquidationLib.Input memory input) external pure returns (Liquidation memory) {
        return LiquidationLib.plan(input);
    }
}
