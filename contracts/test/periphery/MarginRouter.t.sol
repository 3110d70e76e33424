// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {MarketParams, Position} from "../../src/interfaces/ICantilever.sol";
import {IMarginRouter} from "../../src/interfaces/IMarginRouter.sol";
import {ErrorsLib} from "../../src/libraries/ErrorsLib.sol";
import {ERC20Mock} from "../utils/mocks/ERC20Mock.sol";
import {PeripheryBase} from "./utils/PeripheryBase.sol";

/// @notice Leveraged longs and shorts through the margin router against the real Uniswap v2 pool.
contract MarginRouterTest is PeripheryBase {
    /// @dev A constant-product round trip (buy x, sell back for what was paid) costs exactly the two fees:
    /// the impact of the buy is undone by the sale, so the loss is x * (1 / 0.997^2 - 1) = 0.6027% of x. PPM.
    uint256 internal constant ROUND_TRIP_FEE_PPM = 6028;

    function test_MaxLeverage() public view {
        // 1 / (1 - 0.86 / 1.05) = 1.05 / 0.19 = 5.5263x, below 1 / (1 - 0.86) = 7.14x.
        uint256 max = router.maxLeverage(LLTV_86);
        assertApproxEqAbs(max, 5.526315789473684e18, 1e4, "LLTV 86%");
        assertLt(max, uint256(1e36) / (1e18 - LLTV_86), "below 1 / (1 - LLTV)");
        assertApproxEqAbs(router.maxLeverage(0.8e18), 4.2e18, 1e4, "LLTV 80%");
    }

    function test_OpenLong3x() public {
        uint256 equity = 10e18;
        (uint256 quote,) = adapter.quoteExactOut(address(usdc), address(weth), 20e18, "");
        (uint256 bought, uint256 borrowed) = _open(longMarket, equity, 3e18);

        assertEq(bought, 20e18, "bought");
        assertEq(borrowed, quote, "borrowed at the quote");
        Position memory p = core.position(_id(longMarket), TRADER);
        assertEq(p.collateral, 30e18, "collateral = 3x equity");
        assertApproxEqAbs(_debtOf(longMarket), borrowed, 1, "debt");
        (uint256 leverage, uint256 collateral,) = router.leverageOf(longMarket, TRADER);
        assertEq(collateral, 30e18, "collateral view");
        // Fees and impact: the debt is a little above 2 equity's worth, so the leverage a little above 3x.
        assertGe(leverage, 3e18, "at least 3x");
        assertApproxEqRel(leverage, 3e18, 0.02e18, "about 3x");
        assertEq(weth.balanceOf(TRADER), 0, "equity taken");
        _assertRouterEmpty();
    }

    function test_OpenShort3x() public {
        // Short WETH: borrow WETH, sell it for USDC collateral.
        (uint256 bought, uint256 borrowed) = _open(shortMarket, 20_000e6, 3e18);
        assertEq(bought, 40_000e6, "bought USDC");
        assertApproxEqRel(borrowed, 20e18, 0.01e18, "borrowed about 20 WETH");
        assertEq(core.position(_id(shortMarket), TRADER).collateral, 60_000e6, "collateral");
        _assertRouterEmpty();
    }

    /// @notice Open then close at once, at any leverage up to the maximum, long or short: the trader gets back
    /// its equity minus at most the two swap fees on what was bought (the pool's impact cancels out).
    function testFuzz_RoundTrip(uint256 equitySeed, uint256 leverageSeed, bool isLong) public {
        MarketParams memory params = isLong ? longMarket : shortMarket;
        uint256 equity = isLong ? bound(equitySeed, 0.01e18, 100e18) : bound(equitySeed, 10e6, 200_000e6);
        uint256 leverage = bound(leverageSeed, 1.01e18, router.maxLeverage(LLTV_86));

        // The cap applies to the position after the swap: predict whether fees and impact push it over.
        uint256 expectedBought = equity * (leverage - 1e18) / 1e18;
        (uint256 quote,) = adapter.quoteExactOut(params.loanToken, params.collateralToken, expectedBought, "");
        uint256 price = (isLong ? longOracle : shortOracle).price();
        uint256 maxDebt = (equity + expectedBought) * price / 1e36 * (LLTV_86 * 1e18 / 1.05e18) / 1e18;
        if (quote > maxDebt) {
            ERC20Mock(params.collateralToken).mint(TRADER, equity);
            vm.expectPartialRevert(IMarginRouter.LeverageTooHigh.selector);
            vm.prank(TRADER);
            router.open(params, equity, leverage, type(uint256).max, adapter, "", block.timestamp);
            return;
        }
        if (quote + 2 > maxDebt) return; // Within the debt's rounding of the cap: either outcome is right.

        (uint256 bought,) = _open(params, equity, leverage);
        (uint256 sold, uint256 repaid, uint256 returned) = _close(params);

        assertEq(sold + returned, equity + bought, "all collateral accounted for");
        assertGt(repaid, 0, "repaid");
        assertLe(returned, equity, "no free lunch");
        uint256 loss = equity - returned;
        // Plus rounding against the trader: a few collateral units, and two loan units (the debt's share conversion
        // and the loan-side quote round up in loan units, each worth 1e36 / price collateral units: 5e8 wei of WETH
        // per USDC unit on the long side, which a fresh fuzz seed found at the smallest positions).
        uint256 loanUnit = 1e36 / price + 1;
        assertLe(loss, bought * ROUND_TRIP_FEE_PPM / 1e6 + 3 + 2 * loanUnit, "lost more than fees");
        Position memory p = core.position(_id(params), TRADER);
        assertEq(p.borrowShares, 0, "no debt left");
        assertEq(p.collateral, 0, "no collateral left");
        assertEq(ERC20Mock(params.collateralToken).balanceOf(TRADER), returned, "equity returned");
        _assertRouterEmpty();
    }

    function test_IncreaseThenDecreaseLeverage() public {
        _open(longMarket, 10e18, 2e18);
        vm.prank(TRADER);
        (uint256 bought, uint256 borrowed) =
            router.increaseLeverage(longMarket, 4e18, type(uint256).max, adapter, "", block.timestamp);
        assertGt(bought, 19e18, "bought about 20 WETH");
        assertGt(borrowed, 0, "borrowed");
        (uint256 leverage,,) = router.leverageOf(longMarket, TRADER);
        assertGe(leverage, 4e18, "fees land it above the target");
        assertApproxEqRel(leverage, 4e18, 0.02e18, "about 4x");

        vm.prank(TRADER);
        (uint256 sold, uint256 repaid) =
            router.decreaseLeverage(longMarket, 2e18, type(uint256).max, adapter, "", block.timestamp);
        assertGt(sold, 19e18, "sold about 20 WETH");
        assertGt(repaid, 0, "repaid");
        (leverage,,) = router.leverageOf(longMarket, TRADER);
        assertApproxEqRel(leverage, 2e18, 0.01e18, "about 2x");
        _assertRouterEmpty();
    }

    function test_OpenNearMaxLeverage() public {
        uint256 max = router.maxLeverage(LLTV_86);
        _open(longMarket, 10e18, 5.3e18);
        (uint256 leverage,,) = router.leverageOf(longMarket, TRADER);
        assertGt(leverage, 5.3e18, "fees push it a little above the request");
        assertLe(leverage, max, "within the cap");
        assertFalse(_liquidatable(longMarket, TRADER), "healthy");
    }

    /// @notice The largest leverage a trader can request at LLTV 86% (small trade, 0.3% pool), by bisection.
    function test_LargestOpenableLeverage() public {
        uint256 lo = 5e18;
        uint256 hi = router.maxLeverage(LLTV_86);
        weth.mint(TRADER, 1e18);
        while (hi - lo > 1e12) {
            uint256 mid = (lo + hi) / 2;
            uint256 snap = vm.snapshotState();
            vm.prank(TRADER);
            (bool ok,) = address(router)
                .call(
                    abi.encodeCall(
                        router.open, (longMarket, 1e18, mid, type(uint256).max, adapter, bytes(""), block.timestamp)
                    )
                );
            vm.revertToState(snap);
            if (ok) lo = mid;
            else hi = mid;
        }
        _log("largest requested leverage at LLTV 86% (1e18 = 1x)", lo);
        _log("cap on the resulting leverage (maxLeverage)", router.maxLeverage(LLTV_86));
        assertGt(lo, 5.4e18, "above 5.4x");
        assertLt(lo, router.maxLeverage(LLTV_86), "below the cap: fees count");
    }

    function test_RevertWhen_FeesPushLeverageAboveMax() public {
        weth.mint(TRADER, 10e18);
        uint256 max = router.maxLeverage(LLTV_86);
        vm.expectPartialRevert(IMarginRouter.LeverageTooHigh.selector);
        vm.prank(TRADER);
        router.open(longMarket, 10e18, max, type(uint256).max, adapter, "", block.timestamp);
    }

    /// @dev 800 WETH bought moves an 10,000 WETH pool about 8%: the resulting position is far above the cap.
    function test_RevertWhen_PriceImpactPushesLeverageAboveMax() public {
        weth.mint(TRADER, 200e18);
        vm.expectPartialRevert(IMarginRouter.LeverageTooHigh.selector);
        vm.prank(TRADER);
        router.open(longMarket, 200e18, 5e18, type(uint256).max, adapter, "", block.timestamp);
    }

    function test_RevertWhen_LeverageAboveMax() public {
        uint256 max = router.maxLeverage(LLTV_86);
        weth.mint(TRADER, 10e18);
        vm.expectRevert(abi.encodeWithSelector(IMarginRouter.LeverageTooHigh.selector, max + 1, max));
        vm.prank(TRADER);
        router.open(longMarket, 10e18, max + 1, type(uint256).max, adapter, "", block.timestamp);

        _open(longMarket, 10e18, 2e18);
        vm.expectRevert(abi.encodeWithSelector(IMarginRouter.LeverageTooHigh.selector, 6e18, max));
        vm.prank(TRADER);
        router.increaseLeverage(longMarket, 6e18, type(uint256).max, adapter, "", block.timestamp);
    }

    function test_RevertWhen_LeverageNotAboveOne() public {
        weth.mint(TRADER, 10e18);
        vm.expectRevert(abi.encodeWithSelector(IMarginRouter.LeverageTooLow.selector, 1e18));
        vm.prank(TRADER);
        router.open(longMarket, 10e18, 1e18, type(uint256).max, adapter, "", block.timestamp);
    }

    function test_RevertWhen_WrongDirection() public {
        _open(longMarket, 10e18, 3e18);
        (uint256 leverage,,) = router.leverageOf(longMarket, TRADER);
        vm.expectRevert(abi.encodeWithSelector(IMarginRouter.WrongDirection.selector, leverage, 2e18));
        vm.prank(TRADER);
        router.increaseLeverage(longMarket, 2e18, type(uint256).max, adapter, "", block.timestamp);
        vm.expectRevert(abi.encodeWithSelector(IMarginRouter.WrongDirection.selector, leverage, 4e18));
        vm.prank(TRADER);
        router.decreaseLeverage(longMarket, 4e18, type(uint256).max, adapter, "", block.timestamp);
    }

    function test_RevertWhen_BorrowAboveSlippageLimit() public {
        (uint256 quote,) = adapter.quoteExactOut(address(usdc), address(weth), 20e18, "");
        weth.mint(TRADER, 10e18);
        vm.expectRevert(abi.encodeWithSelector(IMarginRouter.MaxBorrowExceeded.selector, quote, quote - 1));
        vm.prank(TRADER);
        router.open(longMarket, 10e18, 3e18, quote - 1, adapter, "", block.timestamp);
    }

    /// @dev A sandwich: someone buys WETH just before the open; the trader's limit, set at the fair price, holds.
    function test_RevertWhen_FrontRunMovesPricePastLimit() public {
        (uint256 quote,) = adapter.quoteExactOut(address(usdc), address(weth), 20e18, "");
        uint256 maxBorrow = quote * 1005 / 1000; // 0.5% slippage tolerance
        _dump(usdc, 500_000e6); // +5% WETH price
        weth.mint(TRADER, 10e18);
        vm.expectPartialRevert(IMarginRouter.MaxBorrowExceeded.selector);
        vm.prank(TRADER);
        router.open(longMarket, 10e18, 3e18, maxBorrow, adapter, "", block.timestamp);
    }

    function test_RevertWhen_SaleAboveSlippageLimit() public {
        _open(longMarket, 10e18, 4e18);
        vm.expectPartialRevert(IMarginRouter.MaxCollateralSoldExceeded.selector);
        vm.prank(TRADER);
        router.decreaseLeverage(longMarket, 2e18, 1e18, adapter, "", block.timestamp);
    }

    function test_RevertWhen_CloseReturnsTooLittle() public {
        _open(longMarket, 10e18, 3e18);
        uint256 snap = vm.snapshotState();
        (,, uint256 returned) = _close(longMarket);
        vm.revertToState(snap);
        vm.expectRevert(abi.encodeWithSelector(IMarginRouter.MinCollateralOutNotMet.selector, returned, returned + 1));
        vm.prank(TRADER);
        router.close(longMarket, returned + 1, adapter, "", block.timestamp);
    }

    function test_RevertWhen_DeadlinePassed() public {
        weth.mint(TRADER, 10e18);
        // Literal times: via-IR may re-read block.timestamp after the warp.
        uint256 deadline = 1_000;
        vm.warp(1_001);
        vm.expectRevert(abi.encodeWithSelector(IMarginRouter.DeadlineExpired.selector, deadline));
        vm.prank(TRADER);
        router.open(longMarket, 10e18, 3e18, type(uint256).max, adapter, "", deadline);
        vm.expectRevert(abi.encodeWithSelector(IMarginRouter.DeadlineExpired.selector, deadline));
        vm.prank(TRADER);
        router.close(longMarket, 0, adapter, "", deadline);
    }

    function test_RevertWhen_RouterNotAuthorized() public {
        vm.prank(TRADER);
        core.setAuthorization(address(router), false);
        weth.mint(TRADER, 10e18);
        vm.expectRevert(ErrorsLib.Unauthorized.selector);
        vm.prank(TRADER);
        router.open(longMarket, 10e18, 3e18, type(uint256).max, adapter, "", block.timestamp);
    }

    function test_RevertWhen_CallbackNotFromCore() public {
        vm.expectRevert(IMarginRouter.NotCore.selector);
        router.onCantileverSupplyCollateral(1, "");
        vm.expectRevert(IMarginRouter.NotCore.selector);
        router.onCantileverRepay(1, "");
    }

    /// @notice A leveraged position accrues interest like any other and closes with it paid.
    function test_CloseAfterInterest() public {
        _open(longMarket, 10e18, 3e18);
        uint256 debtBefore = _debtOf(longMarket);
        vm.warp(block.timestamp + 30 days);
        assertGt(_debtOf(longMarket), debtBefore, "interest");
        (, uint256 repaid, uint256 returned) = _close(longMarket);
        assertEq(repaid, _debtBefore(debtBefore, repaid), "repaid with interest");
        assertGt(returned, 9.8e18, "equity back");
        assertEq(core.position(_id(longMarket), TRADER).borrowShares, 0, "closed");
    }

    function _log(string memory name, uint256 value) internal view {
        (bool ok,) = address(0x000000000000000000636F6e736F6c652e6c6f67)
            .staticcall(abi.encodeWithSignature("log(string,uint256)", name, value));
        ok;
    }

    function _debtBefore(uint256 debtBefore, uint256 repaid) internal pure returns (uint256) {
        return repaid > debtBefore ? repaid : type(uint256).max;
    }

    function _debtOf(MarketParams memory params) internal view returns (uint256 debt) {
        (,, debt) = router.leverageOf(params, TRADER);
    }
}
