//! What can go wrong while submitting: one enum, with [`ExecError::is_retryable`] telling the caller whether
//! the same opportunity may be tried again later.

use std::path::PathBuf;

use alloy::primitives::U256;

/// The executor's result type.
pub type Result<T, E = ExecError> = std::result::Result<T, E>;

/// A failure of the executor. A transaction that was included but reverted is not an error: it is an
/// [`crate::ExecEvent::Included`] with `success: false`.
#[derive(Debug, thiserror::Error)]
pub enum ExecError {
    /// The [`crate::ExecConfig`] is unusable; the message says which field and why.
    #[error("invalid exec config: {0}")]
    Config(String),
    /// A JSON-RPC call failed without an answer from the node (connection, timeout, bad response).
    #[error("rpc {method} failed: {message}")]
    Transport {
        /// The JSON-RPC method.
        method: &'static str,
        /// The transport's message.
        message: String,
    },
    /// The node answered a read with an error that is not a revert.
    #[error("rpc {method} returned an error: {message}")]
    Rpc {
        /// The JSON-RPC method.
        method: &'static str,
        /// The node's message.
        message: String,
    },
    /// The pre-flight gas estimate reverted: sending would burn gas for nothing.
    #[error("call to the target reverts: {message}")]
    Reverted {
        /// The node's message, with the revert data if it gave any.
        message: String,
    },
    /// The call needs more gas than the opportunity allows.
    #[error("call needs {needed} gas, the opportunity allows {limit}")]
    GasLimitTooLow {
        /// The node's estimate.
        needed: u64,
        /// The opportunity's `gas_limit`.
        limit: u64,
    },
    /// Even the lowest fee the next block accepts would cost more than the opportunity's fee budget.
    #[error("gas limit x max fee is {needed} wei, over the fee budget of {budget} wei")]
    OverBudget {
        /// `gas_limit x (base fee + priority fee)`, in wei.
        needed: U256,
        /// The opportunity's `fee_budget_wei`.
        budget: U256,
    },
    /// The node refused the signed transaction (nonce too low, underpriced, insufficient funds, ...). Nothing
    /// was sent; the nonce is resynced before the next send.
    #[error("node rejected the transaction: {message}")]
    Rejected {
        /// The node's message.
        message: String,
    },
    /// The send's outcome is unknown (the request may have reached the node). The opportunity stays in the
    /// ledger and the transaction is tracked, so it is never sent twice.
    #[error("sending the transaction failed, it may or may not have reached the node: {message}")]
    SendUncertain {
        /// The transport's message.
        message: String,
    },
    /// The private relay failed and no public fallback is configured.
    #[error("relay error: {0}")]
    Relay(String),
    /// Signing failed (never shows key material).
    #[error("signing failed: {0}")]
    Sign(String),
    /// The chain has no EIP-1559 base fee.
    #[error("the latest block has no base fee: EIP-1559 is required")]
    NoBaseFee,
    /// The ledger file could not be read or written.
    #[error("ledger {path}: {message}")]
    Ledger {
        /// The ledger file.
        path: PathBuf,
        /// What failed.
        message: String,
    },
}

impl ExecError {
    /// Whether trying the same opportunity again later may succeed: transient transport or relay failures,
    /// and node rejections (the nonce is resynced first). Reverts, gas or budget shortfalls and
    /// configuration or ledger problems will not go away by retrying.
    pub fn is_retryable(&self) -> bool {
        match self {
            Self::Transport { .. } | Self::Rpc { .. } | Self::Rejected { .. } | Self::Relay(_) => {
                true
            }
            Self::Config(_)
            | Self::Reverted { .. }
            | Self::GasLimitTooLow { .. }
            | Self::OverBudget { .. }
            | Self::SendUncertain { .. }
            | Self::Sign(_)
            | Self::NoBaseFee
            | Self::Ledger { .. } => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retryable_classification() {
        let transport = ExecError::Transport {
            method: "eth_call",
            message: "timeout".into(),
        };
        assert!(transport.is_retryable());
        assert!(
            ExecError::Rejected {
                message: "nonce too low".into()
            }
            .is_retryable()
        );
        assert!(
            !ExecError::Reverted {
                message: "execution reverted".into()
            }
            .is_retryable()
        );
        assert!(
            !ExecError::SendUncertain {
                message: "reset".into()
            }
            .is_retryable()
        );
        assert!(
            !ExecError::OverBudget {
                needed: U256::from(2),
                budget: U256::from(1)
            }
            .is_retryable()
        );
    }
}
