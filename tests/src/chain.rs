//! anvil RPC extensions for tests: mining on demand, time travel, and batches of transactions mined in
//! one block (hundreds of transactions cost one block instead of hundreds).

use alloy::eips::BlockNumberOrTag;
use alloy::primitives::{Address, TxHash};
use alloy::providers::{DynProvider, Provider};
use alloy::rpc::types::{TransactionReceipt, TransactionRequest};
use serde_json::{Value, json};

use crate::{HarnessError, Result};

/// Gas limit for test transactions: ample for any single protocol call.
pub const TX_GAS: u64 = 3_000_000;

async fn anvil_rpc(provider: &DynProvider, method: &'static str, params: Value) -> Result<Value> {
    provider
        .raw_request::<_, Value>(method.into(), params)
        .await
        .map_err(|e| HarnessError::rpc(method)(e.to_string()))
}

/// Mines one block with whatever is pending.
pub async fn mine(provider: &DynProvider) -> Result<()> {
    anvil_rpc(provider, "evm_mine", json!([])).await.map(drop)
}

/// Turns automatic mining of each transaction on or off.
pub async fn set_automine(provider: &DynProvider, enabled: bool) -> Result<()> {
    anvil_rpc(provider, "evm_setAutomine", json!([enabled]))
        .await
        .map(drop)
}

/// Moves the clock forward: the next block's timestamp is `seconds` later than it would have been.
pub async fn increase_time(provider: &DynProvider, seconds: u64) -> Result<()> {
    anvil_rpc(provider, "evm_increaseTime", json!([seconds]))
        .await
        .map(drop)
}

/// Fixes the next block's timestamp (seconds).
pub async fn set_next_block_timestamp(provider: &DynProvider, timestamp: u64) -> Result<()> {
    anvil_rpc(provider, "evm_setNextBlockTimestamp", json!([timestamp]))
        .await
        .map(drop)
}

/// The latest block's timestamp: what `eth_call` on `latest` sees as `block.timestamp`.
pub async fn latest_timestamp(provider: &DynProvider) -> Result<u64> {
    let block = provider
        .get_block_by_number(BlockNumberOrTag::Latest)
        .await
        .map_err(|e| HarnessError::rpc("eth_getBlockByNumber")(e.to_string()))?
        .ok_or_else(|| HarnessError::rpc("eth_getBlockByNumber")("no latest block".into()))?;
    Ok(block.header.timestamp)
}

/// anvil's unlocked dev accounts.
pub async fn accounts(provider: &DynProvider) -> Result<Vec<Address>> {
    provider
        .get_accounts()
        .await
        .map_err(|e| HarnessError::rpc("eth_accounts")(e.to_string()))
}

/// Transactions sent with automine off, then mined together and checked.
///
/// anvil keeps each sender's transactions in nonce order; across senders, put dependent transactions in
/// separate batches.
#[derive(Debug)]
pub struct Batch {
    provider: DynProvider,
    sent: Vec<(String, TxHash)>,
}

impl Batch {
    /// An empty batch (automine must be off for the transactions to share a block).
    pub fn new(provider: &DynProvider) -> Self {
        Self {
            provider: provider.clone(),
            sent: Vec::new(),
        }
    }

    /// Sends `request` from the unlocked account `from`.
    pub async fn send(
        &mut self,
        label: impl Into<String>,
        from: Address,
        mut request: TransactionRequest,
    ) -> Result<TxHash> {
        let label = label.into();
        request.from = Some(from);
        request.gas = Some(TX_GAS);
        let pending = self
            .provider
            .send_transaction(request)
            .await
            .map_err(|e| HarnessError::rpc(format!("send {label}"))(e.to_string()))?;
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

    /// Mines one block and returns every receipt, failing on the first reverted or missing transaction.
    pub async fn mine(self) -> Result<Vec<TransactionReceipt>> {
        mine(&self.provider).await?;
        let mut receipts = Vec::with_capacity(self.sent.len());
        for (label, hash) in self.sent {
            let receipt = self
                .provider
                .get_transaction_receipt(hash)
                .await
                .map_err(|e| HarnessError::rpc("eth_getTransactionReceipt")(e.to_string()))?
                .ok_or(HarnessError::Transaction {
                    label: label.clone(),
                    hash,
                    problem: "not mined",
                })?;
            if !receipt.status() {
                return Err(HarnessError::Transaction {
                    label,
                    hash,
                    problem: "reverted",
                });
            }
            receipts.push(receipt);
        }
        Ok(receipts)
    }
}
