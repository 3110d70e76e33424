// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ICantileverFlashLoanCallback} from "../../../src/interfaces/ICallbacks.sol";
import {
    ICantilever,
    Id,
    Liquidation,
    LiquidationRequest,
    LiquidationStatus,
    Market,
    MarketParams,
    Position
} from "../../../src/interfaces/ICantilever.sol";
import {JumpRateModel} from "../../../src/irm/JumpRateModel.sol";
import {ConstantsLib} from "../../../src/libraries/ConstantsLib.sol";
import {ErrorsLib} from "../../../src/libraries/ErrorsLib.sol";
import {MarketParamsLib} from "../../../src/libraries/MarketParamsLib.sol";
import {MathLib} from "../../../src/libraries/MathLib.sol";
import {SharesMathLib} from "../../../src/libraries/SharesMathLib.sol";
import {UtilsLib} from "../../../src/libraries/UtilsLib.sol";
import {Test} from "../../utils/Test.sol";
import {ERC20Mock} from "../../utils/mocks/ERC20Mock.sol";
import {OracleMock} from "../../utils/mocks/OracleMock.sol";

/// @notice Drives a Cantilever core with three markets, three actors and one liquidator, for the static and the
/// dynamic invariant suites (see contracts/test/PROPERTIES.md for the property ids checked here).
/// Every action bounds its inputs, mirrors the core's share math to call only what is valid, and never reverts:
/// with `fail_on_revert = true` a revert is a failure (a broken per-action property, or a core revert the model
/// says cannot happen). No try/catch anywhere; the only expected reverts go through `vm.expectRevert`.
///
/// Markets (see the constructor):
/// - 0: LOAN lent against COLL, LLTV 80%, fee 10%.
/// - 1: same tokens as 0, LLTV 94.5%, no fee, its own oracle: cross-market independence on shared tokens.
/// - 2: COLL lent against a 6-decimal token, LLTV 80%, fee 25% (MAX_FEE), minDebt 10 COLL, another rate model.
///
/// Every action runs inside `_before`/`_after`, which snapshot all markets, escrows and positions and check the
/// per-action properties (P-05, P-07, P-08, P-09, P-21, P-22, P-23, P-27, P-34).
contract CantileverHandler is Test, ICantileverFlashLoanCallback {
    using MarketParamsLib for MarketParams;
    using MathLib for uint256;
    using SharesMathLib for uint256;
    using UtilsLib for uint256;

    /* CONSTANTS */

    uint256 internal constant N_MARKETS = 3;
    uint256 internal constant N_TOKENS = 3;
    uint256 internal constant N_ACTORS = 10;
    /// @dev Actors plus the fee recipient: every address that can hold a position.
    uint256 internal constant N_USERS = N_ACTORS + 1;
    /// @dev Storage slots that may change for one market: 3 of Market, 2 of Position per user.
    uint256 internal constant N_SLOTS = 3 + 2 * N_USERS;
    uint256 internal constant NONE = type(uint256).max;

    /// @dev Storage layout of Cantilever (`forge inspect Cantilever storageLayout`), pinned by
    /// test_StorageLayoutPinned.
    uint256 public constant MARKET_SLOT = 5;
    uint256 public constant POSITION_SLOT = 6;
    /// @dev Storage layout of ERC20Mock: the balanceOf and allowance mappings (checked in the constructor).
    uint256 internal constant BALANCE_SLOT = 3;
    uint256 internal constant ALLOWANCE_SLOT = 4;
    /// @dev Token slots of one escrow: its balance and the core's allowance, per token.
    uint256 internal constant N_ESCROW_SLOTS = 2 * N_TOKENS;

    /// @dev Largest loan-token amount per action (token units, 18 decimals).
    uint256 internal constant MAX_LOAN = 1e24;
    /// @dev Price moves per step (bps of the current price) and the band around the base price.
    uint256 internal constant MIN_MOVE_BPS = 5_000;
    uint256 internal constant MAX_MOVE_BPS = 15_000;
    uint256 internal constant PRICE_BAND = 20;
    /// @dev Longest single time jump (seconds).
    uint256 internal constant MAX_WARP = 30 days;

    uint256 internal constant MIN_DEBT_2 = 10e18; // COLL units.

    /* TYPES */

    /// @dev What an action may change: a lending or liquidation action or an owner call touches one market; a
    /// neutral one (flash loan, donation, theft attempt), a price move or a time jump writes no core storage. A
    /// neutral action names the market whose escrow it touches, if any.
    enum Kind {
        Lending,
        Liquidation,
        Owner,
        Neutral,
        Price,
        Time
    }

    struct Ctx {
        Kind kind;
        uint256 market;
        /// @dev The position the action acts on (its own borrower, or the liquidated one), if any.
        address actor;
        bool badDebt;
    }

    struct PosSnap {
        uint256 supplyShares;
        uint256 borrowShares;
        uint256 collateral;
        /// @dev Debt with interest accrued to now (rounded up, as the core values it).
        uint256 debt;
        bool healthy;
    }

    /// @dev Before/after an action: every market's stored totals, every escrow's balances and its market's
    /// obligations, the core's own balances, and in full (accrued totals, price, positions) only the acting market:
    /// P-22 and P-34 already prove no other market's storage is touched, and P-21 compares their totals.
    struct Snap {
        Market[N_MARKETS] raw;
        /// @dev Accrued to now: the acting market's, or every market's after a time jump.
        Market[N_MARKETS] exp;
        uint256 price;
        PosSnap[N_USERS] pos;
        /// @dev Each escrow's balance of each token.
        uint256[N_TOKENS][N_MARKETS] escrow;
        /// @dev What each market owes in each token: supply - borrow of its loan token, its collateral.
        uint256[N_TOKENS][N_MARKETS] owed;
        /// @dev The core's own balances (donations only).
        uint256[N_TOKENS] core;
    }

    /// @dev A liquidation's inputs and the state it starts from.
    struct Liq {
        uint256 market;
        address borrower;
        uint256 mode;
        uint256 maxRepay;
        uint256 price;
        Market m;
        uint256 bs;
        uint256 coll;
        uint256 debt;
        uint256 liqLoan;
        uint256 liqColl;
    }

    /* WORLD */

    /// @dev Deployed from its artifact rather than imported: importing the core would put the handler (and both
    /// suites) through the core's via-IR pipeline (compilation_restrictions), slower to compile and out of stack
    /// slots for the handler.
    ICantilever public immutable core;
    address public immutable OWNER;
    address public immutable FEE_RECIPIENT;
    address public immutable LIQUIDATOR;

    address[N_ACTORS] internal _actors;
    address[N_USERS] internal _users;
    ERC20Mock[N_TOKENS] internal _tokens;
    MarketParams[N_MARKETS] internal _params;
    Id[N_MARKETS] internal _ids;
    OracleMock[N_MARKETS] internal _oracles;
    uint256[N_MARKETS] internal _basePrice;
    uint256[N_MARKETS] internal _maxCollateral;
    uint256[N_MARKETS] internal _loanIdx;
    uint256[N_MARKETS] internal _collIdx;
    bytes32[N_SLOTS][N_MARKETS] internal _slots;
    /// @dev Each of those slots' market, plus one (0: no market's).
    mapping(bytes32 => uint256) internal _slotMarket;
    address[N_MARKETS] internal _escrows;
    /// @dev Per market and token, the escrow's balance slot (2t) and the core's allowance slot (2t + 1).
    bytes32[N_ESCROW_SLOTS][N_MARKETS] internal _escrowSlots;

    /* GHOSTS */

    /// @dev Block time and number, re-applied at the start of every action (forge may reset the env).
    uint256 public time;
    uint256 public blockNumber;
    /// @dev What each escrow's balance of each token must be: every amount its market's calls reported, plus
    /// donations to it.
    uint256[N_TOKENS][N_MARKETS] internal _ghostEscrow;
    /// @dev What the core's own balance of each token must be: donations straight to the core, nothing else.
    uint256[N_TOKENS] internal _ghostCore;
    /// @dev Collateral supplied minus withdrawn minus seized, per market.
    uint256[N_MARKETS] internal _ghostCollateral;

    uint256 public skips;
    uint256 public liquidations;
    uint256 public partialLiquidations;
    uint256 public fullLiquidations;
    uint256 public badDebtLiquidations;
    /// @dev Liquidations by band (see P-12): A (debt x incentive < collateral value) that left the position open,
    /// B (pro rata: solvent but the bonus exceeds the equity), C (bad debt: collateral worth less than the debt).
    uint256 public bandAPartial;
    uint256 public bandBProRata;
    uint256 public bandCBadDebt;
    /// @dev `batchLiquidate` actions that liquidated at least one of their requests, and the items they liquidated.
    uint256 public batchLiquidations;
    uint256 public batchItemsLiquidated;
    /// @dev Batches whose liquidated items spanned two markets or more.
    uint256 public batchMultiMarket;
    /// @dev `splitLiquidate` actions whose slices were compared with one liquidation of the same total (P-40).
    uint256 public splitLiquidations;
    /// @dev Ghost of P-40: collateral the slices earned above one liquidation of the same total, summed over the
    /// campaign (`invariant_SplitNeverPaysMore` asserts it stays zero).
    uint256 public ghostSplitExcess;
    uint256 public healthyRejected;
    uint256 public tooSmallRejected;
    uint256 public flashLoans;
    uint256 public donations;
    uint256 public theftAttempts;

    /// @dev Set during `batchLiquidate` only: the markets its requests name (bit i) and the positions its liquidated
    /// items act on (bit i * N_USERS + u), which `_after` and `_checkAccesses` treat as the acting market and actor.
    uint256 internal _batchMarkets;
    uint256 internal _batchPositions;
    /// @dev The position the last `priceToLtv` priced, which half the `liquidate` calls go after (once set).
    uint256 internal _targetMarket;
    address internal _targetBorrower;

    /// @dev Set during a flash loan: the lending escrow's balance before it.
    uint256 internal _flashBalance;
    address internal _flashToken;
    address internal _flashEscrow;

    constructor() {
        OWNER = makeAddr("Owner");
        FEE_RECIPIENT = makeAddr("FeeRecipient");
        LIQUIDATOR = makeAddr("Liquidator");
        _actors[0] = makeAddr("Alice");
        _actors[1] = makeAddr("Bob");
        _actors[2] = makeAddr("Carol");
        for (uint256 a = 3; a < N_ACTORS; ++a) {
            _actors[a] = makeAddr(string.concat("Actor", vm.toString(a)));
        }
        for (uint256 a; a < N_ACTORS; ++a) {
            _users[a] = _actors[a];
        }
        _users[N_ACTORS] = FEE_RECIPIENT;

        core = ICantilever(vm.deployCode("Cantilever.sol:Cantilever", abi.encode(OWNER)));
        _tokens[0] = new ERC20Mock("Loan", "LOAN", 18);
        _tokens[1] = new ERC20Mock("Collateral", "COLL", 18);
        _tokens[2] = new ERC20Mock("Six", "SIX", 6);
        // Per year: 2% base, 10% at the 80% kink, 300% jump slope; and 5% / 50% at 90% / 500%.
        JumpRateModel rm0 = new JumpRateModel(0.02e18, 0.1e18, 3e18, 0.8e18);
        JumpRateModel rm1 = new JumpRateModel(0.05e18, 0.5e18, 5e18, 0.9e18);

        vm.startPrank(OWNER);
        core.setFeeRecipient(FEE_RECIPIENT);
        core.enableRateModel(address(rm0));
        core.enableRateModel(address(rm1));
        core.enableLltv(0.8e18);
        core.enableLltv(0.945e18);
        vm.stopPrank();

        _addMarket(0, 0, 1, address(rm0), 0.8e18, 1e36, MAX_LOAN);
        _addMarket(1, 0, 1, address(rm0), 0.945e18, 1e36, MAX_LOAN);
        // 1 SIX (1e6 units) = 1 COLL (1e18 units): 1 SIX unit = 1e12 COLL units.
        _addMarket(2, 1, 2, address(rm1), 0.8e18, 1e48, 1e12);

        vm.startPrank(OWNER);
        core.setFee(_params[0], 0.1e18);
        core.setFee(_params[2], ConstantsLib.MAX_FEE);
        core.setMinDebt(_params[2], MIN_DEBT_2);
        vm.stopPrank();

        _pinTokenLayout();
        _approveAll(address(this));
        _approveAll(LIQUIDATOR);
        for (uint256 a; a < N_ACTORS; ++a) {
            _approveAll(_actors[a]);
        }
        time = block.timestamp;
        blockNumber = block.number;
    }

    function _addMarket(
        uint256 i,
        uint256 loanTokenIdx,
        uint256 collTokenIdx,
        address rateModel,
        uint256 lltv,
        uint256 price,
        uint256 maxCollateral
    ) internal {
        _oracles[i] = new OracleMock();
        _oracles[i].setPrice(price);
        _basePrice[i] = price;
        _maxCollateral[i] = maxCollateral;
        _loanIdx[i] = loanTokenIdx;
        _collIdx[i] = collTokenIdx;
        _params[i] = MarketParams({
            loanToken: address(_tokens[loanTokenIdx]),
            collateralToken: address(_tokens[collTokenIdx]),
            oracle: address(_oracles[i]),
            rateModel: rateModel,
            lltv: lltv
        });
        _ids[i] = _params[i].id();
        core.createMarket(_params[i]);
        _escrows[i] = core.escrowOf(_ids[i]);
        for (uint256 t; t < N_TOKENS; ++t) {
            _escrowSlots[i][2 * t] = keccak256(abi.encode(_escrows[i], BALANCE_SLOT));
            _escrowSlots[i][2 * t + 1] =
                keccak256(abi.encode(address(core), keccak256(abi.encode(_escrows[i], ALLOWANCE_SLOT))));
        }

        bytes32 marketBase = keccak256(abi.encode(_ids[i], MARKET_SLOT));
        bytes32 positionBase = keccak256(abi.encode(_ids[i], POSITION_SLOT));
        for (uint256 k; k < 3; ++k) {
            _slots[i][k] = bytes32(uint256(marketBase) + k);
            _slotMarket[_slots[i][k]] = i + 1;
        }
        for (uint256 u; u < N_USERS; ++u) {
            bytes32 p = keccak256(abi.encode(_users[u], positionBase));
            _slots[i][3 + 2 * u] = p;
            _slots[i][4 + 2 * u] = bytes32(uint256(p) + 1);
            _slotMarket[p] = i + 1;
            _slotMarket[bytes32(uint256(p) + 1)] = i + 1;
        }
    }

    /// @dev The slots computed in `_addMarket` are ERC20Mock's: the escrows' allowance to the core is where
    /// ALLOWANCE_SLOT says, and a balance lands where BALANCE_SLOT says.
    function _pinTokenLayout() internal {
        for (uint256 i; i < N_MARKETS; ++i) {
            uint256 t = _loanIdx[i];
            require(uint256(vm.load(address(_tokens[t]), _escrowSlots[i][2 * t + 1])) == type(uint256).max, "layout");
        }
        address probe = makeAddr("LayoutProbe");
        _tokens[0].mint(probe, 1);
        require(uint256(vm.load(address(_tokens[0]), keccak256(abi.encode(probe, BALANCE_SLOT)))) == 1, "layout");
        _tokens[0].setBalance(probe, 0);
    }

    function _approveAll(address account) internal {
        vm.startPrank(account);
        for (uint256 t; t < N_TOKENS; ++t) {
            _tokens[t].approve(address(core), type(uint256).max);
        }
        vm.stopPrank();
    }

    /* VIEWS FOR THE SUITES */

    function marketParams(uint256 i) external view returns (MarketParams memory) {
        return _params[i];
    }

    function id(uint256 i) external view returns (Id) {
        return _ids[i];
    }

    function user(uint256 u) external view returns (address) {
        return _users[u];
    }

    function token(uint256 t) external view returns (ERC20Mock) {
        return _tokens[t];
    }

    function oracle(uint256 i) external view returns (OracleMock) {
        return _oracles[i];
    }

    function loanIdx(uint256 i) external view returns (uint256) {
        return _loanIdx[i];
    }

    function collIdx(uint256 i) external view returns (uint256) {
        return _collIdx[i];
    }

    function escrow(uint256 i) external view returns (address) {
        return _escrows[i];
    }

    function ghostEscrow(uint256 i, uint256 t) external view returns (uint256) {
        return _ghostEscrow[i][t];
    }

    function ghostCore(uint256 t) external view returns (uint256) {
        return _ghostCore[t];
    }

    /// @notice Everyone the suites know of, but the core: none of them may hold an allowance from an escrow.
    function others() external view returns (address[] memory a) {
        a = new address[](N_USERS + 3);
        for (uint256 u; u < N_USERS; ++u) {
            a[u] = _users[u];
        }
        a[N_USERS] = LIQUIDATOR;
        a[N_USERS + 1] = OWNER;
        a[N_USERS + 2] = address(this);
    }

    function ghostCollateral(uint256 i) external view returns (uint256) {
        return _ghostCollateral[i];
    }

    function nMarkets() external pure returns (uint256) {
        return N_MARKETS;
    }

    function nUsers() external pure returns (uint256) {
        return N_USERS;
    }

    function nTokens() external pure returns (uint256) {
        return N_TOKENS;
    }

    /// @notice Healthy as the core defines it: debt (rounded up) <= collateral value (down) * LLTV (down).
    function isHealthy(uint256 i, Market memory m, uint256 borrowShares, uint256 collateral, uint256 price)
        public
        view
        returns (bool)
    {
        if (borrowShares == 0) return true;
        uint256 debt = borrowShares.toAssetsUp(m.totalBorrowAssets, m.totalBorrowShares);
        return debt <= collateral.mulDivDown(price, ConstantsLib.ORACLE_PRICE_SCALE).wMulDown(_params[i].lltv);
    }

    /* ACTIONS: LENDING */

    modifier sync() {
        vm.warp(time);
        vm.roll(blockNumber);
        _;
    }

    function supplyAssets(uint256 actorSeed, uint256 marketSeed, uint256 assets) external sync {
        (uint256 i, address who) = _pick(marketSeed, actorSeed);
        assets = bound(assets, 1, MAX_LOAN);
        Market memory m = core.expectedMarket(_params[i]);
        uint256 shares = assets.toSharesDown(m.totalSupplyAssets, m.totalSupplyShares);
        if (shares == 0) return _skip();
        _supply(i, who, assets, shares, false);
    }

    function supplyShares(uint256 actorSeed, uint256 marketSeed, uint256 shares) external sync {
        (uint256 i, address who) = _pick(marketSeed, actorSeed);
        Market memory m = core.expectedMarket(_params[i]);
        uint256 maxShares = MAX_LOAN.toSharesDown(m.totalSupplyAssets, m.totalSupplyShares);
        if (maxShares == 0) return _skip();
        shares = bound(shares, 1, maxShares);
        _supply(i, who, shares.toAssetsUp(m.totalSupplyAssets, m.totalSupplyShares), shares, true);
    }

    function withdrawAssets(uint256 actorSeed, uint256 marketSeed, uint256 assets) external sync {
        (uint256 i, address who) = _pick(marketSeed, actorSeed);
        uint256 userShares = core.position(_ids[i], who).supplyShares;
        Market memory m = core.expectedMarket(_params[i]);
        uint256 maxAssets = UtilsLib.min(
            userShares.toAssetsDown(m.totalSupplyAssets, m.totalSupplyShares), m.totalSupplyAssets - m.totalBorrowAssets
        );
        if (maxAssets == 0) return _skip();
        assets = bound(assets, 1, maxAssets);
        _withdraw(i, who, assets, assets.toSharesUp(m.totalSupplyAssets, m.totalSupplyShares), false);
    }

    function withdrawShares(uint256 actorSeed, uint256 marketSeed, uint256 shares) external sync {
        (uint256 i, address who) = _pick(marketSeed, actorSeed);
        uint256 userShares = core.position(_ids[i], who).supplyShares;
        if (userShares == 0) return _skip();
        Market memory m = core.expectedMarket(_params[i]);
        shares = bound(shares, 1, userShares);
        uint256 liquidity = m.totalSupplyAssets - m.totalBorrowAssets;
        if (shares.toAssetsDown(m.totalSupplyAssets, m.totalSupplyShares) > liquidity) {
            shares = liquidity.toSharesDown(m.totalSupplyAssets, m.totalSupplyShares);
            if (shares == 0) return _skip();
        }
        _withdraw(i, who, shares.toAssetsDown(m.totalSupplyAssets, m.totalSupplyShares), shares, true);
    }

    function borrow(uint256 actorSeed, uint256 marketSeed, uint256 assets) external sync {
        (uint256 i, address who) = _pick(marketSeed, actorSeed);
        assets = _borrowable(i, who, assets);
        if (assets == 0) return _skip();
        _borrow(i, who, assets);
    }

    function repayAssets(uint256 actorSeed, uint256 marketSeed, uint256 assets) external sync {
        (uint256 i, address who) = _pick(marketSeed, actorSeed);
        uint256 bs = core.position(_ids[i], who).borrowShares;
        if (bs == 0) return _skip();
        Market memory m = core.expectedMarket(_params[i]);
        assets = bound(assets, 1, bs.toAssetsUp(m.totalBorrowAssets, m.totalBorrowShares));
        uint256 shares = assets.toSharesDown(m.totalBorrowAssets, m.totalBorrowShares);
        // Repaying the whole debt by assets can round to more shares than the position has: repay by shares.
        if (shares == 0 || shares > bs) return _skip();
        if (_leavesDust(m, bs, shares, assets)) return _repayAll(i, who);
        _repay(i, who, assets, shares, false);
    }

    function repayShares(uint256 actorSeed, uint256 marketSeed, uint256 shares) external sync {
        (uint256 i, address who) = _pick(marketSeed, actorSeed);
        uint256 bs = core.position(_ids[i], who).borrowShares;
        if (bs == 0) return _skip();
        Market memory m = core.expectedMarket(_params[i]);
        shares = bound(shares, 1, bs);
        uint256 assets = shares.toAssetsUp(m.totalBorrowAssets, m.totalBorrowShares);
        if (_leavesDust(m, bs, shares, assets)) return _repayAll(i, who);
        _repay(i, who, assets, shares, true);
    }

    /// @notice P-18: repaying a position's borrowShares in full never reverts once the borrower holds the
    /// predicted assets (no pre-check but "there is a debt").
    function repayAll(uint256 actorSeed, uint256 marketSeed) external sync {
        (uint256 i, address who) = _pick(marketSeed, actorSeed);
        if (core.position(_ids[i], who).borrowShares == 0) return _skip();
        _repayAll(i, who);
    }

    function supplyCollateral(uint256 actorSeed, uint256 marketSeed, uint256 assets) external sync {
        (uint256 i, address who) = _pick(marketSeed, actorSeed);
        assets = bound(assets, 1, _maxCollateral[i]);
        _tokens[_collIdx[i]].mint(who, assets);
        Ctx memory c = Ctx(Kind.Lending, i, who, false);
        Snap memory b = _before(c);
        vm.prank(who);
        core.supplyCollateral(_params[i], assets, who, "");
        _ghostCollateral[i] += assets;
        _ghostIn(i, _collIdx[i], assets);
        _after(b, c);
    }

    function withdrawCollateral(uint256 actorSeed, uint256 marketSeed, uint256 assets) external sync {
        (uint256 i, address who) = _pick(marketSeed, actorSeed);
        Position memory p = core.position(_ids[i], who);
        if (p.collateral == 0) return _skip();
        assets = bound(assets, 1, p.collateral);
        if (p.borrowShares != 0) {
            Market memory m = core.expectedMarket(_params[i]);
            uint256 price = _oracles[i].price();
            if (!isHealthy(i, m, p.borrowShares, p.collateral - assets, price)) {
                // Least collateral that keeps debt <= floor(floor(c * price / 1e36) * lltv / 1e18).
                uint256 debt = uint256(p.borrowShares).toAssetsUp(m.totalBorrowAssets, m.totalBorrowShares);
                uint256 minColl =
                    debt.mulDivUp(ConstantsLib.WAD, _params[i].lltv).mulDivUp(ConstantsLib.ORACLE_PRICE_SCALE, price);
                if (minColl >= p.collateral) return _skip();
                assets = p.collateral - minColl;
                _ok(isHealthy(i, m, p.borrowShares, minColl, price), "handler: least collateral is unhealthy");
            }
        }
        Ctx memory c = Ctx(Kind.Lending, i, who, false);
        Snap memory b = _before(c);
        vm.prank(who);
        core.withdrawCollateral(_params[i], assets, who, who);
        _ghostCollateral[i] -= assets;
        _ghostOut(i, _collIdx[i], assets);
        // P-10: the borrower's own action leaves it healthy.
        _assertHealthy(i, who, "P-10: withdrawCollateral left the position unhealthy");
        _after(b, c);
    }

    /// @notice P-19: supplying then withdrawing the shares received returns at most what was supplied, and
    /// withdrawing the same assets would burn at least the shares received.
    function supplyWithdrawRoundTrip(uint256 actorSeed, uint256 marketSeed, uint256 assets) external sync {
        (uint256 i, address who) = _pick(marketSeed, actorSeed);
        assets = bound(assets, 1, MAX_LOAN);
        Market memory m = core.expectedMarket(_params[i]);
        uint256 shares = assets.toSharesDown(m.totalSupplyAssets, m.totalSupplyShares);
        if (shares == 0) return _skip();
        _supply(i, who, assets, shares, false);
        m = core.market(_ids[i]);
        _ge(
            assets.toSharesUp(m.totalSupplyAssets, m.totalSupplyShares),
            shares,
            "P-19: withdrawing the supplied assets burns fewer shares than supplying them minted"
        );
        uint256 back = shares.toAssetsDown(m.totalSupplyAssets, m.totalSupplyShares);
        _withdraw(i, who, back, shares, true);
        _le(back, assets, "P-19: supply/withdraw round trip gained assets");
    }

    /// @notice P-20: borrowing then repaying the shares received costs at least what was borrowed.
    function borrowRepayRoundTrip(uint256 actorSeed, uint256 marketSeed, uint256 assets) external sync {
        (uint256 i, address who) = _pick(marketSeed, actorSeed);
        uint256 bs = core.position(_ids[i], who).borrowShares;
        assets = _borrowable(i, who, assets);
        if (assets == 0) return _skip();
        uint256 shares = _borrow(i, who, assets);
        Market memory m = core.market(_ids[i]);
        uint256 paid = shares.toAssetsUp(m.totalBorrowAssets, m.totalBorrowShares);
        if (_leavesDust(m, bs + shares, shares, paid)) return;
        _repay(i, who, paid, shares, true);
        _ge(paid, assets, "P-20: borrow/repay round trip gained assets");
    }

    /// @notice P-24, P-25, P-32: accrual equals the view, raises supply and borrow by the same interest, pays the
    /// fee recipient at most fee * interest, and happens once per timestamp.
    function accrueInterest(uint256 marketSeed) external sync {
        uint256 i = bound(marketSeed, 0, N_MARKETS - 1);
        Market memory raw = core.market(_ids[i]);
        Market memory exp = core.expectedMarket(_params[i]);
        uint256 feeSharesBefore = core.position(_ids[i], FEE_RECIPIENT).supplyShares;
        Ctx memory c = Ctx(Kind.Lending, i, address(0), false);
        Snap memory b = _before(c);
        core.accrueInterest(_params[i]);
        Market memory m = core.market(_ids[i]);
        _assertMarketEq(m, exp, "P-24: accrueInterest differs from expectedMarket");
        uint256 interest = m.totalBorrowAssets - raw.totalBorrowAssets;
        _eq(m.totalSupplyAssets - raw.totalSupplyAssets, interest, "P-32: supply and borrow rose unequally");
        uint256 feeShares = m.totalSupplyShares - raw.totalSupplyShares;
        _eq(
            core.position(_ids[i], FEE_RECIPIENT).supplyShares - feeSharesBefore,
            feeShares,
            "P-25: fee shares not credited to the fee recipient"
        );
        _le(
            feeShares.toAssetsDown(m.totalSupplyAssets, m.totalSupplyShares),
            interest.wMulDown(m.fee),
            "P-25: fee worth more than fee * interest"
        );
        _le(m.fee, ConstantsLib.MAX_FEE, "P-25: fee above MAX_FEE");
        _after(b, c);

        // Once per timestamp: a second accrual in the same block writes nothing.
        vm.record();
        core.accrueInterest(_params[i]);
        (, bytes32[] memory writes) = vm.accesses(address(core));
        _eq(writes.length, 0, "P-24: second accrual in one block wrote storage");
        _assertMarketEq(core.market(_ids[i]), m, "P-24: second accrual in one block changed the market");
    }

    /* ACTIONS: LIQUIDATION */

    /// @notice Liquidates (or tries to, expecting the revert) a position. mode 0: maxRepay = max; 1: a bounded
    /// maxRepay; 2: liquidateBatch with max. P-11 to P-17.
    function liquidate(uint256 borrowerSeed, uint256 marketSeed, uint256 repaySeed, uint256 modeSeed) external sync {
        Liq memory q;
        (q.market, q.borrower) = _pick(marketSeed, borrowerSeed);
        if (_targetBorrower != address(0) && repaySeed % 2 == 0) {
            (q.market, q.borrower) = (_targetMarket, _targetBorrower);
        }
        q.mode = modeSeed % 3;
        Position memory p = core.position(_ids[q.market], q.borrower);
        if (p.borrowShares == 0) return _skip();
        q.bs = p.borrowShares;
        q.coll = p.collateral;
        q.m = core.expectedMarket(_params[q.market]);
        q.price = _oracles[q.market].price();
        q.debt = q.bs.toAssetsUp(q.m.totalBorrowAssets, q.m.totalBorrowShares);
        q.maxRepay = q.mode == 1 ? bound(repaySeed, 1, q.debt) : type(uint256).max;
        _liquidate(q);
    }

    /// @dev The body of `liquidate`, apart so that the seeds are off the stack.
    function _liquidate(Liq memory q) internal {
        Liquidation memory l = core.previewLiquidation(_params[q.market], q.borrower, q.maxRepay);
        // P-11: only unhealthy positions can be liquidated.
        if (isHealthy(q.market, q.m, q.bs, q.coll, q.price)) {
            _eq(uint256(l.status), uint256(LiquidationStatus.Healthy), "P-11: healthy position not previewed Healthy");
            ++healthyRejected;
            vm.prank(LIQUIDATOR);
            vm.expectRevert(ErrorsLib.HealthyPosition.selector);
            core.liquidate(_params[q.market], q.borrower, q.maxRepay, "");
            return;
        }
        _ok(l.status != LiquidationStatus.Healthy, "P-11: unhealthy position previewed Healthy");
        if (l.status == LiquidationStatus.RepayTooSmall) {
            _ok(q.mode == 1, "P-16: unbounded liquidation previewed RepayTooSmall");
            ++tooSmallRejected;
            vm.prank(LIQUIDATOR);
            vm.expectRevert(ErrorsLib.RepayTooSmall.selector);
            core.liquidate(_params[q.market], q.borrower, q.maxRepay, "");
            return;
        }
        _eq(uint256(l.status), uint256(LiquidationStatus.Liquidated), "P-16: unexpected preview status");
        _executeLiquidation(q, l);
    }

    function _executeLiquidation(Liq memory q, Liquidation memory l) internal {
        ERC20Mock loan = _tokens[_loanIdx[q.market]];
        ERC20Mock coll = _tokens[_collIdx[q.market]];
        loan.mint(LIQUIDATOR, l.repaidAssets);
        q.liqLoan = loan.balanceOf(LIQUIDATOR);
        q.liqColl = coll.balanceOf(LIQUIDATOR);

        Ctx memory c = Ctx(Kind.Liquidation, q.market, q.borrower, l.badDebtShares != 0);
        Snap memory b = _before(c);
        vm.startPrank(LIQUIDATOR);
        if (q.mode == 2) {
            _assertLiquidationEq(_liquidateBatchOfOne(q), l);
        } else {
            (uint256 repaid, uint256 seized) = core.liquidate(_params[q.market], q.borrower, q.maxRepay, "");
            _eq(repaid, l.repaidAssets, "P-16: repaid differs from preview");
            _eq(seized, l.seizedAssets, "P-16: seized differs from preview");
        }
        vm.stopPrank();
        ++liquidations;
        _ghostIn(q.market, _loanIdx[q.market], l.repaidAssets);
        _ghostOut(q.market, _collIdx[q.market], l.seizedAssets);
        _ghostCollateral[q.market] -= l.seizedAssets;
        _eq(q.liqLoan - loan.balanceOf(LIQUIDATOR), l.repaidAssets, "P-16: liquidator paid a different amount");
        _eq(coll.balanceOf(LIQUIDATOR) - q.liqColl, l.seizedAssets, "P-16: liquidator got a different amount");

        _checkLiquidationDeltas(q, l);
        _checkLiquidationOutcome(q, l);
        _after(b, c);
    }

    /// @dev A batch of one request (apart from `_executeLiquidation`, to keep its stack small).
    function _liquidateBatchOfOne(Liq memory q) internal returns (Liquidation memory) {
        LiquidationRequest[] memory r = new LiquidationRequest[](1);
        r[0] = LiquidationRequest(_params[q.market], q.borrower, q.maxRepay, "");
        return core.liquidateBatch(r)[0];
    }

    /// @dev P-16: the state moves exactly as the preview said.
    function _checkLiquidationDeltas(Liq memory q, Liquidation memory l) internal view {
        Market memory m = core.market(_ids[q.market]);
        Position memory p = core.position(_ids[q.market], q.borrower);
        uint256 burnt = l.repaidShares + l.badDebtShares;
        _eq(p.borrowShares, q.bs - burnt, "P-16: borrow shares burnt differ from preview");
        _eq(p.collateral, q.coll - l.seizedAssets, "P-16: collateral seized differs from preview");
        _eq(m.totalBorrowShares, q.m.totalBorrowShares - burnt, "P-16: total borrow shares");
        _eq(
            m.totalBorrowAssets,
            uint256(q.m.totalBorrowAssets).zeroFloorSub(l.repaidAssets + l.badDebtAssets),
            "P-16: total borrow assets"
        );
        _eq(m.totalSupplyAssets, q.m.totalSupplyAssets - l.badDebtAssets, "P-16: total supply assets");
        _eq(m.totalSupplyShares, q.m.totalSupplyShares, "P-16: total supply shares");
    }

    /// @dev P-12 to P-15, P-17: what a liquidation may leave behind and what it may pay.
    function _checkLiquidationOutcome(Liq memory q, Liquidation memory l) internal {
        uint256 lltv = _params[q.market].lltv;
        _le(l.repaidAssets, q.maxRepay, "P-17: repaid more than maxRepayAssets");
        _le(l.incentiveFactor, ConstantsLib.MAX_LIF, "P-17: incentive above MAX_LIF");
        _ge(l.incentiveFactor, _baseLif(lltv), "P-17: incentive below the base incentive");
        _le(
            l.seizedAssets.mulDivDown(q.price, ConstantsLib.ORACLE_PRICE_SCALE),
            l.repaidAssets.wMulUp(l.incentiveFactor),
            "P-17: seized value above repaid * incentive"
        );

        Position memory p = core.position(_ids[q.market], q.borrower);
        uint256 valueBefore = q.coll.mulDivDown(q.price, ConstantsLib.ORACLE_PRICE_SCALE);
        if (valueBefore < q.debt) ++bandCBadDebt;
        else if (q.debt.wMulUp(l.incentiveFactor) >= valueBefore) ++bandBProRata;
        else if (p.borrowShares != 0) ++bandAPartial;
        if (l.badDebtShares != 0) {
            ++badDebtLiquidations;
            // P-14: bad debt only when the collateral is worth less than the debt (band C).
            _lt(valueBefore, q.debt, "P-14: bad debt realised while solvent");
        }
        // P-13: no collateral, no debt.
        if (p.collateral == 0) _eq(p.borrowShares, 0, "P-13: liquidation left debt without collateral");
        if (p.borrowShares == 0) {
            if (l.badDebtShares == 0) ++fullLiquidations;
            return;
        }
        ++partialLiquidations;
        // P-12: a partial liquidation lowers the LTV (debtAfter / valueAfter < debtBefore / valueBefore) in band A
        // (debt * LIF < value), and never raises it in bands B and C (pro rata).
        Market memory m = core.market(_ids[q.market]);
        uint256 debtAfter = uint256(p.borrowShares).toAssetsUp(m.totalBorrowAssets, m.totalBorrowShares);
        uint256 valueAfter = uint256(p.collateral).mulDivDown(q.price, ConstantsLib.ORACLE_PRICE_SCALE);
        if (q.debt.wMulUp(l.incentiveFactor) < valueBefore) {
            _lt(debtAfter * valueBefore, q.debt * valueAfter, "P-12: partial liquidation did not lower the LTV");
        } else {
            _le(debtAfter * valueBefore, q.debt * valueAfter, "P-12: partial liquidation raised the LTV");
        }
        // P-15: a partial liquidation never leaves dust, and when unbounded it restores health.
        _ge(debtAfter, m.minDebt, "P-15: partial liquidation left a debt below minDebt");
        if (q.mode != 1) {
            _ok(
                isHealthy(q.market, m, p.borrowShares, p.collateral, q.price),
                "P-15: unbounded partial liquidation left the position unhealthy"
            );
        }
    }

    struct Split {
        uint256 market;
        address borrower;
        LiquidationRequest[] requests;
        uint256 repaid;
        uint256 seized;
        bool badDebt;
    }

    /// @notice P-40 as an action: 2..6 slices of one position in one `liquidateBatch` (the same borrower each
    /// time, any sizes), first replayed on a snapshot against one liquidation of the slices' total, then run for
    /// real with the per-action checks.
    function splitLiquidate(uint256 borrowerSeed, uint256 marketSeed, uint256 k, uint256 sizeSeed) external sync {
        Split memory x;
        (x.market, x.borrower) = _pick(marketSeed, borrowerSeed);
        Position memory p = core.position(_ids[x.market], x.borrower);
        if (p.borrowShares == 0) return _skip();
        Market memory m = core.expectedMarket(_params[x.market]);
        if (isHealthy(x.market, m, p.borrowShares, p.collateral, _oracles[x.market].price())) return _skip();
        uint256 debt = uint256(p.borrowShares).toAssetsUp(m.totalBorrowAssets, m.totalBorrowShares);
        k = bound(k, 2, 6);
        x.requests = new LiquidationRequest[](k);
        for (uint256 j; j < k; ++j) {
            uint256 size = bound(uint256(keccak256(abi.encode(sizeSeed, j))), 1, 2 * debt / k + 1);
            x.requests[j] = LiquidationRequest(_params[x.market], x.borrower, size, "");
        }
        _tokens[_loanIdx[x.market]].mint(LIQUIDATOR, 2 * debt + 1);
        if (!_compareSplit(x)) return _skip();

        Ctx memory c = Ctx(Kind.Liquidation, x.market, x.borrower, x.badDebt);
        Snap memory b = _before(c);
        (uint256 repaid, uint256 seized) = _runSplit(x);
        _eq(repaid, x.repaid, "P-40: the slices repaid differently than replayed");
        _eq(seized, x.seized, "P-40: the slices seized differently than replayed");
        ++splitLiquidations;
        _ghostIn(x.market, _loanIdx[x.market], repaid);
        _ghostOut(x.market, _collIdx[x.market], seized);
        _ghostCollateral[x.market] -= seized;
        _after(b, c);
    }

    /// @dev The batch of slices: (repaid, seized) summed over what the core returned, checked against the
    /// liquidator's balances.
    function _runSplit(Split memory x) internal returns (uint256 repaid, uint256 seized) {
        ERC20Mock loan = _tokens[_loanIdx[x.market]];
        ERC20Mock coll = _tokens[_collIdx[x.market]];
        uint256 loanBefore = loan.balanceOf(LIQUIDATOR);
        uint256 collBefore = coll.balanceOf(LIQUIDATOR);
        vm.prank(LIQUIDATOR);
        Liquidation[] memory res = core.liquidateBatch(x.requests);
        for (uint256 j; j < res.length; ++j) {
            repaid += res[j].repaidAssets;
            seized += res[j].seizedAssets;
        }
        _eq(loanBefore - loan.balanceOf(LIQUIDATOR), repaid, "P-16: batch repaid differs from its results");
        _eq(coll.balanceOf(LIQUIDATOR) - collBefore, seized, "P-16: batch seized differs from its results");
    }

    /// @dev On a snapshot: the slices, then (from the same state) one liquidation of their total. False when the
    /// slices repaid nothing or the single liquidation is refused (nothing to compare).
    function _compareSplit(Split memory x) internal returns (bool) {
        uint256 snap = vm.snapshotState();
        uint256 supplyBefore = core.expectedMarket(_params[x.market]).totalSupplyAssets;
        (x.repaid, x.seized) = _runSplit(x);
        x.badDebt = core.market(_ids[x.market]).totalSupplyAssets < supplyBefore;
        vm.revertToState(snap);
        if (x.repaid == 0) return false;
        Liquidation memory one = core.previewLiquidation(_params[x.market], x.borrower, x.repaid);
        if (one.status != LiquidationStatus.Liquidated) return false;
        snap = vm.snapshotState();
        vm.prank(LIQUIDATOR);
        core.liquidate(_params[x.market], x.borrower, x.repaid, "");
        vm.revertToState(snap);
        // Per unit repaid: x.seized / x.repaid <= one.seizedAssets / one.repaidAssets, up to P-12's wei-level trim
        // of the single liquidation (two wei of value's worth of collateral, plus two; see LiquidationBands.t.sol).
        uint256 trim = 2 * uint256(1e36).mulDivUp(1, _oracles[x.market].price()) + 2;
        uint256 lhs = x.seized * one.repaidAssets;
        uint256 rhs = (one.seizedAssets + trim) * x.repaid;
        if (lhs > rhs) ghostSplitExcess += (lhs - rhs) / one.repaidAssets + 1;
        _le(lhs, rhs, "P-40: slices earn more collateral per unit repaid than one liquidation");
        if (one.repaidAssets == x.repaid) _le(x.seized, one.seizedAssets + trim, "P-40: slices earn more in total");
        return true;
    }

    struct Batch {
        LiquidationRequest[] requests;
        uint256[] markets;
        /// @dev What each request did when liquidated one by one (preview, then `liquidate` when previewed
        /// Liquidated), in order, on a snapshot.
        Liquidation[] expected;
        uint256 liquidated;
        uint256 repaid;
        bool badDebt;
        uint256 first;
    }

    /// @notice P-44 as an action: one `liquidateBatch` of 2..5 requests over any positions of any markets (the
    /// same one twice included, capped or not), first replayed on a snapshot as the same requests one by one
    /// (preview, then `liquidate` where previewed Liquidated); the batch must give each request exactly that
    /// result (a healthy or dust-capped request skipped, not reverted), and move the state and balances as the
    /// sequence did, with the per-action checks over every market it touched.
    function batchLiquidate(uint256 seed, uint256 k, uint256 capMask) external sync {
        Batch memory x;
        k = bound(k, 2, 5);
        x.requests = new LiquidationRequest[](k);
        x.markets = new uint256[](k);
        x.expected = new Liquidation[](k);
        for (uint256 j; j < k; ++j) {
            uint256 r = uint256(keccak256(abi.encode(seed, j)));
            (uint256 i, address who) = _pick(r >> 128, r);
            uint256 maxRepay = (capMask >> j) & 1 == 1 ? bound(r >> 64, 1, MAX_LOAN) : type(uint256).max;
            x.requests[j] = LiquidationRequest(_params[i], who, maxRepay, "");
            x.markets[j] = i;
        }
        _replayBatch(x);
        if (x.liquidated == 0) return _skip();
        _tokens[0].mint(LIQUIDATOR, x.repaid);
        _tokens[1].mint(LIQUIDATOR, x.repaid);

        Ctx memory c = Ctx(Kind.Liquidation, x.markets[x.first], x.requests[x.first].borrower, x.badDebt);
        Snap memory b = _before(c);
        vm.prank(LIQUIDATOR);
        Liquidation[] memory res = core.liquidateBatch(x.requests);
        _eq(res.length, k, "P-44: batch returned a different number of results");
        for (uint256 j; j < k; ++j) {
            _assertLiquidationEq(res[j], x.expected[j]);
            if (res[j].status != LiquidationStatus.Liquidated) continue;
            uint256 i = x.markets[j];
            _ghostIn(i, _loanIdx[i], res[j].repaidAssets);
            _ghostOut(i, _collIdx[i], res[j].seizedAssets);
            _ghostCollateral[i] -= res[j].seizedAssets;
        }
        ++batchLiquidations;
        batchItemsLiquidated += x.liquidated;
        uint256 mask;
        for (uint256 j; j < k; ++j) {
            if (res[j].status == LiquidationStatus.Liquidated) mask |= 1 << x.markets[j];
        }
        if (mask & (mask - 1) != 0) ++batchMultiMarket;
        _after(b, c);
        _batchMarkets = 0;
        _batchPositions = 0;
    }

    /// @dev The requests one by one on a snapshot: their results, the markets and positions liquidated, the loan
    /// tokens they repaid in all.
    function _replayBatch(Batch memory x) internal {
        uint256 snap = vm.snapshotState();
        for (uint256 j; j < x.requests.length; ++j) {
            LiquidationRequest memory r = x.requests[j];
            Liquidation memory l = core.previewLiquidation(r.marketParams, r.borrower, r.maxRepayAssets);
            x.expected[j] = l;
            if (l.status != LiquidationStatus.Liquidated) continue;
            _tokens[_loanIdx[x.markets[j]]].mint(LIQUIDATOR, l.repaidAssets);
            vm.prank(LIQUIDATOR);
            (uint256 repaid, uint256 seized) = core.liquidate(r.marketParams, r.borrower, r.maxRepayAssets, "");
            _eq(repaid, l.repaidAssets, "P-16: repaid differs from preview");
            _eq(seized, l.seizedAssets, "P-16: seized differs from preview");
            if (x.liquidated == 0) x.first = j;
            ++x.liquidated;
            x.repaid += repaid;
            if (l.badDebtShares != 0) x.badDebt = true;
        }
        vm.revertToState(snap);
        for (uint256 j; j < x.requests.length; ++j) {
            // Every request's market (an item the core skips still accrues its market), but only the liquidated
            // positions.
            _batchMarkets |= 1 << x.markets[j];
            if (x.expected[j].status != LiquidationStatus.Liquidated) continue;
            _batchPositions |= 1 << (x.markets[j] * N_USERS + _userIdx(x.requests[j].borrower));
        }
    }

    function _userIdx(address who) internal view returns (uint256) {
        for (uint256 u; u < N_USERS; ++u) {
            if (_users[u] == who) return u;
        }
        revert("handler: unknown user");
    }

    /// @dev The acting market, or one a batch liquidated in.
    function _acts(Ctx memory c, uint256 i) internal view returns (bool) {
        return i == c.market || (_batchMarkets >> i) & 1 == 1;
    }

    /* ACTIONS: DYNAMIC WORLD */

    /// @notice Moves one market's price by -50% .. +50%, within 1/20x .. 20x of its base price.
    function movePrice(uint256 marketSeed, uint256 bps) external sync {
        uint256 i = bound(marketSeed, 0, N_MARKETS - 1);
        uint256 old = _oracles[i].price();
        uint256 price = old.mulDivDown(bound(bps, MIN_MOVE_BPS, MAX_MOVE_BPS), 10_000);
        price = UtilsLib.min(price, _basePrice[i] * PRICE_BAND);
        if (price < _basePrice[i] / PRICE_BAND) price = _basePrice[i] / PRICE_BAND;
        if (price == old) return _skip();
        Ctx memory c = Ctx(Kind.Price, NONE, address(0), false);
        Snap memory b = _before(c);
        _oracles[i].setPrice(price);
        _after(b, c);
    }

    /// @notice Moves one market's price so that one position lands at an LTV in [LLTV, 105%] (within 1/20x .. 20x
    /// of the base price): bands A, B (pro rata, a few % wide) and C (bad debt) in turn, which random moves seldom
    /// hit exactly.
    function priceToLtv(uint256 borrowerSeed, uint256 marketSeed, uint256 ltvSeed) external sync {
        (uint256 i, address who) = _pick(marketSeed, borrowerSeed);
        Position memory p = core.position(_ids[i], who);
        if (p.borrowShares == 0 || p.collateral == 0) return _skip();
        Market memory m = core.expectedMarket(_params[i]);
        uint256 debt = uint256(p.borrowShares).toAssetsUp(m.totalBorrowAssets, m.totalBorrowShares);
        uint256 ltv = bound(ltvSeed, _params[i].lltv, 1.05e18);
        uint256 price = debt.mulDivUp(ConstantsLib.ORACLE_PRICE_SCALE, p.collateral).wDivUp(ltv);
        if (price > _basePrice[i] * PRICE_BAND || price < _basePrice[i] / PRICE_BAND) return _skip();
        if (price == _oracles[i].price()) return _skip();
        Ctx memory c = Ctx(Kind.Price, NONE, address(0), false);
        Snap memory b = _before(c);
        _oracles[i].setPrice(price);
        _after(b, c);
        _targetMarket = i;
        _targetBorrower = who;
    }

    function warp(uint256 seconds_) external sync {
        seconds_ = bound(seconds_, 1, MAX_WARP);
        Ctx memory c = Ctx(Kind.Time, NONE, address(0), false);
        Snap memory b = _before(c);
        time += seconds_;
        blockNumber += 1 + seconds_ / 12;
        vm.warp(time);
        vm.roll(blockNumber);
        _after(b, c);
    }

    /// @notice P-30: tokens sent straight to an escrow (any of the three tokens) or to the core change no
    /// accounting; P-34: a donation to one market's escrow changes no other escrow.
    function donate(uint256 targetSeed, uint256 tokenSeed, uint256 assets) external sync {
        uint256 target = targetSeed % (N_MARKETS + 1); // N_MARKETS: the core itself.
        uint256 t = bound(tokenSeed, 0, N_TOKENS - 1);
        assets = bound(assets, 1, MAX_LOAN);
        uint256 i = target == N_MARKETS ? NONE : target;
        Ctx memory c = Ctx(Kind.Neutral, i, address(0), false);
        Snap memory b = _before(c);
        if (i == NONE) {
            _tokens[t].mint(address(core), assets);
            _ghostCore[t] += assets;
        } else {
            _tokens[t].mint(_escrows[i], assets);
            _ghostIn(i, t, assets);
        }
        ++donations;
        _after(b, c);
    }

    /// @notice P-29: a flash loan of either of a market's tokens lends exactly the assets out of that market's
    /// escrow and takes them back into it.
    function flashLoan(uint256 marketSeed, uint256 sideSeed, uint256 assets) external sync {
        uint256 i = bound(marketSeed, 0, N_MARKETS - 1);
        uint256 t = sideSeed % 2 == 0 ? _loanIdx[i] : _collIdx[i];
        uint256 balance = _tokens[t].balanceOf(_escrows[i]);
        if (balance == 0) return _skip();
        assets = bound(assets, 1, balance);
        Ctx memory c = Ctx(Kind.Neutral, i, address(0), false);
        Snap memory b = _before(c);
        _flashToken = address(_tokens[t]);
        _flashEscrow = _escrows[i];
        _flashBalance = balance;
        core.flashLoan(_ids[i], address(_tokens[t]), assets, abi.encode(assets));
        _flashToken = address(0);
        _eq(_tokens[t].balanceOf(_escrows[i]), balance, "P-29: flash loan changed the escrow's balance");
        ++flashLoans;
        _after(b, c);
    }

    function onCantileverFlashLoan(uint256 assets, bytes calldata data) external view {
        _ok(msg.sender == address(core), "P-29: flash loan callback from a stranger");
        _ok(_flashToken != address(0), "P-29: flash loan callback outside a flash loan");
        _eq(assets, abi.decode(data, (uint256)), "P-29: flash loan lent a different amount");
        _eq(ERC20Mock(_flashToken).balanceOf(_flashEscrow), _flashBalance - assets, "P-29: escrow did not lend assets");
        // Repaid by the allowance set in the constructor.
    }

    /// @notice P-36: nobody but the core moves an escrow's tokens. Anyone the suites know (an actor, the fee
    /// recipient, the liquidator, the owner, the handler) tries `transferFrom(escrow, itself, assets)` on any token,
    /// and to call the escrow with any selector: both revert, and nothing changes.
    function stealFromEscrow(uint256 thiefSeed, uint256 marketSeed, uint256 tokenSeed, uint256 assets, bytes4 selector)
        external
        sync
    {
        uint256 i = bound(marketSeed, 0, N_MARKETS - 1);
        uint256 n = thiefSeed % (N_USERS + 3);
        address thief = n < N_USERS ? _users[n] : n == N_USERS ? LIQUIDATOR : n == N_USERS + 1 ? OWNER : address(this);
        ERC20Mock tkn = _tokens[bound(tokenSeed, 0, N_TOKENS - 1)];
        assets = bound(assets, 1, UtilsLib.min(MAX_LOAN, tkn.balanceOf(_escrows[i]) + 1));
        Ctx memory c = Ctx(Kind.Neutral, i, address(0), false);
        Snap memory b = _before(c);
        vm.prank(thief);
        vm.expectRevert();
        tkn.transferFrom(_escrows[i], thief, assets);
        vm.prank(thief);
        (bool ok,) = _escrows[i].call(abi.encodeWithSelector(selector, address(tkn), thief, assets));
        _ok(!ok, "P-36: a call to an escrow succeeded");
        ++theftAttempts;
        _after(b, c);
    }

    /// @notice Owner sets a market's fee (accruing first); above MAX_FEE must revert (P-25).
    function setFee(uint256 marketSeed, uint256 fee) external sync {
        uint256 i = bound(marketSeed, 0, N_MARKETS - 1);
        vm.prank(OWNER);
        vm.expectRevert(ErrorsLib.MaxFeeExceeded.selector);
        core.setFee(_params[i], bound(fee, ConstantsLib.MAX_FEE + 1, type(uint64).max));

        fee = bound(fee, 0, ConstantsLib.MAX_FEE);
        if (fee == core.market(_ids[i]).fee) return _skip();
        Ctx memory c = Ctx(Kind.Owner, i, address(0), false);
        Snap memory b = _before(c);
        vm.prank(OWNER);
        core.setFee(_params[i], fee);
        _eq(core.market(_ids[i]).fee, fee, "setFee: fee not set");
        _after(b, c);
    }

    /// @notice Owner moves a market's dust floor among 0, 1, 10 and 100 loan tokens.
    function setMinDebt(uint256 marketSeed, uint256 choice) external sync {
        uint256 i = bound(marketSeed, 0, N_MARKETS - 1);
        uint256 minDebt = [uint256(0), 1e18, 10e18, 100e18][choice % 4];
        if (minDebt == core.market(_ids[i]).minDebt) return _skip();
        Ctx memory c = Ctx(Kind.Owner, i, address(0), false);
        Snap memory b = _before(c);
        vm.prank(OWNER);
        core.setMinDebt(_params[i], minDebt);
        _after(b, c);
    }

    /* INTERNAL: ACTIONS */

    function _pick(uint256 marketSeed, uint256 actorSeed) internal view returns (uint256 i, address who) {
        i = bound(marketSeed, 0, N_MARKETS - 1);
        who = _actors[bound(actorSeed, 0, N_ACTORS - 1)];
    }

    function _skip() internal {
        ++skips;
    }

    /// @dev Escrow `i` received `assets` of token `t`.
    function _ghostIn(uint256 i, uint256 t, uint256 assets) internal {
        _ghostEscrow[i][t] += assets;
    }

    /// @dev Escrow `i` sent `assets` of token `t`.
    function _ghostOut(uint256 i, uint256 t, uint256 assets) internal {
        _ghostEscrow[i][t] -= assets;
    }

    function _supply(uint256 i, address who, uint256 assets, uint256 shares, bool byShares) internal {
        _tokens[_loanIdx[i]].mint(who, assets);
        uint256 before = core.position(_ids[i], who).supplyShares;
        Ctx memory c = Ctx(Kind.Lending, i, who, false);
        Snap memory b = _before(c);
        vm.prank(who);
        (uint256 a, uint256 s) = core.supply(_params[i], byShares ? 0 : assets, byShares ? shares : 0, who, "");
        _eq(a, assets, "supply: assets differ from the share math");
        _eq(s, shares, "supply: shares differ from the share math");
        _eq(core.position(_ids[i], who).supplyShares, before + shares, "supply: position not credited");
        _ghostIn(i, _loanIdx[i], a);
        _after(b, c);
    }

    function _withdraw(uint256 i, address who, uint256 assets, uint256 shares, bool byShares) internal {
        ERC20Mock loan = _tokens[_loanIdx[i]];
        uint256 balance = loan.balanceOf(who);
        Ctx memory c = Ctx(Kind.Lending, i, who, false);
        Snap memory b = _before(c);
        vm.prank(who);
        (uint256 a, uint256 s) = core.withdraw(_params[i], byShares ? 0 : assets, byShares ? shares : 0, who, who);
        _eq(a, assets, "withdraw: assets differ from the share math");
        _eq(s, shares, "withdraw: shares differ from the share math");
        _eq(loan.balanceOf(who) - balance, a, "withdraw: receiver got a different amount");
        _ghostOut(i, _loanIdx[i], a);
        _after(b, c);
    }

    /// @dev Largest valid borrow near `seed` (0 if none): healthy after, no dust, enough liquidity, exactly as
    /// the core checks it.
    function _borrowable(uint256 i, address who, uint256 seed) internal view returns (uint256 assets) {
        Position memory p = core.position(_ids[i], who);
        if (p.collateral == 0) return 0;
        Market memory m = core.expectedMarket(_params[i]);
        uint256 price = _oracles[i].price();
        uint256 maxDebt =
            uint256(p.collateral).mulDivDown(price, ConstantsLib.ORACLE_PRICE_SCALE).wMulDown(_params[i].lltv);
        uint256 debt = uint256(p.borrowShares).toAssetsUp(m.totalBorrowAssets, m.totalBorrowShares);
        if (maxDebt <= debt) return 0;
        uint256 cap = UtilsLib.min(maxDebt - debt, m.totalSupplyAssets - m.totalBorrowAssets);
        cap = UtilsLib.min(cap, MAX_LOAN);
        if (cap == 0) return 0;
        assets = bound(seed, 1, cap);
        for (uint256 k; k < 4; ++k) {
            uint256 code = _simBorrow(m, p, maxDebt, assets);
            if (code == 0) return assets;
            if (code == 1) {
                assets = m.minDebt - UtilsLib.min(debt, m.minDebt) + 2;
                if (assets > cap) return 0;
            } else {
                assets = assets > 4 ? assets - 4 : assets / 2;
                if (assets == 0) return 0;
            }
        }
        return 0;
    }

    /// @dev 0: the core accepts it; 1: dust; 2: unhealthy; 3: not enough liquidity.
    function _simBorrow(Market memory m, Position memory p, uint256 maxDebt, uint256 assets)
        internal
        pure
        returns (uint256)
    {
        uint256 shares = assets.toSharesUp(m.totalBorrowAssets, m.totalBorrowShares);
        uint256 bs = p.borrowShares + shares;
        uint256 tba = m.totalBorrowAssets + assets;
        uint256 newDebt = bs.toAssetsUp(tba, m.totalBorrowShares + shares);
        if (m.minDebt != 0 && newDebt < m.minDebt) return 1;
        if (newDebt > maxDebt) return 2;
        if (tba > m.totalSupplyAssets) return 3;
        return 0;
    }

    function _borrow(uint256 i, address who, uint256 assets) internal returns (uint256 shares) {
        Market memory m = core.expectedMarket(_params[i]);
        shares = assets.toSharesUp(m.totalBorrowAssets, m.totalBorrowShares);
        ERC20Mock loan = _tokens[_loanIdx[i]];
        uint256 balance = loan.balanceOf(who);
        Ctx memory c = Ctx(Kind.Lending, i, who, false);
        Snap memory b = _before(c);
        vm.prank(who);
        (uint256 a, uint256 s) = core.borrow(_params[i], assets, 0, who, who);
        _eq(a, assets, "borrow: assets differ");
        _eq(s, shares, "borrow: shares differ from the share math");
        _eq(loan.balanceOf(who) - balance, a, "borrow: receiver got a different amount");
        _ghostOut(i, _loanIdx[i], a);
        // P-10 and P-28: the borrower's own borrow leaves it healthy and above the dust floor.
        _assertHealthy(i, who, "P-10: borrow left the position unhealthy");
        _assertNotDust(i, who, "P-28: borrow left a debt below minDebt");
        _after(b, c);
    }

    function _leavesDust(Market memory m, uint256 bs, uint256 shares, uint256 assets) internal pure returns (bool) {
        if (m.minDebt == 0 || shares == bs) return false;
        uint256 tba = uint256(m.totalBorrowAssets).zeroFloorSub(assets);
        return (bs - shares).toAssetsUp(tba, m.totalBorrowShares - shares) < m.minDebt;
    }

    function _repayAll(uint256 i, address who) internal {
        uint256 bs = core.position(_ids[i], who).borrowShares;
        Market memory m = core.expectedMarket(_params[i]);
        _repay(i, who, bs.toAssetsUp(m.totalBorrowAssets, m.totalBorrowShares), bs, true);
        _eq(core.position(_ids[i], who).borrowShares, 0, "P-18: full repay left debt");
    }

    function _repay(uint256 i, address who, uint256 assets, uint256 shares, bool byShares) internal {
        ERC20Mock loan = _tokens[_loanIdx[i]];
        // Exactly the predicted assets: the core pulling more would revert the transfer.
        loan.mint(who, assets);
        uint256 balance = loan.balanceOf(who);
        Ctx memory c = Ctx(Kind.Lending, i, who, false);
        Snap memory b = _before(c);
        vm.prank(who);
        (uint256 a, uint256 s) = core.repay(_params[i], byShares ? 0 : assets, byShares ? shares : 0, who, "");
        _eq(a, assets, "repay: assets differ from the share math");
        _eq(s, shares, "repay: shares differ from the share math");
        _eq(balance - loan.balanceOf(who), a, "repay: core pulled a different amount");
        _ghostIn(i, _loanIdx[i], a);
        _assertNotDust(i, who, "P-28: repay left a debt below minDebt");
        _after(b, c);
    }

    /* INTERNAL: CHECKS */

    /// @dev Assertions that only reach the cheatcode (and encode the message) when they fail: they run tens of
    /// times per action.
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

    function _lt(uint256 a, uint256 b, string memory err) internal pure {
        if (a >= b) assertLt(a, b, err);
    }

    function _assertHealthy(uint256 i, address who, string memory err) internal view {
        Position memory p = core.position(_ids[i], who);
        _ok(isHealthy(i, core.market(_ids[i]), p.borrowShares, p.collateral, _oracles[i].price()), err);
    }

    function _assertNotDust(uint256 i, address who, string memory err) internal view {
        uint256 bs = core.position(_ids[i], who).borrowShares;
        if (bs == 0) return;
        Market memory m = core.market(_ids[i]);
        _ge(bs.toAssetsUp(m.totalBorrowAssets, m.totalBorrowShares), m.minDebt, err);
    }

    function _baseLif(uint256 lltv) internal pure returns (uint256) {
        return UtilsLib.min(
            ConstantsLib.MAX_BASE_LIF,
            ConstantsLib.WAD
                .wDivDown(ConstantsLib.WAD - ConstantsLib.LIQUIDATION_CURSOR.wMulDown(ConstantsLib.WAD - lltv))
        );
    }

    function _assertMarketEq(Market memory a, Market memory b, string memory err) internal pure {
        _eq(a.totalSupplyAssets, b.totalSupplyAssets, err);
        _eq(a.totalSupplyShares, b.totalSupplyShares, err);
        _eq(a.totalBorrowAssets, b.totalBorrowAssets, err);
        _eq(a.totalBorrowShares, b.totalBorrowShares, err);
        _eq(a.lastUpdate, b.lastUpdate, err);
        _eq(a.fee, b.fee, err);
        _eq(a.minDebt, b.minDebt, err);
    }

    function _assertLiquidationEq(Liquidation memory a, Liquidation memory b) internal pure {
        _eq(uint256(a.status), uint256(b.status), "P-16: batch status differs from preview");
        _eq(a.repaidAssets, b.repaidAssets, "P-16: batch repaidAssets differs from preview");
        _eq(a.repaidShares, b.repaidShares, "P-16: batch repaidShares differs from preview");
        _eq(a.seizedAssets, b.seizedAssets, "P-16: batch seizedAssets differs from preview");
        _eq(a.badDebtAssets, b.badDebtAssets, "P-16: batch badDebtAssets differs from preview");
        _eq(a.badDebtShares, b.badDebtShares, "P-16: batch badDebtShares differs from preview");
        _eq(a.incentiveFactor, b.incentiveFactor, "P-16: batch incentiveFactor differs from preview");
    }

    /// @dev Snapshot, then record storage accesses: call right before the action.
    function _before(Ctx memory c) internal returns (Snap memory s) {
        s = _snap(c);
        vm.record();
    }

    function _snap(Ctx memory c) internal view returns (Snap memory s) {
        for (uint256 i; i < N_MARKETS; ++i) {
            Market memory raw = core.market(_ids[i]);
            s.raw[i] = raw;
            _ge(raw.totalSupplyAssets, raw.totalBorrowAssets, "P-04: borrow above supply");
            s.owed[i][_loanIdx[i]] += raw.totalSupplyAssets - raw.totalBorrowAssets;
            // Equal to the positions' sum by P-03.
            s.owed[i][_collIdx[i]] += _ghostCollateral[i];
            for (uint256 t; t < N_TOKENS; ++t) {
                s.escrow[i][t] = _tokens[t].balanceOf(_escrows[i]);
                _ge(s.escrow[i][t], s.owed[i][t], "P-05: escrow balance below its market's obligations");
            }
            if (i == c.market || c.kind == Kind.Time) s.exp[i] = core.expectedMarket(_params[i]);
        }
        for (uint256 t; t < N_TOKENS; ++t) {
            s.core[t] = _tokens[t].balanceOf(address(core));
        }
        if (c.market == NONE) return s;
        uint256 k = c.market;
        Market memory m = s.exp[k];
        s.price = _oracles[k].price();
        for (uint256 u; u < N_USERS; ++u) {
            Position memory p = core.position(_ids[k], _users[u]);
            PosSnap memory ps = s.pos[u];
            ps.supplyShares = p.supplyShares;
            ps.borrowShares = p.borrowShares;
            ps.collateral = p.collateral;
            ps.debt = ps.borrowShares.toAssetsUp(m.totalBorrowAssets, m.totalBorrowShares);
            ps.healthy = isHealthy(k, m, p.borrowShares, p.collateral, s.price);
        }
    }

    /// @dev The per-action properties, given the snapshot taken before the action.
    function _after(Snap memory b, Ctx memory c) internal {
        _checkAccesses(c);
        Snap memory a = _snap(c);
        for (uint256 i; i < N_MARKETS; ++i) {
            // P-21: an action in one market changes no other market (and a neutral one, no market).
            if (!_acts(c, i)) _assertMarketEq(a.raw[i], b.raw[i], "P-21: another market's totals changed");
            // P-23: lastUpdate never goes back nor ahead of the clock.
            _ge(a.raw[i].lastUpdate, b.raw[i].lastUpdate, "P-23: lastUpdate went back");
            _le(a.raw[i].lastUpdate, block.timestamp, "P-23: lastUpdate ahead of the clock");
            // P-27: the supply share price never falls, except when bad debt is realised.
            if ((i == c.market && !c.badDebt) || c.kind == Kind.Time) {
                _ge(
                    (uint256(a.exp[i].totalSupplyAssets) + 1) * (uint256(b.exp[i].totalSupplyShares) + 1e6),
                    (uint256(b.exp[i].totalSupplyAssets) + 1) * (uint256(a.exp[i].totalSupplyShares) + 1e6),
                    "P-27: supply share price fell"
                );
            }
        }
        for (uint256 i; i < N_MARKETS; ++i) {
            for (uint256 t; t < N_TOKENS; ++t) {
                // P-07: no escrow's surplus over its market's obligations ever shrinks.
                _ge(a.escrow[i][t] - a.owed[i][t], b.escrow[i][t] - b.owed[i][t], "P-07: escrow surplus shrank");
                // P-34: an action in one market moves no other market's escrow balance (and a price move or a
                // time jump none at all).
                if (!_acts(c, i)) _eq(a.escrow[i][t], b.escrow[i][t], "P-34: another market's escrow balance moved");
            }
        }
        // P-35: the core never holds a token of its own; only a donation straight to it changes its balance.
        if (!(c.kind == Kind.Neutral && c.market == NONE)) {
            for (uint256 t; t < N_TOKENS; ++t) {
                _eq(a.core[t], b.core[t], "P-35: the core's own balance moved");
            }
        }
        if (c.market == NONE) return;
        for (uint256 u; u < N_USERS; ++u) {
            PosSnap memory pb = b.pos[u];
            PosSnap memory pa = a.pos[u];
            // P-08: at a fixed price and time, a healthy position stays healthy, whatever anyone does.
            if (pb.healthy) _ok(pa.healthy, "P-08: a healthy position became unhealthy");
            if (_users[u] == c.actor || (_batchPositions >> (c.market * N_USERS + u)) & 1 == 1) continue;
            // P-09: nobody else's action moves a position's collateral or shares, nor raises its debt.
            _eq(pa.borrowShares, pb.borrowShares, "P-09: another's action moved borrow shares");
            _eq(pa.collateral, pb.collateral, "P-09: another's action moved collateral");
            _le(pa.debt, pb.debt, "P-09: another's action raised a debt");
            if (_users[u] == FEE_RECIPIENT) _ge(pa.supplyShares, pb.supplyShares, "P-09: fee recipient lost shares");
            else _eq(pa.supplyShares, pb.supplyShares, "P-09: another's action moved supply shares");
        }
    }

    /// @dev P-22: every core storage write lands in the acting market's own slots; neutral actions, price moves and
    /// time jumps write nothing. P-34: nothing an action does reads or writes another market's slots, neither in the
    /// core (its `_market` and `_position` slots) nor in any token (its escrow's balance or the core's allowance):
    /// the read and write sets of two markets' transactions are disjoint but for the users' own balances.
    function _checkAccesses(Ctx memory c) internal {
        (bytes32[] memory reads, bytes32[] memory writes) = vm.accesses(address(core));
        if (c.kind == Kind.Neutral || c.kind == Kind.Price || c.kind == Kind.Time) {
            _eq(writes.length, 0, "P-22: a neutral action wrote core storage");
        } else {
            for (uint256 w; w < writes.length; ++w) {
                _ok(_isActingSlot(c, writes[w]), "P-22: write outside the acting market's slots");
            }
        }
        for (uint256 j; j < N_MARKETS; ++j) {
            if (_acts(c, j)) continue;
            _checkUntouched(j, reads, "P-34: read of another market's core storage");
            _checkUntouched(j, writes, "P-34: write to another market's core storage");
        }
        for (uint256 t; t < N_TOKENS; ++t) {
            (reads, writes) = vm.accesses(address(_tokens[t]));
            for (uint256 j; j < N_MARKETS; ++j) {
                if (_acts(c, j)) continue;
                _checkEscrowUntouched(j, t, reads, "P-34: read of another market's escrow slot in a token");
                _checkEscrowUntouched(j, t, writes, "P-34: write to another market's escrow slot in a token");
            }
        }
    }

    function _isActingSlot(Ctx memory c, bytes32 slot) internal view returns (bool) {
        if (_isMarketSlot(c.market, slot)) return true;
        for (uint256 i; i < N_MARKETS; ++i) {
            if ((_batchMarkets >> i) & 1 == 1 && _isMarketSlot(i, slot)) return true;
        }
        return false;
    }

    /// @dev One lookup (the access lists are long and checked against every market after every action).
    function _isMarketSlot(uint256 market, bytes32 slot) internal view returns (bool) {
        return _slotMarket[slot] == market + 1;
    }

    function _checkUntouched(uint256 market, bytes32[] memory accessed, string memory err) internal view {
        for (uint256 a; a < accessed.length; ++a) {
            _ok(!_isMarketSlot(market, accessed[a]), err);
        }
    }

    function _checkEscrowUntouched(uint256 market, uint256 t, bytes32[] memory accessed, string memory err)
        internal
        view
    {
        bytes32 balanceSlot = _escrowSlots[market][2 * t];
        bytes32 allowanceSlot = _escrowSlots[market][2 * t + 1];
        for (uint256 a; a < accessed.length; ++a) {
            _ok(accessed[a] != balanceSlot && accessed[a] != allowanceSlot, err);
        }
    }
}
