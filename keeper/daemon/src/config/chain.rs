//! Start-up checks against the node: it answers, it is the chain the config and the deployment are for, and
//! the core is deployed there. Each fails fast with its own [`ConfigError`] instead of a confusing error
//! deep inside the daemon.

use std::future::Future;
use std::time::Duration;

use alloy::providers::{DynProvider, Provider, ProviderBuilder};
use alloy::transports::TransportError;
use reqwest::Url;

use super::error::{ChainIdSource, ConfigError, Result};
use super::file::Config;
use cantilever_primitives::deployment::Deployment;

/// What the node reported during [`check_chain`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChainInfo {
    /// The node's chain id.
    pub chain_id: u64,
    /// The latest block number.
    pub head: u64,
    /// Size of the core's runtime code, in bytes (non-zero).
    pub core_code_len: usize,
}

/// Connects to `chain.rpc_url` (each call bounded by `chain.rpc_timeout_ms`), checks its chain id against
/// `chain.chain_id` and the deployment, and that the deployment's core has code.
pub async fn check_chain(config: &Config, deployment: &Deployment) -> Result<ChainInfo> {
    let url = config.rpc_url()?;
    let shown = url.to_string();
    let timeout = Duration::from_millis(config.chain.rpc_timeout_ms);
    let provider = call(&shown, timeout, connect(&url)).await?;

    let chain_id = call(&shown, timeout, provider.get_chain_id()).await?;
    let expectations = [
        (config.chain.chain_id, ChainIdSource::Config),
        (Some(deployment.chain_id), ChainIdSource::Deployment),
    ];
    for (expected, expected_from) in expectations {
        if let Some(expected) = expected
            && expected != chain_id
        {
            return Err(ConfigError::ChainIdMismatch {
                url: shown,
                node: chain_id,
                expected,
                expected_from,
            });
        }
    }
    let head = call(&shown, timeout, provider.get_block_number()).await?;
    let code = call(
        &shown,
        timeout,
        provider.get_code_at(deployment.core).into_future(),
    )
    .await?;
    if code.is_empty() {
        return Err(ConfigError::NoCoreCode {
            core: deployment.core,
            chain_id,
        });
    }
    Ok(ChainInfo {
        chain_id,
        head,
        core_code_len: code.len(),
    })
}

/// A provider without fillers for the node at `url`: over HTTP, or over one WebSocket connection (which alloy
/// re-opens by itself after a drop, re-sending the requests in flight) for a `ws://`/`wss://` URL.
pub async fn connect(url: &Url) -> std::result::Result<DynProvider, TransportError> {
    Ok(match url.scheme() {
        "ws" | "wss" => crate::heads::connect_ws(url).await?.erased(),
        _ => ProviderBuilder::new()
            .disable_recommended_fillers()
            .connect_http(url.clone())
            .erased(),
    })
}

/// One RPC call, with a transport error or a timeout reported as the node being unreachable.
async fn call<T, E: std::fmt::Display>(
    url: &str,
    timeout: Duration,
    request: impl Future<Output = Result<T, E>>,
) -> Result<T> {
    let unreachable = |message: String| ConfigError::RpcUnreachable {
        url: url.to_owned(),
        message,
    };
    tokio::time::timeout(timeout, request)
        .await
        .map_err(|_| unreachable(format!("no answer within {} ms", timeout.as_millis())))?
        .map_err(|e| unreachable(e.to_string()))
}
