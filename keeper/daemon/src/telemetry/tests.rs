//! Metrics rendering, the health state and watchdog, and the HTTP server over real sockets.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use super::*;

#[test]
fn metrics_text_has_every_metric_after_updates() {
    let m = Metrics::new();
    m.positions_tracked.set(42);
    m.candidates_found.inc_by(3);
    m.simulations.inc();
    m.simulation_seconds.observe(0.002);
    m.tx_submitted.inc();
    m.tx_included.inc();
    m.tx_reverted.inc();
    m.tx_timed_out.inc();
    m.add_profit("USDC", 12.5);
    m.add_profit("WBTC", 0.25);
    m.add_profit("USDC", 1.0);
    m.steps_failed.inc();
    m.rpc_error("eth_getLogs");
    m.rpc_error("eth_getLogs");
    m.index_lag_blocks.set(7);
    m.head_block.set(1_234);
    m.head_age_seconds.set(0.5);
    m.set_oracle("0x01", true);
    m.set_oracle("0x02", false);
    let text = m.encode();
    for line in [
        "cantilever_positions_tracked 42",
        "cantilever_candidates_found_total 3",
        "cantilever_simulations_total 1",
        "cantilever_simulation_seconds_count 1",
        "cantilever_tx_submitted_total 1",
        "cantilever_tx_included_total 1",
        "cantilever_tx_reverted_total 1",
        "cantilever_tx_timed_out_total 1",
        // USDC and WBTC are never added together.
        "cantilever_profit_realised{token=\"USDC\"} 13.5",
        "cantilever_profit_realised{token=\"WBTC\"} 0.25",
        "cantilever_steps_failed_total 1",
        "cantilever_rpc_errors_total{method=\"eth_getLogs\"} 2",
        "cantilever_index_lag_blocks 7",
        "cantilever_head_block 1234",
        "cantilever_head_age_seconds 0.5",
        "cantilever_oracle_ok{market=\"0x01\"} 1",
        "cantilever_oracle_ok{market=\"0x02\"} 0",
    ] {
        assert!(text.contains(line), "missing {line:?} in\n{text}");
    }
    assert!(text.ends_with("# EOF\n"));
}

#[test]
fn health_turns_stale_and_recovers() {
    let health = HealthState::new(Duration::from_millis(200));
    let report = health.report();
    assert!(report.is_fresh() && report.head.is_none());
    std::thread::sleep(Duration::from_millis(250));
    // Never having seen a head counts as stale too.
    assert!(!health.report().is_fresh());
    health.record_head(9);
    let report = health.report();
    assert!(report.is_fresh());
    assert_eq!(report.head, Some(9));
    assert!(report.age_secs < 0.2);
}

#[test]
fn log_filter_prefers_rust_log() {
    assert!(logging::filter("info", None).is_ok());
    assert!(logging::filter("info", Some("debug")).is_ok());
    // RUST_LOG is the one parsed when set.
    let err = logging::filter("info", Some("=[bad")).unwrap_err();
    assert!(
        matches!(&err, TelemetryError::BadFilter { filter, .. } if filter == "=[bad"),
        "{err:?}"
    );
    assert!(matches!(
        logging::filter("=[bad", None),
        Err(TelemetryError::BadFilter { .. })
    ));
    assert_eq!("json".parse::<LogFormat>(), Ok(LogFormat::Json));
    assert!("yaml".parse::<LogFormat>().is_err());
}

/// Polls `count` until it reaches `target` or two seconds pass (the machine may be loaded).
async fn wait_for(count: &AtomicUsize, target: usize) -> usize {
    for _ in 0..200 {
        if count.load(Ordering::SeqCst) >= target {
            break;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    count.load(Ordering::SeqCst)
}

#[tokio::test]
async fn watchdog_fires_once_per_stale_episode() {
    let stale_after = Duration::from_millis(150);
    let health = Arc::new(HealthState::new(stale_after));
    health.record_head(1);
    let fired = Arc::new(AtomicUsize::new(0));
    let counter = fired.clone();
    let task = tokio::spawn(watchdog(
        health.clone(),
        Duration::from_millis(5),
        move |_| {
            counter.fetch_add(1, Ordering::SeqCst);
        },
    ));
    tokio::time::sleep(Duration::from_millis(20)).await;
    assert_eq!(fired.load(Ordering::SeqCst), 0, "fresh head, no warning");
    assert_eq!(wait_for(&fired, 1).await, 1);
    // The episode goes on for several more windows: still one warning.
    tokio::time::sleep(stale_after * 3).await;
    assert_eq!(
        fired.load(Ordering::SeqCst),
        1,
        "one warning for one episode"
    );
    health.record_head(2);
    assert_eq!(wait_for(&fired, 2).await, 2, "a new episode warns again");
    task.abort();
}

#[tokio::test]
async fn server_answers_metrics_health_and_404() {
    let metrics = Arc::new(Metrics::new());
    let health = Arc::new(HealthState::new(Duration::from_millis(300)));
    let (stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
    let (addr, task) = serve(
        "127.0.0.1:0".parse().unwrap(),
        metrics.clone(),
        health.clone(),
        async move {
            let _ = stop_rx.await;
        },
    )
    .await
    .unwrap();
    assert_ne!(addr.port(), 0);
    let base = format!("http://{addr}");
    let client = reqwest::Client::new();

    metrics.head_block.set(77);
    let response = client.get(format!("{base}/metrics")).send().await.unwrap();
    assert_eq!(response.status(), 200);
    assert!(
        response
            .text()
            .await
            .unwrap()
            .contains("cantilever_head_block 77")
    );

    health.record_head(77);
    let response = client.get(format!("{base}/health")).send().await.unwrap();
    assert_eq!(response.status(), 200);
    let body: serde_json::Value = response.json().await.unwrap();
    assert_eq!(body["status"], "ok");
    assert_eq!(body["head"], 77);
    assert!(body["age_secs"].as_f64().unwrap() < 0.3);

    tokio::time::sleep(Duration::from_millis(400)).await;
    let response = client.get(format!("{base}/health")).send().await.unwrap();
    assert_eq!(response.status(), 503);
    let body: serde_json::Value = response.json().await.unwrap();
    assert_eq!(body["status"], "stale");
    assert!(body["age_secs"].as_f64().unwrap() >= 0.3);

    for path in ["/", "/metricsx", "/health/extra"] {
        let response = client.get(format!("{base}{path}")).send().await.unwrap();
        assert_eq!(response.status(), 404, "{path}");
    }
    let response = client.post(format!("{base}/metrics")).send().await.unwrap();
    assert_eq!(response.status(), 404);

    // Shutdown ends the task even with the client's keep-alive connection still open.
    stop_tx.send(()).unwrap();
    tokio::time::timeout(Duration::from_secs(5), task)
        .await
        .expect("server stops on shutdown")
        .unwrap();
    assert!(client.get(format!("{base}/metrics")).send().await.is_err());
}

#[test]
fn a_refusing_oracle_degrades_health_without_making_it_stale() {
    let health = HealthState::new(Duration::from_secs(60));
    health.record_head(5);
    health.record_oracle("0xaa", Some("stale answer".into()));
    let report = health.report();
    assert_eq!(report.status, "degraded");
    assert!(report.is_fresh() && report.is_degraded());
    assert_eq!(
        report.degraded_markets,
        vec![health::DegradedMarket {
            market: "0xaa".into(),
            reason: "stale answer".into()
        }]
    );
    health.record_oracle("0xaa", None);
    let report = health.report();
    assert_eq!(report.status, "ok");
    assert!(!report.is_degraded());
}

/// `/health` over a real socket as the oracle of a market refuses and recovers, and the gauge beside it: the
/// path `cantilever run` serves, fed by [`crate::observe::observe`] from the keeper's events.
#[tokio::test]
async fn health_lists_degraded_markets_over_http() {
    use alloy::primitives::B256;
    use cantilever_oracle_adapter::RejectReason;

    let metrics = Arc::new(Metrics::new());
    let health = Arc::new(HealthState::new(Duration::from_secs(60)));
    let (addr, task) = serve(
        "127.0.0.1:0".parse().unwrap(),
        metrics.clone(),
        health.clone(),
        std::future::pending(),
    )
    .await
    .unwrap();
    let client = reqwest::Client::new();
    let get = |path: &'static str| {
        let client = client.clone();
        async move {
            let response = client
                .get(format!("http://{addr}{path}"))
                .send()
                .await
                .unwrap();
            (response.status().as_u16(), response.text().await.unwrap())
        }
    };
    let (broken, fine) = (B256::repeat_byte(0xaa), B256::repeat_byte(0xbb));
    let observe = |event| {
        crate::observe::observe(&metrics, &health, &event, |_| ("USDC".into(), 6));
    };
    let oracle = |market, error: Option<RejectReason>| crate::KeeperEvent::OracleState {
        market,
        ok: error.is_none(),
        error,
    };
    observe(crate::KeeperEvent::Block {
        number: 9,
        changed: 0,
        positions: 3,
        liquidatable: 0,
        lag: 0,
    });
    observe(oracle(fine, None));
    observe(oracle(
        broken,
        Some(RejectReason::Reverted {
            error: "StaleAnswer(0x01, 1)".into(),
        }),
    ));

    // Degraded is 200 (a liveness probe must not restart the keeper over a feed), with the market listed.
    let (status, body) = get("/health").await;
    assert_eq!(status, 200, "{body}");
    let body: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(body["status"], "degraded");
    assert_eq!(body["head"], 9);
    let listed = body["degraded_markets"].as_array().unwrap();
    assert_eq!(listed.len(), 1, "{body}");
    assert_eq!(listed[0]["market"], broken.to_string());
    assert!(
        listed[0]["reason"]
            .as_str()
            .unwrap()
            .contains("StaleAnswer"),
        "{body}"
    );
    let (_, text) = get("/metrics").await;
    assert!(
        text.contains(&format!("cantilever_oracle_ok{{market=\"{broken}\"}} 0")),
        "{text}"
    );
    assert!(
        text.contains(&format!("cantilever_oracle_ok{{market=\"{fine}\"}} 1")),
        "{text}"
    );

    // It answers again: ok, nothing listed, the gauge back to 1.
    observe(oracle(broken, None));
    let (status, body) = get("/health").await;
    assert_eq!(status, 200);
    let body: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(body["status"], "ok");
    assert_eq!(body["degraded_markets"], serde_json::json!([]));
    let (_, text) = get("/metrics").await;
    assert!(
        text.contains(&format!("cantilever_oracle_ok{{market=\"{broken}\"}} 1")),
        "{text}"
    );
    task.abort();
}

#[tokio::test]
async fn bind_failure_is_reported() {
    let taken = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = taken.local_addr().unwrap();
    let err = serve(
        addr,
        Arc::new(Metrics::new()),
        Arc::new(HealthState::new(Duration::from_secs(1))),
        std::future::pending(),
    )
    .await
    .unwrap_err();
    assert!(
        matches!(err, TelemetryError::Bind { addr: a, .. } if a == addr),
        "{err:?}"
    );
}

#[test]
fn stale_callback_gets_the_age() {
    let ages = Arc::new(Mutex::new(Vec::new()));
    let sink = ages.clone();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()
        .unwrap();
    runtime.block_on(async {
        let health = Arc::new(HealthState::new(Duration::from_millis(10)));
        let task = tokio::spawn(watchdog(health, Duration::from_millis(5), move |age| {
            sink.lock().unwrap().push(age);
        }));
        tokio::time::sleep(Duration::from_millis(60)).await;
        task.abort();
    });
    let ages = ages.lock().unwrap();
    assert_eq!(ages.len(), 1);
    assert!(ages[0] >= Duration::from_millis(10));
}
