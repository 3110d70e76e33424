// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IEscrowDeployer} from "./interfaces/IEscrowDeployer.sol";
import {SafeTransferLib} from "./libraries/SafeTransferLib.sol";

/// @title MarketEscrow
/// @notice Holds one market's tokens (its loan token and its collateral token) at an address of its own, so that
/// no two markets share a token balance slot: operations in different markets never conflict on a parallel EVM.
/// @dev The escrow has no function at all. Its constructor approves its deployer (the core) for the maximum
/// amount of the market's two tokens, and that allowance is the only way tokens leave: the core moves them with
/// `transferFrom(escrow, to, amount)` on the token, and nobody else can. Tokens come in straight from the payer
/// (`transferFrom(payer, escrow, amount)`, pulled by the core), so users approve only the core.
/// The core deploys it with CREATE2, salt = market id, from a constant init code (the tokens are read back from the
/// core during construction, not passed as arguments), so its address is a function of the core and the id alone:
/// `address(uint160(uint256(keccak256(abi.encodePacked(hex"ff", core, id, ESCROW_INIT_CODE_HASH)))))`.
/// Warning: a token that decrements a maximum allowance still works (2^256 - 1 cannot run out in practice, each
/// outflow just pays the token's extra write), but a token that caps allowances below what the market will move
/// is unsupported, and so is a token whose approve fails or that has no code (the market cannot be created).
contract MarketEscrow {
    constructor() {
        (address loanToken, address collateralToken) = IEscrowDeployer(msg.sender).escrowTokens();
        SafeTransferLib.safeApproveMax(loanToken, msg.sender);
        if (collateralToken != loanToken) SafeTransferLib.safeApproveMax(collateralToken, msg.sender);
    }
}
