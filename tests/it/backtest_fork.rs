//! The backtest on a fork: a real anvil loaded from the bundled scenario's state dump, forked at its head
//! through sim's RPC source with every key kept in a cache file.
//!
//! The same small sweep (the crash path cut to 20 steps, its fall squeezed into steps 5..15; the greedy keeper
//! against a rival; two seeds) runs four times: from the node with an empty cache (RPC calls made, the cache
//! saved), from the node with the cache (no RPC call), from the cache with the node killed (no node needed),
//! and on the dump itself with no node at all. All four results are the same, byte for byte.

use std::path::PathBuf;

use alloy::providers::Provider;
use cantilever_backtest::{
    ForkOptions, PathSource, Scenario, StrategySpec, Sweep, WorldParams, run_cells,
};
use cantilever_paths::Component;
use cantilever_planner::StrategyParams;
use cantilever_report::BacktestResult;
use cantilever_tests::{Anvil, AnvilConfig};

use crate::TestResult;

/// Steps of the crash path, its 40% fall squeezed into steps 5..15 so that it fits.
const STEPS: u64 = 20;
const FALL_OVER: u64 = 10;

fn scenario_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../backtest/scenarios/devnet")
}

fn sweep() -> TestResult<Sweep> {
    let mut crash = cantilever_paths::named("crash").ok_or("no crash path")?;
    crash.steps = STEPS;
    for component in &mut crash.components {
        if let Component::Crash { over, .. } = component {
            *over = FALL_OVER;
        }
    }
    Ok(Sweep {
        strategies: vec![StrategySpec::Greedy],
        worlds: vec![WorldParams {
            rival_probability: 0.3,
            ..WorldParams::default()
        }],
        paths: vec![PathSource::Generated(crash)],
        seeds: vec![0, 1],
        strategy_params: StrategyParams::default(),
    })
}

/// The sweep's result as JSON, with everything but the runs fixed, so results compare byte for byte.
fn result_json(sweep: &Sweep, scenario: &Scenario) -> Result<(String, u64), String> {
    sweep.validate(scenario).map_err(|e| e.to_string())?;
    let runs =
        run_cells(sweep, scenario, &sweep.cells(), 2, &|_, _| {}).map_err(|e| e.to_string())?;
    let captured = runs.iter().map(|r| r.metrics.captured).sum();
    let result = BacktestResult::new(
        "test".into(),
        "test".into(),
        serde_json::json!({}),
        None,
        runs,
    );
    Ok((result.to_json(), captured))
}

/// One run from the fork, as the CLI makes it: the scenario, the sweep, the cache saved, the reads checked.
struct ForkRun {
    json: String,
    rpc_calls: u64,
    keys: usize,
    fetched: u64,
}

/// Runs the sweep on a blocking thread (the RPC source blocks on the runtime, as in the CLI).
async fn fork_run(options: &ForkOptions) -> TestResult<ForkRun> {
    let (options, sweep) = (options.clone(), sweep()?);
    let run = tokio::task::spawn_blocking(move || -> Result<ForkRun, String> {
        let forked = Scenario::from_fork(&options).map_err(|e| e.to_string())?;
        let (json, _) = result_json(&sweep, &forked.scenario)?;
        forked.save_cache().map_err(|e| e.to_string())?;
        forked.check_complete().map_err(|e| e.to_string())?;
        Ok(ForkRun {
            json,
            rpc_calls: forked.rpc_calls(),
            keys: forked.cache.len(),
            fetched: forked.cache.fetched(),
        })
    })
    .await??;
    Ok(run)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_fork_run_is_cached_then_replays_offline_and_equals_the_dump_run() -> TestResult {
    let dir = scenario_dir();
    let dump = Scenario::load(&dir)?;
    let anvil = Anvil::spawn(&AnvilConfig {
        load_state: Some(dir.join("state.json")),
        timestamp: Some(dump.block.timestamp),
        hardfork: Some(dump.file.hardfork.clone()),
        chain_id: Some(dump.file.chain_id),
        ..AnvilConfig::default()
    })
    .await?;
    let cache_dir = tempfile::tempdir()?;
    let cache = cache_dir.path().join("fork.json");
    let options = ForkOptions {
        url: Some(anvil.url().to_string()),
        block: Some(dump.block.number),
        deployment: dir.join("deployment.json"),
        scenario_file: dir.join("scenario.json"),
        cache: Some(cache.clone()),
    };

    let first = fork_run(&options).await?;
    assert!(first.rpc_calls > 0, "the first run reads the node");
    assert!(cache.exists(), "the first run saves its cache");
    assert_eq!(
        first.fetched as usize, first.keys,
        "every key the first run holds it fetched"
    );

    let second = fork_run(&options).await?;
    assert_eq!(second.rpc_calls, 0, "the second run reads only the cache");
    assert_eq!((second.keys, second.fetched), (first.keys, 0));
    assert_eq!(
        second.json, first.json,
        "the second run's result against the first's"
    );

    let provider = anvil.provider();
    drop(anvil);
    assert!(
        provider.get_chain_id().await.is_err(),
        "the node is gone before the offline run"
    );
    let third = fork_run(&options).await?;
    assert_eq!(third.rpc_calls, 0, "with the node killed");
    assert_eq!(
        third.json, first.json,
        "the offline run's result against the first's"
    );

    let sweep = sweep()?;
    let (on_dump, captured) =
        tokio::task::spawn_blocking(move || result_json(&sweep, &dump)).await??;
    assert!(
        captured > 0,
        "the path must make the keeper liquidate, else the comparison proves little"
    );
    assert_eq!(
        on_dump, first.json,
        "the sweep on the state dump against the sweep on the fork of the same state"
    );
    eprintln!(
        "backtest fork: RPC calls {} on the first run, {} on the second, {} offline; {} keys cached; {captured} \
         liquidations captured over the seeds",
        first.rpc_calls, second.rpc_calls, third.rpc_calls, first.keys
    );
    Ok(())
}
