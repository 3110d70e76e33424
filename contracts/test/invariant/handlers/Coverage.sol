// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @notice The two cheatcodes the coverage tally needs beyond contracts/test/utils/Vm.sol.
interface VmEnv {
    function setEnv(string calldata name, string calldata value) external;
    function envOr(string calldata name, uint256 defaultValue) external view returns (uint256);
    function toString(uint256 value) external pure returns (string memory);
}

/// @notice Campaign-wide tallies for the suites' `afterInvariant` coverage checks.
/// @dev forge calls `afterInvariant()` at the end of every run (every `depth` calls), on a state that is then thrown
/// away: a handler's counters only ever cover one run. The tallies live in the forge process's environment
/// (`vm.setEnv`), which no run resets, so `afterInvariant` can add each run's counts and check the whole campaign so
/// far. The invariant_ functions of a suite run as parallel campaigns that share a suite's keys: the tallies then sum
/// over them (a lost concurrent update only lowers a count and the run count alike; the checks leave room for it).
library Coverage {
    VmEnv private constant VM = VmEnv(address(uint160(uint256(keccak256("hevm cheat code")))));

    /// @notice Adds `count` to the tally `key` and returns the new total.
    function add(string memory key, uint256 count) internal returns (uint256 total) {
        total = VM.envOr(key, uint256(0)) + count;
        VM.setEnv(key, VM.toString(total));
    }

    function str(uint256 value) internal pure returns (string memory) {
        return VM.toString(value);
    }
}
