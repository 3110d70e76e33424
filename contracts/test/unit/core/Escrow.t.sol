// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Id, MarketParams} from "../../../src/interfaces/ICantilever.sol";
import {ErrorsLib} from "../../../src/libraries/ErrorsLib.sol";
import {MarketParamsLib} from "../../../src/libraries/MarketParamsLib.sol";
import {ERC20Mock} from "../../utils/mocks/ERC20Mock.sol";
import {CoreBase} from "./CoreBase.t.sol";

/// @notice A USDT-style token: transfer, transferFrom and approve return nothing.
contract NoReturnToken {
    mapping(address => uint256) public balanceOf;
    mapping(address => mapping(address => uint256)) public allowance;

    function mint(address to, uint256 amount) external {
        balanceOf[to] += amount;
    }

    function approve(address spender, uint256 amount) external {
        allowance[msg.sender][spender] = amount;
    }

    function transfer(address to, uint256 amount) external {
        balanceOf[msg.sender] -= amount;
        balanceOf[to] += amount;
    }

    function transferFrom(address from, address to, uint256 amount) external {
        uint256 allowed = allowance[from][msg.sender];
        if (allowed != type(uint256).max) allowance[from][msg.sender] = allowed - amount;
        balanceOf[from] -= amount;
        balanceOf[to] += amount;
    }
}

/// @notice A token that decrements every allowance, the maximum included (older OpenZeppelin versions did).
contract DecrementingToken {
    mapping(address => uint256) public balanceOf;
    mapping(address => mapping(address => uint256)) public allowance;

    function mint(address to, uint256 amount) external {
        balanceOf[to] += amount;
    }

    function approve(address spender, uint256 amount) external returns (bool) {
        allowance[msg.sender][spender] = amount;
        return true;
    }

    function transferFrom(address from, address to, uint256 amount) external returns (bool) {
        allowance[from][msg.sender] -= amount;
        balanceOf[from] -= amount;
        balanceOf[to] += amount;
        return true;
    }
}

/// @notice A token whose approve returns false.
contract NoApproveToken {
    function approve(address, uint256) external pure returns (bool) {
        return false;
    }
}

/// @notice Per-market custody: each market's tokens sit at its own escrow (CREATE2, salt = id), which only the core
/// can move, through the maximum allowance the escrow gave it at creation (PROPERTIES.md P-05, P-34 to P-37).
contract EscrowTest is CoreBase {
    using MarketParamsLib for MarketParams;

    address internal escrow;

    function setUp() public override {
        super.setUp();
        escrow = core.escrowOf(id);
    }

    function _create2(Id marketId) internal view returns (address) {
        bytes32 h =
            keccak256(abi.encodePacked(bytes1(0xff), address(core), Id.unwrap(marketId), core.ESCROW_INIT_CODE_HASH()));
        return address(uint160(uint256(h)));
    }

    function _marketWith(address loan, address collateral) internal returns (MarketParams memory mp) {
        mp = MarketParams(loan, collateral, address(oracle), address(rateModel), LLTV);
        core.createMarket(mp);
    }

    /// @dev P-37: derivable from the id alone, before and after creation.
    function testFuzz_EscrowOfIsCreate2OfId(bytes32 anyId) public view {
        assertEq(core.escrowOf(Id.wrap(anyId)), _create2(Id.wrap(anyId)), "escrowOf");
        assertEq(escrow, _create2(id), "created market");
        assertGt(escrow.code.length, 0, "deployed with the market");
    }

    function test_EscrowDeployedWithTheMarket() public {
        MarketParams memory mp = marketParams;
        mp.collateralToken = address(new ERC20Mock("Other", "OTH", 18));
        address predicted = core.escrowOf(mp.id());
        assertEq(predicted.code.length, 0, "no code before the market");
        core.createMarket(mp);
        assertGt(predicted.code.length, 0, "code after");
        assertEq(keccak256(predicted.code), keccak256(escrow.code), "same code for every market");
    }

    /// @dev P-36: the core, and only the core, holds an allowance, the maximum, on the market's two tokens.
    function test_EscrowApprovesOnlyTheCore() public {
        assertEq(loanToken.allowance(escrow, address(core)), type(uint256).max, "loan");
        assertEq(collateralToken.allowance(escrow, address(core)), type(uint256).max, "collateral");
        assertEq(loanToken.allowance(escrow, address(this)), 0, "deployer of the market");
        ERC20Mock other = new ERC20Mock("Other", "OTH", 18);
        assertEq(other.allowance(escrow, address(core)), 0, "a token of no market");
    }

    function test_EscrowTokensAreZeroOutsideCreateMarket() public view {
        (address loan, address collateral) = core.escrowTokens();
        assertEq(loan, address(0), "loan");
        assertEq(collateral, address(0), "collateral");
    }

    /// @dev P-36: the escrow has no function: any call, with any data and from anyone, reverts.
    function testFuzz_EscrowHasNoCallableFunction(address caller, bytes calldata data) public {
        vm.prank(caller);
        (bool ok,) = escrow.call(data);
        assertFalse(ok, "call to the escrow succeeded");
    }

    /// @dev P-36: nobody but the core can move the escrow's tokens.
    function testFuzz_RevertWhen_AnyoneButTheCoreMovesEscrowFunds(address thief, uint256 assets) public {
        vm.assume(thief != address(core));
        _supply(SUPPLIER, 100e18);
        _supplyCollateral(BORROWER, 100e18);
        assets = bound(assets, 1, 100e18);
        vm.prank(thief);
        vm.expectRevert();
        loanToken.transferFrom(escrow, thief, assets);
        vm.prank(thief);
        vm.expectRevert();
        collateralToken.transferFrom(escrow, thief, assets);
        assertEq(loanToken.balanceOf(escrow), 100e18, "loan moved");
        assertEq(collateralToken.balanceOf(escrow), 100e18, "collateral moved");
    }

    /// @dev P-35: the core holds nothing; every flow lands at the escrow and leaves from it.
    function test_TokensLiveAtTheEscrow() public {
        _supply(SUPPLIER, 100e18);
        _supplyCollateral(BORROWER, 50e18);
        _borrow(BORROWER, 30e18);
        assertEq(loanToken.balanceOf(escrow), 70e18, "loan at the escrow");
        assertEq(collateralToken.balanceOf(escrow), 50e18, "collateral at the escrow");
        assertEq(loanToken.balanceOf(address(core)), 0, "core holds no loan token");
        assertEq(collateralToken.balanceOf(address(core)), 0, "core holds no collateral");
    }

    /// @dev P-34: two markets of the same tokens keep their tokens apart.
    function test_MarketsOfTheSameTokensHaveSeparateEscrows() public {
        MarketParams memory other = marketParams;
        other.oracle = address(new ERC20Mock("Not an oracle", "X", 18)); // Any address: no call at supply.
        core.createMarket(other);
        address otherEscrow = core.escrowOf(other.id());
        assertTrue(otherEscrow != escrow, "same escrow");
        _supply(SUPPLIER, 100e18);
        loanToken.mint(SUPPLIER, 5e18);
        vm.prank(SUPPLIER);
        core.supply(other, 5e18, 0, SUPPLIER, "");
        assertEq(loanToken.balanceOf(escrow), 100e18, "first market");
        assertEq(loanToken.balanceOf(otherEscrow), 5e18, "second market");
        vm.prank(SUPPLIER);
        core.withdraw(other, 5e18, 0, SUPPLIER, SUPPLIER);
        assertEq(loanToken.balanceOf(escrow), 100e18, "first market untouched");
    }

    /// @dev Tokens sent to the escrow's address before its market exists are a donation like any other.
    function test_DonationBeforeCreationIsSurplus() public {
        MarketParams memory mp = marketParams;
        mp.collateralToken = address(new ERC20Mock("Other", "OTH", 18));
        address predicted = core.escrowOf(mp.id());
        loanToken.mint(predicted, 7e18);
        core.createMarket(mp);
        assertEq(loanToken.allowance(predicted, address(core)), type(uint256).max, "approved anyway");
        assertEq(core.market(mp.id()).totalSupplyAssets, 0, "no accounting");
    }

    function test_SameLoanAndCollateralToken() public {
        MarketParams memory mp = _marketWith(address(loanToken), address(loanToken));
        address e = core.escrowOf(mp.id());
        assertEq(loanToken.allowance(e, address(core)), type(uint256).max, "approved once");
        loanToken.mint(SUPPLIER, 10e18);
        vm.startPrank(SUPPLIER);
        core.supply(mp, 6e18, 0, SUPPLIER, "");
        core.supplyCollateral(mp, 4e18, SUPPLIER, "");
        core.withdrawCollateral(mp, 4e18, SUPPLIER, SUPPLIER);
        core.withdraw(mp, 6e18, 0, SUPPLIER, SUPPLIER);
        vm.stopPrank();
        assertEq(loanToken.balanceOf(SUPPLIER), 10e18, "round trip");
    }

    /// @dev A token returning nothing from approve, transfer and transferFrom (USDT) works.
    function test_NoReturnToken() public {
        NoReturnToken usdt = new NoReturnToken();
        MarketParams memory mp = _marketWith(address(usdt), address(collateralToken));
        address e = core.escrowOf(mp.id());
        assertEq(usdt.allowance(e, address(core)), type(uint256).max, "approved");
        usdt.mint(SUPPLIER, 10e6);
        vm.startPrank(SUPPLIER);
        usdt.approve(address(core), type(uint256).max);
        core.supply(mp, 10e6, 0, SUPPLIER, "");
        core.withdraw(mp, 4e6, 0, SUPPLIER, SUPPLIER);
        vm.stopPrank();
        assertEq(usdt.balanceOf(e), 6e6, "escrow");
        assertEq(usdt.balanceOf(SUPPLIER), 4e6, "supplier");
    }

    /// @dev A token that decrements even the maximum allowance still works: the allowance cannot run out in
    /// practice (2^256 - 1 units), each outflow just pays the token's extra write.
    function test_TokenDecrementingTheMaximumAllowance() public {
        DecrementingToken dec = new DecrementingToken();
        MarketParams memory mp = _marketWith(address(dec), address(collateralToken));
        address e = core.escrowOf(mp.id());
        dec.mint(SUPPLIER, 10e18);
        vm.startPrank(SUPPLIER);
        dec.approve(address(core), type(uint256).max);
        core.supply(mp, 10e18, 0, SUPPLIER, "");
        core.withdraw(mp, 4e18, 0, SUPPLIER, SUPPLIER);
        vm.stopPrank();
        assertEq(dec.allowance(e, address(core)), type(uint256).max - 4e18, "decremented");
        assertEq(dec.balanceOf(SUPPLIER), 4e18, "withdrawn");
    }

    /// @dev A market's escrow must be able to approve the core: tokens without code or refusing approve cannot
    /// back a market (the market would take deposits it could never pay out).
    function test_RevertWhen_CreateMarketTokenWithoutCode() public {
        MarketParams memory mp = marketParams;
        mp.collateralToken = makeAddr("NotAToken");
        vm.expectRevert(ErrorsLib.NoCode.selector);
        core.createMarket(mp);
    }

    function test_RevertWhen_CreateMarketTokenRefusesApprove() public {
        MarketParams memory mp = marketParams;
        mp.loanToken = address(new NoApproveToken());
        vm.expectRevert(ErrorsLib.ApproveFailed.selector);
        core.createMarket(mp);
    }
}
