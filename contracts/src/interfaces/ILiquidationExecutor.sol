// SPDX-License-Identifier: MIT
pragma solidity ^0.8.0;

import {ICantilever, Id, MarketParams} from "./ICantilever.sol";
import {ISwapAdapter} from "./ISwapAdapter.sol";

/// @title ILiquidationExecutor
/// @notice The keeper operator's liquidation contract: flash liquidation through the core's callback (no
/// capital), sale of all seized collateral through a swap adapter, repayment, a minimum-profit guard, batches
/// across markets. Profit is paid to the owner in the loan token. Only the owner may use or drain it.
/// @dev Parallel EVMs: a liquidation writes none of the executor's storage slots and reads one, the owner, which
/// only an ownership transfer writes (the core is immutable, the callback hands its result back through
/// transient storage), so independent liquidations in separate transactions never conflict on the executor. What they may still share is outside it: the token
/// balances of the executor and the owner when they use the same token (the executor's balance returns to its
/// starting value in every liquidation), and the AMM pool when they sell through the same pair.
interface ILiquidationExecutor {
    /// @notice One liquidation of a batch; the fields are `liquidate`'s arguments.
    struct Order {
        MarketParams marketParams;
        address borrower;
        uint256 maxRepayAssets;
        ISwapAdapter adapter;
        bytes swapData;
        uint256 minProfit;
    }

    /// @notice The caller is not the owner.
    error NotOwner();
    /// @notice The caller is not the pending owner.
    error NotPendingOwner();
    /// @notice The liquidation callback came from another address than the core.
    error NotCore();
    /// @notice The sale of the seized collateral would leave less profit than `minProfit` (loan token units).
    error ProfitTooLow(uint256 profit, uint256 minProfit);
    /// @notice No order of a batch was executed.
    error NothingLiquidated();

    /// @notice A liquidation: `repaidAssets` of debt repaid (loan units), `seizedAssets` of collateral seized and
    /// sold, `profit` paid to the owner (loan units).
    event Liquidated(
        Id indexed id, address indexed borrower, uint256 repaidAssets, uint256 seizedAssets, uint256 profit
    );
    /// @notice A batch order that reverted and was skipped, with the revert data (a core or executor error).
    event LiquidationSkipped(Id indexed id, address indexed borrower, bytes reason);

    /// @notice An ownership transfer was started: `newOwner` may accept it.
    event OwnershipTransferStarted(address indexed previousOwner, address indexed newOwner);
    /// @notice The owner changed (from the zero address at deployment).
    event OwnershipTransferred(address indexed previousOwner, address indexed newOwner);

    function CORE() external view returns (ICantilever);
    /// @notice Who may liquidate and sweep, and receives the profits.
    function owner() external view returns (address);
    /// @notice Who may accept the ownership (the zero address when no transfer is pending).
    function pendingOwner() external view returns (address);

    /// @notice Starts handing the executor to `newOwner` (a rotated keeper key); the owner is unchanged until
    /// `newOwner` calls `acceptOwnership`. Passing the zero address cancels a pending transfer.
    function transferOwnership(address newOwner) external;

    /// @notice Completes the transfer `transferOwnership` started; callable only by the pending owner.
    function acceptOwnership() external;

    /// @notice Liquidates `borrower` (see ICantilever.liquidate for `maxRepayAssets`), sells all the seized
    /// collateral through `adapter` for loan tokens, repays, and pays the rest to the owner. Reverts, changing
    /// nothing, when the profit would be below `minProfit` (loan token units).
    function liquidate(
        MarketParams calldata marketParams,
        address borrower,
        uint256 maxRepayAssets,
        ISwapAdapter adapter,
        bytes calldata swapData,
        uint256 minProfit
    ) external returns (uint256 repaidAssets, uint256 seizedAssets, uint256 profit);

    /// @notice Executes each order as `liquidate` would; an order that reverts (position healthy or already
    /// liquidated, profit below its minimum, ...) is skipped with a LiquidationSkipped event. Reverts with
    /// NothingLiquidated when every order was skipped, so a bundle relay can drop the transaction.
    /// @return profits One entry per order: the profit paid (loan token units of its market), zero if skipped.
    function liquidateBatch(Order[] calldata orders) external returns (uint256[] memory profits);

    /// @notice Sends the executor's whole balance of `token` to the owner.
    function sweep(address token) external returns (uint256 amount);
}
