//! Where the keeper learns of new blocks: polling (HTTP) or a `newHeads` subscription (WebSocket) that survives
//! a lost connection. The subscription reconnects with exponential backoff and, once back, announces every block
//! made while it was down ([`backfill`]), so no head is skipped silently.
//!
//! What "no block or log is lost" rests on: the keeper's step reads the state at the newest head, and the
//! position index ([`cantilever_index::PositionIndex::sync`]) fetches logs by block range from its own cursor
//! (the last block it applied, parent hashes checked) up to the head. A gap in the announcements therefore
//! never leaves logs unread: the next step's sync covers it, whatever the subscription missed. The backfill
//! here makes the gap visible (the [`HeadNews::Reconnected`] count, the log) and wakes the keeper at once.

use std::ops::RangeInclusive;
use std::time::{Duration, Instant};

use alloy::primitives::B256;
use alloy::providers::{Provider, ProviderBuilder, RootProvider, WsConnect};
use alloy::pubsub::Subscription;
use alloy::transports::TransportError;
use futures_util::StreamExt;
use reqwest::Url;
use tokio::sync::mpsc;
use tracing::{debug, info, warn};

const TARGET: &str = "cantilever::heads";

/// How the keeper learns of new heads.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum HeadSource {
    /// Ask the node for its head every `poll_interval` (the HTTP fallback).
    #[default]
    Poll,
    /// Subscribe to `newHeads` at this `ws://` or `wss://` URL (its own connection, reconnected as needed).
    Subscribe(Url),
}

/// What the subscription reports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HeadNews {
    /// Blocks not announced before, in order: one for a new head, several when a gap is backfilled.
    Blocks(RangeInclusive<u64>),
    /// The subscription was lost and is back.
    Reconnected {
        /// From the loss to the first head after it.
        down: Duration,
        /// Connection attempts that failed before the one that held.
        failed_attempts: u32,
        /// Blocks made while it was down (announced in the [`HeadNews::Blocks`] that follows).
        backfilled: u64,
    },
}

/// The blocks new to a follower that last saw `last` when it hears of `head`: `last + 1 ..= head`, or `head`
/// alone when it is not past `last` (a re-announced head or a reorganisation to a lower one: still news, the
/// keeper's index checks parent hashes) or nothing was seen yet.
pub fn backfill(last: Option<u64>, head: u64) -> RangeInclusive<u64> {
    match last {
        Some(last) if head > last => last + 1..=head,
        _ => head..=head,
    }
}

/// Reconnection delays: doubling from `min` up to `max`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Backoff {
    /// The first delay.
    pub min: Duration,
    /// The longest delay.
    pub max: Duration,
}

impl Default for Backoff {
    fn default() -> Self {
        Self {
            min: Duration::from_millis(100),
            max: Duration::from_secs(10),
        }
    }
}

impl Backoff {
    /// The delay after `delay`.
    pub fn next(&self, delay: Duration) -> Duration {
        (delay * 2).clamp(self.min, self.max)
    }
}

/// Connects to a WebSocket endpoint for requests. Alloy's service behind it reconnects by itself (and re-sends
/// the requests in flight) however long the node is away, so a provider handed to the index, the markets and
/// the executors never dies of a dropped connection: requests wait for the connection to come back.
pub async fn connect_ws(url: &Url) -> Result<RootProvider, TransportError> {
    let connect = WsConnect::new(url.as_str())
        .with_max_retries(u32::MAX)
        .with_retry_interval(Duration::from_millis(250));
    ProviderBuilder::new()
        .disable_recommended_fillers()
        .connect_ws(connect)
        .await
}

/// Subscribes to pending transaction hashes at `url` (a connection of its own). For the oracle stream's pending
/// updates: the caller reconnects when the stream ends, as [`follow`] does for heads.
pub async fn pending_transactions(
    url: &Url,
) -> Result<(RootProvider, Subscription<B256>), TransportError> {
    let provider = subscriber(url).await?;
    let sub = provider.subscribe_pending_transactions().await?;
    Ok((provider, sub))
}

/// A connection for a subscription: alloy tries one quick reconnect by itself, and leaves longer outages to the
/// caller's loop, which counts them, backs off and backfills.
async fn subscriber(url: &Url) -> Result<RootProvider, TransportError> {
    let connect = WsConnect::new(url.as_str())
        .with_max_retries(1)
        .with_retry_interval(Duration::from_millis(100));
    ProviderBuilder::new()
        .disable_recommended_fillers()
        .connect_ws(connect)
        .await
}

/// Starts following `url`'s heads on a task of its own; the task ends when the receiver is dropped.
pub fn spawn_follow(url: Url, backoff: Backoff) -> mpsc::UnboundedReceiver<HeadNews> {
    let (tx, rx) = mpsc::unbounded_channel();
    tokio::spawn(follow(url, backoff, tx));
    rx
}

/// Follows `url`'s heads into `tx` until it closes: subscribe, announce each head (with the gap since the last
/// one), and on a lost subscription reconnect with `backoff`. Right after each (re)subscription the node's head
/// is read once, so the blocks made during an outage are announced without waiting for the next block.
pub async fn follow(url: Url, backoff: Backoff, tx: mpsc::UnboundedSender<HeadNews>) {
    let mut last: Option<u64> = None;
    // Since when the subscription is down, and the attempts that failed since.
    let mut lost: Option<(Instant, u32)> = None;
    let mut delay = Duration::ZERO;
    loop {
        match subscribe(&url).await {
            Ok((provider, sub)) => {
                delay = Duration::ZERO;
                let mut heads = sub.into_stream().map(|h| h.number);
                let first = provider.get_block_number().await.ok();
                let mut next = first;
                loop {
                    let head = match next.take() {
                        Some(head) => head,
                        None => match heads.next().await {
                            Some(head) => head,
                            None => break,
                        },
                    };
                    let blocks = backfill(last, head);
                    if let Some((since, failed_attempts)) = lost.take() {
                        let backfilled = blocks.end().saturating_sub(*blocks.start());
                        let down = since.elapsed();
                        info!(target: TARGET, ?down, failed_attempts, backfilled, "head subscription back");
                        let news = HeadNews::Reconnected {
                            down,
                            failed_attempts,
                            backfilled,
                        };
                        if tx.send(news).is_err() {
                            return;
                        }
                    } else if blocks.end() > blocks.start() {
                        // Alloy reconnected by itself: the gap is ours to announce all the same.
                        debug!(target: TARGET, from = blocks.start(), to = blocks.end(), "heads backfilled");
                    }
                    last = Some(head);
                    if tx.send(HeadNews::Blocks(blocks)).is_err() {
                        return;
                    }
                }
                warn!(target: TARGET, %url, "head subscription lost: reconnecting");
                lost = Some((Instant::now(), 0));
            }
            Err(error) => {
                let (_, failed) = lost.get_or_insert((Instant::now(), 0));
                *failed += 1;
                delay = backoff.next(delay);
                warn!(target: TARGET, %url, %error, retry_in = ?delay, "head subscription failed");
            }
        }
        tokio::select! {
            () = tokio::time::sleep(delay) => {}
            () = tx.closed() => return,
        }
    }
}

async fn subscribe(
    url: &Url,
) -> Result<(RootProvider, Subscription<alloy::rpc::types::Header>), TransportError> {
    let provider = subscriber(url).await?;
    let sub = provider.subscribe_blocks().await?;
    Ok((provider, sub))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backfill_yields_every_block_after_the_last_seen() {
        assert_eq!(backfill(Some(10), 11), 11..=11);
        assert_eq!(backfill(Some(10), 15), 11..=15);
        assert_eq!(backfill(Some(10), 15).count(), 5);
        assert_eq!(backfill(None, 7), 7..=7);
        // Nothing new by number (a re-announced head, a reorg to a lower one): the head alone, still news.
        assert_eq!(backfill(Some(10), 10), 10..=10);
        assert_eq!(backfill(Some(10), 8), 8..=8);
    }

    #[test]
    fn backoff_doubles_up_to_its_cap() {
        let b = Backoff {
            min: Duration::from_millis(100),
            max: Duration::from_millis(500),
        };
        let mut d = Duration::ZERO;
        let seen: Vec<u128> = (0..5)
            .map(|_| {
                d = b.next(d);
                d.as_millis()
            })
            .collect();
        assert_eq!(seen, [100, 200, 400, 500, 500]);
    }
}
