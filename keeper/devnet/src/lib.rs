//! A local devnet for `cantilever devnet` and the end-to-end tests: anvil from the repository's pinned
//! toolchain on a loopback port, the protocol deployed by `contracts/script/DeployDevnet.s.sol` (three
//! markets over mock tokens and owner-written USD feeds, Uniswap v2 with one deep pair per market, the
//! margin router and a liquidation executor owned by the keeper account), borrowers at chosen health, and
//! price crashes driven through the feeds.
//!
//! ```no_run
//! # async fn demo() -> Result<(), cantilever_devnet::DevnetError> {
//! use cantilever_devnet::{Devnet, DevnetOptions};
//! let options = DevnetOptions::default();
//! let devnet = Devnet::start(&options).await?; // anvil + forge script
//! let report = devnet.seed(&options.seed).await?; // 240 borrowers, 24 of them leveraged
//! devnet.crash("WETH", 25, 5).await?; // WETH -25% over 5 blocks, pools following
//! # Ok(()) }
//! ```
//!
//! - [`anvil`](Anvil): the node process, killed on drop; [`tools`](repo_root): where the repository and
//!   its Foundry binaries are, found at run time.
//! - [`deploy`]: the forge script run; [`rpc`]: anvil's mining, time and impersonation methods, and
//!   [`Batch`]es of transactions mined together.
//! - [`seed`](Devnet::seed): suppliers and borrowers, [`SeedReport`]; [`crash`](Devnet::crash): price moves.

mod anvil;
mod crash;
mod deploy;
mod error;
mod pool;
mod rng;
pub mod rpc;
mod seed;
mod tools;

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use alloy::primitives::{Address, B256, address, b256};
use alloy::providers::DynProvider;
use alloy::signers::local::PrivateKeySigner;
use cantilever_bindings::erc20_mock::ERC20Mock;
use cantilever_bindings::owner_feed::OwnerFeed;
use tempfile::TempDir;

use cantilever_primitives::deployment::{Deployment, MarketParams, Periphery};

pub use anvil::{Anvil, AnvilConfig};
pub use deploy::{DEPLOYER, FORGE_TIMEOUT, deploy};
pub use error::{DevnetError, Result};
pub use pool::{Arbitrage, IUniswapV2Pair, arbitrage};
pub use rng::SplitMix64;
pub use rpc::Batch;
pub use seed::{
    HEALTH_BUCKETS, MarketSeed, SeedOptions, SeedReport, SeededPosition, health_bucket,
};
pub use tools::{path_env, repo_root, target_dir, tool, tools_dir};

/// anvil's dev account #1 (default mnemonic): the keeper, owner of the devnet's liquidation executor.
pub const KEEPER: Address = address!("0x70997970C51812dc3A010C7d01b50e0d17dc79C8");

/// The private key of [`KEEPER`]: anvil's published dev key #1, worthless outside a devnet.
const KEEPER_KEY: B256 =
    b256!("0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d");

/// How to bring a devnet up and seed it.
#[derive(Debug, Clone)]
pub struct DevnetOptions {
    /// The node.
    pub anvil: AnvilConfig,
    /// The borrowers [`Devnet::seed`] opens (used by callers; [`Devnet::start`] itself seeds nothing).
    pub seed: SeedOptions,
    /// Whether price moves ([`Devnet::set_price`], [`Devnet::crash`]) also arbitrage the Uniswap pairs to
    /// the new price in the same block, as the market would; otherwise the pools keep their old price.
    pub pools_follow_prices: bool,
}

impl Default for DevnetOptions {
    fn default() -> Self {
        Self {
            anvil: AnvilConfig {
                // Seeding sends hundreds of transactions per block.
                gas_limit: 1_000_000_000,
                ..AnvilConfig::default()
            },
            seed: SeedOptions::default(),
            pools_follow_prices: true,
        }
    }
}

/// A token of the devnet with its USD feed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DevnetAsset {
    /// Symbol ("WETH").
    pub symbol: String,
    /// The ERC20Mock (anyone may mint).
    pub token: Address,
    /// Its decimals.
    pub decimals: u8,
    /// The OwnerFeed pricing it in USD (owner: [`DEPLOYER`]).
    pub feed: Address,
    /// The feed's decimals.
    pub feed_decimals: u8,
}

/// A market of the devnet with its assets and pool.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DevnetMarket {
    /// The market id.
    pub id: B256,
    /// Its parameters.
    pub params: MarketParams,
    /// Symbol of the collateral token.
    pub collateral: String,
    /// Symbol of the loan token.
    pub loan: String,
    /// The Uniswap v2 pair of the two tokens.
    pub pool: Address,
}

impl DevnetMarket {
    /// "WETH/USDC": collateral over loan.
    pub fn label(&self) -> String {
        format!("{}/{}", self.collateral, self.loan)
    }
}

/// A running devnet: anvil, the deployed protocol and the deployment as the keeper loads it. Dropping it
/// stops anvil and removes the deployment file.
pub struct Devnet {
    /// The node (killed on drop).
    pub anvil: Anvil,
    /// The deployment, loaded and verified by the keeper's loader.
    pub deployment: Deployment,
    /// Where the deployment file lives (under `deployments/`, removed on drop).
    pub deployment_path: PathBuf,
    /// The keeper account, owner of the executor ([`KEEPER`]).
    pub keeper: Address,
    /// The keeper account's private key (anvil's well-known dev key #1; never printed by `Debug`).
    pub keeper_key: B256,
    /// How long `forge script` took (compile included on a first run).
    pub deploy_time: Duration,
    periphery: Periphery,
    assets: BTreeMap<String, DevnetAsset>,
    markets: Vec<DevnetMarket>,
    pools_follow_prices: bool,
    _dir: TempDir,
}

impl std::fmt::Debug for Devnet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Devnet")
            .field("anvil", &self.anvil)
            .field("deployment_path", &self.deployment_path)
            .field("keeper", &self.keeper)
            .field("keeper_key", &"<redacted>")
            .field("markets", &self.markets)
            .finish_non_exhaustive()
    }
}

impl Devnet {
    /// Starts anvil and deploys the devnet onto it (the first run compiles the contracts: minutes).
    ///
    /// anvil deploys with automine whatever the configured block time (forge sends one transaction per
    /// receipt: with a block every second, the deployment would take a minute), then switches to it.
    pub async fn start(options: &DevnetOptions) -> Result<Self> {
        let automine = AnvilConfig {
            block_time: None,
            ..options.anvil.clone()
        };
        if options.anvil.block_time == Some(0) {
            return Err(DevnetError::InvalidArgument(
                "a block time of 0 seconds (use None for automine)".into(),
            ));
        }
        let mut anvil = Anvil::spawn(&automine).await?;
        let started = Instant::now();
        let (dir, deployment_path) = deploy(anvil.url(), &[("KEEPER", KEEPER.to_string())]).await?;
        let deploy_time = started.elapsed();
        if options.anvil.block_time.is_some() {
            anvil.set_block_time(options.anvil.block_time).await?;
        }
        let deployment = Deployment::load(&deployment_path)?;
        let periphery = deployment
            .periphery
            .ok_or_else(|| DevnetError::Incomplete("periphery".into()))?;
        let provider = anvil.provider();
        let assets = load_assets(&provider, &deployment).await?;
        let markets = markets(&deployment, &assets)?;
        Ok(Self {
            anvil,
            deployment,
            deployment_path,
            keeper: KEEPER,
            keeper_key: KEEPER_KEY,
            deploy_time,
            periphery,
            assets,
            markets,
            pools_follow_prices: options.pools_follow_prices,
            _dir: dir,
        })
    }

    /// A provider for anvil (no fillers: see [`Anvil::provider`]).
    pub fn provider(&self) -> DynProvider {
        self.anvil.provider()
    }

    /// The keeper account's signer.
    pub fn keeper_signer(&self) -> Result<PrivateKeySigner> {
        PrivateKeySigner::from_bytes(&self.keeper_key)
            .map_err(|e| DevnetError::InvalidArgument(format!("keeper key: {e}")))
    }

    /// The periphery contracts (margin router, adapter, executor, Uniswap).
    pub fn periphery(&self) -> &Periphery {
        &self.periphery
    }

    /// The markets, in deployment order, with their assets and pools.
    pub fn markets(&self) -> &[DevnetMarket] {
        &self.markets
    }

    /// The assets by symbol.
    pub fn assets(&self) -> impl Iterator<Item = &DevnetAsset> {
        self.assets.values()
    }

    /// The asset with this symbol.
    pub fn asset(&self, symbol: &str) -> Result<&DevnetAsset> {
        self.assets
            .get(symbol)
            .ok_or_else(|| DevnetError::UnknownAsset {
                asset: symbol.into(),
                known: self.assets.keys().cloned().collect::<Vec<_>>().join(", "),
            })
    }
}

/// Each token of the deployment with its feed and decimals.
async fn load_assets(
    provider: &DynProvider,
    deployment: &Deployment,
) -> Result<BTreeMap<String, DevnetAsset>> {
    if deployment.tokens.is_empty() {
        return Err(DevnetError::Incomplete("tokens".into()));
    }
    let mut assets = BTreeMap::new();
    for (symbol, &token) in &deployment.tokens {
        let feed = *deployment
            .feeds
            .get(symbol)
            .ok_or_else(|| DevnetError::Incomplete(format!("feed for {symbol}")))?;
        let decimals = ERC20Mock::new(token, provider)
            .decimals()
            .call()
            .await
            .map_err(DevnetError::rpc(format!("{symbol}.decimals")))?;
        let feed_decimals = OwnerFeed::new(feed, provider)
            .decimals()
            .call()
            .await
            .map_err(DevnetError::rpc(format!("{symbol} feed decimals")))?;
        assets.insert(
            symbol.clone(),
            DevnetAsset {
                symbol: symbol.clone(),
                token,
                decimals,
                feed,
                feed_decimals,
            },
        );
    }
    Ok(assets)
}

/// The deployment's markets with symbols and pools.
fn markets(
    deployment: &Deployment,
    assets: &BTreeMap<String, DevnetAsset>,
) -> Result<Vec<DevnetMarket>> {
    let symbol_of = |token: Address| {
        assets
            .values()
            .find(|a| a.token == token)
            .map(|a| a.symbol.clone())
            .ok_or_else(|| DevnetError::Incomplete(format!("token entry for {token}")))
    };
    deployment
        .markets
        .iter()
        .map(|m| {
            Ok(DevnetMarket {
                id: m.id,
                params: m.params(),
                collateral: symbol_of(m.collateral_token)?,
                loan: symbol_of(m.loan_token)?,
                pool: deployment
                    .pool(m.id)
                    .ok_or_else(|| DevnetError::Incomplete(format!("pool for market {}", m.id)))?,
            })
        })
        .collect()
}
