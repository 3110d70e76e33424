//! `cantilever config check`: everything `run` checks before it starts, then a summary; nothing secret is
//! printed (the signer shows as its address).

use serde_json::json;

use super::setup::{Loaded, load, process_env};
use super::{CliResult, ConfigCheckArgs};
use cantilever_daemon::config::Overrides;

/// Checks the config and prints what it found.
pub async fn config_check(args: &ConfigCheckArgs) -> CliResult<()> {
    let Loaded {
        config,
        deployment,
        chain,
        ..
    } = load(&args.config, Overrides::default()).await?;
    let signer = config.signer()?;
    config.exec_config(&process_env)?;
    let executor = config.executor_address(&deployment)?;
    let markets = config.market_ids(&deployment);
    let trigger = config.oracle_trigger();
    if args.json {
        println!(
            "{}",
            json!({
                "ok": true, "chainId": chain.chain_id, "head": chain.head, "core": deployment.core,
                "markets": markets, "executor": executor, "account": signer.address(),
                "oracleTrigger": trigger.enabled, "watchPending": trigger.watch_pending,
                "oraclePollMs": trigger.poll_interval.as_millis() as u64,
            })
        );
    } else {
        println!("config {} is valid", args.config.config.display());
        println!(
            "  node      chain {} at block {}, core has {} bytes of code",
            chain.chain_id, chain.head, chain.core_code_len
        );
        println!(
            "  markets   {} of {} in the deployment",
            markets.len(),
            deployment.markets.len()
        );
        println!("  executor  {executor}");
        if trigger.enabled {
            println!(
                "  oracle    feed updates start a step (filters polled every {} ms; pending transactions {})",
                trigger.poll_interval.as_millis(),
                if trigger.watch_pending {
                    "watched"
                } else {
                    "not watched"
                }
            );
        } else {
            println!("  oracle    trigger off: new heads alone start a step");
        }
        println!(
            "  account   {} (key loaded; never printed)",
            signer.address()
        );
    }
    Ok(())
}
