//! A market whose oracle refuses is visible: the keeper reports each followed market's oracle state once per
//! change (an event, a warning when it breaks), `cantilever_oracle_ok{market}` follows it, and `/health`
//! lists the degraded markets (200 with `"status": "degraded"`: a liveness probe must not restart the keeper
//! over a feed). Driven end to end: the keeper's events go through `observe` into the metrics and health
//! state that `cantilever run` serves, read back over HTTP from the real server.

use std::sync::Arc;
use std::time::Duration;

use alloy::primitives::B256;
use alloy::transports::http::reqwest;
use cantilever_daemon::observe::observe;
use cantilever_daemon::telemetry::{HealthState, Metrics, serve};
use cantilever_daemon::{Keeper, KeeperEvent};
use cantilever_exec::ExecConfig;
use cantilever_index::{IndexConfig, PositionIndex};
use cantilever_tests::keeper_harness::{Net, NetOptions, cli_keeper, mine, stale_feed};

use crate::TestResult;

/// The keeper's events of one step, observed into `metrics` and `health` as `cantilever run` does.
async fn step(
    keeper: &mut Keeper,
    metrics: &Metrics,
    health: &HealthState,
) -> TestResult<Vec<KeeperEvent>> {
    let report = keeper.step().await?;
    for e in &report.events {
        observe(metrics, health, e, |_| ("USDC".into(), 6));
    }
    Ok(report.events)
}

/// The oracle-state events of a step: (market, ok).
fn oracle_states(events: &[KeeperEvent]) -> Vec<(B256, bool)> {
    let mut out: Vec<(B256, bool)> = events
        .iter()
        .filter_map(|e| match e {
            KeeperEvent::OracleState { market, ok, .. } => Some((*market, *ok)),
            _ => None,
        })
        .collect();
    out.sort();
    out
}

/// `GET path`: the status and the body.
async fn get(client: &reqwest::Client, base: &str, path: &str) -> TestResult<(u16, String)> {
    let response = client.get(format!("{base}{path}")).send().await?;
    Ok((response.status().as_u16(), response.text().await?))
}

/// The gauge line of `market` in the metrics text.
fn gauge(text: &str, market: B256) -> Option<&str> {
    let prefix = format!("cantilever_oracle_ok{{market=\"{market}\"}} ");
    text.lines().find_map(|l| l.strip_prefix(prefix.as_str()))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refusing_oracle_is_reported_once_and_served_as_degraded() -> TestResult {
    let net = Net::shared(&NetOptions {
        pools_follow_prices: true,
        borrowers: 6,
        leveraged: 0,
        ..NetOptions::default()
    })
    .await?;
    let devnet = &net.devnet;
    let provider = net.provider();
    let d = &devnet.deployment;
    let weth = devnet.asset("WETH")?.token;
    let mut reading_weth: Vec<B256> = d
        .markets
        .iter()
        .filter(|m| m.collateral_token == weth || m.loan_token == weth)
        .map(|m| m.id)
        .collect();
    reading_weth.sort();
    let others: Vec<B256> = d
        .markets
        .iter()
        .map(|m| m.id)
        .filter(|id| !reading_weth.contains(id))
        .collect();
    assert!(!reading_weth.is_empty() && !others.is_empty());

    let metrics = Arc::new(Metrics::new());
    let health = Arc::new(HealthState::new(Duration::from_secs(60)));
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let (addr, server) = serve(
        "127.0.0.1:0".parse()?,
        metrics.clone(),
        health.clone(),
        async move {
            let _ = stopped.await;
        },
    )
    .await?;
    let base = format!("http://{addr}");
    let client = reqwest::Client::new();

    let index = PositionIndex::in_memory(d, IndexConfig::default());
    let mut keeper = cli_keeper(devnet, provider.clone(), index, ExecConfig::default()).await?;

    // First step: every followed market's oracle state, all answering.
    let events = step(&mut keeper, &metrics, &health).await?;
    let mut all: Vec<(B256, bool)> = d.markets.iter().map(|m| (m.id, true)).collect();
    all.sort();
    assert_eq!(oracle_states(&events), all);
    let (status, body) = get(&client, &base, "/health").await?;
    let json: serde_json::Value = serde_json::from_str(&body)?;
    assert_eq!((status, &json["status"]), (200, &"ok".into()), "{body}");

    // The WETH feed goes stale: the markets reading it turn degraded, once.
    stale_feed(devnet, "WETH").await?;
    let events = step(&mut keeper, &metrics, &health).await?;
    let broken: Vec<(B256, bool)> = reading_weth.iter().map(|id| (*id, false)).collect();
    assert_eq!(oracle_states(&events), broken);
    let (status, body) = get(&client, &base, "/health").await?;
    eprintln!("/health with the WETH feed stale: {status} {body}");
    let json: serde_json::Value = serde_json::from_str(&body)?;
    assert_eq!(status, 200, "degraded is not a liveness failure: {body}");
    assert_eq!(json["status"], "degraded", "{body}");
    let mut listed: Vec<String> = json["degraded_markets"]
        .as_array()
        .ok_or("no degraded_markets list")?
        .iter()
        .map(|m| m["market"].as_str().unwrap_or_default().to_owned())
        .collect();
    listed.sort();
    let expected: Vec<String> = reading_weth.iter().map(ToString::to_string).collect();
    assert_eq!(listed, expected, "{body}");
    assert!(
        json["degraded_markets"][0]["reason"]
            .as_str()
            .is_some_and(|r| !r.is_empty()),
        "{body}"
    );
    let (_, text) = get(&client, &base, "/metrics").await?;
    for id in &reading_weth {
        assert_eq!(gauge(&text, *id), Some("0"), "{id} in\n{text}");
    }
    for id in &others {
        assert_eq!(gauge(&text, *id), Some("1"), "{id} in\n{text}");
    }

    // Still stale a block later: no new report (once per change, not per block).
    mine(&provider).await?;
    let events = step(&mut keeper, &metrics, &health).await?;
    assert_eq!(oracle_states(&events), Vec::new());

    // A fresh answer: the markets recover, reported once, and /health is ok again.
    let answer = devnet.price("WETH").await?;
    devnet.set_price("WETH", answer).await?;
    let events = step(&mut keeper, &metrics, &health).await?;
    let recovered: Vec<(B256, bool)> = reading_weth.iter().map(|id| (*id, true)).collect();
    assert_eq!(oracle_states(&events), recovered);
    let (status, body) = get(&client, &base, "/health").await?;
    let json: serde_json::Value = serde_json::from_str(&body)?;
    assert_eq!((status, &json["status"]), (200, &"ok".into()), "{body}");
    assert_eq!(json["degraded_markets"], serde_json::json!([]));
    let (_, text) = get(&client, &base, "/metrics").await?;
    for id in &reading_weth {
        assert_eq!(gauge(&text, *id), Some("1"), "{id} in\n{text}");
    }

    let _ = stop.send(());
    server.await?;
    Ok(())
}
