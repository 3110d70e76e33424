//! The daemon's configuration: a TOML file (`cantilever run --config keeper.toml`), overridden by
//! `CANTILEVER_<SECTION>_<FIELD>` environment variables, overridden in turn by command-line flags.
//!
//! Secrets are only ever referenced (`keystore:<path>`, `env:NAME`, `file:<path>`); an inline key or
//! password is refused wherever it is written, and resolved secrets never reach Debug output.
//!
//! - `file`: the sections and their defaults. `env`: the overrides. `checks`: limits and agreement with the
//!   deployment. `secret`: references and the signer. `chain`: start-up checks against the node.
//!   `units`: ether and gwei amounts.

mod chain;
mod checks;
mod env;
mod error;
mod file;
mod secret;
#[cfg(test)]
mod tests;

use std::path::Path;
use std::time::Duration;

use alloy::signers::local::PrivateKeySigner;
use alloy_primitives::{Address, B256};

pub use cantilever_primitives::units::{Ether, Gwei};
pub use chain::{ChainInfo, check_chain, connect};
pub use env::Overrides;
pub use error::{ChainIdSource, ConfigError, Result};
pub use file::{
    ChainSection, Config, DeploymentSection, ExecutorSection, LaneSection, MarketsSection,
    OracleSection, Profile, SignerSection, TelemetrySection,
};
pub use secret::{KeyRef, PasswordRef, Secret};

use cantilever_exec::{ExecConfig, RelayConfig};

use crate::feeds::OracleTrigger;
use crate::heads::HeadSource;
use cantilever_primitives::deployment::Deployment;

impl Config {
    /// Reads `path`, applies the environment (`env` is injected so tests never touch the process's), then
    /// the command line, and checks every value that needs neither the deployment nor a node.
    pub fn load(
        path: &Path,
        env: &impl Fn(&str) -> Option<String>,
        overrides: &Overrides,
    ) -> Result<Self> {
        let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Read {
            path: path.into(),
            source,
        })?;
        let mut config: Self = toml::from_str(&text).map_err(|e| ConfigError::Parse {
            path: path.into(),
            message: e.to_string(),
        })?;
        config.origins.file = path.into();
        config.anchor_paths(path.parent().unwrap_or(Path::new(".")));
        config.apply_env(env)?;
        config.apply_overrides(overrides);
        config.check_static()?;
        Ok(config)
    }

    /// Loads the deployment file the config names (not yet checked against the config: see
    /// [`Config::validate`]).
    pub fn load_deployment(&self) -> Result<Deployment> {
        Ok(Deployment::load(&self.deployment.path)?)
    }

    /// The transaction signer, from its keystore (decrypted with the configured password) or its
    /// environment variable, reading the process environment.
    pub fn signer(&self) -> Result<PrivateKeySigner> {
        self.signer_with_env(&|name| std::env::var(name).ok())
    }

    /// [`Config::signer`] with the environment injected (as in [`Config::load`]), for tests.
    pub fn signer_with_env(
        &self,
        env: &impl Fn(&str) -> Option<String>,
    ) -> Result<PrivateKeySigner> {
        secret::load_signer(
            &self.signer.key,
            self.signer.password.as_ref(),
            env,
            "signer.key",
            &self.origins.of("signer.key"),
        )
    }

    /// The `[[lanes]]`' signers and the executors they own, in order.
    pub fn lane_signers(
        &self,
        env: &impl Fn(&str) -> Option<String>,
    ) -> Result<Vec<(PrivateKeySigner, Address)>> {
        self.lanes
            .iter()
            .enumerate()
            .map(|(i, lane)| {
                let signer = secret::load_signer(
                    &lane.key,
                    lane.password.as_ref(),
                    env,
                    "lanes.key",
                    &format!("{} (lane {})", self.origins.of("lanes"), i + 1),
                )?;
                Ok((signer, lane.executor))
            })
            .collect()
    }

    /// The RPC URL, parsed: http(s), or ws(s) (see [`Config::heads`]).
    pub fn rpc_url(&self) -> Result<reqwest::Url> {
        checks::parse_rpc_url(&self.chain.rpc_url, self.origins.of("chain.rpc_url"))
    }

    /// Where new heads come from: a `ws://`/`wss://` RPC URL subscribes to them (and serves every other call
    /// too, over its own connection), an http(s) one is polled every `poll_interval_ms`.
    pub fn heads(&self) -> Result<HeadSource> {
        let url = self.rpc_url()?;
        Ok(match url.scheme() {
            "ws" | "wss" => HeadSource::Subscribe(url),
            _ => HeadSource::Poll,
        })
    }

    /// How often the head is polled.
    pub fn poll_interval(&self) -> Duration {
        Duration::from_millis(self.chain.poll_interval_ms)
    }

    /// The oracle trigger: `[oracle]`, its filters polled every `oracle.poll_interval_ms` (by default the head's
    /// `chain.poll_interval_ms`).
    pub fn oracle_trigger(&self) -> OracleTrigger {
        let every = self
            .oracle
            .poll_interval_ms
            .unwrap_or(self.chain.poll_interval_ms);
        OracleTrigger {
            enabled: self.oracle.trigger,
            watch_pending: self.oracle.watch_pending,
            poll_interval: Duration::from_millis(every),
        }
    }

    /// The markets to watch: `markets.only`, or every market of the deployment.
    pub fn market_ids(&self, deployment: &Deployment) -> Vec<B256> {
        match &self.markets.only {
            Some(only) => only.clone(),
            None => deployment.markets.iter().map(|m| m.id).collect(),
        }
    }

    /// The LiquidationExecutor: `executor.contract`, which must agree with the deployment's if it has one.
    pub fn executor_address(&self, deployment: &Deployment) -> Result<Address> {
        let deployed = deployment.periphery.map(|p| p.executor);
        match (self.executor.contract, deployed) {
            (Some(config), Some(deployment)) if config != deployment => {
                Err(ConfigError::ExecutorMismatch { config, deployment })
            }
            (Some(address), _) | (None, Some(address)) => Ok(address),
            (None, None) => Err(ConfigError::NoExecutor),
        }
    }

    /// The executor's parameters, with the relay's auth signer loaded (or a fresh random one when
    /// `executor.relay_auth_key` is absent).
    pub fn exec_config(&self, env: &impl Fn(&str) -> Option<String>) -> Result<ExecConfig> {
        let e = &self.executor;
        let relay = match &e.relay_url {
            None => None,
            Some(url) => {
                let auth_signer = match &e.relay_auth_key {
                    Some(key) => secret::load_signer(
                        key,
                        e.relay_auth_password.as_ref(),
                        env,
                        "executor.relay_auth_key",
                        &self.origins.of("executor.relay_auth_key"),
                    )?,
                    // The relay uses this key only to build a reputation; a fresh one is valid.
                    None => PrivateKeySigner::random(),
                };
                Some(RelayConfig {
                    url: url.clone(),
                    auth_signer,
                    public_fallback: e.relay_fallback_public,
                    fallback_after_blocks: e.relay_fallback_after_blocks,
                })
            }
        };
        Ok(ExecConfig {
            dry_run: e.dry_run,
            priority_fee_wei: e.priority_fee_gwei.0,
            max_priority_fee_wei: e.max_priority_fee_gwei.map(|g| g.0),
            bump_after_blocks: e.bump_after_blocks,
            bump_percent: e.bump_percent,
            timeout_blocks: e.timeout_blocks,
            ledger_path: e.ledger.clone(),
            ledger_ttl_blocks: e.ledger_ttl_blocks,
            relay,
        })
    }
}
