//! An anvil process on a free loopback port, killed when dropped.

use std::net::TcpListener;
use std::os::unix::process::CommandExt;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use alloy::providers::{DynProvider, Provider, ProviderBuilder};

use crate::tools::{path_env, tool};
use crate::{HarnessError, Result};

/// How to start anvil.
#[derive(Debug, Clone)]
pub struct AnvilConfig {
    /// Number of funded, unlocked dev accounts (anvil's default mnemonic).
    pub accounts: usize,
    /// Block gas limit; large values let a test mine hundreds of transactions in one block.
    pub gas_limit: u64,
    /// How long to wait for the first answer.
    pub startup_timeout: Duration,
}

impl Default for AnvilConfig {
    fn default() -> Self {
        Self {
            accounts: 10,
            gas_limit: 30_000_000,
            startup_timeout: Duration::from_secs(20),
        }
    }
}

/// A running anvil. Dropping it kills the process (and the node shim in front of it).
#[derive(Debug)]
pub struct Anvil {
    child: Child,
    url: String,
}

impl Anvil {
    /// Starts anvil from `node_modules/.bin` and waits until it answers `eth_chainId`.
    pub async fn spawn(config: &AnvilConfig) -> Result<Self> {
        let binary = tool("anvil")?;
        // The port is free when we pick it, but another process may take it before anvil binds: retry.
        let mut last_error = String::new();
        for _ in 0..3 {
            let port = free_port()?;
            let child = Command::new(&binary)
                .args([
                    "--host",
                    "127.0.0.1",
                    "--port",
                    &port.to_string(),
                    "--silent",
                ])
                .args([
                    "--accounts",
                    &config.accounts.to_string(),
                    "--gas-limit",
                    &config.gas_limit.to_string(),
                ])
                .env("PATH", path_env())
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                // node_modules/.bin/anvil is a node shim that spawns the real binary: give them a process
                // group of their own so dropping kills both, not just the shim.
                .process_group(0)
                .spawn()
                .map_err(HarnessError::io(format!("spawning {}", binary.display())))?;
            let mut anvil = Self {
                child,
                url: format!("http://127.0.0.1:{port}"),
            };
            match anvil.wait_until_ready(config.startup_timeout).await {
                Ok(()) => return Ok(anvil),
                Err(e) => last_error = e,
            }
        }
        Err(HarnessError::AnvilStart(last_error))
    }

    /// The HTTP JSON-RPC endpoint.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// A provider without fillers: transactions go out as `eth_sendTransaction` from anvil's unlocked
    /// accounts, and anvil fills nonce, fees and chain id. Callers set the gas limit (estimation would
    /// run against the latest block, not the pending transactions a batch builds on).
    pub fn provider(&self) -> DynProvider {
        let url = self.url.parse().expect("a valid http URL");
        ProviderBuilder::new()
            .disable_recommended_fillers()
            .connect_http(url)
            .erased()
    }

    async fn wait_until_ready(&mut self, timeout: Duration) -> Result<(), String> {
        let provider = self.provider();
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().map_err(|e| e.to_string())? {
                return Err(format!("anvil exited with {status}"));
            }
            if provider.get_chain_id().await.is_ok() {
                return Ok(());
            }
            if start.elapsed() > timeout {
                return Err(format!("no answer on {} within {timeout:?}", self.url));
            }
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
    }
}

impl Drop for Anvil {
    fn drop(&mut self) {
        // The whole group (the shim and the anvil it started); its id is the shim's pid. `kill(1)` rather
        // than libc keeps the crate free of unsafe code.
        let group = format!("-{}", self.child.id());
        let _ = Command::new("kill")
            .args(["-KILL", "--", &group])
            .stderr(Stdio::null())
            .status();
        // Already exited is fine; reap it so no zombie is left behind.
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A loopback port nobody listens on right now (the OS picks it when binding port 0).
fn free_port() -> Result<u16> {
    let listener =
        TcpListener::bind("127.0.0.1:0").map_err(HarnessError::io("binding a loopback port"))?;
    let port = listener
        .local_addr()
        .map_err(HarnessError::io("reading the bound port"))?
        .port();
    Ok(port)
}
