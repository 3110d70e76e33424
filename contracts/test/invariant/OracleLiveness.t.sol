// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IAggregatorV3} from "../../src/interfaces/IAggregatorV3.sol";
import {
    Liquidation,
    LiquidationRequest,
    LiquidationStatus,
    Market,
    MarketParams,
    Position
} from "../../src/interfaces/ICantilever.sol";
import {ConstantsLib} from "../../src/libraries/ConstantsLib.sol";
import {ErrorsLib} from "../../src/libraries/ErrorsLib.sol";
import {MarketParamsLib} from "../../src/libraries/MarketParamsLib.sol";
import {MathLib} from "../../src/libraries/MathLib.sol";
import {SharesMathLib} from "../../src/libraries/SharesMathLib.sol";
import {ChainlinkOracle} from "../../src/oracles/ChainlinkOracle.sol";
import {OwnerFeed} from "../../src/oracles/OwnerFeed.sol";
import {BaseTest} from "../utils/BaseTest.sol";
import {OracleMock} from "../utils/mocks/OracleMock.sol";

/// @notice Liveness under oracle stress (issue 14, item 3), properties P-80 to P-86 of contracts/test/PROPERTIES.md.
/// The rules: liquidations use `liquidationPrice()`, which stays live where it can only overvalue collateral (a feed
/// pinned at a bound) and in the sequencer's grace period (deep positions only); supplier withdrawals at the share
/// price close while a market with debt cannot be liquidated, and `withdrawIdle` never closes.
contract OracleLivenessTest is BaseTest {
    using MarketParamsLib for MarketParams;
    using MathLib for uint256;
    using SharesMathLib for uint256;

    address internal OTHER_SUPPLIER;

    function setUp() public override {
        super.setUp();
        OTHER_SUPPLIER = makeAddr("OtherSupplier");
        _approveAll(OTHER_SUPPLIER);
    }

    /* ChainlinkOracle: ETH/USD over USDC/USD, 8-decimal feeds, WETH (18) in USDC (6) */

    int256 internal constant BASE_MIN = 1000e8;
    int256 internal constant BASE_MAX = 10_000e8;
    int256 internal constant QUOTE_MIN = 0.5e8;
    int256 internal constant QUOTE_MAX = 2e8;

    function _chainlink(IAggregatorV3 sequencer) internal returns (ChainlinkOracle o, OwnerFeed base, OwnerFeed quote) {
        base = new OwnerFeed(8, "ETH / USD", 3000e8, address(this));
        quote = new OwnerFeed(8, "USDC / USD", 1e8, address(this));
        o = new ChainlinkOracle(
            ChainlinkOracle.FeedConfig(IAggregatorV3(address(base)), 1 days, BASE_MIN, BASE_MAX),
            ChainlinkOracle.FeedConfig(IAggregatorV3(address(quote)), 1 days, QUOTE_MIN, QUOTE_MAX),
            18,
            6,
            sequencer,
            1 hours
        );
    }

    /// P-80: `liquidationPrice()` equals `price()` whenever `price()` answers; otherwise it answers exactly when the
    /// answers sit past the bounds that overvalue collateral (base at or below its floor, quote at or above its
    /// ceiling), and then never below the price the answers themselves imply.
    function testFuzz_LiquidationPriceNeverUndervalues(uint256 baseSeed, uint256 quoteSeed) public {
        // Safe: bounded far below type(int256).max.
        // forge-lint: disable-next-line(unsafe-typecast)
        int256 baseAnswer = int256(bound(baseSeed, 1, 2 * uint256(BASE_MAX)));
        // forge-lint: disable-next-line(unsafe-typecast)
        int256 quoteAnswer = int256(bound(quoteSeed, 1, 2 * uint256(QUOTE_MAX)));
        (ChainlinkOracle o, OwnerFeed base, OwnerFeed quote) = _chainlink(IAggregatorV3(address(0)));
        base.setAnswer(baseAnswer);
        quote.setAnswer(quoteAnswer);
        uint256 implied = o.SCALE_FACTOR().mulDivDown(uint256(baseAnswer), uint256(quoteAnswer));

        bool baseIn = baseAnswer > BASE_MIN && baseAnswer < BASE_MAX;
        bool quoteIn = quoteAnswer > QUOTE_MIN && quoteAnswer < QUOTE_MAX;
        bool overvaluesOnly = baseAnswer < BASE_MAX && quoteAnswer > QUOTE_MIN;

        if (baseIn && quoteIn) {
            (uint256 p, bool deepOnly) = o.liquidationPrice();
            assertEq(p, o.price(), "P-80: liquidationPrice differs from price inside the bounds");
            assertEq(p, implied, "P-80: price is not the answers' ratio");
            assertFalse(deepOnly, "P-80: deep-only without a sequencer feed");
            return;
        }
        vm.expectRevert();
        o.price();
        if (!overvaluesOnly) {
            vm.expectRevert();
            o.liquidationPrice();
            return;
        }
        (uint256 lp,) = o.liquidationPrice();
        assertGe(lp, implied, "P-80: liquidation price below the price the answers imply");
        uint256 b = uint256(baseAnswer > BASE_MIN ? baseAnswer : BASE_MIN);
        uint256 q = uint256(quoteAnswer < QUOTE_MAX ? quoteAnswer : QUOTE_MAX);
        assertEq(lp, o.SCALE_FACTOR().mulDivDown(b, q), "P-80: not valued at the bound");
    }

    /// P-81: a crash through the base feed's floor does not freeze the market: positions unhealthy even at the
    /// floor are liquidated (exactly as previewed), positions healthy at the floor are not, and borrowing stays
    /// closed.
    function test_CrashThroughFloorStillLiquidates() public {
        (ChainlinkOracle o, OwnerFeed base,) = _chainlink(IAggregatorV3(address(0)));
        MarketParams memory mp = _market(address(o));
        // 1 WETH against 2,000 USDC (LTV 66.7% at $3,000); 1 WETH against 500 USDC.
        _open(mp, BORROWER, 1e18, 2000e6);
        _open(mp, OTHER_SUPPLIER, 1e18, 500e6);

        // ETH crashes to $700; the aggregator clamps at its floor of $1,000, as Chainlink's do.
        base.setAnswer(BASE_MIN);
        vm.expectRevert(abi.encodeWithSelector(ChainlinkOracle.AnswerOutOfBounds.selector, address(base), BASE_MIN));
        o.price();

        // Valued at $1,000 the first position's LTV is 200%: liquidatable at the floor, so at any lower price.
        Liquidation memory preview = core.previewLiquidation(mp, BORROWER, type(uint256).max);
        assertEq(uint8(preview.status), uint8(LiquidationStatus.Liquidated), "P-81: floored market frozen");
        loanToken.mint(LIQUIDATOR, 10_000e6);
        vm.prank(LIQUIDATOR);
        (uint256 repaid, uint256 seized) = core.liquidate(mp, BORROWER, type(uint256).max, "");
        assertEq(repaid, preview.repaidAssets, "P-81: repaid differs from the preview");
        assertEq(seized, preview.seizedAssets, "P-81: seized differs from the preview");
        assertGt(repaid, 0, "P-81: nothing repaid");

        // 500 USDC against $1,000 of WETH is healthy at the floor: not liquidatable.
        vm.prank(LIQUIDATOR);
        vm.expectRevert(ErrorsLib.HealthyPosition.selector);
        core.liquidate(mp, OTHER_SUPPLIER, type(uint256).max, "");
        // Borrowing uses the strict price: closed.
        vm.prank(OTHER_SUPPLIER);
        vm.expectRevert(abi.encodeWithSelector(ChainlinkOracle.AnswerOutOfBounds.selector, address(base), BASE_MIN));
        core.borrow(mp, 1e6, 0, OTHER_SUPPLIER, OTHER_SUPPLIER);
    }

    /// P-82: in the sequencer's grace period a position is liquidatable exactly when its health factor is below
    /// 0.95 (as Aave v3's sentinel), borrowing is closed, and the preview agrees with `liquidate`.
    function testFuzz_GraceAllowsOnlyDeepLiquidations(uint256 collateral, uint256 healthBps) public {
        collateral = bound(collateral, 1e12, 1e24);
        healthBps = bound(healthBps, 5000, 10_500);
        // Borrow at the LLTV, then move the price to reach the fuzzed health.
        uint256 borrowed = collateral.wMulDown(LLTV);
        _openPosition(BORROWER, collateral, borrowed);
        oracle.setPrice(PRICE_ONE * healthBps / 10_000);
        oracle.setDeepOnly(true);

        Position memory p = core.position(id, BORROWER);
        uint256 debt = _debt(BORROWER);
        (uint256 lp,) = oracle.liquidationPrice();
        uint256 maxDebt = uint256(p.collateral).mulDivDown(lp, ConstantsLib.ORACLE_PRICE_SCALE).wMulDown(LLTV);
        bool deep = maxDebt < debt.wMulDown(ConstantsLib.GRACE_LIQUIDATION_HEALTH);

        Liquidation memory preview = core.previewLiquidation(marketParams, BORROWER, type(uint256).max);
        loanToken.mint(LIQUIDATOR, debt);
        vm.prank(LIQUIDATOR);
        if (debt <= maxDebt) {
            assertEq(uint8(preview.status), uint8(LiquidationStatus.Healthy), "P-82: healthy not previewed healthy");
            vm.expectRevert(ErrorsLib.HealthyPosition.selector);
            core.liquidate(marketParams, BORROWER, type(uint256).max, "");
        } else if (!deep) {
            assertEq(uint8(preview.status), uint8(LiquidationStatus.DeepOnly), "P-82: shallow liquidation in grace");
            vm.expectRevert(ErrorsLib.DeepOnly.selector);
            core.liquidate(marketParams, BORROWER, type(uint256).max, "");
        } else {
            assertEq(uint8(preview.status), uint8(LiquidationStatus.Liquidated), "P-82: deep position left in grace");
            (uint256 repaid,) = core.liquidate(marketParams, BORROWER, type(uint256).max, "");
            assertEq(repaid, preview.repaidAssets, "P-82: repaid differs from the preview");
        }
        // Borrowing: open after the grace period, closed in it.
        oracle.setDeepOnly(false);
        _supply(SUPPLIER, 1e18);
        _supplyCollateral(OTHER_SUPPLIER, collateral);
        vm.prank(OTHER_SUPPLIER);
        core.borrow(marketParams, 1, 0, OTHER_SUPPLIER, OTHER_SUPPLIER);
        oracle.setDeepOnly(true);
        vm.prank(OTHER_SUPPLIER);
        vm.expectRevert(OracleMock.InGracePeriod.selector);
        core.borrow(marketParams, 1, 0, OTHER_SUPPLIER, OTHER_SUPPLIER);
    }

    /// P-82, on the real oracle: a sequencer back up for less than the grace period makes `price()` revert and
    /// `liquidationPrice()` answer deep-only; after the grace period both answer and agree.
    function test_SequencerGraceOnChainlinkOracle() public {
        vm.warp(1_700_000_000);
        OwnerFeed sequencer = new OwnerFeed(0, "L2 Sequencer Uptime", 0, address(this));
        sequencer.setRoundData(0, block.timestamp - 10 minutes, block.timestamp - 10 minutes);
        (ChainlinkOracle o,,) = _chainlink(IAggregatorV3(address(sequencer)));
        vm.expectRevert(
            abi.encodeWithSelector(ChainlinkOracle.GracePeriodNotOver.selector, block.timestamp - 10 minutes)
        );
        o.price();
        (uint256 p, bool deepOnly) = o.liquidationPrice();
        assertTrue(deepOnly, "P-82: grace period not deep-only");
        assertEq(p, 3000e24, "P-82: grace price");

        vm.warp(block.timestamp + 1 hours);
        (p, deepOnly) = o.liquidationPrice();
        assertFalse(deepOnly, "P-82: deep-only after the grace period");
        assertEq(p, o.price(), "P-82: prices differ after the grace period");

        // A down sequencer stops both.
        sequencer.setRoundData(1, block.timestamp, block.timestamp);
        vm.expectRevert(ChainlinkOracle.SequencerDown.selector);
        o.liquidationPrice();
    }

    /// P-83: while a market with debt cannot be liquidated (its liquidation price reverts), `withdraw` is closed;
    /// it opens again with the oracle, and a market without debt never needs the oracle to withdraw.
    function testFuzz_WithdrawClosedWhileOracleDown(uint256 supplied, uint256 borrowed) public {
        supplied = bound(supplied, 3, MAX_AMOUNT);
        borrowed = bound(borrowed, 1, supplied - 2);
        _supply(OTHER_SUPPLIER, supplied);
        oracle.setBroken(true);
        vm.prank(OTHER_SUPPLIER);
        core.withdraw(marketParams, 1, 0, OTHER_SUPPLIER, OTHER_SUPPLIER); // no debt: no oracle needed
        oracle.setBroken(false);

        _supplyCollateral(BORROWER, borrowed * 2);
        _borrow(BORROWER, borrowed);
        oracle.setBroken(true);
        vm.prank(OTHER_SUPPLIER);
        vm.expectRevert(ErrorsLib.OracleDown.selector);
        core.withdraw(marketParams, 1, 0, OTHER_SUPPLIER, OTHER_SUPPLIER);
        oracle.setBroken(false);
        vm.prank(OTHER_SUPPLIER);
        core.withdraw(marketParams, 1, 0, OTHER_SUPPLIER, OTHER_SUPPLIER);
    }

    /// P-84: `withdrawIdle` is always open and never lowers the share price of the suppliers who stay, whatever
    /// the loans turn out to be worth: over the same path, the supplier who stays ends with at least what it would
    /// have had if nobody had left, whether the debt is then repaid in full or mostly written off.
    function testFuzz_IdleExitNeverHurtsThoseWhoStay(
        uint256 a,
        uint256 b,
        uint256 borrowed,
        uint256 exitBps,
        uint256 elapsed,
        bool writtenOff
    ) public {
        a = bound(a, 1e6, 1e27);
        b = bound(b, 1e6, 1e27);
        borrowed = bound(borrowed, 1, (a + b) * 9 / 10);
        exitBps = bound(exitBps, 1, 10_000);
        elapsed = bound(elapsed, 0, 365 days);
        _supply(SUPPLIER, a);
        _supply(OTHER_SUPPLIER, b);
        _supplyCollateral(BORROWER, borrowed * 2);
        _borrow(BORROWER, borrowed);
        vm.warp(block.timestamp + elapsed);
        oracle.setBroken(true);

        uint256 snapshot = vm.snapshotState();
        uint256 stayerWithoutExit = _endOf(OTHER_SUPPLIER, writtenOff);
        vm.revertToState(snapshot);

        uint256 shares = core.position(id, SUPPLIER).supplyShares * exitBps / 10_000;
        if (shares == 0) return;
        Market memory m = core.expectedMarket(marketParams);
        uint256 fair = shares.toAssetsDown(m.totalSupplyAssets, m.totalSupplyShares);
        uint256 before = loanToken.balanceOf(SUPPLIER);
        vm.prank(SUPPLIER);
        uint256 got = core.withdrawIdle(marketParams, shares, SUPPLIER, SUPPLIER);
        assertEq(loanToken.balanceOf(SUPPLIER) - before, got, "P-84: paid other than reported");
        assertLe(got, fair, "P-84: an idle exit paid more than the share price");
        uint256 stayerWithExit = _endOf(OTHER_SUPPLIER, writtenOff);
        assertGe(stayerWithExit, stayerWithoutExit, "P-84: an idle exit cost the supplier who stayed");
    }

    /// @dev What `supplier` can withdraw at the end of the path: the oracle comes back, and the debt is either
    /// repaid in full or liquidated with the collateral worth a twentieth of it (most of it written off).
    function _endOf(address supplier, bool writtenOff) internal returns (uint256) {
        oracle.setBroken(false);
        if (writtenOff) {
            uint256 debt = _debt(BORROWER);
            oracle.setPrice(debt.mulDivDown(PRICE_ONE, 20 * core.position(id, BORROWER).collateral) + 1);
            loanToken.mint(LIQUIDATOR, debt);
            vm.prank(LIQUIDATOR);
            core.liquidate(marketParams, BORROWER, type(uint256).max, "");
        } else {
            uint256 shares = core.position(id, BORROWER).borrowShares;
            loanToken.mint(BORROWER, _debt(BORROWER));
            vm.prank(BORROWER);
            core.repay(marketParams, 0, shares, BORROWER, "");
        }
        Market memory m = core.expectedMarket(marketParams);
        return uint256(core.position(id, supplier).supplyShares).toAssetsDown(m.totalSupplyAssets, m.totalSupplyShares);
    }

    /// P-85: a dead oracle blocks nothing that cannot hurt the market: supply, supplying collateral, repaying,
    /// withdrawing collateral once debt-free, and the idle exit all go through; only borrowing and share-price
    /// withdrawals stop.
    function test_OutageLeavesEveryRiskFreeActionOpen() public {
        _supply(SUPPLIER, 100e18);
        _openPosition(BORROWER, 10e18, 5e18);
        oracle.setBroken(true);

        _supply(OTHER_SUPPLIER, 1e18);
        _supplyCollateral(BORROWER, 1e18);
        vm.prank(BORROWER);
        vm.expectRevert(OracleMock.OracleBroken.selector);
        core.borrow(marketParams, 1, 0, BORROWER, BORROWER);
        vm.prank(SUPPLIER);
        vm.expectRevert(ErrorsLib.OracleDown.selector);
        core.withdraw(marketParams, 1e18, 0, SUPPLIER, SUPPLIER);

        uint256 shares = core.position(id, BORROWER).borrowShares;
        loanToken.mint(BORROWER, _debt(BORROWER));
        vm.startPrank(BORROWER);
        core.repay(marketParams, 0, shares, BORROWER, "");
        core.withdrawCollateral(marketParams, 11e18, BORROWER, BORROWER);
        vm.stopPrank();
        assertEq(collateralToken.balanceOf(BORROWER), 11e18, "P-85: collateral stuck");

        // No debt left: withdraw needs no oracle again, and the idle exit pays the full share price.
        uint256 s = core.position(id, SUPPLIER).supplyShares;
        Market memory m = core.expectedMarket(marketParams);
        uint256 fair = (s / 2).toAssetsDown(m.totalSupplyAssets, m.totalSupplyShares);
        vm.prank(SUPPLIER);
        assertEq(core.withdrawIdle(marketParams, s / 2, SUPPLIER, SUPPLIER), fair, "P-85: idle exit without debt");
        vm.prank(SUPPLIER);
        core.withdraw(marketParams, 0, s - s / 2, SUPPLIER, SUPPLIER);
    }

    /// P-86: `liquidateBatch` is best effort through every oracle state: a dead oracle is `OracleFailed`, a shallow
    /// position in the grace period `DeepOnly`, and neither stops the other items.
    function test_BatchSkipsOracleStatesAndGoesOn() public {
        OracleMock other = new OracleMock();
        other.setPrice(PRICE_ONE);
        MarketParams memory mp2 = _market(address(other));
        _openPosition(BORROWER, 10e18, 8e18);
        _open(mp2, OTHER_SUPPLIER, 10e18, 8e18);
        oracle.setPrice(PRICE_ONE * 99 / 100); // health 0.99: shallow
        oracle.setDeepOnly(true);
        other.setPrice(PRICE_ONE / 2); // health 0.5: deep

        LiquidationRequest[] memory reqs = new LiquidationRequest[](2);
        reqs[0] = LiquidationRequest(marketParams, BORROWER, type(uint256).max, "");
        reqs[1] = LiquidationRequest(mp2, OTHER_SUPPLIER, type(uint256).max, "");
        loanToken.mint(LIQUIDATOR, 100e18);
        vm.prank(LIQUIDATOR);
        Liquidation[] memory out = core.liquidateBatch(reqs);
        assertEq(uint8(out[0].status), uint8(LiquidationStatus.DeepOnly), "P-86: shallow grace item");
        assertEq(uint8(out[1].status), uint8(LiquidationStatus.Liquidated), "P-86: the next item stopped");
        assertEq(core.position(id, BORROWER).collateral, 10e18, "P-86: a skipped item moved collateral");

        // The second position is closed now; the first one's oracle dies.
        oracle.setBroken(true);
        vm.prank(LIQUIDATOR);
        out = core.liquidateBatch(reqs);
        assertEq(uint8(out[0].status), uint8(LiquidationStatus.OracleFailed), "P-86: dead oracle item");
        assertEq(uint8(out[1].status), uint8(LiquidationStatus.NoDebt), "P-86: closed position item");
    }

    /* helpers */

    /// @dev A second market on the same tokens and rate model, priced by `oracle_`.
    function _market(address oracle_) internal returns (MarketParams memory mp) {
        mp = MarketParams(address(loanToken), address(collateralToken), oracle_, address(rateModel), LLTV);
        core.createMarket(mp);
    }

    function _open(MarketParams memory mp, address user, uint256 collateral, uint256 borrowed) internal {
        loanToken.mint(SUPPLIER, borrowed);
        vm.prank(SUPPLIER);
        core.supply(mp, borrowed, 0, SUPPLIER, "");
        collateralToken.mint(user, collateral);
        vm.startPrank(user);
        core.supplyCollateral(mp, collateral, user, "");
        core.borrow(mp, borrowed, 0, user, user);
        vm.stopPrank();
    }
}
