// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {DeployBase} from "./DeployBase.sol";

/// @notice Production deployment: core + default rate model + lens, LLTVs enabled. Markets are created
/// permissionlessly afterwards (`cast send <core> "createMarket((address,address,address,address,uint256))"`).
/// Usage: forge script contracts/script/Deploy.s.sol --rpc-url $RPC_URL --broadcast --account <keystore name>
contract Deploy is DeployBase {
    function run() external returns (string memory path) {
        vm.startBroadcast();
        _deployProtocol();
        vm.stopBroadcast();
        path = _writeDeployment();
    }
}
