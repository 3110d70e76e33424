// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IAggregatorV3} from "../interfaces/IAggregatorV3.sol";
import {IOracle} from "../interfaces/IOracle.sol";

/// @title ChainlinkOracle
/// @notice Values the collateral (base) token in the loan (quote) token from a Chainlink base feed and an optional
/// quote feed, with Morpho's ChainlinkOracleV2 formula: `price = SCALE_FACTOR * basePrice / quotePrice`.
/// @notice Every answer is checked (positive, inside its bounds, not stale, not from the future) and, on an L2,
/// so is the sequencer. A failed check REVERTS rather than falling back on a last good price: the core fails
/// closed on an oracle revert (no borrow, no collateral withdrawal against debt, no liquidation), so a broken or
/// manipulated feed can freeze a market but never make a healthy position liquidatable nor let an unhealthy
/// borrow through. A last good price would be exactly the stale price this oracle exists to refuse.
/// @dev Warning: failing closed also blocks liquidations while a feed is down, so bad debt can build up during a
/// long outage; pick heartbeats and bounds that only trip on a genuinely broken feed.
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
        if (address(SEQUENCER_UPTIME_FEED) != address(0)) _checkSequencer();
        uint256 basePrice = _read(BASE_FEED, BASE_HEARTBEAT, BASE_MIN_ANSWER, BASE_MAX_ANSWER);
        uint256 quotePrice = address(QUOTE_FEED) == address(0)
            ? 1
            : _read(QUOTE_FEED, QUOTE_HEARTBEAT, QUOTE_MIN_ANSWER, QUOTE_MAX_ANSWER);
        return _mulDivDown(SCALE_FACTOR, basePrice, quotePrice);
    }

    /* INTERNAL */

    function _validate(FeedConfig memory config) internal pure {
        if (config.heartbeat == 0) revert ZeroHeartbeat(address(config.feed));
        // With `0 <= minAnswer < maxAnswer`, `maxAnswer - minAnswer` cannot overflow.
        if (config.minAnswer < 0 || config.maxAnswer <= config.minAnswer || config.maxAnswer - config.minAnswer < 2) {
            revert InvalidBounds(address(config.feed), config.minAnswer, config.maxAnswer);
        }
    }

    /// @dev Chainlink's recommended checks. `answeredInRound` is not checked: Chainlink deprecated it (OCR
    /// aggregators always set it to `roundId`).
    function _read(IAggregatorV3 feed, uint256 heartbeat, int256 minAnswer, int256 maxAnswer)
        internal
        view
        returns (uint256)
    {
        (, int256 answer,, uint256 updatedAt,) = feed.latestRoundData();
        if (answer <= 0) revert NonPositiveAnswer(address(feed), answer);
        if (answer <= minAnswer || answer >= maxAnswer) revert AnswerOutOfBounds(address(feed), answer);
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

    /// @dev Chainlink's L2 sequencer uptime check. Any answer other than 0 counts as down (fails closed).
    function _checkSequencer() internal view {
        (, int256 answer, uint256 startedAt,,) = SEQUENCER_UPTIME_FEED.latestRoundData();
        if (answer != 0) revert SequencerDown();
        if (startedAt == 0) revert SequencerRoundInvalid();
        // A `startedAt` in the future is treated as "just came back up".
        // forge-lint: disable-next-line(block-timestamp)
        if (startedAt > block.timestamp || block.timestamp - startedAt <= GRACE_PERIOD) {
            revert GracePeriodNotOver(startedAt);
        }
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
