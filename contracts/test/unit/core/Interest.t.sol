// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Market, MarketParams} from "../../../src/interfaces/ICantilever.sol";
import {ConstantsLib} from "../../../src/libraries/ConstantsLib.sol";
import {ErrorsLib} from "../../../src/libraries/ErrorsLib.sol";
import {EventsLib} from "../../../src/libraries/EventsLib.sol";
import {MathLib} from "../../../src/libraries/MathLib.sol";
import {SharesMathLib} from "../../../src/libraries/SharesMathLib.sol";
import {Vm} from "../../utils/Vm.sol";
import {CoreBase} from "./CoreBase.t.sol";

contract InterestTest is CoreBase {
    using MathLib for uint256;
    using SharesMathLib for uint256;

    function setUp() public override {
        super.setUp();
        _openPosition(BORROWER, 100e18, 50e18);
        _supply(SUPPLIER, 50e18); // 100 supplied, 50 borrowed: 50% utilization
    }

    function _expectedInterest(Market memory m, uint256 elapsed) internal view returns (uint256 rate, uint256 i) {
        rate = rateModel.borrowRate(m.totalSupplyAssets, m.totalBorrowAssets);
        i = uint256(m.totalBorrowAssets).wMulDown(rate.wTaylorCompounded(elapsed));
    }

    function test_AccrueInterest() public {
        Market memory before = _market();
        _skip(365 days);
        (uint256 rate, uint256 interest) = _expectedInterest(before, 365 days);
        // 2% + 50% * 10% = 7% a year at 50% utilization, per second rounded down.
        assertEq(rate, 0.02e18 / uint256(365 days) + 0.5e18 * (0.1e18 / uint256(365 days)) / 1e18, "rate");
        assertApproxEqRel(interest, 50e18 * 725 / 10_000, 0.001e18, "~e^0.07 - 1 = 7.25%");

        vm.expectEmit(address(core));
        emit EventsLib.AccrueInterest(id, rate, interest, 0);
        core.accrueInterest(marketParams);

        Market memory m = _market();
        assertEq(m.totalBorrowAssets, before.totalBorrowAssets + interest, "borrow");
        assertEq(m.totalSupplyAssets, before.totalSupplyAssets + interest, "supply");
        assertEq(m.totalSupplyShares, before.totalSupplyShares, "no fee shares");
        assertEq(m.lastUpdate, block.timestamp, "lastUpdate");
    }

    function test_AccrueInterest_OncePerTimestamp() public {
        _skip(1 days);
        core.accrueInterest(marketParams);
        Market memory m = _market();

        vm.recordLogs();
        core.accrueInterest(marketParams);
        _supply(SUPPLIER, 1e18);
        Vm.Log[] memory logs = vm.getRecordedLogs();
        bytes32 accrueTopic = EventsLib.AccrueInterest.selector;
        for (uint256 i; i < logs.length; ++i) {
            assertTrue(logs[i].topics[0] != accrueTopic, "no second accrual in the same block");
        }
        Market memory after_ = _market();
        assertEq(after_.totalBorrowAssets, m.totalBorrowAssets, "borrow unchanged");
        assertEq(after_.totalSupplyAssets, m.totalSupplyAssets + 1e18, "only the supply");
    }

    /// @dev Splitting an interval compounds slightly more than one accrual over it, never less.
    function test_AccrueInterest_SplitIntervalsCompound() public {
        uint256 snapshot = vm.snapshotState();
        _skip(20 days);
        core.accrueInterest(marketParams);
        uint256 once = _market().totalBorrowAssets;
        vm.revertToState(snapshot);
        _skip(10 days);
        core.accrueInterest(marketParams);
        _skip(10 days);
        core.accrueInterest(marketParams);
        assertGe(_market().totalBorrowAssets, once, "split >= once");
    }

    function test_AccrueInterest_NoBorrowNoInterest() public {
        vm.prank(BORROWER);
        core.repay(marketParams, 0, 50e24, BORROWER, "");
        Market memory before = _market();
        _skip(365 days);
        vm.expectEmit(address(core));
        emit EventsLib.AccrueInterest(id, 0, 0, 0);
        core.accrueInterest(marketParams);
        Market memory m = _market();
        assertEq(m.totalSupplyAssets, before.totalSupplyAssets, "no interest");
        assertEq(m.lastUpdate, block.timestamp, "lastUpdate still moves");
    }

    function test_AccrueInterest_FeeSharesToRecipient() public {
        vm.prank(OWNER);
        core.setFee(marketParams, 0.1e18);
        Market memory before = _market();
        _skip(365 days);
        (uint256 rate, uint256 interest) = _expectedInterest(before, 365 days);
        uint256 feeAmount = interest.wMulDown(0.1e18);
        uint256 feeShares =
            feeAmount.toSharesDown(before.totalSupplyAssets + interest - feeAmount, before.totalSupplyShares);
        assertGt(feeShares, 0, "fee shares");

        vm.expectEmit(address(core));
        emit EventsLib.AccrueInterest(id, rate, interest, feeShares);
        core.accrueInterest(marketParams);

        Market memory m = _market();
        assertEq(_position(FEE_RECIPIENT).supplyShares, feeShares, "recipient shares");
        assertEq(m.totalSupplyShares, before.totalSupplyShares + feeShares, "total shares");
        uint256 feeValue = feeShares.toAssetsDown(m.totalSupplyAssets, m.totalSupplyShares);
        assertApproxEqAbs(feeValue, feeAmount, 1, "recipient's claim is the fee");

        // The recipient can withdraw it.
        vm.prank(FEE_RECIPIENT);
        (uint256 withdrawn,) = core.withdraw(marketParams, 0, feeShares, FEE_RECIPIENT, FEE_RECIPIENT);
        assertEq(withdrawn, feeValue, "withdrawn");
        assertLe(withdrawn, feeAmount, "never more than the fee");
    }

    /// @dev A new fee recipient gets only fees accrued after it is set.
    function test_AccrueInterest_FeeRecipientChange() public {
        vm.prank(OWNER);
        core.setFee(marketParams, 0.2e18);
        _skip(30 days);
        core.accrueInterest(marketParams);
        uint256 oldShares = _position(FEE_RECIPIENT).supplyShares;
        address newRecipient = makeAddr("NewRecipient");
        vm.prank(OWNER);
        core.setFeeRecipient(newRecipient);
        _skip(30 days);
        core.accrueInterest(marketParams);
        assertEq(_position(FEE_RECIPIENT).supplyShares, oldShares, "old recipient keeps its shares only");
        assertGt(_position(newRecipient).supplyShares, 0, "new recipient earns");
    }

    function testFuzz_AccrueInterest(uint256 fee, uint256 elapsed, uint256 borrowed) public {
        fee = bound(fee, 0, ConstantsLib.MAX_FEE);
        elapsed = bound(elapsed, 1, 10 * 365 days);
        borrowed = bound(borrowed, 0, 50e18);
        _supplyCollateral(BORROWER, 100e18);
        if (borrowed > 0) _borrow(BORROWER, borrowed); // 50 to 100% utilization
        if (fee != 0) {
            vm.prank(OWNER);
            core.setFee(marketParams, fee);
        }
        Market memory before = _market();
        _skip(elapsed);
        Market memory expected = core.expectedMarket(marketParams);
        (, uint256 interest) = _expectedInterest(before, elapsed);
        uint256 feeAmount = interest.wMulDown(fee);
        uint256 feeShares =
            feeAmount.toSharesDown(before.totalSupplyAssets + interest - feeAmount, before.totalSupplyShares);

        core.accrueInterest(marketParams);
        Market memory m = _market();
        assertEq(m.totalBorrowAssets, before.totalBorrowAssets + interest, "borrow");
        assertEq(m.totalSupplyAssets, before.totalSupplyAssets + interest, "supply");
        assertEq(m.totalSupplyShares, before.totalSupplyShares + feeShares, "fee shares");
        assertEq(_position(FEE_RECIPIENT).supplyShares, feeShares, "recipient");
        // expectedMarket is exactly what accrual writes.
        assertEq(m.totalBorrowAssets, expected.totalBorrowAssets, "expected borrow");
        assertEq(m.totalSupplyAssets, expected.totalSupplyAssets, "expected supply");
        assertEq(m.totalSupplyShares, expected.totalSupplyShares, "expected shares");
        assertEq(m.lastUpdate, expected.lastUpdate, "expected lastUpdate");
        // Fee capped: the recipient's claim is at most MAX_FEE of the interest.
        assertLe(
            feeShares.toAssetsDown(m.totalSupplyAssets, m.totalSupplyShares),
            interest.wMulDown(ConstantsLib.MAX_FEE),
            "fee <= MAX_FEE"
        );
    }

    function test_RevertWhen_AccrueInterestMarketNotCreated() public {
        MarketParams memory mp = marketParams;
        mp.lltv = 0.5e18;
        vm.expectRevert(ErrorsLib.MarketNotCreated.selector);
        core.accrueInterest(mp);
    }

    function test_RevertWhen_ExpectedMarketNotCreated() public {
        MarketParams memory mp = marketParams;
        mp.lltv = 0.5e18;
        vm.expectRevert(ErrorsLib.MarketNotCreated.selector);
        core.expectedMarket(mp);
    }
}
