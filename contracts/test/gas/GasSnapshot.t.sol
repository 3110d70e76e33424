// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Cantilever} from "../../src/Cantilever.sol";
import {IAggregatorV3} from "../../src/interfaces/IAggregatorV3.sol";
import {ICantileverLiquidateCallback} from "../../src/interfaces/ICallbacks.sol";
import {Liquidation, LiquidationRequest, LiquidationStatus, MarketParams} from "../../src/interfaces/ICantilever.sol";
import {IOracle} from "../../src/interfaces/IOracle.sol";
import {ConstantsLib} from "../../src/libraries/ConstantsLib.sol";
import {MarketParamsLib} from "../../src/libraries/MarketParamsLib.sol";
import {ChainlinkOracle} from "../../src/oracles/ChainlinkOracle.sol";
import {OwnerFeed} from "../../src/oracles/OwnerFeed.sol";
import {BaseTest} from "../utils/BaseTest.sol";
import {ERC20Mock} from "../utils/mocks/ERC20Mock.sol";

/// @notice A DEX stand-in: buys collateral for loan tokens at the price it is told (the flash liquidator quotes
/// the oracle). It holds loan tokens; the measured swap moves non-zero balances to non-zero balances.
contract SwapMock {
    function swap(address tokenIn, address tokenOut, uint256 amountIn, uint256 amountOut) external {
        ERC20Mock(tokenIn).transferFrom(msg.sender, address(this), amountIn);
        ERC20Mock(tokenOut).transfer(msg.sender, amountOut);
    }
}

/// @notice A capital-free liquidator: in onCantileverLiquidate it sells just enough seized collateral for the repay
/// and keeps the rest (the incentive). Approvals to the core and the DEX are set once, as a keeper's contract does.
contract FlashLiquidator is ICantileverLiquidateCallback {
    Cantilever internal immutable CORE;
    SwapMock internal immutable DEX;

    error NotCore();

    constructor(Cantilever core, SwapMock dex, address loanToken, address collateralToken) {
        CORE = core;
        DEX = dex;
        ERC20Mock(loanToken).approve(address(core), type(uint256).max);
        ERC20Mock(collateralToken).approve(address(dex), type(uint256).max);
    }

    function liquidate(MarketParams calldata marketParams, address borrower) external {
        CORE.liquidate(marketParams, borrower, type(uint256).max, abi.encode(marketParams));
    }

    function onCantileverLiquidate(uint256 repaidAssets, bytes calldata data) external {
        if (msg.sender != address(CORE)) revert NotCore();
        MarketParams memory marketParams = abi.decode(data, (MarketParams));
        uint256 price = IOracle(marketParams.oracle).price();
        uint256 collateralIn = (repaidAssets * ConstantsLib.ORACLE_PRICE_SCALE + price - 1) / price;
        DEX.swap(marketParams.collateralToken, marketParams.loanToken, collateralIn, repaidAssets);
    }
}

/// @notice Gas of every entry point in a realistic steady state, written to snapshots/GasSnapshotTest.json.
/// Run with `forge test --isolate --match-path 'contracts/test/gas/*'`: isolation makes each measured call a
/// transaction of its own (cold storage, 21,000 base cost), as Aave's snapshots are taken. Yardstick: Aave v3's
/// partial liquidation, 311,600 gas; our goal is a third of it (103,866), not asserted while we optimise.
/// Steady state: the market has idle liquidity (supply well above borrow), a day has passed since the last
/// accrual (so the measured call accrues interest), the liquidator already holds both tokens, and prices come
/// from the real ChainlinkOracle over an OwnerFeed written in an earlier transaction.
contract GasSnapshotTest is BaseTest {
    using MarketParamsLib for MarketParams;

    uint256 internal constant START = 1_700_000_000; // Seconds.
    uint256 internal constant ELAPSED = 1 days; // Seconds since the last accrual at measurement.
    uint256 internal constant BLOCK_TIME = 12; // Seconds.
    uint256 internal constant HEARTBEAT = 1 days + 1 hours; // Seconds.
    int256 internal constant ANSWER_ONE = 1e8; // Feed decimals: 1 collateral = 1 loan.
    int256 internal constant ANSWER_DROP = 0.95e8; // LTV 80 / 95 = 84%: a partial liquidation.
    int256 internal constant ANSWER_CRASH = 0.7e8; // LTV 80 / 70 > 1: close-out with bad debt.
    uint256 internal constant COLLATERAL = 10_000e18;
    uint256 internal constant BORROWED = 8_000e18; // At the LLTV.
    uint256 internal constant BATCH = 10;
    uint256 internal constant SIDE_MARKETS = 5;
    uint256 internal constant MIN_DEBT = 10e18;
    uint256 internal constant AAVE_V3_PARTIAL = 311_600; // Gas: Aave v3's partial liquidationCall snapshot.
    address internal constant CONSOLE = 0x000000000000000000636F6e736F6c652e6c6f67;

    OwnerFeed internal feed;
    MarketParams internal cl; // The Chainlink-priced market.
    address[BATCH] internal victims;
    address internal SMALL; // A position a partial liquidation would leave under minDebt.
    OwnerFeed[SIDE_MARKETS] internal sideFeeds;
    MarketParams[SIDE_MARKETS] internal side;
    address[2][SIDE_MARKETS] internal sideVictims;
    SwapMock internal dex;
    FlashLiquidator internal flash;

    function setUp() public override {
        vm.warp(START);
        vm.roll(20_000_000);
        super.setUp(); // The OracleMock market (marketParams) stays for the OracleMock measurement.

        feed = new OwnerFeed(8, "COLL / LOAN", ANSWER_ONE, address(this));
        cl = marketParams;
        cl.oracle = address(_chainlinkOracle(feed));
        core.createMarket(cl);
        vm.prank(OWNER);
        core.setMinDebt(cl, MIN_DEBT);

        loanToken.mint(LIQUIDATOR, 1_000_000e18);
        collateralToken.mint(LIQUIDATOR, 1e18);

        _lend(cl, 1_000_000e18);
        _open(cl, BORROWER, COLLATERAL, 5_000e18);
        for (uint256 i; i < BATCH; ++i) {
            victims[i] = makeAddr(string.concat("Victim", vm.toString(i)));
            _open(cl, victims[i], COLLATERAL, BORROWED);
        }
        SMALL = makeAddr("Small");
        _open(cl, SMALL, 25e18, 20e18);

        _lend(marketParams, 1_000_000e18);
        _open(marketParams, victims[0], COLLATERAL, BORROWED);

        for (uint256 m; m < SIDE_MARKETS; ++m) {
            ERC20Mock c = new ERC20Mock("Side collateral", "SIDE", 18);
            c.mint(LIQUIDATOR, 1e18);
            vm.prank(LIQUIDATOR);
            c.approve(address(core), type(uint256).max);
            sideFeeds[m] = new OwnerFeed(8, "SIDE / LOAN", ANSWER_ONE, address(this));
            side[m] = cl;
            side[m].collateralToken = address(c);
            side[m].oracle = address(_chainlinkOracle(sideFeeds[m]));
            core.createMarket(side[m]);
            _lend(side[m], 100_000e18);
            for (uint256 j; j < 2; ++j) {
                sideVictims[m][j] = makeAddr(string.concat("SideVictim", vm.toString(m), "_", vm.toString(j)));
                _open(side[m], sideVictims[m][j], COLLATERAL, BORROWED);
            }
        }

        dex = new SwapMock();
        loanToken.mint(address(dex), 1_000_000e18);
        collateralToken.mint(address(dex), 1e18);
        flash = new FlashLiquidator(core, dex, address(loanToken), address(collateralToken));
        loanToken.mint(address(flash), 1e18);
        collateralToken.mint(address(flash), 1e18);

        // Time passes; the feeds are refreshed in their own transactions (keepers do not pay for that).
        vm.warp(START + ELAPSED);
        vm.roll(block.number + ELAPSED / BLOCK_TIME);
        feed.setAnswer(ANSWER_ONE);
        for (uint256 m; m < SIDE_MARKETS; ++m) {
            sideFeeds[m].setAnswer(ANSWER_ONE);
        }
    }

    /// @dev Numbers taken without --isolate (warm storage, no base cost) would overwrite the committed snapshot with
    /// incomparable ones: skip instead. Under isolation every call of a test body (not of setUp) is a transaction,
    /// so even a no-op call costs the 21,000 base. (Static calls are not isolated: the probe writes.)
    modifier isolated() {
        loanToken.approve(address(this), 0);
        if (vm.lastCallGas().gasTotalUsed < 21_000) vm.skip(true);
        _;
    }

    function _chainlinkOracle(OwnerFeed f) internal returns (ChainlinkOracle) {
        return new ChainlinkOracle(
            ChainlinkOracle.FeedConfig({feed: f, heartbeat: HEARTBEAT, minAnswer: 0, maxAnswer: 1e12}),
            ChainlinkOracle.FeedConfig({feed: IAggregatorV3(address(0)), heartbeat: 0, minAnswer: 0, maxAnswer: 0}),
            18,
            18,
            IAggregatorV3(address(0)),
            0
        );
    }

    function _lend(MarketParams memory params, uint256 assets) internal {
        loanToken.mint(SUPPLIER, assets);
        vm.prank(SUPPLIER);
        core.supply(params, assets, 0, SUPPLIER, "");
    }

    function _open(MarketParams memory params, address user, uint256 collateral, uint256 borrowed) internal {
        ERC20Mock c = ERC20Mock(params.collateralToken);
        c.mint(user, collateral);
        vm.startPrank(user);
        c.approve(address(core), type(uint256).max);
        loanToken.approve(address(core), type(uint256).max);
        core.supplyCollateral(params, collateral, user, "");
        core.borrow(params, borrowed, 0, user, user);
        vm.stopPrank();
    }

    /// @dev console.log(string, uint256) without forge-std.
    function _log(string memory name, uint256 value) internal {
        (bool ok,) = CONSOLE.call(abi.encodeWithSignature("log(string,uint256)", name, value));
        ok;
    }

    function _snap(string memory name) internal returns (uint256 gasUsed) {
        gasUsed = vm.snapshotGasLastCall(name);
        _log(name, gasUsed);
    }

    /* LENDING */

    function test_Gas_Supply() public isolated {
        loanToken.mint(SUPPLIER, 1000e18);
        vm.prank(SUPPLIER);
        core.supply(cl, 1000e18, 0, SUPPLIER, "");
        _snap("supply");
    }

    function test_Gas_Withdraw() public isolated {
        vm.prank(SUPPLIER);
        core.withdraw(cl, 1000e18, 0, SUPPLIER, SUPPLIER);
        _snap("withdraw");
    }

    function test_Gas_Borrow() public isolated {
        vm.prank(BORROWER);
        core.borrow(cl, 100e18, 0, BORROWER, BORROWER);
        _snap("borrow");
    }

    function test_Gas_Repay() public isolated {
        vm.prank(BORROWER);
        core.repay(cl, 100e18, 0, BORROWER, "");
        _snap("repay");
    }

    function test_Gas_SupplyCollateral() public isolated {
        collateralToken.mint(BORROWER, 100e18);
        vm.prank(BORROWER);
        core.supplyCollateral(cl, 100e18, BORROWER, "");
        _snap("supplyCollateral");
    }

    function test_Gas_WithdrawCollateral() public isolated {
        vm.prank(BORROWER);
        core.withdrawCollateral(cl, 100e18, BORROWER, BORROWER);
        _snap("withdrawCollateral");
    }

    /* LIQUIDATION */

    function test_Gas_LiquidatePartialChainlink() public isolated {
        feed.setAnswer(ANSWER_DROP);
        vm.prank(LIQUIDATOR);
        (uint256 repaid,) = core.liquidate(cl, victims[0], type(uint256).max, "");
        uint256 gasUsed = _snap("liquidate_partial_chainlink");
        assertGt(_debtIn(cl, victims[0]), 0, "partial");
        assertGt(repaid, 0, "repaid");
        _log("goal (Aave v3 partial / 3)", AAVE_V3_PARTIAL / 3);
        _log("ratio to Aave v3 partial (bps)", gasUsed * 10_000 / AAVE_V3_PARTIAL);
    }

    function test_Gas_LiquidatePartialOracleMock() public isolated {
        oracle.setPrice(0.95e36);
        vm.prank(LIQUIDATOR);
        core.liquidate(marketParams, victims[0], type(uint256).max, "");
        _snap("liquidate_partial_oracleMock");
        assertGt(_debtIn(marketParams, victims[0]), 0, "partial");
    }

    /// @dev A partial liquidation would leave less than minDebt: the position is closed in full.
    function test_Gas_LiquidateFull() public isolated {
        feed.setAnswer(ANSWER_DROP);
        vm.prank(LIQUIDATOR);
        core.liquidate(cl, SMALL, type(uint256).max, "");
        _snap("liquidate_full");
        assertEq(core.position(cl.id(), SMALL).borrowShares, 0, "closed");
        assertGt(core.position(cl.id(), SMALL).collateral, 0, "no bad debt");
    }

    function test_Gas_LiquidateBadDebt() public isolated {
        feed.setAnswer(ANSWER_CRASH);
        vm.prank(LIQUIDATOR);
        core.liquidate(cl, victims[0], type(uint256).max, "");
        _snap("liquidate_badDebt");
        assertEq(core.position(cl.id(), victims[0]).borrowShares, 0, "written off");
        assertEq(core.position(cl.id(), victims[0]).collateral, 0, "all seized");
    }

    function test_Gas_FlashLiquidateWithCallback() public isolated {
        feed.setAnswer(ANSWER_DROP);
        vm.prank(LIQUIDATOR);
        flash.liquidate(cl, victims[0]);
        _snap("liquidate_flash_callback");
        assertGt(collateralToken.balanceOf(address(flash)), 1e18, "kept the incentive");
    }

    /// @notice Ten partial liquidations in one market, one transaction; and the single one it is compared with.
    function test_Gas_LiquidateBatch10OneMarket() public isolated {
        feed.setAnswer(ANSWER_DROP);
        uint256 single = _singlePartial();

        LiquidationRequest[] memory requests = new LiquidationRequest[](BATCH);
        for (uint256 i; i < BATCH; ++i) {
            requests[i] = LiquidationRequest(cl, victims[i], type(uint256).max, "");
        }
        vm.prank(LIQUIDATOR);
        Liquidation[] memory results = core.liquidateBatch(requests);
        uint256 batch = _snap("liquidateBatch_10_oneMarket");
        _assertAllLiquidated(results);
        _compare(batch, single);
    }

    /// @notice Ten partial liquidations across five markets (two each), one transaction.
    function test_Gas_LiquidateBatch10FiveMarkets() public isolated {
        feed.setAnswer(ANSWER_DROP);
        uint256 single = _singlePartial();

        LiquidationRequest[] memory requests = new LiquidationRequest[](BATCH);
        for (uint256 m; m < SIDE_MARKETS; ++m) {
            sideFeeds[m].setAnswer(ANSWER_DROP);
            for (uint256 j; j < 2; ++j) {
                requests[2 * m + j] = LiquidationRequest(side[m], sideVictims[m][j], type(uint256).max, "");
            }
        }
        vm.prank(LIQUIDATOR);
        Liquidation[] memory results = core.liquidateBatch(requests);
        uint256 batch = _snap("liquidateBatch_10_fiveMarkets");
        _assertAllLiquidated(results);
        _compare(batch, single);
    }

    /// @dev The partial liquidation of victims[0] alone, measured the same way, then undone.
    function _singlePartial() internal returns (uint256 gasUsed) {
        uint256 snap = vm.snapshotState();
        vm.prank(LIQUIDATOR);
        core.liquidate(cl, victims[0], type(uint256).max, "");
        gasUsed = vm.lastCallGas().gasTotalUsed;
        vm.revertToState(snap);
    }

    function _compare(uint256 batch, uint256 single) internal {
        _log("single partial (same state)", single);
        _log("batch per item", batch / BATCH);
        assertLt(batch, 7 * single, "a batch of 10 costs 7 single liquidations or more");
    }

    function _assertAllLiquidated(Liquidation[] memory results) internal pure {
        for (uint256 i; i < results.length; ++i) {
            assertEq(uint256(results[i].status), uint256(LiquidationStatus.Liquidated), "status");
        }
    }

    function _debtIn(MarketParams memory params, address user) internal view returns (uint256) {
        return core.position(params.id(), user).borrowShares;
    }
}
