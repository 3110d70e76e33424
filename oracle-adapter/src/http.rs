//! Off-chain HTTP JSON price feeds, read with reqwest: a configurable URL and JSON path, a timeout,
//! retries with exponential backoff, and a rate limit.
//!
//! Numbers are read from the JSON text itself (never through a float) and truncated to the
//! configured decimals, so `"3000.123456789"` at 8 decimals is exactly `300012345678`.

use std::collections::BTreeMap;
use std::time::Duration;

use alloy::primitives::{I256, U256};
use serde_json::value::RawValue;
use tokio::sync::Mutex;
use tokio::time::Instant;
use tracing::debug;

use crate::reject::{RejectReason, snippet};
use crate::scale::pow10;
use crate::source::{BlockRef, Fetch, Observation, PriceSource, SourceKind, unix_now};

/// How to read one HTTP JSON feed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpConfig {
    /// The URL to `GET`.
    pub url: String,
    /// Dot-separated path to the price in the JSON body; numeric segments index arrays
    /// (`"data.prices.0.usd"`). The price may be a JSON number or a string holding one.
    pub price_path: String,
    /// Path to the answer's timestamp (unix seconds), if the feed reports one; otherwise the answer
    /// counts as computed when it was received.
    pub timestamp_path: Option<String>,
    /// Decimals the price is truncated to (rounded toward zero).
    pub decimals: u8,
    /// Limit on one request, connection to last body byte.
    pub timeout: Duration,
    /// Retries after a failed attempt (connection error, timeout, HTTP 429 or 5xx).
    pub retries: u32,
    /// Delay before the first retry; doubled for each further retry, up to `max_backoff`.
    pub backoff: Duration,
    /// Cap on the delay between retries.
    pub max_backoff: Duration,
    /// Rate limit: at least this long between the starts of two requests (retries included).
    pub min_interval: Duration,
    /// How often the stream polls the feed.
    pub poll_interval: Duration,
}

impl HttpConfig {
    /// A configuration with the given URL, path and decimals, and defaults: 2 s timeout, 2 retries
    /// from 100 ms backoff (capped at 2 s), at most one request per 100 ms, polled every second.
    pub fn new(url: impl Into<String>, price_path: impl Into<String>, decimals: u8) -> Self {
        Self {
            url: url.into(),
            price_path: price_path.into(),
            timestamp_path: None,
            decimals,
            timeout: Duration::from_secs(2),
            retries: 2,
            backoff: Duration::from_millis(100),
            max_backoff: Duration::from_secs(2),
            min_interval: Duration::from_millis(100),
            poll_interval: Duration::from_secs(1),
        }
    }
}

/// An HTTP JSON price feed.
#[derive(Debug)]
pub struct HttpSource {
    id: String,
    config: HttpConfig,
    client: reqwest::Client,
    /// When the last request started: the rate limiter's state.
    last_request: Mutex<Option<Instant>>,
    /// Requests sent and retries made, for the stream's metrics.
    requests: std::sync::atomic::AtomicU64,
    retries: std::sync::atomic::AtomicU64,
}

/// Why one attempt failed, and whether to try again.
struct Attempt {
    reason: RejectReason,
    retry: bool,
}

impl HttpSource {
    /// A feed read with `config`; fails only if the HTTP client cannot be built.
    pub fn new(id: impl Into<String>, config: HttpConfig) -> Result<Self, RejectReason> {
        let client = reqwest::Client::builder()
            .timeout(config.timeout)
            .build()
            .map_err(|e| RejectReason::Unavailable {
                detail: format!("building the HTTP client: {e}"),
            })?;
        Ok(Self {
            id: id.into(),
            config,
            client,
            last_request: Mutex::new(None),
            requests: Default::default(),
            retries: Default::default(),
        })
    }

    /// The configuration.
    pub fn config(&self) -> &HttpConfig {
        &self.config
    }

    /// Requests sent so far (retries included).
    pub fn requests(&self) -> u64 {
        self.requests.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// Retries made so far.
    pub fn retries(&self) -> u64 {
        self.retries.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// Reads the feed once, with retries.
    pub async fn read(&self) -> Result<Observation, RejectReason> {
        let mut delay = self.config.backoff;
        let mut attempt = 0;
        loop {
            match self.attempt().await {
                Ok(observation) => return Ok(observation),
                Err(Attempt { reason, retry }) => {
                    if !retry || attempt >= self.config.retries {
                        return Err(reason);
                    }
                    debug!(target: "oracle::http", source = %self.id, %reason, attempt, ?delay, "retrying");
                    attempt += 1;
                    self.retries
                        .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    tokio::time::sleep(delay).await;
                    delay = (delay * 2).min(self.config.max_backoff);
                }
            }
        }
    }

    /// Waits for the rate limit, then records a request as started.
    async fn rate_limit(&self) {
        let mut last = self.last_request.lock().await;
        if let Some(at) = *last {
            tokio::time::sleep_until(at + self.config.min_interval).await;
        }
        *last = Some(Instant::now());
    }

    async fn attempt(&self) -> Result<Observation, Attempt> {
        self.rate_limit().await;
        self.requests
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let transport = |e: reqwest::Error| Attempt {
            retry: true,
            reason: if e.is_timeout() {
                RejectReason::Timeout
            } else if e.is_body() || e.is_decode() {
                RejectReason::Malformed {
                    detail: format!("reading the body: {e}"),
                }
            } else {
                RejectReason::Unavailable {
                    detail: e.to_string(),
                }
            },
        };
        let response = self
            .client
            .get(&self.config.url)
            .send()
            .await
            .map_err(transport)?;
        let status = response.status();
        if !status.is_success() {
            return Err(Attempt {
                retry: status.is_server_error() || status.as_u16() == 429,
                reason: RejectReason::Unavailable {
                    detail: format!("HTTP {status}"),
                },
            });
        }
        let body = response.bytes().await.map_err(transport)?;
        let received = unix_now();
        let fail = |reason| Attempt {
            reason,
            retry: false,
        };
        let price = extract(&body, &self.config.price_path).map_err(fail)?;
        let answer = parse_scaled(price, self.config.decimals).map_err(fail)?;
        let updated_at = match &self.config.timestamp_path {
            None => received,
            Some(path) => {
                let text = extract(&body, path).map_err(fail)?;
                let t = parse_scaled(text, 0).map_err(fail)?;
                u64::try_from(t).map_err(|_| {
                    fail(RejectReason::OutOfRange {
                        text: snippet(text),
                    })
                })?
            }
        };
        Ok(Observation {
            answer,
            decimals: self.config.decimals,
            updated_at,
            started_at: updated_at,
            now: received,
            block: None,
        })
    }
}

impl PriceSource for HttpSource {
    fn id(&self) -> &str {
        &self.id
    }

    fn kind(&self) -> SourceKind {
        SourceKind::Http
    }

    fn fetch(&self, _at: Option<BlockRef>) -> Fetch<'_> {
        Box::pin(self.read())
    }

    fn poll_interval(&self) -> Option<Duration> {
        Some(self.config.poll_interval)
    }
}

/// The text of the number at `path` in `body`: a JSON number's literal, or a JSON string's
/// contents.
fn extract<'a>(body: &'a [u8], path: &str) -> Result<&'a str, RejectReason> {
    let malformed = |detail: String| RejectReason::Malformed { detail };
    let mut node: &RawValue =
        serde_json::from_slice(body).map_err(|e| malformed(format!("invalid JSON: {e}")))?;
    for segment in path.split('.').filter(|s| !s.is_empty()) {
        let text = node.get().trim_start();
        node = if text.starts_with('[') {
            let items: Vec<&RawValue> = serde_json::from_str(text)
                .map_err(|e| malformed(format!("at {segment:?}: {e}")))?;
            let index: usize = segment
                .parse()
                .map_err(|_| malformed(format!("{segment:?} indexes an array")))?;
            *items
                .get(index)
                .ok_or_else(|| malformed(format!("index {index} out of {}", items.len())))?
        } else if text.starts_with('{') {
            let fields: BTreeMap<String, &RawValue> = serde_json::from_str(text)
                .map_err(|e| malformed(format!("at {segment:?}: {e}")))?;
            *fields
                .get(segment)
                .ok_or_else(|| malformed(format!("no field {segment:?}")))?
        } else {
            return Err(malformed(format!("{segment:?} goes into a scalar")));
        };
    }
    let text = node.get().trim();
    if text.starts_with('"') {
        // A string: its contents, which must not need unescaping to be a number.
        let inner = &text[1..text.len() - 1];
        if inner.contains('\\') {
            return Err(RejectReason::NotANumber {
                text: snippet(inner),
            });
        }
        Ok(inner)
    } else {
        Ok(text)
    }
}

/// Largest `|exponent|` accepted in a number's text: far beyond any price, small enough that
/// scaling arithmetic cannot overflow.
const MAX_EXPONENT: i64 = 1_000;

/// `trunc(text * 10**decimals)` for a decimal number's text (`-12.5`, `3e3`, `0.001E+2`), exactly,
/// as a signed answer. Refuses `NaN`, infinities, hex, empty text and anything JSON would not call a
/// number ([`RejectReason::NotANumber`]), and results beyond a signed 256-bit answer
/// ([`RejectReason::OutOfRange`]).
pub fn parse_scaled(text: &str, decimals: u8) -> Result<I256, RejectReason> {
    let nan = || RejectReason::NotANumber {
        text: snippet(text),
    };
    let range = || RejectReason::OutOfRange {
        text: snippet(text),
    };
    let s = text.trim();
    let (negative, s) = match s.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, s.strip_prefix('+').unwrap_or(s)),
    };
    let (mantissa, exponent) = match s.find(['e', 'E']) {
        Some(i) => (&s[..i], Some(&s[i + 1..])),
        None => (s, None),
    };
    let (int, frac) = match mantissa.split_once('.') {
        Some((i, f)) => (i, f),
        None => (mantissa, ""),
    };
    let digits_ok = |d: &str| d.bytes().all(|b| b.is_ascii_digit());
    if int.len() + frac.len() == 0 || !digits_ok(int) || !digits_ok(frac) {
        return Err(nan());
    }
    if int.bytes().chain(frac.bytes()).all(|b| b == b'0') {
        // Zero, whatever the exponent (once it is well-formed).
        if let Some(e) = exponent {
            let digits = e.strip_prefix(['+', '-']).unwrap_or(e);
            if digits.is_empty() || !digits_ok(digits) {
                return Err(nan());
            }
        }
        return Ok(I256::ZERO);
    }
    let exponent: i64 = match exponent {
        None => 0,
        Some(e) => {
            let digits = e.strip_prefix(['+', '-']).unwrap_or(e);
            if digits.is_empty() || !digits_ok(digits) {
                return Err(nan());
            }
            // Any exponent beyond the bound is out of range (or zero, for a zero mantissa).
            e.parse::<i64>()
                .ok()
                .filter(|x| x.abs() <= MAX_EXPONENT)
                .ok_or_else(range)?
        }
    };
    let digits: String = format!("{int}{frac}");
    let digits = digits.trim_start_matches('0');
    // value = digits * 10**(exponent - frac.len()); scaled = value * 10**decimals.
    let shift = exponent - i64::try_from(frac.len()).map_err(|_| range())? + i64::from(decimals);
    let magnitude = if digits.is_empty() {
        U256::ZERO
    } else if shift >= 0 {
        // More than 78 digits cannot fit a U256.
        if digits.len() as i64 + shift > 78 {
            return Err(range());
        }
        let m: U256 = digits.parse().map_err(|_| range())?;
        let factor = pow10(u32::try_from(shift).map_err(|_| range())?).ok_or_else(range)?;
        m.checked_mul(factor).ok_or_else(range)?
    } else {
        let keep = digits.len() as i64 + shift;
        if keep <= 0 {
            U256::ZERO
        } else {
            let kept = &digits[..usize::try_from(keep).map_err(|_| range())?];
            if kept.len() > 78 {
                return Err(range());
            }
            kept.parse().map_err(|_| range())?
        }
    };
    let answer = I256::try_from(magnitude).map_err(|_| range())?;
    Ok(if negative { -answer } else { answer })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(text: &str, decimals: u8) -> String {
        parse_scaled(text, decimals).unwrap().to_string()
    }

    #[test]
    fn parse_scaled_exact() {
        let cases = [
            ("3000.123456789", 8, "300012345678"),
            ("3000", 8, "300000000000"),
            ("0.00000001", 8, "1"),
            ("0.000000019", 8, "1"),
            ("0.000000009", 8, "0"),
            ("3e3", 0, "3000"),
            ("3E+3", 2, "300000"),
            ("12345e-2", 1, "1234"),
            ("-1.5", 1, "-15"),
            ("-0", 8, "0"),
            ("+7", 0, "7"),
            ("0e999999999999", 0, "0"),
            (".5", 1, "5"),
            ("5.", 1, "50"),
            ("000123", 0, "123"),
        ];
        for (text, decimals, want) in cases {
            assert_eq!(ok(text, decimals), want, "{text}");
        }
    }

    #[test]
    fn parse_scaled_refuses() {
        for text in [
            "NaN",
            "nan",
            "Infinity",
            "-Infinity",
            "inf",
            "",
            "-",
            ".",
            "0x10",
            "1,5",
            "1e",
            "1e+",
            "1.2.3",
            "true",
            "null",
            "1 2",
            "١٢",
        ] {
            assert!(
                matches!(parse_scaled(text, 8), Err(RejectReason::NotANumber { .. })),
                "{text:?}: {:?}",
                parse_scaled(text, 8)
            );
        }
        let huge = "9".repeat(80);
        for text in [
            huge.as_str(),
            "1e77",
            "1e400",
            "1e-99999999999",
            "1e99999999999",
        ] {
            assert!(
                matches!(parse_scaled(text, 8), Err(RejectReason::OutOfRange { .. })),
                "{text:?}: {:?}",
                parse_scaled(text, 8)
            );
        }
        // Fits a U256 but not a signed answer.
        let above_i256: U256 = U256::from(1) << 255usize;
        assert!(matches!(
            parse_scaled(&above_i256.to_string(), 0),
            Err(RejectReason::OutOfRange { .. })
        ));
        assert_eq!(parse_scaled(&I256::MAX.to_string(), 0).unwrap(), I256::MAX);
    }

    #[test]
    fn extract_paths() {
        let body =
            br#"{"data":{"prices":[{"usd":"3000.5"},{"usd":12}]},"t":1700000000,"e":"a\"b"}"#;
        assert_eq!(extract(body, "data.prices.0.usd").unwrap(), "3000.5");
        assert_eq!(extract(body, "data.prices.1.usd").unwrap(), "12");
        assert_eq!(extract(body, "t").unwrap(), "1700000000");
        for path in ["data.prices.2.usd", "data.nope", "t.x", "data.prices.x"] {
            assert!(
                matches!(extract(body, path), Err(RejectReason::Malformed { .. })),
                "{path}"
            );
        }
        assert!(matches!(
            extract(body, "e"),
            Err(RejectReason::NotANumber { .. })
        ));
        for bad in [
            &b"{\"data\":"[..],
            b"",
            b"{\"p\": NaN}",
            b"not json",
            b"{\"p\":1}}",
        ] {
            assert!(
                matches!(extract(bad, "p"), Err(RejectReason::Malformed { .. })),
                "{:?}",
                String::from_utf8_lossy(bad)
            );
        }
    }
}
