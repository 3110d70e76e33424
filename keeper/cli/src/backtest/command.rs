//! Runs `cantilever backtest`: builds the sweep from the arguments, runs it on every core with a progress line,
//! writes `result.json` and `report.html` atomically, prints the summary table (and the comparison with an
//! earlier result). The state is a scenario's dump, or a node's block (`--fork-url`) read through a cache file
//! that is saved after the run, so that the next run of the block makes no RPC call (it prints how many it
//! made).

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::time::Instant;

use cantilever_backtest::{
    ForkOptions, ForkedScenario, PathSource, Scenario, StrategySpec, Sweep, WorldParams, run_cells,
    shard,
};
use cantilever_planner::StrategyParams;
use cantilever_report::{BacktestResult, Shard, compare, merge, table, write_html_atomic};

use super::args::{BacktestAction, BacktestArgs, RunOptions};
use crate::CliResult;

/// Runs the command.
pub async fn backtest(args: BacktestArgs) -> CliResult<()> {
    match args.action {
        Some(BacktestAction::Snapshot {
            out,
            borrowers,
            seed,
        }) => super::snapshot::snapshot(&out, borrowers as usize, seed).await,
        Some(BacktestAction::Merge { parts, out }) => merge_parts(&parts, &out),
        None => tokio::task::spawn_blocking(move || run(&args.run)).await?,
    }
}

/// The state a run starts from: a scenario directory's dump, or a node's block through its cache.
enum Source {
    Dump(Scenario),
    Fork(ForkedScenario),
}

impl Source {
    fn scenario(&self) -> &Scenario {
        match self {
            Self::Dump(s) => s,
            Self::Fork(f) => &f.scenario,
        }
    }

    /// What the result records as its scenario: the same whatever the run fetched (never the URL).
    fn name(&self, options: &RunOptions) -> String {
        match self {
            Self::Dump(_) => options
                .scenario
                .as_ref()
                .map_or("bundled devnet".to_string(), |d| d.display().to_string()),
            Self::Fork(f) => {
                let block = f.cache.header().block;
                format!(
                    "fork of chain {} at block {} ({})",
                    f.scenario.file.chain_id, block.number, block.hash
                )
            }
        }
    }
}

/// Whether the options ask for a fork, and which. `--scenario DIR` gives the deployment and scenario file a
/// fork uses when `--deployment` and `--scenario-file` do not.
fn fork_options(options: &RunOptions) -> CliResult<Option<ForkOptions>> {
    let fork = &options.fork;
    if fork.fork_url.is_none() && fork.cache.is_none() {
        if fork.deployment.is_some() || fork.scenario_file.is_some() || fork.fork_block.is_some() {
            return Err(
                "--deployment, --scenario-file and --fork-block are for a fork: give --fork-url (or --cache to run \
                 offline from a cache)"
                    .into(),
            );
        }
        return Ok(None);
    }
    let given = |path: &Option<PathBuf>, name: &str| {
        path.clone()
            .or_else(|| options.scenario.as_ref().map(|d| d.join(name)))
    };
    let (Some(deployment), Some(scenario_file)) = (
        given(&fork.deployment, "deployment.json"),
        given(&fork.scenario_file, "scenario.json"),
    ) else {
        return Err("a fork needs --deployment and --scenario-file (or --scenario DIR holding deployment.json \
                    and scenario.json)"
            .into());
    };
    Ok(Some(ForkOptions {
        url: fork.fork_url.as_ref().map(|u| u.0.clone()),
        block: fork.fork_block,
        deployment,
        scenario_file,
        cache: fork.cache.clone(),
    }))
}

fn run(options: &RunOptions) -> CliResult<()> {
    let shard = options.shard.as_deref().map(parse_shard).transpose()?;
    let bundled = tempfile::tempdir()?;
    let source = open_source(options, bundled.path())?;
    let scenario = source.scenario();
    let sweep = sweep_of(options, scenario)?;
    sweep.validate(scenario)?;
    let cells = sweep.cells();
    let total = cells.len();
    let cells = match shard {
        Some(s) => shard_cells(cells, s),
        None => cells,
    };
    let started = Instant::now();
    let progress = |done: usize, of: usize| {
        if !options.quiet {
            let elapsed = started.elapsed().as_secs_f64();
            let eta = elapsed / done as f64 * (of - done) as f64;
            eprint!("\rbacktest: {done}/{of} runs, {elapsed:.1} s, ETA {eta:.1} s   ");
            let _ = std::io::stderr().flush();
        }
    };
    let runs = run_cells(&sweep, scenario, &cells, options.threads, &progress);
    if !options.quiet {
        eprintln!();
    }
    let runs = finish_runs(&source, runs, options)?;
    let inputs = serde_json::json!({
        "scenario": source.name(options),
        "scenario_block": scenario.block.number,
        "sweep": sweep,
        "strategy_params": format!("{:?}", sweep.strategy_params),
        "cells": total,
    });
    let result = BacktestResult::new(
        env!("CARGO_PKG_VERSION").to_string(),
        env!("CANTILEVER_GIT_COMMIT").to_string(),
        inputs,
        shard,
        runs,
    );
    write_outputs(&result, &options.out)?;
    print_summary(&result, options, started, &source)?;
    Ok(())
}

/// The scenario to run on: a fork (with its cache), the `--scenario` directory, or the bundled one written
/// into `bundled`.
fn open_source(options: &RunOptions, bundled: &Path) -> CliResult<Source> {
    Ok(match fork_options(options)? {
        Some(fork) => {
            let forked = Scenario::from_fork(&fork)?;
            let block = forked.cache.header().block;
            if !options.quiet {
                eprintln!(
                    "backtest: fork of chain {} at block {} from {}; cache {} ({} keys)",
                    forked.scenario.file.chain_id,
                    block.number,
                    options
                        .fork
                        .fork_url
                        .as_ref()
                        .map_or("no node (offline)".to_string(), ToString::to_string),
                    forked.cache_path.display(),
                    forked.cache.len()
                );
            }
            Source::Fork(forked)
        }
        None => {
            let dir = match &options.scenario {
                Some(dir) => dir.clone(),
                None => {
                    super::bundled::write(bundled)?;
                    bundled.to_path_buf()
                }
            };
            Source::Dump(Scenario::load(&dir)?)
        }
    })
}

/// The runs, once a fork's cache is saved (what was fetched is the block's state whether or not the run
/// succeeded) and checked complete (a run whose state reads failed is refused).
fn finish_runs(
    source: &Source,
    runs: Result<Vec<cantilever_report::Run>, cantilever_backtest::BacktestError>,
    options: &RunOptions,
) -> CliResult<Vec<cantilever_report::Run>> {
    Ok(match source {
        Source::Dump(_) => runs?,
        Source::Fork(forked) => {
            // What was fetched is the block's state whether or not the run succeeded: keep it.
            let saved = forked.save_cache();
            let runs = runs?;
            forked.check_complete()?;
            if saved? && !options.quiet {
                eprintln!(
                    "backtest: cache {} saved: {} keys, {} fetched this run",
                    forked.cache_path.display(),
                    forked.cache.len(),
                    forked.cache.fetched()
                );
            }
            runs
        }
    })
}

/// The table, where the files are, the comparison asked for, and a fork's RPC calls.
fn print_summary(
    result: &BacktestResult,
    options: &RunOptions,
    started: Instant,
    source: &Source,
) -> CliResult<()> {
    println!("{}", table(result));
    println!(
        "{} runs in {:.1} s; result {}, report {}",
        result.runs.len(),
        started.elapsed().as_secs_f64(),
        options.out.join("result.json").display(),
        options.out.join("report.html").display()
    );
    if let Some(old) = &options.compare {
        println!("{}", compare(&BacktestResult::read(old)?, result));
    }
    if let Source::Fork(forked) = source {
        println!("RPC calls this run: {}", forked.rpc_calls());
    }
    Ok(())
}

/// The sweep the options describe.
fn sweep_of(options: &RunOptions, scenario: &Scenario) -> CliResult<Sweep> {
    let names: Vec<String> = if options.paths.is_empty() {
        vec!["crash".into(), "gbm".into()]
    } else {
        options.paths.clone()
    };
    let feeds = scenario.feed_names();
    let paths = names
        .iter()
        .map(|name| {
            if let Some(spec) = cantilever_paths::named(name) {
                Ok(PathSource::Generated(spec))
            } else if Path::new(name).extension().is_some_and(|e| e == "csv") {
                Ok(PathSource::Fixed(cantilever_paths::read_csv(
                    Path::new(name),
                    &feeds,
                    scenario.file.block_time_secs,
                )?))
            } else {
                Err(format!("--path {name}: neither a built-in path (crash, gbm, depeg, freeze, gas-spike) nor a .csv file").into())
            }
        })
        .collect::<CliResult<Vec<_>>>()?;
    let strategies = if options.strategies.is_empty() {
        StrategySpec::builtin()
    } else {
        options
            .strategies
            .iter()
            .map(|s| parse_strategy(s))
            .collect::<CliResult<_>>()?
    };
    let mut worlds = Vec::new();
    for &detection_lag in &options.detection_lag {
        for &rival_probability in &options.rival_probability {
            worlds.push(WorldParams {
                detection_lag,
                inclusion_delay: options.inclusion_delay,
                base_fee_gwei: (options.base_fee_gwei != 0.0).then_some(options.base_fee_gwei),
                rival_probability,
                ..WorldParams::default()
            });
        }
    }
    Ok(Sweep {
        strategies,
        worlds,
        paths,
        seeds: (0..options.seeds).collect(),
        strategy_params: StrategyParams::default(),
    })
}

fn parse_strategy(text: &str) -> CliResult<StrategySpec> {
    let (name, arg) = text
        .split_once(':')
        .map_or((text, None), |(n, a)| (n, Some(a)));
    let number = |what: &str| -> CliResult<f64> {
        arg.ok_or_else(|| {
            format!(
                "--strategy {text}: {name} needs {what}, e.g. {name}:{}",
                if name == "gas-aware" { "3" } else { "0.97" }
            )
        })?
        .parse::<f64>()
        .map_err(|e| format!("--strategy {text}: {e}").into())
    };
    Ok(match name {
        "greedy" => StrategySpec::Greedy,
        "parallel" => StrategySpec::Parallel,
        "gas-aware" => StrategySpec::GasAware {
            k: number("a multiple k")?,
        },
        "deeper-bonus" => StrategySpec::DeeperBonus {
            target_health: number("a target health")?,
        },
        _ => {
            return Err(format!(
                "--strategy {text}: unknown (greedy, parallel, gas-aware:K, deeper-bonus:H)"
            )
            .into());
        }
    })
}

fn parse_shard(text: &str) -> CliResult<Shard> {
    let bad = || format!("--shard {text}: expected i/n with 0 <= i < n, e.g. 0/4");
    let (i, n) = text.split_once('/').ok_or_else(bad)?;
    let (index, count): (u32, u32) = (
        i.trim().parse().map_err(|_| bad())?,
        n.trim().parse().map_err(|_| bad())?,
    );
    if count == 0 || index >= count {
        return Err(bad().into());
    }
    Ok(Shard { index, count })
}

fn shard_cells(cells: Vec<cantilever_backtest::Cell>, s: Shard) -> Vec<cantilever_backtest::Cell> {
    shard(cells, s.index, s.count)
}

fn merge_parts(parts: &[PathBuf], out: &Path) -> CliResult<()> {
    let results = parts
        .iter()
        .map(|p| BacktestResult::read(p))
        .collect::<Result<Vec<_>, _>>()?;
    let merged = merge(results)?;
    write_outputs(&merged, out)?;
    println!("{}", table(&merged));
    println!(
        "merged {} shards into {}",
        parts.len(),
        out.join("result.json").display()
    );
    Ok(())
}

fn write_outputs(result: &BacktestResult, out: &Path) -> CliResult<()> {
    std::fs::create_dir_all(out).map_err(|e| format!("creating {}: {e}", out.display()))?;
    result.write_atomic(&out.join("result.json"))?;
    write_html_atomic(result, &out.join("report.html"))?;
    Ok(())
}
