//! The keeper dies mid-run and a new one starts over the same index store and ledger.
//!
//! - `a_killed_daemon_sends_nothing_twice`: the real binary. `cantilever run` runs as a child process over a
//!   config naming a redb store and a ledger file; mining is stopped after a price drop, so its liquidations
//!   wait in the node's pool. It is killed (SIGKILL) as soon as its ledger records a send, which is proven to
//!   be mid-step: the ledger holds an entry, no block was mined since the drop, the keeper account's mined
//!   nonce has not moved, and the daemon had not yet logged the step it was in. A second `cantilever run` with
//!   the same config starts, blocks are mined, and the chain says: every position the keeper liquidated was
//!   liquidated by exactly one successful transaction, the keeper account's nonces are contiguous from where
//!   they stood with no other transaction between, and nothing worth liquidating is left (the lens and an
//!   `eth_call` of the executor, by the config's strategy). The second daemon then stops cleanly on SIGTERM.
//! - `resumes_from_its_store_without_resending`: the same in-process, where the index can be inspected. With
//!   mining on demand: a price drop is mined, the keeper starts sending its liquidations and is dropped as
//!   soon as the first one reaches the node's pool (mid-step, before any inclusion). A new keeper opens the
//!   same redb store and ledger file: its index resumes from the stored head (no rescan from the deployment
//!   block), and it sends only what the first one had not; on chain, the keeper account has exactly one
//!   transaction per position, and nothing worth liquidating is left (the lens and an `eth_call` of the
//!   executor say so, not the keeper).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{ExitStatus, Stdio};
use std::time::{Duration, Instant};

use alloy::providers::Provider;
use cantilever_daemon::config::{Config, Overrides};
use cantilever_exec::{ExecConfig, Ledger, LedgerEntry};
use cantilever_index::{IndexConfig, PositionIndex};
use cantilever_tests::binary::cantilever_binary;
use cantilever_tests::keeper_harness::{
    Net, NetOptions, Recorded, Stop, assert_nothing_worth_left, cli_keeper, cut, distinct_txs,
    head, keeper_txs, left, mine, pool_size, queue_prices, run_beside, stop_mining,
};

use super::step;
use crate::TestResult;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn resumes_from_its_store_without_resending() -> TestResult {
    let net = Net::shared(&NetOptions {
        pools_follow_prices: true,
        borrowers: 30,
        leveraged: 0,
        health: (1.02, 1.3),
        ..NetOptions::default()
    })
    .await?;
    let devnet = &net.devnet;
    let provider = net.provider();
    let dir = tempfile::tempdir()?;
    let store = dir.path().join("index.redb");
    let exec = ExecConfig {
        ledger_path: Some(dir.path().join("ledger.json")),
        ..ExecConfig::default()
    };
    let priority_fee_wei = exec.priority_fee_wei;
    let deploy_block = devnet.deployment.deploy_block;

    // The first keeper backfills, then dies while sending the liquidations of a price drop.
    let index = PositionIndex::open(&store, &devnet.deployment, IndexConfig::default())?;
    let mut first = cli_keeper(devnet, provider.clone(), index, exec.clone()).await?;
    let mut recorded = Recorded::default();
    step(&mut first, &mut recorded).await?;
    stop_mining(&provider).await?;
    let start_block = head(&provider).await? + 1;
    let weth = devnet.price("WETH").await?;
    queue_prices(devnet, &[("WETH", cut(weth, 25))]).await?;
    mine(&provider).await?;
    let price_block = head(&provider).await?;
    let run = run_beside(&mut first, Stop::Abrupt, |_feed| async {
        let end = Instant::now() + Duration::from_secs(30);
        while Instant::now() < end {
            if pool_size(&provider).await.unwrap_or(0) > 0 {
                return true;
            }
            tokio::time::sleep(Duration::from_millis(2)).await;
        }
        false
    })
    .await;
    assert_eq!(
        run.script,
        Some(true),
        "the first keeper sent nothing after a 25% WETH drop"
    );
    recorded.extend(run.recorded);
    drop(first); // closes the store
    let pending_at_crash = pool_size(&provider).await?;
    eprintln!("the first keeper died with {pending_at_crash} transactions in the pool");

    // The second keeper: the index resumes from the store.
    let mut index = PositionIndex::open(&store, &devnet.deployment, IndexConfig::default())?;
    let stored = index.head().ok_or("the store kept no head")?;
    assert_eq!(
        stored.number, price_block,
        "the stored index head is not the block the first keeper processed"
    );
    let positions_before = index.positions().count();
    let delta = index.sync(&provider).await?;
    eprintln!(
        "resumed sync: {} blocks, {} events (a rescan would cover {} blocks)",
        delta.blocks,
        delta.events,
        price_block - deploy_block
    );
    assert_eq!(
        delta.blocks, 0,
        "the resumed index fetched blocks although the head did not move"
    );
    assert_eq!(delta.events, 0);
    assert_eq!(index.positions().count(), positions_before);
    let mut second = cli_keeper(devnet, provider.clone(), index, exec).await?;
    for _ in 0..6 {
        step(&mut second, &mut recorded).await?;
        mine(&provider).await?;
    }
    // What a last step sends (a position interest pushed over the line) is mined and settled before the
    // check: a position never sent leaves nothing in flight, and still fails the check below.
    for _ in 0..4 {
        step(&mut second, &mut recorded).await?;
        if second.in_flight() == 0 {
            break;
        }
        mine(&provider).await?;
    }

    // On chain: one transaction per position, all successful.
    let txs = keeper_txs(devnet, devnet.keeper, start_block).await?;
    let mut per_key: BTreeMap<_, Vec<_>> = BTreeMap::new();
    for t in &txs {
        per_key.entry(t.key).or_default().push(t.clone());
    }
    eprintln!(
        "{} keeper transactions on chain for {} positions ({} sent by the first keeper)",
        txs.len(),
        per_key.len(),
        pending_at_crash
    );
    assert!(!txs.is_empty(), "nothing was liquidated");
    for (key, sent) in &per_key {
        assert_eq!(
            sent.len(),
            1,
            "{} has {} keeper transactions: {sent:#?}",
            key.borrower,
            sent.len()
        );
        assert!(
            sent[0].success,
            "the liquidation of {} reverted",
            key.borrower
        );
    }
    // The orders of a batch share its nonce: one nonce per transaction.
    let nonces: Vec<u64> = distinct_txs(&txs).iter().map(|t| t.nonce).collect();
    let mut sorted = nonces.clone();
    sorted.sort_unstable();
    sorted.dedup();
    assert_eq!(sorted.len(), nonces.len(), "a nonce was used twice");
    assert_nothing_worth_left(devnet, &net.keys(), priority_fee_wei, "after the restart").await?;
    Ok(())
}

/// Names the keeper's key in the daemon's config (`env:` reference); set in the children's environment only.
const KEY_VAR: &str = "CANTILEVER_RESTART_TEST_KEY";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_killed_daemon_sends_nothing_twice() -> TestResult {
    let binary = tokio::task::spawn_blocking(cantilever_binary).await??;
    let net = Net::shared(&NetOptions {
        pools_follow_prices: true,
        borrowers: 30,
        leveraged: 0,
        health: (1.02, 1.3),
        ..NetOptions::default()
    })
    .await?;
    let devnet = &net.devnet;
    let provider = net.provider();
    let dir = tempfile::tempdir()?;
    let ledger_path = dir.path().join("ledger.json");
    let config_path = dir.path().join("keeper.toml");
    std::fs::write(
        &config_path,
        format!(
            "[chain]\nrpc_url = \"{}\"\nchain_id = {}\npoll_interval_ms = 20\n\n\
             [deployment]\npath = \"{}\"\n\n[signer]\nkey = \"env:{KEY_VAR}\"\n\n\
             [executor]\nledger = \"{}\"\n\n[index]\nstore = \"{}\"\n\n\
             [telemetry]\nlog_format = \"json\"\nlog_level = \"info\"\n",
            devnet.anvil.url(),
            devnet.deployment.chain_id,
            devnet.deployment_path.display(),
            ledger_path.display(),
            dir.path().join("index.redb").display()
        ),
    )?;
    // What the daemons run with, read by the daemon's own loader: the end check uses the same rule.
    let config = Config::load(&config_path, &|_| None, &Overrides::default())?;
    let exec = config.exec_config(&|_| None)?;
    let key = devnet.keeper_key.to_string();

    // A 25% WETH drop, the pools following, mined; then mining stops, so whatever the daemon sends waits in
    // the pool until the test mines.
    let nonce_before = provider.get_transaction_count(devnet.keeper).await?;
    let weth = devnet.price("WETH").await?;
    devnet.set_price("WETH", cut(weth, 25)).await?;
    stop_mining(&provider).await?;
    let price_block = head(&provider).await?;

    // The first daemon, killed as soon as its ledger holds an entry: mid-step, between the ledger write and the
    // send or just after it. In the sequential profile the whole plan is one liquidateBatch transaction, so the
    // step has one entry; whether its transaction reached the node before the kill is left to the race, and
    // either way the second daemon must send nothing twice (withheld while pending, re-sent if never sent).
    let first = Daemon::spawn(&binary, &config_path, &key, dir.path().join("first.log"))?;
    let (watched, chain_id, keeper, ttl) = (
        ledger_path.clone(),
        devnet.deployment.chain_id,
        devnet.keeper,
        exec.ledger_ttl_blocks,
    );
    let entries = move || {
        Ledger::open(Some(watched.clone()), chain_id, keeper, ttl)
            .map_or(0, |l| l.entries().count())
    };
    let (first, status) = tokio::task::spawn_blocking(move || {
        first.kill_at_entries(entries, 1, Duration::from_secs(90))
    })
    .await??;
    use std::os::unix::process::ExitStatusExt as _;
    assert_eq!(
        status.signal(),
        Some(9),
        "the first daemon was not killed by SIGKILL: {status}"
    );

    // Proof that the kill fell mid-step.
    let at_kill: Vec<LedgerEntry> = Ledger::open(
        Some(ledger_path.clone()),
        devnet.deployment.chain_id,
        devnet.keeper,
        exec.ledger_ttl_blocks,
    )?
    .entries()
    .map(|(_, e)| e.clone())
    .collect();
    assert!(!at_kill.is_empty(), "the ledger file holds no entry");
    assert_eq!(
        head(&provider).await?,
        price_block,
        "a block was mined before the kill"
    );
    assert_eq!(
        provider.get_transaction_count(devnet.keeper).await?,
        nonce_before,
        "a keeper transaction was mined before the kill"
    );
    let mut pending_at_kill = Vec::new();
    for entry in &at_kill {
        if let Some(tx) = provider.get_transaction_by_hash(entry.tx_hash).await? {
            assert_eq!(tx.block_number, None, "{} was mined", entry.tx_hash);
            pending_at_kill.push(entry.tx_hash);
        }
    }
    let step_logged = logged_block(&first.log()?, price_block);
    eprintln!(
        "first daemon killed with {} ledger entries ({} of them in the pool, {} never sent); its step at block \
         {price_block} {}",
        at_kill.len(),
        pending_at_kill.len(),
        at_kill.len() - pending_at_kill.len(),
        if step_logged {
            "had finished"
        } else {
            "had not finished"
        }
    );
    assert!(
        !step_logged,
        "the first daemon had finished its step (logged block {price_block}) before the kill: not mid-step"
    );
    drop(first);

    // The second daemon, same config, store and ledger; blocks are mined only once it has processed the head.
    let mut second = Daemon::spawn(&binary, &config_path, &key, dir.path().join("second.log"))?;
    let end = Instant::now() + Duration::from_secs(90);
    while !logged_block(&second.log()?, price_block) {
        if let Some(status) = second.child.try_wait()? {
            return Err(format!("the second daemon exited ({status}):\n{}", second.tail()?).into());
        }
        if Instant::now() > end {
            return Err(format!(
                "the second daemon did not process block {price_block}:\n{}",
                second.tail()?
            )
            .into());
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let second_log = second.log()?;
    eprintln!(
        "second daemon at block {price_block}: {} withheld as duplicates, {} submitted; {} in the pool",
        count_lines(&second_log, "skipped", Some("duplicate")),
        count_lines(&second_log, "submitted", None),
        pool_size(&provider).await?
    );
    let strategy = config.strategy;
    let mut undone = None;
    for _ in 0..30 {
        mine(&provider).await?;
        tokio::time::sleep(Duration::from_millis(300)).await;
        if pool_size(&provider).await? > 0 {
            continue;
        }
        let left = left(devnet, &net.keys(), &strategy, exec.priority_fee_wei).await?;
        let done = left.worth.is_empty();
        undone = Some(left);
        if done {
            break;
        }
    }
    let status = second.terminate(Duration::from_secs(30))?;
    assert!(
        status.success(),
        "the second daemon did not stop cleanly on SIGTERM: {status}\n{}",
        second.tail()?
    );

    // On chain: one successful liquidation per position, contiguous nonces, nothing else from the keeper.
    let txs = keeper_txs(devnet, devnet.keeper, price_block + 1).await?;
    let mut per_key: BTreeMap<_, Vec<_>> = BTreeMap::new();
    for t in &txs {
        per_key.entry(t.key).or_default().push(t.clone());
    }
    eprintln!(
        "{} keeper transactions on chain for {} positions; {} sent by the first daemon",
        txs.len(),
        per_key.len(),
        pending_at_kill.len()
    );
    assert!(!txs.is_empty(), "nothing was liquidated");
    for (key, sent) in &per_key {
        assert_eq!(
            sent.len(),
            1,
            "{} has {} keeper transactions: {sent:#?}",
            key.borrower,
            sent.len()
        );
        assert!(
            sent[0].success && sent[0].liquidated == 1,
            "the liquidation of {} failed: {:?}",
            key.borrower,
            sent[0]
        );
    }
    for hash in &pending_at_kill {
        assert!(
            txs.iter().any(|t| t.hash == *hash),
            "{hash}, pending when the first daemon died, was not mined"
        );
    }
    // The orders of a batch share its nonce: one nonce per transaction.
    let mut nonces: Vec<u64> = distinct_txs(&txs).iter().map(|t| t.nonce).collect();
    nonces.sort_unstable();
    let expected: Vec<u64> = (nonce_before..nonce_before + nonces.len() as u64).collect();
    assert_eq!(
        nonces, expected,
        "the keeper's nonces are not contiguous from {nonce_before}"
    );
    assert_eq!(
        provider.get_transaction_count(devnet.keeper).await?,
        nonce_before + nonces.len() as u64,
        "the keeper account sent transactions other than these liquidations"
    );
    let undone = undone.ok_or("the pool never emptied")?;
    eprintln!(
        "left on chain: {} liquidatable, {} worth their gas",
        undone.liquidatable.len(),
        undone.worth.len()
    );
    assert!(
        undone.worth.is_empty(),
        "{} liquidations worth their gas left after the restart: {:#?}",
        undone.worth.len(),
        undone.worth
    );
    Ok(())
}

/// A `cantilever run` child process, its stderr (the JSON log) in a file; killed if still running when dropped.
struct Daemon {
    child: std::process::Child,
    log: PathBuf,
}

impl Daemon {
    fn spawn(binary: &Path, config: &Path, key: &str, log: PathBuf) -> TestResult<Self> {
        let child = std::process::Command::new(binary)
            .arg("run")
            .arg("--config")
            .arg(config)
            .env(KEY_VAR, key)
            .env_remove("RUST_LOG")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(&log)?)
            .spawn()?;
        Ok(Self { child, log })
    }

    /// SIGKILLs the daemon as soon as `entries()` (its ledger's, polled every 100 µs; blocking) reaches
    /// `count`; returns how it ended.
    fn kill_at_entries(
        mut self,
        entries: impl Fn() -> usize,
        count: usize,
        timeout: Duration,
    ) -> Result<(Self, ExitStatus), String> {
        let end = Instant::now() + timeout;
        loop {
            if entries() >= count {
                self.child.kill().map_err(|e| e.to_string())?;
                let status = self.child.wait().map_err(|e| e.to_string())?;
                return Ok((self, status));
            }
            let exited = self.child.try_wait();
            let tail = || self.tail().unwrap_or_else(|e| e.to_string());
            match exited {
                Ok(Some(status)) => {
                    return Err(format!(
                        "the daemon exited ({status}) before recording {count} sends:\n{}",
                        tail()
                    ));
                }
                Ok(None) => {}
                Err(e) => return Err(e.to_string()),
            }
            if Instant::now() > end {
                return Err(format!(
                    "the daemon recorded fewer than {count} sends in {timeout:?}:\n{}",
                    tail()
                ));
            }
            std::thread::sleep(Duration::from_micros(100));
        }
    }

    /// SIGTERMs the daemon and waits (up to `timeout`) for it to exit.
    fn terminate(&mut self, timeout: Duration) -> TestResult<ExitStatus> {
        let sent = std::process::Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status()?;
        if !sent.success() {
            return Err("kill -TERM failed".into());
        }
        let end = Instant::now() + timeout;
        loop {
            if let Some(status) = self.child.try_wait()? {
                return Ok(status);
            }
            if Instant::now() > end {
                return Err(format!("the daemon ignored SIGTERM for {timeout:?}").into());
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Its log so far.
    fn log(&self) -> TestResult<String> {
        Ok(std::fs::read_to_string(&self.log)?)
    }

    /// The last lines of its log.
    fn tail(&self) -> TestResult<String> {
        let log = self.log()?;
        let lines: Vec<&str> = log.lines().collect();
        Ok(lines[lines.len().saturating_sub(30)..].join("\n"))
    }
}

impl Drop for Daemon {
    fn drop(&mut self) {
        if matches!(self.child.try_wait(), Ok(None)) {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// The JSON log lines with this message (and label, for skips).
fn log_lines<'a>(log: &'a str, message: &'a str) -> impl Iterator<Item = serde_json::Value> + 'a {
    log.lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter(move |v| v["message"] == message)
}

/// Whether the daemon logged its step at `block` (the step's events are logged once it ends).
fn logged_block(log: &str, block: u64) -> bool {
    log_lines(log, "block").any(|v| v["block"] == block)
}

/// How many lines with `message` (and `label`) the log holds.
fn count_lines(log: &str, message: &str, label: Option<&str>) -> usize {
    log_lines(log, message)
        .filter(|v| label.is_none_or(|l| v["label"] == l))
        .count()
}
