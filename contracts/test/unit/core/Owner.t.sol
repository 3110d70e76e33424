// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Cantilever} from "../../../src/Cantilever.sol";
import {Market, MarketParams} from "../../../src/interfaces/ICantilever.sol";
import {ConstantsLib} from "../../../src/libraries/ConstantsLib.sol";
import {ErrorsLib} from "../../../src/libraries/ErrorsLib.sol";
import {EventsLib} from "../../../src/libraries/EventsLib.sol";
import {CoreBase} from "./CoreBase.t.sol";

contract OwnerTest is CoreBase {
    address internal STRANGER;

    function setUp() public override {
        super.setUp();
        STRANGER = makeAddr("Stranger");
    }

    /* CONSTRUCTOR */

    function test_Constructor() public {
        vm.expectEmit();
        emit EventsLib.SetOwner(OWNER);
        Cantilever c = new Cantilever(OWNER);
        assertEq(c.owner(), OWNER, "owner");
        assertEq(c.feeRecipient(), address(0), "fee recipient");
    }

    function test_RevertWhen_ConstructorZeroOwner() public {
        vm.expectRevert(ErrorsLib.ZeroAddress.selector);
        new Cantilever(address(0));
    }

    /* SET OWNER */

    function test_SetOwner() public {
        vm.expectEmit(address(core));
        emit EventsLib.SetOwner(STRANGER);
        vm.prank(OWNER);
        core.setOwner(STRANGER);
        assertEq(core.owner(), STRANGER, "owner");

        // The old owner lost its rights, the new one has them.
        vm.prank(OWNER);
        vm.expectRevert(ErrorsLib.NotOwner.selector);
        core.enableLltv(0.5e18);
        vm.prank(STRANGER);
        core.enableLltv(0.5e18);
    }

    /// @dev Setting the zero address renounces ownership: nobody can call owner functions afterwards.
    function test_SetOwner_ZeroAddressRenounces() public {
        vm.prank(OWNER);
        core.setOwner(address(0));
        assertEq(core.owner(), address(0), "owner");
        vm.prank(OWNER);
        vm.expectRevert(ErrorsLib.NotOwner.selector);
        core.enableLltv(0.5e18);
    }

    function testFuzz_RevertWhen_SetOwnerNotOwner(address caller) public {
        if (caller == OWNER) caller = STRANGER;
        vm.prank(caller);
        vm.expectRevert(ErrorsLib.NotOwner.selector);
        core.setOwner(caller);
    }

    function test_RevertWhen_SetOwnerAlreadySet() public {
        vm.prank(OWNER);
        vm.expectRevert(ErrorsLib.AlreadySet.selector);
        core.setOwner(OWNER);
    }

    /* SET FEE RECIPIENT */

    function test_SetFeeRecipient() public {
        vm.expectEmit(address(core));
        emit EventsLib.SetFeeRecipient(STRANGER);
        vm.prank(OWNER);
        core.setFeeRecipient(STRANGER);
        assertEq(core.feeRecipient(), STRANGER, "fee recipient");
    }

    function test_RevertWhen_SetFeeRecipientNotOwner() public {
        vm.prank(STRANGER);
        vm.expectRevert(ErrorsLib.NotOwner.selector);
        core.setFeeRecipient(STRANGER);
    }

    function test_RevertWhen_SetFeeRecipientAlreadySet() public {
        vm.prank(OWNER);
        vm.expectRevert(ErrorsLib.AlreadySet.selector);
        core.setFeeRecipient(FEE_RECIPIENT);
    }

    /* ENABLE RATE MODEL */

    function test_EnableRateModel() public {
        address model = makeAddr("Model");
        assertFalse(core.isRateModelEnabled(model), "before");
        vm.expectEmit(address(core));
        emit EventsLib.EnableRateModel(model);
        vm.prank(OWNER);
        core.enableRateModel(model);
        assertTrue(core.isRateModelEnabled(model), "after");
    }

    function test_RevertWhen_EnableRateModelNotOwner() public {
        vm.prank(STRANGER);
        vm.expectRevert(ErrorsLib.NotOwner.selector);
        core.enableRateModel(STRANGER);
    }

    function test_RevertWhen_EnableRateModelAlreadySet() public {
        vm.prank(OWNER);
        vm.expectRevert(ErrorsLib.AlreadySet.selector);
        core.enableRateModel(address(rateModel));
    }

    /* ENABLE LLTV */

    function testFuzz_EnableLltv(uint256 lltv) public {
        lltv = bound(lltv, 0, ConstantsLib.WAD - 1);
        if (lltv == LLTV) lltv = 0;
        vm.expectEmit(address(core));
        emit EventsLib.EnableLltv(lltv);
        vm.prank(OWNER);
        core.enableLltv(lltv);
        assertTrue(core.isLltvEnabled(lltv), "enabled");
    }

    function testFuzz_RevertWhen_EnableLltvAtOrAboveWad(uint256 lltv) public {
        lltv = bound(lltv, ConstantsLib.WAD, type(uint256).max);
        vm.prank(OWNER);
        vm.expectRevert(ErrorsLib.MaxLltvExceeded.selector);
        core.enableLltv(lltv);
    }

    function test_RevertWhen_EnableLltvNotOwner() public {
        vm.prank(STRANGER);
        vm.expectRevert(ErrorsLib.NotOwner.selector);
        core.enableLltv(0.5e18);
    }

    function test_RevertWhen_EnableLltvAlreadySet() public {
        vm.prank(OWNER);
        vm.expectRevert(ErrorsLib.AlreadySet.selector);
        core.enableLltv(LLTV);
    }

    /* SET FEE */

    function testFuzz_SetFee(uint256 fee) public {
        fee = bound(fee, 1, ConstantsLib.MAX_FEE);
        vm.expectEmit(address(core));
        emit EventsLib.SetFee(id, fee);
        vm.prank(OWNER);
        core.setFee(marketParams, fee);
        assertEq(_market().fee, fee, "fee");
    }

    function test_SetFee_AccruesInterestAtOldFee() public {
        _openPosition(BORROWER, 100e18, 50e18);
        _skip(365 days);
        Market memory expected = core.expectedMarket(marketParams);
        vm.prank(OWNER);
        core.setFee(marketParams, 0.1e18);
        Market memory m = _market();
        assertEq(m.totalBorrowAssets, expected.totalBorrowAssets, "borrow accrued");
        assertEq(m.totalSupplyShares, expected.totalSupplyShares, "no fee shares for the past");
        assertEq(_position(FEE_RECIPIENT).supplyShares, 0, "fee recipient");
        assertEq(m.lastUpdate, block.timestamp, "lastUpdate");
    }

    function testFuzz_RevertWhen_SetFeeAboveMax(uint256 fee) public {
        fee = bound(fee, ConstantsLib.MAX_FEE + 1, type(uint256).max);
        vm.prank(OWNER);
        vm.expectRevert(ErrorsLib.MaxFeeExceeded.selector);
        core.setFee(marketParams, fee);
    }

    function test_RevertWhen_SetFeeNotOwner() public {
        vm.prank(STRANGER);
        vm.expectRevert(ErrorsLib.NotOwner.selector);
        core.setFee(marketParams, 0.1e18);
    }

    function test_RevertWhen_SetFeeAlreadySet() public {
        vm.prank(OWNER);
        vm.expectRevert(ErrorsLib.AlreadySet.selector);
        core.setFee(marketParams, 0);
    }

    function test_RevertWhen_SetFeeMarketNotCreated() public {
        MarketParams memory mp = marketParams;
        mp.lltv = 0.5e18;
        vm.prank(OWNER);
        vm.expectRevert(ErrorsLib.MarketNotCreated.selector);
        core.setFee(mp, 0.1e18);
    }

    /* SET MIN DEBT */

    function testFuzz_SetMinDebt(uint256 minDebt) public {
        minDebt = bound(minDebt, 1, type(uint128).max);
        vm.expectEmit(address(core));
        emit EventsLib.SetMinDebt(id, minDebt);
        vm.prank(OWNER);
        core.setMinDebt(marketParams, minDebt);
        assertEq(_market().minDebt, minDebt, "minDebt");
    }

    function test_RevertWhen_SetMinDebtAboveUint128() public {
        vm.prank(OWNER);
        vm.expectRevert(ErrorsLib.MaxUint128Exceeded.selector);
        core.setMinDebt(marketParams, uint256(type(uint128).max) + 1);
    }

    function test_RevertWhen_SetMinDebtNotOwner() public {
        vm.prank(STRANGER);
        vm.expectRevert(ErrorsLib.NotOwner.selector);
        core.setMinDebt(marketParams, 1e18);
    }

    function test_RevertWhen_SetMinDebtAlreadySet() public {
        vm.prank(OWNER);
        vm.expectRevert(ErrorsLib.AlreadySet.selector);
        core.setMinDebt(marketParams, 0);
    }

    function test_RevertWhen_SetMinDebtMarketNotCreated() public {
        MarketParams memory mp = marketParams;
        mp.oracle = STRANGER;
        vm.prank(OWNER);
        vm.expectRevert(ErrorsLib.MarketNotCreated.selector);
        core.setMinDebt(mp, 1e18);
    }
}
