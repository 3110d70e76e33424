//! A JSON-RPC proxy in front of anvil that refuses `eth_getLogs` over wide ranges, as many public nodes do.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use alloy::providers::{DynProvider, Provider};
use serde_json::{Value, json};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

use crate::TestResult;

/// A JSON-RPC proxy in front of anvil that refuses `eth_getLogs` spanning more than `max_range` blocks.
pub(super) struct Proxy {
    pub(super) url: String,
    pub(super) refused: Arc<AtomicU64>,
    pub(super) largest_served: Arc<AtomicU64>,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for Proxy {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl Proxy {
    pub(super) async fn start(upstream: DynProvider, max_range: u64) -> TestResult<Self> {
        let listener = TcpListener::bind("127.0.0.1:0").await?;
        let url = format!("http://{}", listener.local_addr()?);
        let refused = Arc::new(AtomicU64::new(0));
        let largest_served = Arc::new(AtomicU64::new(0));
        let counters = (refused.clone(), largest_served.clone());
        let task = tokio::spawn(async move {
            while let Ok((socket, _)) = listener.accept().await {
                let (upstream, counters) = (upstream.clone(), counters.clone());
                tokio::spawn(async move {
                    // A connection error only ends that connection; the index sees it as an RPC error.
                    let _ = serve(socket, upstream, max_range, counters).await;
                });
            }
        });
        Ok(Self {
            url,
            refused,
            largest_served,
            task,
        })
    }
}

/// Serves HTTP/1.1 keep-alive requests with a body of one JSON-RPC call each.
async fn serve(
    mut socket: TcpStream,
    upstream: DynProvider,
    max_range: u64,
    counters: (Arc<AtomicU64>, Arc<AtomicU64>),
) -> std::io::Result<()> {
    let mut buf = Vec::new();
    loop {
        let header_end = loop {
            if let Some(i) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
                break i + 4;
            }
            if socket.read_buf(&mut buf).await? == 0 {
                return Ok(());
            }
        };
        let head = String::from_utf8_lossy(&buf[..header_end]).to_ascii_lowercase();
        let length: usize = head
            .lines()
            .find_map(|l| l.strip_prefix("content-length:"))
            .and_then(|v| v.trim().parse().ok())
            .unwrap_or(0);
        while buf.len() < header_end + length {
            if socket.read_buf(&mut buf).await? == 0 {
                return Ok(());
            }
        }
        let body: Vec<u8> = buf.drain(..header_end + length).skip(header_end).collect();
        let reply = answer(&body, &upstream, max_range, &counters)
            .await
            .to_string();
        let response = format!(
            "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n{reply}",
            reply.len()
        );
        socket.write_all(response.as_bytes()).await?;
    }
}

fn hex_block(v: &Value) -> Option<u64> {
    u64::from_str_radix(v.as_str()?.strip_prefix("0x")?, 16).ok()
}

async fn answer(
    body: &[u8],
    upstream: &DynProvider,
    max_range: u64,
    (refused, largest): &(Arc<AtomicU64>, Arc<AtomicU64>),
) -> Value {
    let error = |id: &Value, code: i64, message: String| json!({"jsonrpc": "2.0", "id": id, "error": {"code": code, "message": message}});
    let Ok(request) = serde_json::from_slice::<Value>(body) else {
        return error(&Value::Null, -32700, "parse error".into());
    };
    let id = &request["id"];
    let method = request["method"].as_str().unwrap_or_default().to_string();
    if method == "eth_getLogs" {
        let filter = &request["params"][0];
        if let (Some(from), Some(to)) = (
            hex_block(&filter["fromBlock"]),
            hex_block(&filter["toBlock"]),
        ) {
            let span = to.saturating_sub(from) + 1;
            if span > max_range {
                refused.fetch_add(1, Ordering::Relaxed);
                return error(
                    id,
                    -32005,
                    format!("block range too large: {span} > {max_range}"),
                );
            }
            largest.fetch_max(span, Ordering::Relaxed);
        }
    }
    let params = match serde_json::value::to_raw_value(&request["params"]) {
        Ok(p) => p,
        Err(e) => return error(id, -32602, e.to_string()),
    };
    match upstream.raw_request_dyn(method.into(), &params).await {
        Ok(raw) => json!({
            "jsonrpc": "2.0",
            "id": id,
            "result": serde_json::from_str::<Value>(raw.get()).unwrap_or(Value::Null),
        }),
        Err(e) => error(id, -32000, e.to_string()),
    }
}
