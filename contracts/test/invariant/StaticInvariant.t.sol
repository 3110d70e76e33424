// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Liquidation, LiquidationStatus, Market, Position} from "../../src/interfaces/ICantilever.sol";
import {InvariantBase} from "./InvariantBase.sol";
import {CantileverHandler} from "./handlers/CantileverHandler.sol";

/// @notice Prices fixed, clock stopped: users lend, borrow, repay, move collateral, round-trip and accrue, and
/// the liquidator keeps trying, and anyone may try to take tokens from a market's escrow. Nothing may ever become
/// liquidatable, and no escrow may ever lose a token.
contract StaticInvariantTest is InvariantBase {
    function _selectors() internal pure override returns (bytes4[] memory s) {
        s = new bytes4[](15);
        s[0] = CantileverHandler.supplyAssets.selector;
        s[1] = CantileverHandler.supplyShares.selector;
        s[2] = CantileverHandler.withdrawAssets.selector;
        s[3] = CantileverHandler.withdrawShares.selector;
        s[4] = CantileverHandler.borrow.selector;
        s[5] = CantileverHandler.repayAssets.selector;
        s[6] = CantileverHandler.repayShares.selector;
        s[7] = CantileverHandler.repayAll.selector;
        s[8] = CantileverHandler.supplyCollateral.selector;
        s[9] = CantileverHandler.withdrawCollateral.selector;
        s[10] = CantileverHandler.supplyWithdrawRoundTrip.selector;
        s[11] = CantileverHandler.borrowRepayRoundTrip.selector;
        s[12] = CantileverHandler.accrueInterest.selector;
        s[13] = CantileverHandler.liquidate.selector;
        s[14] = CantileverHandler.stealFromEscrow.selector;
    }

    /// @dev P-08 and P-11: at a static price and time no position is ever unhealthy nor previewed liquidatable,
    /// and no liquidation ever went through.
    function _checkPositions() internal view override {
        _eq(handler.liquidations(), 0, "P-11: a liquidation went through at a static price");
        for (uint256 i; i < N_MARKETS; ++i) {
            Market memory m = core.expectedMarket(params[i]);
            uint256 price = handler.oracle(i).price();
            for (uint256 u; u < N_USERS; ++u) {
                Position memory p = core.position(ids[i], users[u]);
                if (p.borrowShares == 0) continue;
                _ok(handler.isHealthy(i, m, p.borrowShares, p.collateral, price), "P-08: unhealthy position");
                Liquidation memory l = core.previewLiquidation(params[i], users[u], type(uint256).max);
                _ok(l.status == LiquidationStatus.Healthy, "P-08: position previewed liquidatable");
            }
        }
    }
}
