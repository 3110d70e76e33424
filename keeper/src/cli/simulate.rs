//! `cantilever simulate`: the opportunities at the head, each simulated on a fork, and the plan the keeper
//! would send; nothing is sent (the executor signs in dry-run mode and keeps no ledger).

use serde_json::json;

use super::positions::open_index;
use super::report::{Reporter, event_json, market_labels};
use super::setup::{Loaded, keeper_settings, load, process_env};
use super::{CliResult, SimulateArgs};
use crate::config::Overrides;
use crate::daemon::{Keeper, KeeperEvent};
use crate::exec::Executor;

/// Simulates the current opportunities and prints them.
pub async fn simulate(args: &SimulateArgs) -> CliResult<()> {
    let overrides = Overrides {
        dry_run: Some(true),
        ..Overrides::default()
    };
    let Loaded {
        config,
        deployment,
        chain,
        provider,
        spec,
    } = load(&args.config, overrides).await?;
    let signer = config.signer()?;
    let mut exec = config.exec_config(&process_env)?;
    exec.dry_run = true;
    exec.ledger_path = None;
    let priority_fee_wei = exec.priority_fee_wei;
    let executor = Executor::new(provider.clone(), signer, chain.chain_id, exec).await?;
    let settings = keeper_settings(&config, &deployment, spec, priority_fee_wei)?;
    let labels = market_labels(&provider, &deployment).await?;
    let index = open_index(&config.index.store, &deployment, config.index_config());
    let mut keeper = Keeper::new(provider, deployment, index, executor, settings);
    let report = keeper.step().await?;
    if args.json {
        let events: Vec<_> = report
            .events
            .iter()
            .filter(|e| !matches!(e, KeeperEvent::Block { .. }))
            .map(event_json)
            .collect();
        println!("{}", json!({ "block": report.head, "events": events }));
        return Ok(());
    }
    let mut reporter = Reporter::new(labels, false);
    for e in &report.events {
        reporter.on_event(e);
    }
    if !report
        .events
        .iter()
        .any(|e| matches!(e, KeeperEvent::Found { .. }))
    {
        println!(
            "block {}: no liquidatable position",
            report.head.unwrap_or_default()
        );
    }
    Ok(())
}
