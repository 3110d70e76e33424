//! What a run did to the chain, step by step, in a form a real node can replay: the storage a step wrote (feed
//! rounds, pools) and the transactions that executed in its block, in order, with how each ended. The
//! ground-truth test replays it on anvil and compares.

use alloy_primitives::{Address, Bytes, U256};
use serde::{Deserialize, Serialize};

/// One step's block.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TraceStep {
    /// Block number.
    pub block: u64,
    /// Block timestamp.
    pub timestamp: u64,
    /// Base fee (wei per gas).
    pub base_fee: u128,
    /// Storage written before the block's transactions: (contract, slot, value).
    pub writes: Vec<(Address, U256, U256)>,
    /// Transactions executed in the block, in order.
    pub transactions: Vec<TraceTx>,
}

/// A transaction executed on the fork.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TraceTx {
    /// Sender.
    pub from: Address,
    /// Callee.
    pub to: Address,
    /// Calldata.
    pub data: Bytes,
    /// Gas limit.
    pub gas_limit: u64,
    /// Gas price (wei per gas).
    pub gas_price: u128,
    /// Whether it succeeded.
    pub succeeded: bool,
    /// Gas used.
    pub gas_used: u64,
    /// Whether the keeper sent it (else the rival).
    pub ours: bool,
}
