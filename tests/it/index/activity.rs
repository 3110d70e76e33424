//! The chain activity the index scenarios follow: positions opened at half their LLTV, changed (repay,
//! withdraw, add), churned by thousands of small borrows and repays, and two liquidated after a crash (with
//! bad debt). Batches of transactions share blocks, so the whole history costs a few dozen blocks.

use std::collections::BTreeSet;

use alloy::primitives::{Address, Bytes, I256, U256};
use alloy::providers::ext::AnvilApi;
use alloy::providers::{DynProvider, Provider};
use alloy::sol_types::SolEvent;
use cantilever_bindings::cantilever::Cantilever;
use cantilever_bindings::chainlink_oracle::ChainlinkOracle;
use cantilever_bindings::erc20_mock::ERC20Mock;
use cantilever_bindings::owner_feed::OwnerFeed;
use cantilever_primitives::{Deployment, MarketParams, PositionKey};
use cantilever_tests::{Batch, DEPLOYER, Devnet, TX_GAS, scene};

use crate::TestResult;

/// Borrowers per market.
pub(super) const PER_MARKET: usize = 4;
/// Rounds of (borrow, repay) by every borrower: the backfill's event load.
const ROUNDS: usize = 100;
/// Rounds mined per block.
const ROUNDS_PER_BLOCK: usize = 5;
/// Dev accounts the scenario uses: supplier, funder, liquidator, then borrowers.
const ACCOUNTS: usize = 20;

/// One borrower's position.
pub(super) struct Open {
    pub(super) params: MarketParams,
    pub(super) borrower: Address,
    pub(super) collateral: U256,
    pub(super) debt: U256,
}

/// What [`run`] did.
pub(super) struct Activity {
    pub(super) deployment: Deployment,
    pub(super) opens: Vec<Open>,
    /// Every position opened.
    pub(super) known: BTreeSet<PositionKey>,
    /// The account that supplies collateral for others.
    pub(super) funder: Address,
    /// A dev account that has no position yet.
    pub(super) newcomer: Address,
    /// Position-changing transactions of the churn.
    pub(super) churn_txs: usize,
    /// Liquidations that realised bad debt.
    pub(super) bad_debts: usize,
    pub(super) markets: usize,
}

/// Opens, changes, churns and liquidates on `devnet` (automine back on afterwards).
pub(super) async fn run(devnet: &Devnet) -> TestResult<Activity> {
    let provider = devnet.provider();
    let d = devnet.deployment.clone();
    let accounts = provider.get_accounts().await?;
    let (supplier, funder, liquidator) = (accounts[1], accounts[2], accounts[3]);
    let borrowers = &accounts[4..ACCOUNTS];
    let markets: Vec<MarketParams> = d.markets.iter().map(|m| m.params()).collect();
    assert!(markets.len() * PER_MARKET < borrowers.len());
    let (opens, known) = plan(&provider, &d, &markets, borrowers).await?;

    provider.anvil_set_auto_mine(false).await?;
    let core = Cantilever::new(d.core, &provider);
    let mut batch = Batch::new(&provider);
    for params in &markets {
        fund_market(
            &mut batch,
            &core,
            &opens,
            params,
            [supplier, funder, liquidator],
        )
        .await?;
    }
    for o in &opens {
        scene::supply_collateral(
            &mut batch,
            &core,
            &o.params,
            funder,
            (o.borrower, o.collateral),
        )
        .await?;
        let loan = ERC20Mock::new(o.params.loan_token, &provider);
        let approve = loan.approve(d.core, U256::MAX);
        batch
            .send(
                "approve",
                o.borrower,
                TX_GAS,
                approve.into_transaction_request(),
            )
            .await?;
    }
    batch.mine().await?;
    let mut batch = Batch::new(&provider);
    for o in &opens {
        scene::borrow(&mut batch, &core, &o.params, (o.borrower, o.debt)).await?;
    }
    batch.mine().await?;
    change(&provider, &core, &opens, funder).await?;
    let churn_txs = churn(&provider, &core, &opens).await?;
    let bad_debts = crash_and_liquidate(&provider, &d, &core, &opens, liquidator).await?;
    provider.anvil_set_auto_mine(true).await?;
    Ok(Activity {
        deployment: d,
        opens,
        known,
        funder,
        newcomer: accounts[ACCOUNTS - 1],
        churn_txs,
        bad_debts,
        markets: markets.len(),
    })
}

/// Positions at half their LLTV, [`PER_MARKET`] per market, of growing size.
async fn plan(
    provider: &DynProvider,
    d: &Deployment,
    markets: &[MarketParams],
    borrowers: &[Address],
) -> TestResult<(Vec<Open>, BTreeSet<PositionKey>)> {
    let core = Cantilever::new(d.core, provider);
    let mut opens = Vec::new();
    let mut known = BTreeSet::new();
    for (k, params) in markets.iter().enumerate() {
        let price = ChainlinkOracle::new(params.oracle, provider)
            .price()
            .call()
            .await?;
        let min_debt = U256::from(core.market(params.id()).call().await?.minDebt);
        let scale = U256::from(10u64).pow(U256::from(36));
        let wad = U256::from(10u64).pow(U256::from(18));
        for (j, &borrower) in borrowers[k * PER_MARKET..(k + 1) * PER_MARKET]
            .iter()
            .enumerate()
        {
            let debt = (min_debt.max(U256::from(1_000_000u64))) * U256::from(20 + 10 * j);
            // Collateral worth debt / (lltv / 2), rounded up.
            let value = debt * U256::from(2) * wad / params.lltv + U256::from(1);
            let collateral = (value * scale).div_ceil(price);
            opens.push(Open {
                params: *params,
                borrower,
                collateral,
                debt,
            });
            known.insert(PositionKey {
                market: params.id(),
                borrower,
            });
        }
    }
    Ok((opens, known))
}

/// Supply (4× the market's debt), collateral for the funder and loan tokens for the liquidator.
async fn fund_market(
    batch: &mut Batch,
    core: &scene::Core<'_>,
    opens: &[Open],
    params: &MarketParams,
    [supplier, funder, liquidator]: [Address; 3],
) -> TestResult {
    let mine: Vec<&Open> = opens.iter().filter(|o| o.params == *params).collect();
    let debt: U256 = mine.iter().map(|o| o.debt).sum();
    let collateral: U256 = mine.iter().map(|o| o.collateral).sum();
    let (supplied, funded) = (
        (supplier, debt * U256::from(4)),
        (funder, collateral * U256::from(2)),
    );
    scene::fund_market(batch, core, params, supplied, funded).await?;
    // The liquidator repays in loan token.
    let repay = debt * U256::from(2);
    scene::mint_and_approve(batch, core, params.loan_token, liquidator, repay).await?;
    Ok(())
}

/// A repay, a withdrawal or added collateral for each position, in turn.
async fn change(
    provider: &DynProvider,
    core: &scene::Core<'_>,
    opens: &[Open],
    funder: Address,
) -> TestResult {
    let mut batch = Batch::new(provider);
    for (i, o) in opens.iter().enumerate() {
        let p: Cantilever::MarketParams = o.params.into();
        let tx = match i % 3 {
            0 => core
                .repay(
                    p,
                    o.debt / U256::from(4),
                    U256::ZERO,
                    o.borrower,
                    Bytes::new(),
                )
                .into_transaction_request(),
            1 => core
                .withdrawCollateral(p, o.collateral / U256::from(10), o.borrower, o.borrower)
                .into_transaction_request(),
            _ => core
                .supplyCollateral(p, o.collateral / U256::from(3), o.borrower, Bytes::new())
                .into_transaction_request(),
        };
        let from = if i % 3 == 2 { funder } else { o.borrower };
        batch.send("change", from, TX_GAS, tx).await?;
    }
    batch.mine().await?;
    Ok(())
}

/// Many small borrows and repays; returns how many transactions.
async fn churn(
    provider: &DynProvider,
    core: &scene::Core<'_>,
    opens: &[Open],
) -> TestResult<usize> {
    let mut txs = 0;
    for rounds in (0..ROUNDS).collect::<Vec<_>>().chunks(ROUNDS_PER_BLOCK) {
        let mut batch = Batch::new(provider);
        for _ in rounds {
            for o in opens {
                let small = (o.debt / U256::from(1_000)).max(U256::from(1_000));
                let p: Cantilever::MarketParams = o.params.into();
                let borrow = core.borrow(p.clone(), small, U256::ZERO, o.borrower, o.borrower);
                batch
                    .send(
                        "borrow",
                        o.borrower,
                        TX_GAS,
                        borrow.into_transaction_request(),
                    )
                    .await?;
                let repay = core.repay(p, small, U256::ZERO, o.borrower, Bytes::new());
                batch
                    .send(
                        "repay",
                        o.borrower,
                        TX_GAS,
                        repay.into_transaction_request(),
                    )
                    .await?;
                txs += 2;
            }
        }
        batch.mine().await?;
    }
    Ok(txs)
}

/// Crashes market 0's collateral to a third, liquidates two of its positions, restores the price; returns
/// how many liquidations realised bad debt.
async fn crash_and_liquidate(
    provider: &DynProvider,
    d: &Deployment,
    core: &scene::Core<'_>,
    opens: &[Open],
    liquidator: Address,
) -> TestResult<usize> {
    let market = opens.first().ok_or("no positions")?.params;
    let symbol = d
        .tokens
        .iter()
        .find(|(_, a)| **a == market.collateral_token)
        .map(|(s, _)| s.clone())
        .ok_or("market 0's collateral is not a devnet token")?;
    let feed = OwnerFeed::new(d.feeds[&symbol], provider);
    let answer = feed.latestRoundData().call().await?.answer;
    let mut batch = Batch::new(provider);
    let crash = feed.setAnswer(answer / I256::try_from(3)?);
    batch
        .send("crash", DEPLOYER, TX_GAS, crash.into_transaction_request())
        .await?;
    batch.mine().await?;
    let mut batch = Batch::new(provider);
    for o in opens.iter().filter(|o| o.params == market).take(2) {
        let call = core.liquidate(o.params.into(), o.borrower, U256::MAX, Bytes::new());
        batch
            .send(
                "liquidate",
                liquidator,
                TX_GAS,
                call.into_transaction_request(),
            )
            .await?;
    }
    let (receipts, _) = batch.mine().await?;
    let bad_debts = receipts
        .iter()
        .flat_map(|r| r.inner.logs())
        .filter(|l| l.topic0() == Some(&Cantilever::RealizeBadDebt::SIGNATURE_HASH))
        .count();
    let mut batch = Batch::new(provider);
    let restore = feed.setAnswer(answer);
    batch
        .send(
            "restore",
            DEPLOYER,
            TX_GAS,
            restore.into_transaction_request(),
        )
        .await?;
    batch.mine().await?;
    Ok(bad_debts)
}
