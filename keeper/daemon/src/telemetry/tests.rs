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
    // A method no other test fails (the count is process-wide).
    m.rpc_error("test_everyMetric");
    m.rpc_error("test_everyMetric");
    m.index_lag_blocks.set(7);
    m.head_block.set(1_234);
    m.head_age_seconds.set(0.5);
    m.set_oracle("0x01", true);
    m.set_oracle("0x02", false);
    m.oracle_event("update");
    m.oracle_event("update");
    m.oracle_event("rejected");
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
        "cantilever_rpc_errors_total{method=\"test_everyMetric\"} 2",
        "cantilever_index_lag_blocks 7",
        "cantilever_head_block 1234",
        "cantilever_head_age_seconds 0.5",
        "cantilever_oracle_ok{market=\"0x01\"} 1",
        "cantilever_oracle_ok{market=\"0x02\"} 0",
        "cantilever_oracle_events_total{kind=\"update\"} 2",
        "cantilever_oracle_events_total{kind=\"rejected\"} 1",
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

    // The oracle trigger's events are counted by kind, and a feed it refuses does not degrade the health: the
    // markets' oracles themselves say that.
    let price = cantilever_oracle_adapter::Price {
        value: alloy::primitives::U256::from(2_000u64),
        decimals: 8,
    };
    let update = |speculative| crate::KeeperEvent::OracleUpdate {
        source: "feed 0xfe".into(),
        markets: vec![broken].into(),
        block: Some(10),
        price,
        speculative,
    };
    observe(update(None));
    observe(update(Some(B256::repeat_byte(0x77))));
    observe(crate::KeeperEvent::OracleRejected {
        source: "feed 0xfe".into(),
        markets: vec![broken].into(),
        block: Some(10),
        reason: RejectReason::Timeout,
    });
    let (_, body) = get("/health").await;
    let body: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(body["status"], "ok");
    let (_, text) = get("/metrics").await;
    for kind in ["update", "speculative", "rejected"] {
        let line = format!("cantilever_oracle_events_total{{kind=\"{kind}\"}} 1");
        assert!(text.contains(&line), "no {line:?} in\n{text}");
    }
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

/// A metrics server on a free local port; stops when the returned sender is dropped.
async fn metrics_server(metrics: Arc<Metrics>) -> (String, tokio::sync::oneshot::Sender<()>) {
    let health = Arc::new(HealthState::new(Duration::from_secs(60)));
    let (stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
    let (addr, _task) = serve(
        "127.0.0.1:0".parse().unwrap(),
        metrics,
        health,
        async move {
            let _ = stop_rx.await;
        },
    )
    .await
    .unwrap();
    (format!("http://{addr}/metrics"), stop_tx)
}

/// `GET url` over a real connection: the exposition text.
async fn scrape(url: &str) -> String {
    let response = reqwest::get(url).await.unwrap();
    assert_eq!(response.status(), 200);
    response.text().await.unwrap()
}

/// The value of the sample `series` (name and labels, exactly as exposed) in `text`.
fn sample(text: &str, series: &str) -> Option<f64> {
    text.lines()
        .find_map(|l| l.strip_prefix(series)?.strip_prefix(' ')?.parse().ok())
}

/// A URL where nothing listens: a port bound, then released.
fn closed_port_url() -> reqwest::Url {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    drop(listener);
    format!("http://127.0.0.1:{port}").parse().unwrap()
}

fn provider_at(url: reqwest::Url) -> alloy::providers::DynProvider {
    use alloy::providers::{Provider, ProviderBuilder};
    ProviderBuilder::new()
        .disable_recommended_fillers()
        .connect_http(url)
        .erased()
}

fn rpc_error_count(method: &str) -> u64 {
    rpc::rpc_errors()
        .get_or_create(&metrics::MethodLabel {
            method: method.to_owned(),
        })
        .get()
}

fn empty_deployment() -> cantilever_primitives::Deployment {
    cantilever_primitives::Deployment {
        chain_id: 31_337,
        deploy_block: 0,
        core: alloy::primitives::Address::repeat_byte(0xc0),
        lens: alloy::primitives::Address::ZERO,
        rate_model: alloy::primitives::Address::ZERO,
        markets: Vec::new(),
        tokens: Default::default(),
        feeds: Default::default(),
        periphery: None,
        pools: Default::default(),
    }
}

/// Calls to a node that is not there fail, and each failed call is counted once by method where it failed,
/// whoever made it (a direct read, the position index's sync), also through a provider wrapped twice; the
/// counts are what `/metrics` serves over HTTP.
#[tokio::test]
async fn failed_rpc_calls_are_counted_by_method_and_served() {
    use alloy::providers::Provider;
    let provider = count_rpc_errors(count_rpc_errors(provider_at(closed_port_url())));
    let before = rpc_error_count("eth_blockNumber");
    assert!(provider.get_block_number().await.is_err());
    assert_eq!(rpc_error_count("eth_blockNumber"), before + 1);
    // The position index's sync over the same provider: its first call fails and is counted.
    let mut index = cantilever_index::PositionIndex::in_memory(
        &empty_deployment(),
        cantilever_index::IndexConfig::default(),
    );
    let error = index.sync(&provider).await.unwrap_err();
    let method = match &error {
        cantilever_index::IndexError::Rpc { method, .. } => *method,
        other => panic!("expected an RPC error, got {other:?}"),
    };
    assert!(rpc_error_count(method) >= 1, "{method} not counted");

    let metrics = Arc::new(Metrics::new());
    let (url, _stop) = metrics_server(metrics).await;
    let text = scrape(&url).await;
    let series = "cantilever_rpc_errors_total{method=\"eth_blockNumber\"}";
    let served = sample(&text, series).unwrap_or_else(|| panic!("no {series} in\n{text}"));
    assert!(served >= (before + 1) as f64, "{served} in\n{text}");
}

/// A reverted call is the node answering, not an RPC error; a successful call counts nothing either.
#[tokio::test]
async fn answered_calls_count_nothing() {
    use alloy::providers::Provider;
    use alloy::rpc::types::TransactionRequest;
    let Some(anvil) = TestAnvil::spawn() else {
        return;
    };
    let provider = count_rpc_errors(anvil.ready().await);
    let (blocks, calls) = (
        rpc_error_count("eth_blockNumber"),
        rpc_error_count("eth_call"),
    );
    provider.get_block_number().await.unwrap();
    // Init code `PUSH1 0 PUSH1 0 REVERT`: the call reverts.
    let reverting = TransactionRequest::default().input(vec![0x60, 0x00, 0x60, 0x00, 0xfd].into());
    let error = provider.call(reverting).await.unwrap_err();
    assert!(error.to_string().contains("revert"), "{error}");
    assert_eq!(rpc_error_count("eth_blockNumber"), blocks);
    assert_eq!(rpc_error_count("eth_call"), calls);
}

/// anvil from the pinned npm toolchain (`npm ci`), on a free port; killed on drop.
struct TestAnvil {
    child: std::process::Child,
    url: reqwest::Url,
}

impl TestAnvil {
    /// `None` (with a note) only when `CANTILEVER_SKIP_ANVIL` is set; a missing anvil otherwise fails the test.
    fn spawn() -> Option<Self> {
        if std::env::var_os("CANTILEVER_SKIP_ANVIL").is_some() {
            eprintln!("CANTILEVER_SKIP_ANVIL set: skipped");
            return None;
        }
        let bin = concat!(env!("CARGO_MANIFEST_DIR"), "/../../node_modules/.bin/anvil");
        let url = closed_port_url();
        let child = std::process::Command::new(bin)
            .args(["--port", &url.port().unwrap().to_string(), "--silent"])
            .stdout(std::process::Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("starting {bin} (npm ci installs it): {e}"));
        Some(Self { child, url })
    }

    async fn ready(&self) -> alloy::providers::DynProvider {
        use alloy::providers::Provider;
        let provider = provider_at(self.url.clone());
        for _ in 0..200 {
            if provider.get_block_number().await.is_ok() {
                return provider;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("anvil did not answer at {}", self.url);
    }
}

impl Drop for TestAnvil {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The index synced to the head shows no lag; blocks mined after it show as lag, served over HTTP; a sync
/// brings it back to zero.
#[tokio::test]
async fn index_lag_is_the_head_past_the_synced_block() {
    use alloy::providers::Provider;
    let Some(anvil) = TestAnvil::spawn() else {
        return;
    };
    let provider = anvil.ready().await;
    let mut index = cantilever_index::PositionIndex::in_memory(
        &empty_deployment(),
        cantilever_index::IndexConfig::default(),
    );
    let metrics = Arc::new(Metrics::new());
    let (url, _stop) = metrics_server(metrics.clone()).await;
    let lag =
        |index: &cantilever_index::PositionIndex, head: u64| crate::live::index_lag(head, index);

    index.sync(&provider).await.unwrap();
    let head = provider.get_block_number().await.unwrap();
    metrics.set_index_lag(head, index.head().unwrap().number);
    assert_eq!(lag(&index, head), 0);
    assert_eq!(
        sample(&scrape(&url).await, "cantilever_index_lag_blocks"),
        Some(0.0)
    );

    // The node makes 5 blocks the index has not seen.
    let _: serde_json::Value = provider
        .raw_request("anvil_mine".into(), (5u64,))
        .await
        .unwrap();
    let head = provider.get_block_number().await.unwrap();
    assert_eq!(lag(&index, head), 5);
    metrics.set_index_lag(head, index.head().unwrap().number);
    assert_eq!(
        sample(&scrape(&url).await, "cantilever_index_lag_blocks"),
        Some(5.0)
    );

    index.sync(&provider).await.unwrap();
    let head = provider.get_block_number().await.unwrap();
    assert_eq!(index.head().unwrap().number, head);
    metrics.set_index_lag(head, index.head().unwrap().number);
    assert_eq!(
        sample(&scrape(&url).await, "cantilever_index_lag_blocks"),
        Some(0.0)
    );
}

/// Realised profit from the keeper's events is served per loan token, each in its own whole units (6-decimal
/// USDC, 8-decimal WBTC): never one sum.
#[tokio::test]
async fn realised_profit_is_served_per_token() {
    use alloy::primitives::{B256, U256};
    let metrics = Arc::new(Metrics::new());
    let health = HealthState::new(Duration::from_secs(60));
    let (usdc_market, wbtc_market) = (B256::repeat_byte(1), B256::repeat_byte(2));
    let loan_token = |m: &B256| {
        if *m == usdc_market {
            ("USDC".to_owned(), 6)
        } else {
            ("WBTC".to_owned(), 8)
        }
    };
    for (market, amount) in [
        (usdc_market, 12_500_000u64),
        (wbtc_market, 25_000_000),
        (usdc_market, 1_000_000),
    ] {
        crate::observe::observe(
            &metrics,
            &health,
            &crate::KeeperEvent::Profit {
                market,
                amount: U256::from(amount),
            },
            loan_token,
        );
    }
    let (url, _stop) = metrics_server(metrics).await;
    let text = scrape(&url).await;
    assert_eq!(
        sample(&text, "cantilever_profit_realised{token=\"USDC\"}"),
        Some(13.5),
        "{text}"
    );
    assert_eq!(
        sample(&text, "cantilever_profit_realised{token=\"WBTC\"}"),
        Some(0.25),
        "{text}"
    );
    assert_eq!(
        text.lines()
            .filter(|l| l.starts_with("cantilever_profit_realised{"))
            .count(),
        2,
        "{text}"
    );
}

/// A real price stream watching a node that is not there: its failed calls show in its own exported counters
/// and, through the counting transport, in `cantilever_rpc_errors_total`.
#[tokio::test]
async fn the_price_streams_counters_are_served() {
    use cantilever_oracle_adapter::metrics::StreamMetrics;
    use cantilever_oracle_adapter::{PriceStream, StreamConfig};
    let metrics = Arc::new(Metrics::new());
    let (url, _stop) = metrics_server(metrics.clone()).await;
    // Nothing exported before a stream is attached.
    assert!(!scrape(&url).await.contains("oracle_stream"));

    let stream = PriceStream::builder()
        .provider(count_rpc_errors(provider_at(closed_port_url())))
        .config(StreamConfig {
            poll_interval: Duration::from_millis(20),
            watch_pending: true,
            ..StreamConfig::default()
        })
        .spawn()
        .unwrap();
    let counters = stream.metrics();
    metrics.export_stream(counters.clone());
    for _ in 0..200 {
        if StreamMetrics::get(&counters.rpc_errors) >= 2 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    let text = scrape(&url).await;
    let served = sample(&text, "cantilever_oracle_stream_rpc_errors_total").unwrap_or(0.0);
    assert!(served >= 2.0, "{text}");
    assert!(served <= StreamMetrics::get(&counters.rpc_errors) as f64);
    for series in [
        "cantilever_oracle_stream_observations_total",
        "cantilever_oracle_stream_updates_total",
        "cantilever_oracle_stream_blocks_total",
        "cantilever_oracle_stream_rejections_total{kind=\"stale\"}",
    ] {
        assert!(sample(&text, series).is_some(), "no {series} in\n{text}");
    }
    // The stream's calls went through the counting transport too.
    assert!(
        text.lines()
            .any(|l| l.starts_with("cantilever_rpc_errors_total{method=\"eth_")),
        "{text}"
    );
    stream.shutdown();
}

/// A writer into a shared buffer, for capturing log lines.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl std::io::Write for Captured {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'w> tracing_subscriber::fmt::MakeWriter<'w> for Captured {
    type Writer = Self;
    fn make_writer(&'w self) -> Self {
        self.clone()
    }
}

/// Lines logged inside the daemon's `step` span (as `Keeper::step` opens it) carry its block number, in both
/// formats, and lines logged after it do not.
#[test]
fn log_lines_inherit_the_step_spans_block() {
    for format in [LogFormat::Json, LogFormat::Pretty] {
        let captured = Captured::default();
        let subscriber = logging::subscriber(
            format,
            logging::filter("info", None).unwrap(),
            captured.clone(),
        );
        tracing::subscriber::with_default(subscriber, || {
            let span = tracing::info_span!(target: "cantilever::keeper", "step", block = 4_242u64);
            span.in_scope(|| {
                tracing::info!(target: "cantilever::keeper", borrower = "0xb0", "liquidatable");
            });
            tracing::info!(target: "cantilever::keeper", "between steps");
        });
        let text = without_ansi(&String::from_utf8(captured.0.lock().unwrap().clone()).unwrap());
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 2, "{text}");
        match format {
            LogFormat::Json => {
                let inside: serde_json::Value = serde_json::from_str(lines[0]).unwrap();
                assert_eq!(inside["message"], "liquidatable", "{text}");
                assert_eq!(inside["span"]["name"], "step", "{text}");
                assert_eq!(inside["span"]["block"], 4_242, "{text}");
                assert_eq!(inside["spans"][0]["block"], 4_242, "{text}");
                let after: serde_json::Value = serde_json::from_str(lines[1]).unwrap();
                assert!(after.get("span").is_none(), "{text}");
            }
            LogFormat::Pretty => {
                assert!(lines[0].contains("step{block=4242}"), "{text}");
                assert!(lines[0].contains("liquidatable"), "{text}");
                assert!(!lines[1].contains("block=4242"), "{text}");
            }
        }
    }
}

/// `text` without ANSI colour sequences (`ESC [ ... m`).
fn without_ansi(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            for c in chars.by_ref() {
                if c == 'm' {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}
