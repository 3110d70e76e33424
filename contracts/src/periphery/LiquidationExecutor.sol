// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ICantileverLiquidateCallback} from "../interfaces/ICallbacks.sol";
import {ICantilever, Id, MarketParams} from "../interfaces/ICantilever.sol";
import {IERC20} from "../interfaces/IERC20.sol";
import {ILiquidationExecutor} from "../interfaces/ILiquidationExecutor.sol";
import {ISwapAdapter} from "../interfaces/ISwapAdapter.sol";
import {MarketParamsLib} from "../libraries/MarketParamsLib.sol";
import {SafeTransferLib} from "../libraries/SafeTransferLib.sol";
import {ApprovalLib} from "./swap/ApprovalLib.sol";

/// @title LiquidationExecutor
/// @notice Flash liquidations for the keeper operator. In `onCantileverLiquidate` (after the core has sent the
/// seized collateral, before it pulls the repayment) the executor sells all the collateral through the chosen
/// swap adapter, checks the profit against `minProfit`, pays the profit to the owner and leaves exactly the
/// repayment for the core to pull.
/// @dev Why sell all the collateral rather than just enough to repay: the profit is then realised in the loan
/// token, the unit `minProfit` is set in, and the executor ends every liquidation holding nothing.
contract LiquidationExecutor is ILiquidationExecutor, ICantileverLiquidateCallback {
    using MarketParamsLib for MarketParams;
    using SafeTransferLib for address;

    /// @inheritdoc ILiquidationExecutor
    ICantilever public immutable CORE;
    /// @inheritdoc ILiquidationExecutor
    /// @dev In storage, not immutable, so a leaked keeper key can be rotated out. Liquidations only read it (one
    /// slot no transaction of theirs writes), so it is no conflict between liquidations on a parallel EVM.
    address public owner;
    /// @inheritdoc ILiquidationExecutor
    address public pendingOwner;

    /// @dev The profit of the liquidation in progress, handed from the callback to `liquidate`. Transient: it
    /// lives for one transaction, so it is no slot two transactions could conflict on.
    uint256 private transient _profit;

    /// @dev What the callback needs, encoded by `liquidate` itself.
    struct CallbackData {
        address loanToken;
        address collateralToken;
        ISwapAdapter adapter;
        bytes swapData;
        uint256 minProfit;
    }

    constructor(ICantilever core, address owner_) {
        CORE = core;
        owner = owner_;
        emit OwnershipTransferred(address(0), owner_);
    }

    modifier onlyOwner() {
        if (msg.sender != owner) revert NotOwner();
        _;
    }

    // ------------------------------------------------------------------------------------------- ownership

    /// @inheritdoc ILiquidationExecutor
    /// @dev Two steps: a mistyped address cannot take the executor out of reach, and the old key keeps working
    /// until the new one has proven it can sign.
    function transferOwnership(address newOwner) external onlyOwner {
        pendingOwner = newOwner;
        emit OwnershipTransferStarted(owner, newOwner);
    }

    /// @inheritdoc ILiquidationExecutor
    function acceptOwnership() external {
        if (msg.sender != pendingOwner) revert NotPendingOwner();
        emit OwnershipTransferred(owner, msg.sender);
        owner = msg.sender;
        delete pendingOwner;
    }

    // ------------------------------------------------------------------------------------------- liquidation

    /// @inheritdoc ILiquidationExecutor
    /// @dev Also callable by the executor itself, which is how `liquidateBatch` isolates each order.
    function liquidate(
        MarketParams calldata marketParams,
        address borrower,
        uint256 maxRepayAssets,
        ISwapAdapter adapter,
        bytes calldata swapData,
        uint256 minProfit
    ) public returns (uint256 repaidAssets, uint256 seizedAssets, uint256 profit) {
        // The batch's own calls first: they skip the owner read `liquidateBatch` already made.
        if (msg.sender != address(this) && msg.sender != owner) revert NotOwner();
        bytes memory data = abi.encode(
            CallbackData(marketParams.loanToken, marketParams.collateralToken, adapter, swapData, minProfit)
        );
        (repaidAssets, seizedAssets) = CORE.liquidate(marketParams, borrower, maxRepayAssets, data);
        profit = _profit;
        emit Liquidated(_id(marketParams), borrower, repaidAssets, seizedAssets, profit);
    }

    /// @inheritdoc ILiquidationExecutor
    function liquidateBatch(Order[] calldata orders) external onlyOwner returns (uint256[] memory profits) {
        profits = new uint256[](orders.length);
        bool any;
        for (uint256 i; i < orders.length; ++i) {
            Order calldata o = orders[i];
            try this.liquidate(
                o.marketParams, o.borrower, o.maxRepayAssets, o.adapter, o.swapData, o.minProfit
            ) returns (
                uint256, uint256, uint256 profit
            ) {
                profits[i] = profit;
                any = true;
            } catch (bytes memory reason) {
                emit LiquidationSkipped(_id(o.marketParams), o.borrower, reason);
            }
        }
        if (!any) revert NothingLiquidated();
    }

    /// @inheritdoc ICantileverLiquidateCallback
    function onCantileverLiquidate(uint256 repaidAssets, bytes calldata data) external {
        // The core calls back only the caller of `liquidate`: a call from the core is one the executor started.
        if (msg.sender != address(CORE)) revert NotCore();
        CallbackData memory c = abi.decode(data, (CallbackData));
        // Everything the executor holds of the collateral token was just seized (it ends each call with none).
        uint256 seized = IERC20(c.collateralToken).balanceOf(address(this));
        (uint256 amountOut, address payTo) = c.adapter.quoteExactIn(c.collateralToken, c.loanToken, seized, c.swapData);
        uint256 profit = amountOut > repaidAssets ? amountOut - repaidAssets : 0;
        if (amountOut < repaidAssets || profit < c.minProfit) revert ProfitTooLow(profit, c.minProfit);

        c.collateralToken.safeTransfer(payTo, seized);
        c.adapter.swapExactIn(c.collateralToken, c.loanToken, seized, amountOut, address(this), c.swapData);
        ApprovalLib.approveMaxIfNeeded(c.loanToken, address(CORE), repaidAssets);
        if (profit != 0) c.loanToken.safeTransfer(owner, profit);
        _profit = profit;
    }

    /// @inheritdoc ILiquidationExecutor
    function sweep(address token) external onlyOwner returns (uint256 amount) {
        amount = IERC20(token).balanceOf(address(this));
        if (amount != 0) token.safeTransfer(msg.sender, amount);
    }

    function _id(MarketParams calldata marketParams) internal pure returns (Id) {
        MarketParams memory m = marketParams;
        return m.id();
    }
}
