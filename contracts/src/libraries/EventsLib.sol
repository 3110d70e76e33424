// SPDX-License-Identifier: MIT
pragma solidity ^0.8.0;

import {Id, MarketParams} from "../interfaces/ICantilever.sol";

/// @title EventsLib
/// @notice Events of the core. The keeper's position index is rebuilt from these alone.
library EventsLib {
    event SetOwner(address indexed newOwner);
    event SetFeeRecipient(address indexed newFeeRecipient);
    event EnableRateModel(address indexed rateModel);
    event EnableLltv(uint256 lltv);
    event SetFee(Id indexed id, uint256 newFee);
    event SetMinDebt(Id indexed id, uint256 newMinDebt);
    event CreateMarket(Id indexed id, MarketParams marketParams);
    event SetAuthorization(address indexed authorizer, address indexed authorized, bool newIsAuthorized);

    event Supply(Id indexed id, address indexed caller, address indexed onBehalf, uint256 assets, uint256 shares);
    event Withdraw(
        Id indexed id,
        address caller,
        address indexed onBehalf,
        address indexed receiver,
        uint256 assets,
        uint256 shares
    );
    event Borrow(
        Id indexed id,
        address caller,
        address indexed onBehalf,
        address indexed receiver,
        uint256 assets,
        uint256 shares
    );
    event Repay(Id indexed id, address indexed caller, address indexed onBehalf, uint256 assets, uint256 shares);
    event SupplyCollateral(Id indexed id, address indexed caller, address indexed onBehalf, uint256 assets);
    event WithdrawCollateral(
        Id indexed id, address caller, address indexed onBehalf, address indexed receiver, uint256 assets
    );

    /// @notice A liquidation. Any debt written off is reported by RealizeBadDebt in the same call.
    event Liquidate(
        Id indexed id,
        address indexed caller,
        address indexed borrower,
        uint256 repaidAssets,
        uint256 repaidShares,
        uint256 seizedAssets
    );

    /// @notice Bad debt realised in a market: its suppliers' assets shrink by `badDebtAssets`.
    event RealizeBadDebt(Id indexed id, address indexed borrower, uint256 badDebtAssets, uint256 badDebtShares);

    /// @notice A flash loan out of market `id`'s escrow.
    event FlashLoan(Id indexed id, address indexed caller, address indexed token, uint256 assets);

    event AccrueInterest(Id indexed id, uint256 borrowRate, uint256 interest, uint256 feeShares);
}
