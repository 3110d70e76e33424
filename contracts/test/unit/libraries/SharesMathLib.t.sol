// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Test} from "../../utils/Test.sol";
import {LibrariesHarness} from "./LibrariesHarness.t.sol";

contract SharesMathLibTest is Test {
    LibrariesHarness internal h;

    uint256 internal constant MAX = 1e38; // uint128-sized totals

    function setUp() public {
        h = new LibrariesHarness();
    }

    function _totals(uint256 ta, uint256 ts) internal pure returns (uint256, uint256) {
        ta = bound(ta, 0, MAX);
        ts = bound(ts, 0, MAX);
        return (ta, ts);
    }

    function test_EmptyMarket() public view {
        assertEq(h.toSharesDown(1, 0, 0), 1e6, "1 asset = 1e6 virtual shares");
        assertEq(h.toAssetsDown(1e6, 0, 0), 1, "and back");
        assertEq(h.toAssetsDown(1e6 - 1, 0, 0), 0, "down");
        assertEq(h.toAssetsUp(1, 0, 0), 1, "up");
        assertEq(h.toSharesUp(0, 0, 0), 0, "zero");
    }

    function testFuzz_ToShares_DownLeUp(uint256 assets, uint256 ta, uint256 ts) public view {
        (ta, ts) = _totals(ta, ts);
        assets = bound(assets, 0, MAX);
        uint256 down = h.toSharesDown(assets, ta, ts);
        uint256 up = h.toSharesUp(assets, ta, ts);
        assertLe(down, up, "down <= up");
        assertLe(up - down, 1, "differ by at most one");
        // down <= exact: down * (ta + 1) <= assets * (ts + 1e6)
        assertLe(down * (ta + 1), assets * (ts + 1e6), "down <= exact");
        assertGe(up * (ta + 1), assets * (ts + 1e6), "up >= exact");
    }

    function testFuzz_ToAssets_DownLeUp(uint256 shares, uint256 ta, uint256 ts) public view {
        (ta, ts) = _totals(ta, ts);
        shares = bound(shares, 0, MAX);
        uint256 down = h.toAssetsDown(shares, ta, ts);
        uint256 up = h.toAssetsUp(shares, ta, ts);
        assertLe(up - down, 1, "differ by at most one");
        assertLe(down * (ts + 1e6), shares * (ta + 1), "down <= exact");
        assertGe(up * (ts + 1e6), shares * (ta + 1), "up >= exact");
    }

    /// @dev Supply then withdraw (assets -> shares down -> assets down) never returns more assets.
    function testFuzz_RoundTrip_AssetsNeverGain(uint256 assets, uint256 ta, uint256 ts) public view {
        (ta, ts) = _totals(ta, ts);
        assets = bound(assets, 0, MAX);
        uint256 shares = h.toSharesDown(assets, ta, ts);
        assertLe(h.toAssetsDown(shares, ta, ts), assets, "assets -> shares -> assets");
        // Borrow then repay: shares owed for assets (up) cost at least the assets (up).
        uint256 owed = h.toSharesUp(assets, ta, ts);
        assertGe(h.toAssetsUp(owed, ta, ts), assets, "borrowed shares cost at least the assets");
    }

    /// @dev Minting shares for assets (down) then redeeming them (down) never gains; paying for shares (up) never
    /// costs less than they are worth.
    function testFuzz_RoundTrip_SharesNeverGain(uint256 shares, uint256 ta, uint256 ts) public view {
        (ta, ts) = _totals(ta, ts);
        shares = bound(shares, 0, MAX);
        uint256 paid = h.toAssetsUp(shares, ta, ts);
        assertLe(h.toSharesDown(h.toAssetsDown(shares, ta, ts), ta, ts), shares, "shares -> assets -> shares");
        assertGe(h.toSharesUp(paid, ta, ts), shares, "paid for at least the shares");
    }
}
