// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IAggregatorV3} from "../interfaces/IAggregatorV3.sol";

/// @title OwnerFeed
/// @notice A Chainlink-compatible price feed whose answers are written by its owner: the feed behind devnet
/// markets and tests. It keeps every round, so `getRoundData` works like a Chainlink aggregator's, and it emits
/// Chainlink's `NewRound` and `AnswerUpdated` events with their exact signatures, so a keeper written against
/// Chainlink watches it unchanged.
/// @dev Warning: never use it on a production market: the owner sets the price of every market that reads it.
/// @dev Round ids are plain 1, 2, 3, ... (no Chainlink phase id in the upper bits).
contract OwnerFeed is IAggregatorV3 {
    /* TYPES */

    /// @dev One round as `latestRoundData` reports it (`answeredInRound` is always the round's own id).
    /// @dev One storage slot per round, like Chainlink's OCR aggregators pack their transmissions: reading the
    /// latest answer costs a consumer two cold reads, not four.
    struct Round {
        int128 answer;
        uint64 startedAt; // Seconds (unix time).
        uint64 updatedAt; // Seconds (unix time).
    }

    /* ERRORS */

    /// @notice The caller is not the owner.
    error NotOwner(address caller);

    /// @notice The new owner is the zero address.
    error ZeroAddress();

    /// @notice `getRoundData` was asked for a round that was never written.
    error RoundNotFound(uint80 roundId);

    /// @notice The answer or a timestamp does not fit the packed round (int128 answer, uint64 timestamps).
    error ValueOutOfRange();

    /* EVENTS */

    /// @notice Chainlink's AggregatorInterface event: a round's answer was written.
    /// @param current The answer (feed decimals).
    /// @param roundId The round written.
    /// @param updatedAt The round's `updatedAt` (seconds).
    event AnswerUpdated(int256 indexed current, uint256 indexed roundId, uint256 updatedAt);

    /// @notice Chainlink's AggregatorInterface event: a round was started.
    /// @param roundId The round started.
    /// @param startedBy Who started it (the owner, or the deployer for round 1).
    /// @param startedAt The round's `startedAt` (seconds).
    event NewRound(uint256 indexed roundId, address indexed startedBy, uint256 startedAt);

    /// @notice Ownership moved from `previousOwner` to `newOwner`.
    event OwnershipTransferred(address indexed previousOwner, address indexed newOwner);

    /* STORAGE */

    /// @notice Version of this feed's interface (Chainlink reports its aggregator version here).
    uint256 public constant version = 1;

    /// @notice Decimals of every answer.
    uint8 public immutable decimals;

    /// @notice Human-readable pair, e.g. "ETH / USD".
    string public description;

    /// @notice The only address that may write answers or transfer ownership.
    address public owner;

    /// @notice Id of the latest round (the first round, written by the constructor, is 1).
    uint80 public latestRoundId;

    mapping(uint80 roundId => Round) internal _rounds;

    /* CONSTRUCTOR */

    /// @param decimals_ Decimals of every answer.
    /// @param description_ Human-readable pair, e.g. "ETH / USD".
    /// @param initialAnswer Answer of round 1 (feed decimals), timestamped `block.timestamp`.
    /// @param owner_ The address allowed to write answers.
    constructor(uint8 decimals_, string memory description_, int256 initialAnswer, address owner_) {
        if (owner_ == address(0)) revert ZeroAddress();
        decimals = decimals_;
        description = description_;
        owner = owner_;
        emit OwnershipTransferred(address(0), owner_);
        _newRound(initialAnswer, block.timestamp, block.timestamp);
    }

    /* MODIFIERS */

    modifier onlyOwner() {
        if (msg.sender != owner) revert NotOwner(msg.sender);
        _;
    }

    /* OWNER FUNCTIONS */

    /// @notice Writes `answer` as a new round started and updated now.
    /// @param answer The answer (feed decimals).
    function setAnswer(int256 answer) external onlyOwner {
        _newRound(answer, block.timestamp, block.timestamp);
    }

    /// @notice Writes a new round with arbitrary timestamps, to reproduce stale, future or sequencer-feed rounds
    /// (on a Chainlink L2 sequencer uptime feed, `startedAt` is when the status last changed).
    /// @dev Warning: no timestamp is validated, on purpose: tests use this to feed bad data to consumers.
    /// @param answer The answer (feed decimals).
    /// @param startedAt The round's `startedAt` (seconds).
    /// @param updatedAt The round's `updatedAt` (seconds).
    function setRoundData(int256 answer, uint256 startedAt, uint256 updatedAt) external onlyOwner {
        _newRound(answer, startedAt, updatedAt);
    }

    /// @notice Gives ownership to `newOwner`.
    function transferOwnership(address newOwner) external onlyOwner {
        if (newOwner == address(0)) revert ZeroAddress();
        emit OwnershipTransferred(owner, newOwner);
        owner = newOwner;
    }

    /* VIEW FUNCTIONS */

    /// @inheritdoc IAggregatorV3
    function latestRoundData()
        external
        view
        returns (uint80 roundId, int256 answer, uint256 startedAt, uint256 updatedAt, uint80 answeredInRound)
    {
        return getRoundData(latestRoundId);
    }

    /// @notice The data of round `roundId`, as Chainlink's `getRoundData`.
    /// @dev Reverts with `RoundNotFound` for a round never written (Chainlink reverts with "No data present").
    function getRoundData(uint80 roundId)
        public
        view
        returns (uint80, int256 answer, uint256 startedAt, uint256 updatedAt, uint80 answeredInRound)
    {
        if (roundId == 0 || roundId > latestRoundId) revert RoundNotFound(roundId);
        Round storage round = _rounds[roundId];
        return (roundId, round.answer, round.startedAt, round.updatedAt, roundId);
    }

    /* INTERNAL */

    function _newRound(int256 answer, uint256 startedAt, uint256 updatedAt) internal {
        uint80 roundId = latestRoundId + 1;
        latestRoundId = roundId;
        if (
            answer > type(int128).max || answer < type(int128).min || startedAt > type(uint64).max
                || updatedAt > type(uint64).max
        ) revert ValueOutOfRange();
        // Safe: ranges checked just above.
        // forge-lint: disable-next-line(unsafe-typecast)
        _rounds[roundId] = Round({answer: int128(answer), startedAt: uint64(startedAt), updatedAt: uint64(updatedAt)});
        // Same order as Chainlink's aggregators: the round starts, then its answer lands.
        emit NewRound(roundId, msg.sender, startedAt);
        emit AnswerUpdated(answer, roundId, updatedAt);
    }
}
