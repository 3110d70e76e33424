// SPDX-License-Identifier: MIT
pragma solidity ^0.8.0;

/// @dev Market id: keccak256(abi.encode(MarketParams)).
type Id is bytes32;

/// @notice What defines an isolated market.
struct MarketParams {
    /// @dev Token lent and borrowed.
    address loanToken;
    /// @dev Token posted as collateral.
    address collateralToken;
    /// @dev IOracle valuing collateral in loan token (scale 1e36).
    address oracle;
    /// @dev IRateModel of the market.
    address rateModel;
    /// @dev Liquidation loan-to-value (WAD).
    uint256 lltv;
}

/// @notice A position in a market. Packed in two slots.
struct Position {
    uint256 supplyShares;
    uint128 borrowShares;
    /// @dev Collateral token units.
    uint128 collateral;
}

/// @notice A market's totals. Packed in three slots.
/// @dev totalSupplyAssets/totalBorrowAssets do not include interest accrued since lastUpdate.
struct Market {
    uint128 totalSupplyAssets;
    uint128 totalSupplyShares;
    uint128 totalBorrowAssets;
    uint128 totalBorrowShares;
    /// @dev Timestamp of the last accrual (seconds); zero iff the market does not exist.
    uint64 lastUpdate;
    /// @dev Protocol fee on interest (WAD).
    uint64 fee;
    /// @dev Dust floor (loan token units): a debt is either zero or at least this. Kept in the slot every
    /// action reads anyway, so enforcing it costs no extra storage read.
    uint128 minDebt;
}

/// @notice Why a liquidation did or would not happen.
enum LiquidationStatus {
    Liquidated,
    MarketNotCreated,
    OracleFailed,
    NoDebt,
    Healthy,
    RepayTooSmall,
    /// @dev The market's rate model reverted or returned garbage, so interest could not be accrued
    /// (`liquidateBatch` only: `liquidate` reverts with the rate model's error).
    RateModelFailed,
    /// @dev The oracle allows only deep liquidations (the L2 sequencer's grace period) and the position's health
    /// factor is at least ConstantsLib.GRACE_LIQUIDATION_HEALTH.
    DeepOnly
}

/// @notice What a liquidation repays and seizes (see LiquidationLib for the rules).
struct Liquidation {
    LiquidationStatus status;
    /// @dev Loan assets the liquidator pays.
    uint256 repaidAssets;
    /// @dev Borrow shares burnt by the repayment.
    uint256 repaidShares;
    /// @dev Collateral the liquidator receives.
    uint256 seizedAssets;
    /// @dev Loan assets written off (socialised) because the collateral ran out.
    uint256 badDebtAssets;
    /// @dev Borrow shares written off.
    uint256 badDebtShares;
    /// @dev Liquidation incentive factor applied (WAD).
    uint256 incentiveFactor;
}

/// @notice One item of `liquidateBatch`.
struct LiquidationRequest {
    MarketParams marketParams;
    address borrower;
    /// @dev Upper bound on loan assets to repay; type(uint256).max takes what the rules allow.
    uint256 maxRepayAssets;
    /// @dev Passed to onCantileverLiquidate when non-empty.
    bytes data;
}

/// @title ICantilever
/// @notice Isolated lending markets with target-health liquidations, flash liquidation and batches.
interface ICantilever {
    // ---------------------------------------------------------------- owner

    function owner() external view returns (address);
    function feeRecipient() external view returns (address);
    function isRateModelEnabled(address rateModel) external view returns (bool);
    function isLltvEnabled(uint256 lltv) external view returns (bool);

    function setOwner(address newOwner) external;
    function setFeeRecipient(address newFeeRecipient) external;
    function enableRateModel(address rateModel) external;
    function enableLltv(uint256 lltv) external;
    /// @notice Sets a market's protocol fee on interest (WAD, at most 25%). Accrues interest first.
    function setFee(MarketParams memory marketParams, uint256 newFee) external;
    /// @notice Sets a market's dust floor (loan token units): debts must be zero or at least this, and
    /// partial liquidations never leave less.
    /// @dev Positions already below it stay as they are; they can be repaid or liquidated in full only.
    function setMinDebt(MarketParams memory marketParams, uint256 newMinDebt) external;

    // ---------------------------------------------------------------- markets

    /// @notice Creates a market. Permissionless over enabled rate models and LLTVs.
    function createMarket(MarketParams memory marketParams) external;

    function market(Id id) external view returns (Market memory);
    function position(Id id, address user) external view returns (Position memory);
    function idToMarketParams(Id id) external view returns (MarketParams memory);

    /// @notice The address holding market `id`'s tokens: its MarketEscrow, created with the market by CREATE2
    /// (salt = id), so `keccak256(0xff ++ core ++ id ++ ESCROW_INIT_CODE_HASH)[12:]`. Defined (and computable
    /// off-chain) before the market exists; it has code only once the market is created.
    /// @dev Only the core can move an escrow's tokens (the escrow approved the core, and nobody else, at creation).
    /// Tokens sent straight to an escrow are a donation: they change no accounting.
    function escrowOf(Id id) external view returns (address escrow);

    /// @notice keccak256 of MarketEscrow's init code (constant: the escrow reads its tokens back from the core).
    function ESCROW_INIT_CODE_HASH() external view returns (bytes32);

    /// @notice `authorized` may manage the caller's positions (withdraw, borrow, withdraw collateral).
    function setAuthorization(address authorized, bool newIsAuthorized) external;
    function isAuthorized(address authorizer, address authorized) external view returns (bool);

    // ---------------------------------------------------------------- lending

    /// @notice Supplies exactly `assets` or exactly `shares` (the other must be zero) for `onBehalf`.
    /// @dev Calls onCantileverSupply(assets, data) on the caller when data is non-empty, then pulls the assets.
    function supply(
        MarketParams memory marketParams,
        uint256 assets,
        uint256 shares,
        address onBehalf,
        bytes memory data
    ) external returns (uint256 assetsSupplied, uint256 sharesSupplied);

    /// @notice Withdraws exactly `assets` or exactly `shares` (the other must be zero) of `onBehalf`'s supply, at
    /// the share price.
    /// @dev Reverts `OracleDown` while the market has debt and its oracle's `liquidationPrice()` reverts: nobody
    /// can liquidate then, so the share price may hide bad debt, and suppliers leaving at it would leave that loss
    /// to the last ones. `withdrawIdle` is always open.
    function withdraw(
        MarketParams memory marketParams,
        uint256 assets,
        uint256 shares,
        address onBehalf,
        address receiver
    ) external returns (uint256 assetsWithdrawn, uint256 sharesWithdrawn);

    /// @notice Burns `shares` of `onBehalf`'s supply for their part of the market's idle liquidity only
    /// (`shares * (totalSupplyAssets - totalBorrowAssets) / totalSupplyShares`, rounded down): the exit that
    /// needs no oracle, open even while `withdraw` is closed by a dead oracle. The shares' claim on the
    /// outstanding loans is forfeited to the suppliers who stay, so whatever those loans turn out to be worth, an
    /// exit never lowers the share price of the others (a supplier who can wait for the oracle should).
    function withdrawIdle(MarketParams memory marketParams, uint256 shares, address onBehalf, address receiver)
        external
        returns (uint256 assetsWithdrawn);

    /// @notice Borrows for `onBehalf`, which must stay healthy. Fails closed if the oracle reverts.
    function borrow(
        MarketParams memory marketParams,
        uint256 assets,
        uint256 shares,
        address onBehalf,
        address receiver
    ) external returns (uint256 assetsBorrowed, uint256 sharesBorrowed);

    /// @notice Repays exactly `assets` or exactly `shares`. Pass the position's borrowShares to repay in full.
    /// @dev Never needs the oracle: a borrower can always repay, whatever the feed does.
    function repay(
        MarketParams memory marketParams,
        uint256 assets,
        uint256 shares,
        address onBehalf,
        bytes memory data
    ) external returns (uint256 assetsRepaid, uint256 sharesRepaid);

    function supplyCollateral(MarketParams memory marketParams, uint256 assets, address onBehalf, bytes memory data)
        external;

    function withdrawCollateral(MarketParams memory marketParams, uint256 assets, address onBehalf, address receiver)
        external;

    // ---------------------------------------------------------------- liquidation

    /// @notice Liquidates `borrower` when its LTV exceeds the LLTV: repays up to `maxRepayAssets` of its debt
    /// and sends the seized collateral (with the incentive) to the caller, then calls
    /// onCantileverLiquidate(repaidAssets, data) when data is non-empty, then pulls repaidAssets.
    /// @dev Warning: a borrower (or anyone) can front-run with a small repay. Pass type(uint256).max as
    /// maxRepayAssets to take whatever the rules allow at execution time rather than revert.
    function liquidate(MarketParams memory marketParams, address borrower, uint256 maxRepayAssets, bytes memory data)
        external
        returns (uint256 repaidAssets, uint256 seizedAssets);

    /// @notice Best-effort liquidations: items whose market is missing, oracle reverts, position has no debt
    /// or is healthy, or whose maxRepayAssets is too small are skipped, never reverting the others.
    /// @dev Warning: markets are permissionless, and only an oracle that reverts or returns zero is skipped. An
    /// oracle that burns all gas or a token whose transfer reverts still reverts the whole batch: batch only
    /// markets whose oracle and tokens you trust (the keeper does).
    /// @return results One entry per request; `status` says whether it was liquidated or why not.
    function liquidateBatch(LiquidationRequest[] calldata requests) external returns (Liquidation[] memory results);

    /// @notice Exactly what `liquidate(marketParams, borrower, maxRepayAssets, ...)` would do now
    /// (interest accrued to this block), or why it would not.
    function previewLiquidation(MarketParams memory marketParams, address borrower, uint256 maxRepayAssets)
        external
        view
        returns (Liquidation memory);

    // ---------------------------------------------------------------- other

    /// @notice Lends `assets` of `token` (the loan or the collateral token of market `id`) out of that market's escrow
    /// for the duration of onCantileverFlashLoan, then pulls them back into the escrow; free.
    /// @dev Per market, so that flash loans in different markets touch different balance slots. At most what the
    /// escrow holds (supply - borrow, plus collateral, plus donations) can be lent. A token that is not one of the
    /// market's two reverts (the escrow gave the core no allowance for it).
    function flashLoan(Id id, address token, uint256 assets, bytes calldata data) external;

    /// @notice Accrues a market's interest to this block.
    function accrueInterest(MarketParams memory marketParams) external;

    /// @notice The market's totals with interest accrued to this block (view).
    function expectedMarket(MarketParams memory marketParams) external view returns (Market memory);

    /// @notice `expectedMarket` with the borrow rate, the interest and the fee shares of that accrual (what
    /// `accrueInterest` would write and emit). `liquidateBatch` calls it on itself, where a failing rate model
    /// can be caught and reported as `RateModelFailed` instead of reverting the whole batch.
    function accruedMarketOf(MarketParams memory marketParams)
        external
        view
        returns (Market memory, uint256 rate, uint256 interest, uint256 feeShares);
}
