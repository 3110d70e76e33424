//! `GET /metrics` and `GET /health` over HTTP/1, for Prometheus and for an orchestrator's liveness probe.
//!
//! `/health` answers 503 only when the head is stale (the keeper is stuck: restarting it may help). A market
//! whose oracle refuses makes it answer 200 with `"status": "degraded"` and the market in
//! `degraded_markets`, not a non-200: a liveness probe restarts on non-200, and a restart cannot fix a feed,
//! only interrupt the liquidations of the healthy markets. Alert on the body or on the per-market gauge
//! `cantilever_oracle_ok`.

use std::convert::Infallible;
use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;

use http_body_util::Full;
use hyper::body::{Bytes, Incoming};
use hyper::header::CONTENT_TYPE;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Method, Request, Response, StatusCode};
use hyper_util::rt::TokioIo;
use tokio::net::TcpListener;
use tokio::sync::watch;
use tokio::task::JoinHandle;

use super::error::TelemetryError;
use super::health::HealthState;
use super::metrics::Metrics;

/// Binds `addr` (port 0 picks a free port) and serves until `shutdown` resolves. Returns the bound address
/// and the server task, which ends once open connections have finished their current request.
pub async fn serve(
    addr: SocketAddr,
    metrics: Arc<Metrics>,
    health: Arc<HealthState>,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> Result<(SocketAddr, JoinHandle<()>), TelemetryError> {
    let bind = |source| TelemetryError::Bind { addr, source };
    let listener = TcpListener::bind(addr).await.map_err(bind)?;
    let local = listener.local_addr().map_err(bind)?;
    let task = tokio::spawn(accept_loop(listener, metrics, health, shutdown));
    tracing::info!(target: "cantilever::telemetry", %local, "serving /metrics and /health");
    Ok((local, task))
}

async fn accept_loop(
    listener: TcpListener,
    metrics: Arc<Metrics>,
    health: Arc<HealthState>,
    shutdown: impl Future<Output = ()>,
) {
    // Connections watch this to shut down gracefully (a keep-alive connection would otherwise stay open).
    let (stop_tx, stop_rx) = watch::channel(false);
    let mut connections = tokio::task::JoinSet::new();
    tokio::pin!(shutdown);
    loop {
        let stream = tokio::select! {
            () = &mut shutdown => break,
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                Err(error) => {
                    // Usually out of file descriptors: log it and keep serving the next connection.
                    tracing::warn!(target: "cantilever::telemetry", %error, "accept failed");
                    continue;
                }
            },
        };
        let (metrics, health, mut stop) = (metrics.clone(), health.clone(), stop_rx.clone());
        connections.spawn(async move {
            let service = service_fn(move |request| {
                let response = respond(&request, &metrics, &health);
                async move { Ok::<_, Infallible>(response) }
            });
            let connection = http1::Builder::new().serve_connection(TokioIo::new(stream), service);
            tokio::pin!(connection);
            tokio::select! {
                _ = connection.as_mut() => {}
                _ = stop.changed() => {
                    connection.as_mut().graceful_shutdown();
                    let _ = connection.await;
                }
            }
        });
        // Reap finished connections so the set does not grow with the server's uptime.
        while connections.try_join_next().is_some() {}
    }
    let _ = stop_tx.send(true);
    while connections.join_next().await.is_some() {}
}

fn respond(
    request: &Request<Incoming>,
    metrics: &Metrics,
    health: &HealthState,
) -> Response<Full<Bytes>> {
    match (request.method(), request.uri().path()) {
        (&Method::GET, "/metrics") => reply(
            StatusCode::OK,
            "application/openmetrics-text; version=1.0.0; charset=utf-8",
            metrics.encode(),
        ),
        (&Method::GET, "/health") => {
            let report = health.report();
            metrics.head_age_seconds.set(report.age_secs);
            let status = if report.is_fresh() {
                StatusCode::OK
            } else {
                StatusCode::SERVICE_UNAVAILABLE
            };
            let body = serde_json::to_string(&report)
                .unwrap_or_else(|_| format!("{{\"status\":\"{}\"}}", report.status));
            reply(status, "application/json", body)
        }
        _ => reply(StatusCode::NOT_FOUND, "text/plain", "not found\n".into()),
    }
}

fn reply(status: StatusCode, content_type: &'static str, body: String) -> Response<Full<Bytes>> {
    let mut response = Response::new(Full::new(Bytes::from(body)));
    *response.status_mut() = status;
    response.headers_mut().insert(
        CONTENT_TYPE,
        hyper::header::HeaderValue::from_static(content_type),
    );
    response
}
