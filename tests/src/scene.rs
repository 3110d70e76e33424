//! Setting a scene on a devnet: positions sized from random draws, and the transactions that fund a
//! market for them and open them (queued in a [`Batch`], so they share blocks).

use alloy::primitives::{Address, Bytes, U256};
use alloy::providers::DynProvider;
use cantilever_bindings::cantilever::Cantilever;
use cantilever_bindings::erc20_mock::ERC20Mock;
use cantilever_primitives::MarketParams;
use cantilever_primitives::math::{self, constants::ORACLE_PRICE_SCALE};

use crate::{Batch, Result, SplitMix64, TX_GAS};

/// The core contract as the tests bind it.
pub type Core<'a> = Cantilever::CantileverInstance<&'a DynProvider>;

/// A random position's `(collateral, debt)`: collateral worth a value drawn log-uniform in `times` × the
/// market's `min_debt` (loan-token units, at the oracle's `price`, rounded up), then a debt of a share of the
/// most the market's `lltv` allows drawn uniform in `ppm` millionths (two draws, in that order).
pub fn draw(
    rng: &mut SplitMix64,
    min_debt: u128,
    price: U256,
    lltv: U256,
    times: (f64, f64),
    ppm: (u64, u64),
) -> Result<(U256, U256)> {
    let value = rng.log_uniform(times.0, times.1) * min_debt as f64;
    let collateral = math::mul_div_up(U256::from(value as u128), ORACLE_PRICE_SCALE, price)?;
    let max_debt = math::w_mul_down(
        math::mul_div_down(collateral, price, ORACLE_PRICE_SCALE)?,
        lltv,
    )?;
    let debt = max_debt * U256::from(rng.range(ppm.0, ppm.1)) / U256::from(1_000_000);
    Ok((collateral, debt))
}

/// Queues `amount` of `token` minted to `owner`, then `owner`'s approval of the core for all of it.
pub async fn mint_and_approve(
    batch: &mut Batch,
    core: &Core<'_>,
    token: Address,
    owner: Address,
    amount: U256,
) -> Result<()> {
    let token = ERC20Mock::new(token, core.provider());
    batch
        .send(
            "mint",
            owner,
            TX_GAS,
            token.mint(owner, amount).into_transaction_request(),
        )
        .await?;
    batch
        .send(
            "approve",
            owner,
            TX_GAS,
            token
                .approve(*core.address(), U256::MAX)
                .into_transaction_request(),
        )
        .await?;
    Ok(())
}

/// Queues the funding of a market: `supply` of the loan token minted to `supplier`, approved and supplied;
/// then `collateral` of the collateral token minted to `funder` and approved (for [`supply_collateral`]).
pub async fn fund_market(
    batch: &mut Batch,
    core: &Core<'_>,
    params: &MarketParams,
    (supplier, supply): (Address, U256),
    (funder, collateral): (Address, U256),
) -> Result<()> {
    mint_and_approve(batch, core, params.loan_token, supplier, supply).await?;
    let call = core.supply((*params).into(), supply, U256::ZERO, supplier, Bytes::new());
    batch
        .send("supply", supplier, TX_GAS, call.into_transaction_request())
        .await?;
    mint_and_approve(batch, core, params.collateral_token, funder, collateral).await
}

/// Queues `funder` supplying `collateral` to `borrower`'s position in the market.
pub async fn supply_collateral(
    batch: &mut Batch,
    core: &Core<'_>,
    params: &MarketParams,
    funder: Address,
    (borrower, collateral): (Address, U256),
) -> Result<()> {
    let call = core.supplyCollateral((*params).into(), collateral, borrower, Bytes::new());
    batch
        .send(
            "supplyCollateral",
            funder,
            TX_GAS,
            call.into_transaction_request(),
        )
        .await?;
    Ok(())
}

/// Queues `borrower` borrowing `debt` from the market, to itself.
pub async fn borrow(
    batch: &mut Batch,
    core: &Core<'_>,
    params: &MarketParams,
    (borrower, debt): (Address, U256),
) -> Result<()> {
    let call = core.borrow((*params).into(), debt, U256::ZERO, borrower, borrower);
    batch
        .send("borrow", borrower, TX_GAS, call.into_transaction_request())
        .await?;
    Ok(())
}
