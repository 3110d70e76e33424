// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IAggregatorV3} from "../../../src/interfaces/IAggregatorV3.sol";
import {ChainlinkOracle} from "../../../src/oracles/ChainlinkOracle.sol";
import {OwnerFeed} from "../../../src/oracles/OwnerFeed.sol";
import {Test} from "../../utils/Test.sol";

contract ChainlinkOracleTest is Test {
    uint256 internal constant START = 1_700_000_000; // Seconds.
    uint256 internal constant HEARTBEAT = 1 days; // Seconds.
    int256 internal constant MAX_ANSWER = 1e30; // Feed decimals: a loose bound for these tests.

    IAggregatorV3 internal constant NO_FEED = IAggregatorV3(address(0));

    function setUp() public {
        vm.warp(START);
    }

    /* HELPERS */

    function _feed(uint8 decimals, int256 answer) internal returns (OwnerFeed) {
        return new OwnerFeed(decimals, "", answer, address(this));
    }

    function _config(IAggregatorV3 feed) internal pure returns (ChainlinkOracle.FeedConfig memory) {
        return ChainlinkOracle.FeedConfig({feed: feed, heartbeat: HEARTBEAT, minAnswer: 0, maxAnswer: MAX_ANSWER});
    }

    function _noQuote() internal pure returns (ChainlinkOracle.FeedConfig memory c) {}

    function _oracle(IAggregatorV3 base, IAggregatorV3 quote, uint8 baseTokenDecimals, uint8 quoteTokenDecimals)
        internal
        returns (ChainlinkOracle)
    {
        ChainlinkOracle.FeedConfig memory quoteConfig = address(quote) == address(0) ? _noQuote() : _config(quote);
        return new ChainlinkOracle(_config(base), quoteConfig, baseTokenDecimals, quoteTokenDecimals, NO_FEED, 0);
    }

    /* PRICE FORMULA */

    /// @dev WETH (18) collateral, USDC (6) loan, ETH/USD and USDC/USD feeds (8): 3000 USDC per WETH.
    function test_Price_WethUsdc_WithQuoteFeed() public {
        ChainlinkOracle oracle = _oracle(_feed(8, 3000e8), _feed(8, 1e8), 18, 6);
        assertEq(oracle.SCALE_FACTOR(), 1e24, "scale factor"); // 36 + 6 + 8 - 8 - 18.
        assertEq(oracle.price(), 3000e24, "price"); // 3000 * 10**(36 + 6 - 18).
    }

    /// @dev USDC at 0.9999 USD makes WETH worth 3000 / 0.9999 USDC, rounded down.
    function test_Price_WethUsdc_QuoteBelowPeg() public {
        ChainlinkOracle oracle = _oracle(_feed(8, 3000e8), _feed(8, 0.9999e8), 18, 6);
        assertEq(oracle.price(), 3000300030003000300030003000, "price");
    }

    /// @dev Without a quote feed the ETH/USD feed is read as ETH/USDC (USDC = 1).
    function test_Price_WethUsdc_WithoutQuoteFeed() public {
        ChainlinkOracle oracle = _oracle(_feed(8, 3000e8), NO_FEED, 18, 6);
        assertEq(oracle.SCALE_FACTOR(), 1e16, "scale factor"); // 36 + 6 + 0 - 8 - 18.
        assertEq(oracle.price(), 3000e24, "price");
    }

    /// @dev WBTC (8) collateral, USDC (6) loan, BTC/USD and USDC/USD feeds (8): 60000 USDC per WBTC.
    function test_Price_WbtcUsdc() public {
        ChainlinkOracle oracle = _oracle(_feed(8, 60_000e8), _feed(8, 1e8), 8, 6);
        assertEq(oracle.SCALE_FACTOR(), 1e34, "scale factor"); // 36 + 6 + 8 - 8 - 8.
        assertEq(oracle.price(), 60_000e34, "price"); // 60000 * 10**(36 + 6 - 8).
    }

    /// @dev WBTC (8) collateral, DAI (18) loan, BTC/USD and DAI/USD feeds (8).
    function test_Price_WbtcDai() public {
        ChainlinkOracle oracle = _oracle(_feed(8, 60_000e8), _feed(8, 1e8), 8, 18);
        assertEq(oracle.SCALE_FACTOR(), 1e46, "scale factor"); // 36 + 18 + 8 - 8 - 8.
        assertEq(oracle.price(), 60_000e46, "price"); // 60000 * 10**(36 + 18 - 8).
    }

    /// @dev WBTC (8) collateral, WETH (18) loan, one BTC/ETH feed (18): 20 WETH per WBTC.
    function test_Price_WbtcWeth_18DecimalFeed() public {
        ChainlinkOracle oracle = _oracle(_feed(18, 20e18), NO_FEED, 8, 18);
        assertEq(oracle.SCALE_FACTOR(), 1e28, "scale factor"); // 36 + 18 + 0 - 18 - 8.
        assertEq(oracle.price(), 20e46, "price"); // 20 * 10**(36 + 18 - 8).
    }

    /// @dev SCALE_FACTOR * basePrice (3e81) overflows 256 bits; the 512-bit mulDiv still gets the exact floor.
    function test_Price_FullPrecision() public {
        ChainlinkOracle oracle = _oracle(_feed(0, 3e9), _feed(18, 1e18 - 1), 0, 18);
        assertEq(oracle.SCALE_FACTOR(), 1e72, "scale factor"); // 36 + 18 + 18 - 0 - 0.
        assertEq(oracle.price(), 3000000000000000003000000000000000003000000000000000003000000000, "price");
    }

    function test_RevertWhen_PriceOverflows() public {
        ChainlinkOracle oracle = _oracle(_feed(0, 3e9), _feed(18, 1), 0, 18);
        vm.expectRevert(ChainlinkOracle.PriceOverflow.selector);
        oracle.price();
    }

    uint256 internal constant MAX_FUZZ_ANSWER = 1e30 - 1; // MAX_ANSWER - 1 (feed decimals).

    /// @dev Casts an answer bounded to [1, MAX_FUZZ_ANSWER].
    function _int(uint256 answer) internal pure returns (int256) {
        // Safe: answer <= MAX_FUZZ_ANSWER < 2**255.
        // forge-lint: disable-next-line(unsafe-typecast)
        return int256(answer);
    }

    function testFuzz_PriceMonotoneInBaseAnswer(uint256 a, uint256 b, uint256 quote) public {
        a = bound(a, 1, MAX_FUZZ_ANSWER);
        b = bound(b, a, MAX_FUZZ_ANSWER);
        quote = bound(quote, 1, MAX_FUZZ_ANSWER);
        OwnerFeed baseFeed = _feed(8, _int(a));
        ChainlinkOracle oracle = _oracle(baseFeed, _feed(8, _int(quote)), 18, 6);

        uint256 low = oracle.price();
        baseFeed.setAnswer(_int(b));
        assertLe(low, oracle.price(), "price not monotone in base answer");
    }

    function testFuzz_PriceAntitoneInQuoteAnswer(uint256 base, uint256 a, uint256 b) public {
        base = bound(base, 1, MAX_FUZZ_ANSWER);
        a = bound(a, 1, MAX_FUZZ_ANSWER);
        b = bound(b, a, MAX_FUZZ_ANSWER);
        OwnerFeed quoteFeed = _feed(8, _int(a));
        ChainlinkOracle oracle = _oracle(_feed(8, _int(base)), quoteFeed, 18, 6);

        uint256 high = oracle.price();
        quoteFeed.setAnswer(_int(b));
        assertGe(high, oracle.price(), "price not antitone in quote answer");
    }

    /// @dev Where the product fits in 256 bits, the 512-bit mulDiv equals the naive formula.
    function testFuzz_PriceMatchesFormula(uint256 base, uint256 quote) public {
        base = bound(base, 1, MAX_FUZZ_ANSWER);
        quote = bound(quote, 1, MAX_FUZZ_ANSWER);
        ChainlinkOracle oracle = _oracle(_feed(8, _int(base)), _feed(8, _int(quote)), 18, 6);
        assertEq(oracle.price(), 1e24 * base / quote, "price");
    }

    /* CONSTRUCTOR */

    function test_Constructor_StoresConfig() public {
        OwnerFeed base = _feed(8, 3000e8);
        OwnerFeed quote = _feed(8, 1e8);
        OwnerFeed sequencer = _feed(0, 0);
        ChainlinkOracle oracle = new ChainlinkOracle(
            ChainlinkOracle.FeedConfig({feed: base, heartbeat: 3600, minAnswer: 100e8, maxAnswer: 100_000e8}),
            ChainlinkOracle.FeedConfig({feed: quote, heartbeat: 86_400, minAnswer: 0.9e8, maxAnswer: 1.1e8}),
            18,
            6,
            sequencer,
            3600
        );
        assertEq(address(oracle.BASE_FEED()), address(base), "base feed");
        assertEq(oracle.BASE_HEARTBEAT(), 3600, "base heartbeat");
        assertEq(oracle.BASE_MIN_ANSWER(), 100e8, "base min");
        assertEq(oracle.BASE_MAX_ANSWER(), 100_000e8, "base max");
        assertEq(address(oracle.QUOTE_FEED()), address(quote), "quote feed");
        assertEq(oracle.QUOTE_HEARTBEAT(), 86_400, "quote heartbeat");
        assertEq(oracle.QUOTE_MIN_ANSWER(), 0.9e8, "quote min");
        assertEq(oracle.QUOTE_MAX_ANSWER(), 1.1e8, "quote max");
        assertEq(address(oracle.SEQUENCER_UPTIME_FEED()), address(sequencer), "sequencer feed");
        assertEq(oracle.GRACE_PERIOD(), 3600, "grace period");
        assertEq(oracle.SCALE_FACTOR(), 1e24, "scale factor");
    }

    /// @dev Without a quote feed the rest of the quote config is ignored (and stored as zero).
    function test_Constructor_IgnoresQuoteConfigWithoutFeed() public {
        ChainlinkOracle.FeedConfig memory quote =
            ChainlinkOracle.FeedConfig({feed: NO_FEED, heartbeat: 0, minAnswer: -5, maxAnswer: -6});
        ChainlinkOracle oracle = new ChainlinkOracle(_config(_feed(8, 3000e8)), quote, 18, 6, NO_FEED, 7);
        assertEq(oracle.QUOTE_HEARTBEAT(), 0, "quote heartbeat");
        assertEq(oracle.QUOTE_MIN_ANSWER(), 0, "quote min");
        assertEq(oracle.QUOTE_MAX_ANSWER(), 0, "quote max");
        assertEq(oracle.GRACE_PERIOD(), 0, "grace period ignored without sequencer");
        assertEq(oracle.price(), 3000e24, "price");
    }

    function test_Constructor_ScaleExponentBounds() public {
        // 36 + 0 + 0 - 18 - 18 = 0.
        assertEq(_oracle(_feed(18, 1), NO_FEED, 18, 0).SCALE_FACTOR(), 1, "exponent 0");
        // 36 + 23 + 18 - 0 - 0 = 77.
        assertEq(_oracle(_feed(0, 1), _feed(18, 1), 0, 23).SCALE_FACTOR(), 1e77, "exponent 77");
    }

    function test_RevertWhen_BaseFeedZero() public {
        vm.expectRevert(ChainlinkOracle.ZeroBaseFeed.selector);
        new ChainlinkOracle(_config(NO_FEED), _noQuote(), 18, 6, NO_FEED, 0);
    }

    function test_RevertWhen_BaseHeartbeatZero() public {
        ChainlinkOracle.FeedConfig memory base = _config(_feed(8, 1));
        base.heartbeat = 0;
        vm.expectRevert(abi.encodeWithSelector(ChainlinkOracle.ZeroHeartbeat.selector, address(base.feed)));
        new ChainlinkOracle(base, _noQuote(), 18, 6, NO_FEED, 0);
    }

    function test_RevertWhen_QuoteHeartbeatZero() public {
        ChainlinkOracle.FeedConfig memory base = _config(_feed(8, 1));
        ChainlinkOracle.FeedConfig memory quote = _config(_feed(8, 1));
        quote.heartbeat = 0;
        vm.expectRevert(abi.encodeWithSelector(ChainlinkOracle.ZeroHeartbeat.selector, address(quote.feed)));
        new ChainlinkOracle(base, quote, 18, 6, NO_FEED, 0);
    }

    function test_RevertWhen_MinAnswerNegative() public {
        _expectInvalidBounds(-1, 10);
    }

    function test_RevertWhen_MinAnswerNotBelowMaxAnswer() public {
        _expectInvalidBounds(10, 10);
        _expectInvalidBounds(11, 10);
        _expectInvalidBounds(type(int256).max, 0);
    }

    /// @dev Exclusive bounds one apart accept no answer.
    function test_RevertWhen_BoundsAcceptNoAnswer() public {
        _expectInvalidBounds(10, 11);
        _expectInvalidBounds(0, 1);
    }

    function test_RevertWhen_QuoteBoundsInvalid() public {
        ChainlinkOracle.FeedConfig memory base = _config(_feed(8, 1));
        ChainlinkOracle.FeedConfig memory quote = _config(_feed(8, 1));
        quote.minAnswer = 5;
        quote.maxAnswer = 5;
        vm.expectRevert(abi.encodeWithSelector(ChainlinkOracle.InvalidBounds.selector, address(quote.feed), 5, 5));
        new ChainlinkOracle(base, quote, 18, 6, NO_FEED, 0);
    }

    function test_RevertWhen_GracePeriodZeroWithSequencer() public {
        ChainlinkOracle.FeedConfig memory base = _config(_feed(8, 1));
        OwnerFeed sequencer = _feed(0, 0);
        vm.expectRevert(ChainlinkOracle.ZeroGracePeriod.selector);
        new ChainlinkOracle(base, _noQuote(), 18, 6, sequencer, 0);
    }

    function test_RevertWhen_ScaleExponentNegative() public {
        OwnerFeed base = _feed(18, 1);
        // 36 + 0 + 0 - 18 - 19 = -1.
        vm.expectRevert(abi.encodeWithSelector(ChainlinkOracle.InvalidScaleExponent.selector, int256(-1)));
        new ChainlinkOracle(_config(base), _noQuote(), 19, 0, NO_FEED, 0);
    }

    function test_RevertWhen_ScaleExponentAbove77() public {
        OwnerFeed base = _feed(0, 1);
        OwnerFeed quote = _feed(18, 1);
        // 36 + 24 + 18 - 0 - 0 = 78.
        vm.expectRevert(abi.encodeWithSelector(ChainlinkOracle.InvalidScaleExponent.selector, int256(78)));
        new ChainlinkOracle(_config(base), _config(quote), 0, 24, NO_FEED, 0);
    }

    function _expectInvalidBounds(int256 minAnswer, int256 maxAnswer) internal {
        ChainlinkOracle.FeedConfig memory base = _config(_feed(8, 1));
        base.minAnswer = minAnswer;
        base.maxAnswer = maxAnswer;
        vm.expectRevert(
            abi.encodeWithSelector(ChainlinkOracle.InvalidBounds.selector, address(base.feed), minAnswer, maxAnswer)
        );
        new ChainlinkOracle(base, _noQuote(), 18, 6, NO_FEED, 0);
    }
}
