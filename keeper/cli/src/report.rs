//! What `devnet` (and `run`, on a terminal) shows as the keeper works, and the summary at the end.

use std::collections::{BTreeMap, HashMap};

use alloy::primitives::{Address, B256, U256};
use alloy::providers::DynProvider;
use cantilever_bindings::erc20_mock::ERC20Mock;
use cantilever_planner::CrossMarket;
use serde_json::json;

use super::table::Table;
use super::units::{human, wad};
use cantilever_daemon::KeeperEvent;
use cantilever_primitives::deployment::Deployment;

/// How to name and scale a market's amounts.
#[derive(Debug, Clone)]
pub struct MarketLabel {
    /// "WETH/USDC" (collateral/loan), or a short id when the tokens have no names.
    pub name: String,
    /// The loan token's symbol.
    pub loan_symbol: String,
    /// The loan token's decimals.
    pub loan_decimals: u8,
    /// The collateral token's decimals.
    pub collateral_decimals: u8,
}

/// Labels for every market of `deployment`, with decimals read from the tokens.
pub async fn market_labels(
    provider: &DynProvider,
    deployment: &Deployment,
) -> Result<HashMap<B256, MarketLabel>, alloy::contract::Error> {
    let symbol_of: HashMap<Address, &str> = deployment
        .tokens
        .iter()
        .map(|(s, a)| (*a, s.as_str()))
        .collect();
    let mut labels = HashMap::new();
    for m in &deployment.markets {
        let loan_decimals = ERC20Mock::new(m.loan_token, provider)
            .decimals()
            .call()
            .await?;
        let collateral_decimals = ERC20Mock::new(m.collateral_token, provider)
            .decimals()
            .call()
            .await?;
        let name_of = |a: &Address| {
            symbol_of
                .get(a)
                .map_or_else(|| short(a), |s| (*s).to_string())
        };
        labels.insert(
            m.id,
            MarketLabel {
                name: format!(
                    "{}/{}",
                    name_of(&m.collateral_token),
                    name_of(&m.loan_token)
                ),
                loan_symbol: name_of(&m.loan_token),
                loan_decimals,
                collateral_decimals,
            },
        );
    }
    Ok(labels)
}

fn short(a: &Address) -> String {
    let s = a.to_string();
    format!("{}…{}", &s[..6], &s[s.len() - 4..])
}

/// Per-market tallies.
#[derive(Debug, Clone, Default)]
struct MarketTally {
    found: usize,
    submitted: usize,
    included: usize,
    reverted: usize,
    profit: U256,
    skips: BTreeMap<&'static str, usize>,
}

/// Prints events as they come and sums them up.
#[derive(Debug)]
pub struct Reporter {
    labels: HashMap<B256, MarketLabel>,
    json: bool,
    markets: BTreeMap<B256, MarketTally>,
    /// Opportunity id → market, to attribute inclusions.
    sent: HashMap<B256, B256>,
    latencies_us: Vec<u64>,
    /// Distinct transactions sent (a batch carries several liquidations).
    transactions: std::collections::HashSet<alloy::primitives::TxHash>,
    dropped: usize,
    blocks: usize,
    /// Cross-market pairs over every plan, and how many conflicted.
    cross_market: CrossMarket,
    /// The plan with the most transactions: (transactions, total gas, critical-path gas).
    busiest: Option<(usize, u64, u64)>,
    /// The transactions counted as included or reverted, in order: (hash, success).
    inclusions: Vec<(B256, bool)>,
}

impl Reporter {
    /// A reporter printing text (or JSON lines with `json`).
    pub fn new(labels: HashMap<B256, MarketLabel>, json: bool) -> Self {
        Self {
            labels,
            json,
            markets: BTreeMap::new(),
            sent: HashMap::new(),
            latencies_us: Vec::new(),
            transactions: Default::default(),
            dropped: 0,
            blocks: 0,
            cross_market: CrossMarket::default(),
            busiest: None,
            inclusions: Vec::new(),
        }
    }

    fn label(&self, market: &B256) -> MarketLabel {
        self.labels
            .get(market)
            .cloned()
            .unwrap_or_else(|| MarketLabel {
                name: format!("{market:.8}"),
                loan_symbol: "units".into(),
                loan_decimals: 0,
                collateral_decimals: 0,
            })
    }

    /// Records `event` and prints a line for the ones a person wants to see.
    pub fn on_event(&mut self, event: &KeeperEvent) {
        if self.json {
            println!("{}", event_json(event));
        }
        self.tally(event);
        if self.json {
            return;
        }
        if let Some(line) = self
            .decision_line(event)
            .or_else(|| self.execution_line(event))
        {
            println!("{line}");
        }
    }

    /// Adds `event` to the per-market tallies and the run's figures.
    fn tally(&mut self, event: &KeeperEvent) {
        match event {
            KeeperEvent::Block { .. } => self.blocks += 1,
            KeeperEvent::Planned {
                order,
                critical_path_gas,
                valid,
                total_gas,
                cross_market,
                ..
            } => {
                self.cross_market.add(*cross_market);
                if *valid && self.busiest.is_none_or(|(n, ..)| order.len() > n) {
                    self.busiest = Some((order.len(), *total_gas, *critical_path_gas));
                }
            }
            KeeperEvent::Found { key, .. } => {
                self.markets.entry(key.market).or_default().found += 1
            }
            KeeperEvent::Skipped { key, reason } => {
                let skips = &mut self.markets.entry(key.market).or_default().skips;
                *skips.entry(reason.label()).or_default() += 1;
            }
            KeeperEvent::Submitted {
                key,
                id,
                hash,
                latency_us,
                ..
            } => {
                self.markets.entry(key.market).or_default().submitted += 1;
                self.sent.insert(*id, key.market);
                self.latencies_us.push(*latency_us);
                self.transactions.insert(*hash);
            }
            KeeperEvent::Included {
                id, hash, success, ..
            } => {
                if let Some(m) = self.sent.get(id).copied() {
                    self.inclusions.push((*hash, *success));
                    let t = self.markets.entry(m).or_default();
                    if *success {
                        t.included += 1;
                    } else {
                        t.reverted += 1;
                    }
                }
            }
            KeeperEvent::Dropped { .. } => self.dropped += 1,
            KeeperEvent::Profit { market, amount } => {
                self.markets.entry(*market).or_default().profit += *amount;
            }
            KeeperEvent::Simulated { .. }
            | KeeperEvent::StepFailed { .. }
            | KeeperEvent::HeadsReconnected { .. }
            | KeeperEvent::OracleState { .. }
            | KeeperEvent::OracleUpdate { .. }
            | KeeperEvent::OracleRejected { .. }
            | KeeperEvent::Speculated { .. } => {}
        }
    }

    /// The line for what the keeper found and decided (blocks, positions, simulations, plans).
    fn decision_line(&self, event: &KeeperEvent) -> Option<String> {
        match event {
            KeeperEvent::Block {
                number,
                liquidatable,
                positions,
                ..
            } => (*liquidatable > 0).then(|| {
                format!("block {number}: {liquidatable} liquidatable of {positions} positions")
            }),
            KeeperEvent::Planned {
                profile,
                order,
                critical_path_gas,
                re_executions,
                valid,
                ..
            } => (order.len() > 1).then(|| {
                format!(
                    "  planned    {} liquidations ({profile}): critical path {critical_path_gas} gas, {re_executions} re-executions{}",
                    order.len(),
                    if *valid { "" } else { ", INVALID: nothing sent" }
                )
            }),
            KeeperEvent::Found {
                key,
                debt,
                health_factor,
            } => {
                let l = self.label(&key.market);
                Some(format!(
                    "  found      {} {}  debt {} {}  health {}",
                    l.name,
                    short(&key.borrower),
                    human(*debt, l.loan_decimals, 2),
                    l.loan_symbol,
                    wad(*health_factor)
                ))
            }
            KeeperEvent::Skipped { key, reason } => {
                let l = self.label(&key.market);
                Some(format!("  skipped    {} {}  {reason}", l.name, short(&key.borrower)))
            }
            KeeperEvent::StepFailed {
                error, retry_in, ..
            } => Some(format!("  step failed ({error}); retrying in {retry_in:?}")),
            KeeperEvent::Simulated {
                key,
                ok,
                profit,
                gas_used,
                ..
            } => {
                let l = self.label(&key.market);
                let (name, who) = (l.name.clone(), short(&key.borrower));
                Some(if *ok {
                    let profit = human(*profit, l.loan_decimals, 2);
                    format!("  simulated  {name} {who}  profit {profit} {}  gas {gas_used}", l.loan_symbol)
                } else {
                    format!("  simulated  {name} {who}  reverts")
                })
            }
            _ => None,
        }
    }

    /// The line for what happened to what was sent (submissions, inclusions, drops, profit).
    fn execution_line(&self, event: &KeeperEvent) -> Option<String> {
        match event {
            KeeperEvent::Submitted {
                key,
                hash,
                expected_profit,
                latency_us,
                dry_run,
                ..
            } => {
                let l = self.label(&key.market);
                Some(format!(
                    "  {}  {} {}  tx {hash:.10}  expected profit {} {}  {:.1} ms after the block",
                    if *dry_run { "dry-run  " } else { "submitted" },
                    l.name,
                    short(&key.borrower),
                    human(*expected_profit, l.loan_decimals, 2),
                    l.loan_symbol,
                    *latency_us as f64 / 1e3
                ))
            }
            KeeperEvent::Included {
                hash,
                block,
                success,
                gas_used,
                ..
            } => Some(format!(
                "  {}   tx {hash:.10} in block {block}, gas {gas_used}",
                if *success { "included" } else { "REVERTED" }
            )),
            KeeperEvent::Dropped { id, reason } => {
                Some(format!("  dropped    opportunity {id:.10}: {reason}"))
            }
            KeeperEvent::Profit { market, amount } => {
                let l = self.label(market);
                Some(format!(
                    "  profit     {} {} {}",
                    l.name,
                    human(*amount, l.loan_decimals, 2),
                    l.loan_symbol
                ))
            }
            _ => None,
        }
    }

    /// Liquidations sent, included, reverted (all markets).
    pub fn totals(&self) -> (usize, usize, usize) {
        self.markets.values().fold((0, 0, 0), |(s, i, r), t| {
            (s + t.submitted, i + t.included, r + t.reverted)
        })
    }

    /// The transactions [`Reporter::totals`] counts as included (`true`) or reverted, in the order reported.
    pub fn inclusions(&self) -> &[(B256, bool)] {
        &self.inclusions
    }

    /// Cross-market pairs over every plan so far, and how many conflicted.
    pub fn cross_market(&self) -> CrossMarket {
        self.cross_market
    }

    /// The valid plan with the most transactions so far: (transactions, total gas, critical-path gas).
    pub fn busiest(&self) -> Option<(usize, u64, u64)> {
        self.busiest
    }

    /// Transactions sent and not yet included or dropped.
    pub fn unsettled(&self) -> usize {
        let (s, i, r) = self.totals();
        s.saturating_sub(i + r + self.dropped)
    }

    /// Detection-to-send latencies so far (microseconds), sorted.
    pub fn latencies(&self) -> Vec<u64> {
        let mut l = self.latencies_us.clone();
        l.sort_unstable();
        l
    }

    /// The summary table, per market.
    pub fn summary(&self) -> String {
        let mut t = Table::new(&[
            "market", "found", "sent", "included", "reverted", "skipped", "profit",
        ]);
        for (id, m) in &self.markets {
            let l = self.label(id);
            let skipped: Vec<String> = m.skips.iter().map(|(k, v)| format!("{v} {k}")).collect();
            t.row(vec![
                l.name.clone(),
                m.found.to_string(),
                m.submitted.to_string(),
                m.included.to_string(),
                m.reverted.to_string(),
                if skipped.is_empty() {
                    "-".into()
                } else {
                    skipped.join(", ")
                },
                format!("{} {}", human(m.profit, l.loan_decimals, 2), l.loan_symbol),
            ]);
        }
        let mut out = t.render();
        let c = self.cross_market;
        if c.pairs > 0 {
            out.push_str(&format!(
                "cross-market conflicts: {} of {} pairs ({:.0}%)\n",
                c.conflicting,
                c.pairs,
                100.0 * c.conflicting as f64 / c.pairs as f64
            ));
        }
        if let Some((n, total, critical)) = self.busiest.filter(|(_, _, c)| *c > 0) {
            out.push_str(&format!(
                "busiest plan: {n} liquidations, {total} gas, critical path {critical} gas: a parallel executor's speedup is at most {:.2}x\n",
                total as f64 / critical as f64
            ));
        }
        let lat = self.latencies();
        if !lat.is_empty() {
            out.push_str(&format!(
                "head seen → transaction sent: p50 {:.1} ms, p99 {:.1} ms over {} liquidations in {} transactions\n",
                percentile(&lat, 50) as f64 / 1e3,
                percentile(&lat, 99) as f64 / 1e3,
                lat.len(),
                self.transactions.len()
            ));
        }
        out
    }

    /// The summary as JSON.
    pub fn summary_json(&self) -> serde_json::Value {
        let markets: Vec<_> = self
            .markets
            .iter()
            .map(|(id, m)| {
                let l = self.label(id);
                json!({
                    "market": id, "name": l.name, "found": m.found, "submitted": m.submitted,
                    "included": m.included, "reverted": m.reverted, "skipped": m.skips,
                    "profit": m.profit.to_string(), "profitHuman": human(m.profit, l.loan_decimals, 6),
                })
            })
            .collect();
        let lat = self.latencies();
        let busiest = self.busiest.map(|(n, total, critical)| {
            json!({ "transactions": n, "totalGas": total, "criticalPathGas": critical })
        });
        json!({
            "markets": markets,
            "latencyUs": { "p50": percentile(&lat, 50), "p99": percentile(&lat, 99), "count": lat.len() },
            "blocks": self.blocks,
            "crossMarket": { "pairs": self.cross_market.pairs, "conflicting": self.cross_market.conflicting },
            "busiestPlan": busiest,
        })
    }
}

/// The `p`th percentile of sorted values (nearest rank); 0 when empty.
pub fn percentile(sorted: &[u64], p: usize) -> u64 {
    if sorted.is_empty() {
        return 0;
    }
    let rank = (p * sorted.len()).div_ceil(100).clamp(1, sorted.len());
    sorted[rank - 1]
}

/// An event as one JSON object.
pub fn event_json(event: &KeeperEvent) -> serde_json::Value {
    match event {
        KeeperEvent::Block {
            number,
            changed,
            positions,
            liquidatable,
            lag,
        } => {
            json!({"event": "block", "number": number, "changed": changed, "positions": positions, "liquidatable": liquidatable, "lag": lag})
        }
        KeeperEvent::StepFailed {
            error,
            rpc_method,
            retry_in,
        } => json!({
            "event": "stepFailed", "error": error, "rpcMethod": rpc_method, "retryInMs": retry_in.as_millis() as u64
        }),
        KeeperEvent::HeadsReconnected {
            down,
            failed_attempts,
            backfilled,
        } => json!({
            "event": "headsReconnected", "downMs": down.as_millis() as u64, "failedAttempts": failed_attempts, "backfilled": backfilled
        }),
        KeeperEvent::Planned {
            profile,
            order,
            profit_wei,
            critical_path_gas,
            re_executions,
            valid,
            total_gas,
            cross_market,
        } => json!({
            "event": "planned", "profile": profile,
            "order": order.iter().map(|k| json!({"market": k.market, "borrower": k.borrower})).collect::<Vec<_>>(),
            "profitWei": profit_wei.to_string(), "criticalPathGas": critical_path_gas,
            "reExecutions": re_executions, "valid": valid, "totalGas": total_gas,
            "crossMarketPairs": cross_market.pairs, "crossMarketConflicts": cross_market.conflicting
        }),
        KeeperEvent::OracleUpdate {
            source,
            markets,
            block,
            price,
            speculative,
        } => json!({
            "event": "oracleUpdate", "source": &**source, "markets": &**markets, "block": block,
            "price": price.to_string(), "speculative": speculative
        }),
        KeeperEvent::OracleRejected {
            source,
            markets,
            block,
            reason,
        } => json!({
            "event": "oracleRejected", "source": &**source, "markets": &**markets, "block": block,
            "reason": reason.to_string(), "label": reason.kind().label()
        }),
        KeeperEvent::Speculated {
            oracle_txs,
            head,
            orders,
            transactions,
            ready_us,
            ..
        } => json!({
            "event": "speculated", "oracleTxs": oracle_txs, "head": head, "orders": orders,
            "transactions": transactions, "readyUs": ready_us
        }),
        KeeperEvent::OracleState { market, ok, error } => json!({
            "event": "oracleState", "market": market, "ok": ok,
            "error": error.as_ref().map(ToString::to_string)
        }),
        KeeperEvent::Found {
            key,
            debt,
            health_factor,
        } => json!({
            "event": "found", "market": key.market, "borrower": key.borrower,
            "debt": debt.to_string(), "healthFactor": health_factor.to_string()
        }),
        KeeperEvent::Skipped { key, reason } => json!({
            "event": "skipped", "market": key.market, "borrower": key.borrower, "reason": reason.to_string(),
            "label": reason.label()
        }),
        KeeperEvent::Simulated {
            key,
            ok,
            profit,
            gas_used,
            ..
        } => json!({
            "event": "simulated", "market": key.market, "borrower": key.borrower, "ok": ok,
            "profit": profit.to_string(), "gasUsed": gas_used
        }),
        KeeperEvent::Submitted {
            key,
            id,
            hash,
            expected_profit,
            latency_us,
            dry_run,
            ..
        } => json!({
            "event": "submitted", "market": key.market, "borrower": key.borrower, "id": id, "hash": hash,
            "expectedProfit": expected_profit.to_string(), "latencyUs": latency_us, "dryRun": dry_run
        }),
        KeeperEvent::Included {
            id,
            hash,
            block,
            success,
            gas_used,
        } => json!({
            "event": "included", "id": id, "hash": hash, "block": block, "success": success, "gasUsed": gas_used
        }),
        KeeperEvent::Dropped { id, reason } => {
            json!({"event": "dropped", "id": id, "reason": reason})
        }
        KeeperEvent::Profit { market, amount } => {
            json!({"event": "profit", "market": market, "amount": amount.to_string()})
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_by_nearest_rank() {
        let v: Vec<u64> = (1..=100).collect();
        assert_eq!(percentile(&v, 50), 50);
        assert_eq!(percentile(&v, 99), 99);
        assert_eq!(percentile(&[7], 99), 7);
        assert_eq!(percentile(&[], 50), 0);
    }
}
