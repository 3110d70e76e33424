// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IAggregatorV3} from "../src/interfaces/IAggregatorV3.sol";
import {MarketParams} from "../src/interfaces/ICantilever.sol";
import {ChainlinkOracle} from "../src/oracles/ChainlinkOracle.sol";
import {OwnerFeed} from "../src/oracles/OwnerFeed.sol";
import {ERC20Mock} from "../test/utils/mocks/ERC20Mock.sol";
import {DeployBase} from "./DeployBase.sol";

/// @notice Devnet deployment (anvil): the protocol plus mock tokens (WETH 18, WBTC 8, USDC 6 decimals),
/// owner-updatable USD feeds (8 decimals) the devnet crashes at will, Chainlink-style oracles over them, and
/// three markets. The deployer owns the feeds. Writes the deployment JSON with the tokens and feeds added.
/// Usage: forge script contracts/script/DeployDevnet.s.sol --rpc-url http://127.0.0.1:8545 --broadcast \
///   --unlocked --sender 0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266
contract DeployDevnet is DeployBase {
    /// @dev Feed heartbeat on the devnet (seconds): long, so an idle devnet does not go stale.
    uint256 internal constant HEARTBEAT = 1 days;

    struct Asset {
        ERC20Mock token;
        OwnerFeed feed;
    }

    function run() external returns (string memory path) {
        vm.startBroadcast();
        (,, address sender) = vm.readCallers();
        _deployProtocol();

        Asset memory usdc = _asset(sender, "USD Coin", "USDC", 6, 1e8);
        Asset memory weth = _asset(sender, "Wrapped Ether", "WETH", 18, 3000e8);
        Asset memory wbtc = _asset(sender, "Wrapped Bitcoin", "WBTC", 8, 60_000e8);

        _createMarket(_params(weth, usdc, 0.86e18));
        _createMarket(_params(wbtc, usdc, 0.86e18));
        _createMarket(_params(weth, wbtc, 0.77e18));
        // Dust floor: 10 USDC / 0.0002 WBTC, about $10 of debt.
        core.setMinDebt(markets[0], 10e6);
        core.setMinDebt(markets[1], 10e6);
        core.setMinDebt(markets[2], 0.0002e8);
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
            "}"
        );
        path = _writeDeployment();
    }

    function _asset(address owner, string memory name, string memory symbol, uint8 decimals, int256 usdPrice)
        internal
        returns (Asset memory a)
    {
        a.token = new ERC20Mock(name, symbol, decimals);
        a.feed = new OwnerFeed(8, string.concat(symbol, " / USD"), usdPrice, owner);
        // Remember the decimals with the feed for oracle construction.
        decimalsOf[address(a.token)] = decimals;
    }

    mapping(address => uint8) internal decimalsOf;

    function _params(Asset memory collateral, Asset memory loan, uint256 lltv) internal returns (MarketParams memory) {
        ChainlinkOracle oracle = new ChainlinkOracle(
            ChainlinkOracle.FeedConfig(IAggregatorV3(address(collateral.feed)), HEARTBEAT, 0, type(int192).max),
            ChainlinkOracle.FeedConfig(IAggregatorV3(address(loan.feed)), HEARTBEAT, 0, type(int192).max),
            decimalsOf[address(collateral.token)],
            decimalsOf[address(loan.token)],
            IAggregatorV3(address(0)),
            0
        );
        return MarketParams({
            loanToken: address(loan.token),
            collateralToken: address(collateral.token),
            oracle: address(oracle),
            rateModel: address(rateModel),
            lltv: lltv
        });
    }

    function _pair(string memory key, address value) internal pure returns (string memory) {
        return string.concat("\"", key, "\": \"", vm.toString(value), "\"");
    }
}
