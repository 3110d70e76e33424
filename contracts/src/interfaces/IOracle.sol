// SPDX-License-Identifier: MIT
pragma solidity ^0.8.0;

/// @title IOracle
/// @notice The prices a market uses to value collateral in loan assets. Two reads, because borrowing and
/// liquidating need different guarantees (issue 14, item 3):
/// - `price()` is strict: it serves borrows and collateral withdrawals against debt, which must never go through on
///   a price the oracle cannot vouch for, so it reverts on any doubt.
/// - `liquidationPrice()` serves liquidations (and the supplier withdrawals that must stop when liquidations
///   cannot happen). It may answer where `price()` reverts, when what it returns can only overvalue the collateral
///   (a feed pinned at a bound), or when only deep liquidations are safe (sequencer grace): overvaluing collateral
///   can delay a liquidation but never make a healthy position liquidatable.
interface IOracle {
    /// @notice Price of 1 smallest unit of collateral token, quoted in smallest units of loan token,
    /// scaled by 1e36 (ConstantsLib.ORACLE_PRICE_SCALE).
    /// @dev For collateral with `c` decimals and loan with `l` decimals, a human price P gives
    /// `P * 10**(36 + l - c)`.
    /// @dev MUST revert rather than return a price it cannot vouch for (stale, out of bounds, sequencer down or in
    /// its grace period): the core fails closed on a revert (no borrow, no collateral withdrawal against debt).
    function price() external view returns (uint256);

    /// @notice The price liquidations use (same scale as `price()`): the price itself, or an upper bound on it.
    /// @return price The price, or a value the true price cannot exceed (never below the true price).
    /// @return deepOnly True while only positions with a health factor below
    /// ConstantsLib.GRACE_LIQUIDATION_HEALTH (0.95) may be liquidated (the L2 sequencer's grace period, as Aave v3's
    /// PriceOracleSentinel): borrowers who could not act while the sequencer was down are not liquidated at once
    /// for a small shortfall, but a deep position is not left to grow bad debt either.
    /// @dev MUST revert when it cannot bound the price from above (stale, zero, sequencer down): liquidations
    /// stop, and so do supplier withdrawals of a market with debt (see ICantilever.withdraw).
    function liquidationPrice() external view returns (uint256 price, bool deepOnly);
}
