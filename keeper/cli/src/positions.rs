//! `cantilever positions`: positions at risk, least healthy first: market, borrower, debt, collateral,
//! health factor and liquidation price, valued at the head with the contracts' own math.

use std::collections::HashMap;

use alloy::primitives::{B256, U256};
use alloy::providers::{DynProvider, Provider};
use cantilever_oracle_adapter::BlockRef;
use serde_json::json;

use super::report::{MarketLabel, market_labels};
use super::setup::{Loaded, load};
use super::table::Table;
use super::units::{human, price, wad};
use super::{CliResult, PositionsArgs};
use cantilever_daemon::config::Overrides;
use cantilever_daemon::markets::MarketReader;
use cantilever_index::{IndexConfig, PositionIndex};
use cantilever_planner::{MarketSource, MarketState};
use cantilever_primitives::deployment::Deployment;
use cantilever_primitives::math::constants::WAD;
use cantilever_primitives::math::{PositionHealth, position_health};
use cantilever_primitives::position::{Position, PositionKey};

/// A position at risk: where, whose, and its health at the head.
type Row = (PositionKey, Position, PositionHealth);

/// Prints the positions at risk.
pub async fn positions(args: &PositionsArgs) -> CliResult<()> {
    let Loaded {
        config,
        deployment,
        provider,
        ..
    } = load(&args.config, Overrides::default()).await?;
    let market_filter = match &args.market {
        Some(text) => Some(parse_market(text, &deployment)?),
        None => None,
    };
    let below = health_bound(args.below)?;
    let mut index = open_index(&config.index.store, &deployment, config.index.clone());
    index.sync(&provider).await?;
    let (head, states) = read_head(&provider, &deployment).await?;
    let labels = market_labels(&provider, &deployment).await?;
    let rows = at_risk(index.positions(), &states, market_filter, below, args.limit)?;
    if args.json {
        print_json(head, &rows);
    } else {
        print_table(head, &rows, &labels, args.below);
    }
    Ok(())
}

/// `--market`: a market id of the deployment.
fn parse_market(text: &str, deployment: &Deployment) -> CliResult<B256> {
    let id: B256 = text
        .parse()
        .map_err(|_| format!("--market {text}: not a market id (0x + 64 hex digits)"))?;
    if deployment.market(id).is_none() {
        return Err(format!("unknown market {id}: not in the deployment").into());
    }
    Ok(id)
}

/// `--below` as a WAD health factor (to 6 decimals): a positive, finite number.
fn health_bound(below: f64) -> CliResult<U256> {
    if !(below.is_finite() && below > 0.0) {
        return Err(format!("--below {below}: must be a positive health factor").into());
    }
    Ok(U256::from((below * 1e6) as u128) * (WAD / U256::from(1_000_000u64)))
}

/// The head's number and every market's state at the head.
async fn read_head(
    provider: &DynProvider,
    deployment: &Deployment,
) -> CliResult<(u64, Vec<MarketState>)> {
    let head = provider.get_block_number().await?;
    let timestamp = provider
        .get_block_by_number(head.into())
        .await?
        .map(|b| b.header.timestamp)
        .ok_or("the head block is missing")?;
    let reader = MarketReader::new(
        provider.clone(),
        deployment,
        &[],
        deployment.tokens.get("WETH").copied(),
    );
    let states = reader
        .read(BlockRef {
            number: head,
            timestamp,
        })
        .await?;
    Ok((head, states))
}

/// The borrowing positions (of `market` only, when given) whose health factor is below `below` (WAD)
/// at a price the oracle gave: least healthy first, at most `limit`.
fn at_risk(
    positions: impl Iterator<Item = (PositionKey, Position)>,
    states: &[MarketState],
    market: Option<B256>,
    below: U256,
    limit: usize,
) -> CliResult<Vec<Row>> {
    let mut rows = Vec::new();
    for (key, position) in positions {
        if position.borrow_shares == 0 || market.is_some_and(|m| m != key.market) {
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
    rows.truncate(limit);
    Ok(rows)
}

/// `--json`: the head and the rows, amounts as decimal strings of raw units.
fn print_json(head: u64, rows: &[Row]) {
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
}

/// The rows as a table in token units, after a line saying how many there are.
fn print_table(head: u64, rows: &[Row], labels: &HashMap<B256, MarketLabel>, below: f64) {
    let mut t = Table::new(&[
        "market",
        "borrower",
        "debt",
        "collateral",
        "health",
        "liq. price",
        "price",
    ]);
    for (k, p, h) in rows {
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
        "block {head}: {} positions with a health factor below {below}",
        rows.len(),
    );
    if !t.is_empty() {
        print!("{}", t.render());
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn health_bound_is_a_wad_to_six_decimals() {
        let wad = |x: u64| U256::from(x) * U256::from(1_000_000_000_000u64);
        assert_eq!(health_bound(1.2).unwrap(), wad(1_200_000));
        assert_eq!(health_bound(1.0000004).unwrap(), wad(1_000_000));
        assert_eq!(health_bound(0.5).unwrap(), wad(500_000));
        for bad in [0.0, -1.0, f64::NAN, f64::INFINITY] {
            assert!(health_bound(bad).is_err(), "{bad}");
        }
    }
}
