// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {MarketEscrow} from "./MarketEscrow.sol";
import {
    ICantileverFlashLoanCallback,
    ICantileverLiquidateCallback,
    ICantileverRepayCallback,
    ICantileverSupplyCallback,
    ICantileverSupplyCollateralCallback
} from "./interfaces/ICallbacks.sol";
import {
    ICantilever,
    Id,
    Liquidation,
    LiquidationRequest,
    LiquidationStatus,
    Market,
    MarketParams,
    Position
} from "./interfaces/ICantilever.sol";
import {IEscrowDeployer} from "./interfaces/IEscrowDeployer.sol";
import {IOracle} from "./interfaces/IOracle.sol";
import {IRateModel} from "./interfaces/IRateModel.sol";
import {ConstantsLib} from "./libraries/ConstantsLib.sol";
import {ErrorsLib} from "./libraries/ErrorsLib.sol";
import {EventsLib} from "./libraries/EventsLib.sol";
import {LiquidationLib} from "./libraries/LiquidationLib.sol";
import {MarketParamsLib} from "./libraries/MarketParamsLib.sol";
import {MathLib} from "./libraries/MathLib.sol";
import {SafeTransferLib} from "./libraries/SafeTransferLib.sol";
import {SharesMathLib} from "./libraries/SharesMathLib.sol";
import {UtilsLib} from "./libraries/UtilsLib.sol";

/// @title Cantilever
/// @notice Isolated lending markets in one core, each with custody of its own. A market's state lives under its
/// id and its tokens at its escrow (a MarketEscrow at `escrowOf(id)`), so actions in different markets touch
/// disjoint storage, in the core and in the tokens (the users' own balances aside): they never conflict on a
/// parallel EVM.
/// @dev Custody: tokens come in with `transferFrom(payer, escrow)` (users approve the core only) and leave with
/// `transferFrom(escrow, to)`, spending the maximum allowance the escrow gave the core at its creation. Measured as
/// its own transaction (contracts/test/gas/CustodyGas.t.sol), an outflow costs 2,426 gas more than from one pooled
/// balance (the token's cold allowance read; a token that skips the write for a maximum allowance, as OpenZeppelin,
/// Solmate, Solady, WETH, DAI and USDT do, writes nothing), where an escrow that pushes (`escrow.push(token, to,
/// amount)`, guarded to the core) costs 3,308 more: a cold account, a call frame and a function surface on the
/// escrow. Inflows cost the same either way. See README, "Per-market custody".
/// Reentrancy: every entry point finishes its state changes (checks-effects) before any callback or token
/// transfer (interactions), so a reentrant call through a callback or a token hook sees consistent state and can
/// do nothing it could not do in a separate transaction. No lock is needed (a lock would also be a slot every
/// market writes), which keeps flash-loan callbacks free to open positions (the margin router relies on it).
contract Cantilever is ICantilever, IEscrowDeployer {
    using MarketParamsLib for MarketParams;
    using MathLib for uint256;
    using SharesMathLib for uint256;
    using UtilsLib for uint256;
    using SafeTransferLib for address;

    /// @inheritdoc ICantilever
    bytes32 public immutable ESCROW_INIT_CODE_HASH = keccak256(type(MarketEscrow).creationCode);

    /// @inheritdoc ICantilever
    address public owner;
    /// @inheritdoc ICantilever
    address public feeRecipient;
    /// @inheritdoc ICantilever
    mapping(address => bool) public isRateModelEnabled;
    /// @inheritdoc ICantilever
    mapping(uint256 => bool) public isLltvEnabled;
    /// @inheritdoc ICantilever
    mapping(address => mapping(address => bool)) public isAuthorized;

    mapping(Id => Market) internal _market;
    mapping(Id => mapping(address => Position)) internal _position;
    mapping(Id => MarketParams) internal _idToMarketParams;

    /// @dev The tokens of the escrow being created, read back by its constructor (`escrowTokens`). Transient: set
    /// and cleared within `createMarket`.
    address private transient _escrowLoanToken;
    address private transient _escrowCollateralToken;

    constructor(address newOwner) {
        if (newOwner == address(0)) revert ErrorsLib.ZeroAddress();
        owner = newOwner;
        emit EventsLib.SetOwner(newOwner);
    }

    modifier onlyOwner() {
        if (msg.sender != owner) revert ErrorsLib.NotOwner();
        _;
    }

    // ------------------------------------------------------------------------------------------- owner

    /// @inheritdoc ICantilever
    function setOwner(address newOwner) external onlyOwner {
        if (newOwner == owner) revert ErrorsLib.AlreadySet();
        owner = newOwner;
        emit EventsLib.SetOwner(newOwner);
    }

    /// @inheritdoc ICantilever
    function setFeeRecipient(address newFeeRecipient) external onlyOwner {
        if (newFeeRecipient == feeRecipient) revert ErrorsLib.AlreadySet();
        feeRecipient = newFeeRecipient;
        emit EventsLib.SetFeeRecipient(newFeeRecipient);
    }

    /// @inheritdoc ICantilever
    function enableRateModel(address rateModel) external onlyOwner {
        if (isRateModelEnabled[rateModel]) revert ErrorsLib.AlreadySet();
        isRateModelEnabled[rateModel] = true;
        emit EventsLib.EnableRateModel(rateModel);
    }

    /// @inheritdoc ICantilever
    function enableLltv(uint256 lltv) external onlyOwner {
        if (isLltvEnabled[lltv]) revert ErrorsLib.AlreadySet();
        if (lltv >= ConstantsLib.WAD) revert ErrorsLib.MaxLltvExceeded();
        isLltvEnabled[lltv] = true;
        emit EventsLib.EnableLltv(lltv);
    }

    /// @inheritdoc ICantilever
    function setFee(MarketParams memory marketParams, uint256 newFee) external onlyOwner {
        Id id = marketParams.id();
        if (_market[id].lastUpdate == 0) revert ErrorsLib.MarketNotCreated();
        if (newFee == _market[id].fee) revert ErrorsLib.AlreadySet();
        if (newFee > ConstantsLib.MAX_FEE) revert ErrorsLib.MaxFeeExceeded();
        // Interest accrued so far is charged at the old fee.
        _accrueInterest(marketParams, id);
        _market[id].fee = uint64(newFee);
        emit EventsLib.SetFee(id, newFee);
    }

    /// @inheritdoc ICantilever
    function setMinDebt(MarketParams memory marketParams, uint256 newMinDebt) external onlyOwner {
        Id id = marketParams.id();
        Market storage m = _createdMarket(id);
        if (newMinDebt == m.minDebt) revert ErrorsLib.AlreadySet();
        m.minDebt = newMinDebt.toUint128();
        emit EventsLib.SetMinDebt(id, newMinDebt);
    }

    // ------------------------------------------------------------------------------------------- markets

    /// @inheritdoc ICantilever
    function createMarket(MarketParams memory marketParams) external {
        Id id = marketParams.id();
        if (!isRateModelEnabled[marketParams.rateModel]) revert ErrorsLib.RateModelNotEnabled();
        if (!isLltvEnabled[marketParams.lltv]) revert ErrorsLib.LltvNotEnabled();
        if (_market[id].lastUpdate != 0) revert ErrorsLib.MarketAlreadyCreated();
        _market[id].lastUpdate = uint64(block.timestamp);
        _idToMarketParams[id] = marketParams;
        emit EventsLib.CreateMarket(id, marketParams);
        _createEscrow(id, marketParams.loanToken, marketParams.collateralToken);
    }

    /// @inheritdoc IEscrowDeployer
    function escrowTokens() external view returns (address loanToken, address collateralToken) {
        return (_escrowLoanToken, _escrowCollateralToken);
    }

    /// @inheritdoc ICantilever
    function setAuthorization(address authorized, bool newIsAuthorized) external {
        if (newIsAuthorized == isAuthorized[msg.sender][authorized]) revert ErrorsLib.AlreadySet();
        isAuthorized[msg.sender][authorized] = newIsAuthorized;
        emit EventsLib.SetAuthorization(msg.sender, authorized, newIsAuthorized);
    }

    // ------------------------------------------------------------------------------------------- lending

    /// @inheritdoc ICantilever
    function supply(
        MarketParams memory marketParams,
        uint256 assets,
        uint256 shares,
        address onBehalf,
        bytes memory data
    ) external returns (uint256, uint256) {
        Id id = marketParams.id();
        Market storage m = _createdMarket(id);
        if (!assets.exactlyOneZero(shares)) revert ErrorsLib.InconsistentInput();
        if (onBehalf == address(0)) revert ErrorsLib.ZeroAddress();
        _accrueInterest(marketParams, id);

        if (assets > 0) shares = assets.toSharesDown(m.totalSupplyAssets, m.totalSupplyShares);
        else assets = shares.toAssetsUp(m.totalSupplyAssets, m.totalSupplyShares);
        if (shares == 0) revert ErrorsLib.ZeroAssets();

        _position[id][onBehalf].supplyShares += shares;
        m.totalSupplyShares += shares.toUint128();
        m.totalSupplyAssets += assets.toUint128();
        emit EventsLib.Supply(id, msg.sender, onBehalf, assets, shares);

        if (data.length > 0) ICantileverSupplyCallback(msg.sender).onCantileverSupply(assets, data);
        marketParams.loanToken.safeTransferFrom(msg.sender, _escrow(id), assets);
        return (assets, shares);
    }

    /// @inheritdoc ICantilever
    function withdraw(
        MarketParams memory marketParams,
        uint256 assets,
        uint256 shares,
        address onBehalf,
        address receiver
    ) external returns (uint256, uint256) {
        Id id = marketParams.id();
        Market storage m = _createdMarket(id);
        if (!assets.exactlyOneZero(shares)) revert ErrorsLib.InconsistentInput();
        if (receiver == address(0)) revert ErrorsLib.ZeroAddress();
        _checkAuthorized(onBehalf);
        _accrueInterest(marketParams, id);
        if (m.totalBorrowAssets != 0) {
            (bool priced,,) = _tryLiquidationPrice(marketParams.oracle);
            if (!priced) revert ErrorsLib.OracleDown();
        }

        if (assets > 0) shares = assets.toSharesUp(m.totalSupplyAssets, m.totalSupplyShares);
        else assets = shares.toAssetsDown(m.totalSupplyAssets, m.totalSupplyShares);

        _position[id][onBehalf].supplyShares -= shares;
        m.totalSupplyShares -= shares.toUint128();
        m.totalSupplyAssets -= assets.toUint128();
        if (m.totalBorrowAssets > m.totalSupplyAssets) revert ErrorsLib.InsufficientLiquidity();
        emit EventsLib.Withdraw(id, msg.sender, onBehalf, receiver, assets, shares);

        marketParams.loanToken.safeTransferFrom(_escrow(id), receiver, assets);
        return (assets, shares);
    }

    /// @inheritdoc ICantilever
    /// @dev No oracle: the idle liquidity is what the market holds whatever its loans are worth.
    function withdrawIdle(MarketParams memory marketParams, uint256 shares, address onBehalf, address receiver)
        external
        returns (uint256 assets)
    {
        Id id = marketParams.id();
        Market storage m = _createdMarket(id);
        if (shares == 0) revert ErrorsLib.ZeroAssets();
        if (receiver == address(0)) revert ErrorsLib.ZeroAddress();
        _checkAuthorized(onBehalf);
        _accrueInterest(marketParams, id);

        assets = shares.toAssetsDown(m.totalSupplyAssets - m.totalBorrowAssets, m.totalSupplyShares);
        _position[id][onBehalf].supplyShares -= shares;
        m.totalSupplyShares -= shares.toUint128();
        m.totalSupplyAssets -= assets.toUint128();
        if (m.totalBorrowAssets > m.totalSupplyAssets) revert ErrorsLib.InsufficientLiquidity();
        emit EventsLib.Withdraw(id, msg.sender, onBehalf, receiver, assets, shares);

        if (assets != 0) marketParams.loanToken.safeTransferFrom(_escrow(id), receiver, assets);
    }

    /// @inheritdoc ICantilever
    function borrow(
        MarketParams memory marketParams,
        uint256 assets,
        uint256 shares,
        address onBehalf,
        address receiver
    ) external returns (uint256, uint256) {
        Id id = marketParams.id();
        Market storage m = _createdMarket(id);
        if (!assets.exactlyOneZero(shares)) revert ErrorsLib.InconsistentInput();
        if (receiver == address(0)) revert ErrorsLib.ZeroAddress();
        _checkAuthorized(onBehalf);
        _accrueInterest(marketParams, id);

        if (assets > 0) shares = assets.toSharesUp(m.totalBorrowAssets, m.totalBorrowShares);
        else assets = shares.toAssetsDown(m.totalBorrowAssets, m.totalBorrowShares);

        Position storage p = _position[id][onBehalf];
        p.borrowShares += shares.toUint128();
        m.totalBorrowShares += shares.toUint128();
        m.totalBorrowAssets += assets.toUint128();
        _checkNotDust(p.borrowShares, m);
        if (!_isHealthy(marketParams, p, m)) revert ErrorsLib.InsufficientCollateral();
        if (m.totalBorrowAssets > m.totalSupplyAssets) revert ErrorsLib.InsufficientLiquidity();
        emit EventsLib.Borrow(id, msg.sender, onBehalf, receiver, assets, shares);

        marketParams.loanToken.safeTransferFrom(_escrow(id), receiver, assets);
        return (assets, shares);
    }

    /// @inheritdoc ICantilever
    function repay(
        MarketParams memory marketParams,
        uint256 assets,
        uint256 shares,
        address onBehalf,
        bytes memory data
    ) external returns (uint256, uint256) {
        Id id = marketParams.id();
        Market storage m = _createdMarket(id);
        if (!assets.exactlyOneZero(shares)) revert ErrorsLib.InconsistentInput();
        if (onBehalf == address(0)) revert ErrorsLib.ZeroAddress();
        _accrueInterest(marketParams, id);

        if (assets > 0) shares = assets.toSharesDown(m.totalBorrowAssets, m.totalBorrowShares);
        else assets = shares.toAssetsUp(m.totalBorrowAssets, m.totalBorrowShares);
        if (shares == 0) revert ErrorsLib.ZeroAssets();

        Position storage p = _position[id][onBehalf];
        p.borrowShares -= shares.toUint128();
        m.totalBorrowShares -= shares.toUint128();
        // Rounding can make the last repayer pay a unit past the total (floored here), or leave a few units of
        // assets no share owes once interest raised the share price (dust that stays with suppliers). Morpho
        // Blue behaves the same; PROPERTIES.md P-26 pins both directions.
        m.totalBorrowAssets = uint256(m.totalBorrowAssets).zeroFloorSub(assets).toUint128();
        _checkNotDust(p.borrowShares, m);
        emit EventsLib.Repay(id, msg.sender, onBehalf, assets, shares);

        if (data.length > 0) ICantileverRepayCallback(msg.sender).onCantileverRepay(assets, data);
        marketParams.loanToken.safeTransferFrom(msg.sender, _escrow(id), assets);
        return (assets, shares);
    }

    /// @inheritdoc ICantilever
    /// @dev No interest accrual and no oracle: adding collateral is always possible and cheap.
    function supplyCollateral(MarketParams memory marketParams, uint256 assets, address onBehalf, bytes memory data)
        external
    {
        Id id = marketParams.id();
        _createdMarket(id);
        if (assets == 0) revert ErrorsLib.ZeroAssets();
        if (onBehalf == address(0)) revert ErrorsLib.ZeroAddress();

        _position[id][onBehalf].collateral += assets.toUint128();
        emit EventsLib.SupplyCollateral(id, msg.sender, onBehalf, assets);

        if (data.length > 0) {
            ICantileverSupplyCollateralCallback(msg.sender).onCantileverSupplyCollateral(assets, data);
        }
        marketParams.collateralToken.safeTransferFrom(msg.sender, _escrow(id), assets);
    }

    /// @inheritdoc ICantilever
    function withdrawCollateral(MarketParams memory marketParams, uint256 assets, address onBehalf, address receiver)
        external
    {
        Id id = marketParams.id();
        Market storage m = _createdMarket(id);
        if (assets == 0) revert ErrorsLib.ZeroAssets();
        if (receiver == address(0)) revert ErrorsLib.ZeroAddress();
        _checkAuthorized(onBehalf);
        _accrueInterest(marketParams, id);

        Position storage p = _position[id][onBehalf];
        p.collateral -= assets.toUint128();
        if (!_isHealthy(marketParams, p, m)) revert ErrorsLib.InsufficientCollateral();
        emit EventsLib.WithdrawCollateral(id, msg.sender, onBehalf, receiver, assets);

        marketParams.collateralToken.safeTransferFrom(_escrow(id), receiver, assets);
    }

    // ------------------------------------------------------------------------------------------- liquidation

    /// @inheritdoc ICantilever
    function liquidate(MarketParams memory marketParams, address borrower, uint256 maxRepayAssets, bytes memory data)
        external
        returns (uint256, uint256)
    {
        Id id = marketParams.id();
        // One read of the market serves the existence check and the accrual.
        Market memory m = _market[id];
        if (m.lastUpdate == 0) revert ErrorsLib.MarketNotCreated();
        m = _accrue(marketParams, id, m);
        // A reverting oracle reverts the liquidation with the oracle's own error (fail closed).
        (uint256 price, bool deepOnly) = IOracle(marketParams.oracle).liquidationPrice();
        Position storage p = _position[id][borrower];
        Liquidation memory l = _plan(marketParams, m, p, maxRepayAssets, price, deepOnly);
        if (l.status == LiquidationStatus.NoDebt) revert ErrorsLib.NoDebt();
        if (l.status == LiquidationStatus.Healthy) revert ErrorsLib.HealthyPosition();
        if (l.status == LiquidationStatus.RepayTooSmall) revert ErrorsLib.RepayTooSmall();
        if (l.status == LiquidationStatus.DeepOnly) revert ErrorsLib.DeepOnly();
        _executeLiquidation(marketParams, id, p, borrower, l, data);
        return (l.repaidAssets, l.seizedAssets);
    }

    /// @inheritdoc ICantilever
    function liquidateBatch(LiquidationRequest[] calldata requests) external returns (Liquidation[] memory results) {
        results = new Liquidation[](requests.length);
        for (uint256 i; i < requests.length; ++i) {
            results[i] = _liquidateItem(requests[i]);
        }
    }

    /// @inheritdoc ICantilever
    function previewLiquidation(MarketParams memory marketParams, address borrower, uint256 maxRepayAssets)
        external
        view
        returns (Liquidation memory l)
    {
        Id id = marketParams.id();
        if (_market[id].lastUpdate == 0) {
            l.status = LiquidationStatus.MarketNotCreated;
            return l;
        }
        Position storage p = _position[id][borrower];
        if (p.borrowShares == 0) {
            l.status = LiquidationStatus.NoDebt;
            return l;
        }
        (bool ok, uint256 price, bool deepOnly) = _tryLiquidationPrice(marketParams.oracle);
        if (!ok) {
            l.status = LiquidationStatus.OracleFailed;
            return l;
        }
        (Market memory m,,,) = _accruedMarket(marketParams, _market[id]);
        return
            LiquidationLib.plan(_input(marketParams, p.borrowShares, p.collateral, m, price, deepOnly, maxRepayAssets));
    }

    // ------------------------------------------------------------------------------------------- flash loans

    /// @inheritdoc ICantilever
    function flashLoan(Id id, address token, uint256 assets, bytes calldata data) external {
        if (assets == 0) revert ErrorsLib.ZeroAssets();
        if (_market[id].lastUpdate == 0) revert ErrorsLib.MarketNotCreated();
        emit EventsLib.FlashLoan(id, msg.sender, token, assets);
        token.safeTransferFrom(_escrow(id), msg.sender, assets);
        ICantileverFlashLoanCallback(msg.sender).onCantileverFlashLoan(assets, data);
        token.safeTransferFrom(msg.sender, _escrow(id), assets);
    }

    // ------------------------------------------------------------------------------------------- interest

    /// @inheritdoc ICantilever
    function accrueInterest(MarketParams memory marketParams) external {
        Id id = marketParams.id();
        _createdMarket(id);
        _accrueInterest(marketParams, id);
    }

    /// @inheritdoc ICantilever
    function expectedMarket(MarketParams memory marketParams) external view returns (Market memory m) {
        Id id = marketParams.id();
        if (_market[id].lastUpdate == 0) revert ErrorsLib.MarketNotCreated();
        (m,,,) = _accruedMarket(marketParams, _market[id]);
    }

    // ------------------------------------------------------------------------------------------- views

    /// @inheritdoc ICantilever
    function market(Id id) external view returns (Market memory) {
        return _market[id];
    }

    /// @inheritdoc ICantilever
    function position(Id id, address user) external view returns (Position memory) {
        return _position[id][user];
    }

    /// @inheritdoc ICantilever
    function idToMarketParams(Id id) external view returns (MarketParams memory) {
        return _idToMarketParams[id];
    }

    /// @inheritdoc ICantilever
    function escrowOf(Id id) external view returns (address) {
        return _escrow(id);
    }

    // ------------------------------------------------------------------------------------------- internal

    /// @dev The CREATE2 address of the market's escrow: keccak256(0xff ++ core ++ id ++ init code hash)[12:].
    /// About 100 gas, cheaper than any storage read, and the same for a market not yet created.
    function _escrow(Id id) internal view returns (address escrow) {
        bytes32 codeHash = ESCROW_INIT_CODE_HASH;
        assembly ("memory-safe") {
            let ptr := mload(0x40)
            mstore(add(ptr, 0x40), codeHash)
            mstore(add(ptr, 0x20), id)
            mstore(ptr, address())
            mstore8(add(ptr, 0x0b), 0xff)
            escrow := and(keccak256(add(ptr, 0x0b), 0x55), 0xffffffffffffffffffffffffffffffffffffffff)
        }
    }

    /// @dev Deploys the market's escrow at `_escrow(id)`; its constructor reads the tokens back through
    /// `escrowTokens` and approves the core. A token that refuses (or has no code) reverts the market's creation
    /// with the escrow's error.
    function _createEscrow(Id id, address loanToken, address collateralToken) internal {
        _escrowLoanToken = loanToken;
        _escrowCollateralToken = collateralToken;
        bytes memory initCode = type(MarketEscrow).creationCode;
        address escrow;
        assembly ("memory-safe") {
            escrow := create2(0, add(initCode, 0x20), mload(initCode), id)
            if iszero(escrow) {
                returndatacopy(0, 0, returndatasize())
                revert(0, returndatasize())
            }
        }
        _escrowLoanToken = address(0);
        _escrowCollateralToken = address(0);
    }

    function _createdMarket(Id id) internal view returns (Market storage m) {
        m = _market[id];
        if (m.lastUpdate == 0) revert ErrorsLib.MarketNotCreated();
    }

    function _checkAuthorized(address onBehalf) internal view {
        if (msg.sender != onBehalf && !isAuthorized[onBehalf][msg.sender]) revert ErrorsLib.Unauthorized();
    }

    /// @dev A debt must be zero or at least the loan token's minDebt, so every open position is worth a
    /// liquidator's gas.
    function _checkNotDust(uint256 borrowShares, Market storage m) internal view {
        if (borrowShares == 0) return;
        uint256 floor = m.minDebt;
        if (floor != 0 && borrowShares.toAssetsUp(m.totalBorrowAssets, m.totalBorrowShares) < floor) {
            revert ErrorsLib.DustDebt();
        }
    }

    /// @dev Healthy iff debt <= collateral value * LLTV. Only calls the oracle when there is debt, and lets an
    /// oracle revert propagate: borrowing and withdrawing collateral fail closed on a bad feed.
    function _isHealthy(MarketParams memory marketParams, Position storage p, Market storage m)
        internal
        view
        returns (bool)
    {
        uint256 borrowShares = p.borrowShares;
        if (borrowShares == 0) return true;
        uint256 price = IOracle(marketParams.oracle).price();
        if (price == 0) revert ErrorsLib.ZeroPrice();
        uint256 debt = borrowShares.toAssetsUp(m.totalBorrowAssets, m.totalBorrowShares);
        uint256 maxDebt =
            uint256(p.collateral).mulDivDown(price, ConstantsLib.ORACLE_PRICE_SCALE).wMulDown(marketParams.lltv);
        return debt <= maxDebt;
    }

    /// @dev The oracle's liquidation price, or ok = false when it reverts, returns garbage or returns zero.
    function _tryLiquidationPrice(address oracle) internal view returns (bool ok, uint256 price, bool deepOnly) {
        (bool success, bytes memory data) = oracle.staticcall(abi.encodeCall(IOracle.liquidationPrice, ()));
        if (!success || data.length < 64) return (false, 0, false);
        uint256 flag;
        (price, flag) = abi.decode(data, (uint256, uint256));
        // Anything but 0 or 1 is garbage, not a bool.
        if (flag > 1) return (false, 0, false);
        ok = price != 0;
        deepOnly = flag == 1;
    }

    function _plan(
        MarketParams memory marketParams,
        Market memory m,
        Position storage p,
        uint256 maxRepayAssets,
        uint256 price,
        bool deepOnly
    ) internal view returns (Liquidation memory) {
        if (price == 0) revert ErrorsLib.ZeroPrice();
        return
            LiquidationLib.plan(_input(marketParams, p.borrowShares, p.collateral, m, price, deepOnly, maxRepayAssets));
    }

    /// @dev Takes the position's fields rather than the struct: copying the struct would also read the
    /// supplyShares slot, a cold read the liquidation never needs.
    function _input(
        MarketParams memory marketParams,
        uint256 borrowShares,
        uint256 collateral,
        Market memory m,
        uint256 price,
        bool deepOnly,
        uint256 maxRepayAssets
    ) internal pure returns (LiquidationLib.Input memory) {
        return LiquidationLib.Input({
            borrowShares: borrowShares,
            collateral: collateral,
            totalBorrowAssets: m.totalBorrowAssets,
            totalBorrowShares: m.totalBorrowShares,
            price: price,
            deepOnly: deepOnly,
            lltv: marketParams.lltv,
            minDebt: m.minDebt,
            maxRepayAssets: maxRepayAssets
        });
    }

    /// @dev One item of `liquidateBatch`: liquidated, or the reason it is skipped.
    function _liquidateItem(LiquidationRequest calldata r) internal returns (Liquidation memory l) {
        MarketParams memory marketParams = r.marketParams;
        Id id = marketParams.id();
        if (_market[id].lastUpdate == 0) {
            l.status = LiquidationStatus.MarketNotCreated;
            return l;
        }
        (bool accrued, Market memory m) = _tryAccrueInterest(marketParams, id);
        if (!accrued) {
            l.status = LiquidationStatus.RateModelFailed;
            return l;
        }
        Position storage p = _position[id][r.borrower];
        if (p.borrowShares == 0) {
            l.status = LiquidationStatus.NoDebt;
            return l;
        }
        (bool ok, uint256 price, bool deepOnly) = _tryLiquidationPrice(marketParams.oracle);
        if (!ok) {
            l.status = LiquidationStatus.OracleFailed;
            return l;
        }
        l = _plan(marketParams, m, p, r.maxRepayAssets, price, deepOnly);
        if (l.status == LiquidationStatus.Liquidated) _executeLiquidation(marketParams, id, p, r.borrower, l, r.data);
    }

    /// @dev Applies a planned liquidation: state first, then collateral out of the market's escrow, callback,
    /// repayment into the escrow.
    function _executeLiquidation(
        MarketParams memory marketParams,
        Id id,
        Position storage p,
        address borrower,
        Liquidation memory l,
        bytes memory data
    ) internal {
        Market storage m = _market[id];
        uint256 burntShares = l.repaidShares + l.badDebtShares;
        p.borrowShares -= burntShares.toUint128();
        p.collateral -= l.seizedAssets.toUint128();
        m.totalBorrowShares -= burntShares.toUint128();
        m.totalBorrowAssets = uint256(m.totalBorrowAssets).zeroFloorSub(l.repaidAssets + l.badDebtAssets).toUint128();
        if (l.badDebtShares != 0) {
            // Socialised: every supplier of this market shares the loss pro rata through the share price.
            m.totalSupplyAssets -= l.badDebtAssets.toUint128();
            emit EventsLib.RealizeBadDebt(id, borrower, l.badDebtAssets, l.badDebtShares);
        }
        emit EventsLib.Liquidate(id, msg.sender, borrower, l.repaidAssets, l.repaidShares, l.seizedAssets);

        address escrow = _escrow(id);
        if (l.seizedAssets != 0) marketParams.collateralToken.safeTransferFrom(escrow, msg.sender, l.seizedAssets);
        if (data.length > 0) ICantileverLiquidateCallback(msg.sender).onCantileverLiquidate(l.repaidAssets, data);
        if (l.repaidAssets != 0) marketParams.loanToken.safeTransferFrom(msg.sender, escrow, l.repaidAssets);
    }

    /// @dev Returns the accrued market (equal to storage) so callers need not read it again.
    function _accrueInterest(MarketParams memory marketParams, Id id) internal returns (Market memory) {
        return _accrue(marketParams, id, _market[id]);
    }

    /// @dev `_accrueInterest` from the market already read into memory.
    function _accrue(MarketParams memory marketParams, Id id, Market memory accrued) internal returns (Market memory) {
        if (block.timestamp == accrued.lastUpdate) return accrued;
        uint256 rate;
        uint256 interest;
        uint256 feeShares;
        (accrued, rate, interest, feeShares) = _accruedMarket(marketParams, accrued);
        _market[id] = accrued;
        if (feeShares != 0) _position[id][feeRecipient].supplyShares += feeShares;
        emit EventsLib.AccrueInterest(id, rate, interest, feeShares);
        return accrued;
    }

    /// @dev `_accrueInterest` for one item of `liquidateBatch`: a rate model that reverts, returns garbage or a
    /// rate whose interest overflows fails this item (ok = false, nothing written), not the whole batch.
    function _tryAccrueInterest(MarketParams memory marketParams, Id id) internal returns (bool ok, Market memory) {
        Market memory m = _market[id];
        if (block.timestamp == m.lastUpdate || m.totalBorrowAssets == 0) return (true, _accrue(marketParams, id, m));
        // The accrual is pure given the market and the rate model's view: try it as a view through this contract,
        // which is where a revert or a Panic can be caught, then write what it computed.
        try this.accruedMarketOf(marketParams) returns (
            Market memory next, uint256 rate, uint256 interest, uint256 feeShares
        ) {
            _market[id] = next;
            if (feeShares != 0) _position[id][feeRecipient].supplyShares += feeShares;
            emit EventsLib.AccrueInterest(id, rate, interest, feeShares);
            return (true, next);
        } catch {
            return (false, m);
        }
    }

    /// @inheritdoc ICantilever
    function accruedMarketOf(MarketParams memory marketParams)
        external
        view
        returns (Market memory, uint256 rate, uint256 interest, uint256 feeShares)
    {
        return _accruedMarket(marketParams, _market[marketParams.id()]);
    }

    /// @dev The market with interest accrued to now, the interest and the fee shares minted. One code path for
    /// accrual and every view, so previews match execution exactly.
    function _accruedMarket(MarketParams memory marketParams, Market memory m)
        internal
        view
        returns (Market memory, uint256 rate, uint256 interest, uint256 feeShares)
    {
        uint256 elapsed = block.timestamp - m.lastUpdate;
        if (elapsed == 0 || m.totalBorrowAssets == 0) {
            m.lastUpdate = uint64(block.timestamp);
            return (m, 0, 0, 0);
        }
        rate = IRateModel(marketParams.rateModel).borrowRate(m.totalSupplyAssets, m.totalBorrowAssets);
        interest = uint256(m.totalBorrowAssets).wMulDown(rate.wTaylorCompounded(elapsed));
        m.totalBorrowAssets += interest.toUint128();
        m.totalSupplyAssets += interest.toUint128();
        if (m.fee != 0) {
            uint256 feeAmount = interest.wMulDown(m.fee);
            // Shares priced as if the fee were supplied after the interest: other suppliers pay for it.
            feeShares = feeAmount.toSharesDown(m.totalSupplyAssets - feeAmount, m.totalSupplyShares);
            m.totalSupplyShares += feeShares.toUint128();
        }
        m.lastUpdate = uint64(block.timestamp);
        return (m, rate, interest, feeShares);
    }
}
