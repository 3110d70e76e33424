//! The `cantilever` command line: `run` (the daemon), `devnet` (the whole system on a local anvil),
//! `positions` (positions at risk), `simulate` (current opportunities, simulated), `config check`.
//! Every subcommand takes `--help`; those that print data take `--json`. Errors end with a message on
//! stderr and a non-zero exit code, never a panic.

pub mod backtest;
pub mod config_check;
pub mod devnet;
pub mod lanes;
pub mod positions;
pub mod report;
pub mod run;
pub mod setup;
pub mod simulate;
pub mod table;
pub mod units;

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

/// Cantilever's liquidation keeper.
#[derive(Debug, Parser)]
#[command(name = "cantilever", version, about, long_about = None, propagate_version = true)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the keeper as a daemon: follow positions, liquidate the profitable ones.
    Run(RunArgs),
    /// Start a local anvil, deploy the protocol and a Uniswap v2 pool, open borrowers, crash the price, and
    /// watch the keeper liquidate. Needs no config, RPC or key.
    Devnet(DevnetArgs),
    /// List positions at risk: market, borrower, debt, collateral, health, liquidation price.
    Positions(PositionsArgs),
    /// Show the current liquidation opportunities and their simulated profit (sends nothing).
    Simulate(SimulateArgs),
    /// Replay liquidation strategies over a scenario's state and price paths (no arguments: the bundled devnet
    /// scenario, offline); `snapshot` makes a scenario, `merge` joins shards.
    Backtest(backtest::BacktestArgs),
    /// Configuration commands.
    #[command(subcommand)]
    Config(ConfigCommand),
}

/// Where the config comes from, and the overrides every chain-facing command accepts.
#[derive(Debug, Clone, Args)]
pub struct ConfigArgs {
    /// The keeper's TOML config (see keeper/keeper.example.toml).
    #[arg(
        long,
        short = 'c',
        env = "CANTILEVER_CONFIG",
        default_value = "keeper.toml"
    )]
    pub config: PathBuf,
    /// Override `chain.rpc_url`.
    #[arg(long)]
    pub rpc_url: Option<String>,
    /// Override `deployment.path`.
    #[arg(long)]
    pub deployment: Option<PathBuf>,
}

/// `cantilever run`.
#[derive(Debug, Clone, Args)]
pub struct RunArgs {
    /// Config and overrides.
    #[command(flatten)]
    pub config: ConfigArgs,
    /// Sign but do not send (overrides `executor.dry_run`).
    #[arg(long)]
    pub dry_run: bool,
    /// Log as JSON lines (overrides `telemetry.log_format`).
    #[arg(long)]
    pub json: bool,
}

/// `cantilever devnet`.
#[derive(Debug, Clone, Args)]
pub struct DevnetArgs {
    /// Borrowers to open (at least 200 make the demo meaningful).
    #[arg(long, default_value_t = 240, value_parser = clap::builder::RangedU64ValueParser::<usize>::new().range(1..=5_000))]
    pub borrowers: usize,
    /// How far the crash takes the collateral prices (percent).
    #[arg(long, default_value_t = 30, value_parser = clap::value_parser!(u32).range(1..=90))]
    pub crash: u32,
    /// Seed of the borrowers' random sizes and health.
    #[arg(long, default_value_t = 7)]
    pub seed: u64,
    /// Leave anvil and the keeper running afterwards (prints the RPC URL and addresses), until Ctrl-C.
    #[arg(long)]
    pub keep_running: bool,
    /// Print the events and the summary as JSON lines.
    #[arg(long)]
    pub json: bool,
    /// How the chain executes: `sequential` (one sender) or `parallel` (one lane per market, each a sender
    /// with its own executor, so liquidations in different markets share no state).
    #[arg(long, value_enum, default_value_t = DevnetProfile::Sequential)]
    pub profile: DevnetProfile,
}

/// `cantilever devnet --profile`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum DevnetProfile {
    /// Ethereum-like.
    Sequential,
    /// A parallel EVM.
    Parallel,
}

/// `cantilever positions`.
#[derive(Debug, Clone, Args)]
pub struct PositionsArgs {
    /// Config and overrides.
    #[command(flatten)]
    pub config: ConfigArgs,
    /// Only this market (id).
    #[arg(long)]
    pub market: Option<String>,
    /// Show positions with a health factor below this (1.0 = liquidatable).
    #[arg(long, default_value_t = 1.2)]
    pub below: f64,
    /// At most this many rows, least healthy first.
    #[arg(long, default_value_t = 50)]
    pub limit: usize,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
}

/// `cantilever simulate`.
#[derive(Debug, Clone, Args)]
pub struct SimulateArgs {
    /// Config and overrides.
    #[command(flatten)]
    pub config: ConfigArgs,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
}

/// `cantilever config …`.
#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// Check a config: syntax, limits, markets, the key (keystore and password), the RPC and its chain id.
    Check(ConfigCheckArgs),
}

/// `cantilever config check`.
#[derive(Debug, Clone, Args)]
pub struct ConfigCheckArgs {
    /// Config and overrides.
    #[command(flatten)]
    pub config: ConfigArgs,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
}

/// Any failure, at the binary's edge.
pub type CliResult<T> = Result<T, Box<dyn std::error::Error + Send + Sync>>;

/// Runs a parsed command line; the exit code says whether it succeeded (a failed devnet verdict is 1).
pub async fn execute(cli: Cli) -> CliResult<std::process::ExitCode> {
    use std::process::ExitCode;
    match cli.command {
        Command::Devnet(args) => {
            if !args.json {
                init_plain_logs();
            }
            Ok(if devnet::devnet(&args).await?.passed {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            })
        }
        Command::Run(args) => {
            run::run(&args).await?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Positions(args) => {
            positions::positions(&args).await?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Backtest(args) => {
            init_plain_logs();
            backtest::backtest(args).await?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Simulate(args) => {
            init_plain_logs();
            simulate::simulate(&args).await?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Config(ConfigCommand::Check(args)) => {
            config_check::config_check(&args).await?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// Warnings and errors only, for commands whose own output is the show.
fn init_plain_logs() {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .try_init();
}
