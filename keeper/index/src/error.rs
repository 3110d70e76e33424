//! Why the position index could not sync, open or persist.

use std::path::PathBuf;

use alloy::transports::TransportError;
use alloy_primitives::{Address, B256};

use cantilever_primitives::position::PositionKey;

/// An error of the position index.
#[derive(Debug, thiserror::Error)]
pub enum IndexError {
    /// A JSON-RPC call failed (the node refused it, timed out or was unreachable).
    #[error("rpc {method} failed ({context}): {source}")]
    Rpc {
        /// The JSON-RPC method.
        method: &'static str,
        /// What was asked: a block range, a block number.
        context: String,
        /// The transport's error.
        source: TransportError,
    },
    /// The node does not have a block it should have (it moved back, or is still syncing).
    #[error("the node has no block {number}")]
    MissingBlock {
        /// The block number asked for.
        number: u64,
    },
    /// The node serves another chain than the deployment's.
    #[error("the node serves chain id {actual}, the deployment is on chain id {expected}")]
    WrongChain {
        /// The deployment's chain id.
        expected: u64,
        /// The node's chain id.
        actual: u64,
    },
    /// The embedded store failed (I/O, corruption, lock held by another process).
    #[error("position store: {0}")]
    Store(#[from] redb::Error),
    /// The store holds a value the index cannot read back (written by another version, or damaged).
    #[error("position store {path}: corrupt record in {table}: {reason}")]
    CorruptStore {
        /// The store file.
        path: PathBuf,
        /// The table holding the record.
        table: &'static str,
        /// What is wrong with it.
        reason: String,
    },
    /// The store was written for another deployment: mixing the two would give wrong positions.
    #[error(
        "position store {path} belongs to core {stored_core} on chain {stored_chain_id}, \
         not to core {core} on chain {chain_id}: use another path or delete it"
    )]
    WrongDeployment {
        /// The store file.
        path: PathBuf,
        /// The core address recorded in the store.
        stored_core: Address,
        /// The chain id recorded in the store.
        stored_chain_id: u64,
        /// The deployment's core.
        core: Address,
        /// The deployment's chain id.
        chain_id: u64,
    },
    /// A log from the core could not be decoded as the event its topic names.
    #[error("cannot decode {event} log {log_index} of block {block}: {reason}")]
    Decode {
        /// The event name.
        event: &'static str,
        /// The block holding the log.
        block: u64,
        /// The log's index in its block.
        log_index: u64,
        /// The decoder's message.
        reason: String,
    },
    /// Applying an event would underflow or overflow a position: the index missed events and no longer
    /// matches the chain (the core itself reverts on such arithmetic).
    #[error(
        "block {block}: {event} on {key:?} does not fit the indexed position: the index diverged"
    )]
    Inconsistent {
        /// The position.
        key: PositionKey,
        /// The event name.
        event: &'static str,
        /// The block holding the event.
        block: u64,
    },
    /// The chain kept reorganising under the sync (each pass found a new fork): try again later.
    #[error("the chain reorganised {attempts} times during one sync")]
    ChainUnstable {
        /// How many passes were attempted.
        attempts: u32,
    },
    /// The chain reorganised deeper than the blocks the index remembers.
    #[error(
        "reorg deeper than the {remembered} remembered blocks: block {oldest} ({hash}) is no longer canonical; \
         rebuild the index (delete the store)"
    )]
    ReorgTooDeep {
        /// How many block hashes the index remembers.
        remembered: usize,
        /// The oldest block number it could check.
        oldest: u64,
        /// That block's stored hash.
        hash: B256,
    },
}

impl IndexError {
    /// Whether calling `sync` again later may succeed: node hiccups and a node that is behind are
    /// transient; a bad store, another deployment or a divergent index are not.
    pub fn is_retryable(&self) -> bool {
        matches!(
            self,
            Self::Rpc { .. } | Self::MissingBlock { .. } | Self::ChainUnstable { .. }
        )
    }

    /// Maps a transport error of `method` over `context`.
    pub(crate) fn rpc(
        method: &'static str,
        context: impl Into<String>,
    ) -> impl FnOnce(TransportError) -> Self {
        let context = context.into();
        move |source| Self::Rpc {
            method,
            context,
            source,
        }
    }
}

/// Any redb error converted to the umbrella error.
pub(crate) fn store_err(e: impl Into<redb::Error>) -> IndexError {
    IndexError::Store(e.into())
}
