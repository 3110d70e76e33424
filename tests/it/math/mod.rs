//! The keeper's health engine is the contracts' math: on a devnet deployed by the real deployment script,
//! hundreds of random positions are opened, time passes and prices crash, then every position's health and
//! liquidation plan computed in Rust (market accrued by the Rust port) must equal the lens and
//! `previewLiquidation` to the wei (also in an L2 sequencer's grace period, the oracle overridden to answer
//! deep-only), and real liquidations must do exactly what the Rust plan said.

use std::time::Instant;

use alloy::eips::BlockId;
use alloy::primitives::{Address, B256, Bytes, I256, U256};
use alloy::providers::DynProvider;
use alloy::providers::Provider;
use alloy::providers::ext::AnvilApi;
use alloy::rpc::types::state::{StateOverride, StateOverridesBuilder};
use cantilever_bindings::cantilever::Cantilever;
use cantilever_bindings::cantilever_lens::CantileverLens;
use cantilever_bindings::chainlink_oracle::ChainlinkOracle;
use cantilever_bindings::erc20_mock::ERC20Mock;
use cantilever_bindings::jump_rate_model::JumpRateModel;
use cantilever_bindings::owner_feed::OwnerFeed;
use cantilever_primitives::MarketParams;
use cantilever_primitives::math::{
    self, Liquidation, LiquidationInput, LiquidationStatus, Market, PositionHealth,
};
use cantilever_tests::{Batch, DEPLOYER, Devnet, SplitMix64, TX_GAS, rpc, scene, shared_devnet};

use crate::TestResult;

const SEED: u64 = 0x00ca_171e_7e40;
const BORROWERS: usize = 300;
/// Utilization each market is supplied for (WAD/1e6): the second and third sit past the 90% kink.
const UTILIZATION_PPM: [u64; 3] = [500_000, 950_000, 980_000];
/// Time travelled between opening positions and checking them (seconds).
const WARP: u64 = 120 * 86_400;
/// Protocol fee set on the second market (WAD), so accrual mints fee shares.
const FEE: u64 = 100_000_000_000_000_000;
/// Feed answers after the crash (8 decimals): USDC, WETH, WBTC.
const CRASH: [(&str, i64); 3] = [
    ("USDC", 100_000_000),
    ("WETH", 230_000_000_000),
    ("WBTC", 5_000_000_000_000),
];

/// One market of the devnet, in the keeper's and in the bindings' types.
struct MarketCtx {
    id: B256,
    params: MarketParams,
    borrowers: Vec<Address>,
}

impl MarketCtx {
    fn core_params(&self) -> Cantilever::MarketParams {
        self.params.into()
    }

    fn lens_params(&self) -> CantileverLens::MarketParams {
        self.params.into()
    }
}

fn to_market(m: &Cantilever::Market) -> Market {
    Market {
        total_supply_assets: m.totalSupplyAssets,
        total_supply_shares: m.totalSupplyShares,
        total_borrow_assets: m.totalBorrowAssets,
        total_borrow_shares: m.totalBorrowShares,
        last_update: m.lastUpdate,
        fee: m.fee,
        min_debt: m.minDebt,
    }
}

fn to_liquidation(l: &Cantilever::Liquidation) -> Liquidation {
    Liquidation {
        status: LiquidationStatus::from_u8(l.status).expect("a known status"),
        repaid_assets: l.repaidAssets,
        repaid_shares: l.repaidShares,
        seized_assets: l.seizedAssets,
        bad_debt_assets: l.badDebtAssets,
        bad_debt_shares: l.badDebtShares,
        incentive_factor: l.incentiveFactor,
    }
}

/// The market as the chain sees it at `timestamp`, accrued by the Rust port with the on-chain rate.
async fn accrued(
    provider: &DynProvider,
    core: Address,
    m: &MarketCtx,
    timestamp: u64,
    at: BlockId,
) -> TestResult<Market> {
    let raw = Cantilever::new(core, provider)
        .market(m.id)
        .block(at)
        .call()
        .await?;
    let rate = JumpRateModel::new(m.params.rate_model, provider)
        .borrowRate(
            U256::from(raw.totalSupplyAssets),
            U256::from(raw.totalBorrowAssets),
        )
        .block(at)
        .call()
        .await?;
    Ok(math::accrued_market(to_market(&raw), rate, timestamp)?.market)
}

fn input(
    m: &Market,
    p: &Cantilever::Position,
    price: U256,
    lltv: U256,
    max_repay: U256,
) -> LiquidationInput {
    LiquidationInput {
        borrow_shares: U256::from(p.borrowShares),
        collateral: U256::from(p.collateral),
        total_borrow_assets: U256::from(m.total_borrow_assets),
        total_borrow_shares: U256::from(m.total_borrow_shares),
        price,
        deep_only: false,
        lltv,
        min_debt: U256::from(m.min_debt),
        max_repay_assets: max_repay,
    }
}

/// Every position's health (the lens) and liquidation plan (`previewLiquidation`, six budgets each) equals
/// the Rust math on the market accrued by the Rust port, to the wei.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn health_and_previews_agree_with_the_lens() -> TestResult {
    let devnet = shared_devnet().await?;
    let mut opened = open_and_crash(&devnet).await?;
    compare(&devnet, &mut opened).await?;
    Ok(())
}

/// Real liquidations (close-outs with bad debt, full and capped partial ones, in every market) do exactly what
/// the Rust plan said: the events, the position, the market and the liquidator's balances.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn liquidations_do_what_the_plan_said() -> TestResult {
    let devnet = shared_devnet().await?;
    let mut opened = open_and_crash(&devnet).await?;
    let candidates = compare(&devnet, &mut opened).await?;
    let chosen = choose(&opened.markets, &candidates);
    assert!(
        chosen.len() >= 6,
        "expected close-outs and partial liquidations in every market: {chosen:?}"
    );
    fund_liquidator(&devnet, opened.liquidator).await?;
    let t = Instant::now();
    for &(k, borrower, max_repay) in &chosen {
        liquidate_as_planned(
            &devnet,
            &opened.markets[k],
            k,
            borrower,
            max_repay,
            opened.liquidator,
        )
        .await?;
    }
    eprintln!(
        "executed {} liquidations exactly as planned in {:.1?}",
        chosen.len(),
        t.elapsed()
    );
    Ok(())
}

/// One borrower's position to open.
struct Open {
    market: usize,
    borrower: Address,
    collateral: U256,
    debt: U256,
}

/// The markets with their borrowers after [`open_and_crash`].
struct Opened {
    markets: Vec<MarketCtx>,
    liquidator: Address,
    /// The seeded RNG, where the positions left it.
    rng: SplitMix64,
}

/// A liquidatable position: market, borrower, the plan taking the most, its borrow shares.
type Candidate = (usize, Address, Liquidation, U256);

/// Opens [`BORROWERS`] random positions over the three markets (block 1: liquidity, fee, collateral; block 2:
/// borrows), then lets [`WARP`] pass and crashes the prices (block 3).
async fn open_and_crash(devnet: &Devnet) -> TestResult<Opened> {
    let provider = devnet.provider();
    let d = &devnet.deployment;
    let core = Cantilever::new(d.core, &provider);
    let accounts = provider.get_accounts().await?;
    assert_eq!(accounts[0], DEPLOYER);
    let borrowers = &accounts[1..=BORROWERS];
    let (supplier, funder, liquidator) = (
        accounts[BORROWERS + 1],
        accounts[BORROWERS + 2],
        accounts[BORROWERS + 3],
    );
    let mut rng = SplitMix64::new(SEED);

    let mut markets: Vec<MarketCtx> = d
        .markets
        .iter()
        .map(|m| MarketCtx {
            id: m.id,
            params: m.params(),
            borrowers: Vec::new(),
        })
        .collect();
    assert_eq!(markets.len(), 3, "the devnet script creates three markets");

    // ------------------------------------------------------------------ positions to open
    let mut opens = Vec::with_capacity(BORROWERS);
    let mut prices = Vec::new();
    let mut min_debts = Vec::new();
    for m in &markets {
        prices.push(
            ChainlinkOracle::new(m.params.oracle, &provider)
                .price()
                .call()
                .await?,
        );
        min_debts.push(core.market(m.id).call().await?.minDebt);
    }
    for (i, &borrower) in borrowers.iter().enumerate() {
        let market = i % markets.len();
        let (price, lltv, min_debt) = (
            prices[market],
            markets[market].params.lltv,
            min_debts[market],
        );
        // Collateral worth 10 to 200 000 times the dust floor, in loan token units, opened at 20% to 99.5% of
        // the most it may borrow.
        let (collateral, debt) = scene::draw(
            &mut rng,
            min_debt,
            price,
            lltv,
            (10.0, 200_000.0),
            (200_000, 995_000),
        )?;
        assert!(
            debt >= U256::from(min_debt),
            "position {i} below the dust floor"
        );
        markets[market].borrowers.push(borrower);
        opens.push(Open {
            market,
            borrower,
            collateral,
            debt,
        });
    }

    let sent = send_opens(devnet, &markets, &opens, supplier, funder).await?;
    crash(devnet).await?;
    eprintln!("opened {BORROWERS} positions with {sent} transactions");
    Ok(Opened {
        markets,
        liquidator,
        rng,
    })
}

/// Blocks 1 and 2: liquidity at each market's utilization, the fee, every position's collateral, then the
/// borrows; returns how many transactions.
async fn send_opens(
    devnet: &Devnet,
    markets: &[MarketCtx],
    opens: &[Open],
    supplier: Address,
    funder: Address,
) -> TestResult<usize> {
    let provider = devnet.provider();
    let d = &devnet.deployment;
    let core = Cantilever::new(d.core, &provider);
    // ------------------------------------------------------------------ block 1: liquidity, fee, collateral
    provider.anvil_set_auto_mine(false).await?;
    let mut batch = Batch::new(&provider);
    batch
        .send(
            "setFee",
            DEPLOYER,
            TX_GAS,
            core.setFee(markets[1].core_params(), U256::from(FEE))
                .into_transaction_request(),
        )
        .await?;
    for (k, m) in markets.iter().enumerate() {
        let borrowed: U256 = opens.iter().filter(|o| o.market == k).map(|o| o.debt).sum();
        let supply =
            borrowed * U256::from(1_000_000) / U256::from(UTILIZATION_PPM[k]) + U256::from(1);
        let collateral: U256 = opens
            .iter()
            .filter(|o| o.market == k)
            .map(|o| o.collateral)
            .sum();
        let (supplied, funded) = ((supplier, supply), (funder, collateral));
        scene::fund_market(&mut batch, &core, &m.params, supplied, funded).await?;
    }
    for o in opens {
        let params = &markets[o.market].params;
        scene::supply_collateral(
            &mut batch,
            &core,
            params,
            funder,
            (o.borrower, o.collateral),
        )
        .await?;
    }
    let sent = batch.len();
    batch.mine().await?;

    // ------------------------------------------------------------------ block 2: borrows
    let mut batch = Batch::new(&provider);
    for o in opens {
        let params = &markets[o.market].params;
        scene::borrow(&mut batch, &core, params, (o.borrower, o.debt)).await?;
    }
    let sent = sent + batch.len();
    batch.mine().await?;

    Ok(sent)
}

/// Block 3: time passes and the prices crash (automine back on afterwards).
async fn crash(devnet: &Devnet) -> TestResult {
    let provider = devnet.provider();
    let d = &devnet.deployment;
    // ------------------------------------------------------------------ block 3: time passes, prices crash
    provider.anvil_increase_time(WARP).await?;
    let mut batch = Batch::new(&provider);
    for (symbol, answer) in CRASH {
        let feed = OwnerFeed::new(d.feeds[symbol], &provider);
        batch
            .send(
                format!("setAnswer {symbol}"),
                DEPLOYER,
                TX_GAS,
                feed.setAnswer(I256::try_from(answer)?)
                    .into_transaction_request(),
            )
            .await?;
    }
    batch.mine().await?;
    provider.anvil_set_auto_mine(true).await?;
    Ok(())
}

/// Compares every position's health and liquidation plans with the lens and `previewLiquidation` at the
/// latest block; asserts they all agree and that the crash made many positions liquidatable, which it returns.
async fn compare(devnet: &Devnet, opened: &mut Opened) -> TestResult<Vec<Candidate>> {
    let provider = devnet.provider();
    let d = &devnet.deployment;
    let core = Cantilever::new(d.core, &provider);
    // ------------------------------------------------------------------ compare everything at the latest block
    let t = Instant::now();
    let now = rpc::latest_timestamp(&provider).await?;
    let lens = CantileverLens::new(d.lens, &provider);
    let mut mismatches: Vec<String> = Vec::new();
    let (mut healths, mut previews) = (0usize, 0usize);
    let mut statuses = std::collections::BTreeMap::<String, usize>::new();
    // Liquidatable positions, for the execution phase: (market, borrower, plan taking the most, shares).
    let mut candidates: Vec<Candidate> = Vec::new();
    for (k, m) in opened.markets.iter().enumerate() {
        let market = accrued(&provider, d.core, m, now, BlockId::latest()).await?;
        let expected = to_market(&core.expectedMarket(m.core_params()).call().await?);
        if market != expected {
            mismatches.push(format!(
                "market {k}: rust accrual {market:?} != expectedMarket {expected:?}"
            ));
        }
        let price = ChainlinkOracle::new(m.params.oracle, &provider)
            .price()
            .call()
            .await?;
        let lens_out = lens
            .positions(m.lens_params(), m.borrowers.clone())
            .call()
            .await?;
        for (&borrower, h) in m.borrowers.iter().zip(&lens_out) {
            let position = core.position(m.id, borrower).call().await?;
            let (shares, collateral) = (
                U256::from(position.borrowShares),
                U256::from(position.collateral),
            );
            let (tba, tbs) = (
                U256::from(market.total_borrow_assets),
                U256::from(market.total_borrow_shares),
            );
            let ours =
                math::position_health(shares, collateral, tba, tbs, Some(price), m.params.lltv)?;
            let theirs = PositionHealth {
                debt: h.debt,
                price: h.price,
                max_debt: h.maxDebt,
                health_factor: h.healthFactor,
                liquidation_price: h.liquidationPrice,
                liquidatable: h.liquidatable,
                price_ok: h.priceOk,
            };
            healths += 1;
            if ours != theirs
                || h.borrowShares != shares
                || h.collateral != collateral
                || h.borrower != borrower
            {
                mismatches.push(format!(
                    "health {k}/{borrower}: rust {ours:?} != lens {theirs:?}"
                ));
            }
            let full = math::plan(&input(&market, &position, price, m.params.lltv, U256::MAX))?;
            *statuses
                .entry(format!(
                    "{:?}{}",
                    full.status,
                    if full.bad_debt_shares.is_zero() {
                        ""
                    } else {
                        "+bad debt"
                    }
                ))
                .or_default() += 1;
            if full.status == LiquidationStatus::Liquidated {
                candidates.push((k, borrower, full, shares));
            }
            let random = U256::from(opened.rng.range(0, 2 * u64::try_from(ours.debt)? + 2));
            let mut budgets = vec![
                U256::MAX,
                U256::ZERO,
                U256::from(1),
                random,
                full.repaid_assets,
            ];
            if !full.repaid_assets.is_zero() {
                budgets.push(full.repaid_assets - U256::from(1));
            }
            // The same position in an L2 sequencer's grace period: the oracle's code replaced, for this eth_call
            // only, by one that answers `liquidationPrice()` with (the same price, deep-only).
            let graced = math::plan(&LiquidationInput {
                deep_only: true,
                ..input(&market, &position, price, m.params.lltv, random)
            })?;
            let theirs = to_liquidation(
                &core
                    .previewLiquidation(m.core_params(), borrower, random)
                    .state(deep_only_oracle(m.params.oracle, price))
                    .call()
                    .await?,
            );
            previews += 1;
            *statuses
                .entry(format!("grace:{:?}", graced.status))
                .or_default() += 1;
            if graced != theirs {
                mismatches.push(format!(
                    "deep-only plan {k}/{borrower} maxRepay {random}: rust {graced:?} != preview {theirs:?}"
                ));
            }
            for max_repay in budgets {
                let ours = math::plan(&input(&market, &position, price, m.params.lltv, max_repay))?;
                let theirs = to_liquidation(
                    &core
                        .previewLiquidation(m.core_params(), borrower, max_repay)
                        .call()
                        .await?,
                );
                previews += 1;
                if ours != theirs {
                    mismatches.push(format!("plan {k}/{borrower} maxRepay {max_repay}: rust {ours:?} != preview {theirs:?}"));
                }
            }
        }
    }
    let compared = t.elapsed();
    eprintln!(
        "compared {healths} position healths and {previews} liquidation previews in {compared:.1?}; plans: {statuses:?}"
    );
    for m in mismatches.iter().take(20) {
        eprintln!("MISMATCH {m}");
    }
    assert!(
        mismatches.is_empty(),
        "{} mismatches between the Rust port and the contracts",
        mismatches.len()
    );
    for status in ["grace:DeepOnly", "grace:Liquidated"] {
        assert!(
            statuses.get(status).copied().unwrap_or(0) > 0,
            "the grace-period comparison never reached {status}: {statuses:?}"
        );
    }
    assert!(
        candidates.len() >= 30,
        "the crash should make many positions liquidatable, got {}",
        candidates.len()
    );

    Ok(candidates)
}

/// A state override that makes `oracle` answer any call with `(price, true)`: `liquidationPrice()` in the
/// sequencer's grace period. Runtime code: `mstore(0, sload(0)) mstore(32, 1) return(0, 64)`.
fn deep_only_oracle(oracle: Address, price: U256) -> StateOverride {
    let code = Bytes::from_static(&[
        0x60, 0x00, 0x54, 0x60, 0x00, 0x52, 0x60, 0x01, 0x60, 0x20, 0x52, 0x60, 0x40, 0x60, 0x00,
        0xf3,
    ]);
    StateOverridesBuilder::default()
        .with_code(oracle, code)
        .with_state_diff(oracle, [(B256::ZERO, B256::from(price))])
        .build()
}

/// Gives the liquidator loan tokens of every market, approved to the core.
async fn fund_liquidator(devnet: &Devnet, liquidator: Address) -> TestResult {
    let provider = devnet.provider();
    let d = &devnet.deployment;
    provider.anvil_set_auto_mine(false).await?;
    let core = Cantilever::new(d.core, &provider);
    let mut batch = Batch::new(&provider);
    for symbol in ["USDC", "WBTC"] {
        let amount = U256::from(u128::MAX >> 8);
        scene::mint_and_approve(&mut batch, &core, d.tokens[symbol], liquidator, amount).await?;
    }
    batch.mine().await?;
    provider.anvil_set_auto_mine(true).await?;
    Ok(())
}

/// Per market: a close-out with bad debt, a slice of another insolvent position (band C), a slice of a solvent
/// full close-out (band B), a full-budget partial one, and one capped by the liquidator.
fn choose(markets: &[MarketCtx], candidates: &[Candidate]) -> Vec<(usize, Address, U256)> {
    let mut chosen: Vec<(usize, Address, U256)> = Vec::new();
    for k in 0..markets.len() {
        let in_market = || candidates.iter().filter(move |c| c.0 == k);
        let mut insolvent = in_market().filter(|c| !c.2.bad_debt_shares.is_zero());
        if let Some(c) = insolvent.next() {
            chosen.push((c.0, c.1, U256::MAX));
        }
        // Band C (issue 14): a slice of an insolvent position, half its close-out, writes off pro rata.
        if let Some(c) = insolvent.find(|c| c.2.repaid_assets > U256::from(2)) {
            chosen.push((c.0, c.1, c.2.repaid_assets / U256::from(2)));
        }
        // Band B (issue 14) or the dust floor: a solvent full close-out, taken as a slice of half the debt.
        if let Some(c) = in_market().find(|c| {
            c.2.bad_debt_shares.is_zero()
                && c.2.repaid_shares == c.3
                && c.2.repaid_assets > U256::from(2)
        }) {
            chosen.push((c.0, c.1, c.2.repaid_assets / U256::from(2)));
        }
        let mut partial = in_market().filter(|c| {
            c.2.bad_debt_shares.is_zero()
                && c.2.repaid_shares < c.3
                && c.2.repaid_assets > U256::from(2)
        });
        if let Some(c) = partial.next() {
            chosen.push((c.0, c.1, U256::MAX));
        }
        if let Some(c) = partial.next() {
            chosen.push((c.0, c.1, c.2.repaid_assets / U256::from(2)));
        }
    }
    chosen
}

/// Liquidates `borrower` of market `k` with `max_repay` in a block of a known timestamp and checks the
/// events, the position, the market and the liquidator's balances against the Rust plan.
async fn liquidate_as_planned(
    devnet: &Devnet,
    m: &MarketCtx,
    k: usize,
    borrower: Address,
    max_repay: U256,
    liquidator: Address,
) -> TestResult {
    let provider = devnet.provider();
    let d = &devnet.deployment;
    let core = Cantilever::new(d.core, &provider);
    let before = core.position(m.id, borrower).call().await?;
    let price = ChainlinkOracle::new(m.params.oracle, &provider)
        .price()
        .call()
        .await?;
    // The market as it stands before the liquidation's block; the plan is made for the time that block
    // actually got (asked to be `when`, but the node may mine the transaction a block later).
    let pre = BlockId::number(provider.get_block_number().await?);
    let when = rpc::latest_timestamp(&provider).await? + 12;
    provider.anvil_set_next_block_timestamp(when).await?;
    let loan = ERC20Mock::new(m.params.loan_token, &provider);
    let collateral_token = ERC20Mock::new(m.params.collateral_token, &provider);
    let loan_before = loan.balanceOf(liquidator).call().await?;
    let collateral_before = collateral_token.balanceOf(liquidator).call().await?;

    let mut batch = Batch::new(&provider);
    let call = core.liquidate(m.core_params(), borrower, max_repay, Bytes::new());
    batch
        .send(
            "liquidate",
            liquidator,
            TX_GAS,
            call.into_transaction_request(),
        )
        .await?;
    let receipt = batch.mine().await?.0.remove(0);
    let mined_at = provider
        .get_block_by_number(receipt.block_number.expect("a mined receipt").into())
        .await?
        .expect("the receipt's block")
        .header
        .timestamp;
    let market = accrued(&provider, d.core, m, mined_at, pre).await?;
    let plan = math::plan(&input(&market, &before, price, m.params.lltv, max_repay))?;
    assert_eq!(plan.status, LiquidationStatus::Liquidated, "{k}/{borrower}");

    let event = receipt
        .decoded_log::<Cantilever::Liquidate>()
        .expect("a Liquidate event");
    let bad = receipt.decoded_log::<Cantilever::RealizeBadDebt>();
    let (bad_assets, bad_shares) = bad.map_or((U256::ZERO, U256::ZERO), |b| {
        (b.badDebtAssets, b.badDebtShares)
    });
    let done = (
        event.repaidAssets,
        event.repaidShares,
        event.seizedAssets,
        bad_assets,
        bad_shares,
    );
    let planned = (
        plan.repaid_assets,
        plan.repaid_shares,
        plan.seized_assets,
        plan.bad_debt_assets,
        plan.bad_debt_shares,
    );
    assert_eq!(
        done, planned,
        "liquidation of {k}/{borrower} (maxRepay {max_repay})"
    );

    let after = core.position(m.id, borrower).call().await?;
    let burnt = u128::try_from(plan.repaid_shares + plan.bad_debt_shares)?;
    assert_eq!(after.borrowShares, before.borrowShares - burnt);
    assert_eq!(
        U256::from(after.collateral),
        U256::from(before.collateral) - plan.seized_assets
    );
    let onchain = to_market(&core.market(m.id).call().await?);
    let mut expected = market;
    expected.total_borrow_shares -= burnt;
    expected.total_borrow_assets = u128::try_from(
        U256::from(market.total_borrow_assets)
            .saturating_sub(plan.repaid_assets + plan.bad_debt_assets),
    )?;
    expected.total_supply_assets -= u128::try_from(plan.bad_debt_assets)?;
    assert_eq!(onchain, expected, "market after liquidating {k}/{borrower}");
    assert_eq!(
        loan.balanceOf(liquidator).call().await?,
        loan_before - plan.repaid_assets
    );
    assert_eq!(
        collateral_token.balanceOf(liquidator).call().await?,
        collateral_before + plan.seized_assets
    );
    Ok(())
}
