//! An anvil state dump (`anvil --dump-state`, or `anvil_dumpState` unzipped) as a state source: every
//! account, its code and its storage, and the block the dump was taken at. Fully offline.

use std::collections::HashMap;
use std::path::Path;

use alloy_primitives::{Address, Bytes, U256};
use cantilever_sim::{AccountState, MemorySource};
use serde::Deserialize;

use crate::error::{BacktestError, Result};

/// The block a dump was taken at: where the backtest starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DumpBlock {
    /// Block number.
    pub number: u64,
    /// Timestamp (seconds).
    pub timestamp: u64,
    /// Base fee (wei per gas).
    pub base_fee: u128,
    /// Block gas limit: the node the dump came from keeps it for the blocks it mines after a reload.
    pub gas_limit: u64,
    /// The block's beneficiary (the coinbase), kept likewise.
    pub beneficiary: Address,
}

#[derive(Deserialize)]
struct RawDump {
    block: RawBlock,
    accounts: HashMap<Address, RawAccount>,
}

#[derive(Deserialize)]
struct RawBlock {
    number: U256,
    timestamp: U256,
    basefee: u128,
    /// Absent from hand-made dumps: anvil's default then.
    #[serde(default)]
    gas_limit: Option<U256>,
    #[serde(default)]
    beneficiary: Address,
}

/// anvil's block gas limit when it is started without one.
const ANVIL_GAS_LIMIT: u64 = 30_000_000;

#[derive(Deserialize)]
struct RawAccount {
    nonce: u64,
    balance: U256,
    code: Bytes,
    #[serde(default)]
    storage: HashMap<U256, U256>,
}

/// Reads the dump at `path`: its state (in memory) and its block.
pub fn load(path: &Path) -> Result<(MemorySource, DumpBlock)> {
    let text = std::fs::read_to_string(path).map_err(|e| BacktestError::Io {
        what: format!("state dump {}", path.display()),
        source: e,
    })?;
    parse(&text)
        .map_err(|detail| BacktestError::Input(format!("state dump {}: {detail}", path.display())))
}

/// Parses a dump's JSON text.
pub fn parse(text: &str) -> std::result::Result<(MemorySource, DumpBlock), String> {
    let raw: RawDump =
        serde_json::from_str(text).map_err(|e| format!("not an anvil state dump: {e}"))?;
    let block = DumpBlock {
        number: u64::try_from(raw.block.number).map_err(|_| "block number out of range")?,
        timestamp: u64::try_from(raw.block.timestamp)
            .map_err(|_| "block timestamp out of range")?,
        base_fee: raw.block.basefee,
        gas_limit: match raw.block.gas_limit {
            Some(limit) => u64::try_from(limit).map_err(|_| "block gas limit out of range")?,
            None => ANVIL_GAS_LIMIT,
        },
        beneficiary: raw.block.beneficiary,
    };
    let mut source = MemorySource::default();
    for (address, account) in raw.accounts {
        for (slot, value) in account.storage {
            source.storage.insert((address, slot), value);
        }
        source.accounts.insert(
            address,
            AccountState {
                balance: account.balance,
                nonce: account.nonce,
                code: account.code,
            },
        );
    }
    Ok((source, block))
}

#[cfg(test)]
mod tests {
    use super::*;
    use cantilever_sim::StateSource;

    #[test]
    fn reads_accounts_storage_and_block() {
        let text = r#"{"block":{"number":"0x7","timestamp":"0x64","basefee":1000000000,
            "gas_limit":1000000000,"beneficiary":"0x00000000000000000000000000000000000000bb"},
            "accounts":{"0x00000000000000000000000000000000000000aa":{"nonce":3,"balance":"0x10","code":"0x6001",
            "storage":{"0x1":"0x2a"}}},"best_block_number":"0x7","blocks":[]}"#;
        let (source, block) = parse(text).unwrap();
        assert_eq!(
            block,
            DumpBlock {
                number: 7,
                timestamp: 100,
                base_fee: 1_000_000_000,
                gas_limit: 1_000_000_000,
                beneficiary: Address::with_last_byte(0xbb),
            }
        );
        let a = Address::with_last_byte(0xaa);
        assert_eq!(source.account(a).unwrap().nonce, 3);
        assert_eq!(source.storage(a, U256::from(1)).unwrap(), U256::from(42));
    }

    #[test]
    fn a_file_that_is_not_a_dump_is_one_clear_error() {
        let err = parse(r#"{"hello": 1}"#).unwrap_err();
        assert!(err.starts_with("not an anvil state dump"), "{err}");
    }
}
