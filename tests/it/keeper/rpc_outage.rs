//! The keeper loses its node for about 2 seconds. A real TCP proxy sits between the keeper and anvil; while
//! the keeper runs, the proxy is cut (open connections closed, new ones closed on accept) and a price drop is
//! mined meanwhile, straight on anvil; then the proxy is restored. The daemon loop must not end, must back
//! off instead of hammering the dead endpoint, and must liquidate after recovery what became liquidatable
//! during the outage: afterwards the chain (the lens and an `eth_call` of the executor) shows nothing left
//! worth its gas.

use std::time::{Duration, Instant};

use cantilever_daemon::{KeeperEvent, OracleTrigger};
use cantilever_exec::ExecConfig;
use cantilever_index::{IndexConfig, PositionIndex};
use cantilever_tests::keeper_harness::{
    Net, NetOptions, Proxy, Stop, assert_nothing_worth_left, cli_keeper, cut, provider_at,
    run_beside, set_prices,
};

use crate::TestResult;

/// How long the node is unreachable.
const OUTAGE: Duration = Duration::from_secs(2);
/// Attempts the keeper may make on the dead endpoint: with no backoff (a 5 ms poll) it would make hundreds.
const MAX_ATTEMPTS_DURING_OUTAGE: usize = 40;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn backs_off_then_liquidates_what_it_missed() -> TestResult {
    let net = Net::start(&NetOptions {
        borrowers: 30,
        leveraged: 0,
        health: (1.02, 1.3),
        block_time: Some(1),
        ..NetOptions::default()
    })
    .await?;
    let devnet = &net.devnet;
    let proxy = Proxy::start(devnet.anvil.url()).await?;
    let proxied = provider_at(&proxy.url())?;
    let index = PositionIndex::in_memory(&devnet.deployment, IndexConfig::default());
    let exec = ExecConfig::default();
    let priority_fee_wei = exec.priority_fee_wei;
    let mut keeper = cli_keeper(devnet, proxied, index, exec).await?;
    // The attempts counted are the loop's own: the oracle trigger's stream polls its filters on its own schedule,
    // without a backoff (oracle-adapter's chain watcher), so it is off here.
    keeper.set_oracle_trigger(OracleTrigger::off());
    let weth = devnet.price("WETH").await?;

    let proxy_ref = &proxy;
    let run = run_beside(&mut keeper, Stop::Graceful, |mut feed| async move {
        if !feed.wait_block(0, Duration::from_secs(20)).await {
            return Err("the keeper processed no block through the proxy".to_string());
        }
        proxy_ref.cut();
        let cut_at = Instant::now();
        tokio::time::sleep(Duration::from_millis(300)).await;
        // The drop happens while the keeper cannot see it.
        let price_block = set_prices(devnet, &[("WETH", cut(weth, 25))])
            .await
            .map_err(|e| e.to_string())?;
        tokio::time::sleep(OUTAGE.saturating_sub(cut_at.elapsed())).await;
        let refused = proxy_ref.refused();
        proxy_ref.restore();
        let restored_at = Instant::now();
        // Recovery, then the liquidations (a block a second) and their inclusion.
        if !feed
            .wait_block(price_block + 4, Duration::from_secs(30))
            .await
        {
            return Err(format!(
                "the keeper did not reach block {} after the outage",
                price_block + 4
            ));
        }
        if !feed.wait_settled(Duration::from_secs(20)).await {
            return Err("the keeper's transactions were not all included or dropped".to_string());
        }
        Ok((cut_at, restored_at, refused, price_block))
    })
    .await;
    let ran = run.ran.ok_or("the keeper was not stopped")?;
    assert!(ran.is_ok(), "the daemon loop ended with {ran:?}");
    let (cut_at, restored_at, refused, price_block) =
        run.script.ok_or("the keeper ended before the script")??;
    let recorded = run.recorded;

    eprintln!(
        "outage of {:.1?}: {refused} connections refused; price drop in block {price_block}",
        restored_at - cut_at
    );
    assert!(
        refused > 0,
        "the keeper did not try the node during the outage"
    );
    assert!(
        refused <= MAX_ATTEMPTS_DURING_OUTAGE,
        "{refused} connection attempts in a {OUTAGE:?} outage: no backoff"
    );
    // Nothing was processed while cut (a step started just before the cut may still report).
    let during = recorded
        .events
        .iter()
        .filter(|(at, e)| {
            *at > cut_at + Duration::from_millis(500)
                && *at < restored_at
                && matches!(e, KeeperEvent::Block { .. })
        })
        .count();
    assert_eq!(during, 0, "blocks processed while the node was unreachable");
    let first_after = recorded
        .events
        .iter()
        .find(|(at, e)| *at >= restored_at && matches!(e, KeeperEvent::Block { .. }))
        .map(|(at, _)| *at - restored_at)
        .ok_or("no block processed after the outage")?;
    eprintln!("first block processed {first_after:.1?} after the node came back");
    assert!(
        first_after < Duration::from_secs(11),
        "recovery took {first_after:?}, over the 10 s backoff cap"
    );

    // What became liquidatable during the outage was liquidated after it.
    let submitted = recorded.submissions();
    let inclusions = recorded.inclusions();
    assert!(
        !submitted.is_empty(),
        "nothing liquidated after a 25% WETH drop during the outage"
    );
    for (key, sent) in &submitted {
        assert_eq!(
            sent.len(),
            1,
            "{} submitted {} times",
            key.borrower,
            sent.len()
        );
        let (id, hash) = sent[0];
        assert!(
            inclusions.iter().any(|(i, _, _, ok)| *i == id && *ok),
            "the liquidation of {} ({hash}) was not included successfully",
            key.borrower
        );
    }
    assert_nothing_worth_left(devnet, &net.keys(), priority_fee_wei, "after the outage").await?;
    Ok(())
}
