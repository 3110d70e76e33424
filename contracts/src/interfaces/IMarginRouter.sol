// SPDX-License-Identifier: MIT
pragma solidity ^0.8.0;

import {ICantilever, Id, MarketParams} from "./ICantilever.sol";
import {ISwapAdapter} from "./ISwapAdapter.sol";

/// @title IMarginRouter
/// @notice Opens, adjusts and closes leveraged positions in one transaction. A position is an ordinary core
/// position of the caller: collateral bought with borrowed loan tokens. A leveraged long of X against Y is the
/// market (loan Y, collateral X); a short of X is the market (loan X, collateral Y): the same calls serve both.
/// @dev Leverage (WAD) is collateral value / equity at the market's oracle price, equity being collateral value
/// minus debt: 3e18 is 3x. Equity is posted and returned in the collateral token.
/// Setup, once per user: `core.setAuthorization(router, true)` (the router borrows and withdraws collateral for
/// the caller, and only ever for the caller) and an approval of the collateral token to the router for `open`.
/// Slippage: every swap is checked against a caller-set limit on what the swap costs, and every call takes a
/// deadline (seconds, unix time).
interface IMarginRouter {
    /// @notice block.timestamp is past the call's deadline.
    error DeadlineExpired(uint256 deadline);
    /// @notice The leverage (WAD), requested or resulting after the swap, exceeds the market's maximum (see
    /// maxLeverage).
    error LeverageTooHigh(uint256 leverage, uint256 maxLeverage);
    /// @notice The leverage (WAD) is not above 1x.
    error LeverageTooLow(uint256 leverage);
    /// @notice increaseLeverage to a target (WAD) at or below the current leverage, or decreaseLeverage to one at or
    /// above it.
    error WrongDirection(uint256 currentLeverage, uint256 targetLeverage);
    /// @notice The position's debt is at least its collateral value: it has no equity to lever or delever.
    error NoEquity();
    /// @notice The position has no debt (decreaseLeverage).
    error NoDebt();
    /// @notice An amount is zero.
    error ZeroAmount();
    /// @notice Buying the collateral would borrow more loan tokens than the caller's limit (slippage).
    error MaxBorrowExceeded(uint256 borrowed, uint256 maxBorrow);
    /// @notice Repaying would sell more collateral than the caller's limit (slippage).
    error MaxCollateralSoldExceeded(uint256 sold, uint256 maxCollateralSold);
    /// @notice Closing would return less collateral than the caller's limit (slippage).
    error MinCollateralOutNotMet(uint256 returned, uint256 minCollateralOut);
    /// @notice A callback came from another address than the core.
    error NotCore();
    /// @notice The router would end up paying the core tokens it did not receive in this call (`received` of the
    /// `expected`): a swap delivered short, or the token charges a fee on transfer (unsupported). Without this
    /// check, tokens sent to the router by mistake could be pulled into anyone's position through a fake adapter.
    error Shortfall(address token, uint256 received, uint256 expected);

    /// @notice `user` posted `equity` and bought `bought` collateral with `borrowed` loan tokens (open and increase).
    event LeverUp(Id indexed id, address indexed user, uint256 equity, uint256 bought, uint256 borrowed);
    /// @notice `user` sold `sold` collateral to repay `repaid`, and received `returned` collateral (decrease, close).
    event LeverDown(Id indexed id, address indexed user, uint256 sold, uint256 repaid, uint256 returned);

    /// @notice The core whose positions the router manages.
    function CORE() external view returns (ICantilever);

    /// @notice The highest leverage (WAD, rounded down) the router opens in a market of liquidation LTV `lltv`
    /// (WAD): 1 / (1 - lltv / 1.05), the leverage whose LTV sits at the health factor of 1.05 a partial
    /// liquidation restores, i.e. a 4.8% safety buffer of price below 1 / (1 - lltv). LLTV 86%: 5.526x.
    /// @dev Enforced twice: on the requested leverage up front, and on the whole position after the swap at the
    /// oracle price (a health factor of at least 1.05). The swap's fee and price impact come out of the equity
    /// and raise the resulting leverage above the requested one, so the largest request that passes is a little
    /// lower (about 5.45x at LLTV 86% for a small trade in a 0.3% pool).
    function maxLeverage(uint256 lltv) external pure returns (uint256);

    /// @notice The caller's position in the market now: leverage (WAD; type(uint256).max without equity, 1e18
    /// without debt), collateral (collateral token units) and debt (loan token units, rounded up, interest
    /// accrued to this block).
    function leverageOf(MarketParams calldata marketParams, address user)
        external
        view
        returns (uint256 leverage, uint256 collateral, uint256 debt);

    /// @notice Pulls `equity` collateral from the caller and buys `equity * (leverage - 1)` more with loan tokens
    /// borrowed for the caller, all supplied as the caller's collateral: a new or added slice at `leverage`.
    /// @param leverage WAD, above 1e18 and at most maxLeverage(lltv).
    /// @param maxBorrow Most loan tokens the purchase may borrow (slippage limit: the worst price accepted).
    /// @return bought Collateral bought (collateral token units).
    /// @return borrowed Loan tokens borrowed (loan token units).
    function open(
        MarketParams calldata marketParams,
        uint256 equity,
        uint256 leverage,
        uint256 maxBorrow,
        ISwapAdapter adapter,
        bytes calldata swapData,
        uint256 deadline
    ) external returns (uint256 bought, uint256 borrowed);

    /// @notice Buys collateral with newly borrowed loan tokens until the caller's position is at `targetLeverage`
    /// (WAD, at most maxLeverage(lltv), above the current leverage).
    /// @dev The purchase is sized at the oracle price before the swap; its fee and impact come out of the equity,
    /// so the position lands a little above the target (about 1.4% of the leverage going from 2x to 4x with a
    /// 0.3% pool fee).
    function increaseLeverage(
        MarketParams calldata marketParams,
        uint256 targetLeverage,
        uint256 maxBorrow,
        ISwapAdapter adapter,
        bytes calldata swapData,
        uint256 deadline
    ) external returns (uint256 bought, uint256 borrowed);

    /// @notice Sells collateral to repay debt until the caller's position is at `targetLeverage` (WAD, above 1e18
    /// and below the current leverage; to go to 1x, close).
    /// @param maxCollateralSold Most collateral the repayment may sell (slippage limit).
    /// @return sold Collateral sold (collateral token units).
    /// @return repaid Debt repaid (loan token units).
    function decreaseLeverage(
        MarketParams calldata marketParams,
        uint256 targetLeverage,
        uint256 maxCollateralSold,
        ISwapAdapter adapter,
        bytes calldata swapData,
        uint256 deadline
    ) external returns (uint256 sold, uint256 repaid);

    /// @notice Repays the caller's whole debt by selling collateral, then sends all remaining collateral (the
    /// equity) to the caller.
    /// @param minCollateralOut Least collateral to return (slippage limit).
    /// @return sold Collateral sold. @return repaid Debt repaid. @return returned Collateral sent to the caller.
    function close(
        MarketParams calldata marketParams,
        uint256 minCollateralOut,
        ISwapAdapter adapter,
        bytes calldata swapData,
        uint256 deadline
    ) external returns (uint256 sold, uint256 repaid, uint256 returned);
}
