//! The oracle price stream's counters ([`StreamMetrics`], atomics kept by oracle-adapter, which exports
//! nothing itself) read at each scrape and exported as `cantilever_oracle_stream_*`.

use std::sync::atomic::AtomicU64;
use std::sync::{Arc, Mutex};

use cantilever_oracle_adapter::RejectKind;
use cantilever_oracle_adapter::metrics::StreamMetrics;
use prometheus_client::collector::Collector;
use prometheus_client::encoding::{DescriptorEncoder, EncodeMetric};
use prometheus_client::metrics::MetricType;
use prometheus_client::metrics::counter::ConstCounter;

/// The counters exported, by name (without prefix and `_total`), help and field.
type Field = fn(&StreamMetrics) -> &AtomicU64;
const COUNTERS: [(&str, &str, Field); 11] = [
    (
        "oracle_stream_observations",
        "Price observations received from any source, accepted or not",
        |m| &m.observations,
    ),
    (
        "oracle_stream_updates",
        "Confirmed price updates sent",
        |m| &m.updates,
    ),
    (
        "oracle_stream_speculative_updates",
        "Speculative (pending-transaction) price updates sent",
        |m| &m.speculative_updates,
    ),
    (
        "oracle_stream_rejection_transitions",
        "Transitions of a price source into a rejected state",
        |m| &m.rejection_transitions,
    ),
    (
        "oracle_stream_recoveries",
        "Transitions of a price source from rejected back to trusted",
        |m| &m.recoveries,
    ),
    (
        "oracle_stream_rpc_errors",
        "RPC calls of the price stream that failed",
        |m| &m.rpc_errors,
    ),
    (
        "oracle_stream_http_requests",
        "HTTP price requests sent, retries included",
        |m| &m.http_requests,
    ),
    (
        "oracle_stream_http_retries",
        "HTTP price requests retried after a failure",
        |m| &m.http_retries,
    ),
    (
        "oracle_stream_blocks",
        "New blocks seen by the price stream's chain watcher",
        |m| &m.blocks,
    ),
    (
        "oracle_stream_pending_seen",
        "Pending transactions inspected for oracle updates",
        |m| &m.pending_seen,
    ),
    (
        "oracle_stream_dropped",
        "Price events dropped because the consumer was gone",
        |m| &m.dropped,
    ),
];

/// The streams whose counters are exported (summed when there are several). Empty: nothing is exported.
#[derive(Debug, Default)]
pub(super) struct StreamCollector {
    streams: Mutex<Vec<Arc<StreamMetrics>>>,
}

impl StreamCollector {
    pub(super) fn attach(&self, stream: Arc<StreamMetrics>) {
        self.lock().push(stream);
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<Arc<StreamMetrics>>> {
        self.streams
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

impl Collector for StreamCollector {
    fn encode(&self, mut encoder: DescriptorEncoder) -> Result<(), std::fmt::Error> {
        let streams = self.lock();
        if streams.is_empty() {
            return Ok(());
        }
        for (name, help, field) in COUNTERS {
            let total: u64 = streams.iter().map(|s| StreamMetrics::get(field(s))).sum();
            let counter = ConstCounter::new(total);
            let metric = encoder.encode_descriptor(name, help, None, counter.metric_type())?;
            counter.encode(metric)?;
        }
        let mut metric = encoder.encode_descriptor(
            "oracle_stream_rejections",
            "Rejected price observations, by reason",
            None,
            MetricType::Counter,
        )?;
        for kind in RejectKind::ALL {
            let total: u64 = streams.iter().map(|s| s.rejections_of(kind)).sum();
            let labels = [("kind", kind.label())];
            ConstCounter::new(total).encode(metric.encode_family(&labels)?)?;
        }
        Ok(())
    }
}
