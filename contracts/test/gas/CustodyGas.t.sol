// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {SafeTransferLib} from "../../src/libraries/SafeTransferLib.sol";
import {Test} from "../utils/Test.sol";
import {ERC20Mock} from "../utils/mocks/ERC20Mock.sol";

/// @dev Today's custody: the core holds every market's tokens and sends them itself.
contract PooledCustody {
    using SafeTransferLib for address;

    function send(address token, address to, uint256 amount) external {
        token.safeTransfer(to, amount);
    }
}

/// @dev The chosen design: the escrow approved the core once; the core spends the allowance on the token.
contract AllowanceCustody {
    using SafeTransferLib for address;

    address internal immutable ESCROW;

    constructor(address escrow) {
        ESCROW = escrow;
    }

    function send(address token, address to, uint256 amount) external {
        token.safeTransferFrom(ESCROW, to, amount);
    }
}

/// @dev The alternative: an escrow with a function only the core may call, which sends its own tokens.
contract PushEscrow {
    using SafeTransferLib for address;

    address internal immutable CORE;

    error NotCore();

    constructor(address core) {
        CORE = core;
    }

    function push(address token, address to, uint256 amount) external {
        if (msg.sender != CORE) revert NotCore();
        token.safeTransfer(to, amount);
    }
}

contract PushCustody {
    PushEscrow public immutable ESCROW;

    constructor() {
        ESCROW = new PushEscrow(address(this));
    }

    function send(address token, address to, uint256 amount) external {
        ESCROW.push(token, to, amount);
    }
}

/// @notice Gas of one token outflow under each custody design, as its own transaction (cold storage, cold
/// accounts), written to snapshots/CustodyGasTest.json: the numbers behind the choice documented in MarketEscrow and
/// in the README ("Per-market custody"). Inflows cost the same in every design (`transferFrom(payer, holder)`).
/// Run with `forge test --isolate --match-path 'contracts/test/gas/*'`.
contract CustodyGasTest is Test {
    ERC20Mock internal token;
    PooledCustody internal pooled;
    AllowanceCustody internal allowance;
    PushCustody internal push;
    address internal escrow;
    address internal recipient;

    function setUp() public {
        token = new ERC20Mock("Token", "TKN", 18);
        recipient = makeAddr("Recipient");
        token.mint(recipient, 1e18); // Non-zero to non-zero, as a liquidator's or a user's balance usually is.

        pooled = new PooledCustody();
        token.mint(address(pooled), 1_000e18);

        escrow = makeAddr("Escrow");
        allowance = new AllowanceCustody(escrow);
        token.mint(escrow, 1_000e18);
        vm.prank(escrow);
        token.approve(address(allowance), type(uint256).max);

        push = new PushCustody();
        token.mint(address(push.ESCROW()), 1_000e18);
    }

    modifier isolated() {
        token.approve(address(this), 0);
        if (vm.lastCallGas().gasTotalUsed < 21_000) vm.skip(true);
        _;
    }

    function test_Gas_PooledTransfer() public isolated {
        pooled.send(address(token), recipient, 1e18);
        vm.snapshotGasLastCall("outflow_pooled_transfer");
    }

    function test_Gas_EscrowAllowanceTransferFrom() public isolated {
        allowance.send(address(token), recipient, 1e18);
        vm.snapshotGasLastCall("outflow_escrow_allowance");
        assertEq(token.allowance(escrow, address(allowance)), type(uint256).max, "max allowance not spent");
    }

    function test_Gas_EscrowPush() public isolated {
        push.send(address(token), recipient, 1e18);
        vm.snapshotGasLastCall("outflow_escrow_push");
    }
}
