// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IAggregatorV3} from "../src/interfaces/IAggregatorV3.sol";
import {ICantilever, Id, MarketParams} from "../src/interfaces/ICantilever.sol";
import {MarketParamsLib} from "../src/libraries/MarketParamsLib.sol";
import {ChainlinkOracle} from "../src/oracles/ChainlinkOracle.sol";
import {OwnerFeed} from "../src/oracles/OwnerFeed.sol";
import {LiquidationExecutor} from "../src/periphery/LiquidationExecutor.sol";
import {MarginRouter} from "../src/periphery/MarginRouter.sol";
import {IUniswapV2Factory} from "../src/periphery/swap/IUniswapV2.sol";
import {UniswapV2Adapter} from "../src/periphery/swap/UniswapV2Adapter.sol";
import {UniswapV2Deployer} from "../test/periphery/utils/UniswapV2Deployer.sol";
import {ERC20Mock} from "../test/utils/mocks/ERC20Mock.sol";
import {DeployBase} from "./DeployBase.sol";

/// @notice What the script calls on Uniswap v2's factory and pairs beyond the adapter's interface.
interface IUniswapV2FactoryCreate {
    function createPair(address tokenA, address tokenB) external returns (address pair);
}

interface IUniswapV2PairMint {
    function mint(address to) external returns (uint256 liquidity);
}

/// @notice Deploys raw creation code with a plain CREATE. Why not create from the script itself: forge script
/// identifies every contract it broadcasts a creation of by bytecode similarity with the project's artifacts, and
/// took Uniswap's published bytecode for one of ours, then failed decoding its constructor arguments. A creation
/// inside a call is not inspected.
contract RawDeployer {
    function deploy(bytes calldata code) external returns (address deployed) {
        bytes memory copy = code;
        assembly ("memory-safe") {
            deployed := create(0, add(copy, 0x20), mload(copy))
        }
        require(deployed != address(0), "RawDeployer: create failed");
    }
}

/// @notice Devnet deployment (anvil): the protocol plus mock tokens (WETH 18, WBTC 8, USDC 6 decimals),
/// owner-updatable USD feeds (8 decimals) the devnet crashes at will, Chainlink-style oracles over them, and
/// three markets; then Uniswap v2 as published (factory and Router02 from the npm build artifacts), one pair per
/// market (collateral/loan) with deep liquidity at the feed prices, the v2 swap adapter, the margin router and a
/// liquidation executor owned by the keeper account ($KEEPER, else anvil's dev account #1). The deployer owns
/// the feeds and the pools' liquidity. Writes the deployment JSON with tokens, feeds, periphery and pools added.
/// Usage: forge script contracts/script/DeployDevnet.s.sol --tc DeployDevnet --rpc-url http://127.0.0.1:8545 --broadcast \
///   --unlocked --sender 0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266
contract DeployDevnet is DeployBase {
    using MarketParamsLib for MarketParams;

    /// @dev Feed heartbeat on the devnet (seconds): long, so an idle devnet does not go stale.
    uint256 internal constant HEARTBEAT = 1 days;

    /// @dev anvil's dev account #1 (default mnemonic): the keeper, owner of the liquidation executor.
    address internal constant DEFAULT_KEEPER = 0x70997970C51812dc3A010C7d01b50e0d17dc79C8;

    /// @dev Value of each side of every pool (USD, no decimals): deep enough that a few hundred leveraged
    /// opens and the liquidations after a crash move the price by well under a percent each.
    uint256 internal constant POOL_SIDE_USD = 60_000_000;

    struct Asset {
        ERC20Mock token;
        OwnerFeed feed;
        uint8 decimals;
        uint256 usdPrice; // Feed decimals (8).
    }

    /// @dev The assets of each market, in `markets` order.
    Asset[] internal collaterals;
    Asset[] internal loans;
    address[] internal pools;

    function run() external returns (string memory path) {
        vm.startBroadcast();
        (,, address sender) = vm.readCallers();
        address keeper = vm.envOr("KEEPER", DEFAULT_KEEPER);
        _deployProtocol();

        Asset memory usdc = _asset(sender, "USD Coin", "USDC", 6, 1e8);
        Asset memory weth = _asset(sender, "Wrapped Ether", "WETH", 18, 3000e8);
        Asset memory wbtc = _asset(sender, "Wrapped Bitcoin", "WBTC", 8, 60_000e8);

        _market(weth, usdc, 0.86e18);
        _market(wbtc, usdc, 0.86e18);
        _market(weth, wbtc, 0.77e18);
        // Dust floor: 10 USDC / 0.0002 WBTC, about $10 of debt.
        core.setMinDebt(markets[0], 10e6);
        core.setMinDebt(markets[1], 10e6);
        core.setMinDebt(markets[2], 0.0002e8);

        UniswapV2Deployer.Deployment memory uni = _deployUniswap(sender);
        for (uint256 i; i < markets.length; ++i) {
            pools.push(_pool(uni.factory, collaterals[i], loans[i], sender));
        }
        UniswapV2Adapter adapter = new UniswapV2Adapter(IUniswapV2Factory(uni.factory));
        MarginRouter marginRouter = new MarginRouter(ICantilever(address(core)));
        LiquidationExecutor executor = new LiquidationExecutor(ICantilever(address(core)), keeper);
        vm.stopBroadcast();

        extraJson = string.concat(
            ",\n  \"tokens\": {",
            _pair("USDC", address(usdc.token)),
            ", ",
            _pair("WETH", address(weth.token)),
            ", ",
            _pair("WBTC", address(wbtc.token)),
            "},\n  \"feeds\": {",
            _pair("USDC", address(usdc.feed)),
            ", ",
            _pair("WETH", address(weth.feed)),
            ", ",
            _pair("WBTC", address(wbtc.feed)),
            "},\n  \"periphery\": {",
            _pair("marginRouter", address(marginRouter)),
            ", ",
            _pair("adapter", address(adapter)),
            ", ",
            _pair("executor", address(executor)),
            ", ",
            _pair("executorOwner", keeper),
            ", ",
            _pair("uniswapFactory", uni.factory),
            ", ",
            _pair("uniswapRouter", uni.router),
            "},\n  \"pools\": {",
            _poolsJson(),
            "}"
        );
        path = _writeDeployment();
    }

    /// @dev UniswapV2Deployer.deploy, through a RawDeployer (see there why).
    function _deployUniswap(address feeToSetter) internal returns (UniswapV2Deployer.Deployment memory d) {
        RawDeployer raw = new RawDeployer();
        d.weth = raw.deploy(UniswapV2Deployer.creationCode(UniswapV2Deployer.WETH_ARTIFACT));
        d.factory = raw.deploy(
            bytes.concat(UniswapV2Deployer.creationCode(UniswapV2Deployer.FACTORY_ARTIFACT), abi.encode(feeToSetter))
        );
        d.router = raw.deploy(
            bytes.concat(
                UniswapV2Deployer.creationCode(UniswapV2Deployer.ROUTER_ARTIFACT), abi.encode(d.factory, d.weth)
            )
        );
    }

    function _asset(address owner, string memory name, string memory symbol, uint8 decimals, uint256 usdPrice)
        internal
        returns (Asset memory a)
    {
        a.token = new ERC20Mock(name, symbol, decimals);
        // Safe: the prices above are small constants.
        // forge-lint: disable-next-line(unsafe-typecast)
        a.feed = new OwnerFeed(8, string.concat(symbol, " / USD"), int256(usdPrice), owner);
        a.decimals = decimals;
        a.usdPrice = usdPrice;
    }

    function _market(Asset memory collateral, Asset memory loan, uint256 lltv) internal {
        ChainlinkOracle oracle = new ChainlinkOracle(
            ChainlinkOracle.FeedConfig(IAggregatorV3(address(collateral.feed)), HEARTBEAT, 0, type(int192).max),
            ChainlinkOracle.FeedConfig(IAggregatorV3(address(loan.feed)), HEARTBEAT, 0, type(int192).max),
            collateral.decimals,
            loan.decimals,
            IAggregatorV3(address(0)),
            0
        );
        _createMarket(
            MarketParams({
                loanToken: address(loan.token),
                collateralToken: address(collateral.token),
                oracle: address(oracle),
                rateModel: address(rateModel),
                lltv: lltv
            })
        );
        collaterals.push(collateral);
        loans.push(loan);
    }

    /// @dev Creates the pair of `a` and `b` and mints it POOL_SIDE_USD of each at the feed prices (so the
    /// pool's spot price is the oracle's), the liquidity going to `lp`.
    function _pool(address factory, Asset memory a, Asset memory b, address lp) internal returns (address pair) {
        pair = IUniswapV2FactoryCreate(factory).createPair(address(a.token), address(b.token));
        a.token.mint(pair, _amountWorth(a, POOL_SIDE_USD));
        b.token.mint(pair, _amountWorth(b, POOL_SIDE_USD));
        IUniswapV2PairMint(pair).mint(lp);
    }

    /// @dev Token units of `asset` worth `usd` dollars at its feed price (feed decimals 8).
    function _amountWorth(Asset memory asset, uint256 usd) internal pure returns (uint256) {
        return usd * 1e8 * 10 ** asset.decimals / asset.usdPrice;
    }

    function _poolsJson() internal view returns (string memory json) {
        for (uint256 i; i < markets.length; ++i) {
            Id id = markets[i].id();
            json = string.concat(
                json, i == 0 ? "" : ", ", "\"", vm.toString(Id.unwrap(id)), "\": \"", vm.toString(pools[i]), "\""
            );
        }
    }

    function _pair(string memory key, address value) internal pure returns (string memory) {
        return string.concat("\"", key, "\": \"", vm.toString(value), "\"");
    }
}
