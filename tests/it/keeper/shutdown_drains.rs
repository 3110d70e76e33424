//! A shutdown while a step is sending lets the step finish: what the ledger on disk says was sent is what the
//! node has. A proxy of the test's own sits between the keeper (HTTP) and anvil and holds the keeper's first
//! `eth_sendRawTransaction` for a while; the shutdown is asked for as soon as the proxy sees it, and once the
//! daemon loop returns the proxy forwards nothing more. A loop that dropped its step there would leave a ledger
//! entry (written before the send) for a transaction the node never got; a draining one returns only after the
//! node answered. Judged from the chain: every ledger entry's transaction is known to the node, and every
//! nonce the keeper account used is in the ledger.

use std::collections::BTreeSet;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use alloy::providers::Provider;
use cantilever_daemon::KeeperEvent;
use cantilever_exec::{ExecConfig, Ledger};
use cantilever_index::{IndexConfig, PositionIndex};
use cantilever_tests::keeper_harness::{
    Net, NetOptions, Stop, cli_keeper, cut, provider_at, run_beside, set_prices,
};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{Notify, watch};

use crate::TestResult;

/// How long the proxy holds the first send: well under the keeper's drain timeout, well over a step's tail.
const HOLD: Duration = Duration::from_millis(1_500);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_shutdown_mid_send_leaves_the_ledger_as_the_node_sees_it() -> TestResult {
    let net = Net::start(&NetOptions {
        borrowers: 15,
        leveraged: 0,
        health: (1.02, 1.3),
        block_time: Some(1),
        ..NetOptions::default()
    })
    .await?;
    let devnet = &net.devnet;
    let node = devnet.provider();
    let tap = Tap::start(devnet.anvil.url()).await?;
    let dir = tempfile::tempdir()?;
    let ledger_path = dir.path().join("ledger.json");
    let exec = ExecConfig {
        ledger_path: Some(ledger_path.clone()),
        ..ExecConfig::default()
    };
    let ttl = exec.ledger_ttl_blocks;
    let account = devnet.keeper_signer()?.address();
    let nonce_before = node.get_transaction_count(account).await?;
    let index = PositionIndex::in_memory(&devnet.deployment, IndexConfig::default());
    let mut keeper = cli_keeper(devnet, provider_at(&tap.url())?, index, exec).await?;
    let weth = devnet.price("WETH").await?;

    let tap_ref = &tap;
    let run = run_beside(&mut keeper, Stop::Graceful, |mut feed| async move {
        if !feed.wait_block(0, Duration::from_secs(20)).await {
            return Err("the keeper processed no block".to_string());
        }
        set_prices(devnet, &[("WETH", cut(weth, 25))])
            .await
            .map_err(|e| e.to_string())?;
        // Ending the script is the shutdown: asked for while the send is held.
        tokio::time::timeout(Duration::from_secs(30), tap_ref.held.notified())
            .await
            .map_err(|_| "the keeper sent nothing after a 25% WETH drop".to_string())?;
        Ok(Instant::now())
    })
    .await;
    let returned = Instant::now();
    // Whatever the keeper did not get through before returning never reaches the node.
    tap.cut();
    let ran = run.ran.ok_or("the keeper was not stopped")?;
    assert!(ran.is_ok(), "the daemon loop ended with {ran:?}");
    let asked = run.script.ok_or("the keeper ended before the script")??;
    let waited = returned - asked;
    eprintln!("shutdown asked mid-send; the loop returned {waited:.1?} later (send held {HOLD:?})");

    // The chain is the judge: the ledger on disk against the node.
    let ledger = Ledger::open(Some(ledger_path), devnet.deployment.chain_id, account, ttl)?;
    let nonce_after = node.get_transaction_count(account).pending().await?;
    let mut nonces = BTreeSet::new();
    for (id, entry) in ledger.entries() {
        let known = node.get_transaction_by_hash(entry.tx_hash).await?;
        assert!(
            known.is_some(),
            "the ledger holds {} (opportunity {id}, nonce {}) but the node never got it",
            entry.tx_hash,
            entry.nonce
        );
        nonces.insert(entry.nonce);
    }
    let used: BTreeSet<u64> = (nonce_before..nonce_after).collect();
    assert!(!used.is_empty(), "the keeper account sent nothing");
    assert_eq!(
        nonces, used,
        "the ledger's nonces are not the ones the node saw the keeper account use"
    );
    assert!(
        waited >= HOLD - Duration::from_millis(200),
        "the loop returned {waited:?} after the shutdown, before the held send was answered"
    );
    // And the step's outcome was reported: the held send as submitted.
    let submitted = run
        .recorded
        .iter()
        .filter(|e| matches!(e, KeeperEvent::Submitted { .. }))
        .count();
    eprintln!(
        "{} ledger entries, nonces {nonce_before}..{nonce_after}, {submitted} liquidations reported submitted",
        ledger.len()
    );
    assert!(submitted > 0, "the drained step's send was not reported");
    Ok(())
}

/// A TCP proxy that holds the first request carrying `eth_sendRawTransaction` for [`HOLD`] (announcing it on
/// `held`), and once cut forwards nothing more (held bytes included).
struct Tap {
    addr: SocketAddr,
    held: Arc<Notify>,
    cut: watch::Sender<bool>,
    task: tokio::task::JoinHandle<()>,
}

impl Tap {
    async fn start(upstream: &str) -> TestResult<Self> {
        let target: SocketAddr = upstream
            .trim_start_matches("http://")
            .trim_end_matches('/')
            .parse()?;
        let listener = TcpListener::bind("127.0.0.1:0").await?;
        let addr = listener.local_addr()?;
        let held = Arc::new(Notify::new());
        let (cut, cut_rx) = watch::channel(false);
        let notify = held.clone();
        let task = tokio::spawn(async move {
            let once = Arc::new(std::sync::atomic::AtomicBool::new(false));
            while let Ok((client, _)) = listener.accept().await {
                if *cut_rx.borrow() {
                    continue;
                }
                let (notify, once, cut) = (notify.clone(), once.clone(), cut_rx.clone());
                tokio::spawn(forward(client, target, notify, once, cut));
            }
        });
        Ok(Self {
            addr,
            held,
            cut,
            task,
        })
    }

    fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    fn cut(&self) {
        self.cut.send_replace(true);
    }
}

impl Drop for Tap {
    fn drop(&mut self) {
        self.cut.send_replace(true);
        self.task.abort();
    }
}

/// Copies both ways until either side closes or the tap is cut; the client's bytes chunk by chunk, holding the
/// first send.
async fn forward(
    client: TcpStream,
    target: SocketAddr,
    held: Arc<Notify>,
    once: Arc<std::sync::atomic::AtomicBool>,
    mut cut: watch::Receiver<bool>,
) {
    let Ok(upstream) = TcpStream::connect(target).await else {
        return;
    };
    let (mut client_rx, mut client_tx) = client.into_split();
    let (mut up_rx, mut up_tx) = upstream.into_split();
    let up = async {
        let mut buf = vec![0u8; 64 * 1024];
        loop {
            let n = match client_rx.read(&mut buf).await {
                Ok(0) | Err(_) => return,
                Ok(n) => n,
            };
            let chunk = &buf[..n];
            if chunk
                .windows(b"eth_sendRawTransaction".len())
                .any(|w| w == b"eth_sendRawTransaction")
                && !once.swap(true, std::sync::atomic::Ordering::SeqCst)
            {
                held.notify_one();
                tokio::time::sleep(HOLD).await;
            }
            if up_tx.write_all(chunk).await.is_err() {
                return;
            }
        }
    };
    let down = tokio::io::copy(&mut up_rx, &mut client_tx);
    tokio::select! {
        () = up => {}
        _ = down => {}
        _ = cut.wait_for(|c| *c) => {}
    }
}
