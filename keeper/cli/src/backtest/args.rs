//! The command line of `cantilever backtest`.

use std::path::PathBuf;

use clap::{Args, Subcommand};

/// `cantilever backtest`.
#[derive(Debug, Clone, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct BacktestArgs {
    /// `snapshot` or `merge`; none runs a backtest.
    #[command(subcommand)]
    pub action: Option<BacktestAction>,
    /// The run's options.
    #[command(flatten)]
    pub run: RunOptions,
}

/// What to run.
#[derive(Debug, Clone, Args)]
pub struct RunOptions {
    /// Scenario directory (state.json, deployment.json, scenario.json); the bundled devnet scenario when absent.
    /// With a fork, only its deployment.json and scenario.json are read.
    #[arg(long)]
    pub scenario: Option<PathBuf>,
    /// Fork a node's block instead (boxed: it keeps the command enum small).
    #[command(flatten)]
    pub fork: Box<ForkArgs>,
    /// Price paths: a built-in name (crash, gbm, depeg, freeze, gas-spike) or a CSV file (block|timestamp,feed,price).
    /// Repeatable. Default: crash and gbm.
    #[arg(long = "path")]
    pub paths: Vec<String>,
    /// Seeds per path: 0..N.
    #[arg(long, default_value_t = 4, value_parser = clap::value_parser!(u64).range(1..=100_000))]
    pub seeds: u64,
    /// Strategies (greedy, parallel, gas-aware:K, deeper-bonus:H). Default: all four built-in.
    #[arg(long = "strategy")]
    pub strategies: Vec<String>,
    /// Detection lags to sweep (blocks).
    #[arg(long, value_delimiter = ',', default_values_t = [0u64, 2])]
    pub detection_lag: Vec<u64>,
    /// Inclusion delay (blocks).
    #[arg(long, default_value_t = 0)]
    pub inclusion_delay: u64,
    /// Base fee of the replayed blocks before a path's gas multiplier (gwei); 0 keeps the scenario's own (the
    /// devnet's is a few million wei: gas nearly free).
    #[arg(long, default_value_t = 10.0)]
    pub base_fee_gwei: f64,
    /// Rival probabilities to sweep (per block, once its latency passed).
    #[arg(long, value_delimiter = ',', default_values_t = [0.0f64, 0.3])]
    pub rival_probability: Vec<f64>,
    /// Worker threads (0: one per core).
    #[arg(long, default_value_t = 0)]
    pub threads: usize,
    /// Run one slice of the sweep: `i/n` (0-based).
    #[arg(long)]
    pub shard: Option<String>,
    /// Where the result and the report go.
    #[arg(long, default_value = "backtest-out")]
    pub out: PathBuf,
    /// An earlier result to compare against.
    #[arg(long)]
    pub compare: Option<PathBuf>,
    /// Print no progress.
    #[arg(long)]
    pub quiet: bool,
}

/// A fork: the node, the block, what to use on it, and the cache of what was read.
#[derive(Debug, Clone, Args)]
pub struct ForkArgs {
    /// Fork a node's block instead of a state dump: the node's HTTP JSON-RPC URL. Every key read is kept in
    /// the cache (--cache), so the next run of the block asks the node nothing. Only the URL's scheme, host
    /// and port are ever printed.
    #[arg(long, env = "CANTILEVER_FORK_URL", hide_env_values = true)]
    pub fork_url: Option<ForkUrl>,
    /// The block to fork. Default: the node's head (offline: the cache's block).
    #[arg(long)]
    pub fork_block: Option<u64>,
    /// A fork's deployment (markets, feeds, pools). Default: deployment.json of --scenario.
    #[arg(long)]
    pub deployment: Option<PathBuf>,
    /// A fork's scenario.json (chain, lanes, adapter, positions). Default: scenario.json of --scenario.
    #[arg(long)]
    pub scenario_file: Option<PathBuf>,
    /// A fork's cache file. Default: backtest-cache/<chain>-<block>.json. Without --fork-url, the run is
    /// offline from this cache alone.
    #[arg(long)]
    pub cache: Option<PathBuf>,
}

/// A node's URL, which may carry an API key (in its path, query or user): it prints as scheme://host[:port].
#[derive(Clone, PartialEq, Eq)]
pub struct ForkUrl(pub String);

impl std::str::FromStr for ForkUrl {
    type Err = std::convert::Infallible;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(Self(s.to_string()))
    }
}

impl std::fmt::Debug for ForkUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&cantilever_backtest::display_url(&self.0))
    }
}

impl std::fmt::Display for ForkUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&cantilever_backtest::display_url(&self.0))
    }
}

/// `snapshot` and `merge`.
#[derive(Debug, Clone, Subcommand)]
pub enum BacktestAction {
    /// Make a scenario from the devnet setup (anvil, protocol, pools, borrowers and a rival's executor).
    Snapshot {
        /// The scenario directory to write.
        #[arg(long)]
        out: PathBuf,
        /// Borrowers to seed.
        #[arg(long, default_value_t = 240, value_parser = clap::value_parser!(u64).range(1..=5000))]
        borrowers: u64,
        /// The seeding's seed.
        #[arg(long, default_value_t = 7)]
        seed: u64,
    },
    /// Merge shard results into one result and report.
    Merge {
        /// The shards' result.json files.
        #[arg(required = true)]
        parts: Vec<PathBuf>,
        /// Where the merged result and report go.
        #[arg(long, default_value = "backtest-out")]
        out: PathBuf,
    },
}
