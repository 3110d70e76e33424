//! The local nonce counter. Sending many transactions without asking the node each time needs a local
//! counter; it is only trusted while every send succeeded, and resynced from the node's pending count after
//! any error, timeout or foreign transaction.

use alloy::primitives::Address;
use alloy::providers::Provider;

use super::error::{ExecError, Result};

/// Next nonce to use for the executor's account, or "unknown" until the next resync.
#[derive(Debug, Default)]
pub(crate) struct NonceManager {
    next: Option<u64>,
}

impl NonceManager {
    /// The nonce the next transaction must use, reading `eth_getTransactionCount(pending)` when unknown.
    pub(crate) async fn next<P: Provider>(
        &mut self,
        provider: &P,
        address: Address,
    ) -> Result<u64> {
        if let Some(next) = self.next {
            return Ok(next);
        }
        let next = provider
            .get_transaction_count(address)
            .pending()
            .await
            .map_err(|e| ExecError::Transport {
                method: "eth_getTransactionCount",
                message: e.to_string(),
            })?;
        tracing::debug!(target: "cantilever::exec", %address, nonce = next, "nonce synced from the chain");
        self.next = Some(next);
        Ok(next)
    }

    /// Records that `nonce` was used by a successful send.
    pub(crate) fn consumed(&mut self, nonce: u64) {
        self.next = Some(nonce + 1);
    }

    /// Forgets the local value: the next send reads the chain first.
    pub(crate) fn resync(&mut self) {
        self.next = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn consume_and_resync() {
        let mut nonces = NonceManager::default();
        assert_eq!(nonces.next, None);
        nonces.consumed(4);
        assert_eq!(nonces.next, Some(5));
        nonces.resync();
        assert_eq!(nonces.next, None);
    }
}
