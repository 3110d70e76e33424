// SPDX-License-Identifier: MIT
pragma solidity ^0.8.0;

/// @title ErrorsLib
/// @notice Custom errors of the core, so integrators and the keeper decode failures with types.
library ErrorsLib {
    /// @notice The caller is not the owner.
    error NotOwner();
    /// @notice The value is already set.
    error AlreadySet();
    /// @notice The address is zero.
    error ZeroAddress();
    /// @notice The rate model is not enabled by the owner.
    error RateModelNotEnabled();
    /// @notice The LLTV is not enabled by the owner.
    error LltvNotEnabled();
    /// @notice The LLTV is not below 100%.
    error MaxLltvExceeded();
    /// @notice The fee exceeds ConstantsLib.MAX_FEE.
    error MaxFeeExceeded();
    /// @notice The market already exists.
    error MarketAlreadyCreated();
    /// @notice The market does not exist.
    error MarketNotCreated();
    /// @notice Exactly one of assets and shares must be non-zero.
    error InconsistentInput();
    /// @notice The amount is zero.
    error ZeroAssets();
    /// @notice The caller may not act for this account (see setAuthorization).
    error Unauthorized();
    /// @notice The position would be liquidatable after the action.
    error InsufficientCollateral();
    /// @notice Not enough loan assets are available in the market.
    error InsufficientLiquidity();
    /// @notice The action would leave a debt between zero and the loan token's minimum debt.
    error DustDebt();
    /// @notice The position has no debt to liquidate.
    error NoDebt();
    /// @notice The position is healthy.
    error HealthyPosition();
    /// @notice maxRepayAssets is too small: it would repay nothing, leave dust, or leave an underwater
    /// position partially liquidated.
    error RepayTooSmall();
    /// @notice The oracle returned zero.
    error ZeroPrice();

    /// @notice Thrown on liquidating a position whose health factor is at least 0.95 while the oracle allows only
    /// deep liquidations (the L2 sequencer's grace period).
    error DeepOnly();

    /// @notice Thrown on `withdraw` from a market with debt while its oracle cannot price a liquidation: suppliers
    /// leaving at the full share price would leave the bad debt nobody can liquidate to those who stay.
    /// `withdrawIdle` stays open.
    error OracleDown();
    /// @notice A value does not fit in 128 bits.
    error MaxUint128Exceeded();
    /// @notice The token has no code.
    error NoCode();
    /// @notice The token's transfer reverted.
    error TransferReverted();
    /// @notice The token's transfer returned false.
    error TransferReturnedFalse();
    /// @notice The token's transferFrom reverted.
    error TransferFromReverted();
    /// @notice The token's transferFrom returned false.
    error TransferFromReturnedFalse();
    /// @notice The token's approve reverted or returned false (a market's escrow approves the core at creation).
    error ApproveFailed();
}
