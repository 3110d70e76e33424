//! The ledger of opportunities already sent: the guarantee that one liquidation chance is submitted at most
//! once, across restarts. Written before each send, atomically (temp file + rename), as a small JSON file: a
//! crash between the write and the send leaves an entry for a transaction that was never sent, rather than a
//! transaction sent and not recorded. The executor reconciles such entries with the node at start-up and on
//! every duplicate ([`crate::reconcile`]), so the opportunity is not lost until the TTL either.

use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use alloy::primitives::{Address, TxHash};
use serde::{Deserialize, Serialize};

use super::error::{ExecError, Result};
use super::opportunity::OpportunityId;

/// Format version of the ledger file.
const VERSION: u32 = 1;

/// What the ledger remembers of one submission.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LedgerEntry {
    /// Hash of the latest version sent (it changes with each bump).
    pub tx_hash: TxHash,
    /// The transaction's nonce.
    pub nonce: u64,
    /// Block number known when it was first sent.
    pub sent_block: u64,
    /// Signed but not sent (dry-run); never written to the file, so a dry run does not block a real run.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub dry_run: bool,
    /// For a transaction carrying several opportunities (a `liquidateBatch`), their ids: each is withheld as a
    /// duplicate while the entry stands. The entry's own key is then the batch's id. An order the batch skipped
    /// on chain is taken out ([`Ledger::release_orders`]), so it may be sent again.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub orders: Vec<OpportunityId>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct LedgerFile {
    version: u32,
    chain_id: u64,
    account: Address,
    entries: Vec<(OpportunityId, LedgerEntry)>,
}

/// Opportunities sent in the last `ttl_blocks` blocks, optionally persisted.
#[derive(Debug)]
pub struct Ledger {
    entries: HashMap<OpportunityId, LedgerEntry>,
    /// Each order of a batch entry, to the entry's key.
    orders: HashMap<OpportunityId, OpportunityId>,
    path: Option<PathBuf>,
    chain_id: u64,
    account: Address,
    ttl_blocks: u64,
}

impl Ledger {
    /// Opens the ledger at `path` (empty if the file does not exist yet), or an in-memory one. A file written
    /// for another chain or account is refused rather than silently ignored.
    pub fn open(
        path: Option<PathBuf>,
        chain_id: u64,
        account: Address,
        ttl_blocks: u64,
    ) -> Result<Self> {
        let mut ledger = Self {
            entries: HashMap::new(),
            orders: HashMap::new(),
            path,
            chain_id,
            account,
            ttl_blocks,
        };
        let Some(path) = ledger.path.clone() else {
            return Ok(ledger);
        };
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(ledger),
            Err(e) => return Err(ledger_error(&path, format!("reading: {e}"))),
        };
        let file: LedgerFile = serde_json::from_str(&text)
            .map_err(|e| ledger_error(&path, format!("parsing: {e}")))?;
        if file.version != VERSION {
            return Err(ledger_error(
                &path,
                format!("version {} is not {VERSION}", file.version),
            ));
        }
        if file.chain_id != chain_id || file.account != account {
            return Err(ledger_error(
                &path,
                format!(
                    "written for chain {} account {}, not chain {chain_id} account {account}",
                    file.chain_id, file.account
                ),
            ));
        }
        ledger.entries = file.entries.into_iter().collect();
        ledger.index_orders();
        Ok(ledger)
    }

    /// Rebuilds the order-to-entry index.
    fn index_orders(&mut self) {
        self.orders = self
            .entries
            .iter()
            .flat_map(|(key, entry)| entry.orders.iter().map(move |o| (*o, *key)))
            .collect();
    }

    /// The entry for `id`, if it was sent and has not expired as of `block`.
    pub fn get(&self, id: &OpportunityId, block: u64) -> Option<&LedgerEntry> {
        self.entries
            .get(id)
            .filter(|entry| !self.expired(entry, block))
    }

    /// The entry that holds `id`, as its own key or as one of its orders, with the entry's key, if it has not
    /// expired as of `block`.
    pub fn find(&self, id: &OpportunityId, block: u64) -> Option<(OpportunityId, &LedgerEntry)> {
        let key = self.orders.get(id).unwrap_or(id);
        self.get(key, block).map(|entry| (*key, entry))
    }

    /// Records a submission and persists the ledger.
    pub fn insert(&mut self, id: OpportunityId, entry: LedgerEntry) -> Result<()> {
        let persisted = !entry.dry_run;
        for order in &entry.orders {
            self.orders.insert(*order, id);
        }
        self.entries.insert(id, entry);
        if persisted { self.save() } else { Ok(()) }
    }

    /// Takes `released` out of the orders of the entry `key`: the batch skipped them on chain, so they executed
    /// nothing and may be sent again. Persists the ledger.
    pub fn release_orders(
        &mut self,
        key: &OpportunityId,
        released: &[OpportunityId],
    ) -> Result<()> {
        let Some(entry) = self.entries.get_mut(key) else {
            return Ok(());
        };
        entry.orders.retain(|o| !released.contains(o));
        let persisted = !entry.dry_run;
        for order in released {
            if self.orders.get(order) == Some(key) {
                self.orders.remove(order);
            }
        }
        if persisted { self.save() } else { Ok(()) }
    }

    /// Points the entry at a replacement transaction (a fee bump) and persists the ledger.
    pub fn update_hash(&mut self, id: &OpportunityId, tx_hash: TxHash) -> Result<()> {
        match self.entries.get_mut(id) {
            Some(entry) => {
                entry.tx_hash = tx_hash;
                if entry.dry_run { Ok(()) } else { self.save() }
            }
            None => Ok(()),
        }
    }

    /// Forgets `id`: used when the node certainly refused the transaction, so nothing was sent.
    pub fn remove(&mut self, id: &OpportunityId) -> Result<()> {
        let removed = self.entries.remove(id);
        if let Some(entry) = &removed {
            for order in &entry.orders {
                self.orders.remove(order);
            }
        }
        match removed {
            Some(entry) if !entry.dry_run => self.save(),
            _ => Ok(()),
        }
    }

    /// Drops entries expired as of `block`; persists if any was dropped. Returns how many.
    pub fn prune(&mut self, block: u64) -> Result<usize> {
        let before = self.entries.len();
        let ttl = self.ttl_blocks;
        self.entries
            .retain(|_, entry| block.saturating_sub(entry.sent_block) < ttl);
        let dropped = before - self.entries.len();
        if dropped > 0 {
            self.index_orders();
            self.save()?;
        }
        Ok(dropped)
    }

    /// Every entry, expired or not.
    pub fn entries(&self) -> impl Iterator<Item = (&OpportunityId, &LedgerEntry)> {
        self.entries.iter()
    }

    /// Number of entries, expired or not.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether the ledger has no entry.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    fn expired(&self, entry: &LedgerEntry, block: u64) -> bool {
        block.saturating_sub(entry.sent_block) >= self.ttl_blocks
    }

    /// Writes the non-dry-run entries to a temp file in the same directory, flushes it to disk and renames
    /// it over the ledger: a crash leaves either the old or the new file, never half of one.
    fn save(&self) -> Result<()> {
        let Some(path) = &self.path else {
            return Ok(());
        };
        let mut entries: Vec<_> = self
            .entries
            .iter()
            .filter(|(_, entry)| !entry.dry_run)
            .map(|(id, entry)| (*id, entry.clone()))
            .collect();
        entries.sort_by_key(|(id, entry)| (entry.sent_block, *id));
        let file = LedgerFile {
            version: VERSION,
            chain_id: self.chain_id,
            account: self.account,
            entries,
        };
        let json = serde_json::to_vec_pretty(&file)
            .map_err(|e| ledger_error(path, format!("encoding: {e}")))?;
        let dir = match path.parent() {
            Some(dir) if !dir.as_os_str().is_empty() => dir,
            _ => Path::new("."),
        };
        let mut temp = tempfile::NamedTempFile::new_in(dir)
            .map_err(|e| ledger_error(path, format!("creating a temp file: {e}")))?;
        temp.write_all(&json)
            .and_then(|()| temp.as_file().sync_all())
            .map_err(|e| ledger_error(path, format!("writing: {e}")))?;
        temp.persist(path)
            .map_err(|e| ledger_error(path, format!("renaming: {}", e.error)))?;
        Ok(())
    }
}

fn ledger_error(path: &Path, message: String) -> ExecError {
    ExecError::Ledger {
        path: path.to_path_buf(),
        message,
    }
}

#[cfg(test)]
mod tests {
    use alloy::primitives::B256;

    use super::*;

    fn entry(byte: u8, sent_block: u64) -> LedgerEntry {
        LedgerEntry {
            tx_hash: B256::repeat_byte(byte),
            nonce: u64::from(byte),
            sent_block,
            dry_run: false,
            orders: Vec::new(),
        }
    }

    #[test]
    fn batch_entry_withholds_each_order_until_released() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ledger.json");
        let account = Address::repeat_byte(9);
        let (batch, a, b) = (
            B256::repeat_byte(0xba),
            B256::repeat_byte(0xa),
            B256::repeat_byte(0xb),
        );
        {
            let mut ledger = Ledger::open(Some(path.clone()), 1, account, 100).unwrap();
            let e = LedgerEntry {
                orders: vec![a, b],
                ..entry(1, 10)
            };
            ledger.insert(batch, e).unwrap();
            assert_eq!(ledger.find(&a, 11).map(|(k, _)| k), Some(batch));
            ledger.release_orders(&batch, &[b]).unwrap();
            assert!(ledger.find(&b, 11).is_none(), "released order");
        }
        // The index survives a restart, the released order stays released.
        let mut ledger = Ledger::open(Some(path), 1, account, 100).unwrap();
        assert_eq!(ledger.find(&a, 11).map(|(k, _)| k), Some(batch));
        assert_eq!(ledger.find(&batch, 11).map(|(k, _)| k), Some(batch));
        assert!(ledger.find(&b, 11).is_none());
        assert!(ledger.find(&a, 110).is_none(), "expired with its entry");
        ledger.remove(&batch).unwrap();
        assert!(ledger.find(&a, 11).is_none());
    }

    #[test]
    fn persists_across_reopen() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ledger.json");
        let account = Address::repeat_byte(9);
        let id = B256::repeat_byte(1);
        {
            let mut ledger = Ledger::open(Some(path.clone()), 1, account, 100).unwrap();
            ledger.insert(id, entry(1, 10)).unwrap();
            ledger
                .insert(
                    B256::repeat_byte(2),
                    LedgerEntry {
                        dry_run: true,
                        ..entry(2, 10)
                    },
                )
                .unwrap();
            ledger.update_hash(&id, B256::repeat_byte(7)).unwrap();
        }
        let ledger = Ledger::open(Some(path.clone()), 1, account, 100).unwrap();
        let stored = ledger.get(&id, 20).unwrap();
        assert_eq!(stored.tx_hash, B256::repeat_byte(7));
        assert_eq!(stored.nonce, 1);
        // The dry-run entry was not written.
        assert_eq!(ledger.len(), 1);
        // No temp file left next to it.
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn entries_expire_after_ttl() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ledger.json");
        let account = Address::repeat_byte(9);
        let mut ledger = Ledger::open(Some(path.clone()), 1, account, 100).unwrap();
        ledger.insert(B256::repeat_byte(1), entry(1, 10)).unwrap();
        ledger.insert(B256::repeat_byte(2), entry(2, 50)).unwrap();
        assert!(ledger.get(&B256::repeat_byte(1), 109).is_some());
        assert!(ledger.get(&B256::repeat_byte(1), 110).is_none());
        assert_eq!(ledger.prune(110).unwrap(), 1);
        let reopened = Ledger::open(Some(path), 1, account, 100).unwrap();
        assert_eq!(reopened.len(), 1);
        assert!(reopened.get(&B256::repeat_byte(2), 110).is_some());
    }

    #[test]
    fn refuses_other_chain_or_garbage() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ledger.json");
        let account = Address::repeat_byte(9);
        let mut ledger = Ledger::open(Some(path.clone()), 1, account, 100).unwrap();
        ledger.insert(B256::repeat_byte(1), entry(1, 10)).unwrap();
        assert!(matches!(
            Ledger::open(Some(path.clone()), 2, account, 100),
            Err(ExecError::Ledger { .. })
        ));
        assert!(matches!(
            Ledger::open(Some(path.clone()), 1, Address::ZERO, 100),
            Err(ExecError::Ledger { .. })
        ));
        std::fs::write(&path, "{not json").unwrap();
        assert!(matches!(
            Ledger::open(Some(path), 1, account, 100),
            Err(ExecError::Ledger { .. })
        ));
    }
}
