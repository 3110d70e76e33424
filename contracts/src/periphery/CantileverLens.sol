// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ICantilever, Id, Market, MarketParams, Position} from "../interfaces/ICantilever.sol";
import {IOracle} from "../interfaces/IOracle.sol";
import {ConstantsLib} from "../libraries/ConstantsLib.sol";
import {MarketParamsLib} from "../libraries/MarketParamsLib.sol";
import {MathLib} from "../libraries/MathLib.sol";
import {SharesMathLib} from "../libraries/SharesMathLib.sol";

/// @notice One position's health as the core would judge it now (interest accrued to this block).
struct PositionHealth {
    Id id;
    address borrower;
    uint256 borrowShares;
    /// @dev Loan token units, rounded up (as the core values debt).
    uint256 debt;
    /// @dev Collateral token units.
    uint256 collateral;
    /// @dev The oracle's liquidation price (scale 1e36), the one the core liquidates at; zero when it reverted.
    uint256 price;
    /// @dev collateral * price / 1e36 * LLTV, rounded down (loan token units): the most debt that is healthy.
    uint256 maxDebt;
    /// @dev maxDebt / debt (WAD); type(uint256).max without debt. Below 1e18 = liquidatable.
    uint256 healthFactor;
    /// @dev Lowest oracle price (scale 1e36) at which the position is healthy, rounded up; 0 without debt,
    /// type(uint256).max with debt and no collateral.
    uint256 liquidationPrice;
    bool liquidatable;
    /// @dev False when the oracle reverted: price-dependent fields are then zero and liquidatable is false,
    /// as the core would refuse to liquidate.
    bool priceOk;
    /// @dev The oracle allows only deep liquidations (sequencer grace period): liquidatable only below health
    /// ConstantsLib.GRACE_LIQUIDATION_HEALTH.
    bool deepOnly;
}

/// @title CantileverLens
/// @notice Reads many positions' debt, collateral, health and liquidation price in one eth_call, with exactly
/// the core's rounding, so a keeper can verify its own health engine against the chain.
contract CantileverLens {
    using MarketParamsLib for MarketParams;
    using MathLib for uint256;
    using SharesMathLib for uint256;

    ICantilever public immutable CORE;

    constructor(ICantilever core) {
        CORE = core;
    }

    /// @notice Health of `borrowers` in one market.
    function positions(MarketParams calldata marketParams, address[] calldata borrowers)
        external
        view
        returns (PositionHealth[] memory out)
    {
        Id id = marketParams.id();
        Market memory m = CORE.expectedMarket(marketParams);
        (bool priceOk, uint256 price, bool deepOnly) = _price(marketParams.oracle);
        out = new PositionHealth[](borrowers.length);
        for (uint256 i; i < borrowers.length; ++i) {
            out[i] = _health(id, m, marketParams.lltv, borrowers[i], priceOk, price);
            out[i].deepOnly = deepOnly;
            if (deepOnly && out[i].liquidatable) {
                out[i].liquidatable = out[i].maxDebt < out[i].debt.wMulDown(ConstantsLib.GRACE_LIQUIDATION_HEALTH);
            }
        }
    }

    function _health(Id id, Market memory m, uint256 lltv, address borrower, bool priceOk, uint256 price)
        internal
        view
        returns (PositionHealth memory h)
    {
        Position memory p = CORE.position(id, borrower);
        h.id = id;
        h.borrower = borrower;
        h.borrowShares = p.borrowShares;
        h.collateral = p.collateral;
        h.debt = h.borrowShares.toAssetsUp(m.totalBorrowAssets, m.totalBorrowShares);
        if (h.debt != 0) {
            h.liquidationPrice = h.collateral == 0
                ? type(uint256).max
                : h.debt.wDivUp(lltv).mulDivUp(ConstantsLib.ORACLE_PRICE_SCALE, h.collateral);
        }
        h.priceOk = priceOk;
        if (!priceOk) return h;
        h.price = price;
        h.maxDebt = h.collateral.mulDivDown(price, ConstantsLib.ORACLE_PRICE_SCALE).wMulDown(lltv);
        h.healthFactor = h.debt == 0 ? type(uint256).max : h.maxDebt.wDivDown(h.debt);
        h.liquidatable = h.debt > h.maxDebt;
    }

    function _price(address oracle) internal view returns (bool ok, uint256 price, bool deepOnly) {
        try IOracle(oracle).liquidationPrice() returns (uint256 p, bool d) {
            return (p != 0, p, d);
        } catch {
            return (false, 0, false);
        }
    }
}
