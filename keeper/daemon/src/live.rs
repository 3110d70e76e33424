//! The planner fed from the live chain: the position index, the health book, the market reader and the
//! [`Planner`], brought to the node's head together. The daemon adds the executor and the dedupe state around
//! it; `cantilever simulate` uses it alone, with no key.

use std::sync::{Arc, Mutex};

use alloy::primitives::Address;
use alloy::providers::{DynProvider, Provider};
use cantilever_index::PositionIndex;
use cantilever_oracle_adapter::BlockRef;
use cantilever_planner::{
    Decision, Fees, HealthBook, MarketSource, MarketState, Planner, PlannerSettings, Proposed,
};
use cantilever_primitives::Deployment;
use cantilever_primitives::position::PositionKey;
use cantilever_sim::revm::primitives::hardfork::SpecId;
use cantilever_sim::{SharedFork, SimEnv, StateSource, next_env};

use crate::keeper::KeeperError;
use crate::markets::MarketReader;

/// The chain at one head, as the planner takes it.
#[derive(Debug, Clone)]
pub struct AtHead {
    /// The head block.
    pub head: u64,
    /// Positions whose state changed since the last sync.
    pub changed: Vec<PositionKey>,
    /// The environment of the block after the head (the one a transaction sent now lands in).
    pub env: SimEnv,
    /// Every followed market's state at the head.
    pub states: Vec<MarketState>,
    /// The next block's base fee and the priority fee offered.
    pub fees: Fees,
    /// The fork of the head the planner simulates on, already holding the state the last block's simulations
    /// read (fetched while the markets were read); `None` if that failed (the plan then makes its own).
    pub fork: Option<Arc<SharedFork>>,
}

/// The index, the book, the markets and the planner over one node.
#[derive(Debug)]
pub struct LivePlanner {
    provider: DynProvider,
    chain_id: u64,
    spec: SpecId,
    priority_fee_wei: u128,
    index: PositionIndex,
    book: HealthBook,
    markets: MarketReader,
    planner: Arc<Mutex<Planner>>,
}

impl LivePlanner {
    /// Follows `followed` markets of `deployment` (all when empty) over `provider`; loads the index's
    /// positions into the book. Every call it makes (sync, index, market and oracle reads, simulation fetches)
    /// goes through a transport that counts failed calls by method (`cantilever_rpc_errors_total`).
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        provider: DynProvider,
        deployment: &Deployment,
        followed: &[alloy::primitives::B256],
        wrapped_native: Option<Address>,
        index: PositionIndex,
        spec: SpecId,
        priority_fee_wei: u128,
        settings: PlannerSettings,
    ) -> Self {
        let provider = crate::telemetry::count_rpc_errors(provider);
        let mut book = HealthBook::default();
        for m in deployment
            .markets
            .iter()
            .filter(|m| followed.is_empty() || followed.contains(&m.id))
        {
            book.add_market(m.id, m.lltv);
        }
        for (key, position) in index.positions() {
            book.upsert(key, position);
        }
        let markets = MarketReader::new(provider.clone(), deployment, followed, wrapped_native);
        Self {
            provider,
            chain_id: deployment.chain_id,
            spec,
            priority_fee_wei,
            index,
            book,
            markets,
            planner: Arc::new(Mutex::new(Planner::new(settings))),
        }
    }

    /// The node.
    pub fn provider(&self) -> &DynProvider {
        &self.provider
    }

    /// The health book.
    pub fn book(&self) -> &HealthBook {
        &self.book
    }

    /// The position index.
    pub fn index(&self) -> &PositionIndex {
        &self.index
    }

    /// The planner's settings.
    pub fn settings(&self) -> PlannerSettings {
        self.lock().settings().clone()
    }

    /// The keys the last plan's simulations read (the next plan's fork prefetches them).
    pub fn prefetch_keys(&self) -> Vec<cantilever_sim::StateKey> {
        self.lock().prefetch_keys().to_vec()
    }

    /// The planner, shared with the blocking threads that plan.
    pub(crate) fn planner(&self) -> Arc<Mutex<Planner>> {
        self.planner.clone()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Planner> {
        // A panic inside a plan leaves the planner's caches as they were: still usable.
        self.planner
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// The node's head block number.
    pub async fn head(&self) -> Result<u64, KeeperError> {
        self.provider
            .get_block_number()
            .await
            .map_err(KeeperError::rpc("eth_blockNumber"))
    }

    /// Blocks the node's head is past the block the position index has synced to (the whole head when it has
    /// synced nothing yet): what `cantilever_index_lag_blocks` shows.
    pub async fn index_lag(&self) -> Result<u64, KeeperError> {
        let head = self.head().await?;
        Ok(index_lag(head, &self.index))
    }

    /// Brings the index and the book to the node's head and reads the markets there.
    pub async fn sync(&mut self) -> Result<AtHead, KeeperError> {
        let delta = self.index.sync(&self.provider).await?;
        for (key, position) in &delta.changed {
            self.book.upsert(*key, *position);
        }
        let head = delta.head.number;
        // The head's fork, warmed with what the last block's simulations read, beside the market reads.
        let warming = self.warm_fork(head);
        let (env, timestamp) = next_env(&self.provider, head, self.spec, self.chain_id)
            .await
            .map_err(KeeperError::rpc("eth_getBlockByNumber"))?;
        let states = self
            .markets
            .read(BlockRef {
                number: head,
                timestamp,
            })
            .await
            .map_err(|e| KeeperError::Rpc {
                what: "market reads",
                source: Box::new(e),
            })?;
        let fees = Fees {
            base_fee: u128::from(env.block.basefee),
            priority_fee: self.priority_fee_wei,
        };
        Ok(AtHead {
            head,
            changed: delta.changed.iter().map(|(k, _)| *k).collect(),
            env,
            states,
            fees,
            fork: warming.await.ok(),
        })
    }

    /// The planner's proposals at `at`, leaving out the opportunities `exclude` names.
    pub fn propose(
        &self,
        at: &AtHead,
        exclude: impl Fn(&alloy::primitives::B256) -> bool,
    ) -> cantilever_planner::Proposals {
        self.lock()
            .propose(&self.book, &at.states, at.fees, exclude)
    }

    /// Simulates, settles and packs `proposed` on a fork of the head, each from its lane. The simulation
    /// reads the node through the runtime, so it runs on a blocking thread; a panic in it is an error, not a
    /// dead daemon.
    pub async fn plan(
        &self,
        proposed: Vec<Proposed>,
        at: &AtHead,
    ) -> Result<Decision, KeeperError> {
        let source: Arc<dyn StateSource> = cantilever_sim::rpc_source(&self.provider, at.head);
        let planner = self.planner.clone();
        let states = at.states.clone();
        let (env, fees, head, warm) = (at.env.clone(), at.fees, at.head, at.fork.clone());
        tokio::task::spawn_blocking(move || {
            let mut planner = planner
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner());
            let fork = warm.unwrap_or_else(|| planner.fork(source, head));
            planner.plan(&proposed, &states, fork, env, fees)
        })
        .await
        .map_err(|e| KeeperError::PlannerPanicked(e.to_string()))?
        .map_err(KeeperError::Plan)
    }
}

impl LivePlanner {
    /// Starts building the fork of `head` on a blocking thread: the planner's successor fork (the code it already
    /// holds kept) with the keys the last block's simulations read prefetched in one batch.
    fn warm_fork(&self, head: u64) -> tokio::task::JoinHandle<Arc<SharedFork>> {
        let source: Arc<dyn StateSource> = cantilever_sim::rpc_source(&self.provider, head);
        let planner = self.planner.clone();
        tokio::task::spawn_blocking(move || {
            planner
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner())
                .warm_fork(source, head)
        })
    }
}

/// Blocks `node_head` is past the block `index` has synced to (the whole head when it has synced nothing).
pub fn index_lag(node_head: u64, index: &PositionIndex) -> u64 {
    node_head.saturating_sub(index.head().map_or(0, |b| b.number))
}
