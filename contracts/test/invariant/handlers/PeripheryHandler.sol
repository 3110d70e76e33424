// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {
    ICantilever,
    Id,
    Liquidation,
    LiquidationStatus,
    Market,
    MarketParams,
    Position
} from "../../../src/interfaces/ICantilever.sol";
import {ILiquidationExecutor} from "../../../src/interfaces/ILiquidationExecutor.sol";
import {IMarginRouter} from "../../../src/interfaces/IMarginRouter.sol";
import {ISwapAdapter} from "../../../src/interfaces/ISwapAdapter.sol";
import {JumpRateModel} from "../../../src/irm/JumpRateModel.sol";
import {ConstantsLib} from "../../../src/libraries/ConstantsLib.sol";
import {ErrorsLib} from "../../../src/libraries/ErrorsLib.sol";
import {MarketParamsLib} from "../../../src/libraries/MarketParamsLib.sol";
import {MathLib} from "../../../src/libraries/MathLib.sol";
import {SharesMathLib} from "../../../src/libraries/SharesMathLib.sol";
import {LiquidationExecutor} from "../../../src/periphery/LiquidationExecutor.sol";
import {MarginRouter} from "../../../src/periphery/MarginRouter.sol";
import {IUniswapV2Factory} from "../../../src/periphery/swap/IUniswapV2.sol";
import {UniswapV2Adapter} from "../../../src/periphery/swap/UniswapV2Adapter.sol";
import {UniswapV2Deployer} from "../../periphery/utils/UniswapV2Deployer.sol";
import {Test} from "../../utils/Test.sol";
import {ERC20Mock} from "../../utils/mocks/ERC20Mock.sol";
import {OracleMock} from "../../utils/mocks/OracleMock.sol";

interface IPair {
    function mint(address to) external returns (uint256 liquidity);
    function getReserves() external view returns (uint112 reserve0, uint112 reserve1, uint32 blockTimestampLast);
    function swap(uint256 amount0Out, uint256 amount1Out, address to, bytes calldata data) external;
}

interface IFactory {
    function createPair(address tokenA, address tokenB) external returns (address pair);
}

/// @notice Drives the periphery over a real Uniswap v2 pair (deployed from the npm artifacts, as the periphery
/// tests do) for PeripheryInvariant.t.sol: ten traders open and close leveraged positions through the MarginRouter,
/// a whale moves the pair's price (the oracles follow the pair's spot price), time passes, the keeper liquidates
/// through the LiquidationExecutor (single and batch, selling the seized collateral to the pair), and strangers try
/// the executor's and the router's guarded entry points. Property ids: contracts/test/PROPERTIES.md (P-45 to P-52).
/// Like CantileverHandler, every action predicts what the contracts must do and never reverts unexpectedly
/// (`fail_on_revert = true`); expected reverts go through `vm.expectRevert` with the exact error.
///
/// Markets: 0 lends LOAN against COLL (LLTV 86%), 1 lends COLL against LOAN (LLTV 80%): longs and shorts of COLL.
contract PeripheryHandler is Test {
    using MarketParamsLib for MarketParams;
    using MathLib for uint256;
    using SharesMathLib for uint256;

    uint256 public constant N_MARKETS = 2;
    uint256 public constant N_TRADERS = 10;
    uint256 internal constant POOL = 1_000_000e18;
    uint256 internal constant LEND = 100_000_000e18;
    uint256 internal constant MAX_EQUITY = 2_000e18;
    uint256 internal constant MAX_WARP = 3 days;
    uint256 internal constant NONE = type(uint256).max;

    ICantilever public immutable core;
    address public immutable OWNER;
    address public immutable KEEPER;
    address public immutable LENDER;
    address public immutable WHALE;
    ERC20Mock public immutable loan;
    ERC20Mock public immutable coll;
    IPair public immutable pair;
    UniswapV2Adapter public immutable adapter;
    MarginRouter public immutable router;
    LiquidationExecutor public immutable executor;

    address[N_TRADERS] internal _traders;
    MarketParams[N_MARKETS] internal _params;
    OracleMock[N_MARKETS] internal _oracles;

    uint256 public time;
    uint256 public blockNumber;

    // Coverage and outcome counters.
    uint256 public opens;
    uint256 public opensOverCap;
    uint256 public closes;
    uint256 public closesUnderwater;
    uint256 public priceMoves;
    uint256 public executorLiquidations;
    uint256 public executorProfitTooLow;
    uint256 public executorHealthyRejected;
    uint256 public executorBatches;
    uint256 public executorBatchesNothing;
    uint256 public strangerRejections;

    constructor() {
        OWNER = makeAddr("Owner");
        KEEPER = makeAddr("Keeper");
        LENDER = makeAddr("Lender");
        WHALE = makeAddr("Whale");
        core = ICantilever(vm.deployCode("Cantilever.sol:Cantilever", abi.encode(OWNER)));
        loan = new ERC20Mock("Loan", "LOAN", 18);
        coll = new ERC20Mock("Collateral", "COLL", 18);
        JumpRateModel rm = new JumpRateModel(0.02e18, 0.1e18, 3e18, 0.8e18);
        vm.startPrank(OWNER);
        core.enableRateModel(address(rm));
        core.enableLltv(0.86e18);
        core.enableLltv(0.8e18);
        vm.stopPrank();
        _oracles[0] = new OracleMock();
        _oracles[1] = new OracleMock();
        _params[0] = MarketParams(address(loan), address(coll), address(_oracles[0]), address(rm), 0.86e18);
        _params[1] = MarketParams(address(coll), address(loan), address(_oracles[1]), address(rm), 0.8e18);
        core.createMarket(_params[0]);
        core.createMarket(_params[1]);

        UniswapV2Deployer.Deployment memory uni = UniswapV2Deployer.deploy(address(this));
        pair = IPair(IFactory(uni.factory).createPair(address(loan), address(coll)));
        loan.mint(address(pair), POOL);
        coll.mint(address(pair), POOL);
        pair.mint(address(this));
        _syncOracles();
        adapter = new UniswapV2Adapter(IUniswapV2Factory(uni.factory));
        router = new MarginRouter(core);
        executor = new LiquidationExecutor(core, KEEPER);

        vm.startPrank(LENDER);
        loan.approve(address(core), type(uint256).max);
        coll.approve(address(core), type(uint256).max);
        loan.mint(LENDER, LEND);
        coll.mint(LENDER, LEND);
        core.supply(_params[0], LEND, 0, LENDER, "");
        core.supply(_params[1], LEND, 0, LENDER, "");
        vm.stopPrank();

        for (uint256 t; t < N_TRADERS; ++t) {
            _traders[t] = makeAddr(string.concat("Trader", vm.toString(t)));
            vm.startPrank(_traders[t]);
            core.setAuthorization(address(router), true);
            loan.approve(address(router), type(uint256).max);
            coll.approve(address(router), type(uint256).max);
            vm.stopPrank();
        }
        time = block.timestamp;
        blockNumber = block.number;
    }

    /* VIEWS */

    function marketParams(uint256 i) external view returns (MarketParams memory) {
        return _params[i];
    }

    function trader(uint256 t) external view returns (address) {
        return _traders[t];
    }

    /// @notice Healthy at the LLTV, as the core defines it (its `price()`).
    function isHealthy(uint256 i, address who) public view returns (bool) {
        Position memory p = core.position(_params[i].id(), who);
        if (p.borrowShares == 0) return true;
        return _debt(i, p.borrowShares) <= _maxDebt(i, p.collateral, _params[i].lltv);
    }

    /* ACTIONS */

    modifier sync() {
        vm.warp(time);
        vm.roll(blockNumber);
        _;
        _assertPeripheryEmpty();
    }

    /// @notice P-46: opening a leveraged position through the router gives the trader exactly its equity plus the
    /// bought collateral, and exactly the debt the pair quoted for it; the whole position then has a health of at
    /// least TARGET_HEALTH. Leverage is drawn in [1.5x, maxLeverage]; an open the swap's cost would push past the cap
    /// is predicted (and skipped), every other one must go through.
    struct Open {
        uint256 i;
        address who;
        MarketParams mp;
        uint256 equity;
        uint256 leverage;
        uint256 bought;
        uint256 borrowed;
        uint256 shares;
        uint256 maxDebt;
        uint256 held;
    }

    function open(uint256 traderSeed, uint256 marketSeed, uint256 equity, uint256 leverage) external sync {
        Open memory o;
        (o.i, o.who) = _pick(marketSeed, traderSeed);
        o.mp = _params[o.i];
        Position memory p = core.position(o.mp.id(), o.who);
        if (p.collateral != 0 || p.borrowShares != 0) return;
        o.equity = bound(equity, 1e18, MAX_EQUITY);
        o.leverage = bound(leverage, 1.5e18, router.maxLeverage(o.mp.lltv));
        o.bought = o.equity.wMulDown(o.leverage - ConstantsLib.WAD);
        (o.borrowed,) = adapter.quoteExactOut(o.mp.loanToken, o.mp.collateralToken, o.bought, "");
        Market memory m = core.expectedMarket(o.mp);
        o.shares = o.borrowed.toSharesUp(m.totalBorrowAssets, m.totalBorrowShares);
        uint256 debt = o.shares.toAssetsUp(m.totalBorrowAssets + o.borrowed, m.totalBorrowShares + o.shares);
        o.maxDebt = _maxDebt(o.i, o.equity + o.bought, o.mp.lltv.wDivDown(ConstantsLib.TARGET_HEALTH));
        if (debt > o.maxDebt) {
            ++opensOverCap;
            return;
        }
        _open(o);
    }

    function _open(Open memory o) internal {
        ERC20Mock c = ERC20Mock(o.mp.collateralToken);
        o.held = c.balanceOf(o.who);
        c.mint(o.who, o.equity);
        vm.prank(o.who);
        (uint256 b, uint256 r) =
            router.open(o.mp, o.equity, o.leverage, type(uint256).max, adapter, "", block.timestamp);
        _eq(b, o.bought, "P-46: open bought a different amount");
        _eq(r, o.borrowed, "P-46: open borrowed other than the pair's quote");
        _eq(c.balanceOf(o.who), o.held, "P-46: open took other than the equity");
        Position memory p = core.position(o.mp.id(), o.who);
        _eq(p.collateral, o.equity + o.bought, "P-46: position collateral != equity + bought");
        _eq(p.borrowShares, o.shares, "P-46: position borrow shares != the borrow's");
        _le(_debt(o.i, p.borrowShares), o.maxDebt, "P-46: opened past the target health");
        ++opens;
    }

    /// @notice P-47: a margin position whose collateral buys back its debt in the pair can always be closed: the
    /// router repays the whole debt, sells exactly the pair's quote of collateral for it, returns the rest to the
    /// trader and leaves the position empty.
    function close(uint256 traderSeed, uint256 marketSeed) external sync {
        (uint256 i, address who) = _pick(marketSeed, traderSeed);
        MarketParams memory mp = _params[i];
        Position memory p = core.position(mp.id(), who);
        if (p.collateral == 0) return;
        uint256 debt;
        uint256 sold;
        if (p.borrowShares != 0) {
            debt = _debt(i, p.borrowShares);
            (uint256 rIn, uint256 rOut) = _reserves(mp.collateralToken, mp.loanToken);
            if (debt >= rOut) return;
            sold = rIn * debt * 1000 / ((rOut - debt) * 997) + 1;
            if (sold > p.collateral) {
                ++closesUnderwater;
                return;
            }
        }
        uint256 balance = ERC20Mock(mp.collateralToken).balanceOf(who);
        vm.prank(who);
        (uint256 s, uint256 repaid, uint256 returned) = router.close(mp, 0, adapter, "", block.timestamp);
        _eq(s, sold, "P-47: close sold other than the pair's quote");
        _eq(repaid, debt, "P-47: close repaid other than the debt");
        _eq(returned, p.collateral - sold, "P-47: close returned other than collateral - sold");
        _eq(ERC20Mock(mp.collateralToken).balanceOf(who) - balance, returned, "P-47: trader got other than returned");
        p = core.position(mp.id(), who);
        _eq(p.borrowShares + p.collateral, 0, "P-47: close left a position");
        ++closes;
    }

    /// @notice A whale trades 1% to 20% of a reserve into the pair; both oracles follow its spot price. The
    /// collateral's price stays within 1/3x .. 3x of the start (a move away from the band is turned around).
    function movePrice(uint256 dirSeed, uint256 amountSeed) external sync {
        (uint256 rColl, uint256 rLoan) = _reserves(address(coll), address(loan));
        bool sellColl = dirSeed % 2 == 0;
        if (rLoan * 3 < rColl) sellColl = false;
        if (rColl * 3 < rLoan) sellColl = true;
        (ERC20Mock tIn, ERC20Mock tOut, uint256 rIn, uint256 rOut) =
            sellColl ? (coll, loan, rColl, rLoan) : (loan, coll, rLoan, rColl);
        uint256 amountIn = bound(amountSeed, rIn / 100, rIn / 5);
        uint256 out = amountIn * 997 * rOut / (rIn * 1000 + amountIn * 997);
        tIn.mint(address(pair), amountIn);
        (uint256 a0, uint256 a1) = address(tIn) < address(tOut) ? (uint256(0), out) : (out, uint256(0));
        pair.swap(a0, a1, WHALE, "");
        _syncOracles();
        ++priceMoves;
    }

    function warp(uint256 seconds_) external sync {
        seconds_ = bound(seconds_, 1, MAX_WARP);
        time += seconds_;
        blockNumber += 1 + seconds_ / 12;
        vm.warp(time);
        vm.roll(blockNumber);
    }

    /// @notice P-48, P-49: the keeper liquidates through the executor, which sells all the seized collateral to the
    /// pair. When the preview says Liquidated and the pair's output covers the repayment with at least `minProfit`
    /// over it, it goes through: exactly the previewed repay and seizure, a profit of exactly the pair's output minus
    /// the repayment, paid to the owner. Otherwise it reverts with exactly `ProfitTooLow(profit, minProfit)`, or the
    /// core's own error for a healthy position.
    struct ExecLiq {
        uint256 i;
        address who;
        MarketParams mp;
        uint256 maxRepay;
        Liquidation l;
        uint256 out;
        uint256 profit;
        uint256 minProfit;
    }

    function executorLiquidate(
        uint256 borrowerSeed,
        uint256 marketSeed,
        uint256 repaySeed,
        uint256 minProfitSeed,
        bool capped
    ) external sync {
        ExecLiq memory e;
        (e.i, e.who) = _pick(marketSeed, borrowerSeed);
        e.mp = _params[e.i];
        Position memory p = core.position(e.mp.id(), e.who);
        if (p.borrowShares == 0) return;
        e.maxRepay = capped ? bound(repaySeed, 1, _debt(e.i, p.borrowShares)) : type(uint256).max;
        e.l = core.previewLiquidation(e.mp, e.who, e.maxRepay);
        if (e.l.status == LiquidationStatus.Healthy) {
            _ok(isHealthy(e.i, e.who), "P-49: unhealthy position previewed Healthy");
            vm.prank(KEEPER);
            vm.expectRevert(ErrorsLib.HealthyPosition.selector);
            executor.liquidate(e.mp, e.who, e.maxRepay, adapter, "", 0);
            ++executorHealthyRejected;
            return;
        }
        if (e.l.status != LiquidationStatus.Liquidated || e.l.seizedAssets == 0) return;
        e.out = _quoteIn(e.mp.collateralToken, e.mp.loanToken, e.l.seizedAssets);
        e.profit = e.out > e.l.repaidAssets ? e.out - e.l.repaidAssets : 0;
        e.minProfit = minProfitSeed % 4 == 0 ? e.profit + 1 + minProfitSeed % 1e18 : bound(minProfitSeed, 0, e.profit);
        if (e.out < e.l.repaidAssets || e.profit < e.minProfit) {
            vm.prank(KEEPER);
            vm.expectRevert(abi.encodeWithSelector(ILiquidationExecutor.ProfitTooLow.selector, e.profit, e.minProfit));
            executor.liquidate(e.mp, e.who, e.maxRepay, adapter, "", e.minProfit);
            ++executorProfitTooLow;
            return;
        }
        _execLiquidate(e);
    }

    function _execLiquidate(ExecLiq memory e) internal {
        uint256 ownerBefore = ERC20Mock(e.mp.loanToken).balanceOf(KEEPER);
        (uint256 pairColl, uint256 pairLoan) = _reserves(e.mp.collateralToken, e.mp.loanToken);
        vm.prank(KEEPER);
        (uint256 repaid, uint256 seized, uint256 got) =
            executor.liquidate(e.mp, e.who, e.maxRepay, adapter, "", e.minProfit);
        _eq(repaid, e.l.repaidAssets, "P-48: executor repaid other than previewed");
        _eq(seized, e.l.seizedAssets, "P-48: executor seized other than previewed");
        _eq(got, e.out - repaid, "P-48: profit != the pair's output - the repayment");
        _eq(ERC20Mock(e.mp.loanToken).balanceOf(KEEPER) - ownerBefore, got, "P-48: owner not paid the profit");
        (uint256 pairColl2, uint256 pairLoan2) = _reserves(e.mp.collateralToken, e.mp.loanToken);
        _eq(pairColl2 - pairColl, seized, "P-48: the pair did not get all the seized collateral");
        _eq(pairLoan - pairLoan2, e.out, "P-48: the pair paid other than its quote");
        ++executorLiquidations;
    }

    struct Batch {
        ILiquidationExecutor.Order[] orders;
        uint256[] expected;
        bool any;
        uint256 total;
    }

    /// @notice P-50: the executor's batch (2..4 orders over any traders of both markets, uncapped) gives each order
    /// exactly the profit it makes when the orders run one by one (0 for one that is skipped: healthy, unprofitable),
    /// pays their sum to the owner, and reverts `NothingLiquidated` exactly when no order goes through.
    function executorBatch(uint256 seed, uint256 k) external sync {
        Batch memory x;
        k = bound(k, 2, 4);
        x.orders = new ILiquidationExecutor.Order[](k);
        x.expected = new uint256[](k);
        for (uint256 j; j < k; ++j) {
            uint256 r = uint256(keccak256(abi.encode(seed, j)));
            (uint256 i, address who) = _pick(r >> 128, r);
            x.orders[j] = ILiquidationExecutor.Order(_params[i], who, type(uint256).max, adapter, "", 0);
        }
        uint256 snap = vm.snapshotState();
        for (uint256 j; j < k; ++j) {
            ILiquidationExecutor.Order memory o = x.orders[j];
            Liquidation memory l = core.previewLiquidation(o.marketParams, o.borrower, o.maxRepayAssets);
            if (l.status != LiquidationStatus.Liquidated || l.seizedAssets == 0) continue;
            uint256 out = _quoteIn(o.marketParams.collateralToken, o.marketParams.loanToken, l.seizedAssets);
            if (out < l.repaidAssets) continue;
            vm.prank(KEEPER);
            (,, x.expected[j]) = executor.liquidate(o.marketParams, o.borrower, o.maxRepayAssets, adapter, "", 0);
            x.any = true;
            x.total += x.expected[j];
        }
        vm.revertToState(snap);
        if (!x.any) {
            vm.prank(KEEPER);
            vm.expectRevert(ILiquidationExecutor.NothingLiquidated.selector);
            executor.liquidateBatch(x.orders);
            ++executorBatchesNothing;
            return;
        }
        uint256 before = loan.balanceOf(KEEPER) + coll.balanceOf(KEEPER);
        vm.prank(KEEPER);
        uint256[] memory profits = executor.liquidateBatch(x.orders);
        for (uint256 j; j < k; ++j) {
            _eq(profits[j], x.expected[j], "P-50: batch order's profit differs from the same order alone");
        }
        _eq(loan.balanceOf(KEEPER) + coll.balanceOf(KEEPER) - before, x.total, "P-50: owner not paid the profits");
        ++executorBatches;
    }

    /// @notice P-51: nobody but the owner can liquidate, batch, sweep or hand over the executor, and nobody but the
    /// core can call the executor's or the router's callbacks: each reverts with exactly its error, the owner stays.
    function stranger(uint256 whoSeed, uint256 which) external sync {
        uint256 n = whoSeed % (N_TRADERS + 3);
        address who = n < N_TRADERS ? _traders[n] : n == N_TRADERS ? LENDER : n == N_TRADERS + 1 ? WHALE : OWNER;
        which %= 7;
        vm.prank(who);
        if (which == 0) {
            vm.expectRevert(ILiquidationExecutor.NotOwner.selector);
            executor.liquidate(_params[0], _traders[0], type(uint256).max, adapter, "", 0);
        } else if (which == 1) {
            vm.expectRevert(ILiquidationExecutor.NotOwner.selector);
            executor.liquidateBatch(new ILiquidationExecutor.Order[](1));
        } else if (which == 2) {
            vm.expectRevert(ILiquidationExecutor.NotOwner.selector);
            executor.sweep(address(loan));
        } else if (which == 3) {
            vm.expectRevert(ILiquidationExecutor.NotOwner.selector);
            executor.transferOwnership(who);
        } else if (which == 4) {
            vm.expectRevert(ILiquidationExecutor.NotCore.selector);
            executor.onCantileverLiquidate(1, "");
        } else if (which == 5) {
            vm.expectRevert(IMarginRouter.NotCore.selector);
            router.onCantileverSupplyCollateral(1, "");
        } else {
            vm.expectRevert(IMarginRouter.NotCore.selector);
            router.onCantileverRepay(1, "");
        }
        _ok(executor.owner() == KEEPER && executor.pendingOwner() == address(0), "P-51: executor owner changed");
        ++strangerRejections;
    }

    /* INTERNAL */

    function _pick(uint256 marketSeed, uint256 traderSeed) internal view returns (uint256 i, address who) {
        i = marketSeed % N_MARKETS;
        who = _traders[traderSeed % N_TRADERS];
    }

    function _debt(uint256 i, uint256 borrowShares) internal view returns (uint256) {
        Market memory m = core.expectedMarket(_params[i]);
        return borrowShares.toAssetsUp(m.totalBorrowAssets, m.totalBorrowShares);
    }

    function _maxDebt(uint256 i, uint256 collateral, uint256 ltv) internal view returns (uint256) {
        return collateral.mulDivDown(_oracles[i].price(), ConstantsLib.ORACLE_PRICE_SCALE).wMulDown(ltv);
    }

    /// @dev The pair's reserves of (tokenIn, tokenOut).
    function _reserves(address tokenIn, address tokenOut) internal view returns (uint256 rIn, uint256 rOut) {
        (uint256 r0, uint256 r1,) = pair.getReserves();
        (rIn, rOut) = tokenIn < tokenOut ? (r0, r1) : (r1, r0);
    }

    /// @dev Uniswap v2's getAmountOut, our own copy (not the adapter's).
    function _quoteIn(address tokenIn, address tokenOut, uint256 amountIn) internal view returns (uint256) {
        (uint256 rIn, uint256 rOut) = _reserves(tokenIn, tokenOut);
        return amountIn * 997 * rOut / (rIn * 1000 + amountIn * 997);
    }

    function _syncOracles() internal {
        (uint256 rColl, uint256 rLoan) = _reserves(address(coll), address(loan));
        _oracles[0].setPrice(rLoan * 1e36 / rColl);
        _oracles[1].setPrice(rColl * 1e36 / rLoan);
    }

    /// @dev P-45, after every action: the router and the executor end every call holding nothing.
    function _assertPeripheryEmpty() internal view {
        _eq(loan.balanceOf(address(router)) + coll.balanceOf(address(router)), 0, "P-45: the router kept tokens");
        _eq(loan.balanceOf(address(executor)) + coll.balanceOf(address(executor)), 0, "P-45: the executor kept tokens");
    }

    function _ok(bool c, string memory err) internal pure {
        if (!c) assertTrue(c, err);
    }

    function _eq(uint256 a, uint256 b, string memory err) internal pure {
        if (a != b) assertEq(a, b, err);
    }

    function _le(uint256 a, uint256 b, string memory err) internal pure {
        if (a > b) assertLe(a, b, err);
    }
}
