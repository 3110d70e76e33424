//! What a generated path is made of: a [`PathSpec`] of [`Component`]s, readable from a TOML or JSON scenario
//! file, and its validation (every impossible parameter is refused here, before a single draw).

use serde::{Deserialize, Serialize};

/// Seconds in the 365-day year that annualised drifts, volatilities and jump intensities refer to.
pub const SECONDS_PER_YEAR: f64 = 31_536_000.0;

/// The longest path [`generate`](crate::generate) accepts (steps), so a typo cannot allocate the machine away.
pub const MAX_STEPS: u64 = 10_000_000;

/// The most jumps per step a [`Component::JumpDiffusion`] may expect: beyond it the process is a diffusion
/// in disguise, and the Poisson sampler's cost grows with the mean.
pub const MAX_JUMPS_PER_STEP: f64 = 10.0;

/// A recipe for a generated path.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PathSpec {
    /// The path's name in reports.
    pub name: String,
    /// Number of steps; step `k` is at block `k + 1`.
    pub steps: u64,
    /// Seconds per block (12 on mainnet): sets `dt` for the annualised parameters.
    #[serde(default = "default_block_time")]
    pub block_time_secs: u64,
    /// What moves, in order. Price components multiply (their log-returns add); `Freeze` and `GasSpike` act
    /// on the result.
    pub components: Vec<Component>,
}

fn default_block_time() -> u64 {
    12
}

impl PathSpec {
    /// One step as a fraction of a year: `block_time_secs / 31_536_000`.
    pub fn dt(&self) -> f64 {
        self.block_time_secs as f64 / SECONDS_PER_YEAR
    }
}

/// One ingredient of a generated path. Annualised rates use `dt = block_time_secs / 31_536_000`; a `feeds`
/// list that is empty means every feed of the deployment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Component {
    /// Geometric Brownian motion, independently per feed: `d ln S = (drift - volatility²/2) dt + volatility dW`.
    Gbm {
        /// Feeds it moves (empty: all).
        #[serde(default)]
        feeds: Vec<String>,
        /// Expected return per year (0.05 = 5%).
        drift: f64,
        /// Volatility per √year (0.8 = 80%), ≥ 0.
        volatility: f64,
    },
    /// GBM whose feeds' shocks are correlated (through the Cholesky factor of `correlation`).
    CorrelatedGbm {
        /// Feeds it moves (empty: all), in the order of the vectors and the matrix.
        #[serde(default)]
        feeds: Vec<String>,
        /// Expected return per year, one per feed.
        drifts: Vec<f64>,
        /// Volatility per √year, one per feed, ≥ 0.
        volatilities: Vec<f64>,
        /// Correlation matrix: square, one row per feed, symmetric, unit diagonal, positive definite.
        correlation: Vec<Vec<f64>>,
    },
    /// Merton jump-diffusion: GBM plus Poisson jumps with normally distributed log sizes. The drift is
    /// compensated for the jumps, so `drift` stays the expected return per year.
    JumpDiffusion {
        /// Feeds it moves (empty: all), each with its own jumps.
        #[serde(default)]
        feeds: Vec<String>,
        /// Expected return per year, jumps included.
        drift: f64,
        /// Volatility of the diffusion part per √year, ≥ 0.
        volatility: f64,
        /// Jumps per year, ≥ 0.
        jump_intensity: f64,
        /// Mean of the log jump size (-0.1: jumps of about -10%).
        jump_mean: f64,
        /// Standard deviation of the log jump size, ≥ 0.
        jump_std: f64,
    },
    /// A Brownian bridge in log price: random on the way, pinned to `target × start` at the last step.
    BrownianBridge {
        /// Feeds it moves (empty: all), each with its own bridge.
        #[serde(default)]
        feeds: Vec<String>,
        /// The final price as a multiple of the start (0.6: ends 40% down), > 0.
        target: f64,
        /// Volatility per √year, ≥ 0 (0: a straight line in log price).
        volatility: f64,
    },
    /// A deterministic crash: over steps `start .. start + over` the price falls geometrically by
    /// `drop_pct`, reaching exactly `(1 - drop_pct/100) ×` its level at step `start + over - 1`, and stays down.
    Crash {
        /// Feeds it moves (empty: all).
        #[serde(default)]
        feeds: Vec<String>,
        /// Total fall in percent, in (0, 100).
        drop_pct: f64,
        /// First falling step (index).
        start: u64,
        /// Steps the fall takes, ≥ 1.
        over: u64,
    },
    /// A stablecoin depeg: linearly down to `1 - depth_pct/100` over `over` steps from `start`, then linearly
    /// back to the peg over `recover` steps (0: it stays off the peg).
    Depeg {
        /// The feed.
        feed: String,
        /// Depth in percent, in (0, 100).
        depth_pct: f64,
        /// First falling step (index).
        start: u64,
        /// Steps to the bottom, ≥ 1.
        over: u64,
        /// Steps back to the peg.
        recover: u64,
    },
    /// A frozen oracle: `feed` is not updated (None) on steps `start .. start + steps`, so its on-chain answer
    /// and `updatedAt` stay as they were and it goes stale; the first step after the window publishes the
    /// price the other components reached meanwhile.
    Freeze {
        /// The feed.
        feed: String,
        /// First frozen step (index).
        start: u64,
        /// Steps frozen, ≥ 1.
        steps: u64,
    },
    /// A gas spike: the base fee is `multiplier ×` normal on steps `start .. start + steps` (a later spike over
    /// the same step replaces an earlier one).
    GasSpike {
        /// Base-fee multiplier, ≥ 1.
        multiplier: f64,
        /// First step (index).
        start: u64,
        /// Steps it lasts, ≥ 1.
        steps: u64,
    },
}

impl Component {
    /// The `kind` tag, for messages.
    pub fn kind(&self) -> &'static str {
        match self {
            Self::Gbm { .. } => "gbm",
            Self::CorrelatedGbm { .. } => "correlated_gbm",
            Self::JumpDiffusion { .. } => "jump_diffusion",
            Self::BrownianBridge { .. } => "brownian_bridge",
            Self::Crash { .. } => "crash",
            Self::Depeg { .. } => "depeg",
            Self::Freeze { .. } => "freeze",
            Self::GasSpike { .. } => "gas_spike",
        }
    }
}
