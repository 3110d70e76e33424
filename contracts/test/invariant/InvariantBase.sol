// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ICantilever, Id, Market, MarketParams, Position} from "../../src/interfaces/ICantilever.sol";
import {ConstantsLib} from "../../src/libraries/ConstantsLib.sol";
import {MarketParamsLib} from "../../src/libraries/MarketParamsLib.sol";
import {Test} from "../utils/Test.sol";
import {ERC20Mock} from "../utils/mocks/ERC20Mock.sol";
import {CantileverHandler} from "./handlers/CantileverHandler.sol";

/// @notice The invariants both suites check after every handler call, grouped by theme (each invariant_ function
/// is a campaign of its own, so fewer of them keep the suites fast); property ids are in
/// contracts/test/PROPERTIES.md. The per-action properties are asserted inside the handler.
abstract contract InvariantBase is Test {
    using MarketParamsLib for MarketParams;

    uint256 internal constant N_MARKETS = 3;
    /// @dev Ten actors and the fee recipient.
    uint256 internal constant N_USERS = 11;
    uint256 internal constant N_TOKENS = 3;
    /// @dev A large borrow (loan token units): 1e12 tokens of 18 decimals.
    uint256 internal constant MAX_BORROW = 1e30;

    CantileverHandler internal handler;
    ICantilever internal core;
    // Cached from the handler: invariants run after every call.
    MarketParams[N_MARKETS] internal params;
    Id[N_MARKETS] internal ids;
    address[N_USERS] internal users;
    ERC20Mock[N_TOKENS] internal tokens;
    uint256[N_MARKETS] internal loanIdx;
    uint256[N_MARKETS] internal collIdx;
    address[N_MARKETS] internal escrows;
    /// @dev Everyone the suites know of but the core.
    address[] internal others;

    function setUp() public virtual {
        handler = new CantileverHandler();
        core = handler.core();
        require(handler.nMarkets() == N_MARKETS && handler.nUsers() == N_USERS && handler.nTokens() == N_TOKENS);
        for (uint256 i; i < N_MARKETS; ++i) {
            params[i] = handler.marketParams(i);
            ids[i] = handler.id(i);
            loanIdx[i] = handler.loanIdx(i);
            collIdx[i] = handler.collIdx(i);
            escrows[i] = handler.escrow(i);
        }
        others = handler.others();
        for (uint256 u; u < N_USERS; ++u) {
            users[u] = handler.user(u);
        }
        for (uint256 t; t < N_TOKENS; ++t) {
            tokens[t] = handler.token(t);
        }

        // Seed every market through the handler (so the ghosts and per-action checks see it): Alice lends,
        // Bob borrows half his collateral's worth, Carol borrows as much as she can.
        for (uint256 i; i < N_MARKETS; ++i) {
            uint256 coll = i == 2 ? 1e10 : 1e22; // 1e4 tokens either way (SIX has 6 decimals)
            handler.supplyAssets(0, i, 1e22);
            handler.supplyCollateral(1, i, coll);
            handler.borrow(1, i, 0.5e22);
            handler.supplyCollateral(2, i, coll / 10);
            handler.borrow(2, i, type(uint256).max); // bound() maps it to the largest valid borrow
        }
        // The seven other actors: a borrower each at 40% to 100% of the largest borrow, spread over the markets,
        // so the liquidator finds several positions (and the batch several markets) once prices move.
        for (uint256 a = 3; a < N_USERS - 1; ++a) {
            uint256 i = a % N_MARKETS;
            uint256 coll = i == 2 ? 1e9 : 1e21;
            handler.supplyCollateral(a, i, coll);
            handler.borrow(a, i, coll * a / 10 * (i == 2 ? 1e12 : 1));
        }

        targetContract(address(handler));
        targetSelector(FuzzSelector({addr: address(handler), selectors: _selectors()}));
    }

    /// @dev The handler actions this suite fuzzes.
    function _selectors() internal view virtual returns (bytes4[] memory);

    /// @dev The suite's own position properties.
    function _checkPositions() internal view virtual;

    /// @dev forge may reset the block env between calls: read state at the handler's clock.
    modifier synced() {
        vm.warp(handler.time());
        vm.roll(handler.blockNumber());
        _;
    }

    /// @notice P-01, P-02, P-03, P-06: shares and collateral add up, each escrow's balances are exactly the amounts
    /// its market's calls reported (plus donations to it), and the core's are exactly the donations to it.
    function invariant_Accounting() public synced {
        for (uint256 i; i < N_MARKETS; ++i) {
            uint256 supplyShares;
            uint256 borrowShares;
            uint256 collateral;
            for (uint256 u; u < N_USERS; ++u) {
                Position memory p = core.position(ids[i], users[u]);
                supplyShares += p.supplyShares;
                borrowShares += p.borrowShares;
                collateral += p.collateral;
            }
            Market memory m = core.market(ids[i]);
            _eq(supplyShares, m.totalSupplyShares, "P-01: supply shares != sum of users' supply shares");
            _eq(borrowShares, m.totalBorrowShares, "P-02: borrow shares != sum of users' borrow shares");
            _eq(collateral, handler.ghostCollateral(i), "P-03: collateral != supplied - withdrawn - seized");
        }
        for (uint256 t; t < N_TOKENS; ++t) {
            for (uint256 i; i < N_MARKETS; ++i) {
                _eq(tokens[t].balanceOf(escrows[i]), handler.ghostEscrow(i, t), "P-06: escrow balance != its flows");
            }
            _eq(tokens[t].balanceOf(address(core)), handler.ghostCore(t), "P-06: core balance != donations");
        }
    }

    /// @notice P-04, P-05: a market never lends more than is supplied (stored or accrued to now), and each market's
    /// escrow holds at least what that market owes in each token: supply minus borrow of its loan token, all its
    /// collateral of its collateral token. Per market, not per token: no market's custody covers another's.
    function invariant_Solvency() public synced {
        for (uint256 i; i < N_MARKETS; ++i) {
            uint256[N_TOKENS] memory owed;
            Market memory m = core.market(ids[i]);
            _ge(m.totalSupplyAssets, m.totalBorrowAssets, "P-04: borrow above supply");
            owed[loanIdx[i]] += m.totalSupplyAssets - m.totalBorrowAssets;
            for (uint256 u; u < N_USERS; ++u) {
                owed[collIdx[i]] += core.position(ids[i], users[u]).collateral;
            }
            m = core.expectedMarket(params[i]);
            _ge(m.totalSupplyAssets, m.totalBorrowAssets, "P-04: accrued borrow above supply");
            for (uint256 t; t < N_TOKENS; ++t) {
                _ge(tokens[t].balanceOf(escrows[i]), owed[t], "P-05: escrow balance below its market's obligations");
            }
        }
    }

    /// @notice P-36, P-37: each market's escrow is deployed at the CREATE2 address of its id (the core's init code
    /// hash: the escrow's bytecode depends on the core's compiler settings), all with the same code; the core holds
    /// the maximum allowance on the market's two tokens and on nothing else, and nobody else holds any allowance
    /// from an escrow: only the core can move an escrow's tokens.
    function invariant_Custody() public view {
        bytes32 initCodeHash = core.ESCROW_INIT_CODE_HASH();
        bytes32 runtime = keccak256(escrows[0].code);
        for (uint256 i; i < N_MARKETS; ++i) {
            bytes32 h = keccak256(abi.encodePacked(bytes1(0xff), address(core), Id.unwrap(ids[i]), initCodeHash));
            _ok(escrows[i] == address(uint160(uint256(h))), "P-37: escrow is not at the CREATE2 address of its id");
            _ok(escrows[i].code.length > 0 && keccak256(escrows[i].code) == runtime, "P-37: escrow code differs");
            for (uint256 t; t < N_TOKENS; ++t) {
                bool own = t == loanIdx[i] || t == collIdx[i];
                _eq(
                    tokens[t].allowance(escrows[i], address(core)),
                    own ? type(uint256).max : 0,
                    "P-36: the core's allowance from an escrow is not max on its tokens and zero elsewhere"
                );
                for (uint256 k; k < others.length; ++k) {
                    _eq(tokens[t].allowance(escrows[i], others[k]), 0, "P-36: an escrow approved someone else");
                }
            }
        }
    }

    /// @notice P-13 and the suite's own position properties (static: P-08; dynamic: P-11).
    function invariant_Positions() public synced {
        for (uint256 i; i < N_MARKETS; ++i) {
            for (uint256 u; u < N_USERS; ++u) {
                Position memory p = core.position(ids[i], users[u]);
                if (p.collateral == 0) _eq(p.borrowShares, 0, "P-13: debt without collateral");
            }
        }
        _checkPositions();
    }

    /// @notice P-23, P-25, P-26, P-31: markets exist with lastUpdate not ahead of the clock, fees at most
    /// MAX_FEE, borrow shares without borrow assets are dust only, and stored params hash to the id.
    function invariant_Markets() public synced {
        for (uint256 i; i < N_MARKETS; ++i) {
            Market memory m = core.market(ids[i]);
            _ok(m.lastUpdate > 0, "P-23: market vanished");
            _le(m.lastUpdate, block.timestamp, "P-23: lastUpdate ahead of the clock");
            _le(m.fee, ConstantsLib.MAX_FEE, "P-25: fee above MAX_FEE");
            // totalBorrowShares == 0 iff totalBorrowAssets == 0 fails both ways by rounding (see
            // test_RepayAllButOneShareLeavesSharesWithoutAssets, test_LastRepayLeavesResidualBorrowAssets). What must
            // hold: shares left without assets are dust, so the next borrow (priced at assets * (shares + 1e6) / 1)
            // still fits in uint128 and the market cannot be bricked.
            if (m.totalBorrowAssets == 0) {
                _le(
                    (uint256(m.totalBorrowShares) + 1e6) * MAX_BORROW,
                    type(uint128).max,
                    "P-26: borrow shares without assets would brick borrowing"
                );
            }
            _ok(Id.unwrap(core.idToMarketParams(ids[i]).id()) == Id.unwrap(ids[i]), "P-31: stored params != id");
        }
    }

    // Assertions that reach the cheatcode (and encode the message) only when they fail.

    function _ok(bool c, string memory err) internal pure {
        if (!c) assertTrue(c, err);
    }

    function _eq(uint256 a, uint256 b, string memory err) internal pure {
        if (a != b) assertEq(a, b, err);
    }

    function _le(uint256 a, uint256 b, string memory err) internal pure {
        if (a > b) assertLe(a, b, err);
    }

    function _ge(uint256 a, uint256 b, string memory err) internal pure {
        if (a < b) assertGe(a, b, err);
    }
}
