// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ICantileverRepayCallback, ICantileverSupplyCollateralCallback} from "../interfaces/ICallbacks.sol";
import {ICantilever, Id, Market, MarketParams, Position} from "../interfaces/ICantilever.sol";
import {IERC20} from "../interfaces/IERC20.sol";
import {IMarginRouter} from "../interfaces/IMarginRouter.sol";
import {IOracle} from "../interfaces/IOracle.sol";
import {ISwapAdapter} from "../interfaces/ISwapAdapter.sol";
import {ConstantsLib} from "../libraries/ConstantsLib.sol";
import {ErrorsLib} from "../libraries/ErrorsLib.sol";
import {MarketParamsLib} from "../libraries/MarketParamsLib.sol";
import {MathLib} from "../libraries/MathLib.sol";
import {SafeTransferLib} from "../libraries/SafeTransferLib.sol";
import {SharesMathLib} from "../libraries/SharesMathLib.sol";
import {UtilsLib} from "../libraries/UtilsLib.sol";
import {ApprovalLib} from "./swap/ApprovalLib.sol";

/// @title MarginRouter
/// @notice One-transaction leverage over the core's own callbacks, with no rights in the core beyond the
/// authorization each user grants it.
/// @dev Why callbacks and not a flash loan. Levering up goes through `supplyCollateral` with callback data: the
/// core credits the collateral first, calls back, and pulls the tokens last. Inside the callback the router
/// borrows for the user (the credited collateral backs the borrow) straight into the pool, which sends the
/// bought collateral to the router, and the core then pulls equity plus purchase in one transfer. Levering down
/// mirrors it through `repay`: the core reduces the debt first, the router withdraws just the collateral the
/// sale needs straight into the pool, and the core pulls the proceeds. Compared with a flash loan of the loan
/// token (lend, swap, supply, borrow, repay the loan) this moves each token once instead of twice, needs no idle
/// liquidity beyond what the borrow itself needs, and leaves no window where the router holds a loan.
/// Swaps are exact-output: the position gets exactly the collateral that makes the chosen leverage (or repays
/// exactly the debt chosen), and the slippage limit bounds what that costs.
/// @dev The router holds no tokens between calls and acts only for `msg.sender`; the callbacks trust their data
/// because only the core calls them and the core only calls back the router's own calls. The adapter is the
/// caller's choice and untrusted: the core is paid only with tokens the router received in the same call, so a
/// fake adapter cannot spend tokens sent here by mistake (they stay stuck: the router has no owner to return
/// them). Fee-on-transfer and rebasing tokens are unsupported: a fee shows as a Shortfall revert.
contract MarginRouter is IMarginRouter, ICantileverSupplyCollateralCallback, ICantileverRepayCallback {
    using MarketParamsLib for MarketParams;
    using MathLib for uint256;
    using SharesMathLib for uint256;
    using UtilsLib for uint256;
    using SafeTransferLib for address;

    /// @inheritdoc IMarginRouter
    ICantilever public immutable CORE;

    /// @dev The other side of the swap in progress (loan tokens borrowed when levering up, collateral sold when
    /// levering down), handed from the callback back to the entry point. Transient: one transaction only.
    uint256 private transient _swapped;

    /// @dev Callback data of `supplyCollateral`: buy `bought` collateral with at most `maxBorrow` borrowed.
    /// `held` is what the router held of the collateral before this call took the user's equity.
    struct LeverUpData {
        MarketParams marketParams;
        address user;
        uint256 held;
        uint256 bought;
        uint256 maxBorrow;
        ISwapAdapter adapter;
        bytes swapData;
    }

    /// @dev Callback data of `repay`: sell at most `maxCollateralSold` collateral for the repaid assets.
    struct LeverDownData {
        MarketParams marketParams;
        address user;
        uint256 maxCollateralSold;
        ISwapAdapter adapter;
        bytes swapData;
    }

    /// @dev The caller's position valued at the oracle price.
    struct State {
        uint256 leverage;
        uint256 collateral;
        uint256 debt;
        /// @dev Collateral value minus debt, in collateral token units (rounded down).
        uint256 equity;
        uint256 price;
    }

    constructor(ICantilever core) {
        CORE = core;
    }

    modifier beforeDeadline(uint256 deadline) {
        if (block.timestamp > deadline) revert DeadlineExpired(deadline);
        _;
    }

    // ------------------------------------------------------------------------------------------- views

    /// @inheritdoc IMarginRouter
    function maxLeverage(uint256 lltv) public pure returns (uint256) {
        // Both roundings shrink the maximum.
        uint256 maxLtv = lltv.wDivDown(ConstantsLib.TARGET_HEALTH);
        return ConstantsLib.WAD.wDivDown(ConstantsLib.WAD - maxLtv);
    }

    /// @inheritdoc IMarginRouter
    function leverageOf(MarketParams calldata marketParams, address user)
        external
        view
        returns (uint256 leverage, uint256 collateral, uint256 debt)
    {
        State memory s = _state(marketParams, user);
        return (s.leverage, s.collateral, s.debt);
    }

    // ------------------------------------------------------------------------------------------- lever up

    /// @inheritdoc IMarginRouter
    function open(
        MarketParams calldata marketParams,
        uint256 equity,
        uint256 leverage,
        uint256 maxBorrow,
        ISwapAdapter adapter,
        bytes calldata swapData,
        uint256 deadline
    ) external beforeDeadline(deadline) returns (uint256 bought, uint256 borrowed) {
        if (leverage <= ConstantsLib.WAD) revert LeverageTooLow(leverage);
        _checkMaxLeverage(marketParams.lltv, leverage);
        bought = equity.wMulDown(leverage - ConstantsLib.WAD);
        if (bought == 0) revert ZeroAmount();
        uint256 held = _balance(marketParams.collateralToken);
        marketParams.collateralToken.safeTransferFrom(msg.sender, address(this), equity);
        borrowed = _leverUp(marketParams, held, equity, bought, maxBorrow, adapter, swapData);
    }

    /// @inheritdoc IMarginRouter
    function increaseLeverage(
        MarketParams calldata marketParams,
        uint256 targetLeverage,
        uint256 maxBorrow,
        ISwapAdapter adapter,
        bytes calldata swapData,
        uint256 deadline
    ) external beforeDeadline(deadline) returns (uint256 bought, uint256 borrowed) {
        _checkMaxLeverage(marketParams.lltv, targetLeverage);
        State memory s = _state(marketParams, msg.sender);
        if (s.equity == 0) revert NoEquity();
        if (targetLeverage <= s.leverage) revert WrongDirection(s.leverage, targetLeverage);
        // The target's collateral is above the current one: targetLeverage > leverage = collateral / equity.
        bought = s.equity.wMulDown(targetLeverage) - s.collateral;
        if (bought == 0) revert ZeroAmount();
        borrowed =
            _leverUp(marketParams, _balance(marketParams.collateralToken), 0, bought, maxBorrow, adapter, swapData);
    }

    /// @dev Supplies `equity` (already received, on top of `held`) plus `bought` as the caller's collateral; the
    /// callback buys `bought`.
    function _leverUp(
        MarketParams calldata marketParams,
        uint256 held,
        uint256 equity,
        uint256 bought,
        uint256 maxBorrow,
        ISwapAdapter adapter,
        bytes calldata swapData
    ) internal returns (uint256 borrowed) {
        uint256 supplied = equity + bought;
        ApprovalLib.approveMaxIfNeeded(marketParams.collateralToken, address(CORE), supplied);
        bytes memory data =
            abi.encode(LeverUpData(marketParams, msg.sender, held, bought, maxBorrow, adapter, swapData));
        CORE.supplyCollateral(marketParams, supplied, msg.sender, data);
        borrowed = _swapped;
        emit LeverUp(_id(marketParams), msg.sender, equity, bought, borrowed);
    }

    /// @inheritdoc ICantileverSupplyCollateralCallback
    /// @dev The collateral is credited: borrow the purchase price straight into the pool, buy, and let the core
    /// pull equity plus purchase from the router, which must have received both in this call.
    function onCantileverSupplyCollateral(uint256 assets, bytes calldata data) external {
        if (msg.sender != address(CORE)) revert NotCore();
        LeverUpData memory d = abi.decode(data, (LeverUpData));
        address loanToken = d.marketParams.loanToken;
        address collateralToken = d.marketParams.collateralToken;
        (uint256 borrowed, address payTo) = d.adapter.quoteExactOut(loanToken, collateralToken, d.bought, d.swapData);
        if (borrowed > d.maxBorrow) revert MaxBorrowExceeded(borrowed, d.maxBorrow);
        try CORE.borrow(d.marketParams, borrowed, 0, d.user, payTo) {}
        catch (bytes memory reason) {
            // Past the LLTV is past the router's cap too: say so in the router's terms.
            if (bytes4(reason) == ErrorsLib.InsufficientCollateral.selector) {
                _checkLeverage(d.marketParams, d.user, borrowed);
            }
            assembly ("memory-safe") {
                revert(add(reason, 0x20), mload(reason))
            }
        }
        d.adapter.swapExactOut(loanToken, collateralToken, d.bought, address(this), d.swapData);
        _checkReceived(collateralToken, d.held, assets);
        _checkLeverage(d.marketParams, d.user, 0);
        _swapped = borrowed;
    }

    // ------------------------------------------------------------------------------------------- lever down

    /// @inheritdoc IMarginRouter
    function decreaseLeverage(
        MarketParams calldata marketParams,
        uint256 targetLeverage,
        uint256 maxCollateralSold,
        ISwapAdapter adapter,
        bytes calldata swapData,
        uint256 deadline
    ) external beforeDeadline(deadline) returns (uint256 sold, uint256 repaid) {
        if (targetLeverage <= ConstantsLib.WAD) revert LeverageTooLow(targetLeverage);
        State memory s = _state(marketParams, msg.sender);
        if (s.debt == 0) revert NoDebt();
        if (s.equity == 0) revert NoEquity();
        if (targetLeverage >= s.leverage) revert WrongDirection(s.leverage, targetLeverage);
        // Repay the value of the collateral above the target's; below the debt since targetLeverage > 1.
        uint256 excess = s.collateral - s.equity.wMulDown(targetLeverage);
        repaid = excess.mulDivDown(s.price, ConstantsLib.ORACLE_PRICE_SCALE);
        if (repaid == 0) revert ZeroAmount();
        (sold,) = _leverDown(marketParams, repaid, 0, maxCollateralSold, adapter, swapData);
        emit LeverDown(_id(marketParams), msg.sender, sold, repaid, 0);
    }

    /// @inheritdoc IMarginRouter
    function close(
        MarketParams calldata marketParams,
        uint256 minCollateralOut,
        ISwapAdapter adapter,
        bytes calldata swapData,
        uint256 deadline
    ) external beforeDeadline(deadline) returns (uint256 sold, uint256 repaid, uint256 returned) {
        Id id = _id(marketParams);
        Position memory p = CORE.position(id, msg.sender);
        if (p.borrowShares != 0) {
            (sold, repaid) = _leverDown(marketParams, 0, p.borrowShares, type(uint256).max, adapter, swapData);
        }
        // Only the sale withdrew collateral: the rest is the equity.
        returned = p.collateral - sold;
        if (returned < minCollateralOut) revert MinCollateralOutNotMet(returned, minCollateralOut);
        if (returned != 0) CORE.withdrawCollateral(marketParams, returned, msg.sender, msg.sender);
        emit LeverDown(id, msg.sender, sold, repaid, returned);
    }

    /// @dev Repays exactly `assets` or exactly `shares` of the caller's debt; the callback sells collateral for it.
    function _leverDown(
        MarketParams calldata marketParams,
        uint256 assets,
        uint256 shares,
        uint256 maxCollateralSold,
        ISwapAdapter adapter,
        bytes calldata swapData
    ) internal returns (uint256 sold, uint256 repaid) {
        bytes memory data = abi.encode(LeverDownData(marketParams, msg.sender, maxCollateralSold, adapter, swapData));
        (repaid,) = CORE.repay(marketParams, assets, shares, msg.sender, data);
        sold = _swapped;
    }

    /// @inheritdoc ICantileverRepayCallback
    /// @dev The debt is already reduced: withdraw the collateral the sale needs straight into the pool, buy exactly
    /// the repaid assets, and let the core pull them from the router.
    function onCantileverRepay(uint256 assets, bytes calldata data) external {
        if (msg.sender != address(CORE)) revert NotCore();
        LeverDownData memory d = abi.decode(data, (LeverDownData));
        address loanToken = d.marketParams.loanToken;
        address collateralToken = d.marketParams.collateralToken;
        (uint256 sold, address payTo) = d.adapter.quoteExactOut(collateralToken, loanToken, assets, d.swapData);
        if (sold > d.maxCollateralSold) revert MaxCollateralSoldExceeded(sold, d.maxCollateralSold);
        uint256 held = _balance(loanToken);
        CORE.withdrawCollateral(d.marketParams, sold, d.user, payTo);
        d.adapter.swapExactOut(collateralToken, loanToken, assets, address(this), d.swapData);
        _checkReceived(loanToken, held, assets);
        ApprovalLib.approveMaxIfNeeded(loanToken, address(CORE), assets);
        _swapped = sold;
    }

    // ------------------------------------------------------------------------------------------- internal

    function _balance(address token) internal view returns (uint256) {
        return IERC20(token).balanceOf(address(this));
    }

    /// @dev The router holds at least `expected` more of `token` than the `held` it had before the call: what the
    /// core pulls next came in this call (the user's equity, the swap's output), never from tokens left here.
    function _checkReceived(address token, uint256 held, uint256 expected) internal view {
        uint256 received = _balance(token).zeroFloorSub(held);
        if (received < expected) revert Shortfall(token, received, expected);
    }

    /// @dev The whole position after levering up (plus `pendingDebt` not borrowed yet), at the oracle price: its
    /// health factor must be at least TARGET_HEALTH, i.e. its leverage at most maxLeverage(lltv), the swap's fee
    /// and impact included. After the borrow the market is accrued and the oracle warm: this re-reads warm state.
    function _checkLeverage(MarketParams memory marketParams, address user, uint256 pendingDebt) internal view {
        Position memory p = CORE.position(marketParams.id(), user);
        Market memory m = CORE.expectedMarket(marketParams);
        uint256 debt = uint256(p.borrowShares).toAssetsUp(m.totalBorrowAssets, m.totalBorrowShares) + pendingDebt;
        uint256 collateralValue =
            uint256(p.collateral).mulDivDown(IOracle(marketParams.oracle).price(), ConstantsLib.ORACLE_PRICE_SCALE);
        uint256 maxDebt = collateralValue.wMulDown(marketParams.lltv.wDivDown(ConstantsLib.TARGET_HEALTH));
        if (debt > maxDebt) {
            uint256 leverage =
                collateralValue > debt ? collateralValue.wDivUp(collateralValue - debt) : type(uint256).max;
            revert LeverageTooHigh(leverage, maxLeverage(marketParams.lltv));
        }
    }

    function _checkMaxLeverage(uint256 lltv, uint256 leverage) internal pure {
        uint256 max = maxLeverage(lltv);
        if (leverage > max) revert LeverageTooHigh(leverage, max);
    }

    /// @dev The user's position at the oracle price, interest accrued to this block. Equity in collateral units
    /// rounds down (debt converted rounding up), so the leverage reads high rather than low.
    function _state(MarketParams calldata marketParams, address user) internal view returns (State memory s) {
        Position memory p = CORE.position(_id(marketParams), user);
        s.collateral = p.collateral;
        s.price = IOracle(marketParams.oracle).price();
        if (p.borrowShares != 0) {
            Market memory m = CORE.expectedMarket(marketParams);
            s.debt = uint256(p.borrowShares).toAssetsUp(m.totalBorrowAssets, m.totalBorrowShares);
        }
        uint256 debtInCollateral = s.debt.mulDivUp(ConstantsLib.ORACLE_PRICE_SCALE, s.price);
        if (s.collateral > debtInCollateral) {
            s.equity = s.collateral - debtInCollateral;
            s.leverage = s.collateral.wDivUp(s.equity);
        } else {
            s.leverage = type(uint256).max;
        }
    }

    function _id(MarketParams calldata marketParams) internal pure returns (Id) {
        MarketParams memory m = marketParams;
        return m.id();
    }
}
