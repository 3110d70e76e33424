//! An anvil process from the pinned toolchain on a loopback port, killed when dropped.

use std::net::TcpListener;
use std::os::unix::process::CommandExt;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use alloy::providers::{DynProvider, Provider, ProviderBuilder};
use alloy::transports::http::reqwest::Url;

use super::tools::{path_env, tool};
use super::{DevnetError, Result};

/// How to start anvil.
#[derive(Debug, Clone)]
pub struct AnvilConfig {
    /// Number of funded, unlocked dev accounts (anvil's default mnemonic).
    pub accounts: usize,
    /// Block gas limit; large values let hundreds of transactions share one block.
    pub gas_limit: u64,
    /// How long to wait for the first answer.
    pub startup_timeout: Duration,
    /// Interval mining: a block every this many seconds. `None` (the default) mines each transaction as
    /// it arrives (automine).
    pub block_time: Option<u64>,
    /// The loopback port to listen on; `None` picks a free one.
    pub port: Option<u16>,
    /// A state dump to start from (`--load-state`): its accounts, storage and head block.
    pub load_state: Option<PathBuf>,
    /// The clock to start from (`--timestamp`, seconds). With `load_state`, give the dump's block timestamp:
    /// anvil otherwise keeps the wall clock of its start as the last timestamp and refuses to mine blocks
    /// dated before it (`anvil_setNextBlockTimestamp` fails), so a dump from the past could not be replayed.
    pub timestamp: Option<u64>,
    /// The hardfork to run (`--hardfork`, e.g. `osaka`); `None`: anvil's latest.
    pub hardfork: Option<String>,
    /// The chain id (`--chain-id`); `None`: anvil's 31337.
    pub chain_id: Option<u64>,
    /// Orders pending transactions by arrival (`--order fifo`) instead of by fee, so a block mined on
    /// demand holds them in the order they were sent whatever their prices.
    pub fifo: bool,
}

impl Default for AnvilConfig {
    fn default() -> Self {
        Self {
            accounts: 10,
            gas_limit: 30_000_000,
            startup_timeout: Duration::from_secs(20),
            block_time: None,
            port: None,
            load_state: None,
            timestamp: None,
            hardfork: None,
            chain_id: None,
            fifo: false,
        }
    }
}

/// A running anvil. Dropping it kills the process (and the node shim in front of it).
#[derive(Debug)]
pub struct Anvil {
    child: Child,
    url: Url,
    block_time: Option<u64>,
}

impl Anvil {
    /// Starts anvil from `node_modules/.bin` and waits until it answers `eth_chainId`.
    pub async fn spawn(config: &AnvilConfig) -> Result<Self> {
        if config.block_time == Some(0) {
            return Err(DevnetError::InvalidArgument(
                "a block time of 0 seconds (use None for automine)".into(),
            ));
        }
        let binary = tool("anvil")?;
        // A port picked free may be taken by another process before anvil binds it: retry with another.
        let attempts = if config.port.is_some() { 1 } else { 3 };
        let mut last_error = String::new();
        for _ in 0..attempts {
            let port = match config.port {
                Some(port) => port,
                None => free_port()?,
            };
            let mut command = Command::new(&binary);
            command
                .args([
                    "--host",
                    "127.0.0.1",
                    "--port",
                    &port.to_string(),
                    "--silent",
                ])
                .args(["--accounts", &config.accounts.to_string()])
                .args(["--gas-limit", &config.gas_limit.to_string()]);
            if let Some(seconds) = config.block_time {
                command.args(["--block-time", &seconds.to_string()]);
            }
            if let Some(path) = &config.load_state {
                command.arg("--load-state").arg(path);
            }
            if let Some(seconds) = config.timestamp {
                command.args(["--timestamp", &seconds.to_string()]);
            }
            if let Some(fork) = &config.hardfork {
                command.args(["--hardfork", fork]);
            }
            if let Some(id) = config.chain_id {
                command.args(["--chain-id", &id.to_string()]);
            }
            if config.fifo {
                command.args(["--order", "fifo"]);
            }
            let child = command
                .env("PATH", path_env())
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                // node_modules/.bin/anvil is a node shim that spawns the real binary: give them a process
                // group of their own so dropping kills both, not just the shim.
                .process_group(0)
                .spawn()
                .map_err(DevnetError::io(format!("spawning {}", binary.display())))?;
            let url = Url::parse(&format!("http://127.0.0.1:{port}"))
                .map_err(|e| DevnetError::AnvilStart(format!("bad URL for port {port}: {e}")))?;
            let mut anvil = Self {
                child,
                url,
                block_time: config.block_time,
            };
            match anvil.wait_until_ready(config.startup_timeout).await {
                Ok(()) => return Ok(anvil),
                Err(e) => last_error = e,
            }
        }
        Err(DevnetError::AnvilStart(last_error))
    }

    /// The HTTP JSON-RPC endpoint.
    pub fn url(&self) -> &str {
        self.url.as_str().trim_end_matches('/')
    }

    /// The process id of the node (the leader of its process group: the node shim and the anvil it started).
    /// Whoever keeps an anvil for the life of a process (a static test fixture is never dropped) kills the
    /// group by this id when that process ends.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// The interval-mining period anvil was started with (`None`: automine).
    pub fn block_time(&self) -> Option<u64> {
        self.block_time
    }

    /// Switches to interval mining every `seconds` (`None`: automine), as if started with that block time.
    pub async fn set_block_time(&mut self, seconds: Option<u64>) -> Result<()> {
        if seconds == Some(0) {
            return Err(DevnetError::InvalidArgument(
                "a block time of 0 seconds (use None for automine)".into(),
            ));
        }
        super::rpc::set_mining(&self.provider(), seconds).await?;
        self.block_time = seconds;
        Ok(())
    }

    /// A provider without fillers: transactions go out as `eth_sendTransaction` from anvil's unlocked (or
    /// impersonated) accounts, and anvil fills nonce, fees and chain id. Callers set the gas limit
    /// (estimation would run against the latest block, not the pending transactions a batch builds on).
    pub fn provider(&self) -> DynProvider {
        ProviderBuilder::new()
            .disable_recommended_fillers()
            .connect_http(self.url.clone())
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
                return Err(format!("no answer on {} within {timeout:?}", self.url()));
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
        TcpListener::bind("127.0.0.1:0").map_err(DevnetError::io("binding a loopback port"))?;
    let port = listener
        .local_addr()
        .map_err(DevnetError::io("reading the bound port"))?
        .port();
    Ok(port)
}
