// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Cantilever} from "../../src/Cantilever.sol";
import {Id, Market, MarketParams, Position} from "../../src/interfaces/ICantilever.sol";
import {JumpRateModel} from "../../src/irm/JumpRateModel.sol";
import {ConstantsLib} from "../../src/libraries/ConstantsLib.sol";
import {MarketParamsLib} from "../../src/libraries/MarketParamsLib.sol";
import {MathLib} from "../../src/libraries/MathLib.sol";
import {SharesMathLib} from "../../src/libraries/SharesMathLib.sol";
import {Test} from "./Test.sol";
import {ERC20Mock} from "./mocks/ERC20Mock.sol";
import {OracleMock} from "./mocks/OracleMock.sol";

/// @notice Shared set-up: a core, an 18/18-decimal market (loan, collateral) at LLTV 80% priced 1:1 by an
/// OracleMock, a jump-rate model, and helpers that act as named users.
abstract contract BaseTest is Test {
    using MarketParamsLib for MarketParams;
    using MathLib for uint256;
    using SharesMathLib for uint256;

    uint256 internal constant LLTV = 0.8e18;
    uint256 internal constant MAX_AMOUNT = 1e30; // token units: far above any real supply, far below uint128
    uint256 internal constant PRICE_ONE = 1e36; // 1 collateral unit = 1 loan unit

    address internal OWNER;
    address internal SUPPLIER;
    address internal BORROWER;
    address internal LIQUIDATOR;
    address internal FEE_RECIPIENT;

    Cantilever internal core;
    ERC20Mock internal loanToken;
    ERC20Mock internal collateralToken;
    OracleMock internal oracle;
    JumpRateModel internal rateModel;
    MarketParams internal marketParams;
    Id internal id;

    function setUp() public virtual {
        OWNER = makeAddr("Owner");
        SUPPLIER = makeAddr("Supplier");
        BORROWER = makeAddr("Borrower");
        LIQUIDATOR = makeAddr("Liquidator");
        FEE_RECIPIENT = makeAddr("FeeRecipient");

        core = new Cantilever(OWNER);
        loanToken = new ERC20Mock("Loan", "LOAN", 18);
        collateralToken = new ERC20Mock("Collateral", "COLL", 18);
        oracle = new OracleMock();
        oracle.setPrice(PRICE_ONE);
        // 2% base, 10% at the 80% kink, 300% jump slope above it (per year).
        rateModel = new JumpRateModel(0.02e18, 0.1e18, 3e18, 0.8e18);

        vm.startPrank(OWNER);
        core.enableRateModel(address(rateModel));
        core.enableLltv(LLTV);
        core.setFeeRecipient(FEE_RECIPIENT);
        vm.stopPrank();

        marketParams = MarketParams({
            loanToken: address(loanToken),
            collateralToken: address(collateralToken),
            oracle: address(oracle),
            rateModel: address(rateModel),
            lltv: LLTV
        });
        id = marketParams.id();
        core.createMarket(marketParams);

        _approveAll(SUPPLIER);
        _approveAll(BORROWER);
        _approveAll(LIQUIDATOR);
    }

    function _approveAll(address user) internal {
        vm.startPrank(user);
        loanToken.approve(address(core), type(uint256).max);
        collateralToken.approve(address(core), type(uint256).max);
        vm.stopPrank();
    }

    function _supply(address user, uint256 assets) internal {
        loanToken.mint(user, assets);
        vm.prank(user);
        core.supply(marketParams, assets, 0, user, "");
    }

    function _supplyCollateral(address user, uint256 assets) internal {
        collateralToken.mint(user, assets);
        vm.prank(user);
        core.supplyCollateral(marketParams, assets, user, "");
    }

    function _borrow(address user, uint256 assets) internal {
        vm.prank(user);
        core.borrow(marketParams, assets, 0, user, user);
    }

    /// @dev Opens a position with `collateral` and borrows `borrowed` against it, with enough liquidity.
    function _openPosition(address user, uint256 collateral, uint256 borrowed) internal {
        _supply(SUPPLIER, borrowed);
        _supplyCollateral(user, collateral);
        _borrow(user, borrowed);
    }

    function _debt(address user) internal view returns (uint256) {
        Market memory m = core.expectedMarket(marketParams);
        return uint256(core.position(id, user).borrowShares).toAssetsUp(m.totalBorrowAssets, m.totalBorrowShares);
    }

    function _isHealthy(address user) internal view returns (bool) {
        Position memory p = core.position(id, user);
        uint256 maxDebt =
            uint256(p.collateral).mulDivDown(oracle.price(), ConstantsLib.ORACLE_PRICE_SCALE).wMulDown(LLTV);
        return _debt(user) <= maxDebt;
    }
}
