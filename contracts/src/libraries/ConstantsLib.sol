// SPDX-License-Identifier: MIT
pragma solidity ^0.8.0;

/// @title ConstantsLib
/// @notice Protocol-wide constants. Units are given for each.
library ConstantsLib {
    /// @dev Fixed-point unit (WAD, 1e18 = 100%).
    uint256 internal constant WAD = 1e18;

    /// @dev Scale of IOracle.price() (price of 1 smallest collateral unit in smallest loan units, times 1e36).
    uint256 internal constant ORACLE_PRICE_SCALE = 1e36;

    /// @dev Maximum protocol fee on interest (WAD): 25%.
    uint256 internal constant MAX_FEE = 0.25e18;

    /// @dev Cursor of the base liquidation incentive (WAD): base LIF = 1 / (1 - CURSOR * (1 - LLTV)).
    uint256 internal constant LIQUIDATION_CURSOR = 0.3e18;

    /// @dev Cap of the base liquidation incentive factor (WAD): 1.15 = 15% bonus.
    uint256 internal constant MAX_BASE_LIF = 1.15e18;

    /// @dev Cap of the incentive factor after growth with depth (WAD): 1.25 = 25% bonus.
    uint256 internal constant MAX_LIF = 1.25e18;

    /// @dev Health factor a partial liquidation restores (WAD): 1.05, i.e. LTV back to LLTV / 1.05, so the
    /// position does not flip back to liquidatable on the next price tick.
    uint256 internal constant TARGET_HEALTH = 1.05e18;

    /// @dev Health factor below which a position may be liquidated while the oracle says `deepOnly` (the L2
    /// sequencer's grace period), WAD: 0.95, Aave v3's MINIMUM_HEALTH_FACTOR_LIQUIDATION_THRESHOLD.
    uint256 internal constant GRACE_LIQUIDATION_HEALTH = 0.95e18;
}
