//! A scenario over a node's block instead of a state dump: the deployment and `scenario.json` say what to use,
//! the node (through sim's RPC source) says what the state is, and a [`CachedSource`] in front of it keeps
//! every key a run reads. After the run [`ForkedScenario::save_cache`] writes them to a local file; the next
//! run of the same chain and block reads that file and makes no RPC call at all, and runs with no node.
//!
//! The node is trusted only once checked: with no cache, its chain id is checked against the deployment's
//! before anything is read; with a cache, the node is asked nothing until a key is missing, and then first
//! its chain id and the hash of the block, which must be the cache's (another chain, or a reorg, is refused).
//! A URL can carry an API key: messages show only its scheme, host and port ([`display_url`]).

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, OnceLock};

use alloy::eips::{BlockId, BlockNumberOrTag};
use alloy::providers::{DynProvider, Provider, ProviderBuilder};
use alloy::transports::http::reqwest::Url;
use alloy_primitives::{Address, B256, U256};
use cantilever_primitives::Deployment;
use cantilever_sim::{AccountState, RpcSource, StateSource};

use crate::cache::{CacheHeader, CachedSource, ForkBlock};
use crate::error::{BacktestError, Result};
use crate::scenario::{Scenario, ScenarioFile};

/// Where a forked scenario comes from.
#[derive(Clone, Default)]
pub struct ForkOptions {
    /// The node's HTTP JSON-RPC URL. `None`: offline, from the cache alone.
    pub url: Option<String>,
    /// The block to fork. `None`: the node's head (offline: the cache's block).
    pub block: Option<u64>,
    /// The deployment (markets, feeds, pools).
    pub deployment: PathBuf,
    /// `scenario.json`: the chain, the lanes, the adapter, the positions.
    pub scenario_file: PathBuf,
    /// The cache file. `None`: [`default_cache_path`] of the chain and block.
    pub cache: Option<PathBuf>,
}

impl std::fmt::Debug for ForkOptions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ForkOptions")
            .field("url", &self.url.as_deref().map(display_url))
            .field("block", &self.block)
            .field("deployment", &self.deployment)
            .field("scenario_file", &self.scenario_file)
            .field("cache", &self.cache)
            .finish()
    }
}

/// `backtest-cache/<chain>-<block>.json`, relative to the working directory.
pub fn default_cache_path(chain_id: u64, block: u64) -> PathBuf {
    Path::new("backtest-cache").join(format!("{chain_id}-{block}.json"))
}

/// `url` as it may be shown: scheme, host and port, never a user, password, path or query (where API keys
/// live).
pub fn display_url(url: &str) -> String {
    match Url::parse(url) {
        Ok(u) => {
            let host = u.host_str().unwrap_or("");
            match u.port() {
                Some(port) => format!("{}://{host}:{port}", u.scheme()),
                None => format!("{}://{host}", u.scheme()),
            }
        }
        Err(_) => "<unparseable URL>".into(),
    }
}

/// A scenario on a fork, and the cache under it.
#[derive(Debug)]
pub struct ForkedScenario {
    /// The scenario: its state is [`Self::cache`].
    pub scenario: Scenario,
    /// Every key read so far, loaded or fetched.
    pub cache: Arc<CachedSource>,
    /// Where the cache is read from and saved to.
    pub cache_path: PathBuf,
    node: Option<Arc<Node>>,
}

impl ForkedScenario {
    /// JSON-RPC requests made so far: the setup's (chain id, head, header) and every fetch (an account costs
    /// three). Zero for a run whose cache held everything.
    pub fn rpc_calls(&self) -> u64 {
        self.node.as_ref().map_or(0, |n| n.calls())
    }

    /// Writes the cache if it fetched anything (or was never written); returns whether it wrote.
    pub fn save_cache(&self) -> Result<bool> {
        if self.cache.fetched() == 0 && self.cache_path.exists() {
            return Ok(false);
        }
        self.cache.save(&self.cache_path)?;
        Ok(true)
    }

    /// An error if any read of the state failed during the run (a key missing offline, the node failing): the
    /// planner drops a candidate whose simulation cannot read its state and goes on, so such a run's result
    /// is not the fork's.
    pub fn check_complete(&self) -> Result<()> {
        match self.cache.failures() {
            (0, _) => Ok(()),
            (n, first) => Err(BacktestError::Input(format!(
                "{n} reads of the fork failed during the run, so its result is incomplete; the first: {}",
                first.unwrap_or("?")
            ))),
        }
    }
}

impl Scenario {
    /// The scenario `options` describe: the deployment and scenario file, over the node's block (read through
    /// a [`CachedSource`], from the cache file when it has it). Checks the node's chain against the
    /// deployment's, then what [`Scenario::load`] checks (the contracts have code at the block). Over RPC it
    /// must run inside a multi-threaded tokio runtime (on a worker or a blocking thread), whose handle the
    /// source blocks on; the sweep's own threads may then read through it.
    pub fn from_fork(options: &ForkOptions) -> Result<ForkedScenario> {
        let deployment = Deployment::load(&options.deployment)
            .map_err(|e| BacktestError::Input(e.to_string()))?;
        let file = ScenarioFile::load(&options.scenario_file)?;
        let chain_id = deployment.chain_id;
        if file.chain_id != chain_id {
            return Err(BacktestError::Input(format!(
                "the scenario is for chain {} but the deployment for chain {chain_id}",
                file.chain_id
            )));
        }
        let node = options
            .url
            .as_deref()
            .map(|url| Node::connect(url, chain_id).map(Arc::new))
            .transpose()?;
        // The node is asked only what the cache cannot tell: the head when no block is given, the chain and
        // the header when there is no cache yet.
        let mut chain_checked = false;
        let block = match (options.block, &node) {
            (Some(block), _) => Some(block),
            (None, Some(node)) => {
                node.check_chain()?;
                chain_checked = true;
                Some(node.head()?)
            }
            (None, None) => None,
        };
        let cache_path = match (&options.cache, block) {
            (Some(path), _) => path.clone(),
            (None, Some(block)) => default_cache_path(chain_id, block),
            (None, None) => {
                return Err(BacktestError::Input(
                    "a fork needs a node URL, or a cache file to run offline".into(),
                ));
            }
        };
        let inner = node.clone().map(|n| n as Arc<dyn StateSource>);
        let cache = match &node {
            Some(node) if !cache_path.exists() => {
                let block = block.expect("known with a node");
                if !chain_checked {
                    node.check_chain()?;
                }
                let header = node.header(block)?;
                node.trust(header);
                CachedSource::new(
                    CacheHeader {
                        chain_id,
                        block: header,
                    },
                    inner,
                )
            }
            _ => {
                let cache = CachedSource::load(&cache_path, chain_id, block, inner)?;
                if let Some(node) = &node {
                    node.expect(cache.header().block);
                }
                cache
            }
        };
        let cache = Arc::new(cache);
        let start = cache.header().block;
        let state: Arc<dyn StateSource> = cache.clone();
        let dir = options
            .scenario_file
            .parent()
            .map_or_else(PathBuf::new, Path::to_path_buf);
        let scenario = Scenario::assemble(
            dir,
            deployment,
            file,
            state,
            start.start(),
            (
                &format!("block {} of chain {chain_id}", start.number),
                "a block",
            ),
        )?;
        Ok(ForkedScenario {
            scenario,
            cache,
            cache_path,
            node,
        })
    }
}

/// The node: sim's RPC source at the block, checked before its first answer is trusted, counting every
/// request, and keeping the URL out of its messages.
struct Node {
    provider: DynProvider,
    rpc: OnceLock<RpcSource>,
    handle: tokio::runtime::Handle,
    /// The URL as given and as parsed (what transport errors quote), both replaced in messages.
    secrets: [String; 2],
    shown: String,
    chain_id: u64,
    /// Requests made here (the checks); the RPC source counts its own.
    calls: AtomicU64,
    /// The block the cache is of, once known: the node must have it.
    expected: OnceLock<ForkBlock>,
    /// The check of the node against `expected`, made once, before its first answer.
    checked: OnceLock<std::result::Result<(), String>>,
}

impl std::fmt::Debug for Node {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Node")
            .field("url", &self.shown)
            .field("calls", &self.calls())
            .finish_non_exhaustive()
    }
}

impl Node {
    /// A provider over `url` (no request yet).
    fn connect(url: &str, chain_id: u64) -> Result<Self> {
        let shown = display_url(url);
        let parsed = Url::parse(url).map_err(|e| {
            BacktestError::Input(format!("the fork URL ({shown}) is not a URL: {e}"))
        })?;
        if !matches!(parsed.scheme(), "http" | "https") {
            return Err(BacktestError::Input(format!(
                "the fork URL ({shown}) must be http or https"
            )));
        }
        let handle = tokio::runtime::Handle::try_current().map_err(|_| {
            BacktestError::Input("reading a fork over RPC needs a tokio runtime".into())
        })?;
        let secrets = [url.to_string(), parsed.as_str().to_string()];
        let provider = ProviderBuilder::new()
            .disable_recommended_fillers()
            .connect_http(parsed)
            .erased();
        Ok(Self {
            provider,
            rpc: OnceLock::new(),
            handle,
            secrets,
            shown,
            chain_id,
            calls: AtomicU64::new(0),
            expected: OnceLock::new(),
            checked: OnceLock::new(),
        })
    }

    fn calls(&self) -> u64 {
        self.calls.load(Ordering::Relaxed) + self.rpc.get().map_or(0, RpcSource::rpc_calls)
    }

    /// `message` with the URL replaced by what may be shown.
    fn scrub(&self, message: &str) -> String {
        let mut out = message.to_string();
        for secret in &self.secrets {
            if !secret.is_empty() {
                out = out.replace(secret.as_str(), &self.shown);
                out = out.replace(secret.trim_end_matches('/'), &self.shown);
            }
        }
        out
    }

    /// One request, counted, its error scrubbed.
    fn request<T>(
        &self,
        what: &str,
        future: impl Future<Output = std::result::Result<T, alloy::transports::TransportError>>,
    ) -> Result<T> {
        self.calls.fetch_add(1, Ordering::Relaxed);
        let result = if tokio::runtime::Handle::try_current().is_ok() {
            tokio::task::block_in_place(|| self.handle.block_on(future))
        } else {
            self.handle.block_on(future)
        };
        result.map_err(|e| {
            BacktestError::Input(format!(
                "cannot read {what} from the node at {}: {}",
                self.shown,
                self.scrub(&e.to_string())
            ))
        })
    }

    fn check_chain(&self) -> Result<()> {
        let theirs = self.request("the chain id", self.provider.get_chain_id())?;
        if theirs != self.chain_id {
            return Err(BacktestError::Input(format!(
                "the node at {} is chain {theirs}, the deployment and the scenario are for chain {}",
                self.shown, self.chain_id
            )));
        }
        Ok(())
    }

    fn head(&self) -> Result<u64> {
        self.request("the head block number", self.provider.get_block_number())
    }

    fn header(&self, number: u64) -> Result<ForkBlock> {
        let block = self
            .request(
                &format!("block {number}"),
                self.provider
                    .get_block_by_number(BlockNumberOrTag::Number(number))
                    .into_future(),
            )?
            .ok_or_else(|| {
                BacktestError::Input(format!("the node at {} has no block {number}", self.shown))
            })?;
        let h = &block.header;
        Ok(ForkBlock {
            number: h.number,
            hash: h.hash,
            timestamp: h.timestamp,
            base_fee: h.base_fee_per_gas.unwrap_or_default().into(),
            gas_limit: h.gas_limit,
            beneficiary: h.beneficiary,
        })
    }

    /// The node answers for `block`: checked already (its chain and header were just read).
    fn trust(&self, block: ForkBlock) {
        self.expect(block);
        let _ = self.checked.set(Ok(()));
    }

    /// The node must have `block` (the cache's): checked before its first answer.
    fn expect(&self, block: ForkBlock) {
        let _ = self.expected.set(block);
    }

    /// The RPC source, once the node is known to be the cache's chain at the cache's block.
    fn source(&self, what: impl FnOnce() -> String) -> cantilever_sim::Result<&RpcSource> {
        let checked = self.checked.get_or_init(|| {
            let expected = self
                .expected
                .get()
                .ok_or_else(|| "no block to check the node against".to_string())?;
            self.check_chain().map_err(|e| e.to_string())?;
            let theirs = self.header(expected.number).map_err(|e| e.to_string())?;
            if theirs.hash != expected.hash {
                return Err(format!(
                    "the node at {} has block {} with hash {}, the cache has {}: another chain, or a reorg",
                    self.shown, expected.number, theirs.hash, expected.hash
                ));
            }
            Ok(())
        });
        if let Err(message) = checked {
            return Err(cantilever_sim::Error::Fetch {
                what: what(),
                message: message.clone(),
            });
        }
        let block = self.expected.get().expect("checked").number;
        Ok(self.rpc.get_or_init(|| {
            RpcSource::new(
                self.provider.clone(),
                BlockId::number(block),
                self.handle.clone(),
            )
        }))
    }

    fn scrubbed<T>(&self, result: cantilever_sim::Result<T>) -> cantilever_sim::Result<T> {
        result.map_err(|e| match e {
            cantilever_sim::Error::Fetch { what, message } => cantilever_sim::Error::Fetch {
                what,
                message: self.scrub(&message),
            },
            other => other,
        })
    }
}

impl StateSource for Node {
    fn account(&self, address: Address) -> cantilever_sim::Result<AccountState> {
        let rpc = self.source(|| format!("account {address}"))?;
        self.scrubbed(rpc.account(address))
    }

    fn storage(&self, address: Address, slot: U256) -> cantilever_sim::Result<U256> {
        let rpc = self.source(|| format!("slot {slot:#x} of {address}"))?;
        self.scrubbed(rpc.storage(address, slot))
    }

    fn block_hash(&self, number: u64) -> cantilever_sim::Result<B256> {
        let rpc = self.source(|| format!("hash of block {number}"))?;
        self.scrubbed(rpc.block_hash(number))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_show_scheme_host_and_port_only() {
        assert_eq!(
            display_url("https://user:pass@eth.example.com/v3/SECRETKEY?k=1"),
            "https://eth.example.com"
        );
        assert_eq!(
            display_url("http://127.0.0.1:8545"),
            "http://127.0.0.1:8545"
        );
        assert_eq!(display_url("not a url SECRET"), "<unparseable URL>");
    }

    #[test]
    fn a_node_error_never_quotes_the_url() {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .enable_all()
            .build()
            .unwrap();
        let _guard = runtime.enter();
        let url = "http://127.0.0.1:1/v3/SECRETKEY";
        let node = Node::connect(url, 1).unwrap();
        let err = node.check_chain().unwrap_err().to_string();
        assert!(!err.contains("SECRETKEY"), "{err}");
        assert!(err.contains("http://127.0.0.1:1"), "{err}");
        assert_eq!(node.calls(), 1);
    }

    #[test]
    fn offline_needs_a_cache() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../scenarios/devnet");
        let options = ForkOptions {
            deployment: dir.join("deployment.json"),
            scenario_file: dir.join("scenario.json"),
            ..ForkOptions::default()
        };
        let err = Scenario::from_fork(&options).unwrap_err().to_string();
        assert_eq!(
            err,
            "a fork needs a node URL, or a cache file to run offline"
        );
        let missing = ForkOptions {
            cache: Some(dir.join("no-such-cache.json")),
            ..options
        };
        let err = Scenario::from_fork(&missing).unwrap_err().to_string();
        assert!(err.starts_with("fork cache "), "{err}");
    }
}
