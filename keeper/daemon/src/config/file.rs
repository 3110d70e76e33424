//! The config's shape: one struct per TOML section, with defaults for everything but the chain, the
//! deployment and the signer. The `[strategy]` and `[index]` sections are the components' own config types.

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use alloy_primitives::{Address, B256};
use serde::Deserialize;

use super::secret::{KeyRef, PasswordRef};
use crate::telemetry::LogFormat;
use cantilever_exec::{ExecConfig, RelayConfig};
use cantilever_index::IndexConfig;
use cantilever_planner::StrategyParams;
use cantilever_primitives::units::Gwei;

/// The keeper daemon's configuration (`cantilever run --config keeper.toml`). See `keeper/keeper.example.toml`
/// for every field with its unit.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// The node.
    pub chain: ChainSection,
    /// The deployment file.
    pub deployment: DeploymentSection,
    /// The transaction signer.
    pub signer: SignerSection,
    /// Which markets to watch.
    #[serde(default)]
    pub markets: MarketsSection,
    /// The oracle trigger: steps on the feeds' updates besides new heads.
    #[serde(default)]
    pub oracle: OracleSection,
    /// What is worth liquidating: the strategy's own parameters.
    #[serde(default)]
    pub strategy: StrategyParams,
    /// How transactions are sent.
    #[serde(default)]
    pub executor: ExecutorSection,
    /// The position index: the index's own config.
    #[serde(default)]
    pub index: IndexConfig,
    /// Logs, metrics, health.
    #[serde(default)]
    pub telemetry: TelemetrySection,
    /// More senders for the parallel profile (`[[lanes]]`), each with its own executor contract.
    #[serde(default)]
    pub lanes: Vec<LaneSection>,
    /// Where each value came from, for error messages.
    #[serde(skip)]
    pub(crate) origins: Origins,
}

/// Where the values of a config came from: the file, except for the fields an environment variable or a
/// flag overrode.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct Origins {
    pub(crate) file: PathBuf,
    pub(crate) overridden: BTreeMap<&'static str, String>,
}

impl Origins {
    /// `CANTILEVER_CHAIN_RPC_URL`, `--rpc-url` or `config file <path>`.
    pub(crate) fn of(&self, field: &'static str) -> String {
        self.overridden
            .get(field)
            .cloned()
            .unwrap_or_else(|| format!("config file {}", self.file.display()))
    }
}

/// `[chain]`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChainSection {
    /// JSON-RPC endpoint: http(s) (heads polled) or ws(s) (heads subscribed to; every call over a WebSocket).
    pub rpc_url: String,
    /// Expected chain id; when set it must match the node and the deployment.
    #[serde(default)]
    pub chain_id: Option<u64>,
    /// How often the head is polled over http(s), in milliseconds.
    #[serde(default = "default_poll_interval_ms")]
    pub poll_interval_ms: u64,
    /// How long the start-up checks wait for the node, in milliseconds.
    #[serde(default = "default_rpc_timeout_ms")]
    pub rpc_timeout_ms: u64,
    /// How the chain executes a block: `"sequential"` (one ordered plan from the signer) or `"parallel"`
    /// (markets spread over the signer and the `[[lanes]]`, independent transactions from separate senders).
    #[serde(default)]
    pub profile: Profile,
}

/// `chain.profile`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Profile {
    /// Ethereum-like: transactions run one after another.
    #[default]
    Sequential,
    /// A parallel EVM (Monad, Sei, MegaETH): transactions touching disjoint state run at once.
    Parallel,
}

impl From<Profile> for cantilever_sim::ChainProfile {
    fn from(p: Profile) -> Self {
        match p {
            Profile::Sequential => Self::Sequential,
            Profile::Parallel => Self::Parallel,
        }
    }
}

/// `[[lanes]]`: one more sender for the parallel profile, and the LiquidationExecutor it owns (each lane's
/// executor holds and pays out its own balances, so liquidations in different lanes share no slot).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LaneSection {
    /// `"keystore:<path>"` or `"env:NAME"`; never the key itself.
    pub key: KeyRef,
    /// The keystore's password: `"env:NAME"` or `"file:<path>"`.
    #[serde(default)]
    pub password: Option<PasswordRef>,
    /// The LiquidationExecutor this lane's key owns.
    pub executor: Address,
}

/// `[deployment]`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DeploymentSection {
    /// The deployment JSON written by the deploy script (relative paths are relative to the config file).
    pub path: PathBuf,
}

/// `[signer]`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SignerSection {
    /// `"keystore:<path>"` or `"env:NAME"`; never the key itself.
    pub key: KeyRef,
    /// The keystore's password: `"env:NAME"` or `"file:<path>"`; never inline.
    #[serde(default)]
    pub password: Option<PasswordRef>,
}

/// `[markets]`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MarketsSection {
    /// Watch only these market ids; absent means every market of the deployment.
    #[serde(default)]
    pub only: Option<Vec<B256>>,
}

/// `[oracle]`: the oracle trigger. The followed markets' oracles are `ChainlinkOracle`s reading Chainlink-style
/// feeds; the keeper watches those feeds' `AnswerUpdated` logs and steps as soon as one lands, rather than at the
/// next head poll. Its decisions still read the oracles themselves.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct OracleSection {
    /// Step at every mined feed update (the head poll or subscription wakes the keeper either way).
    pub trigger: bool,
    /// Also watch pending transactions to the feeds: the liquidations a pending update opens are planned at once and
    /// held until a head shows it mined ([`crate::speculate`]).
    pub watch_pending: bool,
    /// How often the trigger polls the node's filters, in milliseconds; absent means `chain.poll_interval_ms`.
    pub poll_interval_ms: Option<u64>,
}

impl Default for OracleSection {
    fn default() -> Self {
        Self {
            trigger: true,
            watch_pending: false,
            poll_interval_ms: None,
        }
    }
}

/// `[executor]`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ExecutorSection {
    /// The LiquidationExecutor; absent means the deployment's.
    pub contract: Option<Address>,
    /// Simulate and sign but never send.
    pub dry_run: bool,
    /// Priority fee (tip) of a first submission, in gwei.
    pub priority_fee_gwei: Gwei,
    /// Cap on the priority fee across bumps, in gwei; absent means uncapped.
    pub max_priority_fee_gwei: Option<Gwei>,
    /// Blocks without inclusion before a fee bump.
    pub bump_after_blocks: u64,
    /// Fee increase per bump, in percent (at least 10: nodes refuse smaller replacements).
    pub bump_percent: u32,
    /// Blocks after the first submission before a transaction is given up.
    pub timeout_blocks: u64,
    /// Where the ledger of sent liquidations is kept (relative to the config file); absent keeps it in
    /// memory only.
    pub ledger: Option<PathBuf>,
    /// Blocks a ledger entry blocks a resubmission of the same liquidation (at least `timeout_blocks`).
    pub ledger_ttl_blocks: u64,
    /// A Flashbots-style private relay (`eth_sendBundle`); absent sends to the public mempool.
    pub relay_url: Option<String>,
    /// Key identifying the keeper to the relay (`"keystore:<path>"` or `"env:NAME"`); absent means a fresh
    /// random identity per start.
    pub relay_auth_key: Option<KeyRef>,
    /// Password of `relay_auth_key` when it is a keystore.
    pub relay_auth_password: Option<PasswordRef>,
    /// Fall back to the public mempool when the relay errors or does not include in time.
    pub relay_fallback_public: bool,
    /// Blocks to wait for a relay inclusion before the public fallback.
    pub relay_fallback_after_blocks: u64,
}

impl Default for ExecutorSection {
    /// The executor's own defaults ([`ExecConfig::default`]) in the file's units: they are written once.
    fn default() -> Self {
        let e = ExecConfig::default();
        Self {
            contract: None,
            dry_run: e.dry_run,
            priority_fee_gwei: Gwei(e.priority_fee_wei),
            max_priority_fee_gwei: e.max_priority_fee_wei.map(Gwei),
            bump_after_blocks: e.bump_after_blocks,
            bump_percent: e.bump_percent,
            timeout_blocks: e.timeout_blocks,
            ledger: e.ledger_path,
            ledger_ttl_blocks: e.ledger_ttl_blocks,
            relay_url: None,
            relay_auth_key: None,
            relay_auth_password: None,
            relay_fallback_public: RelayConfig::DEFAULT_PUBLIC_FALLBACK,
            relay_fallback_after_blocks: RelayConfig::DEFAULT_FALLBACK_AFTER_BLOCKS,
        }
    }
}

/// `[telemetry]`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct TelemetrySection {
    /// `"pretty"` or `"json"`.
    pub log_format: LogFormat,
    /// A tracing filter (`info`, `keeper=debug,info`); `RUST_LOG` wins when set.
    pub log_level: String,
    /// Where `/metrics` and `/health` are served (`ip:port`); absent disables the server.
    pub metrics_addr: Option<SocketAddr>,
    /// The keeper is unhealthy when the last head seen is older than this, in seconds.
    pub stale_head_secs: u64,
}

impl Default for TelemetrySection {
    fn default() -> Self {
        Self {
            log_format: LogFormat::Pretty,
            log_level: "info".into(),
            metrics_addr: None,
            stale_head_secs: 60,
        }
    }
}

const fn default_poll_interval_ms() -> u64 {
    1_000
}

const fn default_rpc_timeout_ms() -> u64 {
    5_000
}

impl Config {
    /// Makes the file's relative paths relative to the directory holding it, so the daemon does not
    /// depend on the directory it is started from.
    pub(crate) fn anchor_paths(&mut self, base: &Path) {
        let anchor = |p: &mut PathBuf| {
            if p.is_relative() {
                *p = base.join(&*p);
            }
        };
        anchor(&mut self.deployment.path);
        anchor(&mut self.index.store);
        if let Some(ledger) = &mut self.executor.ledger {
            anchor(ledger);
        }
        let lane_keys = self.lanes.iter_mut().map(|l| &mut l.key);
        for key in [
            Some(&mut self.signer.key),
            self.executor.relay_auth_key.as_mut(),
        ]
        .into_iter()
        .flatten()
        .chain(lane_keys)
        {
            if let KeyRef::Keystore(p) = key {
                anchor(p);
            }
        }
        let lane_passwords = self.lanes.iter_mut().filter_map(|l| l.password.as_mut());
        for password in [
            self.signer.password.as_mut(),
            self.executor.relay_auth_password.as_mut(),
        ]
        .into_iter()
        .flatten()
        .chain(lane_passwords)
        {
            if let PasswordRef::File(p) = password {
                anchor(p);
            }
        }
    }
}
