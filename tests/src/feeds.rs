//! Helpers for the oracle-adapter end-to-end tests: a scriptable HTTP price server on loopback, and
//! waiting for a matching event on a price stream.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use cantilever_oracle_adapter::{PriceEvent, PriceStream};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

/// What the server does with the next requests.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reply {
    /// Answers with this status and body.
    Json(u16, String),
    /// Accepts the request and never answers.
    Hang,
    /// Announces `Content-Length` of the full body, sends only its first half, and closes.
    Truncated(String),
}

/// A tiny HTTP/1.1 server on a loopback port, answering every request with the current [`Reply`].
/// It stops when dropped.
#[derive(Debug)]
pub struct FeedServer {
    url: String,
    reply: Arc<Mutex<Reply>>,
    requests: Arc<Mutex<Vec<std::time::Instant>>>,
    task: tokio::task::JoinHandle<()>,
}

impl FeedServer {
    /// Starts the server answering `reply`.
    pub async fn start(reply: Reply) -> std::io::Result<Self> {
        let listener = TcpListener::bind("127.0.0.1:0").await?;
        let url = format!("http://{}/price", listener.local_addr()?);
        let reply = Arc::new(Mutex::new(reply));
        let requests = Arc::new(Mutex::new(Vec::new()));
        let (r, q) = (reply.clone(), requests.clone());
        let task = tokio::spawn(async move {
            while let Ok((mut socket, _)) = listener.accept().await {
                let (r, q) = (r.clone(), q.clone());
                tokio::spawn(async move {
                    let mut buf = Vec::new();
                    let mut chunk = [0u8; 1024];
                    while !buf.windows(4).any(|w| w == b"\r\n\r\n") {
                        match socket.read(&mut chunk).await {
                            Ok(0) | Err(_) => return,
                            Ok(n) => buf.extend_from_slice(&chunk[..n]),
                        }
                    }
                    q.lock().unwrap().push(std::time::Instant::now());
                    let reply = r.lock().unwrap().clone();
                    let head = |status: u16, len: usize| {
                        format!(
                            "HTTP/1.1 {status} X\r\ncontent-type: application/json\r\ncontent-length: {len}\r\nconnection: close\r\n\r\n"
                        )
                    };
                    let bytes = match reply {
                        Reply::Json(status, body) => head(status, body.len()) + &body,
                        Reply::Truncated(body) => head(200, body.len()) + &body[..body.len() / 2],
                        Reply::Hang => {
                            tokio::time::sleep(Duration::from_secs(3600)).await;
                            return;
                        }
                    };
                    let _ = socket.write_all(bytes.as_bytes()).await;
                    let _ = socket.shutdown().await;
                });
            }
        });
        Ok(Self {
            url,
            reply,
            requests,
            task,
        })
    }

    /// The URL to `GET`.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// Changes the reply to the next requests.
    pub fn set(&self, reply: Reply) {
        *self.reply.lock().unwrap() = reply;
    }

    /// When each request arrived so far.
    pub fn requests(&self) -> Vec<std::time::Instant> {
        self.requests.lock().unwrap().clone()
    }
}

impl Drop for FeedServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// The first event matching `pred` within `timeout`, or an error listing what came instead. Events
/// before it are returned too, in order, so callers can assert nothing unexpected happened.
pub async fn wait_for(
    stream: &mut PriceStream,
    timeout: Duration,
    pred: impl Fn(&PriceEvent) -> bool,
) -> Result<(PriceEvent, Vec<PriceEvent>), String> {
    let deadline = tokio::time::Instant::now() + timeout;
    let mut skipped = Vec::new();
    loop {
        match tokio::time::timeout_at(deadline, stream.recv()).await {
            Ok(Some(event)) if pred(&event) => return Ok((event, skipped)),
            Ok(Some(event)) => skipped.push(event),
            Ok(None) => return Err(format!("stream ended; skipped {skipped:#?}")),
            Err(_) => return Err(format!("timed out after {timeout:?}; skipped {skipped:#?}")),
        }
    }
}

/// Every event arriving within `window`.
pub async fn drain(stream: &mut PriceStream, window: Duration) -> Vec<PriceEvent> {
    let deadline = tokio::time::Instant::now() + window;
    let mut events = Vec::new();
    while let Ok(Some(event)) = tokio::time::timeout_at(deadline, stream.recv()).await {
        events.push(event);
    }
    events
}

/// Deploys an `OwnerFeed` owned by [`crate::DEPLOYER`] with `decimals` and a first `answer`.
pub async fn deploy_owner_feed(
    provider: &alloy::providers::DynProvider,
    decimals: u8,
    answer: alloy::primitives::I256,
) -> Result<alloy::primitives::Address, Box<dyn std::error::Error + Send + Sync>> {
    use alloy::providers::Provider;
    let pending = cantilever_bindings::owner_feed::OwnerFeed::deploy_builder(
        provider.clone(),
        decimals,
        "TEST / USD".into(),
        answer,
        crate::DEPLOYER,
    )
    .from(crate::DEPLOYER)
    .gas(crate::TX_GAS)
    .send()
    .await?;
    let hash = *pending.tx_hash();
    // anvil may return before the automined block is in; poll briefly rather than at the
    // provider's 250 ms interval.
    for _ in 0..1000 {
        if let Some(receipt) = provider.get_transaction_receipt(hash).await? {
            return Ok(receipt.contract_address.ok_or("no contract address")?);
        }
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    Err("deployment not mined within 5 s (is automine on?)".into())
}
