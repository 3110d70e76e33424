//! `cantilever simulate`: the opportunities at the head, each simulated on a fork, and the plan the keeper
//! would send. It runs the daemon's own planner with no key: the simulated senders are the executor contracts'
//! owners, read from the chain, and nothing is signed or sent.

use cantilever_daemon::KeeperEvent;
use cantilever_daemon::config::Overrides;
use cantilever_daemon::events::SkipCause;
use cantilever_planner::{Decision, Proposals};
use serde_json::json;

use super::positions::open_index;
use super::report::{Reporter, event_json, market_labels};
use super::setup::{Loaded, keeper_settings, lane_owners, load};
use super::{CliResult, SimulateArgs};

/// Simulates the current opportunities and prints them.
pub async fn simulate(args: &SimulateArgs) -> CliResult<()> {
    let Loaded {
        config,
        deployment,
        provider,
        spec,
        ..
    } = load(&args.config, Overrides::default()).await?;
    let exec = config.exec_config(&super::setup::process_env)?;
    // The lanes' senders are their executors' owners, read from the chain: no key is needed.
    let lanes = lane_owners(&config, &deployment, &provider).await?;
    let settings = keeper_settings(&config, &deployment, spec, exec.priority_fee_wei, lanes)?;
    let labels = market_labels(&provider, &deployment).await?;
    let index = open_index(&config.index.store, &deployment, config.index.clone());
    let mut live = settings.live_planner(provider, &deployment, index);
    let at = live.sync().await?;
    let proposals = live.propose(&at, |_| false);
    let decision = if proposals.proposed.is_empty() {
        None
    } else {
        Some(live.plan(proposals.proposed.clone(), &at).await?)
    };
    let events = events(&proposals, decision.as_ref());
    if args.json {
        let events: Vec<_> = events.iter().map(event_json).collect();
        println!("{}", json!({ "block": at.head, "events": events }));
        return Ok(());
    }
    let mut reporter = Reporter::new(labels, false);
    for e in &events {
        reporter.on_event(e);
    }
    if proposals.found.is_empty() {
        println!("block {}: no liquidatable position", at.head);
    }
    Ok(())
}

/// The planner's findings as the events the daemon would report (nothing is submitted).
fn events(proposals: &Proposals, decision: Option<&Decision>) -> Vec<KeeperEvent> {
    let mut out: Vec<KeeperEvent> = proposals
        .found
        .iter()
        .map(|f| KeeperEvent::Found {
            key: f.key,
            debt: f.debt,
            health_factor: f.health_factor,
        })
        .collect();
    let skipped = proposals
        .skipped
        .iter()
        .chain(decision.iter().flat_map(|d| &d.skipped));
    out.extend(skipped.map(|s| KeeperEvent::Skipped {
        key: s.key,
        reason: SkipCause::Planner(s.reason.clone()),
    }));
    let Some(decision) = decision else {
        return out;
    };
    out.extend(KeeperEvent::simulated(decision));
    out.push(KeeperEvent::planned(&decision.plan));
    out
}
