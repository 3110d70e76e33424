// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Id, Market, MarketParams} from "../../../src/interfaces/ICantilever.sol";
import {ErrorsLib} from "../../../src/libraries/ErrorsLib.sol";
import {EventsLib} from "../../../src/libraries/EventsLib.sol";
import {MarketParamsLib} from "../../../src/libraries/MarketParamsLib.sol";
import {ERC20Mock} from "../../utils/mocks/ERC20Mock.sol";
import {CoreBase} from "./CoreBase.t.sol";

contract CreateMarketTest is CoreBase {
    using MarketParamsLib for MarketParams;

    function test_CreateMarket() public {
        _skip(1000);
        MarketParams memory mp = marketParams;
        mp.collateralToken = address(new ERC20Mock("Other collateral", "OTH", 18));
        Id newId = mp.id();
        assertEq(Id.unwrap(newId), keccak256(abi.encode(mp)), "id is keccak of abi.encode");

        vm.expectEmit(address(core));
        emit EventsLib.CreateMarket(newId, mp);
        vm.prank(makeAddr("Anyone")); // permissionless
        core.createMarket(mp);

        Market memory m = core.market(newId);
        assertEq(m.lastUpdate, block.timestamp, "lastUpdate");
        assertEq(m.totalSupplyAssets + m.totalSupplyShares + m.totalBorrowAssets + m.totalBorrowShares, 0, "empty");
        assertEq(m.fee, 0, "fee");
        assertEq(m.minDebt, 0, "minDebt");
        MarketParams memory stored = core.idToMarketParams(newId);
        assertEq(stored.loanToken, mp.loanToken, "loanToken");
        assertEq(stored.collateralToken, mp.collateralToken, "collateralToken");
        assertEq(stored.oracle, mp.oracle, "oracle");
        assertEq(stored.rateModel, mp.rateModel, "rateModel");
        assertEq(stored.lltv, mp.lltv, "lltv");
    }

    /// @dev Any oracle and any tokens that accept approve: only the rate model and the LLTV are gated (and the
    /// market's escrow must be able to approve the core, see EscrowTest).
    function testFuzz_CreateMarket(bool sameTokens, address oracle_) public {
        address collateral = sameTokens ? address(loanToken) : address(collateralToken);
        MarketParams memory mp = MarketParams(address(loanToken), collateral, oracle_, address(rateModel), LLTV);
        if (Id.unwrap(mp.id()) == Id.unwrap(id)) return;
        core.createMarket(mp);
        assertEq(core.market(mp.id()).lastUpdate, block.timestamp, "created");
    }

    function test_RevertWhen_CreateMarketRateModelNotEnabled() public {
        MarketParams memory mp = marketParams;
        mp.rateModel = makeAddr("Model");
        vm.expectRevert(ErrorsLib.RateModelNotEnabled.selector);
        core.createMarket(mp);
    }

    function testFuzz_RevertWhen_CreateMarketLltvNotEnabled(uint256 lltv) public {
        if (lltv == LLTV) lltv = 0;
        MarketParams memory mp = marketParams;
        mp.lltv = lltv;
        vm.expectRevert(ErrorsLib.LltvNotEnabled.selector);
        core.createMarket(mp);
    }

    function test_RevertWhen_CreateMarketAlreadyCreated() public {
        vm.expectRevert(ErrorsLib.MarketAlreadyCreated.selector);
        core.createMarket(marketParams);
    }

    function test_IdToMarketParams_UnknownIdIsZero() public view {
        MarketParams memory mp = core.idToMarketParams(Id.wrap(bytes32(uint256(1))));
        assertEq(mp.loanToken, address(0), "loanToken");
        assertEq(mp.lltv, 0, "lltv");
    }
}
