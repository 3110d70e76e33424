//! Why a config could not be used: one variant per kind of mistake, each naming where the bad value came
//! from (a file, an environment variable or a flag) and never echoing a secret.

use std::path::PathBuf;

use alloy_primitives::{Address, B256};

use cantilever_primitives::deployment::DeploymentError;

/// `Result` with a [`ConfigError`].
pub type Result<T, E = ConfigError> = std::result::Result<T, E>;

/// Where a chain id the node is compared with comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChainIdSource {
    /// `chain.chain_id` in the config.
    Config,
    /// `chainId` in the deployment file.
    Deployment,
}

impl std::fmt::Display for ChainIdSource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Self::Config => "the config (chain.chain_id)",
            Self::Deployment => "the deployment file",
        })
    }
}

/// Why a config could not be loaded, validated or used.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// The config file could not be read.
    #[error("cannot read config file {path}: {source}")]
    Read {
        /// The file.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// The file is not valid TOML for this config: a syntax error, a wrong type, a missing or unknown field
    /// (toml's message names the field, line and column).
    #[error("invalid config file {path}: {message}")]
    Parse {
        /// The file.
        path: PathBuf,
        /// toml's description.
        message: String,
    },
    /// An environment override or flag holds a value of the wrong shape.
    #[error("invalid value in {origin}: {message}")]
    BadValue {
        /// The variable (`CANTILEVER_...`) or flag.
        origin: String,
        /// What is wrong with it.
        message: String,
    },
    /// A URL is not absolute, or not of a scheme it may have (http(s) or ws(s) for the node, http(s) for a relay).
    #[error("invalid RPC URL {url:?} in {origin}: {reason}")]
    BadUrl {
        /// Where it was set.
        origin: String,
        /// The URL as given.
        url: String,
        /// Why it was refused.
        reason: String,
    },
    /// The node did not answer.
    #[error("RPC {url} is unreachable: {message}")]
    RpcUnreachable {
        /// The URL tried.
        url: String,
        /// The transport error, or the timeout.
        message: String,
    },
    /// The node's chain id differs from the configured or deployed one.
    #[error("chain id mismatch: the node at {url} reports {node}, {expected_from} says {expected}")]
    ChainIdMismatch {
        /// The RPC URL.
        url: String,
        /// What the node reports.
        node: u64,
        /// What was expected.
        expected: u64,
        /// Who expected it.
        expected_from: ChainIdSource,
    },
    /// `chain.chain_id` and the deployment's chain id differ (checked without a node).
    #[error("chain.chain_id is {config} but the deployment is for chain {deployment}")]
    DeploymentChainMismatch {
        /// `chain.chain_id`.
        config: u64,
        /// The deployment's `chainId`.
        deployment: u64,
    },
    /// There is no contract at the deployment's core address on this chain.
    #[error(
        "no contract code at the core address {core} on chain {chain_id} (wrong RPC or stale deployment?)"
    )]
    NoCoreCode {
        /// The core address.
        core: Address,
        /// The node's chain id.
        chain_id: u64,
    },
    /// The deployment file could not be loaded.
    #[error(transparent)]
    Deployment(#[from] DeploymentError),
    /// The keystore file could not be read.
    #[error("cannot read keystore {path}: {source}")]
    KeystoreRead {
        /// The keystore file.
        path: PathBuf,
        /// The OS error.
        source: std::io::Error,
    },
    /// The keystore file is not a v3 keystore (bad JSON, unknown cipher or KDF, bad key).
    #[error("keystore {path} is not a usable v3 keystore: {message}")]
    KeystoreMalformed {
        /// The keystore file.
        path: PathBuf,
        /// The decoder's message.
        message: String,
    },
    /// The keystore's MAC does not match: the password is wrong.
    #[error("wrong password for keystore {path}")]
    WrongPassword {
        /// The keystore file.
        path: PathBuf,
    },
    /// A keystore is configured without `signer.password`.
    #[error(
        "signer.key is a keystore ({path}) but signer.password is not set (use \"env:NAME\" or \"file:<path>\")"
    )]
    MissingPassword {
        /// The keystore file.
        path: PathBuf,
    },
    /// The password file could not be read.
    #[error("cannot read password file {path}: {source}")]
    PasswordFile {
        /// The file.
        path: PathBuf,
        /// The OS error.
        source: std::io::Error,
    },
    /// An `env:NAME` reference names a variable that is not set.
    #[error("environment variable {var} is not set (referenced by {field})")]
    MissingEnv {
        /// The variable.
        var: String,
        /// The field referencing it.
        field: &'static str,
    },
    /// The variable an `env:NAME` key reference names does not hold a 32-byte hex private key.
    #[error("environment variable {var} does not hold a valid hex private key")]
    BadPrivateKey {
        /// The variable.
        var: String,
    },
    /// A key was given inline instead of as a reference. The value is not repeated here.
    #[error(
        "{field} in {origin} must be \"keystore:<path>\" or \"env:NAME\": a private key must never be written \
         in a config file, an environment override or a flag"
    )]
    InlineKey {
        /// The field (`signer.key`, `executor.relay_auth_key`).
        field: &'static str,
        /// Where it was set.
        origin: String,
    },
    /// A password was given inline instead of as a reference. The value is not repeated here.
    #[error(
        "{field} in {origin} must be \"env:NAME\" or \"file:<path>\": a password must never be written inline"
    )]
    InlinePassword {
        /// The field.
        field: &'static str,
        /// Where it was set.
        origin: String,
    },
    /// `markets.only` lists a market the deployment does not have.
    #[error("unknown market {id}: markets.only lists it but the deployment has no such market")]
    UnknownMarket {
        /// The market id.
        id: B256,
    },
    /// `executor.contract` differs from the deployment's LiquidationExecutor.
    #[error(
        "executor.contract is {config} but the deployment's LiquidationExecutor is {deployment}"
    )]
    ExecutorMismatch {
        /// `executor.contract`.
        config: Address,
        /// The deployment's.
        deployment: Address,
    },
    /// No executor address: neither `executor.contract` nor the deployment's periphery has one.
    #[error("executor.contract is not set and the deployment lists no LiquidationExecutor")]
    NoExecutor,
    /// A limit or interval that makes no sense (zero interval, bps above 10000, bump below 10%, ...).
    #[error("invalid {field} = {value}: {reason}")]
    Limit {
        /// The field, as `section.field`.
        field: &'static str,
        /// The value given.
        value: String,
        /// The rule it breaks.
        reason: &'static str,
    },
}
