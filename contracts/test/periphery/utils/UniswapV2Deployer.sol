// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Vm} from "../../utils/Vm.sol";

/// @notice Uniswap v2 as published: the factory from the npm package v2-core 1.0.1 and Router02 (and its WETH9)
/// from v2-periphery 1.1.0-beta.0, deployed from their compiled artifacts (the build folders of the two packages), byte
/// for byte what runs on mainnet. For tests and scripts (the devnet deploys it the same way); needs read access to
/// the uniswap folder of node_modules (foundry.toml's fs_permissions).
/// @dev The artifact's pair bytecode hashes to mainnet's init code hash (0x96e8ac42...845f), which Router02
/// hardcodes in pairFor: the router works with pairs of this factory (UniswapV2Adapter.t.sol checks it).
library UniswapV2Deployer {
    Vm private constant VM = Vm(address(uint160(uint256(keccak256("hevm cheat code")))));

    string internal constant FACTORY_ARTIFACT = "node_modules/@uniswap/v2-core/build/UniswapV2Factory.json";
    string internal constant PAIR_ARTIFACT = "node_modules/@uniswap/v2-core/build/UniswapV2Pair.json";
    string internal constant ROUTER_ARTIFACT = "node_modules/@uniswap/v2-periphery/build/UniswapV2Router02.json";
    string internal constant WETH_ARTIFACT = "node_modules/@uniswap/v2-periphery/build/WETH9.json";

    /// @dev Mainnet's UniswapV2Pair init code hash, hardcoded in Router02's UniswapV2Library.pairFor.
    bytes32 internal constant MAINNET_INIT_CODE_HASH =
        0x96e8ac4277198ff8b6f785478aa9a39f403cb768dd02cbee326c3e7da348845f;

    struct Deployment {
        address factory;
        address router;
        address weth;
    }

    /// @notice Deploys WETH9, the factory (fee switch owned by `feeToSetter`) and Router02.
    function deploy(address feeToSetter) internal returns (Deployment memory d) {
        d.weth = deployArtifact(WETH_ARTIFACT, "");
        d.factory = deployArtifact(FACTORY_ARTIFACT, abi.encode(feeToSetter));
        d.router = deployArtifact(ROUTER_ARTIFACT, abi.encode(d.factory, d.weth));
    }

    /// @notice Deploys the creation code of a build artifact with ABI-encoded constructor `args` appended.
    function deployArtifact(string memory artifact, bytes memory args) internal returns (address deployed) {
        bytes memory code = bytes.concat(creationCode(artifact), args);
        assembly ("memory-safe") {
            deployed := create(0, add(code, 0x20), mload(code))
        }
        require(deployed != address(0), string.concat("UniswapV2Deployer: create failed: ", artifact));
    }

    /// @notice The creation bytecode of a build artifact (its "bytecode" field).
    function creationCode(string memory artifact) internal view returns (bytes memory) {
        string memory json = VM.readFile(artifact);
        return VM.parseJsonBytes(json, ".bytecode");
    }

    /// @notice keccak256 of the artifact's pair creation code: the CREATE2 init code hash of its pairs.
    function pairInitCodeHash() internal view returns (bytes32) {
        return keccak256(creationCode(PAIR_ARTIFACT));
    }
}
