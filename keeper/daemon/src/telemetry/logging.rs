//! Logs to stderr, as human-readable lines or JSON lines for a log shipper.

use std::fmt;
use std::str::FromStr;

use serde::Deserialize;
use tracing_subscriber::EnvFilter;
use tracing_subscriber::util::SubscriberInitExt;

use super::error::TelemetryError;

/// How log lines are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    /// Human-readable lines.
    #[default]
    Pretty,
    /// One JSON object per line.
    Json,
}

impl FromStr for LogFormat {
    type Err = String;
    fn from_str(text: &str) -> Result<Self, String> {
        match text {
            "pretty" => Ok(Self::Pretty),
            "json" => Ok(Self::Json),
            other => Err(format!(
                "unknown log format {other:?} (expected \"pretty\" or \"json\")"
            )),
        }
    }
}

impl fmt::Display for LogFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Pretty => "pretty",
            Self::Json => "json",
        })
    }
}

/// The filter: `RUST_LOG` when set (an operator debugging wins over the config), else `level`.
pub fn filter(level: &str, rust_log: Option<&str>) -> Result<EnvFilter, TelemetryError> {
    let spec = rust_log.filter(|s| !s.trim().is_empty()).unwrap_or(level);
    EnvFilter::builder()
        .parse(spec)
        .map_err(|e| TelemetryError::BadFilter {
            filter: spec.to_owned(),
            message: e.to_string(),
        })
}

/// Installs the global subscriber, writing to stderr so stdout stays free for command output.
pub fn init_logging(format: LogFormat, level: &str) -> Result<(), TelemetryError> {
    let rust_log = std::env::var("RUST_LOG").ok();
    let filter = filter(level, rust_log.as_deref())?;
    subscriber(format, filter, std::io::stderr)
        .try_init()
        .map_err(|e| TelemetryError::AlreadyInitialised(e.to_string()))
}

/// The subscriber [`init_logging`] installs, writing to `writer`. Every line carries the fields of the spans it
/// is logged in (the daemon's `step` span gives each line of a step its `block`): in the pretty format as
/// `step{block=..}:`, in JSON as `"span"` (the innermost) and `"spans"` (all of them).
pub fn subscriber<W>(
    format: LogFormat,
    filter: EnvFilter,
    writer: W,
) -> Box<dyn tracing::Subscriber + Send + Sync>
where
    W: for<'w> tracing_subscriber::fmt::MakeWriter<'w> + Send + Sync + 'static,
{
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(writer);
    match format {
        LogFormat::Pretty => Box::new(builder.finish()),
        LogFormat::Json => Box::new(
            builder
                .json()
                .flatten_event(true)
                .with_current_span(true)
                .with_span_list(true)
                .finish(),
        ),
    }
}
