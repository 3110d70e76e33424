//! Environment overrides (`CANTILEVER_<SECTION>_<FIELD>`) and command-line overrides, applied over the file.
//! Each variable is parsed into the field's own type, and an error names the variable.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::str::FromStr;

use alloy_primitives::{Address, B256};

use super::error::{ConfigError, Result};
use super::file::Config;
use super::secret::{KeyRef, PasswordRef};
use crate::telemetry::LogFormat;
use cantilever_primitives::units::{Ether, Gwei};

/// Values the command line sets over the file and the environment. Secrets are deliberately absent: a key or
/// password on a command line is visible to every user of the machine (`ps`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Overrides {
    /// `chain.rpc_url`.
    pub rpc_url: Option<String>,
    /// `chain.chain_id`.
    pub chain_id: Option<u64>,
    /// `deployment.path`.
    pub deployment: Option<PathBuf>,
    /// `markets.only`.
    pub markets: Option<Vec<B256>>,
    /// `executor.contract`.
    pub executor: Option<Address>,
    /// `executor.dry_run`.
    pub dry_run: Option<bool>,
    /// `index.store`.
    pub store: Option<PathBuf>,
    /// `telemetry.log_format`.
    pub log_format: Option<LogFormat>,
    /// `telemetry.log_level`.
    pub log_level: Option<String>,
    /// `telemetry.metrics_addr`.
    pub metrics_addr: Option<SocketAddr>,
}

/// A field type that can be read from an environment variable.
trait FromEnv: Sized {
    fn from_env(text: &str) -> Result<Self, String>;
}

macro_rules! from_env_via_from_str {
    ($($t:ty),*) => {$(
        impl FromEnv for $t {
            fn from_env(text: &str) -> Result<Self, String> {
                <$t as FromStr>::from_str(text.trim()).map_err(|e| e.to_string())
            }
        }
    )*};
}

from_env_via_from_str!(u64, u32, bool, Address, SocketAddr, LogFormat, Ether, Gwei);

impl FromEnv for String {
    fn from_env(text: &str) -> Result<Self, String> {
        Ok(text.to_owned())
    }
}

impl FromEnv for PathBuf {
    fn from_env(text: &str) -> Result<Self, String> {
        Ok(PathBuf::from(text))
    }
}

impl FromEnv for KeyRef {
    fn from_env(text: &str) -> Result<Self, String> {
        Ok(KeyRef::parse(text))
    }
}

impl FromEnv for PasswordRef {
    fn from_env(text: &str) -> Result<Self, String> {
        Ok(PasswordRef::parse(text))
    }
}

/// A comma-separated list of market ids.
impl FromEnv for Vec<B256> {
    fn from_env(text: &str) -> Result<Self, String> {
        text.split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(|s| s.parse::<B256>().map_err(|e| format!("{s:?}: {e}")))
            .collect()
    }
}

/// An empty variable clears an optional field.
impl<T: FromEnv> FromEnv for Option<T> {
    fn from_env(text: &str) -> Result<Self, String> {
        if text.trim().is_empty() {
            Ok(None)
        } else {
            T::from_env(text).map(Some)
        }
    }
}

/// The variable that overrides `section.field`.
pub(crate) fn var_name(field: &str) -> String {
    format!("CANTILEVER_{}", field.replace('.', "_").to_uppercase())
}

impl Config {
    /// Applies every `CANTILEVER_<SECTION>_<FIELD>` that is set.
    pub(crate) fn apply_env(&mut self, env: &impl Fn(&str) -> Option<String>) -> Result<()> {
        macro_rules! fields {
            ($($section:ident . $field:ident),* $(,)?) => {$(
                let field = concat!(stringify!($section), ".", stringify!($field));
                let var = var_name(field);
                if let Some(text) = env(&var) {
                    // A key or password variable is not echoed back on error.
                    self.$section.$field = FromEnv::from_env(&text).map_err(|message| ConfigError::BadValue {
                        origin: var.clone(),
                        message,
                    })?;
                    self.origins.overridden.insert(field, var);
                }
            )*};
        }
        fields!(
            chain.rpc_url,
            chain.chain_id,
            chain.poll_interval_ms,
            chain.rpc_timeout_ms,
            deployment.path,
            signer.key,
            signer.password,
            markets.only,
            oracle.trigger,
            oracle.watch_pending,
            oracle.poll_interval_ms,
            strategy.min_profit,
            strategy.safety_buffer_bps,
            strategy.max_gas_price_gwei,
            strategy.gas_estimate,
            executor.contract,
            executor.dry_run,
            executor.priority_fee_gwei,
            executor.max_priority_fee_gwei,
            executor.bump_after_blocks,
            executor.bump_percent,
            executor.timeout_blocks,
            executor.ledger,
            executor.ledger_ttl_blocks,
            executor.relay_url,
            executor.relay_auth_key,
            executor.relay_auth_password,
            executor.relay_fallback_public,
            executor.relay_fallback_after_blocks,
            index.store,
            index.max_range,
            index.reorg_depth,
            telemetry.log_format,
            telemetry.log_level,
            telemetry.metrics_addr,
            telemetry.stale_head_secs,
        );
        Ok(())
    }

    /// Applies the command line's values.
    pub(crate) fn apply_overrides(&mut self, o: &Overrides) {
        macro_rules! set {
            ($value:expr, $section:ident . $field:ident, $flag:literal, $wrap:expr) => {
                if let Some(v) = $value.clone() {
                    self.$section.$field = $wrap(v);
                    self.origins.overridden.insert(
                        concat!(stringify!($section), ".", stringify!($field)),
                        $flag.into(),
                    );
                }
            };
        }
        set!(
            o.rpc_url,
            chain.rpc_url,
            "--rpc-url",
            std::convert::identity
        );
        set!(o.chain_id, chain.chain_id, "--chain-id", Some);
        set!(
            o.deployment,
            deployment.path,
            "--deployment",
            std::convert::identity
        );
        set!(o.markets, markets.only, "--markets", Some);
        set!(o.executor, executor.contract, "--executor", Some);
        set!(
            o.dry_run,
            executor.dry_run,
            "--dry-run",
            std::convert::identity
        );
        set!(o.store, index.store, "--store", std::convert::identity);
        set!(
            o.log_format,
            telemetry.log_format,
            "--log-format",
            std::convert::identity
        );
        set!(
            o.log_level,
            telemetry.log_level,
            "--log-level",
            std::convert::identity
        );
        set!(
            o.metrics_addr,
            telemetry.metrics_addr,
            "--metrics-addr",
            Some
        );
    }
}
