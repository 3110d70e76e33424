// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IAggregatorV3} from "../interfaces/IAggregatorV3.sol";
import {IOracle} from "../interfaces/IOracle.sol";

/// @title ChainlinkOracle
/// @notice Values the collateral (base) token in the loan (quote) token from a Chainlink base feed and an optional
/// quote feed, with Morpho's ChainlinkOracleV2 formula: `price = SCALE_FACTOR * basePrice / quotePrice`.
/// @notice Every answer is checked (positive, inside its bounds, not stale, not from the future) and, on an L2,
/// so is the sequencer. A failed check of `price()` REVERTS rather than falling back on a last good price: the core
/// fails closed on it (no borrow, no collateral withdrawal against debt), so a broken or manipulated feed can never
/// let an unhealthy borrow through. A last good price would be exactly the stale price this oracle exists to refuse.
/// @notice `liquidationPrice()` stays live where it safely can: a feed pinned at the bound that overvalues the
/// collateral is valued at that bound (a crash through the floor does not freeze liquidations), and the sequencer's
/// grace period allows deep liquidations (health below 0.95). It too reverts on stale, non-positive and future
/// answers and a down sequencer: liquidations then stop, and the core closes full-price supplier withdrawals of
/// markets with debt until the feed is back (`withdrawIdle` stays open).
/// @dev All configuration is immutable: to change a feed, deploy a new oracle (and a new market).
contract ChainlinkOracle is IOracle {
    /* TYPES */

    /// @notice How to read and check one price feed.
    /// @param feed The Chainlink aggregator (or proxy).
    /// @param heartbeat Maximum age of an answer (seconds): the feed's heartbeat plus a margin for late rounds.
    /// @param minAnswer Exclusive lower bound on answers (feed decimals), >= 0.
    /// @param maxAnswer Exclusive upper bound on answers (feed decimals).
    struct FeedConfig {
        IAggregatorV3 feed;
        uint256 heartbeat;
        int256 minAnswer;
        int256 maxAnswer;
    }

    /* ERRORS */

    /// @notice The base feed is the zero address.
    error ZeroBaseFeed();

    /// @notice A feed's heartbeat is zero.
    error ZeroHeartbeat(address feed);

    /// @notice A feed's bounds accept no answer (`minAnswer < 0` or no integer strictly between the bounds).
    error InvalidBounds(address feed, int256 minAnswer, int256 maxAnswer);

    /// @notice A sequencer uptime feed is set with a zero grace period.
    error ZeroGracePeriod();

    /// @notice The scale factor's exponent is negative or above 77 (10**78 overflows a uint256).
    error InvalidScaleExponent(int256 exponent);

    /// @notice A feed answered zero or less.
    error NonPositiveAnswer(address feed, int256 answer);

    /// @notice A feed answered on or outside its (exclusive) bounds.
    error AnswerOutOfBounds(address feed, int256 answer);

    /// @notice A feed's answer is older than its heartbeat.
    error StaleAnswer(address feed, uint256 updatedAt);

    /// @notice A feed's answer is timestamped after the current block.
    error FutureAnswer(address feed, uint256 updatedAt);

    /// @notice The L2 sequencer is down.
    error SequencerDown();

    /// @notice The sequencer uptime feed reports `startedAt == 0` (an uninitialised round on Arbitrum).
    error SequencerRoundInvalid();

    /// @notice The sequencer came back up less than (or exactly) `GRACE_PERIOD` ago.
    error GracePeriodNotOver(uint256 upSince);

    /// @notice The price does not fit in a uint256.
    error PriceOverflow();

    /* IMMUTABLES */

    /// @notice Feed of the base (collateral) token's price.
    IAggregatorV3 public immutable BASE_FEED;
    /// @notice Maximum age of a base answer (seconds).
    uint256 public immutable BASE_HEARTBEAT;
    /// @notice Exclusive lower bound on base answers (base feed decimals).
    int256 public immutable BASE_MIN_ANSWER;
    /// @notice Exclusive upper bound on base answers (base feed decimals).
    int256 public immutable BASE_MAX_ANSWER;

    /// @notice Feed of the quote (loan) token's price; address(0) means the base feed is already denominated in
    /// the quote token (quote price 1, quote feed decimals 0).
    IAggregatorV3 public immutable QUOTE_FEED;
    /// @notice Maximum age of a quote answer (seconds); 0 without a quote feed.
    uint256 public immutable QUOTE_HEARTBEAT;
    /// @notice Exclusive lower bound on quote answers (quote feed decimals).
    int256 public immutable QUOTE_MIN_ANSWER;
    /// @notice Exclusive upper bound on quote answers (quote feed decimals).
    int256 public immutable QUOTE_MAX_ANSWER;

    /// @notice Chainlink L2 sequencer uptime feed (answer 0 = up, 1 = down); address(0) on L1.
    IAggregatorV3 public immutable SEQUENCER_UPTIME_FEED;
    /// @notice Time after the sequencer comes back up during which prices are refused (seconds).
    uint256 public immutable GRACE_PERIOD;

    /// @notice `10**(36 + quoteTokenDecimals + quoteFeedDecimals - baseFeedDecimals - baseTokenDecimals)`
    /// (unitless): turns `basePrice / quotePrice` into a price of 1e36-scaled smallest units.
    uint256 public immutable SCALE_FACTOR;

    /* CONSTRUCTOR */

    /// @param base The base (collateral) feed and its checks. Required.
    /// @param quote The quote (loan) feed and its checks; `quote.feed == address(0)` means a quote price of 1
    /// and the rest of `quote` is ignored.
    /// @param baseTokenDecimals Decimals of the collateral token.
    /// @param quoteTokenDecimals Decimals of the loan token.
    /// @param sequencerUptimeFeed Chainlink L2 sequencer uptime feed, or address(0) on L1.
    /// @param gracePeriod Seconds after the sequencer is back up before prices are trusted again (Chainlink
    /// suggests 3600). Ignored without a sequencer feed.
    constructor(
        FeedConfig memory base,
        FeedConfig memory quote,
        uint8 baseTokenDecimals,
        uint8 quoteTokenDecimals,
        IAggregatorV3 sequencerUptimeFeed,
        uint256 gracePeriod
    ) {
        if (address(base.feed) == address(0)) revert ZeroBaseFeed();
        _validate(base);
        uint8 quoteFeedDecimals;
        if (address(quote.feed) != address(0)) {
            _validate(quote);
            quoteFeedDecimals = quote.feed.decimals();
        }
        if (address(sequencerUptimeFeed) != address(0) && gracePeriod == 0) revert ZeroGracePeriod();

        int256 exponent = 36 + int256(uint256(quoteTokenDecimals)) + int256(uint256(quoteFeedDecimals))
            - int256(uint256(base.feed.decimals())) - int256(uint256(baseTokenDecimals));
        if (exponent < 0 || exponent > 77) revert InvalidScaleExponent(exponent);

        BASE_FEED = base.feed;
        BASE_HEARTBEAT = base.heartbeat;
        BASE_MIN_ANSWER = base.minAnswer;
        BASE_MAX_ANSWER = base.maxAnswer;
        QUOTE_FEED = quote.feed;
        QUOTE_HEARTBEAT = address(quote.feed) == address(0) ? 0 : quote.heartbeat;
        QUOTE_MIN_ANSWER = address(quote.feed) == address(0) ? int256(0) : quote.minAnswer;
        QUOTE_MAX_ANSWER = address(quote.feed) == address(0) ? int256(0) : quote.maxAnswer;
        SEQUENCER_UPTIME_FEED = sequencerUptimeFeed;
        GRACE_PERIOD = address(sequencerUptimeFeed) == address(0) ? 0 : gracePeriod;
        // Safe: 0 <= exponent <= 77, checked above.
        // forge-lint: disable-next-line(unsafe-typecast)
        SCALE_FACTOR = 10 ** uint256(exponent);
    }

    /* VIEW */

    /// @inheritdoc IOracle
    /// @dev Checks the sequencer first (a down sequencer also explains stale feeds), then the base feed, then
    /// the quote feed; reverts with the first failed check's error. Rounds down (values collateral low).
    function price() external view returns (uint256) {
        if (address(SEQUENCER_UPTIME_FEED) != address(0)) {
            (bool inGrace, uint256 upSince) = _sequencer();
            if (inGrace) revert GracePeriodNotOver(upSince);
        }
        uint256 basePrice = _inBounds(BASE_FEED, _read(BASE_FEED, BASE_HEARTBEAT), BASE_MIN_ANSWER, BASE_MAX_ANSWER);
        uint256 quotePrice = address(QUOTE_FEED) == address(0)
            ? 1
            : _inBounds(QUOTE_FEED, _read(QUOTE_FEED, QUOTE_HEARTBEAT), QUOTE_MIN_ANSWER, QUOTE_MAX_ANSWER);
        return _mulDivDown(SCALE_FACTOR, basePrice, quotePrice);
    }

    /// @inheritdoc IOracle
    /// @dev Differs from `price()` in two ways, both of which can only keep a position alive longer:
    /// - A base answer at or below its floor is valued at the floor, and a quote answer at or above its ceiling at the
    ///   ceiling. Chainlink aggregators clamp their answers to their own bounds, so a feed pinned at the floor says
    ///   "this much or less": the floor is an upper bound on the collateral's price. Refusing it (as `price()` does)
    ///   froze a market for good once a crash went through the floor, since bounds are immutable; valuing at the
    ///   bound lets the positions that are unhealthy even at the bound be liquidated. The other two directions (base
    ///   at its ceiling, quote at its floor) would undervalue the collateral and still revert.
    /// - In the sequencer's grace period it answers with `deepOnly`, where `price()` reverts.
    /// Stale, zero, negative and future answers, and a down sequencer, still revert: nothing bounds the price then.
    function liquidationPrice() external view returns (uint256, bool deepOnly) {
        if (address(SEQUENCER_UPTIME_FEED) != address(0)) (deepOnly,) = _sequencer();
        uint256 base = _read(BASE_FEED, BASE_HEARTBEAT);
        if (base >= _bound(BASE_MAX_ANSWER)) revert AnswerOutOfBounds(address(BASE_FEED), int256(base));
        uint256 basePrice = base > _bound(BASE_MIN_ANSWER) ? base : _bound(BASE_MIN_ANSWER);
        uint256 quotePrice = 1;
        if (address(QUOTE_FEED) != address(0)) {
            uint256 quote = _read(QUOTE_FEED, QUOTE_HEARTBEAT);
            if (quote <= _bound(QUOTE_MIN_ANSWER)) revert AnswerOutOfBounds(address(QUOTE_FEED), int256(quote));
            quotePrice = quote < _bound(QUOTE_MAX_ANSWER) ? quote : _bound(QUOTE_MAX_ANSWER);
        }
        return (_mulDivDown(SCALE_FACTOR, basePrice, quotePrice), deepOnly);
    }

    /* INTERNAL */

    function _validate(FeedConfig memory config) internal pure {
        if (config.heartbeat == 0) revert ZeroHeartbeat(address(config.feed));
        // With `0 <= minAnswer < maxAnswer`, `maxAnswer - minAnswer` cannot overflow.
        if (config.minAnswer < 0 || config.maxAnswer <= config.minAnswer || config.maxAnswer - config.minAnswer < 2) {
            revert InvalidBounds(address(config.feed), config.minAnswer, config.maxAnswer);
        }
    }

    /// @dev A feed's latest answer, checked positive, not from the future and not stale (Chainlink's recommended
    /// checks; bounds are the caller's). `answeredInRound` is not checked: Chainlink deprecated it (OCR aggregators
    /// always set it to `roundId`).
    function _read(IAggregatorV3 feed, uint256 heartbeat) internal view returns (uint256) {
        (, int256 answer,, uint256 updatedAt,) = feed.latestRoundData();
        if (answer <= 0) revert NonPositiveAnswer(address(feed), answer);
        // Checked before staleness, whose subtraction would underflow. Comparing timestamps is the point here:
        // a proposer's few seconds of timestamp drift cannot matter against heartbeats of minutes to days.
        // forge-lint: disable-next-line(block-timestamp)
        if (updatedAt > block.timestamp) revert FutureAnswer(address(feed), updatedAt);
        // forge-lint: disable-next-line(block-timestamp)
        if (block.timestamp - updatedAt > heartbeat) revert StaleAnswer(address(feed), updatedAt);
        // Safe: answer > 0, checked above.
        // forge-lint: disable-next-line(unsafe-typecast)
        return uint256(answer);
    }

    /// @dev `answer`, which must lie strictly inside the bounds.
    function _inBounds(IAggregatorV3 feed, uint256 answer, int256 minAnswer, int256 maxAnswer)
        internal
        pure
        returns (uint256)
    {
        if (answer <= _bound(minAnswer) || answer >= _bound(maxAnswer)) {
            revert AnswerOutOfBounds(address(feed), int256(answer));
        }
        return answer;
    }

    /// @dev A bound as a uint256. Safe: bounds are validated >= 0 at construction.
    function _bound(int256 b) internal pure returns (uint256) {
        // forge-lint: disable-next-line(unsafe-typecast)
        return uint256(b);
    }

    /// @dev Chainlink's L2 sequencer uptime check: reverts while the sequencer is down (any answer other than 0
    /// counts as down: fails closed) or its round is uninitialised; else whether it came back up less than (or
    /// exactly) `GRACE_PERIOD` ago, and since when.
    function _sequencer() internal view returns (bool inGrace, uint256 upSince) {
        (, int256 answer, uint256 startedAt,,) = SEQUENCER_UPTIME_FEED.latestRoundData();
        if (answer != 0) revert SequencerDown();
        if (startedAt == 0) revert SequencerRoundInvalid();
        // A `startedAt` in the future is treated as "just came back up".
        // forge-lint: disable-next-line(block-timestamp)
        inGrace = startedAt > block.timestamp || block.timestamp - startedAt <= GRACE_PERIOD;
        upSince = startedAt;
    }

    /// @dev `floor(x * y / d)` computed on 512 bits (Remco Bloemen's mulDiv, as in OpenZeppelin's Math), so
    /// `SCALE_FACTOR * basePrice` may exceed 2**256. Reverts with `PriceOverflow` if the result does not fit.
    /// `d` is never 0 here (a quote price is at least 1).
    function _mulDivDown(uint256 x, uint256 y, uint256 d) internal pure returns (uint256 result) {
        unchecked {
            // 512-bit product [prod1 prod0] = x * y.
            uint256 prod0 = x * y;
            uint256 prod1;
            assembly {
                let mm := mulmod(x, y, not(0))
                prod1 := sub(sub(mm, prod0), lt(mm, prod0))
            }
            if (prod1 == 0) return prod0 / d;
            if (d <= prod1) revert PriceOverflow();

            // Subtract the remainder so the division is exact.
            uint256 remainder;
            assembly {
                remainder := mulmod(x, y, d)
                prod1 := sub(prod1, gt(remainder, prod0))
                prod0 := sub(prod0, remainder)
            }
            // Divide out d's largest power of two, and move prod1's bits into prod0.
            uint256 twos = d & (~d + 1);
            assembly {
                d := div(d, twos)
                prod0 := div(prod0, twos)
                twos := add(div(sub(0, twos), twos), 1)
            }
            prod0 |= prod1 * twos;
            // d is now odd: its inverse mod 2**256 by Newton-Raphson, correct to 4, 8, ..., 256 bits.
            uint256 inverse = (3 * d) ^ 2;
            inverse *= 2 - d * inverse;
            inverse *= 2 - d * inverse;
            inverse *= 2 - d * inverse;
            inverse *= 2 - d * inverse;
            inverse *= 2 - d * inverse;
            inverse *= 2 - d * inverse;
            result = prod0 * inverse;
        }
    }
}
