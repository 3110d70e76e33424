//! A sweep: every (strategy, world, path, seed) cell of a grid, run on every core. Cells are independent (each
//! run has its own state over the shared, read-only scenario), so they run in parallel with no effect on
//! their results: a sweep gives the same result, byte for byte, on any number of threads. `shard` cuts a
//! sweep into slices that machines run apart; the report crate merges them back.

use std::sync::atomic::{AtomicUsize, Ordering};

use cantilever_paths::{PathSpec, PricePath, generate};
use cantilever_planner::StrategyParams;
use cantilever_report::{Run, RunKey};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::config::WorldParams;
use crate::error::{BacktestError, Result};
use crate::run::run;
use crate::scenario::Scenario;
use crate::strategy::StrategySpec;

/// Where a sweep's price paths come from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "source", rename_all = "snake_case")]
pub enum PathSource {
    /// Generated from a spec with each seed.
    Generated(PathSpec),
    /// A fixed path (from a CSV): the seeds still vary the rival's draws.
    Fixed(PricePath),
}

impl PathSource {
    fn name(&self) -> &str {
        match self {
            Self::Generated(spec) => &spec.name,
            Self::Fixed(path) => &path.name,
        }
    }
}

/// A grid to run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Sweep {
    /// Strategies.
    pub strategies: Vec<StrategySpec>,
    /// Worlds (latency, rivals, arbitrage).
    pub worlds: Vec<WorldParams>,
    /// Price paths.
    pub paths: Vec<PathSource>,
    /// Seeds.
    pub seeds: Vec<u64>,
    /// The planner's profit rules, shared by all strategies (recorded in results by the caller).
    #[serde(skip)]
    pub strategy_params: StrategyParams,
}

/// One cell of the grid, by index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cell {
    /// Index into `strategies`.
    pub strategy: usize,
    /// Index into `worlds`.
    pub world: usize,
    /// Index into `paths`.
    pub path: usize,
    /// The seed.
    pub seed: u64,
}

impl Sweep {
    /// Checks every part before anything runs: a bad parameter is one message, not a failure halfway.
    pub fn validate(&self, scenario: &Scenario) -> Result<()> {
        if self.strategies.is_empty()
            || self.worlds.is_empty()
            || self.paths.is_empty()
            || self.seeds.is_empty()
        {
            return Err(BacktestError::Input(
                "a sweep needs at least one strategy, world, path and seed".into(),
            ));
        }
        for s in &self.strategies {
            s.build().map_err(BacktestError::Input)?;
        }
        for w in &self.worlds {
            w.validate().map_err(BacktestError::Input)?;
        }
        let feeds = scenario.feed_names();
        for p in &self.paths {
            match p {
                PathSource::Generated(spec) => spec.validate(&feeds)?,
                PathSource::Fixed(path) => path.validate()?,
            }
        }
        Ok(())
    }

    /// Every cell, in a fixed order.
    pub fn cells(&self) -> Vec<Cell> {
        let mut out = Vec::new();
        for strategy in 0..self.strategies.len() {
            for world in 0..self.worlds.len() {
                for path in 0..self.paths.len() {
                    for &seed in &self.seeds {
                        out.push(Cell {
                            strategy,
                            world,
                            path,
                            seed,
                        });
                    }
                }
            }
        }
        out
    }

    /// The price path of `path` with `seed`.
    pub fn path(
        &self,
        scenario: &Scenario,
        start: &[f64],
        path: usize,
        seed: u64,
    ) -> Result<PricePath> {
        Ok(match &self.paths[path] {
            PathSource::Generated(spec) => generate(spec, &scenario.feed_names(), start, seed)?,
            PathSource::Fixed(p) => p.clone(),
        })
    }

    /// Runs one cell.
    pub fn run_cell(&self, scenario: &Scenario, start: &[f64], cell: Cell) -> Result<Run> {
        let strategy = self.strategies[cell.strategy]
            .build()
            .map_err(BacktestError::Input)?;
        let world = &self.worlds[cell.world];
        let path = self.path(scenario, start, cell.path, cell.seed)?;
        let out = run(
            scenario,
            &path,
            strategy.as_ref(),
            world,
            &self.strategy_params,
            cell.seed,
        )?;
        let mut params = strategy.params();
        params.extend(world.keyed());
        Ok(Run {
            key: RunKey {
                strategy: strategy.name().to_string(),
                params,
                seed: cell.seed,
                path: self.paths[cell.path].name().to_string(),
            },
            metrics: out.metrics,
        })
    }
}

/// The cells of slice `index` of `count` (every `count`-th cell from `index`, so slices stay balanced).
pub fn shard(cells: Vec<Cell>, index: u32, count: u32) -> Vec<Cell> {
    cells
        .into_iter()
        .enumerate()
        .filter(|(i, _)| *i as u32 % count == index)
        .map(|(_, c)| c)
        .collect()
}

/// Runs `cells` on `threads` workers (0: one per core), calling `progress(done, total)` as each finishes.
/// Results come back in cell order whatever the thread count.
pub fn run_cells(
    sweep: &Sweep,
    scenario: &Scenario,
    cells: &[Cell],
    threads: usize,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Result<Vec<Run>> {
    let start = scenario.start_prices()?;
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .thread_name(|i| format!("backtest-{i}"))
        .build()
        .map_err(|e| BacktestError::Input(format!("cannot start {threads} workers: {e}")))?;
    let done = AtomicUsize::new(0);
    pool.install(|| {
        cells
            .par_iter()
            .map(|cell| {
                let run = sweep.run_cell(scenario, &start, *cell);
                progress(done.fetch_add(1, Ordering::Relaxed) + 1, cells.len());
                run
            })
            .collect()
    })
}
