// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Liquidation, LiquidationStatus, Market, Position} from "../../src/interfaces/ICantilever.sol";
import {InvariantBase} from "./InvariantBase.sol";
import {CantileverHandler} from "./handlers/CantileverHandler.sol";

/// @notice Prices move (-50% .. +50% a step, within 1/20x .. 20x), time passes (up to 30 days a step), a
/// liquidator liquidates (partial, full, bad debt; single and batch), tokens are donated straight to a market's
/// escrow or to the core, flash loans are taken out of a market's escrow and repaid, anyone tries to take tokens from
/// an escrow, and the owner moves fees and dust floors.
contract DynamicInvariantTest is InvariantBase {
    function _selectors() internal pure override returns (bytes4[] memory s) {
        s = new bytes4[](23);
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
        s[14] = CantileverHandler.movePrice.selector;
        s[15] = CantileverHandler.warp.selector;
        s[16] = CantileverHandler.donate.selector;
        s[17] = CantileverHandler.flashLoan.selector;
        s[18] = CantileverHandler.setFee.selector;
        s[19] = CantileverHandler.setMinDebt.selector;
        // Liquidations are the point of this suite: give them a second entry.
        s[20] = CantileverHandler.liquidate.selector;
        s[21] = CantileverHandler.stealFromEscrow.selector;
        s[22] = CantileverHandler.splitLiquidate.selector;
    }

    /// @dev P-11, P-16: a position is previewed liquidatable exactly when it is unhealthy, and with no cap on the
    /// repayment an unhealthy position is always liquidatable.
    function _checkPositions() internal view override {
        for (uint256 i; i < N_MARKETS; ++i) {
            Market memory m = core.expectedMarket(params[i]);
            uint256 price = handler.oracle(i).price();
            for (uint256 u; u < N_USERS; ++u) {
                Position memory p = core.position(ids[i], users[u]);
                if (p.borrowShares == 0) continue;
                Liquidation memory l = core.previewLiquidation(params[i], users[u], type(uint256).max);
                if (handler.isHealthy(i, m, p.borrowShares, p.collateral, price)) {
                    _ok(l.status == LiquidationStatus.Healthy, "P-11: healthy position previewed liquidatable");
                } else {
                    _ok(l.status == LiquidationStatus.Liquidated, "P-16: unhealthy position not liquidatable");
                }
            }
        }
    }

    /// @notice P-40: over the campaign, no `splitLiquidate` earned more than one liquidation of the same total.
    function invariant_SplitNeverPaysMore() public view {
        _eq(handler.ghostSplitExcess(), 0, "P-40: slices earned more than one liquidation");
    }

    /// @notice The handler reaches a split liquidation through the batch (P-40) on a deep position.
    function test_HandlerReachesSplitLiquidation() public {
        handler.movePrice(0, 5_000);
        handler.splitLiquidate(2, 0, 5, 1);
        assertEq(handler.splitLiquidations(), 1, "split liquidation not reached");
    }

    /// @notice The handler reaches the liquidation branches the campaign relies on: a 3% drop makes Carol's
    /// max-LTV position partially liquidatable (market 0), a crash turns the rest into bad debt, and Bob's
    /// position in market 1 closes in full when the liquidator leaves no room under the dust floor.
    function test_HandlerReachesEveryLiquidationKind() public {
        handler.movePrice(0, 9_700);
        handler.liquidate(2, 0, 0, 0);
        assertEq(handler.partialLiquidations(), 1, "partial liquidation not reached");
        handler.movePrice(0, 5_000);
        handler.liquidate(2, 0, 0, 2);
        assertEq(handler.badDebtLiquidations(), 1, "bad-debt liquidation not reached");
        handler.movePrice(2, 5_000);
        handler.liquidate(1, 2, 0, 0);
        assertEq(handler.liquidations(), 3, "liquidation skipped");
    }
}
