// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {
    ICantileverFlashLoanCallback,
    ICantileverLiquidateCallback,
    ICantileverRepayCallback,
    ICantileverSupplyCallback,
    ICantileverSupplyCollateralCallback
} from "../../../src/interfaces/ICallbacks.sol";
import {ICantilever, Id, Liquidation, Market, MarketParams, Position} from "../../../src/interfaces/ICantilever.sol";
import {ConstantsLib} from "../../../src/libraries/ConstantsLib.sol";
import {MathLib} from "../../../src/libraries/MathLib.sol";
import {SharesMathLib} from "../../../src/libraries/SharesMathLib.sol";
import {BaseTest} from "../../utils/BaseTest.sol";
import {ERC20Mock} from "../../utils/mocks/ERC20Mock.sol";

/// @notice BaseTest plus the helpers every core unit test shares.
abstract contract CoreBase is BaseTest {
    using MathLib for uint256;
    using SharesMathLib for uint256;

    /// @dev Base incentive factor of the 80% LLTV market (WAD): 1 / (1 - 0.3 * 0.2), rounded down.
    uint256 internal constant BASE_LIF_80 = 1063829787234042553;

    /// @dev Storage slot of `_market` in Cantilever (owner, feeRecipient, isRateModelEnabled, isLltvEnabled,
    /// isAuthorized come first). Only used to force share prices no realistic flow reaches; `_storeTotals`
    /// checks the layout through `market(id)`.
    uint256 internal constant MARKET_SLOT = 5;

    /// @dev Moves time forward. Reads the timestamp through the cheatcode: the optimizer may reuse an earlier
    /// TIMESTAMP within one test function, so `vm.warp(block.timestamp + x)` twice would not add up.
    function _skip(uint256 seconds_) internal {
        vm.warp(vm.getBlockTimestamp() + seconds_);
    }

    function _position(address user) internal view returns (Position memory) {
        return core.position(id, user);
    }

    function _market() internal view returns (Market memory) {
        return core.market(id);
    }

    /// @dev Overwrites a market's supply or borrow totals (word 0: supply, word 1: borrow).
    function _storeTotals(uint256 word, uint128 totalAssets, uint128 totalShares) internal {
        bytes32 slot = bytes32(uint256(keccak256(abi.encode(id, MARKET_SLOT))) + word);
        vm.store(address(core), slot, bytes32((uint256(totalShares) << 128) | totalAssets));
        Market memory m = core.market(id);
        if (word == 0) {
            assertEq(m.totalSupplyAssets, totalAssets, "layout: supply assets");
            assertEq(m.totalSupplyShares, totalShares, "layout: supply shares");
        } else {
            assertEq(m.totalBorrowAssets, totalAssets, "layout: borrow assets");
            assertEq(m.totalBorrowShares, totalShares, "layout: borrow shares");
        }
    }

    /// @dev Collateral value (loan units) of `user` at the current oracle price, as the core computes it.
    function _collateralValue(address user) internal view returns (uint256) {
        return uint256(_position(user).collateral).mulDivDown(oracle.price(), ConstantsLib.ORACLE_PRICE_SCALE);
    }

    /// @dev A market identical to the default one but with another LLTV (enabled on the way).
    function _marketWithLltv(uint256 lltv) internal returns (MarketParams memory mp) {
        if (!core.isLltvEnabled(lltv)) {
            vm.prank(OWNER);
            core.enableLltv(lltv);
        }
        mp = marketParams;
        mp.lltv = lltv;
        core.createMarket(mp);
    }

    function _mintApprove(address user, ERC20Mock token, uint256 amount) internal {
        token.mint(user, amount);
        vm.prank(user);
        token.approve(address(core), type(uint256).max);
    }

    /// @dev LTV (WAD, rounded up) of `user` after interest at the current price.
    function _ltv(address user) internal view returns (uint256) {
        uint256 value = _collateralValue(user);
        return value == 0 ? type(uint256).max : _debt(user).wDivUp(value);
    }

    function _assertEqLiquidation(Liquidation memory a, Liquidation memory b, string memory what) internal pure {
        assertEq(uint256(a.status), uint256(b.status), string.concat(what, ": status"));
        assertEq(a.repaidAssets, b.repaidAssets, string.concat(what, ": repaidAssets"));
        assertEq(a.repaidShares, b.repaidShares, string.concat(what, ": repaidShares"));
        assertEq(a.seizedAssets, b.seizedAssets, string.concat(what, ": seizedAssets"));
        assertEq(a.badDebtAssets, b.badDebtAssets, string.concat(what, ": badDebtAssets"));
        assertEq(a.badDebtShares, b.badDebtShares, string.concat(what, ": badDebtShares"));
        assertEq(a.incentiveFactor, b.incentiveFactor, string.concat(what, ": incentiveFactor"));
    }
}

/// @notice Calls the core and pays through every callback by minting the owed tokens just in time.
contract CallbackUser is
    ICantileverSupplyCallback,
    ICantileverRepayCallback,
    ICantileverSupplyCollateralCallback,
    ICantileverFlashLoanCallback
{
    ICantilever internal immutable CORE;
    ERC20Mock internal immutable LOAN;
    ERC20Mock internal immutable COLLATERAL;

    uint256 public lastCallbackAssets;
    bytes public lastCallbackData;
    uint256 public callbacks;
    /// @dev Balance the flash loan callback saw.
    uint256 public flashBalance;
    /// @dev Whether the flash loan callback approves the repayment.
    bool public payBack = true;

    constructor(ICantilever core_, ERC20Mock loan, ERC20Mock collateral) {
        CORE = core_;
        LOAN = loan;
        COLLATERAL = collateral;
        loan.approve(address(core_), type(uint256).max);
        collateral.approve(address(core_), type(uint256).max);
    }

    function setPayBack(bool newPayBack) external {
        payBack = newPayBack;
    }

    function supply(MarketParams memory mp, uint256 assets, bytes memory data) external {
        CORE.supply(mp, assets, 0, address(this), data);
    }

    function repay(MarketParams memory mp, uint256 assets, address onBehalf, bytes memory data) external {
        CORE.repay(mp, assets, 0, onBehalf, data);
    }

    function supplyCollateral(MarketParams memory mp, uint256 assets, bytes memory data) external {
        CORE.supplyCollateral(mp, assets, address(this), data);
    }

    function flashLoan(Id marketId, address token, uint256 assets, bytes memory data) external {
        CORE.flashLoan(marketId, token, assets, data);
    }

    function onCantileverSupply(uint256 assets, bytes calldata data) external {
        _record(assets, data);
        LOAN.mint(address(this), assets);
    }

    function onCantileverRepay(uint256 assets, bytes calldata data) external {
        _record(assets, data);
        LOAN.mint(address(this), assets);
    }

    function onCantileverSupplyCollateral(uint256 assets, bytes calldata data) external {
        _record(assets, data);
        COLLATERAL.mint(address(this), assets);
    }

    function onCantileverFlashLoan(uint256 assets, bytes calldata data) external {
        _record(assets, data);
        address token = abi.decode(data, (address));
        flashBalance = ERC20Mock(token).balanceOf(address(this));
        ERC20Mock(token).approve(address(CORE), payBack ? assets : 0);
    }

    function _record(uint256 assets, bytes calldata data) internal {
        require(msg.sender == address(CORE), "not core");
        lastCallbackAssets = assets;
        lastCallbackData = data;
        ++callbacks;
    }
}

/// @notice A liquidator with no capital: in the callback it "sells" the seized collateral on a pretend DEX (burns
/// it and mints loan tokens at the oracle price) and repays from the proceeds.
contract FlashLiquidator is ICantileverLiquidateCallback {
    using MathLib for uint256;

    ICantilever internal immutable CORE;
    ERC20Mock internal immutable LOAN;
    ERC20Mock internal immutable COLLATERAL;
    uint256 public callbackRepaid;
    uint256 public collateralSeenInCallback;

    constructor(ICantilever core_, ERC20Mock loan, ERC20Mock collateral) {
        CORE = core_;
        LOAN = loan;
        COLLATERAL = collateral;
    }

    function liquidate(MarketParams memory mp, address borrower, uint256 maxRepay) external returns (uint256, uint256) {
        return CORE.liquidate(mp, borrower, maxRepay, abi.encode(mp.oracle));
    }

    function onCantileverLiquidate(uint256 repaidAssets, bytes calldata data) external {
        require(msg.sender == address(CORE), "not core");
        callbackRepaid = repaidAssets;
        uint256 seized = COLLATERAL.balanceOf(address(this));
        collateralSeenInCallback = seized;
        uint256 price = OraclePrice(abi.decode(data, (address))).price();
        // Sell everything at the oracle price.
        COLLATERAL.setBalance(address(this), 0);
        LOAN.mint(address(this), seized.mulDivDown(price, ConstantsLib.ORACLE_PRICE_SCALE));
        LOAN.approve(address(CORE), repaidAssets);
    }
}

interface OraclePrice {
    function price() external view returns (uint256);
}

/// @notice An "oracle" that answers fewer than 32 bytes.
contract ShortAnswerOracle {
    fallback() external {
        assembly {
            mstore(0, 1)
            return(31, 1)
        }
    }
}
