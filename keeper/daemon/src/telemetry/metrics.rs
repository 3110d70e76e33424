//! The keeper's Prometheus metrics: one struct whose typed fields the daemon updates, and the registry that
//! renders them in the text exposition format.

use std::sync::Arc;
use std::sync::atomic::AtomicU64;

use cantilever_oracle_adapter::StreamMetrics;

use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::{Histogram, exponential_buckets};
use prometheus_client::registry::Registry;

/// The label of an RPC error: which JSON-RPC method failed.
#[derive(Debug, Clone, PartialEq, Eq, Hash, EncodeLabelSet)]
pub struct MethodLabel {
    /// `eth_getLogs`, `eth_call`, ...
    pub method: String,
}

/// The label of realised profit: the token it is paid in.
#[derive(Debug, Clone, PartialEq, Eq, Hash, EncodeLabelSet)]
pub struct TokenLabel {
    /// The token's symbol (`USDC`, `WBTC`).
    pub token: String,
}

/// The label of a per-market metric: the market id.
#[derive(Debug, Clone, PartialEq, Eq, Hash, EncodeLabelSet)]
pub struct MarketLabel {
    /// The market id (`0x` and 64 hex digits).
    pub market: String,
}

/// The label of an oracle trigger event: `update` (mined: it starts a step), `speculative` (a pending feed write)
/// or `rejected`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, EncodeLabelSet)]
pub struct OracleEventLabel {
    /// `update`, `speculative` or `rejected`.
    pub kind: String,
}

/// Every metric the keeper exports (names carry the `cantilever_` prefix).
#[derive(Debug)]
pub struct Metrics {
    registry: Registry,
    /// Positions in the index (`cantilever_positions_tracked`).
    pub positions_tracked: Gauge,
    /// Liquidatable positions found (`cantilever_candidates_found_total`).
    pub candidates_found: Counter,
    /// Liquidations simulated (`cantilever_simulations_total`).
    pub simulations: Counter,
    /// Time per simulation, in seconds (`cantilever_simulation_seconds`).
    pub simulation_seconds: Histogram,
    /// Transactions sent (`cantilever_tx_submitted_total`).
    pub tx_submitted: Counter,
    /// Transactions included and successful (`cantilever_tx_included_total`).
    pub tx_included: Counter,
    /// Transactions included but reverted (`cantilever_tx_reverted_total`).
    pub tx_reverted: Counter,
    /// Transactions given up after the timeout (`cantilever_tx_timed_out_total`).
    pub tx_timed_out: Counter,
    /// Profit realised, in whole tokens of the token it is paid in (`cantilever_profit_realised{token=...}`,
    /// one series per loan token: USDC and WBTC are never added together); a float is fine for a metric, the
    /// chain keeps the exact amounts.
    pub profit_realised: Family<TokenLabel, Gauge<f64, AtomicU64>>,
    /// Steps that failed and were skipped (`cantilever_steps_failed_total`).
    pub steps_failed: Counter,
    /// Failed RPC calls by method (`cantilever_rpc_errors_total{method=...}`): the process-wide family that
    /// [`super::rpc::CountingTransport`] counts into where calls fail (every `Metrics` shares it).
    pub rpc_errors: Family<MethodLabel, Counter>,
    /// Blocks between the chain head and the index (`cantilever_index_lag_blocks`).
    pub index_lag_blocks: Gauge,
    /// Latest head block seen (`cantilever_head_block`).
    pub head_block: Gauge,
    /// Seconds since that head was seen, updated by whoever checks health (`cantilever_head_age_seconds`).
    pub head_age_seconds: Gauge<f64, AtomicU64>,
    /// Per followed market, whether its oracle answers (1) or refuses (0), so its liquidations are stopped
    /// (`cantilever_oracle_ok{market=...}`). Set from the first block on, for every followed market.
    pub oracle_ok: Family<MarketLabel, Gauge>,
    /// Price events of the oracle trigger the keeper received, by kind (`cantilever_oracle_events_total{kind=...}`:
    /// `update` wakes a step, `speculative` and `rejected` are reported only).
    pub oracle_events: Family<OracleEventLabel, Counter>,
    /// The oracle price streams whose counters are exported (`cantilever_oracle_stream_*`).
    streams: Arc<super::stream::StreamCollector>,
}

impl Default for Metrics {
    fn default() -> Self {
        Self::new()
    }
}

impl Metrics {
    /// Creates the metrics and registers them.
    pub fn new() -> Self {
        let mut registry = Registry::with_prefix("cantilever");
        let metrics = Self {
            positions_tracked: Gauge::default(),
            candidates_found: Counter::default(),
            simulations: Counter::default(),
            // 100 µs to ~3.3 s: a warm local simulation is sub-millisecond, a cold fork fetches over RPC.
            simulation_seconds: Histogram::new(exponential_buckets(0.0001, 2.0, 16)),
            tx_submitted: Counter::default(),
            tx_included: Counter::default(),
            tx_reverted: Counter::default(),
            tx_timed_out: Counter::default(),
            profit_realised: Family::default(),
            steps_failed: Counter::default(),
            rpc_errors: super::rpc::rpc_errors().clone(),
            index_lag_blocks: Gauge::default(),
            head_block: Gauge::default(),
            head_age_seconds: Gauge::default(),
            oracle_ok: Family::default(),
            oracle_events: Family::default(),
            streams: Arc::default(),
            registry: Registry::default(),
        };
        let m = &metrics;
        let r = &mut registry;
        r.register(
            "positions_tracked",
            "Positions in the index",
            m.positions_tracked.clone(),
        );
        r.register(
            "candidates_found",
            "Liquidatable positions found",
            m.candidates_found.clone(),
        );
        r.register(
            "simulations",
            "Liquidations simulated",
            m.simulations.clone(),
        );
        r.register(
            "simulation_seconds",
            "Time per simulation in seconds",
            m.simulation_seconds.clone(),
        );
        r.register("tx_submitted", "Transactions sent", m.tx_submitted.clone());
        r.register(
            "tx_included",
            "Transactions included and successful",
            m.tx_included.clone(),
        );
        r.register(
            "tx_reverted",
            "Transactions included but reverted",
            m.tx_reverted.clone(),
        );
        r.register(
            "tx_timed_out",
            "Transactions given up after the timeout",
            m.tx_timed_out.clone(),
        );
        r.register(
            "profit_realised",
            "Profit realised in whole tokens, by token",
            m.profit_realised.clone(),
        );
        r.register(
            "steps_failed",
            "Steps that failed and were skipped",
            m.steps_failed.clone(),
        );
        r.register("rpc_errors", "RPC errors by method", m.rpc_errors.clone());
        r.register(
            "index_lag_blocks",
            "Blocks between the chain head and the index",
            m.index_lag_blocks.clone(),
        );
        r.register("head_block", "Latest head block seen", m.head_block.clone());
        r.register(
            "head_age_seconds",
            "Seconds since the latest head was seen",
            m.head_age_seconds.clone(),
        );
        r.register(
            "oracle_ok",
            "Whether the market's oracle answers (1) or refuses (0), by market",
            m.oracle_ok.clone(),
        );
        r.register(
            "oracle_events",
            "Price events of the oracle trigger, by kind (update, speculative, rejected)",
            m.oracle_events.clone(),
        );
        r.register_collector(Box::new(m.streams.clone()));
        Self {
            registry,
            ..metrics
        }
    }

    /// Exports an oracle price stream's counters (`PriceStream::metrics()`) from now on, read at each scrape.
    pub fn export_stream(&self, stream: Arc<StreamMetrics>) {
        self.streams.attach(stream);
    }

    /// Sets the index lag: blocks the node's head (`node_head`) is past the block the position index has synced
    /// to (`indexed`); zero when the index is at or past it.
    pub fn set_index_lag(&self, node_head: u64, indexed: u64) {
        self.index_lag_blocks
            .set(node_head.saturating_sub(indexed).min(i64::MAX as u64) as i64);
    }

    /// Sets `market`'s oracle state.
    pub fn set_oracle(&self, market: &str, ok: bool) {
        self.oracle_ok
            .get_or_create(&MarketLabel {
                market: market.to_owned(),
            })
            .set(i64::from(ok));
    }

    /// Counts one oracle trigger event of `kind` (`update`, `speculative`, `rejected`, `held`: a decision planned
    /// for pending updates).
    pub fn oracle_event(&self, kind: &str) {
        self.oracle_events
            .get_or_create(&OracleEventLabel {
                kind: kind.to_owned(),
            })
            .inc();
    }

    /// Counts one failed call of `method` (process-wide, as the counting transport does).
    pub fn rpc_error(&self, method: &str) {
        self.rpc_errors
            .get_or_create(&MethodLabel {
                method: method.to_owned(),
            })
            .inc();
    }

    /// Adds `amount` whole tokens of `token` to the realised profit.
    pub fn add_profit(&self, token: &str, amount: f64) {
        let gauge = self.profit_realised.get_or_create(&TokenLabel {
            token: token.to_owned(),
        });
        gauge.set(gauge.get() + amount);
    }

    /// The metrics in the Prometheus text exposition format.
    pub fn encode(&self) -> String {
        let mut text = String::new();
        // Writing into a String cannot fail.
        let _ = prometheus_client::encoding::text::encode(&mut text, &self.registry);
        text
    }
}
