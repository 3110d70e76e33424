// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {JumpRateModel} from "../../../src/irm/JumpRateModel.sol";
import {Test} from "../../utils/Test.sol";

contract JumpRateModelTest is Test {
    uint256 internal constant WAD = 1e18;
    uint256 internal constant YEAR = 365 days; // Seconds.
    uint256 internal constant MAX_RATE_PER_YEAR = 10e18; // WAD per year.

    // 2% at 0% utilization, +10% up to the 80% kink, +300% from there to 100% (WAD per year).
    uint256 internal constant BASE = 0.02e18;
    uint256 internal constant MULTIPLIER = 0.1e18;
    uint256 internal constant JUMP = 3e18;
    uint256 internal constant KINK = 0.8e18; // WAD.

    JumpRateModel internal irm;

    function setUp() public {
        irm = new JumpRateModel(BASE, MULTIPLIER, JUMP, KINK);
    }

    /// @dev The rate at utilization `u` (WAD), with a supply of exactly WAD so that borrow == u.
    function _rateAt(JumpRateModel model, uint256 u) internal view returns (uint256) {
        return model.borrowRate(WAD, u);
    }

    /* PARAMETERS */

    function test_Constructor_PerSecondParams() public view {
        assertEq(irm.BASE_RATE_PER_SECOND(), 634_195_839, "base"); // floor(0.02e18 / 31_536_000).
        assertEq(irm.MULTIPLIER_PER_SECOND(), 3_170_979_198, "multiplier"); // floor(0.1e18 / 31_536_000).
        assertEq(irm.JUMP_MULTIPLIER_PER_SECOND(), 95_129_375_951, "jump"); // floor(3e18 / 31_536_000).
        assertEq(irm.KINK(), KINK, "kink");
    }

    /* EXACT RATES */

    function test_BorrowRate_ZeroUtilization() public view {
        assertEq(irm.borrowRate(1000e6, 0), 634_195_839, "rate at 0%");
    }

    function test_BorrowRate_NoSupply() public view {
        assertEq(irm.borrowRate(0, 0), 634_195_839, "rate without supply");
    }

    function test_BorrowRate_HalfUtilization() public view {
        // 634_195_839 + floor(0.5 * 3_170_979_198).
        assertEq(irm.borrowRate(1000e6, 500e6), 2_219_685_438, "rate at 50%");
    }

    function test_BorrowRate_AtKink() public view {
        // 634_195_839 + floor(0.8 * 3_170_979_198) = 634_195_839 + 2_536_783_358.
        assertEq(irm.borrowRate(1000e6, 800e6), 3_170_979_197, "rate at kink");
    }

    function test_BorrowRate_AboveKink() public view {
        // 3_170_979_197 + floor(0.1 * 95_129_375_951).
        assertEq(irm.borrowRate(1000e6, 900e6), 12_683_916_792, "rate at 90%");
    }

    function test_BorrowRate_FullUtilization() public view {
        // 3_170_979_197 + floor(0.2 * 95_129_375_951).
        assertEq(irm.borrowRate(1000e6, 1000e6), 22_196_854_387, "rate at 100%");
    }

    /// @dev Borrows above supply (bad debt, rounding) count as 100% utilization.
    function test_BorrowRate_BorrowAboveSupplyCapped() public view {
        assertEq(irm.borrowRate(1000e6, 5000e6), 22_196_854_387, "rate above 100%");
    }

    function test_Utilization() public view {
        assertEq(irm.utilization(0, 0), 0, "no supply");
        assertEq(irm.utilization(0, 1), 0, "no supply, borrow");
        assertEq(irm.utilization(3, 1), 333_333_333_333_333_333, "one third rounds down");
        assertEq(irm.utilization(3, 3), WAD, "full");
        assertEq(irm.utilization(3, 4), WAD, "capped");
    }

    /* PROPERTIES */

    function _boundedModel(uint256 base, uint256 multiplier, uint256 jump, uint256 kink)
        internal
        returns (JumpRateModel)
    {
        // base + kink * multiplier + (1 - kink) * jump <= 1 + 3 + 6 = 10 (WAD per year): always accepted.
        base = bound(base, 0, 1e18);
        multiplier = bound(multiplier, 0, 3e18);
        jump = bound(jump, 0, 6e18);
        kink = bound(kink, 1, WAD - 1);
        return new JumpRateModel(base, multiplier, jump, kink);
    }

    function testFuzz_BorrowRateMonotoneInUtilization(
        uint256 base,
        uint256 multiplier,
        uint256 jump,
        uint256 kink,
        uint256 u1,
        uint256 u2
    ) public {
        JumpRateModel model = _boundedModel(base, multiplier, jump, kink);
        u1 = bound(u1, 0, WAD);
        u2 = bound(u2, u1, WAD);
        assertLe(_rateAt(model, u1), _rateAt(model, u2), "rate decreased with utilization");
    }

    function testFuzz_BorrowRateMonotoneInBorrow(uint256 supply, uint256 borrow1, uint256 borrow2) public view {
        supply = bound(supply, 1, type(uint128).max);
        borrow1 = bound(borrow1, 0, type(uint128).max);
        borrow2 = bound(borrow2, borrow1, type(uint128).max);
        assertLe(irm.borrowRate(supply, borrow1), irm.borrowRate(supply, borrow2), "rate decreased with borrow");
    }

    /// @dev Both branches agree at the kink: the right branch adds exactly `d * JUMP / WAD`, and the left side
    /// is within the multiplier's slope (plus one wei of rounding) of the kink's rate.
    function testFuzz_BorrowRateContinuousAtKink(
        uint256 base,
        uint256 multiplier,
        uint256 jump,
        uint256 kink,
        uint256 d
    ) public {
        JumpRateModel model = _boundedModel(base, multiplier, jump, kink);
        kink = model.KINK();
        uint256 atKink = _rateAt(model, kink);

        uint256 right = bound(d, 0, WAD - kink);
        assertEq(
            _rateAt(model, kink + right), atKink + right * model.JUMP_MULTIPLIER_PER_SECOND() / WAD, "right of the kink"
        );
        uint256 left = bound(d, 0, kink);
        uint256 below = _rateAt(model, kink - left);
        assertLe(below, atKink, "left of the kink above it");
        assertLe(atKink - below, left * model.MULTIPLIER_PER_SECOND() / WAD + 1, "jump left of the kink");
        assertLe(_rateAt(model, kink + 1) - atKink, model.JUMP_MULTIPLIER_PER_SECOND() / WAD + 1, "step at kink");
    }

    /// @dev Any accepted model's rate stays under the cap.
    function testFuzz_MaxRateBounded(uint256 base, uint256 multiplier, uint256 jump, uint256 kink) public {
        base = bound(base, 0, 2 * MAX_RATE_PER_YEAR);
        multiplier = bound(multiplier, 0, 2000 * MAX_RATE_PER_YEAR);
        jump = bound(jump, 0, 2000 * MAX_RATE_PER_YEAR);
        kink = bound(kink, 1, WAD - 1);
        try new JumpRateModel(base, multiplier, jump, kink) returns (JumpRateModel model) {
            assertLe(model.borrowRate(1, 1) * YEAR, MAX_RATE_PER_YEAR, "rate above cap");
        } catch (bytes memory reason) {
            assertEq(
                keccak256(reason),
                keccak256(abi.encodeWithSelector(JumpRateModel.MaxRateTooHigh.selector)),
                "unexpected revert"
            );
        }
    }

    /* VALIDATION */

    function test_Constructor_MaxRateExactlyAtCap() public {
        // 4 + 0.8 * 5 + 0.2 * 10 = 10 (WAD per year).
        JumpRateModel model = new JumpRateModel(4e18, 5e18, 10e18, KINK);
        assertLe(model.borrowRate(1, 1) * YEAR, MAX_RATE_PER_YEAR, "rate at 100%");
    }

    function test_RevertWhen_KinkZero() public {
        vm.expectRevert(abi.encodeWithSelector(JumpRateModel.InvalidKink.selector, 0));
        new JumpRateModel(BASE, MULTIPLIER, JUMP, 0);
    }

    function test_RevertWhen_KinkAtWad() public {
        vm.expectRevert(abi.encodeWithSelector(JumpRateModel.InvalidKink.selector, WAD));
        new JumpRateModel(BASE, MULTIPLIER, JUMP, WAD);
    }

    function test_RevertWhen_KinkAboveWad() public {
        vm.expectRevert(abi.encodeWithSelector(JumpRateModel.InvalidKink.selector, WAD + 1));
        new JumpRateModel(BASE, MULTIPLIER, JUMP, WAD + 1);
    }

    function test_RevertWhen_MaxRateAboveCap() public {
        // 4 + 0.8 * 5 + floor(0.2 * (10 + 5e-18)) = 10 + 1e-18.
        vm.expectRevert(JumpRateModel.MaxRateTooHigh.selector);
        new JumpRateModel(4e18, 5e18, 10e18 + 5, KINK);
    }

    function test_RevertWhen_BaseRateAboveCap() public {
        vm.expectRevert(JumpRateModel.MaxRateTooHigh.selector);
        new JumpRateModel(MAX_RATE_PER_YEAR + 1, 0, 0, KINK);
    }

    /// @dev Huge slopes revert with the custom error, not an overflow panic.
    function test_RevertWhen_MultipliersHuge() public {
        vm.expectRevert(JumpRateModel.MaxRateTooHigh.selector);
        new JumpRateModel(0, type(uint256).max, 0, KINK);
        vm.expectRevert(JumpRateModel.MaxRateTooHigh.selector);
        new JumpRateModel(0, 0, type(uint256).max, KINK);
    }
}
