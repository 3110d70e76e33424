//! A forked chain state at one block, shared by every simulation.
//!
//! [`SharedFork`] fetches accounts, storage slots and block hashes lazily from a [`StateSource`]
//! (an RPC node through [`RpcSource`], or memory), keeps them for the life of the fork, and hands
//! them to any number of worker threads through revm's [`DatabaseRef`]. Each key is fetched at most
//! once: a thread asking for a key another thread is already fetching waits for that fetch instead
//! of issuing its own. Simulations run on revm's journal (or a `CacheDB` for chains) on top and
//! drop it after.
//!
//! A fork of the next block is made with [`SharedFork::successor`] (it keeps the code, which never
//! changes under its hash) and warmed with [`SharedFork::prefetch`] of the keys the previous
//! block's simulations read: every account's fields and every slot as plain reads in JSON-RPC
//! batches sent at once, so a block costs about one round trip per 500 keys.
//!
//! The cache can be saved to and loaded from JSON, so replays and tests run offline.
//!
//! Hot reads touch no shared memory: once warm, a fork is read-only, so each thread keeps its own
//! copy of the values it has read (a `Local`), with its own copy of every contract's code (a
//! `Bytecode` is an `Arc`, and cloning one all threads share makes its reference count bounce
//! between cores on every call), and the hit counters are striped per thread. The shared maps
//! behind their locks are consulted only on a thread's first read of a key.

use std::cell::RefCell;
use std::collections::HashMap;
use std::path::Path;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock, RwLock};

use alloy::eips::BlockId;
use alloy::providers::{DynProvider, Provider};
use alloy::rpc::client::{BatchRequest, Waiter};
use alloy::rpc::json_rpc::{RpcRecv, RpcSend};
use alloy_primitives::{Address, B256, Bytes, U256, keccak256};
use revm::DatabaseRef;
use revm::bytecode::Bytecode;
use revm::primitives::KECCAK_EMPTY;
use revm::state::AccountInfo;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::hash::FastMap;
use crate::rwset::StateKey;

/// An account as a state source reports it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountState {
    /// Balance (wei).
    pub balance: U256,
    /// Nonce.
    pub nonce: u64,
    /// Runtime code (empty for externally owned accounts).
    pub code: Bytes,
}

/// An account's fields and some of its slots, as [`StateSource::proofs`] reports them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AccountProof {
    /// Balance (wei).
    pub balance: U256,
    /// Nonce.
    pub nonce: u64,
    /// Hash of the runtime code (`KECCAK_EMPTY` for none).
    pub code_hash: B256,
    /// The code, when the source has it at hand (otherwise the fork finds it by hash or asks).
    pub code: Option<Bytes>,
    /// The requested slots' values, in request order.
    pub storage: Vec<U256>,
}

/// Where a fork's state comes from. Implementations answer for one fixed block.
pub trait StateSource: Send + Sync {
    /// An account's balance, nonce and code.
    fn account(&self, address: Address) -> Result<AccountState>;
    /// A storage slot's value.
    fn storage(&self, address: Address, slot: U256) -> Result<U256>;
    /// The hash of block `number`.
    fn block_hash(&self, number: u64) -> Result<B256>;
    /// Many slots at once; sources that can overlap requests override this.
    fn storage_many(&self, keys: &[(Address, U256)]) -> Result<Vec<U256>> {
        keys.iter().map(|&(a, s)| self.storage(a, s)).collect()
    }
    /// An account's code alone; sources that can fetch it by itself override this.
    fn code(&self, address: Address) -> Result<Bytes> {
        Ok(self.account(address)?.code)
    }
    /// For each `(account, slots)`: the account and those slots. An RPC source answers them all in
    /// JSON-RPC batches sent at once; by default, one request per account and per slot.
    fn proofs(&self, requests: &[(Address, Vec<U256>)]) -> Result<Vec<AccountProof>> {
        requests
            .iter()
            .map(|(address, slots)| {
                let account = self.account(*address)?;
                Ok(AccountProof {
                    balance: account.balance,
                    nonce: account.nonce,
                    code_hash: if account.code.is_empty() {
                        KECCAK_EMPTY
                    } else {
                        keccak256(&account.code)
                    },
                    code: Some(account.code),
                    storage: slots
                        .iter()
                        .map(|&slot| self.storage(*address, slot))
                        .collect::<Result<_>>()?,
                })
            })
            .collect()
    }
}

/// State served from memory, counting what it was asked: for unit tests and synthetic forks.
#[derive(Debug, Default)]
pub struct MemorySource {
    /// Accounts; an absent account is empty.
    pub accounts: HashMap<Address, AccountState>,
    /// Storage; an absent slot is zero.
    pub storage: HashMap<(Address, U256), U256>,
    requests: AtomicU64,
}

impl MemorySource {
    /// How many requests the source answered.
    pub fn requests(&self) -> u64 {
        self.requests.load(Ordering::Relaxed)
    }
}

impl StateSource for MemorySource {
    fn account(&self, address: Address) -> Result<AccountState> {
        self.requests.fetch_add(1, Ordering::Relaxed);
        Ok(self.accounts.get(&address).cloned().unwrap_or_default())
    }
    fn storage(&self, address: Address, slot: U256) -> Result<U256> {
        self.requests.fetch_add(1, Ordering::Relaxed);
        Ok(self
            .storage
            .get(&(address, slot))
            .copied()
            .unwrap_or_default())
    }
    fn block_hash(&self, number: u64) -> Result<B256> {
        self.requests.fetch_add(1, Ordering::Relaxed);
        Ok(keccak256(number.to_be_bytes()))
    }
}

/// State fetched over JSON-RPC at one block with an alloy provider.
///
/// Calls block on `handle`'s runtime: from a plain thread (a simulation worker) directly, from a
/// multi-threaded tokio runtime's worker through `block_in_place`. A current-thread runtime cannot
/// block, so do not call a fork backed by this source from inside one.
#[derive(Debug)]
pub struct RpcSource {
    provider: DynProvider,
    block: BlockId,
    handle: tokio::runtime::Handle,
    calls: AtomicU64,
}

impl RpcSource {
    /// A source reading `provider` at `block`, running requests on `handle`.
    pub fn new(provider: DynProvider, block: BlockId, handle: tokio::runtime::Handle) -> Self {
        Self {
            provider,
            block,
            handle,
            calls: AtomicU64::new(0),
        }
    }

    /// JSON-RPC requests issued so far (an account costs three).
    pub fn rpc_calls(&self) -> u64 {
        self.calls.load(Ordering::Relaxed)
    }

    /// What [`StateSource::proofs`] answers, from one `eth_getProof` per account (its fields and every
    /// requested slot), all concurrently: how the fork prefetched before the batched plain reads, kept as the
    /// baseline `keeper_latency` measures them against.
    pub fn proofs_by_eth_get_proof(
        &self,
        requests: &[(Address, Vec<U256>)],
    ) -> Result<Vec<AccountProof>> {
        self.calls
            .fetch_add(requests.len() as u64, Ordering::Relaxed);
        let block = self.block;
        self.run(async {
            let mut set = tokio::task::JoinSet::new();
            for (i, (address, slots)) in requests.iter().enumerate() {
                let (p, address) = (self.provider.clone(), *address);
                let keys: Vec<B256> = slots.iter().map(|s| B256::from(*s)).collect();
                set.spawn(async move {
                    let proof = p.get_proof(address, keys.clone()).block_id(block).await;
                    (i, address, keys, proof)
                });
            }
            let mut out = vec![AccountProof::default(); requests.len()];
            while let Some(joined) = set.join_next().await {
                let (i, address, keys, proof) = joined.map_err(|e| Error::Fetch {
                    what: "a batched proof".into(),
                    message: e.to_string(),
                })?;
                let proof = proof.map_err(fetch_error(format_args!("proof of {address}")))?;
                let storage = proof.storage_proof;
                if storage.len() != keys.len()
                    || storage
                        .iter()
                        .zip(&keys)
                        .any(|(s, k)| s.key.as_b256() != *k)
                {
                    return Err(Error::Fetch {
                        what: format!("proof of {address}"),
                        message: "the slots answered are not the slots asked".into(),
                    });
                }
                out[i] = AccountProof {
                    balance: proof.balance,
                    nonce: proof.nonce,
                    code_hash: proof.code_hash,
                    code: None,
                    storage: storage.into_iter().map(|s| s.value).collect(),
                };
            }
            Ok(out)
        })
    }

    fn run<F: Future>(&self, future: F) -> F::Output {
        if tokio::runtime::Handle::try_current().is_ok() {
            tokio::task::block_in_place(|| self.handle.block_on(future))
        } else {
            self.handle.block_on(future)
        }
    }
}

fn fetch_error(
    what: impl std::fmt::Display,
) -> impl FnOnce(alloy::transports::TransportError) -> Error {
    let what = what.to_string();
    move |e| Error::Fetch {
        what,
        message: e.to_string(),
    }
}

/// Most calls in one JSON-RPC batch: public endpoints cap batch sizes (commonly between 100 and 1,000 calls), and
/// batches sent at once are answered side by side where one batch is answered call after call (measured with
/// `keeper_latency` on anvil: a block's prefetch 2.6 ms in batches of 500, 1.7 ms in batches of 100, no better at 50).
pub const MAX_BATCH_CALLS: usize = 100;

/// JSON-RPC calls gathered into batches of at most [`MAX_BATCH_CALLS`].
struct Batches<'a> {
    client: alloy::rpc::client::ClientRef<'a>,
    current: BatchRequest<'a>,
    len: usize,
    full: Vec<BatchRequest<'a>>,
}

impl<'a> Batches<'a> {
    fn new(client: alloy::rpc::client::ClientRef<'a>) -> Self {
        Self {
            client,
            current: BatchRequest::new(client),
            len: 0,
            full: Vec::new(),
        }
    }

    /// Adds a call; its answer arrives on the returned waiter once its batch is sent and answered.
    fn call<P: RpcSend, R: RpcRecv>(
        &mut self,
        method: &'static str,
        params: &P,
    ) -> alloy::transports::TransportResult<Waiter<R>> {
        if self.len == MAX_BATCH_CALLS {
            let full = std::mem::replace(&mut self.current, BatchRequest::new(self.client));
            self.full.push(full);
            self.len = 0;
        }
        self.len += 1;
        self.current.add_call(method, params)
    }

    /// Sends every batch at once, each on a task of its own.
    fn send_all(mut self) -> Vec<tokio::task::JoinHandle<alloy::transports::TransportResult<()>>> {
        if self.len > 0 {
            self.full.push(self.current);
        }
        self.full
            .into_iter()
            .map(|batch| tokio::spawn(batch.send()))
            .collect()
    }
}

impl StateSource for RpcSource {
    fn account(&self, address: Address) -> Result<AccountState> {
        self.calls.fetch_add(3, Ordering::Relaxed);
        let p = &self.provider;
        self.run(async {
            let (balance, nonce, code) = tokio::try_join!(
                p.get_balance(address).block_id(self.block),
                p.get_transaction_count(address).block_id(self.block),
                p.get_code_at(address).block_id(self.block),
            )
            .map_err(fetch_error(format_args!("account {address}")))?;
            Ok(AccountState {
                balance,
                nonce,
                code,
            })
        })
    }

    fn storage(&self, address: Address, slot: U256) -> Result<U256> {
        self.calls.fetch_add(1, Ordering::Relaxed);
        self.run(
            self.provider
                .get_storage_at(address, slot)
                .block_id(self.block)
                .into_future(),
        )
        .map_err(fetch_error(format_args!("slot {slot} of {address}")))
    }

    fn block_hash(&self, number: u64) -> Result<B256> {
        self.calls.fetch_add(1, Ordering::Relaxed);
        let block = self
            .run(
                self.provider
                    .get_block_by_number(number.into())
                    .into_future(),
            )
            .map_err(fetch_error(format_args!("block {number}")))?;
        block.map(|b| b.header.hash).ok_or_else(|| Error::Fetch {
            what: format!("block {number}"),
            message: "no such block".into(),
        })
    }

    fn code(&self, address: Address) -> Result<Bytes> {
        self.calls.fetch_add(1, Ordering::Relaxed);
        self.run(
            self.provider
                .get_code_at(address)
                .block_id(self.block)
                .into_future(),
        )
        .map_err(fetch_error(format_args!("code of {address}")))
    }

    /// Every account's balance, nonce and code and every requested slot as plain reads (`eth_getBalance`,
    /// `eth_getTransactionCount`, `eth_getCode`, `eth_getStorageAt`) in JSON-RPC batches of at most
    /// [`MAX_BATCH_CALLS`], all sent at once: a block's prefetch costs one round trip per batch. Plain reads
    /// rather than `eth_getProof`, which makes the node build Merkle proofs nobody checks (on anvil, each
    /// proof hashes the contract's whole storage trie: 102 ms for a prefetch over 1,000 positions).
    fn proofs(&self, requests: &[(Address, Vec<U256>)]) -> Result<Vec<AccountProof>> {
        let calls: usize = requests.iter().map(|(_, slots)| 3 + slots.len()).sum();
        self.calls.fetch_add(calls as u64, Ordering::Relaxed);
        let block = self.block;
        let failed = |what: &str| {
            let what = what.to_string();
            move |e: alloy::transports::TransportError| Error::Fetch {
                what,
                message: e.to_string(),
            }
        };
        self.run(async {
            let mut batches = Batches::new(self.provider.client());
            let mut waiting = Vec::with_capacity(requests.len());
            for (address, slots) in requests {
                let balance = batches
                    .call::<_, U256>("eth_getBalance", &(address, block))
                    .map_err(failed("a batched balance"))?;
                let nonce = batches
                    .call::<_, U256>("eth_getTransactionCount", &(address, block))
                    .map_err(failed("a batched nonce"))?;
                let code = batches
                    .call::<_, Bytes>("eth_getCode", &(address, block))
                    .map_err(failed("a batched code"))?;
                let slots = slots
                    .iter()
                    .map(|slot| {
                        batches.call::<_, U256>("eth_getStorageAt", &(address, slot, block))
                    })
                    .collect::<std::result::Result<Vec<_>, _>>()
                    .map_err(failed("a batched slot"))?;
                waiting.push((*address, balance, nonce, code, slots));
            }
            for sent in batches.send_all() {
                sent.await
                    .map_err(|e| Error::Fetch {
                        what: "a JSON-RPC batch".into(),
                        message: e.to_string(),
                    })?
                    .map_err(failed("a JSON-RPC batch"))?;
            }
            let mut out = Vec::with_capacity(waiting.len());
            for (address, balance, nonce, code, slots) in waiting {
                let what = format!("account {address}");
                let code = code.await.map_err(failed(&what))?;
                let mut storage = Vec::with_capacity(slots.len());
                for slot in slots {
                    storage.push(slot.await.map_err(failed(&what))?);
                }
                out.push(AccountProof {
                    balance: balance.await.map_err(failed(&what))?,
                    nonce: u64::try_from(nonce.await.map_err(failed(&what))?).map_err(|_| {
                        Error::Fetch {
                            what: what.clone(),
                            message: "nonce beyond u64".into(),
                        }
                    })?,
                    code_hash: if code.is_empty() {
                        KECCAK_EMPTY
                    } else {
                        keccak256(&code)
                    },
                    code: Some(code),
                    storage,
                });
            }
            Ok(out)
        })
    }

    /// All slots requested concurrently over the one connection pool.
    fn storage_many(&self, keys: &[(Address, U256)]) -> Result<Vec<U256>> {
        self.calls.fetch_add(keys.len() as u64, Ordering::Relaxed);
        let block = self.block;
        self.run(async {
            let mut set = tokio::task::JoinSet::new();
            for (i, &(address, slot)) in keys.iter().enumerate() {
                let p = self.provider.clone();
                set.spawn(async move {
                    let v = p.get_storage_at(address, slot).block_id(block).await;
                    (
                        i,
                        v.map_err(fetch_error(format_args!("slot {slot} of {address}"))),
                    )
                });
            }
            let mut out = vec![U256::ZERO; keys.len()];
            while let Some(joined) = set.join_next().await {
                let (i, value) = joined.map_err(|e| Error::Fetch {
                    what: "a batched slot".into(),
                    message: e.to_string(),
                })?;
                out[i] = value?;
            }
            Ok(out)
        })
    }
}

/// `keys` as [`StateSource::proofs`] requests: each account once, in address order, with its slots sorted and
/// without repeats (an account named only by its balance, nonce or code comes with no slot).
pub fn proof_requests<'a>(
    keys: impl IntoIterator<Item = &'a StateKey>,
) -> Vec<(Address, Vec<U256>)> {
    let mut requests: std::collections::BTreeMap<Address, Vec<U256>> = Default::default();
    for key in keys {
        match *key {
            StateKey::Storage { address, slot } => requests.entry(address).or_default().push(slot),
            StateKey::Balance(a) | StateKey::Nonce(a) | StateKey::Code(a) => {
                requests.entry(a).or_default();
            }
        }
    }
    requests
        .into_iter()
        .map(|(address, mut slots)| {
            slots.sort_unstable();
            slots.dedup();
            (address, slots)
        })
        .collect()
}

/// A value being fetched or fetched: threads asking for it meanwhile wait on the cell.
type Cell<V> = Arc<OnceLock<Result<V>>>;

/// A map of cells: a read lock for a thread's first read of a ready key, a write lock only to add a
/// cell. Later reads of the key on the same thread are answered by its [`Local`] copy.
struct Cells<K, V>(RwLock<FastMap<K, Cell<V>>>);

impl<K: std::hash::Hash + Eq + Copy, V: Clone> Cells<K, V> {
    fn new() -> Self {
        Self(RwLock::new(FastMap::default()))
    }

    fn ready(&self, key: &K) -> Option<V> {
        let map = self.0.read().expect("fork cache lock");
        map.get(key)?.get()?.as_ref().ok().cloned()
    }

    /// The value, fetched by this thread if nobody has it or is fetching it. A failed fetch is not
    /// kept, so a later request retries.
    fn get_or_fetch(
        &self,
        key: K,
        stats: &ForkStats,
        fetch: impl FnOnce() -> Result<V>,
    ) -> Result<V> {
        if let Some(v) = self.ready(&key) {
            stats.hit();
            return Ok(v);
        }
        let cell = self
            .0
            .write()
            .expect("fork cache lock")
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
        if fetched {
            stats.fetches.fetch_add(1, Ordering::Relaxed);
        } else {
            stats.hit();
        }
        if result.is_err() {
            let mut map = self.0.write().expect("fork cache lock");
            if map.get(&key).is_some_and(|c| Arc::ptr_eq(c, &cell)) {
                map.remove(&key);
            }
        }
        result
    }

    fn insert(&self, key: K, value: V) {
        let cell = Arc::new(OnceLock::new());
        let _ = cell.set(Ok(value));
        self.0
            .write()
            .expect("fork cache lock")
            .entry(key)
            .or_insert(cell);
    }

    fn missing(&self, keys: impl Iterator<Item = K>) -> Vec<K> {
        let map = self.0.read().expect("fork cache lock");
        let mut out: Vec<K> = keys.filter(|k| !map.contains_key(k)).collect();
        out.dedup();
        out
    }

    fn entries(&self) -> Vec<(K, V)> {
        let map = self.0.read().expect("fork cache lock");
        map.iter()
            .filter_map(|(k, c)| Some((*k, c.get()?.as_ref().ok()?.clone())))
            .collect()
    }
}

/// Stripes of the hit counter: a thread adds to its own, so hits cost no shared cache line.
const STRIPES: usize = 16;

/// A counter alone on its cache line (128 bytes: adjacent-line prefetchers pair 64-byte lines).
#[derive(Debug, Default)]
#[repr(align(128))]
struct Padded(AtomicU64);

/// This thread's stripe.
fn stripe() -> usize {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    thread_local! {
        static STRIPE: usize = NEXT.fetch_add(1, Ordering::Relaxed) % STRIPES;
    }
    STRIPE.with(|s| *s)
}

/// Counters of a fork's cache: hits and fetches per key lookup (accounts, slots, block hashes).
#[derive(Debug, Default)]
pub struct ForkStats {
    hits: [Padded; STRIPES],
    fetches: AtomicU64,
}

impl ForkStats {
    fn hit(&self) {
        self.hits[stripe()].0.fetch_add(1, Ordering::Relaxed);
    }

    fn hits(&self) -> u64 {
        self.hits.iter().map(|h| h.0.load(Ordering::Relaxed)).sum()
    }
}

/// A point-in-time copy of [`ForkStats`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ForkCounters {
    /// Lookups answered from the cache (or by waiting on another thread's fetch).
    pub hits: u64,
    /// Lookups that went to the source.
    pub fetches: u64,
}

impl ForkCounters {
    /// Hits over lookups (1 when there were none).
    pub fn hit_rate(&self) -> f64 {
        let total = self.hits + self.fetches;
        if total == 0 {
            1.0
        } else {
            self.hits as f64 / total as f64
        }
    }
}

/// The shared, lazily filled state of one block. See the module docs.
pub struct SharedFork {
    /// Unique per fork: the key of the threads' [`Local`] copies.
    id: u64,
    source: Option<Arc<dyn StateSource>>,
    block: Option<u64>,
    accounts: Cells<Address, AccountInfo>,
    storage: Cells<(Address, U256), U256>,
    block_hashes: Cells<u64, B256>,
    code: RwLock<HashMap<B256, Bytecode>>,
    stats: ForkStats,
}

impl std::fmt::Debug for SharedFork {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SharedFork")
            .field("block", &self.block)
            .field("online", &self.source.is_some())
            .field("stats", &self.stats)
            .finish()
    }
}

/// The on-disk form of a fork's cache.
#[derive(Debug, Default, Serialize, Deserialize)]
struct Snapshot {
    block: Option<u64>,
    accounts: Vec<(Address, AccountState)>,
    storage: Vec<(Address, U256, U256)>,
    block_hashes: Vec<(u64, B256)>,
}

fn account_info(state: AccountState) -> AccountInfo {
    if state.code.is_empty() {
        return AccountInfo {
            balance: state.balance,
            nonce: state.nonce,
            code_hash: KECCAK_EMPTY,
            code: Some(Bytecode::default()),
            ..Default::default()
        };
    }
    let code = Bytecode::new_raw(state.code);
    AccountInfo {
        balance: state.balance,
        nonce: state.nonce,
        code_hash: code.hash_slow(),
        code: Some(code),
        ..Default::default()
    }
}

impl SharedFork {
    /// An empty fork of `block` (a label for snapshots) that fetches from `source`.
    pub fn new(source: Arc<dyn StateSource>, block: Option<u64>) -> Self {
        Self::with_source(Some(source), block)
    }

    fn with_source(source: Option<Arc<dyn StateSource>>, block: Option<u64>) -> Self {
        static NEXT_ID: AtomicU64 = AtomicU64::new(1);
        Self {
            id: NEXT_ID.fetch_add(1, Ordering::Relaxed),
            source,
            block,
            accounts: Cells::new(),
            storage: Cells::new(),
            block_hashes: Cells::new(),
            code: RwLock::new(HashMap::new()),
            stats: ForkStats::default(),
        }
    }

    /// The block this fork is of, if known.
    pub fn block(&self) -> Option<u64> {
        self.block
    }

    /// Cache hits and fetches so far.
    pub fn counters(&self) -> ForkCounters {
        ForkCounters {
            hits: self.stats.hits(),
            fetches: self.stats.fetches.load(Ordering::Relaxed),
        }
    }

    fn source(&self, what: impl FnOnce() -> String) -> Result<&dyn StateSource> {
        self.source
            .as_deref()
            .ok_or_else(|| Error::NotCached(what()))
    }

    /// The value of one state key in this fork (a code key yields the code hash as an integer).
    pub fn value_of(&self, key: &StateKey) -> Result<U256> {
        Ok(match *key {
            StateKey::Storage { address, slot } => self.storage_ref(address, slot)?,
            StateKey::Balance(a) => self.basic_ref(a)?.unwrap_or_default().balance,
            StateKey::Nonce(a) => U256::from(self.basic_ref(a)?.unwrap_or_default().nonce),
            StateKey::Code(a) => {
                U256::from_be_bytes(self.basic_ref(a)?.map_or(KECCAK_EMPTY, |i| i.code_hash).0)
            }
        })
    }

    /// Fetches, in one batch, every key of `keys` the fork does not hold yet: every account's
    /// fields and all its missing slots in one [`StateSource::proofs`] call (JSON-RPC batches
    /// over RPC). Code comes from this fork's (or, for
    /// a [`Self::successor`], its predecessor's) code by hash, else is fetched once. Returns how
    /// many keys (slots and accounts) were fetched.
    pub fn prefetch<'a>(&self, keys: impl IntoIterator<Item = &'a StateKey>) -> Result<usize> {
        let mut slots = Vec::new();
        let mut accounts = Vec::new();
        for key in keys {
            match *key {
                StateKey::Storage { address, slot } => slots.push((address, slot)),
                StateKey::Balance(a) | StateKey::Nonce(a) | StateKey::Code(a) => accounts.push(a),
            }
        }
        slots.sort_unstable();
        accounts.sort_unstable();
        let slots = self.storage.missing(slots.into_iter());
        let accounts = self.accounts.missing(accounts.into_iter());
        if slots.is_empty() && accounts.is_empty() {
            return Ok(0);
        }
        // Per address: whether its account is missing, and its missing slots.
        let mut requests: std::collections::BTreeMap<Address, (bool, Vec<U256>)> =
            std::collections::BTreeMap::new();
        for &a in &accounts {
            requests.entry(a).or_default().0 = true;
        }
        for &(a, slot) in &slots {
            requests.entry(a).or_default().1.push(slot);
        }
        let asked: Vec<(Address, Vec<U256>)> = requests
            .iter()
            .map(|(a, (_, slots))| (*a, slots.clone()))
            .collect();
        let proofs = self.source(|| "keys to prefetch".into())?.proofs(&asked)?;
        for ((address, (missing_account, slots)), proof) in requests.into_iter().zip(proofs) {
            for (slot, value) in slots.into_iter().zip(&proof.storage) {
                self.storage.insert((address, slot), *value);
            }
            if missing_account {
                let info = self.account_from_proof(address, proof)?;
                self.insert_account(address, info);
            }
        }
        self.stats
            .fetches
            .fetch_add((slots.len() + accounts.len()) as u64, Ordering::Relaxed);
        Ok(slots.len() + accounts.len())
    }

    /// The account a proof describes, with its code found by hash or fetched.
    fn account_from_proof(&self, address: Address, proof: AccountProof) -> Result<AccountInfo> {
        let code = if proof.code_hash == KECCAK_EMPTY {
            Bytecode::default()
        } else if let Some(code) = self
            .code
            .read()
            .expect("fork code lock")
            .get(&proof.code_hash)
        {
            code.clone()
        } else {
            let bytes = match proof.code {
                Some(bytes) => bytes,
                None => self
                    .source(|| format!("code of {address}"))?
                    .code(address)?,
            };
            Bytecode::new_raw(bytes)
        };
        Ok(AccountInfo {
            balance: proof.balance,
            nonce: proof.nonce,
            code_hash: proof.code_hash,
            code: Some(code),
            ..Default::default()
        })
    }

    /// An empty fork of a later `block` from `source` that starts with this fork's code (code
    /// never changes under its hash), so prefetching accounts there fetches no code twice.
    pub fn successor(&self, source: Arc<dyn StateSource>, block: Option<u64>) -> Self {
        let fork = Self::new(source, block);
        let code = self.code.read().expect("fork code lock").clone();
        *fork.code.write().expect("fork code lock") = code;
        fork
    }

    /// Writes every fetched value to `path` as JSON (sorted, so equal caches give equal files).
    pub fn save(&self, path: &Path) -> Result<()> {
        let mut snapshot = Snapshot {
            block: self.block,
            ..Snapshot::default()
        };
        for (address, info) in self.accounts.entries() {
            let code = info.code.map(|c| c.original_bytes()).unwrap_or_default();
            snapshot.accounts.push((
                address,
                AccountState {
                    balance: info.balance,
                    nonce: info.nonce,
                    code,
                },
            ));
        }
        snapshot.storage = self
            .storage
            .entries()
            .into_iter()
            .map(|((a, s), v)| (a, s, v))
            .collect();
        snapshot.block_hashes = self.block_hashes.entries();
        snapshot.accounts.sort_by_key(|e| e.0);
        snapshot.storage.sort_unstable();
        snapshot.block_hashes.sort_unstable();
        let json = serde_json::to_vec(&snapshot).map_err(|e| Error::Snapshot(e.to_string()))?;
        std::fs::write(path, json)
            .map_err(|e| Error::Snapshot(format!("writing {}: {e}", path.display())))
    }

    /// A fork holding what [`Self::save`] wrote to `path`; it fetches anything else from `source`,
    /// or, with no source, answers [`Error::NotCached`].
    pub fn load(path: &Path, source: Option<Arc<dyn StateSource>>) -> Result<Self> {
        let bytes = std::fs::read(path)
            .map_err(|e| Error::Snapshot(format!("reading {}: {e}", path.display())))?;
        let snapshot: Snapshot =
            serde_json::from_slice(&bytes).map_err(|e| Error::Snapshot(e.to_string()))?;
        let fork = Self::with_source(source, snapshot.block);
        for (address, state) in snapshot.accounts {
            fork.insert_account(address, account_info(state));
        }
        for (a, s, v) in snapshot.storage {
            fork.storage.insert((a, s), v);
        }
        for (n, h) in snapshot.block_hashes {
            fork.block_hashes.insert(n, h);
        }
        Ok(fork)
    }

    fn insert_account(&self, address: Address, info: AccountInfo) {
        self.remember_code(&info);
        self.accounts.insert(address, info);
    }

    fn remember_code(&self, info: &AccountInfo) {
        if let Some(code) = &info.code {
            self.code
                .write()
                .expect("fork code lock")
                .entry(info.code_hash)
                .or_insert_with(|| code.clone());
        }
    }
}

/// One thread's copy of the values it has read from one fork. Values never change once fetched,
/// so a copy is never stale. Code is copied deeply, so its `Arc` is this thread's alone.
struct Local {
    fork: u64,
    accounts: FastMap<Address, AccountInfo>,
    storage: FastMap<(Address, U256), U256>,
}

/// Forks a thread keeps copies of, most recently used first: a keeper moves to a new fork every
/// block, and a few older ones cover callers that alternate (old copies are simply dropped).
const LOCAL_FORKS: usize = 4;

thread_local! {
    static LOCALS: RefCell<Vec<Local>> = const { RefCell::new(Vec::new()) };
}

/// The thread's copy for fork `id` (created, and moved to the front, as needed).
fn with_local<R>(id: u64, f: impl FnOnce(&mut Local) -> R) -> R {
    LOCALS.with_borrow_mut(|locals| {
        match locals.iter().position(|l| l.fork == id) {
            Some(0) => {}
            Some(i) => locals[..=i].rotate_right(1),
            None => {
                locals.insert(
                    0,
                    Local {
                        fork: id,
                        accounts: FastMap::default(),
                        storage: FastMap::default(),
                    },
                );
                locals.truncate(LOCAL_FORKS);
            }
        }
        f(&mut locals[0])
    })
}

/// `info` with its code copied into a fresh `Arc`.
fn own_code(mut info: AccountInfo) -> AccountInfo {
    if let Some(code) = &info.code
        && !code.is_empty()
    {
        info.code = Some(Bytecode::new_raw(code.original_bytes().to_vec().into()));
    }
    info
}

impl DatabaseRef for SharedFork {
    type Error = Error;

    fn basic_ref(&self, address: Address) -> Result<Option<AccountInfo>> {
        if let Some(info) = with_local(self.id, |l| l.accounts.get(&address).cloned()) {
            self.stats.hit();
            return Ok(Some(info));
        }
        let info = self.accounts.get_or_fetch(address, &self.stats, || {
            let info = account_info(
                self.source(|| format!("account {address}"))?
                    .account(address)?,
            );
            self.remember_code(&info);
            Ok(info)
        })?;
        let info = own_code(info);
        with_local(self.id, |l| l.accounts.insert(address, info.clone()));
        Ok(Some(info))
    }

    fn code_by_hash_ref(&self, code_hash: B256) -> Result<Bytecode> {
        if code_hash == KECCAK_EMPTY {
            return Ok(Bytecode::default());
        }
        self.code
            .read()
            .expect("fork code lock")
            .get(&code_hash)
            .cloned()
            .ok_or_else(|| Error::NotCached(format!("code {code_hash}")))
    }

    fn storage_ref(&self, address: Address, index: U256) -> Result<U256> {
        if let Some(value) = with_local(self.id, |l| l.storage.get(&(address, index)).copied()) {
            self.stats.hit();
            return Ok(value);
        }
        let value = self
            .storage
            .get_or_fetch((address, index), &self.stats, || {
                self.source(|| format!("slot {index} of {address}"))?
                    .storage(address, index)
            })?;
        with_local(self.id, |l| l.storage.insert((address, index), value));
        Ok(value)
    }

    fn block_hash_ref(&self, number: u64) -> Result<B256> {
        self.block_hashes.get_or_fetch(number, &self.stats, || {
            self.source(|| format!("hash of block {number}"))?
                .block_hash(number)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A source that counts requests per slot and is slow, so concurrent requests overlap.
    #[derive(Default)]
    struct Slow {
        calls: std::sync::Mutex<HashMap<U256, usize>>,
    }

    impl StateSource for Slow {
        fn account(&self, _: Address) -> Result<AccountState> {
            Ok(AccountState::default())
        }
        fn storage(&self, _: Address, slot: U256) -> Result<U256> {
            *self.calls.lock().unwrap().entry(slot).or_default() += 1;
            std::thread::sleep(std::time::Duration::from_millis(20));
            Ok(slot + U256::from(1))
        }
        fn block_hash(&self, _: u64) -> Result<B256> {
            Ok(B256::ZERO)
        }
    }

    #[test]
    fn each_slot_is_fetched_once_however_many_threads_ask() {
        let source = Arc::new(Slow::default());
        let fork = SharedFork::new(source.clone(), None);
        std::thread::scope(|s| {
            for _ in 0..8 {
                s.spawn(|| {
                    for slot in 0..4u64 {
                        let v = fork.storage_ref(Address::ZERO, U256::from(slot)).unwrap();
                        assert_eq!(v, U256::from(slot + 1));
                    }
                });
            }
        });
        let calls = source.calls.lock().unwrap();
        assert_eq!(calls.len(), 4);
        assert!(calls.values().all(|&n| n == 1), "{calls:?}");
        let c = fork.counters();
        assert_eq!((c.fetches, c.hits), (4, 28));
    }

    #[test]
    fn save_and_load_round_trip_offline() {
        let mut mem = MemorySource::default();
        let a = Address::with_last_byte(7);
        mem.accounts.insert(
            a,
            AccountState {
                balance: U256::from(5),
                nonce: 3,
                code: Bytes::from_static(&[0x60, 0x00, 0x54, 0x00]),
            },
        );
        mem.storage.insert((a, U256::from(1)), U256::from(42));
        let fork = SharedFork::new(Arc::new(mem), Some(9));
        let info = fork.basic_ref(a).unwrap().unwrap();
        assert_eq!(fork.storage_ref(a, U256::from(1)).unwrap(), U256::from(42));
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("fork.json");
        fork.save(&path).unwrap();

        let offline = SharedFork::load(&path, None).unwrap();
        assert_eq!(offline.block(), Some(9));
        let back = offline.basic_ref(a).unwrap().unwrap();
        assert_eq!(
            (back.balance, back.nonce, back.code_hash),
            (info.balance, info.nonce, info.code_hash)
        );
        assert_eq!(
            offline.code_by_hash_ref(info.code_hash).unwrap(),
            info.code.unwrap()
        );
        assert_eq!(
            offline.storage_ref(a, U256::from(1)).unwrap(),
            U256::from(42)
        );
        assert!(matches!(
            offline.storage_ref(a, U256::from(2)),
            Err(Error::NotCached(_))
        ));
    }

    /// A source like RPC's: proofs without code, code on request (counted).
    struct ProofSource {
        inner: MemorySource,
        proofs: AtomicU64,
        code: AtomicU64,
    }

    impl StateSource for ProofSource {
        fn account(&self, address: Address) -> Result<AccountState> {
            self.inner.account(address)
        }
        fn storage(&self, address: Address, slot: U256) -> Result<U256> {
            self.inner.storage(address, slot)
        }
        fn block_hash(&self, number: u64) -> Result<B256> {
            self.inner.block_hash(number)
        }
        fn code(&self, address: Address) -> Result<Bytes> {
            self.code.fetch_add(1, Ordering::Relaxed);
            Ok(self.inner.account(address)?.code)
        }
        fn proofs(&self, requests: &[(Address, Vec<U256>)]) -> Result<Vec<AccountProof>> {
            self.proofs
                .fetch_add(requests.len() as u64, Ordering::Relaxed);
            let mut out = self.inner.proofs(requests)?;
            out.iter_mut().for_each(|p| p.code = None);
            Ok(out)
        }
    }

    fn proof_source(slot_value: u64) -> Arc<ProofSource> {
        let mut inner = MemorySource::default();
        let a = Address::with_last_byte(1);
        inner.accounts.insert(
            a,
            AccountState {
                balance: U256::from(9),
                nonce: 2,
                code: Bytes::from_static(&[0x60, 0x01, 0x54, 0x00]),
            },
        );
        for s in 0..3u64 {
            inner
                .storage
                .insert((a, U256::from(s)), U256::from(slot_value + s));
        }
        Arc::new(ProofSource {
            inner,
            proofs: AtomicU64::new(0),
            code: AtomicU64::new(0),
        })
    }

    #[test]
    fn prefetch_asks_one_proof_per_account_and_successors_reuse_code() {
        let a = Address::with_last_byte(1);
        let mut keys: Vec<StateKey> = (0..3u64)
            .map(|s| StateKey::Storage {
                address: a,
                slot: U256::from(s),
            })
            .collect();
        keys.push(StateKey::Code(a));
        let first = proof_source(10);
        let fork = SharedFork::new(first.clone(), Some(1));
        assert_eq!(fork.prefetch(&keys).unwrap(), 4);
        assert_eq!(first.proofs.load(Ordering::Relaxed), 1);
        assert_eq!(first.code.load(Ordering::Relaxed), 1);
        let info = fork.basic_ref(a).unwrap().unwrap();
        assert_eq!((info.balance, info.nonce), (U256::from(9), 2));
        assert_eq!(fork.storage_ref(a, U256::from(2)).unwrap(), U256::from(12));
        // The account, three slots and the code: nothing fetched lazily afterwards.
        assert_eq!(first.inner.requests(), 5);

        // The next block: new values, the same code, found by hash.
        let second = proof_source(20);
        let next = fork.successor(second.clone(), Some(2));
        assert_eq!(next.prefetch(&keys).unwrap(), 4);
        assert_eq!(second.proofs.load(Ordering::Relaxed), 1);
        assert_eq!(second.code.load(Ordering::Relaxed), 0);
        assert_eq!(next.storage_ref(a, U256::from(0)).unwrap(), U256::from(20));
        let again = next.basic_ref(a).unwrap().unwrap();
        assert_eq!(again.code_hash, info.code_hash);
        assert_eq!(
            again.code.unwrap().original_bytes(),
            info.code.unwrap().original_bytes()
        );
    }

    #[test]
    fn prefetch_fetches_only_missing_keys() {
        let source = Arc::new(MemorySource::default());
        let fork = SharedFork::new(source.clone(), None);
        let a = Address::with_last_byte(1);
        fork.storage_ref(a, U256::from(1)).unwrap();
        let keys = [
            StateKey::Storage {
                address: a,
                slot: U256::from(1),
            },
            StateKey::Storage {
                address: a,
                slot: U256::from(2),
            },
            StateKey::Balance(a),
            StateKey::Nonce(a),
        ];
        assert_eq!(fork.prefetch(&keys).unwrap(), 2);
        assert_eq!(fork.prefetch(&keys).unwrap(), 0);
        assert_eq!(source.requests(), 3);
    }
}
