//! A fork's state kept on disk. [`CachedSource`] answers from what it holds and asks its inner source (a
//! node over RPC) only for what it lacks, keeping every answer, so [`CachedSource::save`] can write all a run
//! read and a later run over that file ([`CachedSource::load`]) asks the node nothing, or runs with no node
//! at all. The file names its format version, chain and block (with the block's hash and the header fields
//! the backtest starts from): a cache of another chain, block or format is refused, never mixed in.

use std::collections::{BTreeMap, HashMap};
use std::hash::Hash;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, OnceLock, RwLock};

use alloy_primitives::{Address, B256, U256};
use cantilever_sim::{AccountState, StateSource};
use serde::{Deserialize, Serialize};

use crate::dump::DumpBlock;
use crate::error::{BacktestError, Result};

/// The cache file's format version. Bump it when the layout or the meaning of a field changes: files of
/// another version are refused (delete them and the next run fetches again).
pub const CACHE_FORMAT: u32 = 1;

/// The file's `kind`: tells a cache apart from any other JSON.
const CACHE_KIND: &str = "cantilever-backtest-fork-cache";

/// The block a fork is of, from its header: where the backtest starts, and (the hash) which chain's block
/// it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ForkBlock {
    /// Block number.
    pub number: u64,
    /// Block hash.
    pub hash: B256,
    /// Timestamp (seconds).
    pub timestamp: u64,
    /// Base fee (wei per gas).
    pub base_fee: u128,
    /// Block gas limit.
    pub gas_limit: u64,
    /// The block's beneficiary (coinbase).
    pub beneficiary: Address,
}

impl ForkBlock {
    /// The fields the backtest starts from (what a state dump gives).
    pub fn start(&self) -> DumpBlock {
        DumpBlock {
            number: self.number,
            timestamp: self.timestamp,
            base_fee: self.base_fee,
            gas_limit: self.gas_limit,
            beneficiary: self.beneficiary,
        }
    }
}

/// Which state a cache holds: a chain and one of its blocks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CacheHeader {
    /// The chain id.
    pub chain_id: u64,
    /// The block.
    pub block: ForkBlock,
}

/// The file: the header, then every key, sorted (equal caches give equal files).
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct CacheFile {
    kind: String,
    format: u32,
    chain_id: u64,
    block: ForkBlock,
    accounts: BTreeMap<Address, AccountState>,
    storage: BTreeMap<Address, BTreeMap<U256, U256>>,
    block_hashes: BTreeMap<u64, B256>,
}

/// The header alone, read first so that another version or another chain's cache is refused by what it is,
/// not by whatever in its body fails to parse.
#[derive(Deserialize)]
struct Probe {
    kind: Option<String>,
    format: Option<u32>,
    chain_id: Option<u64>,
    block: Option<ProbeBlock>,
}

#[derive(Deserialize)]
struct ProbeBlock {
    number: Option<u64>,
}

/// A key's value, fetched or being fetched: threads asking for a key another thread is fetching wait on its
/// cell, so each key reaches the inner source once however many runs ask.
type Cell<V> = Arc<OnceLock<cantilever_sim::Result<V>>>;

/// One kind of key and its values.
struct Table<K, V>(RwLock<HashMap<K, Cell<V>>>);

impl<K: Hash + Eq + Copy + Ord, V: Clone> Table<K, V> {
    fn with(entries: impl IntoIterator<Item = (K, V)>) -> Self {
        let map = entries
            .into_iter()
            .map(|(k, v)| {
                let cell = Arc::new(OnceLock::new());
                let _ = cell.set(Ok(v));
                (k, cell)
            })
            .collect();
        Self(RwLock::new(map))
    }

    /// The value of `key`, from the table or from `fetch` (run by one thread; a failure is not kept, so a
    /// later read tries again). The flag says whether this call fetched.
    fn get_or_fetch(
        &self,
        key: K,
        fetch: impl FnOnce() -> cantilever_sim::Result<V>,
    ) -> (cantilever_sim::Result<V>, bool) {
        if let Some(Ok(v)) = self
            .0
            .read()
            .expect("cache lock")
            .get(&key)
            .and_then(|c| c.get())
        {
            return (Ok(v.clone()), false);
        }
        let cell = self
            .0
            .write()
            .expect("cache lock")
            .entry(key)
            .or_default()
            .clone();
        let mut fetched = false;
        let result = cell
            .get_or_init(|| {
                fetched = true;
                fetch()
            })
            .clone();
        if result.is_err() {
            let mut map = self.0.write().expect("cache lock");
            if map.get(&key).is_some_and(|c| Arc::ptr_eq(c, &cell)) {
                map.remove(&key);
            }
        }
        (result, fetched)
    }

    /// Every value held, sorted by key.
    fn entries(&self) -> BTreeMap<K, V> {
        self.0
            .read()
            .expect("cache lock")
            .iter()
            .filter_map(|(k, c)| Some((*k, c.get()?.as_ref().ok()?.clone())))
            .collect()
    }
}

/// A state source that answers from memory, and otherwise from an inner source whose answers it keeps. See
/// the module docs.
pub struct CachedSource {
    header: CacheHeader,
    inner: Option<Arc<dyn StateSource>>,
    accounts: Table<Address, AccountState>,
    storage: Table<(Address, U256), U256>,
    block_hashes: Table<u64, B256>,
    inner_calls: AtomicU64,
    fetched: AtomicU64,
    failures: AtomicU64,
    first_failure: OnceLock<String>,
}

impl std::fmt::Debug for CachedSource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CachedSource")
            .field("header", &self.header)
            .field("online", &self.inner.is_some())
            .field("inner_calls", &self.inner_calls())
            .finish_non_exhaustive()
    }
}

impl CachedSource {
    /// An empty cache of `header`'s block, filled from `inner` (which must read that block of that chain).
    pub fn new(header: CacheHeader, inner: Option<Arc<dyn StateSource>>) -> Self {
        Self::with_entries(header, inner, CacheBody::default())
    }

    fn with_entries(
        header: CacheHeader,
        inner: Option<Arc<dyn StateSource>>,
        body: CacheBody,
    ) -> Self {
        Self {
            header,
            inner,
            accounts: Table::with(body.accounts),
            storage: Table::with(body.storage),
            block_hashes: Table::with(body.block_hashes),
            inner_calls: AtomicU64::new(0),
            fetched: AtomicU64::new(0),
            failures: AtomicU64::new(0),
            first_failure: OnceLock::new(),
        }
    }

    /// The cache [`Self::save`] wrote to `path`, which must be of chain `chain_id`, at block `block` when
    /// given, and of this build's [`CACHE_FORMAT`]; anything it lacks comes from `inner`, or, with none
    /// (offline), is an error naming the key.
    pub fn load(
        path: &Path,
        chain_id: u64,
        block: Option<u64>,
        inner: Option<Arc<dyn StateSource>>,
    ) -> Result<Self> {
        let bytes = std::fs::read(path).map_err(|e| BacktestError::Io {
            what: format!("fork cache {}", path.display()),
            source: e,
        })?;
        let bad = |detail: String| {
            BacktestError::Input(format!("fork cache {}: {detail}", path.display()))
        };
        let probe: Probe =
            serde_json::from_slice(&bytes).map_err(|e| bad(format!("not a fork cache ({e})")))?;
        if probe.kind.as_deref() != Some(CACHE_KIND) {
            return Err(bad(
                "not a fork cache (no \"kind\": \"cantilever-backtest-fork-cache\")".into(),
            ));
        }
        match probe.format {
            Some(CACHE_FORMAT) => {}
            other => {
                return Err(bad(format!(
                    "format version {}, this build reads version {CACHE_FORMAT}: delete it to fetch the state again",
                    other.map_or("(none)".to_string(), |v| v.to_string())
                )));
            }
        }
        let (their_chain, their_block) = (probe.chain_id, probe.block.and_then(|b| b.number));
        let show = |v: Option<u64>| v.map_or("?".to_string(), |v| v.to_string());
        if their_chain != Some(chain_id) || (block.is_some() && their_block != block) {
            return Err(bad(format!(
                "holds chain {} at block {}, not chain {chain_id}{}",
                show(their_chain),
                show(their_block),
                block.map_or(String::new(), |b| format!(" at block {b}"))
            )));
        }
        let file: CacheFile =
            serde_json::from_slice(&bytes).map_err(|e| bad(format!("malformed: {e}")))?;
        let header = CacheHeader {
            chain_id: file.chain_id,
            block: file.block,
        };
        let body = CacheBody {
            accounts: file.accounts.into_iter().collect(),
            storage: file
                .storage
                .into_iter()
                .flat_map(|(a, slots)| slots.into_iter().map(move |(s, v)| ((a, s), v)))
                .collect(),
            block_hashes: file.block_hashes.into_iter().collect(),
        };
        Ok(Self::with_entries(header, inner, body))
    }

    /// Writes every key held (loaded or fetched) to `path`, through a temp file renamed over it, so a reader
    /// (or a run killed halfway) sees the old cache or the new one, never half of one. Creates the directory.
    pub fn save(&self, path: &Path) -> Result<()> {
        let file = CacheFile {
            kind: CACHE_KIND.into(),
            format: CACHE_FORMAT,
            chain_id: self.header.chain_id,
            block: self.header.block,
            accounts: self.accounts.entries(),
            storage: self.storage.entries().into_iter().fold(
                BTreeMap::new(),
                |mut out: BTreeMap<Address, BTreeMap<U256, U256>>, ((a, s), v)| {
                    out.entry(a).or_default().insert(s, v);
                    out
                },
            ),
            block_hashes: self.block_hashes.entries(),
        };
        let json = serde_json::to_vec(&file)
            .map_err(|e| BacktestError::Input(format!("fork cache {}: {e}", path.display())))?;
        write_atomic(path, &json).map_err(|e| BacktestError::Io {
            what: format!("writing fork cache {}", path.display()),
            source: e,
        })
    }

    /// The chain and block the cache is of.
    pub fn header(&self) -> &CacheHeader {
        &self.header
    }

    /// Whether misses go to an inner source.
    pub fn online(&self) -> bool {
        self.inner.is_some()
    }

    /// Reads that reached the inner source (an account is one, whatever it costs the source).
    pub fn inner_calls(&self) -> u64 {
        self.inner_calls.load(Ordering::Relaxed)
    }

    /// Keys fetched and kept since the cache was made or loaded: zero means [`Self::save`] has nothing new.
    pub fn fetched(&self) -> u64 {
        self.fetched.load(Ordering::Relaxed)
    }

    /// Keys held: accounts, slots and block hashes.
    pub fn len(&self) -> usize {
        self.accounts.0.read().expect("cache lock").len()
            + self.storage.0.read().expect("cache lock").len()
            + self.block_hashes.0.read().expect("cache lock").len()
    }

    /// Whether the cache holds nothing.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Reads that failed (a key missing offline, the node failing) and the first one's message. The planner
    /// counts a simulation that could not read its state as a failed candidate and goes on, so a run over a
    /// source that failed is incomplete: callers check this after a run.
    pub fn failures(&self) -> (u64, Option<&str>) {
        (
            self.failures.load(Ordering::Relaxed),
            self.first_failure.get().map(String::as_str),
        )
    }

    /// The value of `key` from `table`, or from the inner source, counted and kept.
    fn read<K: Hash + Eq + Copy + Ord, V: Clone>(
        &self,
        table: &Table<K, V>,
        key: K,
        what: impl FnOnce() -> String,
        fetch: impl FnOnce(&dyn StateSource) -> cantilever_sim::Result<V>,
    ) -> cantilever_sim::Result<V> {
        let (result, fetched) = table.get_or_fetch(key, || {
            let inner = self
                .inner
                .as_deref()
                .ok_or_else(|| cantilever_sim::Error::NotCached(what()))?;
            self.inner_calls.fetch_add(1, Ordering::Relaxed);
            fetch(inner)
        });
        match &result {
            Ok(_) if fetched => {
                self.fetched.fetch_add(1, Ordering::Relaxed);
            }
            Ok(_) => {}
            Err(e) => {
                self.failures.fetch_add(1, Ordering::Relaxed);
                let _ = self.first_failure.set(e.to_string());
            }
        }
        result
    }
}

/// A cache's keys, as loaded.
#[derive(Default)]
struct CacheBody {
    accounts: Vec<(Address, AccountState)>,
    storage: Vec<((Address, U256), U256)>,
    block_hashes: Vec<(u64, B256)>,
}

impl StateSource for CachedSource {
    fn account(&self, address: Address) -> cantilever_sim::Result<AccountState> {
        self.read(
            &self.accounts,
            address,
            || format!("account {address}"),
            |s| s.account(address),
        )
    }

    fn storage(&self, address: Address, slot: U256) -> cantilever_sim::Result<U256> {
        self.read(
            &self.storage,
            (address, slot),
            || format!("slot {slot:#x} of {address}"),
            |s| s.storage(address, slot),
        )
    }

    fn block_hash(&self, number: u64) -> cantilever_sim::Result<B256> {
        self.read(
            &self.block_hashes,
            number,
            || format!("hash of block {number}"),
            |s| s.block_hash(number),
        )
    }
}

/// Distinguishes the temp files of concurrent writers in one process (the pid tells processes apart).
static NEXT_TEMP: AtomicU64 = AtomicU64::new(0);

/// Writes `contents` to a temp file beside `path`, syncs it and renames it over `path`. On failure the temp
/// file is removed and `path` is left as it was.
fn write_atomic(path: &Path, contents: &[u8]) -> std::io::Result<()> {
    let name = path
        .file_name()
        .ok_or_else(|| std::io::Error::new(std::io::ErrorKind::InvalidInput, "no file name"))?;
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&dir)?;
    let tmp = dir.join(format!(
        ".{}.{}.{}.tmp",
        name.to_string_lossy(),
        std::process::id(),
        NEXT_TEMP.fetch_add(1, Ordering::Relaxed)
    ));
    // create_new: never truncate (nor, below, remove) a file this call did not create.
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&tmp)?;
    let written = file
        .write_all(contents)
        .and_then(|()| file.sync_all())
        .and_then(|()| {
            drop(file);
            std::fs::rename(&tmp, path)
        });
    if written.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    written
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloy_primitives::Bytes;
    use cantilever_sim::MemorySource;

    const CHAIN: u64 = 31337;

    fn header(number: u64) -> CacheHeader {
        CacheHeader {
            chain_id: CHAIN,
            block: ForkBlock {
                number,
                hash: B256::repeat_byte(0xab),
                timestamp: 1_000,
                base_fee: 7,
                gas_limit: 30_000_000,
                beneficiary: Address::with_last_byte(0xcc),
            },
        }
    }

    /// One contract with code and two slots; other keys are empty.
    fn memory() -> Arc<MemorySource> {
        let mut mem = MemorySource::default();
        let a = Address::with_last_byte(1);
        mem.accounts.insert(
            a,
            AccountState {
                balance: U256::from(5),
                nonce: 1,
                code: Bytes::from_static(&[0x60, 0x00]),
            },
        );
        mem.storage.insert((a, U256::from(1)), U256::from(42));
        mem.storage.insert((a, U256::from(2)), U256::from(43));
        Arc::new(mem)
    }

    fn read_all(source: &dyn StateSource) -> (AccountState, U256, U256, B256) {
        let a = Address::with_last_byte(1);
        (
            source.account(a).unwrap(),
            source.storage(a, U256::from(1)).unwrap(),
            source.storage(a, U256::from(9)).unwrap(),
            source.block_hash(40).unwrap(),
        )
    }

    #[test]
    fn a_saved_cache_answers_offline_what_the_source_answered() {
        let inner = memory();
        let cache = CachedSource::new(header(48), Some(inner.clone()));
        let online = read_all(&cache);
        // Asked twice, fetched once.
        assert_eq!(read_all(&cache), online);
        assert_eq!((cache.inner_calls(), cache.fetched()), (4, 4));
        assert_eq!(inner.requests(), 4);
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub").join("cache.json");
        cache.save(&path).unwrap();

        let offline = CachedSource::load(&path, CHAIN, Some(48), None).unwrap();
        assert_eq!(offline.header(), &header(48));
        assert_eq!(offline.len(), 4);
        assert_eq!(read_all(&offline), online);
        assert_eq!((offline.inner_calls(), offline.fetched()), (0, 0));
        assert_eq!(offline.failures(), (0, None));
        // The same keys give the same bytes; no temp file is left behind.
        let again = dir.path().join("sub").join("again.json");
        offline.save(&again).unwrap();
        assert_eq!(
            std::fs::read(&path).unwrap(),
            std::fs::read(&again).unwrap()
        );
        let names: Vec<_> = std::fs::read_dir(dir.path().join("sub"))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names.len(), 2, "{names:?}");
    }

    #[test]
    fn offline_a_missing_key_is_an_error_naming_it_and_is_counted() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("cache.json");
        CachedSource::new(header(48), None).save(&path).unwrap();
        let offline = CachedSource::load(&path, CHAIN, Some(48), None).unwrap();
        let a = Address::with_last_byte(1);
        let err = offline
            .storage(a, U256::from(0x1f))
            .unwrap_err()
            .to_string();
        assert_eq!(
            err,
            "offline fork has no slot 0x1f of 0x0000000000000000000000000000000000000001"
        );
        assert!(offline.account(a).is_err());
        let (count, first) = offline.failures();
        assert_eq!((count, first), (2, Some(err.as_str())));
    }

    #[test]
    fn a_cache_of_another_chain_block_or_version_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("cache.json");
        CachedSource::new(header(48), Some(memory()))
            .save(&path)
            .unwrap();
        let refused = |chain: u64, block: u64| {
            CachedSource::load(&path, chain, Some(block), None)
                .unwrap_err()
                .to_string()
        };
        let shown = path.display();
        assert_eq!(
            refused(CHAIN, 49),
            format!(
                "fork cache {shown}: holds chain 31337 at block 48, not chain 31337 at block 49"
            )
        );
        assert_eq!(
            refused(1, 48),
            format!("fork cache {shown}: holds chain 31337 at block 48, not chain 1 at block 48")
        );

        let mut json: serde_json::Value =
            serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
        json["format"] = (CACHE_FORMAT + 1).into();
        // A later version may change anything else too: the version alone decides.
        json["accounts"] = "another layout".into();
        std::fs::write(&path, json.to_string()).unwrap();
        let err = refused(CHAIN, 48);
        assert_eq!(
            err,
            format!(
                "fork cache {shown}: format version {}, this build reads version {CACHE_FORMAT}: delete it to \
                 fetch the state again",
                CACHE_FORMAT + 1
            )
        );
        assert!(!err.contains('\n'));

        std::fs::write(&path, r#"{"accounts": {}}"#).unwrap();
        assert!(refused(CHAIN, 48).contains("not a fork cache"));
        let missing = dir.path().join("none.json");
        let err = CachedSource::load(&missing, CHAIN, Some(48), None)
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with(&format!("fork cache {}: ", missing.display())),
            "{err}"
        );
    }

    /// A source whose slots are slow and counted, so concurrent reads of one key overlap.
    #[derive(Default)]
    struct Slow(AtomicU64);

    impl StateSource for Slow {
        fn account(&self, _: Address) -> cantilever_sim::Result<AccountState> {
            Ok(AccountState::default())
        }
        fn storage(&self, _: Address, slot: U256) -> cantilever_sim::Result<U256> {
            self.0.fetch_add(1, Ordering::Relaxed);
            std::thread::sleep(std::time::Duration::from_millis(20));
            Ok(slot)
        }
        fn block_hash(&self, _: u64) -> cantilever_sim::Result<B256> {
            Ok(B256::ZERO)
        }
    }

    #[test]
    fn each_key_reaches_the_inner_source_once_however_many_threads_ask() {
        let slow = Arc::new(Slow::default());
        let cache = CachedSource::new(header(1), Some(slow.clone()));
        std::thread::scope(|s| {
            for _ in 0..4 {
                s.spawn(|| {
                    for slot in 0..3u64 {
                        assert_eq!(
                            cache.storage(Address::ZERO, U256::from(slot)).unwrap(),
                            U256::from(slot)
                        );
                    }
                });
            }
        });
        assert_eq!(slow.0.load(Ordering::Relaxed), 3);
        assert_eq!((cache.inner_calls(), cache.fetched()), (3, 3));
    }
}
