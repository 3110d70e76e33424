// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Cantilever} from "../../src/Cantilever.sol";
import {IAggregatorV3} from "../../src/interfaces/IAggregatorV3.sol";
import {
    Id,
    Liquidation,
    LiquidationRequest,
    LiquidationStatus,
    Market,
    MarketParams,
    Position
} from "../../src/interfaces/ICantilever.sol";
import {JumpRateModel} from "../../src/irm/JumpRateModel.sol";
import {ConstantsLib} from "../../src/libraries/ConstantsLib.sol";
import {ErrorsLib} from "../../src/libraries/ErrorsLib.sol";
import {EventsLib} from "../../src/libraries/EventsLib.sol";
import {MarketParamsLib} from "../../src/libraries/MarketParamsLib.sol";
import {MathLib} from "../../src/libraries/MathLib.sol";
import {SharesMathLib} from "../../src/libraries/SharesMathLib.sol";
import {ChainlinkOracle} from "../../src/oracles/ChainlinkOracle.sol";
import {OwnerFeed} from "../../src/oracles/OwnerFeed.sol";
import {FlashLiquidator} from "../unit/core/CoreBase.t.sol";
import {Test} from "../utils/Test.sol";
import {ERC20Mock} from "../utils/mocks/ERC20Mock.sol";

/// @notice End-to-end flows on a WETH (18 decimals) / USDC (6 decimals) market priced by the real ChainlinkOracle
/// over ETH/USD and USDC/USD OwnerFeeds (8 decimals), with a JumpRateModel.
contract ChainlinkMarketTest is Test {
    using MarketParamsLib for MarketParams;
    using MathLib for uint256;
    using SharesMathLib for uint256;

    uint256 internal constant START = 1_700_000_000; // seconds
    uint256 internal constant HEARTBEAT = 1 days; // seconds
    uint256 internal constant LLTV = 0.8e18;
    uint256 internal constant MAX = type(uint256).max;
    uint256 internal constant TARGET_LTV = 761904761904761904; // LLTV / 1.05 (WAD)

    address internal OWNER;
    address internal SUPPLIER;
    address internal BORROWER;
    address internal LIQUIDATOR;
    address internal FEE_RECIPIENT;

    Cantilever internal core;
    ERC20Mock internal weth;
    ERC20Mock internal usdc;
    OwnerFeed internal ethUsd;
    OwnerFeed internal usdcUsd;
    ChainlinkOracle internal oracle;
    JumpRateModel internal rateModel;
    MarketParams internal mp;
    Id internal id;

    function setUp() public {
        vm.warp(START);
        OWNER = makeAddr("Owner");
        SUPPLIER = makeAddr("Supplier");
        BORROWER = makeAddr("Borrower");
        LIQUIDATOR = makeAddr("Liquidator");
        FEE_RECIPIENT = makeAddr("FeeRecipient");

        core = new Cantilever(OWNER);
        weth = new ERC20Mock("Wrapped Ether", "WETH", 18);
        usdc = new ERC20Mock("USD Coin", "USDC", 6);
        ethUsd = new OwnerFeed(8, "ETH / USD", 3000e8, address(this));
        usdcUsd = new OwnerFeed(8, "USDC / USD", 1e8, address(this));
        oracle = new ChainlinkOracle(
            ChainlinkOracle.FeedConfig(IAggregatorV3(address(ethUsd)), HEARTBEAT, 0, 1e14),
            ChainlinkOracle.FeedConfig(IAggregatorV3(address(usdcUsd)), HEARTBEAT, 0, 2e8),
            18,
            6,
            IAggregatorV3(address(0)),
            0
        );
        rateModel = new JumpRateModel(0.02e18, 0.1e18, 3e18, 0.8e18);

        vm.startPrank(OWNER);
        core.enableRateModel(address(rateModel));
        core.enableLltv(LLTV);
        core.setFeeRecipient(FEE_RECIPIENT);
        vm.stopPrank();

        mp = MarketParams(address(usdc), address(weth), address(oracle), address(rateModel), LLTV);
        id = mp.id();
        core.createMarket(mp);
        vm.prank(OWNER);
        core.setFee(mp, 0.1e18);
        vm.prank(OWNER);
        core.setMinDebt(mp, 100e6); // 100 USDC

        _approve(SUPPLIER);
        _approve(BORROWER);
        _approve(LIQUIDATOR);

        // 1,000,000 USDC supplied; 10 WETH ($30,000) against 20,000 USDC borrowed (LTV 66.7%).
        usdc.mint(SUPPLIER, 1_000_000e6);
        vm.prank(SUPPLIER);
        core.supply(mp, 1_000_000e6, 0, SUPPLIER, "");
        weth.mint(BORROWER, 10e18);
        vm.startPrank(BORROWER);
        core.supplyCollateral(mp, 10e18, BORROWER, "");
        core.borrow(mp, 20_000e6, 0, BORROWER, BORROWER);
        vm.stopPrank();
        usdc.mint(LIQUIDATOR, 1_000_000e6);
    }

    function _approve(address user) internal {
        vm.startPrank(user);
        usdc.approve(address(core), MAX);
        weth.approve(address(core), MAX);
        vm.stopPrank();
    }

    /// @dev Moves time and refreshes both feeds (a live Chainlink feed would have posted rounds meanwhile).
    function _skipFresh(uint256 seconds_, int256 ethPrice) internal {
        vm.warp(vm.getBlockTimestamp() + seconds_);
        ethUsd.setAnswer(ethPrice);
        usdcUsd.setAnswer(1e8);
    }

    function _debt(address user) internal view returns (uint256) {
        Market memory m = core.expectedMarket(mp);
        return uint256(core.position(id, user).borrowShares).toAssetsUp(m.totalBorrowAssets, m.totalBorrowShares);
    }

    function _ltv(address user) internal view returns (uint256) {
        uint256 value = uint256(core.position(id, user).collateral).mulDivDown(oracle.price(), 1e36);
        return _debt(user).wDivUp(value);
    }

    function test_Oracle_PricesWethInUsdc() public view {
        assertEq(oracle.price(), 3000e24, "3000 USDC per WETH at 1e36 scale");
        assertEq(_ltv(BORROWER), 666666666666666667, "ltv 2/3");
    }

    function test_FullFlow_InterestPriceDropPartialLiquidation() public {
        // A month passes at 2% utilization: interest and protocol fees accrue.
        _skipFresh(30 days, 3000e8);
        uint256 debt = _debt(BORROWER);
        assertGt(debt, 20_000e6, "interest");
        assertLt(debt, 20_100e6, "about 2.2% a year for a month");
        core.accrueInterest(mp);
        assertGt(core.position(id, FEE_RECIPIENT).supplyShares, 0, "fee shares");

        // The borrower repays 1,000 USDC; then ETH drops ~23% to 2,300: LTV 19,0xx / 23,000 = 83%.
        vm.prank(BORROWER);
        core.repay(mp, 1000e6, 0, BORROWER, "");
        _skipFresh(1 hours, 2300e8);
        assertEq(oracle.price(), 2300e24, "price");
        assertGt(_ltv(BORROWER), LLTV, "unhealthy");

        Liquidation memory preview = core.previewLiquidation(mp, BORROWER, MAX);
        assertEq(uint256(preview.status), uint256(LiquidationStatus.Liquidated), "liquidatable");
        vm.prank(LIQUIDATOR);
        (uint256 repaid, uint256 seized) = core.liquidate(mp, BORROWER, MAX, "");
        assertEq(repaid, preview.repaidAssets, "preview repaid");
        assertEq(seized, preview.seizedAssets, "preview seized");
        assertEq(weth.balanceOf(LIQUIDATOR), seized, "liquidator got WETH");
        // The liquidator's bonus is the incentive factor, to within USDC's 6-decimal rounding.
        assertApproxEqRel(seized.mulDivDown(2300e24, 1e36), repaid.wMulDown(preview.incentiveFactor), 1e12, "bonus");

        // Back at target health, above minDebt, and no longer liquidatable.
        assertApproxEqRel(_ltv(BORROWER), TARGET_LTV, 1e12, "ltv ~ LLTV / 1.05 (1e-6)");
        assertLe(_ltv(BORROWER), TARGET_LTV + TARGET_LTV / 1e6, "ltv <= target");
        assertGe(_debt(BORROWER), 100e6, ">= minDebt");

        // The supplier's position is worth more than it put in (interest, no losses), and it can withdraw
        // everything that is not lent out.
        _skipFresh(1 days, 2300e8);
        Market memory m = core.expectedMarket(mp);
        uint256 shares = core.position(id, SUPPLIER).supplyShares;
        assertGt(shares.toAssetsDown(m.totalSupplyAssets, m.totalSupplyShares), 1_000_000e6, "supplier earned");
        uint256 idle = m.totalSupplyAssets - m.totalBorrowAssets;
        vm.prank(SUPPLIER);
        core.withdraw(mp, idle, 0, SUPPLIER, SUPPLIER);
        assertEq(core.market(id).totalSupplyAssets, core.market(id).totalBorrowAssets, "fully utilised");
    }

    function test_BadDebt_CloseOutSocialised() public {
        _skipFresh(1 days, 1500e8); // collateral $15,000 against ~$20,000 of debt
        Market memory before = core.expectedMarket(mp);
        Liquidation memory preview = core.previewLiquidation(mp, BORROWER, MAX);
        assertGt(preview.badDebtAssets, 0, "bad debt expected");
        assertEq(preview.seizedAssets, 10e18, "all collateral");

        vm.expectEmit(address(core));
        emit EventsLib.RealizeBadDebt(id, BORROWER, preview.badDebtAssets, preview.badDebtShares);
        vm.prank(LIQUIDATOR);
        (uint256 repaid,) = core.liquidate(mp, BORROWER, MAX, "");

        // Repaid = collateral value / incentive = 15,000 / 1.25 = 12,000 USDC: at LTV ~133% the incentive is at its
        // cap (issue 14: it never falls back to the base as the LTV rises).
        assertEq(preview.incentiveFactor, 1.25e18, "capped incentive");
        assertApproxEqAbs(repaid, 12_000e6, 1e6, "repaid");
        Position memory p = core.position(id, BORROWER);
        assertEq(p.borrowShares, 0, "debt gone");
        assertEq(p.collateral, 0, "collateral gone");
        Market memory m = core.market(id);
        assertEq(m.totalSupplyAssets, before.totalSupplyAssets - preview.badDebtAssets, "suppliers absorb it");
        assertEq(m.totalBorrowAssets, 0, "no borrow left");
        assertApproxEqAbs(preview.badDebtAssets + repaid, before.totalBorrowAssets, 1, "debt = repaid + written off");
    }

    /// @dev A zero-capital keeper liquidates through the callback, selling WETH at the feed price.
    function test_FlashLiquidation() public {
        _skipFresh(1 days, 2400e8);
        FlashLiquidator flash = new FlashLiquidator(core, usdc, weth);
        (uint256 repaid, uint256 seized) = flash.liquidate(mp, BORROWER, MAX);
        assertGt(repaid, 0, "liquidated");
        assertEq(usdc.balanceOf(address(flash)), seized.mulDivDown(2400e24, 1e36) - repaid, "profit in USDC");
    }

    /// @dev A stale feed blocks what needs a price (borrow, liquidation, collateral withdrawal against debt, and
    /// supplier withdrawals at the share price while nobody can liquidate) but not what does not (repay,
    /// supplyCollateral, the idle exit).
    function test_StaleFeed_BlocksBorrowAndLiquidationOnly() public {
        _skipFresh(1 hours, 2400e8); // unhealthy
        uint256 updatedAt = vm.getBlockTimestamp();
        vm.warp(updatedAt + HEARTBEAT + 1);
        bytes memory stale = abi.encodeWithSelector(ChainlinkOracle.StaleAnswer.selector, address(ethUsd), updatedAt);

        vm.prank(BORROWER);
        vm.expectRevert(stale);
        core.borrow(mp, 1e6, 0, BORROWER, BORROWER);

        vm.prank(BORROWER);
        vm.expectRevert(stale);
        core.withdrawCollateral(mp, 1, BORROWER, BORROWER);

        vm.prank(LIQUIDATOR);
        vm.expectRevert(stale);
        core.liquidate(mp, BORROWER, MAX, "");

        LiquidationRequest[] memory reqs = new LiquidationRequest[](1);
        reqs[0] = LiquidationRequest(mp, BORROWER, MAX, "");
        vm.prank(LIQUIDATOR);
        Liquidation[] memory results = core.liquidateBatch(reqs);
        assertEq(uint256(results[0].status), uint256(LiquidationStatus.OracleFailed), "batch skips");
        assertEq(
            uint256(core.previewLiquidation(mp, BORROWER, MAX).status),
            uint256(LiquidationStatus.OracleFailed),
            "preview"
        );

        // Closed: withdrawing at the share price (it may hide bad debt nobody can liquidate now).
        vm.prank(SUPPLIER);
        vm.expectRevert(ErrorsLib.OracleDown.selector);
        core.withdraw(mp, 100_000e6, 0, SUPPLIER, SUPPLIER);

        // Still possible: repaying, adding collateral, suppliers leaving with their part of the idle liquidity.
        vm.prank(BORROWER);
        core.repay(mp, 5000e6, 0, BORROWER, "");
        weth.mint(BORROWER, 1e18);
        vm.prank(BORROWER);
        core.supplyCollateral(mp, 1e18, BORROWER, "");
        uint256 shares = core.position(id, SUPPLIER).supplyShares / 10;
        vm.prank(SUPPLIER);
        assertGt(core.withdrawIdle(mp, shares, SUPPLIER, SUPPLIER), 0, "idle exit");
        assertEq(core.position(id, BORROWER).collateral, 11e18, "collateral added");

        // The feed recovers: the (now healthier) position is judged at the fresh price.
        ethUsd.setAnswer(2400e8);
        usdcUsd.setAnswer(1e8);
        assertLt(_ltv(BORROWER), LLTV, "repay and top-up saved it");
        vm.prank(LIQUIDATOR);
        results = core.liquidateBatch(reqs);
        assertEq(uint256(results[0].status), uint256(LiquidationStatus.Healthy), "healthy now");
    }

    /// @dev A depeg of the quote feed moves the price too: USDC at 1.25 USD makes WETH worth 1,920 USDC.
    function test_QuoteFeedMovesPrice() public {
        vm.warp(vm.getBlockTimestamp() + 1);
        usdcUsd.setAnswer(1.25e8);
        assertEq(oracle.price(), 2400e24, "3000 / 1.25");
        assertGt(_ltv(BORROWER), 0.8e18 - 1, "LTV 20,000 / 24,000 = 83%");
        Liquidation memory l = core.previewLiquidation(mp, BORROWER, MAX);
        assertEq(uint256(l.status), uint256(LiquidationStatus.Liquidated), "liquidatable on a quote move");
    }

    function testFuzz_FullFlow_PreviewMatches(uint256 elapsed, uint256 ethPrice, uint256 maxRepay) public {
        elapsed = bound(elapsed, 0, 365 days);
        ethPrice = bound(ethPrice, 1000e8, 3000e8);
        maxRepay = maxRepay % 2 == 0 ? MAX : bound(maxRepay, 0, 40_000e6);
        _skipFresh(elapsed, int256(ethPrice));
        Liquidation memory l = core.previewLiquidation(mp, BORROWER, maxRepay);
        if (l.status != LiquidationStatus.Liquidated) return;
        vm.prank(LIQUIDATOR);
        (uint256 repaid, uint256 seized) = core.liquidate(mp, BORROWER, maxRepay, "");
        assertEq(repaid, l.repaidAssets, "repaid");
        assertEq(seized, l.seizedAssets, "seized");
        uint256 debt = core.position(id, BORROWER).borrowShares == 0 ? 0 : _debt(BORROWER);
        assertTrue(debt == 0 || debt >= 100e6, "no dust under minDebt");
    }
}
