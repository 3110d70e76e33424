//! `cantilever_daemon::config::check_chain` against a real anvil: a matching chain, a chain id mismatch (with
//! the config and with the deployment), a core without code, a closed port and a node that never answers.

use std::collections::BTreeMap;
use std::path::Path;
use std::time::{Duration, Instant};

use alloy::primitives::{Address, Bytes};
use alloy::providers::ext::AnvilApi;
use cantilever_daemon::config::{ChainIdSource, Config, ConfigError, Overrides, check_chain};
use cantilever_primitives::Deployment;
use cantilever_tests::{Anvil, AnvilConfig};

use crate::TestResult;

const CORE: Address = Address::repeat_byte(0xc0);

fn deployment(chain_id: u64) -> Deployment {
    Deployment {
        chain_id,
        deploy_block: 0,
        core: CORE,
        lens: Address::repeat_byte(0x1e),
        rate_model: Address::repeat_byte(4),
        markets: Vec::new(),
        tokens: BTreeMap::new(),
        feeds: BTreeMap::new(),
        periphery: None,
        pools: BTreeMap::new(),
    }
}

/// A config pointing at `url`, with `chain_extra` added to `[chain]`.
fn config(dir: &Path, url: &str, chain_extra: &str) -> Result<Config, ConfigError> {
    let path = dir.join("keeper.toml");
    let text = format!(
        "[chain]\nrpc_url = \"{url}\"\n{chain_extra}\n[deployment]\npath = \"d.json\"\n[signer]\nkey = \"env:K\"\n\
         [index]\nstore = \"i.redb\"\n"
    );
    std::fs::write(&path, text).map_err(|source| ConfigError::Read {
        path: path.clone(),
        source,
    })?;
    Config::load(&path, &|_| None, &Overrides::default())
}

#[tokio::test]
async fn check_chain_against_anvil() -> TestResult {
    let anvil = Anvil::spawn(&AnvilConfig::default()).await?;
    let dir = tempfile::tempdir()?;
    let url = anvil.url();

    // No code at the core yet.
    let err = check_chain(&config(dir.path(), url, "")?, &deployment(31337))
        .await
        .unwrap_err();
    assert!(
        matches!(
            err,
            ConfigError::NoCoreCode {
                core: CORE,
                chain_id: 31337
            }
        ),
        "{err:?}"
    );

    anvil
        .provider()
        .anvil_set_code(CORE, Bytes::from_static(&[0x60, 0x00, 0x60, 0x00, 0xf3]))
        .await?;
    let info = check_chain(
        &config(dir.path(), url, "chain_id = 31337")?,
        &deployment(31337),
    )
    .await?;
    assert_eq!((info.chain_id, info.core_code_len), (31337, 5));

    let err = check_chain(
        &config(dir.path(), url, "chain_id = 1")?,
        &deployment(31337),
    )
    .await
    .unwrap_err();
    assert!(
        matches!(
            err,
            ConfigError::ChainIdMismatch {
                node: 31337,
                expected: 1,
                expected_from: ChainIdSource::Config,
                ..
            }
        ),
        "{err:?}"
    );
    assert!(err.to_string().contains("31337") && err.to_string().contains(" 1"));

    let err = check_chain(&config(dir.path(), url, "")?, &deployment(5))
        .await
        .unwrap_err();
    assert!(
        matches!(
            err,
            ConfigError::ChainIdMismatch {
                node: 31337,
                expected: 5,
                expected_from: ChainIdSource::Deployment,
                ..
            }
        ),
        "{err:?}"
    );
    Ok(())
}

#[tokio::test]
async fn closed_port_is_unreachable() -> TestResult {
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0")?;
        listener.local_addr()?.port()
    };
    let dir = tempfile::tempdir()?;
    let url = format!("http://127.0.0.1:{port}");
    let err = check_chain(&config(dir.path(), &url, "")?, &deployment(31337))
        .await
        .unwrap_err();
    assert!(
        matches!(&err, ConfigError::RpcUnreachable { url: u, .. } if u.contains(&port.to_string())),
        "{err:?}"
    );
    Ok(())
}

#[tokio::test]
async fn silent_node_times_out() -> TestResult {
    // The kernel completes the handshake for a listening socket nobody accepts from: requests hang.
    let listener = std::net::TcpListener::bind("127.0.0.1:0")?;
    let url = format!("http://{}", listener.local_addr()?);
    let dir = tempfile::tempdir()?;
    let started = Instant::now();
    let err = check_chain(
        &config(dir.path(), &url, "rpc_timeout_ms = 300")?,
        &deployment(31337),
    )
    .await
    .unwrap_err();
    assert!(
        matches!(&err, ConfigError::RpcUnreachable { message, .. } if message.contains("300 ms")),
        "{err:?}"
    );
    assert!(started.elapsed() < Duration::from_secs(5));
    drop(listener);
    Ok(())
}
