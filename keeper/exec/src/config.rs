//! The executor's settings.

use std::fmt;
use std::path::PathBuf;

use alloy::signers::local::PrivateKeySigner;

use super::error::{ExecError, Result};

/// The smallest bump accepted in [`ExecConfig::bump_percent`]: geth and reth refuse a same-nonce replacement
/// that raises the fees by less than 10%.
pub const MIN_BUMP_PERCENT: u32 = 10;

/// How the executor signs, prices and tracks transactions.
#[derive(Debug, Clone)]
pub struct ExecConfig {
    /// Do everything (pre-flight, sign, log, ledger) except sending; no nonce is consumed.
    pub dry_run: bool,
    /// Priority fee (tip) of a first submission, in wei.
    pub priority_fee_wei: u128,
    /// Cap on the priority fee, first submission and bumps alike; `None` leaves it uncapped (the fee
    /// budget still bounds it). A bump that would exceed it is not sent.
    pub max_priority_fee_wei: Option<u128>,
    /// A transaction not included this many blocks after its last (re)submission is bumped.
    pub bump_after_blocks: u64,
    /// How much a bump raises both `maxFeePerGas` and `maxPriorityFeePerGas`, in percent; at least
    /// [`MIN_BUMP_PERCENT`]. 12.5 rounds up to the default 13 as the node's rule is "at least".
    pub bump_percent: u32,
    /// A transaction not included this many blocks after its first submission is given up: reported as
    /// timed out, and the nonce is resynced from the chain.
    pub timeout_blocks: u64,
    /// Where the ledger of sent opportunities is persisted; `None` keeps it in memory only.
    pub ledger_path: Option<PathBuf>,
    /// How many blocks a ledger entry blocks a resubmission of the same opportunity.
    pub ledger_ttl_blocks: u64,
    /// Send through a private relay instead of the public mempool.
    pub relay: Option<RelayConfig>,
}

impl Default for ExecConfig {
    fn default() -> Self {
        Self {
            dry_run: false,
            priority_fee_wei: 1_000_000_000,
            max_priority_fee_wei: None,
            bump_after_blocks: 2,
            bump_percent: 13,
            timeout_blocks: 25,
            ledger_path: None,
            ledger_ttl_blocks: 7_200,
            relay: None,
        }
    }
}

impl ExecConfig {
    /// Checks the values that would make the executor misbehave.
    pub fn validate(&self) -> Result<()> {
        if self.bump_percent < MIN_BUMP_PERCENT {
            return Err(ExecError::Config(format!(
                "bump_percent is {}, nodes refuse replacements below {MIN_BUMP_PERCENT}",
                self.bump_percent
            )));
        }
        if self.bump_after_blocks == 0 {
            return Err(ExecError::Config(
                "bump_after_blocks must be at least 1".into(),
            ));
        }
        if self.timeout_blocks == 0 {
            return Err(ExecError::Config(
                "timeout_blocks must be at least 1".into(),
            ));
        }
        if self.ledger_ttl_blocks < self.timeout_blocks {
            // An entry that expires while its transaction is still tracked would allow a second submission.
            return Err(ExecError::Config(format!(
                "ledger_ttl_blocks ({}) must be at least timeout_blocks ({})",
                self.ledger_ttl_blocks, self.timeout_blocks
            )));
        }
        if let Some(cap) = self.max_priority_fee_wei
            && cap < self.priority_fee_wei
        {
            return Err(ExecError::Config(format!(
                "max_priority_fee_wei ({cap}) is below priority_fee_wei ({})",
                self.priority_fee_wei
            )));
        }
        if let Some(relay) = &self.relay {
            if relay.url.is_empty() {
                return Err(ExecError::Config("relay url is empty".into()));
            }
            if relay.public_fallback && relay.fallback_after_blocks == 0 {
                return Err(ExecError::Config(
                    "relay fallback_after_blocks must be at least 1".into(),
                ));
            }
        }
        Ok(())
    }
}

/// A Flashbots-style private relay (`eth_sendBundle`).
#[derive(Clone)]
pub struct RelayConfig {
    /// The relay's HTTP endpoint.
    pub url: String,
    /// Signs the `X-Flashbots-Signature` header. It identifies the searcher to the relay (reputation), holds no
    /// funds, and should not be the transaction signer.
    pub auth_signer: PrivateKeySigner,
    /// Send the same signed transaction to the public mempool when the relay errors, or when it is not
    /// included after `fallback_after_blocks` blocks.
    pub public_fallback: bool,
    /// Blocks to wait for a relay inclusion before the public fallback.
    pub fallback_after_blocks: u64,
}

impl RelayConfig {
    /// Whether a relay falls back to the public mempool unless told otherwise.
    pub const DEFAULT_PUBLIC_FALLBACK: bool = true;
    /// Blocks to wait for a relay inclusion before the public fallback, unless told otherwise.
    pub const DEFAULT_FALLBACK_AFTER_BLOCKS: u64 = 3;
}

// Hand-written so the Debug output provably shows only the auth signer's address.
impl fmt::Debug for RelayConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RelayConfig")
            .field("url", &self.url)
            .field("auth_signer", &self.auth_signer.address())
            .field("public_fallback", &self.public_fallback)
            .field("fallback_after_blocks", &self.fallback_after_blocks)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_is_valid() {
        ExecConfig::default().validate().unwrap();
    }

    #[test]
    fn rejects_small_bump_and_short_ttl() {
        let small = ExecConfig {
            bump_percent: 9,
            ..ExecConfig::default()
        };
        assert!(matches!(small.validate(), Err(ExecError::Config(_))));
        let ttl = ExecConfig {
            ledger_ttl_blocks: 3,
            timeout_blocks: 4,
            ..ExecConfig::default()
        };
        assert!(matches!(ttl.validate(), Err(ExecError::Config(_))));
        let cap = ExecConfig {
            max_priority_fee_wei: Some(1),
            ..ExecConfig::default()
        };
        assert!(matches!(cap.validate(), Err(ExecError::Config(_))));
    }

    #[test]
    fn relay_debug_hides_key() {
        let signer = PrivateKeySigner::random();
        let key_hex = alloy::hex::encode(signer.to_bytes());
        let relay = RelayConfig {
            url: "http://relay".into(),
            auth_signer: signer,
            public_fallback: true,
            fallback_after_blocks: 2,
        };
        let shown = format!("{relay:?}");
        assert!(!shown.contains(&key_hex));
        assert!(shown.contains("auth_signer"));
    }
}
