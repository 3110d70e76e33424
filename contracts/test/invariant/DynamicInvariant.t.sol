// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Liquidation, LiquidationStatus, Market, Position} from "../../src/interfaces/ICantilever.sol";
import {InvariantBase} from "./InvariantBase.sol";
import {CantileverHandler} from "./handlers/CantileverHandler.sol";
import {Coverage} from "./handlers/Coverage.sol";

/// @notice Prices move (-50% .. +50% a step, within 1/20x .. 20x), time passes (up to 30 days a step), a
/// liquidator liquidates (partial, full, bad debt; single and batch), tokens are donated straight to a market's
/// escrow or to the core, flash loans are taken out of a market's escrow and repaid, anyone tries to take tokens from
/// an escrow, and the owner moves fees and dust floors.
contract DynamicInvariantTest is InvariantBase {
    function _selectors() internal pure override returns (bytes4[] memory s) {
        s = new bytes4[](26);
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
        s[23] = CantileverHandler.batchLiquidate.selector;
        s[24] = CantileverHandler.batchLiquidate.selector;
        s[25] = CantileverHandler.priceToLtv.selector;
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

    /// @dev Coverage floors per 1024 tallied runs (scaled to the runs tallied so far), checked once COVERAGE_FROM runs
    /// are tallied (the suite's six invariant_ campaigns of 256 runs tally 1536). Measured at 1024 tallied runs of the CI
    /// profile (depth 32): band A partial 121, band B pro rata 44, band C bad debt 83, batch 338, batch over several
    /// markets 25, split 95, flash loan 1263, donation 1197; the floors are about a quarter of that.
    uint256 internal constant COVERAGE_FROM = 1024;

    /// @notice P-79: the campaign keeps reaching what it exists for. Each run's counts are added to campaign-wide
    /// tallies (handlers/Coverage.sol), and once COVERAGE_FROM runs are tallied every kind of liquidation (band A
    /// partial, band B pro rata, band C bad debt, batch over several positions and over several markets, split),
    /// flash loans and donations must each have been reached at least its floor per 1024 runs: a change that stops
    /// the campaign liquidating (a bound, a seed set, a price range) fails it.
    function afterInvariant() public {
        uint256 runs = Coverage.add("CANTILEVER_COV_DYN_runs", 1);
        string memory r = string.concat("coverage after ", Coverage.str(runs), " runs:");
        r = _cover(r, runs, "bandAPartial", handler.bandAPartial(), MIN_BAND_A);
        r = _cover(r, runs, "bandBProRata", handler.bandBProRata(), MIN_BAND_B);
        r = _cover(r, runs, "bandCBadDebt", handler.bandCBadDebt(), MIN_BAND_C);
        r = _cover(r, runs, "batch", handler.batchLiquidations(), MIN_BATCH);
        r = _cover(r, runs, "batchMultiMarket", handler.batchMultiMarket(), MIN_BATCH_MULTI);
        r = _cover(r, runs, "split", handler.splitLiquidations(), MIN_SPLIT);
        r = _cover(r, runs, "flashLoan", handler.flashLoans(), MIN_FLASH);
        r = _cover(r, runs, "donation", handler.donations(), MIN_DONATION);
        // To measure: CANTILEVER_COV_REPORT=<runs> fails the campaign at that run with the tallies.
        if (vm.envOr("CANTILEVER_COV_REPORT", uint256(0)) == runs) revert(r);
    }

    uint256 internal constant MIN_BAND_A = 30;
    uint256 internal constant MIN_BAND_B = 10;
    uint256 internal constant MIN_BAND_C = 20;
    uint256 internal constant MIN_BATCH = 85;
    uint256 internal constant MIN_BATCH_MULTI = 6;
    uint256 internal constant MIN_SPLIT = 24;
    uint256 internal constant MIN_FLASH = 300;
    uint256 internal constant MIN_DONATION = 300;

    /// @dev Adds a run's `count` to the tally of `what`; past COVERAGE_FROM runs, fails below the floor.
    function _cover(string memory r, uint256 runs, string memory what, uint256 count, uint256 minPer1024)
        internal
        returns (string memory)
    {
        uint256 total = Coverage.add(string.concat("CANTILEVER_COV_DYN_", what), count);
        if (runs >= COVERAGE_FROM && total * 1024 < minPer1024 * runs) {
            revert(
                string.concat(
                    "P-79: coverage: ",
                    what,
                    " reached ",
                    Coverage.str(total),
                    " times in ",
                    Coverage.str(runs),
                    " runs"
                )
            );
        }
        return string.concat(r, " ", what, "=", Coverage.str(total));
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

    /// @notice The handler reaches a batch liquidation over several markets (P-44) once two markets crash.
    function test_HandlerReachesBatchLiquidation() public {
        handler.movePrice(0, 5_000);
        handler.movePrice(2, 5_000);
        for (uint256 seed; seed < 32 && handler.batchMultiMarket() == 0; ++seed) {
            handler.batchLiquidate(seed, 5, 0);
        }
        assertGt(handler.batchLiquidations(), 0, "batch liquidation not reached");
        assertGt(handler.batchMultiMarket(), 0, "batch over several markets not reached");
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
