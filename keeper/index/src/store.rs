//! The index on disk: one redb file holding positions, markets, the head and the recent blocks' undo logs.
//!
//! The file also records which deployment (chain id and core address) it belongs to, and refuses to serve
//! another. Each save is one write transaction, so a crash leaves the previous consistent state.

use std::path::{Path, PathBuf};

use alloy_primitives::{Address, B256, U256};
use redb::{Database, ReadableTable, TableDefinition, WriteTransaction};

use super::BlockRef;
use super::error::{IndexError, store_err};
use super::state::{BlockRecord, State};
use cantilever_primitives::deployment::{Deployment, MarketParams};
use cantilever_primitives::position::{Position, PositionKey};

/// Deployment identity and head: `chain_id` (u64 BE), `core` (20 bytes), `head` (u64 BE + hash).
const META: TableDefinition<'_, &str, &[u8]> = TableDefinition::new("meta");
/// Market id ‖ borrower (52 bytes) → borrow shares ‖ collateral (two u128 BE).
const POSITIONS: TableDefinition<'_, &[u8], &[u8]> = TableDefinition::new("positions");
/// Market id (32 bytes) → loan ‖ collateral ‖ oracle ‖ rate model (20 bytes each) ‖ lltv (32 bytes BE).
const MARKETS: TableDefinition<'_, &[u8], &[u8]> = TableDefinition::new("markets");
/// Block number → the remembered block and its undo log (JSON).
const RECENT: TableDefinition<'_, u64, &[u8]> = TableDefinition::new("recent");

/// An open store.
#[derive(Debug)]
pub(crate) struct Store {
    db: Database,
    path: PathBuf,
}

impl Store {
    /// Opens (or creates) the store at `path` for `deployment` and loads its contents into a state
    /// remembering `depth` blocks.
    pub(crate) fn open(
        path: &Path,
        deployment: &Deployment,
        depth: u64,
    ) -> Result<(Self, State), IndexError> {
        let db = Database::create(path).map_err(store_err)?;
        let store = Self {
            db,
            path: path.to_path_buf(),
        };
        let txn = store.db.begin_write().map_err(store_err)?;
        let state = store.load(&txn, deployment, depth)?;
        txn.commit().map_err(store_err)?;
        Ok((store, state))
    }

    fn load(
        &self,
        txn: &WriteTransaction,
        deployment: &Deployment,
        depth: u64,
    ) -> Result<State, IndexError> {
        let mut state = State::new(depth);
        {
            let mut meta = txn.open_table(META).map_err(store_err)?;
            let chain = meta
                .get("chain_id")
                .map_err(store_err)?
                .map(|v| v.value().to_vec());
            let core = meta
                .get("core")
                .map_err(store_err)?
                .map(|v| v.value().to_vec());
            match (chain, core) {
                (Some(chain), Some(core)) => {
                    let stored_chain_id = u64::from_be_bytes(self.fixed("meta", &chain)?);
                    let stored_core = Address::from(self.fixed::<20>("meta", &core)?);
                    if stored_chain_id != deployment.chain_id || stored_core != deployment.core {
                        return Err(IndexError::WrongDeployment {
                            path: self.path.clone(),
                            stored_core,
                            stored_chain_id,
                            core: deployment.core,
                            chain_id: deployment.chain_id,
                        });
                    }
                }
                (None, None) => {
                    let chain_id = deployment.chain_id.to_be_bytes();
                    meta.insert("chain_id", chain_id.as_slice())
                        .map_err(store_err)?;
                    meta.insert("core", deployment.core.as_slice())
                        .map_err(store_err)?;
                }
                _ => return Err(self.corrupt("meta", "deployment identity half written".into())),
            }
            if let Some(head) = meta.get("head").map_err(store_err)? {
                let bytes: [u8; 40] = self.fixed("meta", head.value())?;
                let (number, hash) = bytes.split_at(8);
                state.head = Some(BlockRef {
                    number: u64::from_be_bytes(number.try_into().expect("8 bytes")),
                    hash: B256::from_slice(hash),
                });
            }
        }
        let positions = txn.open_table(POSITIONS).map_err(store_err)?;
        for entry in positions.iter().map_err(store_err)? {
            let (k, v) = entry.map_err(store_err)?;
            let key: [u8; 52] = self.fixed("positions", k.value())?;
            let value: [u8; 32] = self.fixed("positions", v.value())?;
            let key = PositionKey {
                market: B256::from_slice(&key[..32]),
                borrower: Address::from_slice(&key[32..]),
            };
            let (shares, collateral) = value.split_at(16);
            let position = Position {
                borrow_shares: u128::from_be_bytes(shares.try_into().expect("16 bytes")),
                collateral: u128::from_be_bytes(collateral.try_into().expect("16 bytes")),
            };
            state.positions.insert(key, position);
        }
        let markets = txn.open_table(MARKETS).map_err(store_err)?;
        for entry in markets.iter().map_err(store_err)? {
            let (k, v) = entry.map_err(store_err)?;
            let id = B256::from(self.fixed::<32>("markets", k.value())?);
            let v: [u8; 112] = self.fixed("markets", v.value())?;
            let address = |i: usize| Address::from_slice(&v[i * 20..(i + 1) * 20]);
            let params = MarketParams {
                loan_token: address(0),
                collateral_token: address(1),
                oracle: address(2),
                rate_model: address(3),
                lltv: U256::from_be_slice(&v[80..]),
            };
            state.markets.insert(id, params);
        }
        let recent = txn.open_table(RECENT).map_err(store_err)?;
        for entry in recent.iter().map_err(store_err)? {
            let (_, v) = entry.map_err(store_err)?;
            let record: BlockRecord = serde_json::from_slice(v.value())
                .map_err(|e| self.corrupt("recent", e.to_string()))?;
            state.remember(record);
        }
        Ok(state)
    }

    /// Writes everything that changed since the last save, in one transaction, and marks it saved.
    pub(crate) fn save(&self, state: &mut State) -> Result<(), IndexError> {
        let txn = self.db.begin_write().map_err(store_err)?;
        {
            let mut positions = txn.open_table(POSITIONS).map_err(store_err)?;
            for key in &state.unsaved {
                let mut k = [0u8; 52];
                k[..32].copy_from_slice(key.market.as_slice());
                k[32..].copy_from_slice(key.borrower.as_slice());
                match state.positions.get(key) {
                    Some(p) => {
                        let mut v = [0u8; 32];
                        v[..16].copy_from_slice(&p.borrow_shares.to_be_bytes());
                        v[16..].copy_from_slice(&p.collateral.to_be_bytes());
                        positions
                            .insert(k.as_slice(), v.as_slice())
                            .map_err(store_err)?;
                    }
                    None => {
                        positions.remove(k.as_slice()).map_err(store_err)?;
                    }
                }
            }
            if state.markets_unsaved {
                // A handful of markets: rewriting them all is simpler than tracking each.
                let mut markets = txn.open_table(MARKETS).map_err(store_err)?;
                markets.retain(|_, _| false).map_err(store_err)?;
                for (id, p) in &state.markets {
                    let mut v = [0u8; 112];
                    for (i, a) in [p.loan_token, p.collateral_token, p.oracle, p.rate_model]
                        .iter()
                        .enumerate()
                    {
                        v[i * 20..(i + 1) * 20].copy_from_slice(a.as_slice());
                    }
                    v[80..].copy_from_slice(&p.lltv.to_be_bytes::<32>());
                    markets
                        .insert(id.as_slice(), v.as_slice())
                        .map_err(store_err)?;
                }
            }
            // At most `depth` small records: rewritten whole, which also drops pruned and rolled-back ones.
            let mut recent = txn.open_table(RECENT).map_err(store_err)?;
            recent.retain(|_, _| false).map_err(store_err)?;
            for record in &state.recent {
                let json = serde_json::to_vec(record)
                    .map_err(|e| self.corrupt("recent", e.to_string()))?;
                recent
                    .insert(record.block.number, json.as_slice())
                    .map_err(store_err)?;
            }
            let mut meta = txn.open_table(META).map_err(store_err)?;
            match state.head {
                Some(head) => {
                    let mut v = [0u8; 40];
                    v[..8].copy_from_slice(&head.number.to_be_bytes());
                    v[8..].copy_from_slice(head.hash.as_slice());
                    meta.insert("head", v.as_slice()).map_err(store_err)?;
                }
                None => {
                    meta.remove("head").map_err(store_err)?;
                }
            }
        }
        txn.commit().map_err(store_err)?;
        state.unsaved.clear();
        state.markets_unsaved = false;
        Ok(())
    }

    fn fixed<const N: usize>(
        &self,
        table: &'static str,
        bytes: &[u8],
    ) -> Result<[u8; N], IndexError> {
        bytes
            .try_into()
            .map_err(|_| self.corrupt(table, format!("expected {N} bytes, found {}", bytes.len())))
    }

    fn corrupt(&self, table: &'static str, reason: String) -> IndexError {
        IndexError::CorruptStore {
            path: self.path.clone(),
            table,
            reason,
        }
    }
}
