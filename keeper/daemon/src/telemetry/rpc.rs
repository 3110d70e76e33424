//! Failed RPC calls, counted where they fail: a transport wrapper that counts every call the node could not
//! answer (connection refused, timeout, HTTP error, malformed answer) and every JSON-RPC error response, by
//! method, into one process-wide family that [`super::Metrics`] exports as `cantilever_rpc_errors_total`.
//!
//! Counting in the transport counts each failed call exactly once, whoever made it (the daemon's sync, the
//! position index's `eth_getLogs`, the oracle and market reads, the simulation's state fetches, the executor's
//! sends), retried calls once per attempt, and never a call that succeeded. An `execution reverted` answer
//! (JSON-RPC code 3) is the node answering, not failing (a refusing oracle, a pre-flight revert): it is not
//! counted here; those have their own metrics.

use std::sync::LazyLock;
use std::task::{Context, Poll};

use alloy::providers::{DynProvider, Provider, ProviderBuilder};
use alloy::rpc::client::RpcClient;
use alloy::rpc::json_rpc::{ErrorPayload, Id, RequestPacket, ResponsePacket, ResponsePayload};
use alloy::transports::{BoxTransport, TransportError, TransportFut};
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;

use super::metrics::MethodLabel;

/// JSON-RPC error code of a reverted call (`execution reverted`).
const REVERTED: i64 = 3;

static RPC_ERRORS: LazyLock<Family<MethodLabel, Counter>> = LazyLock::new(Family::default);

/// The process-wide count of failed RPC calls by method (what every [`super::Metrics`] exports).
pub fn rpc_errors() -> &'static Family<MethodLabel, Counter> {
    &RPC_ERRORS
}

/// Counts one failed call of `method` (for failures seen outside a counting transport).
pub fn count_rpc_error(method: &str) {
    RPC_ERRORS
        .get_or_create(&MethodLabel {
            method: method.to_owned(),
        })
        .inc();
}

/// `provider` with its transport wrapped in a [`CountingTransport`]: same node, same transport (connections
/// shared), no fillers. Idempotent: a provider already counting is returned as it is, so wrapping twice never
/// counts twice. Meant for providers without fillers (the daemon's: the executor fills its own transactions).
pub fn count_rpc_errors(provider: DynProvider) -> DynProvider {
    let client = provider.client();
    let transport = client.transport();
    if transport.as_any().is::<CountingTransport>() {
        return provider;
    }
    let counting = CountingTransport {
        inner: transport.clone(),
    };
    let rpc =
        RpcClient::new(counting, client.is_local()).with_poll_interval(client.poll_interval());
    ProviderBuilder::new()
        .disable_recommended_fillers()
        .connect_client(rpc)
        .erased()
}

/// A transport that counts the failed calls of the transport it wraps.
#[derive(Debug, Clone)]
pub struct CountingTransport {
    inner: BoxTransport,
}

impl tower::Service<RequestPacket> for CountingTransport {
    type Response = ResponsePacket;
    type Error = TransportError;
    type Future = TransportFut<'static>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: RequestPacket) -> Self::Future {
        let methods: Vec<(Id, String)> = match &request {
            RequestPacket::Single(r) => vec![(r.id().clone(), r.method().to_owned())],
            RequestPacket::Batch(rs) => rs
                .iter()
                .map(|r| (r.id().clone(), r.method().to_owned()))
                .collect(),
        };
        let call = self.inner.call(request);
        Box::pin(async move {
            let result = call.await;
            match &result {
                // Nothing came back: every call in the packet failed.
                Err(_) => methods.iter().for_each(|(_, m)| count_rpc_error(m)),
                Ok(response) => {
                    let responses = match response {
                        ResponsePacket::Single(r) => std::slice::from_ref(r),
                        ResponsePacket::Batch(rs) => rs.as_slice(),
                    };
                    for r in responses {
                        if let ResponsePayload::Failure(error) = &r.payload
                            && !is_revert(error)
                        {
                            let method = methods
                                .iter()
                                .find(|(id, _)| *id == r.id)
                                .map_or("unknown", |(_, m)| m.as_str());
                            count_rpc_error(method);
                        }
                    }
                }
            }
            result
        })
    }
}

fn is_revert(error: &ErrorPayload) -> bool {
    error.code == REVERTED || error.message.starts_with("execution reverted")
}
