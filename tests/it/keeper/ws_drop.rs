//! The keeper over a WebSocket (`ws://` URL: heads by subscription, every call over the same kind of
//! connection) loses the connection in the middle of a crash. A real TCP proxy sits between the keeper and
//! anvil's WebSocket endpoint. WETH drops, the keeper sends its first liquidations, and right then the proxy
//! is cut (open connections closed, new ones refused); while it is cut WETH drops again and blocks keep coming
//! (a block a second). Once the proxy is restored the keeper must reconnect by itself, report the reconnection
//! with the blocks it missed (backfilled), and liquidate what the second drop made worth it: afterwards the
//! chain (the lens and an `eth_call` of the executor) shows nothing left worth its gas.

use std::time::{Duration, Instant};

use cantilever_daemon::config::connect;
use cantilever_daemon::{HeadSource, KeeperEvent, OracleTrigger};
use cantilever_exec::ExecConfig;
use cantilever_index::{IndexConfig, PositionIndex};
use cantilever_tests::keeper_harness::{
    Net, NetOptions, Proxy, Stop, assert_nothing_worth_left, cli_keeper, cut, head, run_beside,
    set_prices,
};

use crate::TestResult;

/// How long the connection stays cut: a few blocks at one a second.
const OUTAGE: Duration = Duration::from_millis(3_500);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reconnects_backfills_and_liquidates_what_it_missed() -> TestResult {
    let net = Net::start(&NetOptions {
        borrowers: 45,
        leveraged: 0,
        health: (1.02, 1.6),
        block_time: Some(1),
        ..NetOptions::default()
    })
    .await?;
    let devnet = &net.devnet;
    let proxy = Proxy::start(devnet.anvil.url()).await?;
    // The proxy forwards bytes: the WebSocket upgrade goes through it to anvil's one port.
    let ws: alloy::transports::http::reqwest::Url =
        proxy.url().replacen("http://", "ws://", 1).parse()?;
    let proxied = connect(&ws).await?;
    let index = PositionIndex::in_memory(&devnet.deployment, IndexConfig::default());
    let exec = ExecConfig::default();
    let priority_fee_wei = exec.priority_fee_wei;
    let mut keeper = cli_keeper(devnet, proxied, index, exec).await?;
    keeper.set_heads(HeadSource::Subscribe(ws));
    // New heads alone wake this keeper: with the oracle trigger on, the first drop's feed update may start a step
    // that waits out the cut on the request connection (which reconnects faster than the subscription) and
    // liquidates the second drop before the subscription is back, so the recovery of heads would go untested.
    keeper.set_oracle_trigger(OracleTrigger::off());
    let weth = devnet.price("WETH").await?;

    let proxy_ref = &proxy;
    let run = run_beside(&mut keeper, Stop::Graceful, |mut feed| async move {
        if !feed.wait_block(0, Duration::from_secs(20)).await {
            return Err("the keeper processed no block over the WebSocket".to_string());
        }
        let first_block = set_prices(devnet, &[("WETH", cut(weth, 12))])
            .await
            .map_err(|e| e.to_string())?;
        // The first liquidations are on their way: the connection drops now, in the middle of the crash.
        if feed
            .wait_for(Duration::from_secs(20), |e| {
                matches!(e, KeeperEvent::Submitted { .. })
            })
            .await
            .is_none()
        {
            return Err(format!(
                "nothing submitted after the first drop (block {first_block})"
            ));
        }
        proxy_ref.cut();
        let cut_at = Instant::now();
        tokio::time::sleep(Duration::from_millis(500)).await;
        // The second drop happens while the keeper cannot see it, mined straight on anvil.
        let second_block = set_prices(devnet, &[("WETH", cut(weth, 25))])
            .await
            .map_err(|e| e.to_string())?;
        tokio::time::sleep(OUTAGE.saturating_sub(cut_at.elapsed())).await;
        proxy_ref.restore();
        let restored_at = Instant::now();
        let reconnected = feed
            .wait_for(Duration::from_secs(20), |e| {
                matches!(e, KeeperEvent::HeadsReconnected { .. })
            })
            .await
            .ok_or("the keeper reported no reconnection of its head subscription")?;
        let reconnect_time = restored_at.elapsed();
        // The second drop's liquidations, sent once the keeper sees again, then a few blocks for their inclusion.
        if feed
            .wait_for(Duration::from_secs(20), |e| {
                matches!(e, KeeperEvent::Submitted { .. })
            })
            .await
            .is_none()
        {
            return Err("nothing submitted after the reconnection".to_string());
        }
        let sent_at = head(&devnet.provider()).await.map_err(|e| e.to_string())?;
        if !feed.wait_block(sent_at + 3, Duration::from_secs(30)).await {
            return Err(format!(
                "the keeper did not reach block {} after the reconnection",
                sent_at + 3
            ));
        }
        if !feed.wait_settled(Duration::from_secs(20)).await {
            return Err("the keeper's transactions were not all included or dropped".to_string());
        }
        Ok((
            first_block,
            second_block,
            restored_at - cut_at,
            reconnect_time,
            reconnected,
            Instant::now(),
        ))
    })
    .await;
    let ran = run.ran.ok_or("the keeper was not stopped")?;
    assert!(ran.is_ok(), "the daemon loop ended with {ran:?}");
    let (first_block, second_block, outage, reconnect_time, reconnected, settled_at) =
        run.script.ok_or("the keeper ended before the script")??;
    let recorded = run.recorded;
    let KeeperEvent::HeadsReconnected {
        down,
        failed_attempts,
        backfilled,
    } = reconnected
    else {
        unreachable!("waited for a reconnection")
    };
    eprintln!(
        "drops in blocks {first_block} and {second_block}; cut for {outage:.1?}; subscription back {reconnect_time:.1?} \
         after the restore (down {down:.1?}, {failed_attempts} failed attempts, {backfilled} blocks backfilled); \
         {} connections refused",
        proxy.refused()
    );
    assert!(
        proxy.refused() > 0,
        "the keeper did not try to reconnect during the cut"
    );
    // Blocks a second for a cut of 3.5 s: the subscription missed some, and announced them once back.
    assert!(
        backfilled >= 2,
        "only {backfilled} blocks backfilled after a {outage:?} cut at a block a second"
    );
    // The keeper processed a head past the second drop: it saw the state the cut hid.
    assert!(
        recorded.last_block().is_some_and(|b| b > second_block),
        "no block after the second drop ({second_block}) processed"
    );

    // A step in flight at the shutdown is finished (drained), and may send: its inclusion comes after the run.
    let late: std::collections::BTreeSet<_> = recorded
        .events
        .iter()
        .filter_map(|(at, e)| match e {
            KeeperEvent::Submitted { id, .. } if *at > settled_at => Some(*id),
            _ => None,
        })
        .collect();
    let submitted = recorded.submissions();
    let inclusions = recorded.inclusions();
    // Two drops may liquidate a position twice (its state changed in between), never the same opportunity twice.
    for (key, sent) in &submitted {
        let ids: std::collections::BTreeSet<_> = sent.iter().map(|(id, _)| *id).collect();
        assert_eq!(
            ids.len(),
            sent.len(),
            "{} submitted twice in the same state",
            key.borrower
        );
        for (id, hash) in sent {
            if late.contains(id) {
                continue;
            }
            assert!(
                inclusions.iter().any(|(i, _, _, ok)| i == id && *ok),
                "the liquidation of {} ({hash}) was not included successfully",
                key.borrower
            );
        }
    }
    // The second drop's liquidations were found and sent after the reconnection.
    let back = recorded
        .events
        .iter()
        .position(|(_, e)| matches!(e, KeeperEvent::HeadsReconnected { .. }))
        .ok_or("no reconnection recorded")?;
    let sent_after = recorded.events[back..]
        .iter()
        .filter(|(_, e)| matches!(e, KeeperEvent::Submitted { .. }))
        .count();
    eprintln!(
        "{} positions liquidated, {sent_after} submissions after the reconnection, {} by the step drained at the shutdown",
        submitted.len(),
        late.len()
    );
    assert!(
        sent_after > 0,
        "nothing submitted after the reconnection, though WETH dropped again while cut"
    );
    assert_nothing_worth_left(
        devnet,
        &net.keys(),
        priority_fee_wei,
        "after the reconnection",
    )
    .await?;
    Ok(())
}
