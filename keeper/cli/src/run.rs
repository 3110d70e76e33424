//! `cantilever run`: the daemon. Logs, the metrics and health endpoints, a watchdog, the keeper loop, and a
//! graceful stop on SIGINT/SIGTERM (the index and the ledger are persisted as they change, so a stop at any
//! point loses nothing).

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use cantilever_bindings::erc20_mock::ERC20Mock;
use tracing::info;

use super::setup::{Loaded, keeper_settings, lane_owners, load, process_env};
use super::{CliResult, RunArgs};
use cantilever_daemon::config::Overrides;
use cantilever_daemon::observe::observe;
use cantilever_daemon::telemetry::{
    HealthState, LogFormat, Metrics, init_logging, serve, shutdown_signal, warn_stale, watchdog,
};
use cantilever_daemon::{Keeper, KeeperEvent};
use cantilever_exec::Executor;
use cantilever_index::PositionIndex;

/// Runs the daemon until a signal.
pub async fn run(args: &RunArgs) -> CliResult<()> {
    let overrides = Overrides {
        dry_run: args.dry_run.then_some(true),
        log_format: args.json.then_some(LogFormat::Json),
        ..Overrides::default()
    };
    let Loaded {
        config,
        deployment,
        chain,
        provider,
        spec,
    } = load(&args.config, overrides).await?;
    init_logging(config.telemetry.log_format, &config.telemetry.log_level)?;
    let signer = config.signer()?;
    info!(target: "cantilever", chain_id = chain.chain_id, head = chain.head, core = %deployment.core, account = %signer.address(), "starting");
    let index = PositionIndex::open(&config.index.store, &deployment, config.index.clone())?;
    let exec = config.exec_config(&process_env)?;
    let priority_fee_wei = exec.priority_fee_wei;
    let lanes = lane_owners(&config, &deployment, &provider).await?;
    let mut signers = vec![signer];
    signers.extend(
        config
            .lane_signers(&process_env)?
            .into_iter()
            .map(|(s, _)| s),
    );
    let mut executors = Vec::with_capacity(lanes.len());
    for (i, (lane, signer)) in lanes.iter().zip(signers).enumerate() {
        if lane.sender != signer.address() {
            return Err(format!(
                "lane {i}: the executor {} is owned by {}, not by its key's account {}",
                lane.executor,
                lane.sender,
                signer.address()
            )
            .into());
        }
        let mut lane_exec = exec.clone();
        // Each lane keeps its own ledger beside the configured one: a market always goes out through the
        // same lane, so one ledger sees each opportunity.
        if i > 0 {
            lane_exec.ledger_path = exec
                .ledger_path
                .as_ref()
                .map(|p| p.with_extension(format!("lane{i}")));
        }
        executors.push(Executor::new(provider.clone(), signer, chain.chain_id, lane_exec).await?);
    }
    let settings = keeper_settings(&config, &deployment, spec, priority_fee_wei, lanes)?;
    // Each market's loan token (symbol, decimals): realised profit is reported per token, in whole tokens.
    let mut loan_tokens = HashMap::new();
    for m in &deployment.markets {
        let token = ERC20Mock::new(m.loan_token, &provider);
        let decimals = token.decimals().call().await?;
        let symbol = token
            .symbol()
            .call()
            .await
            .unwrap_or_else(|_| m.loan_token.to_string());
        loan_tokens.insert(m.id, (symbol, decimals));
    }

    let metrics = Arc::new(Metrics::new());
    let health = Arc::new(HealthState::new(Duration::from_secs(
        config.telemetry.stale_head_secs,
    )));
    if let Some(addr) = config.telemetry.metrics_addr {
        let (bound, _task) =
            serve(addr, metrics.clone(), health.clone(), shutdown_signal()).await?;
        info!(target: "cantilever", %bound, "metrics on /metrics, health on /health");
    }
    let watch = health.clone();
    let interval = (health.stale_after() / 4).max(Duration::from_secs(1));
    tokio::spawn(async move { watchdog(watch, interval, warn_stale).await });

    let mut keeper = Keeper::new(provider, deployment, index, executors, settings)?;
    // The oracle trigger's stream starts before the loop so that its counters are served from the start.
    if let Some(stream) = keeper.start_oracle_trigger().await {
        metrics.export_stream(stream);
    }
    let on_event = |e: &KeeperEvent| {
        observe(&metrics, &health, e, |m| {
            loan_tokens
                .get(m)
                .cloned()
                .unwrap_or_else(|| (m.to_string(), 18))
        });
        log_event(e);
    };
    keeper.run(shutdown_signal(), on_event).await?;
    info!(target: "cantilever", in_flight = keeper.in_flight(), "stopped; index and ledger are on disk");
    Ok(())
}

/// One log line per event that matters to an operator.
fn log_event(e: &KeeperEvent) {
    const T: &str = "cantilever::keeper";
    match e {
        KeeperEvent::Block {
            number,
            changed,
            positions,
            liquidatable,
            lag,
        } => {
            if *liquidatable > 0 || *changed > 0 || *lag > 0 {
                info!(target: T, block = number, changed, positions, liquidatable, lag, "block");
            } else {
                tracing::debug!(target: T, block = number, positions, "block");
            }
        }
        // Logged where they happen (with the retry pause; once per oracle state change); in the metrics.
        KeeperEvent::StepFailed { .. } | KeeperEvent::OracleState { .. } => {}
        KeeperEvent::HeadsReconnected {
            down,
            failed_attempts,
            backfilled,
        } => {
            info!(target: T, ?down, failed_attempts, backfilled, "new heads: subscription back, missed blocks backfilled")
        }
        KeeperEvent::Found {
            key,
            debt,
            health_factor,
        } => {
            info!(target: T, market = %key.market, borrower = %key.borrower, %debt, %health_factor, "liquidatable")
        }
        KeeperEvent::Skipped { key, reason } => {
            info!(target: T, market = %key.market, borrower = %key.borrower, reason = %reason, label = reason.label(), "skipped")
        }
        KeeperEvent::Simulated {
            key,
            ok,
            profit,
            gas_used,
            micros,
        } => {
            info!(target: T, market = %key.market, borrower = %key.borrower, ok, %profit, gas_used, micros, "simulated")
        }
        KeeperEvent::Planned {
            profile,
            order,
            profit_wei,
            critical_path_gas,
            re_executions,
            valid,
            total_gas,
            cross_market,
        } => {
            info!(target: T, profile, transactions = order.len(), %profit_wei, critical_path_gas, total_gas, re_executions, valid, cross_market_pairs = cross_market.pairs, cross_market_conflicts = cross_market.conflicting, "planned")
        }
        KeeperEvent::Submitted {
            key,
            hash,
            expected_profit,
            latency_us,
            dry_run,
            ..
        } => {
            info!(target: T, market = %key.market, borrower = %key.borrower, %hash, %expected_profit, latency_us, dry_run, "submitted")
        }
        KeeperEvent::Included {
            hash,
            block,
            success,
            gas_used,
            ..
        } => {
            info!(target: T, %hash, block, success, gas_used, "included")
        }
        KeeperEvent::OracleUpdate {
            source,
            markets,
            block,
            price,
            speculative: None,
        } => {
            info!(target: T, feed = %source, markets = markets.len(), block, %price, "feed update")
        }
        KeeperEvent::OracleUpdate {
            source,
            markets,
            block,
            price,
            speculative: Some(tx),
        } => {
            info!(target: T, feed = %source, markets = markets.len(), block, %price, %tx, "pending feed update")
        }
        KeeperEvent::OracleRejected {
            source,
            markets,
            block,
            reason,
        } => {
            info!(target: T, feed = %source, markets = markets.len(), block, reason = %reason, label = reason.kind().label(), "feed refused by the oracle trigger")
        }
        // Logged where it is planned, with the transactions it waits for.
        KeeperEvent::Speculated { .. } => {}
        KeeperEvent::Dropped { id, reason } => info!(target: T, %id, reason = %reason, "dropped"),
        KeeperEvent::Profit { market, amount } => {
            info!(target: T, market = %market, %amount, "profit")
        }
    }
}
