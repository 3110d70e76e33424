// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ERC20Mock} from "./ERC20Mock.sol";

interface ITransferHook {
    function onTokenTransfer(address from, address to, uint256 amount) external;
}

/// @notice ERC777-style token that calls the recipient (and the sender) on every transfer, to test
/// reentrancy through token hooks.
contract HookERC20 is ERC20Mock {
    constructor() ERC20Mock("Hook Token", "HOOK", 18) {}

    function _transfer(address from, address to, uint256 amount) internal override {
        super._transfer(from, to, amount);
        if (from.code.length > 0) ITransferHook(from).onTokenTransfer(from, to, amount);
        if (to.code.length > 0) ITransferHook(to).onTokenTransfer(from, to, amount);
    }
}
