// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Cantilever} from "../src/Cantilever.sol";
import {Id, MarketParams} from "../src/interfaces/ICantilever.sol";
import {JumpRateModel} from "../src/irm/JumpRateModel.sol";
import {MarketParamsLib} from "../src/libraries/MarketParamsLib.sol";
import {CantileverLens} from "../src/periphery/CantileverLens.sol";

/// @notice The cheatcodes our scripts use (forge-std on npm is too old to rely on).
interface ScriptVm {
    function startBroadcast() external;
    function stopBroadcast() external;
    function readCallers() external returns (uint256 callerMode, address msgSender, address txOrigin);
    function envOr(string calldata name, address defaultValue) external view returns (address);
    function envOr(string calldata name, string calldata defaultValue) external view returns (string memory);
    function projectRoot() external view returns (string memory);
    function writeFile(string calldata path, string calldata data) external;
    function toString(address value) external pure returns (string memory);
    function toString(uint256 value) external pure returns (string memory);
    function toString(bytes32 value) external pure returns (string memory);
}

/// @notice Deploys the core, the default rate model and the lens, and writes the deployment JSON the keeper
/// reads: {chainId, deployBlock, core, lens, rateModel, markets: [{id, loanToken, collateralToken, oracle,
/// rateModel, lltv}], ...extra}. Output path: $DEPLOYMENT_PATH or deployments/<chainId>.json.
abstract contract DeployBase {
    using MarketParamsLib for MarketParams;

    ScriptVm internal constant vm = ScriptVm(address(uint160(uint256(keccak256("hevm cheat code")))));

    bool public IS_SCRIPT = true;

    /// @dev LLTVs enabled at deployment (WAD): the usual ladder of isolated-lending protocols.
    uint256[5] internal LLTVS = [uint256(0.625e18), 0.77e18, 0.86e18, 0.915e18, 0.945e18];

    Cantilever internal core;
    CantileverLens internal lens;
    JumpRateModel internal rateModel;
    MarketParams[] internal markets;
    uint256 internal deployBlock;
    /// @dev Extra top-level JSON members ("name": value pairs) a script adds, already encoded.
    string internal extraJson;

    /// @dev Deploys the protocol inside a broadcast. The owner is $OWNER, else the broadcasting account.
    function _deployProtocol() internal {
        (,, address sender) = vm.readCallers();
        address owner = vm.envOr("OWNER", sender);
        deployBlock = block.number;
        core = new Cantilever(sender);
        // 2% base, +8% up to the 90% kink, 300%/year slope past it (WAD per year).
        rateModel = new JumpRateModel(0.02e18, 0.08e18, 3e18, 0.9e18);
        lens = new CantileverLens(core);
        core.enableRateModel(address(rateModel));
        for (uint256 i; i < LLTVS.length; ++i) {
            core.enableLltv(LLTVS[i]);
        }
        core.setFeeRecipient(owner);
        if (owner != sender) core.setOwner(owner);
    }

    function _createMarket(MarketParams memory params) internal {
        core.createMarket(params);
        markets.push(params);
    }

    function _writeDeployment() internal returns (string memory path) {
        path = vm.envOr(
            "DEPLOYMENT_PATH", string.concat(vm.projectRoot(), "/deployments/", vm.toString(block.chainid), ".json")
        );
        string memory json = string.concat(
            "{\n  \"chainId\": ",
            vm.toString(block.chainid),
            ",\n  \"deployBlock\": ",
            vm.toString(deployBlock),
            ",\n  \"core\": \"",
            vm.toString(address(core)),
            "\",\n  \"lens\": \"",
            vm.toString(address(lens)),
            "\",\n  \"rateModel\": \"",
            vm.toString(address(rateModel)),
            "\",\n  \"markets\": ["
        );
        for (uint256 i; i < markets.length; ++i) {
            json = string.concat(json, i == 0 ? "\n" : ",\n", _marketJson(markets[i]));
        }
        json = string.concat(json, markets.length == 0 ? "]" : "\n  ]", extraJson, "\n}\n");
        vm.writeFile(path, json);
    }

    function _marketJson(MarketParams memory p) internal pure returns (string memory) {
        Id id = p.id();
        return string.concat(
            "    {\"id\": \"",
            vm.toString(Id.unwrap(id)),
            "\", \"loanToken\": \"",
            vm.toString(p.loanToken),
            "\", \"collateralToken\": \"",
            vm.toString(p.collateralToken),
            "\", \"oracle\": \"",
            vm.toString(p.oracle),
            "\", \"rateModel\": \"",
            vm.toString(p.rateModel),
            "\", \"lltv\": \"",
            vm.toString(p.lltv),
            "\"}"
        );
    }
}
