// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Id, Liquidation, LiquidationStatus, MarketParams} from "../../../src/interfaces/ICantilever.sol";
import {MarketParamsLib} from "../../../src/libraries/MarketParamsLib.sol";
import {LiquidationExecutor} from "../../../src/periphery/LiquidationExecutor.sol";
import {MarginRouter} from "../../../src/periphery/MarginRouter.sol";
import {IUniswapV2Factory} from "../../../src/periphery/swap/IUniswapV2.sol";
import {UniswapV2Adapter} from "../../../src/periphery/swap/UniswapV2Adapter.sol";
import {BaseTest} from "../../utils/BaseTest.sol";
import {ERC20Mock} from "../../utils/mocks/ERC20Mock.sol";
import {OracleMock} from "../../utils/mocks/OracleMock.sol";
import {UniswapV2Deployer} from "./UniswapV2Deployer.sol";

/// @notice What tests call on the v2 factory, pair and Router02 beyond the adapter's needs.
interface IUniswapV2FactoryFull {
    function createPair(address tokenA, address tokenB) external returns (address pair);
    function getPair(address tokenA, address tokenB) external view returns (address pair);
}

interface IUniswapV2PairFull {
    function mint(address to) external returns (uint256 liquidity);
    function getReserves() external view returns (uint112 reserve0, uint112 reserve1, uint32 blockTimestampLast);
    function token0() external view returns (address);
    function swap(uint256 amount0Out, uint256 amount1Out, address to, bytes calldata data) external;
}

interface IUniswapV2Router02 {
    function getAmountsOut(uint256 amountIn, address[] calldata path) external view returns (uint256[] memory);
    function getAmountsIn(uint256 amountOut, address[] calldata path) external view returns (uint256[] memory);
    function swapExactTokensForTokens(
        uint256 amountIn,
        uint256 amountOutMin,
        address[] calldata path,
        address to,
        uint256 deadline
    ) external returns (uint256[] memory amounts);
}

/// @notice Two LLTV-86% markets over one real Uniswap v2 WETH/USDC pool (deployed from the npm artifacts) at
/// 2,000 USDC per WETH: `longMarket` (loan USDC 6 decimals, collateral WETH 18) and `shortMarket` (loan WETH,
/// collateral USDC), both with ample liquidity; the margin router, the executor owned by KEEPER, the v2 adapter.
/// Oracles are OracleMocks that tests keep on the pool's spot price (`_syncOracles`).
abstract contract PeripheryBase is BaseTest {
    using MarketParamsLib for MarketParams;

    uint256 internal constant LLTV_86 = 0.86e18;
    uint256 internal constant POOL_WETH = 10_000e18;
    uint256 internal constant POOL_USDC = 20_000_000e6;
    uint256 internal constant LEND_USDC = 50_000_000e6;
    uint256 internal constant LEND_WETH = 20_000e18;

    address internal TRADER;
    address internal KEEPER;
    address internal WHALE;

    ERC20Mock internal usdc;
    ERC20Mock internal weth;
    OracleMock internal longOracle;
    OracleMock internal shortOracle;
    MarketParams internal longMarket;
    MarketParams internal shortMarket;

    UniswapV2Deployer.Deployment internal uni;
    IUniswapV2PairFull internal pool;
    UniswapV2Adapter internal adapter;
    MarginRouter internal router;
    LiquidationExecutor internal executor;

    function setUp() public virtual override {
        super.setUp();
        TRADER = makeAddr("Trader");
        KEEPER = makeAddr("Keeper");
        WHALE = makeAddr("Whale");

        usdc = new ERC20Mock("USD Coin", "USDC", 6);
        weth = new ERC20Mock("Wrapped Ether", "WETH", 18);
        longOracle = new OracleMock();
        shortOracle = new OracleMock();
        vm.prank(OWNER);
        core.enableLltv(LLTV_86);
        longMarket = MarketParams(address(usdc), address(weth), address(longOracle), address(rateModel), LLTV_86);
        shortMarket = MarketParams(address(weth), address(usdc), address(shortOracle), address(rateModel), LLTV_86);
        core.createMarket(longMarket);
        core.createMarket(shortMarket);

        uni = UniswapV2Deployer.deploy(address(this));
        pool = IUniswapV2PairFull(IUniswapV2FactoryFull(uni.factory).createPair(address(usdc), address(weth)));
        usdc.mint(address(pool), POOL_USDC);
        weth.mint(address(pool), POOL_WETH);
        pool.mint(address(this));
        _syncOracles();

        _lend(longMarket, LEND_USDC);
        _lend(shortMarket, LEND_WETH);

        adapter = new UniswapV2Adapter(IUniswapV2Factory(uni.factory));
        router = new MarginRouter(core);
        executor = new LiquidationExecutor(core, KEEPER);

        vm.startPrank(TRADER);
        core.setAuthorization(address(router), true);
        usdc.approve(address(router), type(uint256).max);
        weth.approve(address(router), type(uint256).max);
        vm.stopPrank();
    }

    function _lend(MarketParams memory params, uint256 assets) internal {
        ERC20Mock token = ERC20Mock(params.loanToken);
        token.mint(SUPPLIER, assets);
        vm.startPrank(SUPPLIER);
        token.approve(address(core), type(uint256).max);
        core.supply(params, assets, 0, SUPPLIER, "");
        vm.stopPrank();
    }

    /// @dev The pool's reserves as (WETH, USDC).
    function _reserves() internal view returns (uint256 rWeth, uint256 rUsdc) {
        (uint256 r0, uint256 r1,) = pool.getReserves();
        (rWeth, rUsdc) = address(weth) < address(usdc) ? (r0, r1) : (r1, r0);
    }

    /// @dev Sets both oracles to the pool's spot price (scale 1e36, per smallest unit).
    function _syncOracles() internal {
        (uint256 rWeth, uint256 rUsdc) = _reserves();
        longOracle.setPrice(rUsdc * 1e36 / rWeth);
        shortOracle.setPrice(rWeth * 1e36 / rUsdc);
    }

    /// @dev A whale sells `amountIn` of `tokenIn` into the pool (a market move), then the oracles follow.
    function _dump(ERC20Mock tokenIn, uint256 amountIn) internal {
        ERC20Mock tokenOut = tokenIn == weth ? usdc : weth;
        (uint256 out,) = adapter.quoteExactIn(address(tokenIn), address(tokenOut), amountIn, "");
        tokenIn.mint(address(pool), amountIn);
        (uint256 a0, uint256 a1) = address(tokenIn) < address(tokenOut) ? (uint256(0), out) : (out, uint256(0));
        pool.swap(a0, a1, WHALE, "");
        _syncOracles();
    }

    /// @dev TRADER opens `equity` at `leverage` in `params` with a generous slippage limit.
    function _open(MarketParams memory params, uint256 equity, uint256 leverage)
        internal
        returns (uint256 bought, uint256 borrowed)
    {
        ERC20Mock(params.collateralToken).mint(TRADER, equity);
        vm.prank(TRADER);
        return router.open(params, equity, leverage, type(uint256).max, adapter, "", block.timestamp);
    }

    function _close(MarketParams memory params) internal returns (uint256 sold, uint256 repaid, uint256 returned) {
        vm.prank(TRADER);
        return router.close(params, 0, adapter, "", block.timestamp);
    }

    function _liquidatable(MarketParams memory params, address borrower) internal view returns (bool) {
        Liquidation memory l = core.previewLiquidation(params, borrower, type(uint256).max);
        return l.status == LiquidationStatus.Liquidated;
    }

    function _assertRouterEmpty() internal view {
        assertEq(usdc.balanceOf(address(router)), 0, "router holds USDC");
        assertEq(weth.balanceOf(address(router)), 0, "router holds WETH");
    }

    function _id(MarketParams memory params) internal pure returns (Id) {
        return params.id();
    }
}
