// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Test} from "../../utils/Test.sol";
import {LibrariesHarness} from "./LibrariesHarness.t.sol";

contract MathLibTest is Test {
    LibrariesHarness internal h;

    function setUp() public {
        h = new LibrariesHarness();
    }

    function test_WMulWDiv() public view {
        assertEq(h.wMulDown(3e18, 0.5e18), 1.5e18, "wMulDown");
        assertEq(h.wMulDown(1, 0.5e18), 0, "wMulDown rounds down");
        assertEq(h.wMulUp(1, 0.5e18), 1, "wMulUp rounds up");
        assertEq(h.wDivDown(1, 3e18), 0, "wDivDown rounds down");
        assertEq(h.wDivUp(1, 3e18), 1, "wDivUp rounds up");
        assertEq(h.wDivDown(1e18, 3e18), 333333333333333333, "1/3 down");
        assertEq(h.wDivUp(1e18, 3e18), 333333333333333334, "1/3 up");
    }

    function testFuzz_MulDiv_DownLeExactLeUp(uint256 x, uint256 y, uint256 d) public view {
        x = bound(x, 0, type(uint128).max);
        y = bound(y, 0, type(uint128).max);
        d = bound(d, 1, type(uint128).max); // x * y + d - 1 must not overflow (mulDivUp's precondition)
        uint256 down = h.mulDivDown(x, y, d);
        uint256 up = h.mulDivUp(x, y, d);
        assertLe(down * d, x * y, "down * d <= x * y");
        assertGe(up, down, "up >= down");
        assertLe(up - down, 1, "differ by at most one");
        assertEq(up == down, (x * y) % d == 0, "equal iff exact");
    }

    function test_RevertWhen_MulDivOverflows() public {
        vm.expectRevert();
        h.mulDivDown(type(uint256).max, 2, 1);
        vm.expectRevert();
        h.mulDivUp(type(uint256).max, 1, 2); // x * y + (d - 1) overflows
    }

    function test_RevertWhen_MulDivByZero() public {
        vm.expectRevert();
        h.mulDivDown(1, 1, 0);
        vm.expectRevert();
        h.mulDivUp(1, 1, 0);
    }

    /// @dev e^1 - 1 = 1.71828...; three Taylor terms give 1 + 1/2 + 1/6 = 1.6666...
    function test_WTaylorCompounded() public view {
        assertEq(h.wTaylorCompounded(0, 1000), 0, "zero rate");
        assertEq(h.wTaylorCompounded(1e18, 0), 0, "zero time");
        assertEq(h.wTaylorCompounded(1e18, 1), 1666666666666666666, "three terms at x*n = 1");
        // 10% a year: e^0.1 - 1 = 0.105170918...; the Taylor terms give 0.1051666...
        uint256 perSecond = uint256(0.1e18) / 365 days;
        assertApproxEqRel(h.wTaylorCompounded(perSecond, 365 days), 0.105170918075647624e18, 0.0001e18, "~e^0.1 - 1");
    }

    function testFuzz_WTaylorCompounded_BetweenLinearAndExp(uint256 rate, uint256 elapsed) public view {
        rate = bound(rate, 0, uint256(10e18) / 365 days); // up to 1000% a year
        elapsed = bound(elapsed, 0, 365 days);
        uint256 linear = rate * elapsed;
        uint256 c = h.wTaylorCompounded(rate, elapsed);
        assertGe(c, linear, ">= simple interest");
        // Never more than the three terms computed exactly (it underestimates e^x - 1).
        assertLe(c, linear + linear * linear / 2e18 + linear * linear / 1e18 * linear / 6e18 + 3, "<= 3 terms");
    }
}
