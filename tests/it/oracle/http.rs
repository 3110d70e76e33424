//! HTTP JSON price feeds against a real HTTP server on loopback: every kind of bad input becomes a
//! typed rejection and the stream keeps going; retries back off, the rate limit holds, and medians
//! trip their circuit breaker.

use std::sync::Arc;
use std::time::{Duration, Instant};

use alloy::primitives::{B256, I256, U256};
use cantilever_oracle_adapter::{
    FeedPolicy, HttpConfig, HttpSource, MedianSpec, PriceEvent, PriceStream, RejectKind,
    RejectReason, SourceKind, StreamConfig,
};
use cantilever_tests::feeds::{FeedServer, Reply, drain, wait_for};

use crate::TestResult;

const WAIT: Duration = Duration::from_secs(5);

fn body(price: &str) -> Reply {
    Reply::Json(200, format!(r#"{{"data":{{"price":{price}}},"ok":true}}"#))
}

fn config(url: &str) -> HttpConfig {
    HttpConfig {
        timeout: Duration::from_millis(300),
        retries: 1,
        backoff: Duration::from_millis(20),
        max_backoff: Duration::from_millis(50),
        min_interval: Duration::from_millis(5),
        poll_interval: Duration::from_millis(40),
        ..HttpConfig::new(url, "data.price", 8)
    }
}

/// Answers strictly between 0 and 1e12 (8 decimals: up to 10 000), one hour heartbeat.
fn policy() -> FeedPolicy {
    FeedPolicy::new(3600, I256::ZERO, I256::try_from(10u64.pow(12)).unwrap(), 8)
}

fn is_update(event: &PriceEvent, source: &str, value: u64) -> bool {
    matches!(event, PriceEvent::Update(u)
        if &*u.source == source && u.new.value == U256::from(value) && !u.is_speculative())
}

fn is_rejected(event: &PriceEvent, source: &str, kind: RejectKind) -> bool {
    matches!(event, PriceEvent::Rejected(r) if &*r.source == source && r.reason.kind() == kind)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn http_feed_survives_every_bad_input() -> TestResult {
    let market = B256::repeat_byte(7);
    let server = FeedServer::start(body(r#""3000.12345678""#)).await?;
    let source = Arc::new(HttpSource::new("http:ETH/USD", config(server.url()))?);
    let mut stream = PriceStream::builder()
        .feed(source.clone(), policy(), vec![market])
        .config(StreamConfig::default())
        .spawn()?;
    let (first, _) = wait_for(&mut stream, WAIT, |e| {
        is_update(e, "http:ETH/USD", 300_012_345_678)
    })
    .await?;
    let PriceEvent::Update(first) = first else {
        unreachable!()
    };
    assert_eq!(first.kind, SourceKind::Http);
    assert_eq!(&*first.markets, &[market]);
    assert_eq!(first.old, None);
    assert_eq!(first.block, None);
    assert_eq!(first.new.to_decimal(), Some("3000.12345678".parse()?));

    let huge = format!("\"{}\"", "9".repeat(100));
    let bad: Vec<(&str, Reply, RejectKind)> = vec![
        (
            "malformed JSON",
            Reply::Json(200, r#"{"data": {"price": 30"#.into()),
            RejectKind::Malformed,
        ),
        (
            "truncated body",
            Reply::Truncated(r#"{"data":{"price":"3000"}}"#.into()),
            RejectKind::Malformed,
        ),
        (
            "empty body",
            Reply::Json(200, String::new()),
            RejectKind::Malformed,
        ),
        (
            "missing path",
            Reply::Json(200, r#"{"data":{}}"#.into()),
            RejectKind::Malformed,
        ),
        (
            "NaN literal (invalid JSON)",
            body("NaN"),
            RejectKind::Malformed,
        ),
        ("\"NaN\" string", body(r#""NaN""#), RejectKind::NotANumber),
        (
            "\"Infinity\" string",
            body(r#""Infinity""#),
            RejectKind::NotANumber,
        ),
        ("boolean", body("true"), RejectKind::NotANumber),
        ("null", body("null"), RejectKind::NotANumber),
        ("huge exponent", body("1e400"), RejectKind::OutOfRange),
        ("100-digit number", body(&huge), RejectKind::OutOfRange),
        ("negative", body("-3000.5"), RejectKind::NonPositive),
        ("zero", body("0"), RejectKind::NonPositive),
        (
            "below one unit",
            body("0.000000001"),
            RejectKind::NonPositive,
        ),
        ("above max bound", body("1e13"), RejectKind::OutOfBounds),
        (
            "HTTP 500",
            Reply::Json(500, "oops".into()),
            RejectKind::Unavailable,
        ),
        (
            "HTTP 404",
            Reply::Json(404, "{}".into()),
            RejectKind::Unavailable,
        ),
        ("hang", Reply::Hang, RejectKind::Timeout),
    ];
    let metrics = stream.metrics();
    for (i, (name, reply, kind)) in bad.into_iter().enumerate() {
        server.set(reply);
        let (event, skipped) =
            wait_for(&mut stream, WAIT, |e| matches!(e, PriceEvent::Rejected(_)))
                .await
                .map_err(|e| format!("{name}: {e}"))?;
        assert!(
            is_rejected(&event, "http:ETH/USD", kind),
            "{name}: {event:?}"
        );
        assert!(skipped.is_empty(), "{name}: unexpected {skipped:?}");
        let PriceEvent::Rejected(r) = &event else {
            unreachable!()
        };
        assert!(
            r.last.is_some(),
            "{name}: the last trusted price is reported"
        );
        // Recovery: a new price is an update again.
        let value = 300_000_000_000 + i as u64;
        server.set(body(&format!(
            "\"{}\"",
            cantilever_oracle_adapter::Price::new(U256::from(value), 8).unwrap()
        )));
        let (event, skipped) = wait_for(&mut stream, WAIT, |e| matches!(e, PriceEvent::Update(_)))
            .await
            .map_err(|e| format!("{name} recovery: {e}"))?;
        assert!(
            is_update(&event, "http:ETH/USD", value),
            "{name}: {event:?}"
        );
        assert!(
            skipped.is_empty(),
            "{name} recovery: unexpected {skipped:?}"
        );
        assert!(metrics.rejections_of(kind) >= 1, "{name}: counted");
    }

    // A rejection is sent (and logged) once per transition, however many polls repeat it.
    server.set(body(r#""-1""#));
    let (event, _) = wait_for(&mut stream, WAIT, |e| matches!(e, PriceEvent::Rejected(_))).await?;
    assert!(is_rejected(&event, "http:ETH/USD", RejectKind::NonPositive));
    let before = metrics.rejections_of(RejectKind::NonPositive);
    let repeats = drain(&mut stream, Duration::from_millis(300)).await;
    assert!(repeats.is_empty(), "repeated: {repeats:?}");
    assert!(
        metrics.rejections_of(RejectKind::NonPositive) >= before + 3,
        "still counted per poll"
    );
    assert!(source.retries() > 0, "500s and hangs were retried");
    eprintln!(
        "http: {} requests, {} retries, {} rejections sent",
        source.requests(),
        source.retries(),
        metrics
            .rejection_transitions
            .load(std::sync::atomic::Ordering::Relaxed)
    );
    stream.shutdown();
    Ok(())
}

#[tokio::test]
async fn retries_back_off_and_rate_limit_holds() -> TestResult {
    let server = FeedServer::start(Reply::Json(503, "busy".into())).await?;
    let source = HttpSource::new(
        "busy",
        HttpConfig {
            retries: 3,
            backoff: Duration::from_millis(40),
            max_backoff: Duration::from_millis(60),
            min_interval: Duration::ZERO,
            ..config(server.url())
        },
    )?;
    let start = Instant::now();
    let result = source.read().await;
    assert!(
        matches!(&result, Err(RejectReason::Unavailable { detail }) if detail.contains("503")),
        "{result:?}"
    );
    assert_eq!((source.requests(), source.retries()), (4, 3));
    // Backoff 40, 60 (capped), 60 ms.
    assert!(
        start.elapsed() >= Duration::from_millis(160),
        "{:?}",
        start.elapsed()
    );
    let gaps: Vec<Duration> = server.requests().windows(2).map(|w| w[1] - w[0]).collect();
    assert!(
        gaps[0] >= Duration::from_millis(35) && gaps[1] >= Duration::from_millis(55),
        "{gaps:?}"
    );

    // A 4xx is not retried.
    server.set(Reply::Json(400, "no".into()));
    let before = source.requests();
    assert!(source.read().await.is_err());
    assert_eq!(source.requests(), before + 1);

    // Rate limit: back-to-back reads are spaced by min_interval.
    server.set(body("1"));
    let limited = HttpSource::new(
        "limited",
        HttpConfig {
            min_interval: Duration::from_millis(80),
            ..config(server.url())
        },
    )?;
    let seen = server.requests().len();
    for _ in 0..4 {
        assert_eq!(limited.read().await?.answer, I256::try_from(100_000_000)?);
    }
    let times = server.requests();
    for w in times[seen..].windows(2) {
        assert!(
            w[1] - w[0] >= Duration::from_millis(75),
            "{:?}",
            w[1] - w[0]
        );
    }
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn median_of_http_feeds_trips_its_circuit_breaker() -> TestResult {
    let market = B256::repeat_byte(1);
    let servers = [
        FeedServer::start(body("100")).await?,
        FeedServer::start(body("101")).await?,
        FeedServer::start(body("102")).await?,
    ];
    let mut builder = PriceStream::builder();
    let mut members = Vec::new();
    for (i, s) in servers.iter().enumerate() {
        let id = format!("http:{i}");
        builder = builder.feed(
            Arc::new(HttpSource::new(&id, config(s.url()))?),
            policy(),
            vec![],
        );
        members.push(id);
    }
    let mut stream = builder
        .median(MedianSpec {
            id: "median".into(),
            members,
            min_sources: 2,
            max_deviation_bps: 500,
            markets: vec![market],
        })
        .spawn()?;
    let e8 = 100_000_000u64;
    wait_for(&mut stream, WAIT, |e| is_update(e, "median", 101 * e8)).await?;

    // One feed runs away: 100..200 around a median of 101 is far beyond 5%.
    servers[2].set(body("200"));
    let (event, _) = wait_for(&mut stream, WAIT, |e| {
        is_rejected(e, "median", RejectKind::Deviation)
    })
    .await?;
    let PriceEvent::Rejected(r) = event else {
        unreachable!()
    };
    assert_eq!(&*r.markets, &[market]);
    assert!(matches!(
        r.reason,
        RejectReason::Deviation { max_bps: 500, .. }
    ));

    // It then fails outright: the two others agree, the median is their mean (rounded down).
    servers[2].set(Reply::Json(500, String::new()));
    wait_for(&mut stream, WAIT, |e| {
        is_update(e, "median", 100 * e8 + e8 / 2)
    })
    .await?;

    // Below quorum.
    servers[1].set(Reply::Json(500, String::new()));
    let (event, _) = wait_for(&mut stream, WAIT, |e| {
        is_rejected(e, "median", RejectKind::Quorum)
    })
    .await?;
    let PriceEvent::Rejected(r) = event else {
        unreachable!()
    };
    assert_eq!(
        r.reason,
        RejectReason::Quorum {
            healthy: 1,
            required: 2
        }
    );
    stream.shutdown();
    Ok(())
}
