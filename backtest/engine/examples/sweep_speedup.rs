//! Backtest speed on the bundled devnet scenario (240 positions), release build:
//!
//! - price steps per second through the whole pipeline (detection, simulation, packing, applying) on the
//!   crash path, one run on one thread;
//! - a 64-path sweep (the stressed GBM, 64 seeds, the daemon's strategy) on one thread and on every core,
//!   measured in the same run, with the speedup; the two results must be identical byte for byte.
//!
//! `cargo run --release -p cantilever-backtest --example sweep_speedup [paths]`

use std::path::Path;
use std::time::Instant;

use cantilever_backtest::{PathSource, Scenario, StrategySpec, Sweep, WorldParams, run_cells};
use cantilever_paths::named;
use cantilever_planner::StrategyParams;
use cantilever_report::BacktestResult;

fn sweep(paths: u64) -> Sweep {
    Sweep {
        strategies: vec![StrategySpec::Greedy],
        worlds: vec![WorldParams::default()],
        paths: vec![PathSource::Generated(named("gbm").expect("built in"))],
        seeds: (0..paths).collect(),
        strategy_params: StrategyParams::default(),
    }
}

fn timed(sweep: &Sweep, sc: &Scenario, threads: usize) -> (f64, String, u64) {
    let started = Instant::now();
    let runs = run_cells(sweep, sc, &sweep.cells(), threads, &|_, _| {}).expect("the sweep runs");
    let seconds = started.elapsed().as_secs_f64();
    let steps = runs.iter().map(|r| r.metrics.steps).sum();
    let json = BacktestResult::new(
        "bench".into(),
        "bench".into(),
        serde_json::Value::Null,
        None,
        runs,
    )
    .to_json();
    (seconds, json, steps)
}

fn main() {
    let paths: u64 = std::env::args()
        .nth(1)
        .map_or(64, |a| a.parse().expect("a number of paths"));
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../scenarios/devnet");
    let sc = Scenario::load(&dir).expect("the bundled scenario");
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());

    let crash = Sweep {
        paths: vec![PathSource::Generated(named("crash").expect("built in"))],
        seeds: vec![0],
        ..sweep(1)
    };
    let (seconds, _, steps) = timed(&crash, &sc, 1);
    println!(
        "crash path, one run, one thread: {steps} steps in {seconds:.2} s = {:.0} price steps/s ({} positions)",
        steps as f64 / seconds,
        sc.file.positions.len()
    );

    let grid = sweep(paths);
    let (one, json_one, steps) = timed(&grid, &sc, 1);
    let (all, json_all, _) = timed(&grid, &sc, 0);
    println!("{paths}-path sweep ({steps} steps): 1 thread {one:.2} s, {cores} threads {all:.2} s");
    println!(
        "speedup on {cores} cores: {:.2}x ({:.0} steps/s on all cores)",
        one / all,
        steps as f64 / all
    );
    assert_eq!(json_one, json_all, "the thread count changed the result");
    println!("results identical byte for byte: yes");
}
