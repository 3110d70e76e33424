//! The anvil RPC extensions the devnet uses (mining on demand, time travel, impersonation) and batches of
//! transactions mined together: hundreds of transactions cost a few blocks instead of hundreds.

use alloy::eips::BlockNumberOrTag;
use alloy::primitives::{Address, TxHash, U256};
use alloy::providers::ext::AnvilApi;
use alloy::providers::{DynProvider, Provider};
use alloy::rpc::types::{TransactionReceipt, TransactionRequest};
use serde_json::{Value, json};

use super::{DevnetError, Result};

/// Mines one block with whatever is pending.
pub async fn mine(provider: &DynProvider) -> Result<()> {
    provider
        .evm_mine(None)
        .await
        .map(drop)
        .map_err(DevnetError::rpc("evm_mine"))
}

/// Moves the clock forward: the next block's timestamp is `seconds` later than it would have been.
pub async fn increase_time(provider: &DynProvider, seconds: u64) -> Result<()> {
    provider
        .anvil_increase_time(seconds)
        .await
        .map(drop)
        .map_err(DevnetError::rpc("evm_increaseTime"))
}

/// The latest block's timestamp: what `eth_call` on `latest` sees as `block.timestamp`.
pub async fn latest_timestamp(provider: &DynProvider) -> Result<u64> {
    let block = provider
        .get_block_by_number(BlockNumberOrTag::Latest)
        .await
        .map_err(DevnetError::rpc("eth_getBlockByNumber"))?
        .ok_or_else(|| DevnetError::rpc("eth_getBlockByNumber")("no latest block"))?;
    Ok(block.header.timestamp)
}

/// Gives `account` a balance of `wei` (for gas).
pub async fn set_balance(provider: &DynProvider, account: Address, wei: U256) -> Result<()> {
    provider
        .anvil_set_balance(account, wei)
        .await
        .map_err(DevnetError::rpc("anvil_setBalance"))
}

/// Lets `eth_sendTransaction` send from any address (anvil impersonation), or stops it.
pub async fn auto_impersonate(provider: &DynProvider, enabled: bool) -> Result<()> {
    provider
        .anvil_auto_impersonate_account(enabled)
        .await
        .map_err(DevnetError::rpc("anvil_autoImpersonateAccount"))
}

/// Sets the mining mode: interval mining every `block_time` seconds, or automine (`None`).
pub async fn set_mining(provider: &DynProvider, block_time: Option<u64>) -> Result<()> {
    match block_time {
        Some(seconds) => provider.anvil_set_interval_mining(seconds).await,
        // Zero switches interval mining off.
        None => match provider.anvil_set_interval_mining(0).await {
            Ok(()) => provider.anvil_set_auto_mine(true).await,
            Err(e) => Err(e),
        },
    }
    .map_err(DevnetError::rpc("set mining mode"))
}

/// Stops automatic mining (automine and interval mining alike): transactions wait for [`mine`].
pub async fn stop_mining(provider: &DynProvider, block_time: Option<u64>) -> Result<()> {
    provider
        .anvil_set_auto_mine(false)
        .await
        .map_err(DevnetError::rpc("evm_setAutomine"))?;
    if block_time.is_some() {
        // Zero switches interval mining off.
        provider
            .anvil_set_interval_mining(0)
            .await
            .map_err(DevnetError::rpc("evm_setIntervalMining"))?;
    }
    Ok(())
}

/// Restores the mining mode anvil was started with, then mines anything left pending (with automine back
/// on, anvil mines on the next transaction only).
pub async fn resume_mining(provider: &DynProvider, block_time: Option<u64>) -> Result<()> {
    match block_time {
        Some(seconds) => provider.anvil_set_interval_mining(seconds).await,
        None => provider.anvil_set_auto_mine(true).await,
    }
    .map_err(DevnetError::rpc("resume mining"))?;
    if block_time.is_none() && pending_count(provider).await? > 0 {
        mine(provider).await?;
    }
    Ok(())
}

/// Transactions in anvil's pool waiting for a block.
async fn pending_count(provider: &DynProvider) -> Result<u64> {
    Ok(pool_status(provider).await?.pending)
}

/// What the node's transaction pool holds (`txpool_status`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PoolStatus {
    /// Transactions ready for the next block.
    pub pending: u64,
    /// Transactions waiting on a nonce gap.
    pub queued: u64,
}

/// The node's transaction pool counts.
pub async fn pool_status(provider: &DynProvider) -> Result<PoolStatus> {
    // Not an anvil method but the txpool namespace (alloy's TxPoolApi is not enabled here).
    let status: Value = provider
        .raw_request("txpool_status".into(), json!([]))
        .await
        .map_err(DevnetError::rpc("txpool_status"))?;
    // anvil answers hex quantities; accept plain numbers too.
    let count = |field: &str| {
        let v = &status[field];
        v.as_u64()
            .or_else(|| {
                v.as_str()
                    .and_then(|s| u64::from_str_radix(s.trim_start_matches("0x"), 16).ok())
            })
            .ok_or_else(|| DevnetError::rpc("txpool_status")(format!("unexpected answer {status}")))
    };
    Ok(PoolStatus {
        pending: count("pending")?,
        queued: count("queued")?,
    })
}

/// Transactions sent while mining is stopped, then mined together and checked.
///
/// anvil keeps each sender's transactions in nonce order; across senders, dependent transactions belong
/// in separate batches.
#[derive(Debug)]
pub struct Batch {
    provider: DynProvider,
    sent: Vec<(String, TxHash)>,
}

impl Batch {
    /// An empty batch (mining must be stopped for the transactions to share blocks).
    pub fn new(provider: &DynProvider) -> Self {
        Self {
            provider: provider.clone(),
            sent: Vec::new(),
        }
    }

    /// Sends `request` from the unlocked or impersonated account `from` with gas limit `gas`.
    pub async fn send(
        &mut self,
        label: impl Into<String>,
        from: Address,
        gas: u64,
        mut request: TransactionRequest,
    ) -> Result<TxHash> {
        let label = label.into();
        request.from = Some(from);
        request.gas = Some(gas);
        let pending = self
            .provider
            .send_transaction(request)
            .await
            .map_err(DevnetError::rpc(format!("send {label}")))?;
        let hash = *pending.tx_hash();
        self.sent.push((label, hash));
        Ok(hash)
    }

    /// Number of transactions sent so far.
    pub fn len(&self) -> usize {
        self.sent.len()
    }

    /// Whether nothing was sent.
    pub fn is_empty(&self) -> bool {
        self.sent.is_empty()
    }

    /// Mines blocks until every transaction is in one (a block holds what fits its gas limit), then returns
    /// the receipts in sending order, failing on the first reverted or dropped transaction. Returns the
    /// number of blocks mined too.
    pub async fn mine(self) -> Result<(Vec<TransactionReceipt>, u64)> {
        let mut receipts: Vec<Option<TransactionReceipt>> = vec![None; self.sent.len()];
        let mut blocks = 0;
        loop {
            mine(&self.provider).await?;
            blocks += 1;
            let mut missing = 0;
            for ((label, hash), slot) in self.sent.iter().zip(receipts.iter_mut()) {
                if slot.is_some() {
                    continue;
                }
                match self
                    .provider
                    .get_transaction_receipt(*hash)
                    .await
                    .map_err(DevnetError::rpc("eth_getTransactionReceipt"))?
                {
                    Some(receipt) if !receipt.status() => {
                        return Err(DevnetError::Transaction {
                            label: label.clone(),
                            hash: *hash,
                            problem: "reverted",
                        });
                    }
                    Some(receipt) => *slot = Some(receipt),
                    None => missing += 1,
                }
            }
            if missing == 0 {
                break;
            }
            // Still pending: another block takes them. Gone from the pool: anvil dropped them.
            if pending_count(&self.provider).await? == 0 {
                let (label, hash) = self
                    .sent
                    .iter()
                    .zip(&receipts)
                    .find(|(_, r)| r.is_none())
                    .map(|(sent, _)| sent.clone())
                    .unwrap_or_default();
                return Err(DevnetError::Transaction {
                    label,
                    hash,
                    problem: "not mined",
                });
            }
        }
        Ok((receipts.into_iter().flatten().collect(), blocks))
    }
}
