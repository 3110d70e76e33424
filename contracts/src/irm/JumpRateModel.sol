// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IRateModel} from "../interfaces/IRateModel.sol";

/// @title JumpRateModel
/// @notice Compound's kinked "jump rate" model: the borrow rate grows linearly with utilization up to `KINK`,
/// then with a steeper slope, pushing utilization back under the kink so suppliers can withdraw.
/// `rate = BASE + min(u, KINK) * MULTIPLIER / WAD + max(u - KINK, 0) * JUMP_MULTIPLIER / WAD`, per second (WAD).
/// @notice Every division rounds down: the per-year to per-second conversion, the utilization and each product.
/// Rounding the rate down under-charges borrowers by less than 5 wei of rate per second (WAD), far below any
/// meaningful amount; the keeper ports the same integer math and gets the same rate to the wei.
contract JumpRateModel is IRateModel {
    /* ERRORS */

    /// @notice The kink is not strictly between 0 and WAD.
    error InvalidKink(uint256 kink);

    /// @notice The rate at 100% utilization exceeds `MAX_RATE_PER_YEAR`.
    error MaxRateTooHigh();

    /* CONSTANTS */

    /// @notice 1.0 in fixed point (WAD).
    uint256 public constant WAD = 1e18;

    /// @notice Length of a year (seconds).
    uint256 public constant YEAR = 365 days;

    /// @notice Highest allowed borrow rate, reached at 100% utilization: 1000% per year (WAD).
    uint256 public constant MAX_RATE_PER_YEAR = 10e18;

    /* IMMUTABLES */

    /// @notice Borrow rate at 0% utilization (WAD per second).
    uint256 public immutable BASE_RATE_PER_SECOND;

    /// @notice Slope of the rate below the kink: rate added per 100% utilization (WAD per second).
    uint256 public immutable MULTIPLIER_PER_SECOND;

    /// @notice Slope of the rate above the kink: rate added per 100% utilization (WAD per second).
    uint256 public immutable JUMP_MULTIPLIER_PER_SECOND;

    /// @notice Utilization where the slope changes (WAD), strictly between 0 and WAD.
    uint256 public immutable KINK;

    /* CONSTRUCTOR */

    /// @param baseRatePerYear Borrow rate at 0% utilization (WAD per year).
    /// @param multiplierPerYear Slope below the kink (WAD per year per 100% utilization).
    /// @param jumpMultiplierPerYear Slope above the kink (WAD per year per 100% utilization).
    /// @param kink Utilization where the slope changes (WAD), strictly between 0 and WAD.
    /// @dev The bound on the rate at 100% utilization is checked on the per-year inputs, before rounding.
    constructor(uint256 baseRatePerYear, uint256 multiplierPerYear, uint256 jumpMultiplierPerYear, uint256 kink) {
        if (kink == 0 || kink >= WAD) revert InvalidKink(kink);
        // Bound each term first so that computing the maximum rate cannot overflow.
        if (
            baseRatePerYear > MAX_RATE_PER_YEAR || multiplierPerYear > MAX_RATE_PER_YEAR * WAD / kink
                || jumpMultiplierPerYear > MAX_RATE_PER_YEAR * WAD / (WAD - kink)
        ) revert MaxRateTooHigh();
        uint256 maxRatePerYear =
            baseRatePerYear + kink * multiplierPerYear / WAD + (WAD - kink) * jumpMultiplierPerYear / WAD;
        if (maxRatePerYear > MAX_RATE_PER_YEAR) revert MaxRateTooHigh();

        BASE_RATE_PER_SECOND = baseRatePerYear / YEAR;
        MULTIPLIER_PER_SECOND = multiplierPerYear / YEAR;
        JUMP_MULTIPLIER_PER_SECOND = jumpMultiplierPerYear / YEAR;
        KINK = kink;
    }

    /* VIEW */

    /// @inheritdoc IRateModel
    /// @dev Rounds down.
    function borrowRate(uint256 totalSupplyAssets, uint256 totalBorrowAssets) external view returns (uint256) {
        uint256 util = utilization(totalSupplyAssets, totalBorrowAssets);
        if (util <= KINK) return BASE_RATE_PER_SECOND + util * MULTIPLIER_PER_SECOND / WAD;
        return
            BASE_RATE_PER_SECOND + KINK * MULTIPLIER_PER_SECOND / WAD + (util - KINK) * JUMP_MULTIPLIER_PER_SECOND / WAD;
    }

    /// @notice Share of the supply that is borrowed (WAD), rounded down: 0 without supply, capped at WAD (bad
    /// debt or rounding can leave borrows above supply).
    /// @param totalSupplyAssets Loan assets supplied (loan token units).
    /// @param totalBorrowAssets Loan assets borrowed (loan token units).
    /// @dev Warning: reverts (overflow) if `totalBorrowAssets * WAD` exceeds 2**256, i.e. above ~1.16e59 borrowed,
    /// which the core's uint128 totals cannot reach.
    function utilization(uint256 totalSupplyAssets, uint256 totalBorrowAssets) public pure returns (uint256) {
        if (totalSupplyAssets == 0) return 0;
        if (totalBorrowAssets >= totalSupplyAssets) return WAD;
        return totalBorrowAssets * WAD / totalSupplyAssets;
    }
}
