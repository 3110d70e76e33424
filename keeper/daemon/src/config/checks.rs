//! The checks that need no node: shapes and limits right after loading, and agreement with the deployment.

use reqwest::Url;

use super::error::{ConfigError, Result};
use super::file::{
    ChainSection, Config, ExecutorSection, MarketsSection, OracleSection, TelemetrySection,
};
use super::secret::{KeyRef, PasswordRef};
use cantilever_exec::MIN_BUMP_PERCENT;
use cantilever_index::IndexConfig;
use cantilever_planner::StrategyParams;
use cantilever_primitives::deployment::Deployment;

/// Parses an http(s) URL, naming `origin` on failure.
pub(crate) fn parse_http_url(text: &str, origin: String) -> Result<Url> {
    parse_url(text, origin, &["http", "https"])
}

/// Parses the node's URL: http(s), or ws(s) for subscriptions; naming `origin` on failure.
pub(crate) fn parse_rpc_url(text: &str, origin: String) -> Result<Url> {
    parse_url(text, origin, &["http", "https", "ws", "wss"])
}

fn parse_url(text: &str, origin: String, schemes: &[&str]) -> Result<Url> {
    let bad = |reason: String| ConfigError::BadUrl {
        origin: origin.clone(),
        url: text.to_owned(),
        reason,
    };
    let url = Url::parse(text).map_err(|e| bad(e.to_string()))?;
    if !schemes.contains(&url.scheme()) {
        let scheme = url.scheme();
        return Err(bad(format!(
            "scheme {scheme:?} is not one of {}",
            schemes.join(", ")
        )));
    }
    if url.host().is_none() {
        return Err(bad("no host".into()));
    }
    Ok(url)
}

fn limit(field: &'static str, value: impl ToString, reason: &'static str) -> ConfigError {
    ConfigError::Limit {
        field,
        value: value.to_string(),
        reason,
    }
}

impl Config {
    /// Everything that can be checked without the deployment or a node.
    pub(crate) fn check_static(&self) -> Result<()> {
        parse_rpc_url(&self.chain.rpc_url, self.origins.of("chain.rpc_url"))?;
        if let Some(relay) = &self.executor.relay_url {
            parse_http_url(relay, self.origins.of("executor.relay_url"))?;
        }
        self.check_secret_refs()?;
        self.check_limits()
    }

    /// Inline secrets are refused at load, before anything else could keep them around.
    fn check_secret_refs(&self) -> Result<()> {
        let keys = [
            ("signer.key", Some(&self.signer.key)),
            (
                "executor.relay_auth_key",
                self.executor.relay_auth_key.as_ref(),
            ),
        ];
        let lane_keys = self.lanes.iter().map(|l| ("lanes.key", Some(&l.key)));
        for (field, key) in keys.into_iter().chain(lane_keys) {
            if let Some(KeyRef::Inline) = key {
                return Err(ConfigError::InlineKey {
                    field,
                    origin: self.origins.of(field),
                });
            }
        }
        let passwords = [
            ("signer.password", self.signer.password.as_ref()),
            (
                "executor.relay_auth_password",
                self.executor.relay_auth_password.as_ref(),
            ),
        ];
        let lane_passwords = self
            .lanes
            .iter()
            .map(|l| ("lanes.password", l.password.as_ref()));
        for (field, password) in passwords.into_iter().chain(lane_passwords) {
            if let Some(PasswordRef::Inline) = password {
                return Err(ConfigError::InlinePassword {
                    field,
                    origin: self.origins.of(field),
                });
            }
        }
        if let KeyRef::Keystore(path) = &self.signer.key
            && self.signer.password.is_none()
        {
            return Err(ConfigError::MissingPassword { path: path.clone() });
        }
        Ok(())
    }

    /// Limits on single values (and pairs of one section), section by section in file order: the first
    /// value out of its limit is the error.
    fn check_limits(&self) -> Result<()> {
        chain_limits(&self.chain)?;
        strategy_limits(&self.strategy)?;
        executor_limits(&self.executor)?;
        markets_limits(&self.markets)?;
        oracle_limits(&self.oracle)?;
        index_limits(&self.index)?;
        telemetry_limits(&self.telemetry)
    }

    /// Checks the config against the deployment it names: the chain id, the markets, the executor.
    pub fn validate(&self, deployment: &Deployment) -> Result<()> {
        if let Some(chain_id) = self.chain.chain_id
            && chain_id != deployment.chain_id
        {
            return Err(ConfigError::DeploymentChainMismatch {
                config: chain_id,
                deployment: deployment.chain_id,
            });
        }
        for &id in self.markets.only.iter().flatten() {
            if deployment.market(id).is_none() {
                return Err(ConfigError::UnknownMarket { id });
            }
        }
        self.executor_address(deployment).map(drop)
    }
}

/// `[chain]`: nonzero intervals and chain id.
fn chain_limits(c: &ChainSection) -> Result<()> {
    if c.poll_interval_ms == 0 {
        return Err(limit("chain.poll_interval_ms", 0, "must be at least 1 ms"));
    }
    if c.rpc_timeout_ms == 0 {
        return Err(limit("chain.rpc_timeout_ms", 0, "must be at least 1 ms"));
    }
    if c.chain_id == Some(0) {
        return Err(limit("chain.chain_id", 0, "no chain has id 0"));
    }
    Ok(())
}

/// `[strategy]`: a share at most 100%, a nonzero gas estimate and gas price cap.
fn strategy_limits(s: &StrategyParams) -> Result<()> {
    if s.safety_buffer_bps > 10_000 {
        return Err(limit(
            "strategy.safety_buffer_bps",
            s.safety_buffer_bps,
            "a share in basis points is at most 10000",
        ));
    }
    if s.gas_estimate == 0 {
        return Err(limit("strategy.gas_estimate", 0, "a liquidation uses gas"));
    }
    if s.max_gas_price_gwei.is_some_and(|g| g.0 == 0) {
        return Err(limit(
            "strategy.max_gas_price_gwei",
            0,
            "a zero cap would never send anything; omit it for no cap",
        ));
    }
    Ok(())
}

/// `[executor]`: bumps nodes accept, nonzero block counts, a ledger that outlives a transaction's
/// timeout, a priority fee cap above the first fee.
fn executor_limits(e: &ExecutorSection) -> Result<()> {
    if e.bump_percent < MIN_BUMP_PERCENT {
        return Err(limit(
            "executor.bump_percent",
            e.bump_percent,
            "nodes refuse replacements that raise fees by less than 10%",
        ));
    }
    let at_least_one_block = [
        ("executor.bump_after_blocks", e.bump_after_blocks),
        ("executor.timeout_blocks", e.timeout_blocks),
    ];
    for (field, blocks) in at_least_one_block {
        if blocks == 0 {
            return Err(limit(field, 0, "must be at least 1 block"));
        }
    }
    if e.ledger_ttl_blocks < e.timeout_blocks {
        return Err(limit(
            "executor.ledger_ttl_blocks",
            e.ledger_ttl_blocks,
            "must be at least executor.timeout_blocks, or a tracked liquidation could be sent twice",
        ));
    }
    if let Some(cap) = e.max_priority_fee_gwei
        && cap.0 < e.priority_fee_gwei.0
    {
        return Err(limit(
            "executor.max_priority_fee_gwei",
            format!("{} wei", cap.0),
            "is below executor.priority_fee_gwei",
        ));
    }
    if e.relay_url.is_some() && e.relay_fallback_public && e.relay_fallback_after_blocks == 0 {
        return Err(limit(
            "executor.relay_fallback_after_blocks",
            0,
            "must be at least 1 block",
        ));
    }
    Ok(())
}

/// `[markets]`: `only`, when given, names at least one market.
fn markets_limits(m: &MarketsSection) -> Result<()> {
    if m.only.as_ref().is_some_and(Vec::is_empty) {
        return Err(limit(
            "markets.only",
            "[]",
            "an empty list would watch nothing; omit it to watch every market",
        ));
    }
    Ok(())
}

/// `[oracle]`: a nonzero poll interval.
fn oracle_limits(o: &OracleSection) -> Result<()> {
    if o.poll_interval_ms == Some(0) {
        return Err(limit("oracle.poll_interval_ms", 0, "must be at least 1 ms"));
    }
    Ok(())
}

/// `[index]`: nonzero block ranges.
fn index_limits(i: &IndexConfig) -> Result<()> {
    if i.max_range == 0 {
        return Err(limit("index.max_range", 0, "must be at least 1 block"));
    }
    if i.reorg_depth == 0 {
        return Err(limit("index.reorg_depth", 0, "must be at least 1 block"));
    }
    Ok(())
}

/// `[telemetry]`: a nonzero staleness bound and a log filter.
fn telemetry_limits(t: &TelemetrySection) -> Result<()> {
    if t.stale_head_secs == 0 {
        return Err(limit(
            "telemetry.stale_head_secs",
            0,
            "must be at least 1 second",
        ));
    }
    if t.log_level.trim().is_empty() {
        return Err(limit(
            "telemetry.log_level",
            "\"\"",
            "must be a tracing filter such as \"info\"",
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field_of(result: Result<()>) -> Option<&'static str> {
        match result {
            Err(ConfigError::Limit { field, .. }) => Some(field),
            _ => None,
        }
    }

    #[test]
    fn executor_defaults_are_within_limits() {
        assert_eq!(field_of(executor_limits(&ExecutorSection::default())), None);
    }

    #[test]
    fn relay_fallback_needs_a_block_only_when_it_can_happen() {
        let immediate = ExecutorSection {
            relay_fallback_public: true,
            relay_fallback_after_blocks: 0,
            ..ExecutorSection::default()
        };
        // No relay, so no fallback: nothing to wait for.
        assert_eq!(field_of(executor_limits(&immediate)), None);
        let relayed = ExecutorSection {
            relay_url: Some("http://relay".into()),
            ..immediate.clone()
        };
        assert_eq!(
            field_of(executor_limits(&relayed)),
            Some("executor.relay_fallback_after_blocks")
        );
        let no_fallback = ExecutorSection {
            relay_fallback_public: false,
            ..relayed
        };
        assert_eq!(field_of(executor_limits(&no_fallback)), None);
    }

    #[test]
    fn the_first_executor_value_out_of_limits_is_reported() {
        let both = ExecutorSection {
            bump_after_blocks: 0,
            timeout_blocks: 0,
            ..ExecutorSection::default()
        };
        assert_eq!(
            field_of(executor_limits(&both)),
            Some("executor.bump_after_blocks")
        );
    }
}
