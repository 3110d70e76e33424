//! `cantilever positions`: positions at risk, least healthy first: market, borrower, debt, collateral,
//! health factor and liquidation price, valued at the head with the contracts' own math.

use alloy::primitives::{B256, U256};
use alloy::providers::Provider;
use cantilever_oracle_adapter::BlockRef;
use serde_json::json;

use super::report::market_labels;
use super::setup::{Loaded, load};
use super::table::Table;
use super::units::{human, price, wad};
use super::{CliResult, PositionsArgs};
use cantilever_daemon::config::Overrides;
use cantilever_daemon::markets::MarketReader;
use cantilever_index::{IndexConfig, PositionIndex};
use cantilever_planner::MarketSource;
use cantilever_primitives::deployment::Deployment;
use cantilever_primitives::math::constants::WAD;
use cantilever_primitives::math::position_health;

/// Prints the positions at risk.
pub async fn positions(args: &PositionsArgs) -> CliResult<()> {
    let Loaded {
        config,
        deployment,
        provider,
        ..
    } = load(&args.config, Overrides::default()).await?;
    let market_filter = match &args.market {
        Some(text) => {
            let id: B256 = text
                .parse()
                .map_err(|_| format!("--market {text}: not a market id (0x + 64 hex digits)"))?;
            if deployment.market(id).is_none() {
                return Err(format!("unknown market {id}: not in the deployment").into());
            }
            Some(id)
        }
        None => None,
    };
    if !(args.below.is_finite() && args.below > 0.0) {
        return Err(format!("--below {}: must be a positive health factor", args.below).into());
    }
    let below = U256::from((args.below * 1e6) as u128) * (WAD / U256::from(1_000_000u64));
    let mut index = open_index(&config.index.store, &deployment, config.index.clone());
    index.sync(&provider).await?;
    let head = provider.get_block_number().await?;
    let timestamp = provider
        .get_block_by_number(head.into())
        .await?
        .map(|b| b.header.timestamp)
        .ok_or("the head block is missing")?;
    let reader = MarketReader::new(
        provider.clone(),
        &deployment,
        &[],
        deployment.tokens.get("WETH").copied(),
    );
    let states = reader
        .read(BlockRef {
            number: head,
            timestamp,
        })
        .await?;
    let labels = market_labels(&provider, &deployment).await?;

    let mut rows = Vec::new();
    for (key, position) in index.positions() {
        if position.borrow_shares == 0 || market_filter.is_some_and(|m| m != key.market) {
            continue;
        }
        let Some(state) = states.iter().find(|s| s.market.id == key.market) else {
            continue;
        };
        let snapshot = state.view.snapshot;
        let h = position_health(
            U256::from(position.borrow_shares),
            U256::from(position.collateral),
            snapshot.total_borrow_assets,
            snapshot.total_borrow_shares,
            (!snapshot.price.is_zero()).then_some(snapshot.price),
            state.market.lltv,
        )?;
        if h.price_ok && h.health_factor < below {
            rows.push((key, position, h));
        }
    }
    rows.sort_by_key(|(_, _, h)| h.health_factor);
    rows.truncate(args.limit);

    if args.json {
        let out: Vec<_> = rows
            .iter()
            .map(|(k, p, h)| {
                json!({
                    "market": k.market, "borrower": k.borrower, "borrowShares": p.borrow_shares.to_string(),
                    "debt": h.debt.to_string(), "collateral": p.collateral.to_string(),
                    "healthFactor": h.health_factor.to_string(), "liquidationPrice": h.liquidation_price.to_string(),
                    "price": h.price.to_string(), "liquidatable": h.liquidatable,
                })
            })
            .collect();
        println!("{}", json!({ "block": head, "positions": out }));
        return Ok(());
    }
    let mut t = Table::new(&[
        "market",
        "borrower",
        "debt",
        "collateral",
        "health",
        "liq. price",
        "price",
    ]);
    for (k, p, h) in &rows {
        let l = &labels[&k.market];
        t.row(vec![
            l.name.clone(),
            k.borrower.to_string(),
            human(h.debt, l.loan_decimals, 2),
            human(U256::from(p.collateral), l.collateral_decimals, 4),
            wad(h.health_factor),
            price(h.liquidation_price, l.collateral_decimals, l.loan_decimals),
            price(h.price, l.collateral_decimals, l.loan_decimals),
        ]);
    }
    println!(
        "block {head}: {} positions with a health factor below {}",
        rows.len(),
        args.below
    );
    if !t.is_empty() {
        print!("{}", t.render());
    }
    Ok(())
}

/// The index's store when it can be opened (a running daemon holds it), else a fresh in-memory index.
pub fn open_index(
    store: &std::path::Path,
    deployment: &Deployment,
    config: IndexConfig,
) -> PositionIndex {
    match PositionIndex::open(store, deployment, config.clone()) {
        Ok(index) => index,
        Err(e) => {
            eprintln!(
                "note: index store {} not used ({e}); reading positions from the deployment block",
                store.display()
            );
            PositionIndex::in_memory(deployment, config)
        }
    }
}
