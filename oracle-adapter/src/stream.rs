//! The stream of price updates the keeper consumes.
//!
//! Collectors read sources and send observations to one evaluator task, which owns every source's
//! state, applies its [`FeedPolicy`], combines medians, and sends [`PriceEvent`]s on a tokio channel:
//!
//! - the chain watcher polls, over plain HTTP JSON-RPC, an `AnswerUpdated` log filter for the
//!   aggregators (decoded without a read), a block filter (protocol oracles, and aggregators when
//!   the node has no log filters, are read at every new block; staleness is re-judged at every new
//!   block's timestamp), and a pending-transaction filter (early sight of oracle writes: the
//!   devnet `OwnerFeed`'s `setAnswer`/`setRoundData` and Chainlink's OCR2/OCR1 `transmit`, whose
//!   report's median is the answer it will write);
//! - logs and pending transactions are matched to sources by every address their answers are
//!   written at ([`PriceSource::write_addresses`](crate::source::PriceSource::write_addresses)): a
//!   Chainlink feed is configured by its proxy, but its aggregator behind it receives the
//!   transmissions and logs the answers. Sources are warmed up (decimals, the proxy's aggregator,
//!   read once) before the filters are installed;
//! - each HTTP source is polled on its own interval.
//!
//! Nothing a source answers ends the stream: every failure becomes a typed [`RejectReason`],
//! sent once per transition as [`PriceEvent::Rejected`], logged once, counted every time.

use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::sync::Arc;
use std::time::Duration;

use alloy::consensus::Transaction as _;
use alloy::eips::BlockNumberOrTag;
use alloy::primitives::{Address, B256, TxHash, U256};
use alloy::providers::{DynProvider, Provider};
use alloy::rpc::types::{Filter, Log};
use alloy::sol_types::SolEvent;
use tokio::sync::mpsc;
use tokio::task::JoinSet;
use tracing::{debug, info, warn};

use crate::chain::AnswerUpdated;
use crate::checks::SequencerRound;
use crate::error::{Error, StreamConfigError};
use crate::metrics::StreamMetrics;
use crate::policy::FeedPolicy;
use crate::price::{Price, median, spread_bps};
use crate::reject::{RejectKind, RejectReason};
use crate::source::{BlockRef, Observation, SharedSource, SourceKind};

/// A new price from one source (or median).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PriceUpdate {
    /// The source's id.
    pub source: Arc<str>,
    /// The source's family.
    pub kind: SourceKind,
    /// Markets whose price this source sets or feeds into.
    pub markets: Arc<[B256]>,
    /// The last trusted price before this one, if any.
    pub old: Option<Price>,
    /// The new price.
    pub new: Price,
    /// The block it was read at or mined in (for a speculative update: the latest block when the
    /// pending transaction was seen); `None` off-chain.
    pub block: Option<u64>,
    /// `Some(tx)` for a speculative update: the price pending transaction `tx` will set if mined as
    /// seen. The stream's confirmed state does not change; the confirmed update follows when it
    /// lands.
    pub speculative: Option<TxHash>,
}

impl PriceUpdate {
    /// Whether this is a speculative update from a pending transaction.
    pub fn is_speculative(&self) -> bool {
        self.speculative.is_some()
    }
}

/// A source became untrusted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rejected {
    /// The source's id.
    pub source: Arc<str>,
    /// The source's family.
    pub kind: SourceKind,
    /// Markets whose price this source sets or feeds into: fail closed on them.
    pub markets: Arc<[B256]>,
    /// Why.
    pub reason: RejectReason,
    /// The last trusted price, no longer to be relied on.
    pub last: Option<Price>,
    /// The block of the refused observation, if any.
    pub block: Option<u64>,
}

/// What the stream sends.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PriceEvent {
    /// A new trusted price, or the first price after a rejection (also when unchanged), or a
    /// speculative price.
    Update(PriceUpdate),
    /// A source stopped being trusted, or is refused for a different kind of reason than before.
    Rejected(Rejected),
}

/// How the stream runs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StreamConfig {
    /// How often the chain watcher polls its filters (the floor of on-chain latency).
    pub poll_interval: Duration,
    /// Capacity of the event channel; a full channel applies back-pressure to the evaluator.
    pub channel_capacity: usize,
    /// Whether to watch pending transactions for oracle writes (speculative updates).
    pub watch_pending: bool,
    /// Whether aggregators follow their `AnswerUpdated` logs (else they are read every block).
    pub use_logs: bool,
}

impl Default for StreamConfig {
    fn default() -> Self {
        Self {
            poll_interval: Duration::from_millis(100),
            channel_capacity: 1024,
            watch_pending: false,
            use_logs: true,
        }
    }
}

/// The median of several sources, judged as a source of its own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MedianSpec {
    /// The median's id.
    pub id: String,
    /// Ids of the member sources (all quoting the same pair; their decimals may differ).
    pub members: Vec<String>,
    /// Fewest trusted members to produce a price ([`RejectReason::Quorum`] below).
    pub min_sources: usize,
    /// Circuit breaker: most the trusted members may spread around their median, in basis points
    /// ([`RejectReason::Deviation`] above).
    pub max_deviation_bps: u32,
    /// Markets this median prices.
    pub markets: Vec<B256>,
}

/// Builds a [`PriceStream`].
#[derive(Debug, Default)]
pub struct PriceStreamBuilder {
    provider: Option<DynProvider>,
    feeds: Vec<(SharedSource, FeedPolicy, Vec<B256>)>,
    medians: Vec<MedianSpec>,
    sequencer: Option<(SharedSource, u64)>,
    config: StreamConfig,
}

impl PriceStreamBuilder {
    /// The node chain sources read from; required for chain sources and early sight.
    pub fn provider(mut self, provider: DynProvider) -> Self {
        self.provider = Some(provider);
        self
    }

    /// Adds a source judged by `policy`, pricing `markets`.
    pub fn feed(mut self, source: SharedSource, policy: FeedPolicy, markets: Vec<B256>) -> Self {
        self.feeds.push((source, policy, markets));
        self
    }

    /// Adds a median of already added sources.
    pub fn median(mut self, spec: MedianSpec) -> Self {
        self.medians.push(spec);
        self
    }

    /// An L2 sequencer uptime feed and its grace period (seconds), checked for every feed whose
    /// policy asks for it.
    pub fn sequencer(mut self, source: SharedSource, grace_period: u64) -> Self {
        self.sequencer = Some((source, grace_period));
        self
    }

    /// The stream's configuration.
    pub fn config(mut self, config: StreamConfig) -> Self {
        self.config = config;
        self
    }

    /// Starts the stream's tasks on the current tokio runtime.
    ///
    /// # Errors
    /// [`Error::StreamConfig`] if ids are not unique, a median names an unknown member, or chain
    /// sources (or pending-transaction watching) are given without a provider: configuration
    /// mistakes, caught before any task starts.
    pub fn spawn(self) -> Result<PriceStream, Error> {
        let (slots, medians) = self.evaluator_slots()?;
        let (polled, chain_sources) = self.collectors();
        let watches_chain = !chain_sources.is_empty() || self.config.watch_pending;
        let provider = match (&self.provider, watches_chain) {
            (_, false) => None,
            (Some(provider), true) => Some(provider.clone()),
            (None, true) => return Err(StreamConfigError::MissingProvider.into()),
        };

        let metrics = Arc::new(StreamMetrics::default());
        let (events_tx, events) = mpsc::channel(self.config.channel_capacity.max(1));
        let (inputs_tx, inputs) = mpsc::unbounded_channel();
        let mut tasks = JoinSet::new();
        for (i, source, every) in polled {
            tasks.spawn(poll_source(i, source, every, inputs_tx.clone()));
        }
        if let Some(provider) = provider {
            let watcher = ChainWatcher {
                provider,
                sources: chain_sources,
                config: self.config.clone(),
                inputs: inputs_tx.clone(),
                metrics: metrics.clone(),
            };
            tasks.spawn(watcher.run());
        }
        drop(inputs_tx);
        let evaluator = Evaluator {
            slots,
            medians,
            sequencer: None,
            grace: self.sequencer.as_ref().map(|(_, g)| U256::from(*g)),
            events: events_tx,
            metrics: metrics.clone(),
        };
        tasks.spawn(evaluator.run(inputs));
        Ok(PriceStream {
            events,
            metrics,
            tasks,
        })
    }

    /// The evaluator's slots (the feeds', then the medians', in the order added) and its medians,
    /// each median's members resolved to slots.
    fn evaluator_slots(&self) -> Result<(Vec<Slot>, Vec<MedianSlots>), StreamConfigError> {
        let mut slots = Vec::new();
        let mut index = HashMap::new();
        for (source, policy, markets) in &self.feeds {
            let id: Arc<str> = source.id().into();
            claim_id(&mut index, &id, slots.len())?;
            slots.push(Slot::new(id, source.kind(), *policy, markets.clone()));
        }
        let mut medians = Vec::new();
        for spec in &self.medians {
            let members =
                spec.members
                    .iter()
                    .map(|m| {
                        index.get(m.as_str()).copied().ok_or_else(|| {
                            StreamConfigError::UnknownMember {
                                median: spec.id.clone(),
                                member: m.clone(),
                            }
                        })
                    })
                    .collect::<Result<Vec<usize>, _>>()?;
            let id: Arc<str> = spec.id.as_str().into();
            claim_id(&mut index, &id, slots.len())?;
            medians.push((
                slots.len(),
                members,
                spec.min_sources,
                spec.max_deviation_bps,
            ));
            slots.push(Slot::new(
                id,
                SourceKind::Median,
                FeedPolicy::unchecked(),
                spec.markets.clone(),
            ));
        }
        Ok((slots, medians))
    }

    /// The feeds split by who collects them: polled sources `(slot, source, interval)`, each on its
    /// own task, and chain sources `(slot, source)` for the chain watcher, the sequencer first
    /// (slot [`SEQUENCER`]) so feeds are judged against a sequencer round already read.
    fn collectors(&self) -> (Vec<PolledSource>, Vec<ChainSource>) {
        let mut polled = Vec::new();
        let mut chain_sources = Vec::new();
        if let Some((source, _)) = &self.sequencer {
            chain_sources.push((SEQUENCER, source.clone()));
        }
        for (i, (source, _, _)) in self.feeds.iter().enumerate() {
            match source.poll_interval() {
                Some(every) => polled.push((i, source.clone(), every)),
                None => chain_sources.push((i, source.clone())),
            }
        }
        (polled, chain_sources)
    }
}

/// A source polled on its own task: `(slot, source, interval)`.
type PolledSource = (usize, SharedSource, Duration);

/// A source the chain watcher reads: `(slot, source)`.
type ChainSource = (usize, SharedSource);

/// Records `id` as slot `slot` in `index`, refusing an id already taken.
fn claim_id(
    index: &mut HashMap<Arc<str>, usize>,
    id: &Arc<str>,
    slot: usize,
) -> Result<(), StreamConfigError> {
    match index.entry(id.clone()) {
        Entry::Occupied(_) => Err(StreamConfigError::DuplicateId(id.to_string())),
        Entry::Vacant(entry) => {
            entry.insert(slot);
            Ok(())
        }
    }
}

/// A running stream of [`PriceEvent`]s. Dropping it stops its tasks.
#[derive(Debug)]
pub struct PriceStream {
    events: mpsc::Receiver<PriceEvent>,
    metrics: Arc<StreamMetrics>,
    tasks: JoinSet<()>,
}

impl PriceStream {
    /// A builder.
    pub fn builder() -> PriceStreamBuilder {
        PriceStreamBuilder::default()
    }

    /// The next event; `None` once every collector has stopped.
    pub async fn recv(&mut self) -> Option<PriceEvent> {
        self.events.recv().await
    }

    /// The event receiver, for `select!` loops.
    pub fn receiver(&mut self) -> &mut mpsc::Receiver<PriceEvent> {
        &mut self.events
    }

    /// The stream's counters.
    pub fn metrics(&self) -> Arc<StreamMetrics> {
        self.metrics.clone()
    }

    /// Stops every task.
    pub fn shutdown(mut self) {
        self.tasks.abort_all();
    }
}

/// Slot index standing for the sequencer feed.
const SEQUENCER: usize = usize::MAX;

/// What collectors send the evaluator.
#[derive(Debug)]
enum Input {
    /// An observation (or failure) of slot `slot`; `speculative` for a pending transaction's.
    Observed {
        slot: usize,
        result: Result<Observation, RejectReason>,
        speculative: Option<TxHash>,
    },
    /// A new block: re-judge chain observations at its timestamp (staleness moves with time).
    Block(BlockRef),
}

async fn poll_source(
    slot: usize,
    source: SharedSource,
    every: Duration,
    inputs: mpsc::UnboundedSender<Input>,
) {
    let mut ticks = tokio::time::interval(every);
    ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        ticks.tick().await;
        let result = source.fetch(None).await;
        let input = Input::Observed {
            slot,
            result,
            speculative: None,
        };
        if inputs.send(input).is_err() {
            return;
        }
    }
}

/// One source's (or median's) state, owned by the evaluator.
#[derive(Debug)]
struct Slot {
    id: Arc<str>,
    kind: SourceKind,
    policy: FeedPolicy,
    markets: Arc<[B256]>,
    /// The last observation (chain sources: re-judged at each block).
    last: Option<Observation>,
    /// The last trusted price.
    price: Option<Price>,
    /// The kind of the current rejection; `None` while trusted (or before any observation).
    rejected: Option<RejectKind>,
}

impl Slot {
    fn new(id: Arc<str>, kind: SourceKind, policy: FeedPolicy, markets: Vec<B256>) -> Self {
        Self {
            id,
            kind,
            policy,
            markets: markets.into(),
            last: None,
            price: None,
            rejected: None,
        }
    }

    fn trusted(&self) -> Option<Price> {
        self.price.filter(|_| self.rejected.is_none())
    }
}

/// A median's (slot, member slots, min sources, max deviation bps).
type MedianSlots = (usize, Vec<usize>, usize, u32);

struct Evaluator {
    slots: Vec<Slot>,
    medians: Vec<MedianSlots>,
    sequencer: Option<SequencerRound>,
    grace: Option<U256>,
    events: mpsc::Sender<PriceEvent>,
    metrics: Arc<StreamMetrics>,
}

impl Evaluator {
    async fn run(mut self, mut inputs: mpsc::UnboundedReceiver<Input>) {
        while let Some(input) = inputs.recv().await {
            match input {
                Input::Observed {
                    slot: SEQUENCER,
                    result,
                    ..
                } => self.on_sequencer(result).await,
                Input::Observed {
                    slot,
                    result,
                    speculative,
                } => {
                    StreamMetrics::inc(&self.metrics.observations);
                    match speculative {
                        Some(tx) => self.speculate(slot, result, tx).await,
                        None => {
                            if let Ok(o) = &result {
                                self.slots[slot].last = Some(*o);
                            }
                            let block = result.as_ref().ok().and_then(|o| o.block);
                            let judged = result.and_then(|o| self.judge(slot, &o));
                            self.settle(slot, judged, block).await;
                        }
                    }
                }
                Input::Block(block) => self.rejudge(Some(block)).await,
            }
            if self.events.is_closed() {
                return;
            }
        }
    }

    fn judge(&self, slot: usize, observation: &Observation) -> Result<Price, RejectReason> {
        // A configured sequencer feed not read yet fails closed, as an uninitialised round.
        let unread = SequencerRound {
            answer: alloy::primitives::I256::ZERO,
            started_at: U256::ZERO,
        };
        let sequencer = self
            .grace
            .map(|grace| (self.sequencer.as_ref().unwrap_or(&unread), grace));
        self.slots[slot].policy.evaluate(observation, sequencer)
    }

    /// Re-judges every chain observation (new block time, or new sequencer state).
    async fn rejudge(&mut self, block: Option<BlockRef>) {
        for slot in 0..self.slots.len() {
            let kind = self.slots[slot].kind;
            if !matches!(kind, SourceKind::Aggregator | SourceKind::ProtocolOracle) {
                continue;
            }
            let Some(mut o) = self.slots[slot].last else {
                continue;
            };
            if let Some(b) = block {
                if o.block.is_some_and(|n| n > b.number) {
                    continue;
                }
                o.now = o.now.max(b.timestamp);
            }
            let judged = self.judge(slot, &o);
            // Only state changes matter here: an unchanged trusted price sends nothing.
            self.settle(slot, judged, o.block).await;
        }
    }

    async fn on_sequencer(&mut self, result: Result<Observation, RejectReason>) {
        let round = match result {
            Ok(o) => SequencerRound {
                answer: o.answer,
                started_at: U256::from(o.started_at),
            },
            Err(reason) => {
                debug!(target: "oracle::stream", %reason, "sequencer feed unreadable: treated as down");
                SequencerRound {
                    answer: alloy::primitives::I256::ONE,
                    started_at: U256::ZERO,
                }
            }
        };
        if self.sequencer != Some(round) {
            self.sequencer = Some(round);
            self.rejudge(None).await;
        }
    }

    async fn speculate(
        &mut self,
        slot: usize,
        result: Result<Observation, RejectReason>,
        tx: TxHash,
    ) {
        let s = &self.slots[slot];
        match result.and_then(|o| self.judge(slot, &o).map(|p| (p, o.block))) {
            Ok((new, block)) => {
                StreamMetrics::inc(&self.metrics.speculative_updates);
                debug!(target: "oracle::stream", source = %s.id, %tx, price = %new, "speculative update");
                let update = PriceUpdate {
                    source: s.id.clone(),
                    kind: s.kind,
                    markets: s.markets.clone(),
                    old: s.trusted(),
                    new,
                    block,
                    speculative: Some(tx),
                };
                self.send(PriceEvent::Update(update)).await;
            }
            Err(reason) => {
                self.metrics.reject(reason.kind());
                debug!(target: "oracle::stream", source = %s.id, %tx, %reason, "pending update would be rejected");
            }
        }
    }

    /// Applies a judged observation to `slot`, sends what changed, then updates medians.
    async fn settle(
        &mut self,
        slot: usize,
        judged: Result<Price, RejectReason>,
        block: Option<u64>,
    ) {
        let s = &mut self.slots[slot];
        let event = match judged {
            Ok(new) => {
                let recovered = s.rejected.take();
                if let Some(kind) = recovered {
                    StreamMetrics::inc(&self.metrics.recoveries);
                    info!(target: "oracle::stream", source = %s.id, was = kind.label(), price = %new, "source trusted again");
                }
                if recovered.is_none() && s.price == Some(new) {
                    None
                } else {
                    StreamMetrics::inc(&self.metrics.updates);
                    let old = s.price.replace(new);
                    Some(PriceEvent::Update(PriceUpdate {
                        source: s.id.clone(),
                        kind: s.kind,
                        markets: s.markets.clone(),
                        old,
                        new,
                        block,
                        speculative: None,
                    }))
                }
            }
            Err(reason) => {
                let kind = reason.kind();
                self.metrics.reject(kind);
                if s.rejected == Some(kind) {
                    None
                } else {
                    StreamMetrics::inc(&self.metrics.rejection_transitions);
                    warn!(target: "oracle::stream", source = %s.id, reason = kind.label(), %reason, "source rejected");
                    s.rejected = Some(kind);
                    Some(PriceEvent::Rejected(Rejected {
                        source: s.id.clone(),
                        kind: s.kind,
                        markets: s.markets.clone(),
                        reason,
                        last: s.price,
                        block,
                    }))
                }
            }
        };
        let changed = event.is_some();
        if let Some(event) = event {
            self.send(event).await;
        }
        if changed {
            self.update_medians(slot, block).await;
        }
    }

    async fn update_medians(&mut self, member: usize, block: Option<u64>) {
        for m in 0..self.medians.len() {
            let (slot, members, min_sources, max_bps) = &self.medians[m];
            if !members.contains(&member) {
                continue;
            }
            let (slot, min_sources, max_bps) = (*slot, *min_sources, *max_bps);
            let prices: Vec<Price> = members
                .iter()
                .filter_map(|&i| self.slots[i].trusted())
                .collect();
            let judged = if prices.len() < min_sources.max(1) {
                Err(RejectReason::Quorum {
                    healthy: prices.len(),
                    required: min_sources.max(1),
                })
            } else {
                let mid = median(&prices).expect("at least one price");
                match spread_bps(&prices, &mid) {
                    Some(spread) if spread <= U256::from(max_bps) => Ok(mid),
                    spread => Err(RejectReason::Deviation {
                        spread_bps: spread.unwrap_or(U256::MAX),
                        max_bps,
                    }),
                }
            };
            Box::pin(self.settle(slot, judged, block)).await;
        }
    }

    async fn send(&self, event: PriceEvent) {
        if self.events.send(event).await.is_err() {
            StreamMetrics::inc(&self.metrics.dropped);
        }
    }
}

/// Polls the node's filters and reads chain sources at new blocks.
struct ChainWatcher {
    provider: DynProvider,
    sources: Vec<ChainSource>,
    config: StreamConfig,
    inputs: mpsc::UnboundedSender<Input>,
    metrics: Arc<StreamMetrics>,
}

/// Chain sources by the contract they watch.
type ByAddress = HashMap<Address, Vec<(usize, SharedSource)>>;

/// A filter installed on the node, or the reason it could not be.
#[derive(Debug, Clone, Copy)]
enum Installed {
    Id(U256),
    Unsupported,
}

/// The chain watcher's filters.
#[derive(Debug, Clone, Copy)]
struct Filters {
    /// `AnswerUpdated` logs of the aggregators.
    logs: Installed,
    /// New blocks.
    blocks: Installed,
    /// Pending transactions.
    pending: Installed,
}

impl Filters {
    /// Whether aggregators follow their logs, so are not read at every block.
    fn logs_follow(&self) -> bool {
        matches!(self.logs, Installed::Id(_))
    }
}

impl ChainWatcher {
    fn rpc_error(&self, what: &str, e: impl core::fmt::Display) {
        StreamMetrics::inc(&self.metrics.rpc_errors);
        debug!(target: "oracle::chain", what, error = %e, "rpc error");
    }

    fn send(&self, input: Input) -> bool {
        self.inputs.send(input).is_ok()
    }

    async fn header(&self, tag: BlockNumberOrTag) -> Option<BlockRef> {
        match self.provider.get_block_by_number(tag).await {
            Ok(Some(b)) => Some(BlockRef {
                number: b.header.number,
                timestamp: b.header.timestamp,
            }),
            Ok(None) => None,
            Err(e) => {
                self.rpc_error("eth_getBlockByNumber", e);
                None
            }
        }
    }

    fn log_filter(&self) -> Option<Filter> {
        let mut addresses: Vec<Address> = self
            .sources
            .iter()
            .filter(|(_, s)| s.kind() == SourceKind::Aggregator)
            .flat_map(|(_, s)| s.write_addresses())
            .collect();
        addresses.sort_unstable();
        addresses.dedup();
        (self.config.use_logs && !addresses.is_empty()).then(|| {
            Filter::new()
                .address(addresses)
                .event_signature(AnswerUpdated::SIGNATURE_HASH)
        })
    }

    async fn install(&self, what: &str, filter: Option<&Filter>, pending: bool) -> Installed {
        let result = match (filter, pending) {
            (Some(f), _) => self.provider.new_filter(f).await,
            (None, true) => self.provider.new_pending_transactions_filter(false).await,
            (None, false) => self.provider.new_block_filter().await,
        };
        match result {
            Ok(id) => Installed::Id(id),
            Err(e) => {
                info!(target: "oracle::chain", what, error = %e, "filter unsupported: falling back");
                Installed::Unsupported
            }
        }
    }

    /// Reads every chain source that is read per block at `block` (all of them on the first block).
    async fn read_all(&self, block: BlockRef, logs_follow_aggregators: bool, first: bool) -> bool {
        for (slot, source) in &self.sources {
            let event_driven = logs_follow_aggregators
                && source.kind() == SourceKind::Aggregator
                && *slot != SEQUENCER;
            if event_driven && !first {
                continue;
            }
            let result = source.fetch(Some(block)).await;
            if let Err(RejectReason::Unavailable { .. } | RejectReason::Timeout) = &result {
                StreamMetrics::inc(&self.metrics.rpc_errors);
            }
            let input = Input::Observed {
                slot: *slot,
                result,
                speculative: None,
            };
            if !self.send(input) {
                return false;
            }
        }
        true
    }

    /// Polls the node's filters at every interval until the evaluator is gone.
    async fn run(self) {
        // Warm up first: decimals, so logs and pending writes decode without a read, and the
        // aggregators behind proxies, so the filters watch where answers are written.
        for (_, source) in &self.sources {
            source.warm_up().await;
        }
        let log_filter = self.log_filter();
        let mut filters = self.install_filters(log_filter.as_ref()).await;
        let by_address = self.by_address();
        let mut latest = self.first_head().await;
        // The first prices, read after the filters are in so no answer lands unseen in between.
        if !self.read_all(latest, filters.logs_follow(), true).await {
            return;
        }

        let mut ticks = tokio::time::interval(self.config.poll_interval);
        ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        let mut headers: HashMap<u64, u64> = HashMap::new();
        loop {
            ticks.tick().await;
            if self.inputs.is_closed() {
                return;
            }
            self.poll_pending(&mut filters.pending, &by_address, latest)
                .await;
            if !self
                .poll_logs(
                    &mut filters.logs,
                    log_filter.as_ref(),
                    &by_address,
                    &mut headers,
                )
                .await
            {
                return;
            }
            let new_head = self.poll_head(&mut filters.blocks, latest).await;
            if let Some(head) = new_head.filter(|h| h.number > latest.number) {
                StreamMetrics::inc(&self.metrics.blocks);
                latest = head;
                headers.retain(|n, _| *n + 64 > head.number);
                if !self.read_all(head, filters.logs_follow(), false).await
                    || !self.send(Input::Block(head))
                {
                    return;
                }
            }
        }
    }

    /// Installs the log filter (when there is one), the block filter and, if asked, the
    /// pending-transaction filter, in that order.
    async fn install_filters(&self, log_filter: Option<&Filter>) -> Filters {
        let logs = match log_filter {
            Some(f) => self.install("logs", Some(f), false).await,
            None => Installed::Unsupported,
        };
        let blocks = self.install("blocks", None, false).await;
        let pending = if self.config.watch_pending {
            self.install("pending transactions", None, true).await
        } else {
            Installed::Unsupported
        };
        Filters {
            logs,
            blocks,
            pending,
        }
    }

    /// The chain sources by every contract their answers are written at (a proxy, and the
    /// aggregator behind it). Several sources may watch one contract (say, one feed under two
    /// policies).
    fn by_address(&self) -> ByAddress {
        let mut by_address: ByAddress = HashMap::new();
        for (i, s) in &self.sources {
            for a in s.write_addresses() {
                let watchers = by_address.entry(a).or_default();
                if !watchers.iter().any(|(j, _)| j == i) {
                    watchers.push((*i, s.clone()));
                }
            }
        }
        by_address
    }

    /// The latest block, asked for every poll interval until the node answers.
    async fn first_head(&self) -> BlockRef {
        loop {
            if let Some(b) = self.header(BlockNumberOrTag::Latest).await {
                break b;
            }
            tokio::time::sleep(self.config.poll_interval).await;
        }
    }

    /// Early sight: sends speculative observations for pending writes to known feeds
    /// (re-installing the pending filter if the node lost it).
    async fn poll_pending(
        &self,
        pending: &mut Installed,
        by_address: &ByAddress,
        latest: BlockRef,
    ) {
        let Installed::Id(id) = *pending else {
            return;
        };
        match self.provider.get_filter_changes::<TxHash>(id).await {
            Ok(hashes) => {
                for hash in hashes {
                    StreamMetrics::inc(&self.metrics.pending_seen);
                    self.speculate(hash, by_address, latest).await;
                }
            }
            Err(e) => {
                self.rpc_error("pending filter", e);
                *pending = self.install("pending transactions", None, true).await;
            }
        }
    }

    /// Answers landed: decodes the new `AnswerUpdated` logs, in chain order (re-installing the log
    /// filter if the node lost it). False once the evaluator is gone.
    async fn poll_logs(
        &self,
        logs: &mut Installed,
        filter: Option<&Filter>,
        by_address: &ByAddress,
        headers: &mut HashMap<u64, u64>,
    ) -> bool {
        let (Installed::Id(id), Some(filter)) = (*logs, filter) else {
            return true;
        };
        match self.provider.get_filter_changes::<Log>(id).await {
            Ok(mut found) => {
                found.sort_by_key(|l| (l.block_number, l.log_index));
                for log in found.iter().filter(|l| !l.removed) {
                    if !self.on_log(log, by_address, headers).await {
                        return false;
                    }
                }
            }
            Err(e) => {
                self.rpc_error("log filter", e);
                *logs = self.install("logs", Some(filter), false).await;
            }
        }
        true
    }

    /// The head if the chain moved past `latest` (by the block filter, or by the block number when
    /// the node has no block filter); re-installs the block filter if the node lost it.
    async fn poll_head(&self, blocks: &mut Installed, latest: BlockRef) -> Option<BlockRef> {
        match *blocks {
            Installed::Id(id) => match self.provider.get_filter_changes::<B256>(id).await {
                Ok(hashes) if hashes.is_empty() => None,
                Ok(_) => self.header(BlockNumberOrTag::Latest).await,
                Err(e) => {
                    self.rpc_error("block filter", e);
                    *blocks = self.install("blocks", None, false).await;
                    None
                }
            },
            Installed::Unsupported => match self.provider.get_block_number().await {
                Ok(n) if n > latest.number => self.header(BlockNumberOrTag::Number(n)).await,
                Ok(_) => None,
                Err(e) => {
                    self.rpc_error("eth_blockNumber", e);
                    None
                }
            },
        }
    }

    async fn on_log(
        &self,
        log: &Log,
        by_address: &ByAddress,
        headers: &mut HashMap<u64, u64>,
    ) -> bool {
        let Some(number) = log.block_number else {
            return true;
        };
        let timestamp = match log
            .block_timestamp
            .or_else(|| headers.get(&number).copied())
        {
            Some(t) => t,
            None => match self.header(BlockNumberOrTag::Number(number)).await {
                Some(b) => {
                    headers.insert(number, b.timestamp);
                    b.timestamp
                }
                None => return true,
            },
        };
        let at = BlockRef { number, timestamp };
        for (slot, source) in by_address.get(&log.address()).into_iter().flatten() {
            let result = match source.observe_log(log, at) {
                Some(o) => Ok(o),
                // Not decodable alone (decimals unknown yet): read at that block instead.
                None => source.fetch(Some(at)).await,
            };
            let input = Input::Observed {
                slot: *slot,
                result,
                speculative: None,
            };
            if !self.send(input) {
                return false;
            }
        }
        true
    }

    async fn speculate(&self, hash: TxHash, by_address: &ByAddress, latest: BlockRef) {
        let tx = match self.provider.get_transaction_by_hash(hash).await {
            Ok(Some(tx)) => tx,
            Ok(None) => return,
            Err(e) => return self.rpc_error("eth_getTransactionByHash", e),
        };
        let Some(watchers) = tx.to().and_then(|to| by_address.get(&to)) else {
            return;
        };
        for (slot, source) in watchers {
            // A pending write lands in a later block: judge it at the latest block's time.
            if let Some(observation) = source.observe_pending(tx.input(), latest) {
                let _ = self.inputs.send(Input::Observed {
                    slot: *slot,
                    result: Ok(observation),
                    speculative: Some(hash),
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::{Fetch, PriceSource};

    /// A source that never answers: polled every second when `polled`, else a chain source.
    #[derive(Debug)]
    struct Silent {
        id: &'static str,
        polled: bool,
    }

    impl PriceSource for Silent {
        fn id(&self) -> &str {
            self.id
        }

        fn kind(&self) -> SourceKind {
            if self.polled {
                SourceKind::Http
            } else {
                SourceKind::Aggregator
            }
        }

        fn fetch(&self, _at: Option<BlockRef>) -> Fetch<'_> {
            Box::pin(async { Err(RejectReason::Timeout) })
        }

        fn poll_interval(&self) -> Option<Duration> {
            self.polled.then_some(Duration::from_secs(1))
        }
    }

    fn with_feeds(feeds: &[(&'static str, bool)]) -> PriceStreamBuilder {
        feeds
            .iter()
            .fold(PriceStream::builder(), |b, &(id, polled)| {
                let source: SharedSource = Arc::new(Silent { id, polled });
                b.feed(source, FeedPolicy::unchecked(), Vec::new())
            })
    }

    fn median(id: &str, members: &[&str]) -> MedianSpec {
        MedianSpec {
            id: id.into(),
            members: members.iter().map(|m| m.to_string()).collect(),
            min_sources: 1,
            max_deviation_bps: 100,
            markets: Vec::new(),
        }
    }

    #[test]
    fn slots_are_feeds_then_medians_and_medians_may_nest() {
        let builder = with_feeds(&[("a", true), ("b", true)])
            .median(median("ab", &["a", "b"]))
            .median(median("ab-a", &["ab", "a"]));
        let (slots, medians) = builder.evaluator_slots().unwrap();
        let ids: Vec<&str> = slots.iter().map(|s| &*s.id).collect();
        assert_eq!(ids, ["a", "b", "ab", "ab-a"]);
        assert_eq!(
            medians,
            vec![(2, vec![0, 1], 1, 100), (3, vec![2, 0], 1, 100)]
        );
    }

    #[test]
    fn duplicate_ids_and_unknown_members_are_refused() {
        let duplicate = |b: PriceStreamBuilder| b.evaluator_slots().err();
        let want = Some(StreamConfigError::DuplicateId("a".into()));
        assert_eq!(duplicate(with_feeds(&[("a", true), ("a", false)])), want);
        let median_named_like_a_feed = with_feeds(&[("a", true)]).median(median("a", &["a"]));
        assert_eq!(duplicate(median_named_like_a_feed), want);
        let unknown = with_feeds(&[("a", true)]).median(median("m", &["a", "z"]));
        assert_eq!(
            unknown.evaluator_slots().err(),
            Some(StreamConfigError::UnknownMember {
                median: "m".into(),
                member: "z".into(),
            })
        );
    }

    #[test]
    fn collectors_put_the_sequencer_first_among_chain_sources() {
        let sequencer: SharedSource = Arc::new(Silent {
            id: "seq",
            polled: false,
        });
        let builder =
            with_feeds(&[("a", false), ("h", true), ("b", false)]).sequencer(sequencer, 60);
        let (polled, chain) = builder.collectors();
        let polled: Vec<(usize, Duration)> = polled.iter().map(|(i, _, d)| (*i, *d)).collect();
        assert_eq!(polled, [(1, Duration::from_secs(1))]);
        let chain: Vec<(usize, &str)> = chain.iter().map(|(i, s)| (*i, s.id())).collect();
        assert_eq!(chain, [(SEQUENCER, "seq"), (0, "a"), (2, "b")]);
    }

    /// An aggregator source at `address` whose answers are also written at `behind`.
    #[derive(Debug)]
    struct Proxied {
        id: &'static str,
        address: Address,
        behind: Option<Address>,
    }

    impl PriceSource for Proxied {
        fn id(&self) -> &str {
            self.id
        }

        fn kind(&self) -> SourceKind {
            SourceKind::Aggregator
        }

        fn fetch(&self, _at: Option<BlockRef>) -> Fetch<'_> {
            Box::pin(async { Err(RejectReason::Timeout) })
        }

        fn address(&self) -> Option<Address> {
            Some(self.address)
        }

        fn write_addresses(&self) -> Vec<Address> {
            [self.address].into_iter().chain(self.behind).collect()
        }
    }

    #[test]
    fn logs_and_pending_writes_are_matched_at_every_write_address() {
        let (proxy, aggregator, plain) = (
            Address::repeat_byte(1),
            Address::repeat_byte(2),
            Address::repeat_byte(3),
        );
        let source = |id, address, behind| -> SharedSource {
            Arc::new(Proxied {
                id,
                address,
                behind,
            })
        };
        let provider = alloy::providers::ProviderBuilder::new()
            .connect_mocked_client(alloy::transports::mock::Asserter::new())
            .erased();
        let (inputs, _keep) = mpsc::unbounded_channel();
        let watcher = ChainWatcher {
            provider,
            sources: vec![
                (0, source("proxy", proxy, Some(aggregator))),
                // The same feed under a second policy.
                (1, source("proxy-again", proxy, Some(aggregator))),
                // A source naming its own address twice is matched once.
                (2, source("plain", plain, Some(plain))),
            ],
            config: StreamConfig::default(),
            inputs,
            metrics: Arc::default(),
        };
        let by_address = watcher.by_address();
        let slots = |a: &Address| -> Vec<usize> { by_address[a].iter().map(|(i, _)| *i).collect() };
        assert_eq!(slots(&proxy), [0, 1]);
        assert_eq!(slots(&aggregator), [0, 1]);
        assert_eq!(slots(&plain), [2]);
        assert_eq!(by_address.len(), 3);
        let filter = watcher.log_filter().unwrap();
        let mut watched: Vec<Address> = filter.address.iter().copied().collect();
        watched.sort_unstable();
        assert_eq!(watched, [proxy, aggregator, plain]);
    }

    #[tokio::test]
    async fn spawn_refuses_chain_sources_without_a_provider() {
        let refused = |b: PriceStreamBuilder| b.spawn().err();
        let missing = Some(Error::StreamConfig(StreamConfigError::MissingProvider));
        assert_eq!(refused(with_feeds(&[("a", false)])), missing);
        let pending = StreamConfig {
            watch_pending: true,
            ..StreamConfig::default()
        };
        assert_eq!(refused(with_feeds(&[]).config(pending)), missing);
        let duplicate = with_feeds(&[("a", true), ("a", true)]);
        assert!(matches!(refused(duplicate), Some(Error::StreamConfig(_))));
        // HTTP sources alone need no provider.
        let stream = with_feeds(&[("h", true)]).spawn().unwrap();
        stream.shutdown();
    }
}
