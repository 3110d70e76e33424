// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {OwnerFeed} from "../../../src/oracles/OwnerFeed.sol";
import {Test} from "../../utils/Test.sol";

contract OwnerFeedTest is Test {
    event AnswerUpdated(int256 indexed current, uint256 indexed roundId, uint256 updatedAt);
    event NewRound(uint256 indexed roundId, address indexed startedBy, uint256 startedAt);
    event OwnershipTransferred(address indexed previousOwner, address indexed newOwner);

    uint256 internal constant START = 1_700_000_000; // Seconds.

    address internal owner = makeAddr("owner");
    OwnerFeed internal feed;

    function setUp() public {
        vm.warp(START);
        feed = new OwnerFeed(8, "ETH / USD", 3000e8, owner);
    }

    function test_Constructor() public view {
        assertEq(uint256(feed.decimals()), 8, "decimals");
        assertEq(keccak256(bytes(feed.description())), keccak256("ETH / USD"), "description");
        assertEq(feed.version(), 1, "version");
        assertEq(feed.owner(), owner, "owner");
        assertEq(uint256(feed.latestRoundId()), 1, "latestRoundId");
        (uint80 roundId, int256 answer, uint256 startedAt, uint256 updatedAt, uint80 answeredInRound) =
            feed.latestRoundData();
        assertEq(uint256(roundId), 1, "roundId");
        assertEq(answer, 3000e8, "answer");
        assertEq(startedAt, START, "startedAt");
        assertEq(updatedAt, START, "updatedAt");
        assertEq(uint256(answeredInRound), 1, "answeredInRound");
    }

    function test_Constructor_EmitsEvents() public {
        vm.expectEmit();
        emit OwnershipTransferred(address(0), owner);
        vm.expectEmit();
        emit NewRound(1, address(this), START);
        vm.expectEmit();
        emit AnswerUpdated(5e8, 1, START);
        new OwnerFeed(8, "X / USD", 5e8, owner);
    }

    function test_SetAnswer() public {
        vm.warp(START + 60);
        vm.prank(owner);
        feed.setAnswer(3100e8);

        (uint80 roundId, int256 answer, uint256 startedAt, uint256 updatedAt, uint80 answeredInRound) =
            feed.latestRoundData();
        assertEq(uint256(roundId), 2, "roundId");
        assertEq(answer, 3100e8, "answer");
        assertEq(startedAt, START + 60, "startedAt");
        assertEq(updatedAt, START + 60, "updatedAt");
        assertEq(uint256(answeredInRound), 2, "answeredInRound");
    }

    function test_SetAnswer_EmitsChainlinkEvents() public {
        vm.warp(START + 60);
        vm.expectEmit();
        emit NewRound(2, owner, START + 60);
        vm.expectEmit();
        emit AnswerUpdated(-1, 2, START + 60);
        vm.prank(owner);
        feed.setAnswer(-1);
    }

    function test_SetRoundData() public {
        vm.expectEmit();
        emit NewRound(2, owner, 7);
        vm.expectEmit();
        emit AnswerUpdated(1, 2, START + 1 days);
        vm.prank(owner);
        feed.setRoundData(1, 7, START + 1 days);

        (uint80 roundId, int256 answer, uint256 startedAt, uint256 updatedAt,) = feed.latestRoundData();
        assertEq(uint256(roundId), 2, "roundId");
        assertEq(answer, 1, "answer");
        assertEq(startedAt, 7, "startedAt");
        assertEq(updatedAt, START + 1 days, "updatedAt");
    }

    function test_GetRoundData_KeepsHistory() public {
        vm.startPrank(owner);
        for (uint256 i = 1; i <= 5; i++) {
            vm.warp(START + i * 100);
            // forge-lint: disable-next-line(unsafe-typecast)
            feed.setAnswer(int256(i) * 1e8);
        }
        vm.stopPrank();

        assertEq(uint256(feed.latestRoundId()), 6, "latestRoundId");
        (uint80 roundId, int256 answer, uint256 startedAt, uint256 updatedAt, uint80 answeredInRound) =
            feed.getRoundData(1);
        assertEq(uint256(roundId), 1, "round 1 id");
        assertEq(answer, 3000e8, "round 1 answer");
        assertEq(startedAt, START, "round 1 startedAt");
        assertEq(updatedAt, START, "round 1 updatedAt");
        assertEq(uint256(answeredInRound), 1, "round 1 answeredInRound");
        for (uint80 r = 2; r <= 6; r++) {
            (roundId, answer,, updatedAt,) = feed.getRoundData(r);
            assertEq(uint256(roundId), r, "roundId");
            assertEq(answer, int256(uint256(r) - 1) * 1e8, "answer");
            assertEq(updatedAt, START + (r - 1) * 100, "updatedAt");
        }
    }

    function testFuzz_SetAnswer(int128 answer, uint256 timestamp) public {
        timestamp = bound(timestamp, START, type(uint64).max);
        vm.warp(timestamp);
        vm.prank(owner);
        feed.setAnswer(answer);
        (uint80 roundId, int256 got,, uint256 updatedAt,) = feed.latestRoundData();
        assertEq(uint256(roundId), 2, "roundId");
        assertEq(got, answer, "answer");
        assertEq(updatedAt, timestamp, "updatedAt");
    }

    function test_RevertWhen_AnswerDoesNotFitRound() public {
        vm.prank(owner);
        vm.expectRevert(OwnerFeed.ValueOutOfRange.selector);
        feed.setAnswer(int256(type(int128).max) + 1);
    }

    function test_TransferOwnership() public {
        address newOwner = makeAddr("newOwner");
        vm.expectEmit();
        emit OwnershipTransferred(owner, newOwner);
        vm.prank(owner);
        feed.transferOwnership(newOwner);
        assertEq(feed.owner(), newOwner, "owner");

        vm.prank(newOwner);
        feed.setAnswer(1);
        vm.prank(owner);
        vm.expectRevert(abi.encodeWithSelector(OwnerFeed.NotOwner.selector, owner));
        feed.setAnswer(2);
    }

    function test_RevertWhen_SetAnswerNotOwner() public {
        vm.expectRevert(abi.encodeWithSelector(OwnerFeed.NotOwner.selector, address(this)));
        feed.setAnswer(1);
    }

    function test_RevertWhen_SetRoundDataNotOwner() public {
        vm.expectRevert(abi.encodeWithSelector(OwnerFeed.NotOwner.selector, address(this)));
        feed.setRoundData(1, 1, 1);
    }

    function test_RevertWhen_TransferOwnershipNotOwner() public {
        vm.expectRevert(abi.encodeWithSelector(OwnerFeed.NotOwner.selector, address(this)));
        feed.transferOwnership(address(this));
    }

    function test_RevertWhen_TransferOwnershipToZero() public {
        vm.prank(owner);
        vm.expectRevert(OwnerFeed.ZeroAddress.selector);
        feed.transferOwnership(address(0));
    }

    function test_RevertWhen_ConstructorOwnerZero() public {
        vm.expectRevert(OwnerFeed.ZeroAddress.selector);
        new OwnerFeed(8, "ETH / USD", 1, address(0));
    }

    function test_RevertWhen_GetRoundDataUnknownRound() public {
        vm.expectRevert(abi.encodeWithSelector(OwnerFeed.RoundNotFound.selector, uint80(0)));
        feed.getRoundData(0);
        vm.expectRevert(abi.encodeWithSelector(OwnerFeed.RoundNotFound.selector, uint80(2)));
        feed.getRoundData(2);
    }
}
