//! Shared setup of the keeper daemon's end-to-end tests (`tests/tests/keeper_*.rs`): a seeded devnet, the
//! keeper built as `cantilever devnet` builds it, the daemon loop driven beside a test script with every
//! event recorded, price moves in one block, an independent profitability check through `eth_call`, the
//! chain's own record of the keeper's transactions, and a TCP proxy that can cut the keeper off its node.

use std::collections::BTreeMap;
use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use alloy::primitives::{Address, B256, I256, TxHash, U256};
use alloy::providers::ext::AnvilApi;
use alloy::providers::{DynProvider, Provider, ProviderBuilder};
use alloy::signers::local::PrivateKeySigner;
use alloy::sol_types::{SolCall, SolEvent};
use cantilever::devnet::{devnet_keeper, devnet_settings};
use cantilever_bindings::cantilever::Cantilever;
use cantilever_bindings::owner_feed::OwnerFeed;
use cantilever_daemon::{Keeper, KeeperError, KeeperEvent};
use cantilever_devnet::{
    AnvilConfig, Batch, DEPLOYER, Devnet, DevnetOptions, SeedOptions, SeedReport, rpc,
};
use cantilever_exec::{ExecConfig, Executor};
use cantilever_index::PositionIndex;
use cantilever_planner::Lane;
use cantilever_planner::strategy::StrategyParams;
use cantilever_primitives::executor::LiquidationExecutor;
use cantilever_primitives::{Position, PositionKey};
use cantilever_sim::ChainProfile;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{mpsc, oneshot, watch};

use crate::fixture::{SharedDevnet, shared_devnet};
use crate::{HarnessError, Result};

// The independent checks of what is left, shared with `cantilever devnet`'s verdict: one implementation.
pub use cantilever::devnet::check::{
    Left, OpenLiquidation, gas_price, left, lens_health, liquidatable_left, liquidate_call,
    native_price, open_liquidations, wei_in_loan,
};

/// Asserts from the chain (the lens and an `eth_call` of the executor) that none of `keys` is worth liquidating
/// by the default strategy at `priority_fee_wei`; `when` ends the failure message ("after the restart").
pub async fn assert_nothing_worth_left(
    devnet: &Devnet,
    keys: &[PositionKey],
    priority_fee_wei: u128,
    when: &str,
) -> Result<()> {
    let undone = left(devnet, keys, &StrategyParams::default(), priority_fee_wei).await?;
    eprintln!(
        "left on chain: {} liquidatable, {} worth their gas",
        undone.liquidatable.len(),
        undone.worth.len()
    );
    assert!(
        undone.worth.is_empty(),
        "{} liquidations worth their gas left {when}: {:#?}",
        undone.worth.len(),
        undone.worth
    );
    Ok(())
}

/// How to bring up a seeded devnet for a keeper test.
#[derive(Debug, Clone)]
pub struct NetOptions {
    /// Borrowers, spread round-robin over the three markets.
    pub borrowers: usize,
    /// Of which opened leveraged through the margin router.
    pub leveraged: usize,
    /// Lowest and highest target health factor at seeding.
    pub health: (f64, f64),
    /// Interval mining (seconds) after the deploy; `None`: automine.
    pub block_time: Option<u64>,
    /// Whether [`Devnet::set_price`] also arbitrages the pools, in the same block (keeper transactions may
    /// share it: `devnet::the_pool_arbitrage_survives_a_keeper_swap_in_its_block`). The harness's own
    /// [`set_prices`] never touches the pools.
    pub pools_follow_prices: bool,
    /// The seeding seed.
    pub seed: u64,
}

impl Default for NetOptions {
    fn default() -> Self {
        Self {
            borrowers: 30,
            leveraged: 3,
            health: (1.02, 1.6),
            block_time: None,
            pools_follow_prices: false,
            seed: 0x6b65_6570,
        }
    }
}

/// The devnet a [`Net`] runs on: its own, or the shared one (see [`crate::fixture`]).
#[derive(Debug)]
pub enum NetDevnet {
    /// Started for this test (a block time, say).
    Own(Box<Devnet>),
    /// The binary's shared devnet, held for the test.
    Shared(SharedDevnet),
}

impl std::ops::Deref for NetDevnet {
    type Target = Devnet;

    fn deref(&self) -> &Devnet {
        match self {
            Self::Own(devnet) => devnet,
            Self::Shared(shared) => shared,
        }
    }
}

/// A deployed, seeded devnet.
#[derive(Debug)]
pub struct Net {
    /// The devnet (an own anvil is killed on drop; the shared one is let go for the next test).
    pub devnet: NetDevnet,
    /// What seeding opened.
    pub seeded: SeedReport,
}

impl Net {
    /// Starts anvil, deploys the protocol and seeds the borrowers.
    pub async fn start(options: &NetOptions) -> Result<Self> {
        let devnet = Devnet::start(&DevnetOptions {
            anvil: AnvilConfig {
                gas_limit: 1_000_000_000,
                block_time: options.block_time,
                ..AnvilConfig::default()
            },
            seed: seed_options(options),
            pools_follow_prices: options.pools_follow_prices,
        })
        .await?;
        Self::seed(NetDevnet::Own(Box::new(devnet)), options).await
    }

    /// Seeds the borrowers on the shared devnet: no deployment of its own. The shared devnet automines and
    /// its pools follow [`Devnet::set_price`], so `options` must say so (`block_time: None`,
    /// `pools_follow_prices: true`).
    pub async fn shared(options: &NetOptions) -> Result<Self> {
        if options.block_time.is_some() || !options.pools_follow_prices {
            return Err(HarnessError::Setup(
                "the shared devnet automines and its pools follow prices: start a devnet of its own".into(),
            ));
        }
        Self::seed(NetDevnet::Shared(shared_devnet().await?), options).await
    }

    async fn seed(devnet: NetDevnet, options: &NetOptions) -> Result<Self> {
        let seeded = devnet.seed(&seed_options(options)).await?;
        eprintln!(
            "keeper harness: devnet deployed in {:.1?}, {} positions seeded in {:.1?}",
            devnet.deploy_time,
            seeded.positions.len(),
            seeded.elapsed
        );
        Ok(Self { devnet, seeded })
    }

    /// The devnet's own provider (no fillers).
    pub fn provider(&self) -> DynProvider {
        self.devnet.provider()
    }

    /// Every seeded position's key.
    pub fn keys(&self) -> Vec<PositionKey> {
        self.seeded
            .positions
            .iter()
            .map(|p| PositionKey {
                market: p.market,
                borrower: p.borrower,
            })
            .collect()
    }
}

fn seed_options(options: &NetOptions) -> SeedOptions {
    SeedOptions {
        borrowers: options.borrowers,
        leveraged: options.leveraged,
        seed: options.seed,
        min_health: options.health.0,
        max_health: options.health.1,
    }
}

/// A provider over `url` without fillers, as the devnet's own.
pub fn provider_at(url: &str) -> Result<DynProvider> {
    let url = url
        .parse()
        .map_err(|e| HarnessError::Setup(format!("url {url}: {e}")))?;
    Ok(ProviderBuilder::new()
        .disable_recommended_fillers()
        .connect_http(url)
        .erased())
}

/// The keeper exactly as `cantilever devnet` builds it (`devnet_keeper`).
pub async fn cli_keeper(
    devnet: &Devnet,
    provider: DynProvider,
    index: PositionIndex,
    exec: ExecConfig,
) -> Result<Keeper> {
    devnet_keeper(devnet, provider, index, exec)
        .await
        .map_err(|e| HarnessError::Setup(format!("devnet_keeper: {e}")))
}

/// The keeper with `devnet_keeper`'s settings except the strategy and the signer (a keystore's, say).
pub async fn custom_keeper(
    devnet: &Devnet,
    provider: DynProvider,
    index: PositionIndex,
    exec: ExecConfig,
    strategy: StrategyParams,
    signer: PrivateKeySigner,
) -> Result<Keeper> {
    let d = &devnet.deployment;
    let priority_fee_wei = exec.priority_fee_wei;
    let lane = Lane {
        sender: signer.address(),
        executor: devnet.periphery().executor,
    };
    let executor = Executor::new(provider.clone(), signer, d.chain_id, exec)
        .await
        .map_err(|e| HarnessError::Setup(format!("executor: {e}")))?;
    // devnet_keeper's settings, with this strategy.
    let settings = devnet_settings(
        devnet,
        &provider,
        strategy,
        ChainProfile::Sequential,
        vec![lane],
        priority_fee_wei,
    )
    .await;
    Ok(Keeper::new(
        provider,
        d.clone(),
        index,
        vec![executor],
        settings,
    )?)
}

/// `answer` lowered by `percent` (feed decimals).
pub fn cut(answer: I256, percent: u32) -> I256 {
    let keep = I256::try_from(100 - i64::from(percent.min(99))).unwrap_or(I256::ONE);
    answer * keep / I256::try_from(100).unwrap_or(I256::ONE)
}

/// Sends feed writes (`asset`, answer) from the feeds' owner without mining; the caller mines.
pub async fn queue_prices(devnet: &Devnet, moves: &[(&str, I256)]) -> Result<Vec<TxHash>> {
    let provider = devnet.provider();
    let mut hashes = Vec::new();
    for (asset, answer) in moves {
        let feed = OwnerFeed::new(devnet.asset(asset)?.feed, &provider);
        let request = feed
            .setAnswer(*answer)
            .into_transaction_request()
            .from(DEPLOYER)
            .gas_limit(300_000);
        let pending = provider
            .send_transaction(request)
            .await
            .map_err(HarnessError::rpc(format!("{asset} setAnswer")))?;
        hashes.push(*pending.tx_hash());
    }
    Ok(hashes)
}

/// Writes the feeds in one block (pools untouched, whatever the devnet's option), then restores the mining
/// mode; returns that block's number.
pub async fn set_prices(devnet: &Devnet, moves: &[(&str, I256)]) -> Result<u64> {
    let provider = devnet.provider();
    let block_time = devnet.anvil.block_time();
    rpc::stop_mining(&provider, block_time).await?;
    let mined = async {
        let mut batch = Batch::new(&provider);
        for (asset, answer) in moves {
            let feed = OwnerFeed::new(devnet.asset(asset)?.feed, &provider);
            batch
                .send(
                    format!("{asset} setAnswer"),
                    DEPLOYER,
                    300_000,
                    feed.setAnswer(*answer).into_transaction_request(),
                )
                .await?;
        }
        let (receipts, _) = batch.mine().await?;
        receipts
            .iter()
            .filter_map(|r| r.block_number)
            .max()
            .ok_or_else(|| HarnessError::Setup("price writes not mined".into()))
    }
    .await;
    let resumed = rpc::resume_mining(&provider, block_time).await;
    let block = mined?;
    resumed?;
    Ok(block)
}

/// Makes `asset`'s feed stale: a new round with its current answer, dated 1 (unix time), so every oracle
/// reading the feed reverts `StaleAnswer` until the next write. Mined in a block of its own (the mining mode is
/// restored); returns that block's number.
pub async fn stale_feed(devnet: &Devnet, asset: &str) -> Result<u64> {
    let provider = devnet.provider();
    let feed = OwnerFeed::new(devnet.asset(asset)?.feed, &provider);
    let answer = devnet.price(asset).await?;
    let block_time = devnet.anvil.block_time();
    rpc::stop_mining(&provider, block_time).await?;
    let mined = async {
        let mut batch = Batch::new(&provider);
        batch
            .send(
                format!("{asset} setRoundData (stale)"),
                DEPLOYER,
                300_000,
                feed.setRoundData(answer, U256::ONE, U256::ONE)
                    .into_transaction_request(),
            )
            .await?;
        let (receipts, _) = batch.mine().await?;
        receipts
            .iter()
            .find_map(|r| r.block_number)
            .ok_or_else(|| HarnessError::Setup("the stale round was not mined".into()))
    }
    .await;
    let resumed = rpc::resume_mining(&provider, block_time).await;
    let block = mined?;
    resumed?;
    Ok(block)
}

/// The block of the latest write to `asset`'s feed at or after `from_block` (its logs), if any.
pub async fn feed_write_block(
    devnet: &Devnet,
    asset: &str,
    from_block: u64,
) -> Result<Option<u64>> {
    let filter = alloy::rpc::types::Filter::new()
        .address(devnet.asset(asset)?.feed)
        .from_block(from_block);
    let logs = devnet
        .provider()
        .get_logs(&filter)
        .await
        .map_err(HarnessError::rpc("eth_getLogs"))?;
    Ok(logs.iter().filter_map(|l| l.block_number).max())
}

/// Inside a [`run_beside`] script: waits for the keeper's first block, cuts `asset`'s price by `percent` and
/// returns the block the feed write was mined in (errors as text, as scripts report them).
pub async fn drop_price_once_running(
    feed: &mut EventFeed,
    devnet: &Devnet,
    asset: &str,
    price: I256,
    percent: u32,
) -> std::result::Result<u64, String> {
    if !feed.wait_block(0, Duration::from_secs(20)).await {
        return Err("the keeper processed no block".to_string());
    }
    let before = head(&devnet.provider()).await.map_err(|e| e.to_string())?;
    devnet
        .set_price(asset, cut(price, percent))
        .await
        .map_err(|e| e.to_string())?;
    feed_write_block(devnet, asset, before + 1)
        .await
        .map_err(|e| e.to_string())?
        .ok_or_else(|| format!("the {asset} feed write left no log"))
}

/// Turns automine off: transactions wait for [`mine`] (for a devnet started with automine; interval mining
/// is left as it is).
pub async fn stop_mining(provider: &DynProvider) -> Result<()> {
    provider
        .anvil_set_auto_mine(false)
        .await
        .map_err(HarnessError::rpc("evm_setAutomine"))
}

/// Mines one block.
pub async fn mine(provider: &DynProvider) -> Result<()> {
    Ok(rpc::mine(provider).await?)
}

/// The latest block number.
pub async fn head(provider: &DynProvider) -> Result<u64> {
    provider
        .get_block_number()
        .await
        .map_err(HarnessError::rpc("eth_blockNumber"))
}

/// Transactions in the node's pool, pending and queued.
pub async fn pool_size(provider: &DynProvider) -> Result<u64> {
    let status = rpc::pool_status(provider).await?;
    Ok(status.pending + status.queued)
}

/// Every event of a run, in order, with when it was reported.
#[derive(Debug, Clone, Default)]
pub struct Recorded {
    /// The events.
    pub events: Vec<(Instant, KeeperEvent)>,
}

impl Recorded {
    /// The events alone.
    pub fn iter(&self) -> impl Iterator<Item = &KeeperEvent> {
        self.events.iter().map(|(_, e)| e)
    }

    /// Appends another run's events.
    pub fn extend(&mut self, other: Recorded) {
        self.events.extend(other.events);
    }

    /// Submitted events (not dry-run) per borrower.
    pub fn submissions(&self) -> BTreeMap<PositionKey, Vec<(B256, TxHash)>> {
        let mut out: BTreeMap<PositionKey, Vec<(B256, TxHash)>> = BTreeMap::new();
        for e in self.iter() {
            if let KeeperEvent::Submitted {
                key,
                id,
                hash,
                dry_run: false,
                ..
            } = e
            {
                out.entry(*key).or_default().push((*id, *hash));
            }
        }
        out
    }

    /// Included events: (opportunity, transaction, block, success).
    pub fn inclusions(&self) -> Vec<(B256, TxHash, u64, bool)> {
        self.iter()
            .filter_map(|e| match e {
                KeeperEvent::Included {
                    id,
                    hash,
                    block,
                    success,
                    ..
                } => Some((*id, *hash, *block, *success)),
                _ => None,
            })
            .collect()
    }

    /// Skipped events: position and label.
    pub fn skips(&self) -> Vec<(PositionKey, &'static str, String)> {
        self.iter()
            .filter_map(|e| match e {
                KeeperEvent::Skipped { key, reason } => {
                    Some((*key, reason.label(), reason.to_string()))
                }
                _ => None,
            })
            .collect()
    }

    /// Profit events: how many.
    pub fn profits(&self) -> usize {
        self.iter()
            .filter(|e| matches!(e, KeeperEvent::Profit { .. }))
            .count()
    }

    /// The highest block the keeper processed.
    pub fn last_block(&self) -> Option<u64> {
        self.iter()
            .filter_map(|e| match e {
                KeeperEvent::Block { number, .. } => Some(*number),
                _ => None,
            })
            .max()
    }
}

/// The events of a running keeper, as the test script beside it sees them.
#[derive(Debug)]
pub struct EventFeed {
    rx: mpsc::UnboundedReceiver<KeeperEvent>,
    seen: Vec<KeeperEvent>,
}

impl EventFeed {
    /// Waits (up to `timeout`) for an event matching `want`, returning it; every event received is kept.
    pub async fn wait_for(
        &mut self,
        timeout: Duration,
        want: impl Fn(&KeeperEvent) -> bool,
    ) -> Option<KeeperEvent> {
        let end = tokio::time::Instant::now() + timeout;
        loop {
            let event = tokio::time::timeout_at(end, self.rx.recv()).await.ok()??;
            self.seen.push(event.clone());
            if want(&event) {
                return Some(event);
            }
        }
    }

    /// Waits until the keeper processed block `number` (or later).
    pub async fn wait_block(&mut self, number: u64, timeout: Duration) -> bool {
        self.wait_for(
            timeout,
            |e| matches!(e, KeeperEvent::Block { number: n, .. } if *n >= number),
        )
        .await
        .is_some()
    }

    /// Whether every transaction submitted (per the events received so far) was included or dropped.
    pub fn settled(&self) -> bool {
        let mut open = std::collections::BTreeSet::new();
        for e in &self.seen {
            match e {
                KeeperEvent::Submitted {
                    id, dry_run: false, ..
                } => {
                    open.insert(*id);
                }
                KeeperEvent::Included { id, .. } | KeeperEvent::Dropped { id, .. } => {
                    open.remove(id);
                }
                _ => {}
            }
        }
        open.is_empty()
    }

    /// Waits (up to `timeout`) until every submitted transaction is included or dropped; returns whether
    /// that happened.
    pub async fn wait_settled(&mut self, timeout: Duration) -> bool {
        let end = Instant::now() + timeout;
        while !self.settled() {
            let left = end.saturating_duration_since(Instant::now());
            if left.is_zero() || self.wait_for(left, |_| true).await.is_none() {
                return self.settled();
            }
        }
        true
    }

    /// Events received so far by the waits.
    pub fn seen(&self) -> &[KeeperEvent] {
        &self.seen
    }
}

/// How the keeper stops when the script beside it ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stop {
    /// Through `run`'s shutdown future, as on Ctrl-C.
    Graceful,
    /// The run future is dropped wherever it stands, as when the process dies.
    Abrupt,
}

/// What [`run_beside`] returns.
#[derive(Debug)]
pub struct Run<T> {
    /// `run`'s result when it ended by itself or was shut down (`None`: dropped, see [`Stop::Abrupt`]).
    pub ran: Option<Result<(), KeeperError>>,
    /// The script's result (`None` if the keeper ended first).
    pub script: Option<T>,
    /// Every event of the run.
    pub recorded: Recorded,
}

/// Runs `keeper.run` beside `script` (which gets the event feed) until the script ends, then stops the
/// keeper as `stop` says. Everything runs on the caller's task.
pub async fn run_beside<T, F, Fut>(keeper: &mut Keeper, stop: Stop, script: F) -> Run<T>
where
    F: FnOnce(EventFeed) -> Fut,
    Fut: Future<Output = T>,
{
    let (tx, rx) = mpsc::unbounded_channel();
    let (stop_tx, stop_rx) = oneshot::channel::<()>();
    let recorded = std::rc::Rc::new(std::cell::RefCell::new(Recorded::default()));
    let sink = recorded.clone();
    let mut run = Box::pin(keeper.run(
        async {
            let _ = stop_rx.await;
        },
        |e| {
            sink.borrow_mut().events.push((Instant::now(), e.clone()));
            let _ = tx.send(e.clone());
        },
    ));
    let feed = EventFeed {
        rx,
        seen: Vec::new(),
    };
    let mut script = Box::pin(script(feed));
    let (ran, out) = tokio::select! {
        ran = &mut run => (Some(ran), None),
        out = &mut script => (None, Some(out)),
    };
    let ran = match (ran, stop) {
        (Some(ran), _) => Some(ran),
        (None, Stop::Graceful) => {
            let _ = stop_tx.send(());
            Some((&mut run).await)
        }
        (None, Stop::Abrupt) => None,
    };
    // Dropping the run future here is the abrupt stop: it ends the closure's borrow of `recorded` too.
    drop(run);
    Run {
        ran,
        script: out,
        recorded: recorded.take(),
    }
}

/// Every position of `keys` on chain (the core's `position`), empty ones left out.
pub async fn chain_positions(
    devnet: &Devnet,
    keys: &[PositionKey],
) -> Result<BTreeMap<PositionKey, Position>> {
    let provider = devnet.provider();
    let core = Cantilever::new(devnet.deployment.core, &provider);
    let mut out = BTreeMap::new();
    for key in keys {
        let p = core
            .position(key.market, key.borrower)
            .call()
            .await
            .map_err(HarnessError::rpc("core.position"))?;
        let position = Position {
            borrow_shares: p.borrowShares,
            collateral: p.collateral,
        };
        if !position.is_empty() {
            out.insert(*key, position);
        }
    }
    Ok(out)
}

/// One liquidation the keeper account sent to its executor, as the chain recorded it: a `liquidate` call, or one
/// order of a `liquidateBatch` call (the orders of a batch share its hash, block and nonce).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeeperTx {
    /// The transaction.
    pub hash: TxHash,
    /// Its block.
    pub block: u64,
    /// Its nonce.
    pub nonce: u64,
    /// The position it liquidates (decoded from its input).
    pub key: PositionKey,
    /// The transaction succeeded (a batch succeeds when at least one order did).
    pub success: bool,
    /// The executor's `Liquidated` events for this position in it (0 when a batch skipped the order).
    pub liquidated: usize,
    /// How many liquidations the transaction carries (1 for a `liquidate` call).
    pub orders: usize,
}

/// The distinct transactions among `txs` (the first row of each hash), in order.
pub fn distinct_txs(txs: &[KeeperTx]) -> Vec<&KeeperTx> {
    let mut seen = std::collections::HashSet::new();
    txs.iter().filter(|t| seen.insert(t.hash)).collect()
}

/// Every liquidation `from` sent to `executor` in blocks `from_block..=head`, read block by block: one row per
/// `liquidate` call and per order of a `liquidateBatch` call.
pub async fn keeper_txs(devnet: &Devnet, from: Address, from_block: u64) -> Result<Vec<KeeperTx>> {
    let provider = devnet.provider();
    let executor = devnet.periphery().executor;
    let last = head(&provider).await?;
    let mut out = Vec::new();
    for number in from_block..=last {
        let block = provider
            .get_block_by_number(number.into())
            .full()
            .await
            .map_err(HarnessError::rpc("eth_getBlockByNumber"))?
            .ok_or_else(|| HarnessError::Setup(format!("no block {number}")))?;
        for tx in block.transactions.txns() {
            use alloy::consensus::Transaction as _;
            use alloy::network::TransactionResponse as _;
            if tx.from() != from || tx.to() != Some(executor) {
                continue;
            }
            // (loan token, collateral token, LLTV, borrower) of each liquidation.
            let orders: Vec<(Address, Address, U256, Address)> = if let Ok(c) =
                LiquidationExecutor::liquidateCall::abi_decode(tx.input())
            {
                let m = &c.marketParams;
                vec![(m.loanToken, m.collateralToken, m.lltv, c.borrower)]
            } else if let Ok(c) = LiquidationExecutor::liquidateBatchCall::abi_decode(tx.input()) {
                c.orders
                    .iter()
                    .map(|o| {
                        let m = &o.marketParams;
                        (m.loanToken, m.collateralToken, m.lltv, o.borrower)
                    })
                    .collect()
            } else {
                continue;
            };
            let hash = tx.tx_hash();
            let receipt = provider
                .get_transaction_receipt(hash)
                .await
                .map_err(HarnessError::rpc("eth_getTransactionReceipt"))?
                .ok_or_else(|| HarnessError::Setup(format!("no receipt for {hash}")))?;
            let liquidated: Vec<LiquidationExecutor::Liquidated> = receipt
                .inner
                .logs()
                .iter()
                .filter(|l| l.address() == executor)
                .filter_map(|l| LiquidationExecutor::Liquidated::decode_log(&l.inner).ok())
                .map(|l| l.data)
                .collect();
            for (loan, collateral, lltv, borrower) in &orders {
                let market = devnet
                    .deployment
                    .markets
                    .iter()
                    .find(|m| {
                        m.loan_token == *loan
                            && m.collateral_token == *collateral
                            && m.lltv == *lltv
                    })
                    .map(|m| m.id)
                    .unwrap_or_default();
                out.push(KeeperTx {
                    hash,
                    block: number,
                    nonce: tx.nonce(),
                    key: PositionKey {
                        market,
                        borrower: *borrower,
                    },
                    success: receipt.status(),
                    liquidated: liquidated
                        .iter()
                        .filter(|l| l.borrower == *borrower && l.id == market)
                        .count(),
                    orders: orders.len(),
                });
            }
        }
    }
    Ok(out)
}

/// A TCP proxy on a loopback port in front of a node, which can be cut (open connections closed, new ones
/// refused on accept) and restored. Stops when dropped.
#[derive(Debug)]
pub struct Proxy {
    addr: SocketAddr,
    cut: watch::Sender<bool>,
    refused: Arc<AtomicUsize>,
    accepted: Arc<AtomicUsize>,
    task: tokio::task::JoinHandle<()>,
}

impl Proxy {
    /// Starts a proxy to `upstream` (an `http://host:port` URL).
    pub async fn start(upstream: &str) -> Result<Self> {
        let target: SocketAddr = upstream
            .trim_start_matches("http://")
            .trim_end_matches('/')
            .parse()
            .map_err(|e| HarnessError::Setup(format!("upstream {upstream}: {e}")))?;
        let listener = TcpListener::bind("127.0.0.1:0").await?;
        let addr = listener.local_addr()?;
        let (cut, cut_rx) = watch::channel(false);
        let refused = Arc::new(AtomicUsize::new(0));
        let accepted = Arc::new(AtomicUsize::new(0));
        let task = tokio::spawn(accept_loop(
            listener,
            target,
            cut_rx,
            refused.clone(),
            accepted.clone(),
        ));
        Ok(Self {
            addr,
            cut,
            refused,
            accepted,
            task,
        })
    }

    /// The proxy's URL.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Closes every open connection and refuses new ones until [`Proxy::restore`].
    pub fn cut(&self) {
        self.cut.send_replace(true);
    }

    /// Forwards again.
    pub fn restore(&self) {
        self.cut.send_replace(false);
    }

    /// Connections closed on accept while cut.
    pub fn refused(&self) -> usize {
        self.refused.load(Ordering::Relaxed)
    }

    /// Connections forwarded.
    pub fn accepted(&self) -> usize {
        self.accepted.load(Ordering::Relaxed)
    }
}

impl Drop for Proxy {
    fn drop(&mut self) {
        self.cut.send_replace(true);
        self.task.abort();
    }
}

async fn accept_loop(
    listener: TcpListener,
    target: SocketAddr,
    cut: watch::Receiver<bool>,
    refused: Arc<AtomicUsize>,
    accepted: Arc<AtomicUsize>,
) {
    loop {
        let Ok((client, _)) = listener.accept().await else {
            // Out of descriptors, say: wait rather than spin.
            tokio::time::sleep(Duration::from_millis(10)).await;
            continue;
        };
        if *cut.borrow() {
            refused.fetch_add(1, Ordering::Relaxed);
            drop(client); // closed at once: the client sees its connection reset or an empty reply
            continue;
        }
        accepted.fetch_add(1, Ordering::Relaxed);
        tokio::spawn(forward(client, target, cut.clone()));
    }
}

/// Copies both ways until either side closes or the proxy is cut.
async fn forward(mut client: TcpStream, target: SocketAddr, mut cut: watch::Receiver<bool>) {
    let Ok(mut upstream) = TcpStream::connect(target).await else {
        return;
    };
    tokio::select! {
        _ = tokio::io::copy_bidirectional(&mut client, &mut upstream) => {}
        _ = cut.wait_for(|c| *c) => {}
    }
}

/// Waits until `f` holds, polling every 50 ms, up to `timeout`; returns whether it held.
pub async fn eventually<Fut: Future<Output = bool>>(
    timeout: Duration,
    mut f: impl FnMut() -> Fut,
) -> bool {
    let end = Instant::now() + timeout;
    while Instant::now() < end {
        if f().await {
            return true;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    false
}
