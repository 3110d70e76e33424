//! Simulating candidate transactions on revm over a [`SharedFork`], one by one or on a pool of
//! worker threads, recording what each one read (with the values) and wrote.
//!
//! Every simulation runs on its own overlay: revm's journal over the shared fork for a standalone
//! simulation, a revm `CacheDB` for chains; created and dropped per simulation, so simulations
//! never see each other's writes and the results of a parallel run are exactly those of a
//! sequential one. Chains of transactions that must see each
//! other's effects (packing, validation) run in order on one overlay: [`Simulator::chain`].
//!
//! Read/write sets come from revm's journaled state after execution: every account the transaction
//! loaded counts as a read of its balance, nonce and code (an over-approximation: it only adds
//! conflicts with transactions that write those), every storage slot it loaded as a read, and
//! every value that differs after execution as a write. The block's beneficiary is left out: every
//! transaction pays it, and fee payments commute (parallel EVMs treat them as deltas). The
//! block-field opcodes are replaced by versions that record which fields the code read, so cached
//! results can be reused at a later block when neither state nor those fields changed
//! ([`crate::cache`]).

use std::sync::Arc;

use alloy_primitives::{Address, Bytes, Log, TxKind, U256};
use revm::context::{BlockEnv, CfgEnv, TxEnv};
use revm::context::{Evm, Journal};
use revm::context_interface::result::{EVMError, ExecutionResult};
use revm::database::CacheDB;
use revm::database_interface::WrapDatabaseRef;
use revm::handler::EthPrecompiles;
use revm::handler::instructions::EthInstructions;
use revm::interpreter::instructions::{block_info, host, tx_info};
use revm::interpreter::interpreter::EthInterpreter;
use revm::interpreter::{Instruction, InstructionContext, InstructionExecResult};
use revm::primitives::hardfork::SpecId;
use revm::state::EvmState;
use revm::{Context, Database, DatabaseCommit, DatabaseRef, ExecuteEvm, MainContext};

use crate::error::{Error, Result};
use crate::fork::SharedFork;
use crate::rwset::{ReadWriteSet, StateKey};

/// The chain and block a simulation runs in.
#[derive(Debug, Clone)]
pub struct SimEnv {
    /// Hardfork rules (match the node's: gas differs between forks).
    pub spec: SpecId,
    /// Chain id.
    pub chain_id: u64,
    /// The block the transactions are simulated in (number, timestamp, base fee, beneficiary…).
    pub block: BlockEnv,
}

impl SimEnv {
    /// The same block with no base fee: for view calls, which pay no gas.
    pub fn free_gas(&self) -> Self {
        Self {
            block: BlockEnv {
                basefee: 0,
                ..self.block.clone()
            },
            ..self.clone()
        }
    }
}

/// A transaction to simulate. The nonce is the sender's current one in the state it runs on.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Candidate {
    /// Sender.
    pub from: Address,
    /// Callee.
    pub to: Address,
    /// Calldata.
    pub data: Bytes,
    /// Value sent (wei).
    pub value: U256,
    /// Gas limit.
    pub gas_limit: u64,
    /// Gas price (wei per gas; a legacy transaction).
    pub gas_price: u128,
}

/// How a simulated transaction ended. Reverts and halts are outcomes, not errors.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// It succeeded; its output.
    Success(Bytes),
    /// It reverted; the revert data.
    Revert(Bytes),
    /// It halted (out of gas, invalid opcode…); the reason.
    Halt(String),
}

/// Block-environment fields a transaction's code read, as bits.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct EnvReads(u8);

impl EnvReads {
    /// `TIMESTAMP`.
    pub const TIMESTAMP: Self = Self(1);
    /// `NUMBER`.
    pub const NUMBER: Self = Self(1 << 1);
    /// `BASEFEE` (and `GASPRICE`, which depends on it for non-legacy transactions).
    pub const BASEFEE: Self = Self(1 << 2);
    /// `COINBASE`.
    pub const COINBASE: Self = Self(1 << 3);
    /// `PREVRANDAO`.
    pub const PREVRANDAO: Self = Self(1 << 4);
    /// `GASLIMIT`.
    pub const GASLIMIT: Self = Self(1 << 5);
    /// `BLOCKHASH`, `BLOBBASEFEE`, `BLOBHASH`: compared conservatively (any block change).
    pub const OTHER: Self = Self(1 << 6);

    /// Whether every bit of `other` is set.
    pub fn contains(self, other: Self) -> bool {
        self.0 & other.0 == other.0
    }

    /// Whether the fields read are equal in the two blocks.
    pub fn same_in(self, a: &BlockEnv, b: &BlockEnv) -> bool {
        let field = |bit: Self, equal: bool| !self.contains(bit) || equal;
        field(Self::TIMESTAMP, a.timestamp == b.timestamp)
            && field(Self::NUMBER, a.number == b.number)
            && field(Self::BASEFEE, a.basefee == b.basefee)
            && field(Self::COINBASE, a.beneficiary == b.beneficiary)
            && field(
                Self::PREVRANDAO,
                a.prevrandao == b.prevrandao && a.difficulty == b.difficulty,
            )
            && field(Self::GASLIMIT, a.gas_limit == b.gas_limit)
            && field(Self::OTHER, a == b)
    }
}

/// The context simulations run in: mainnet's, with the block fields the code read kept in its
/// `chain` slot (mainnet leaves it empty).
type SimContext<DB> = Context<BlockEnv, TxEnv, CfgEnv, DB, Journal<DB>, EnvReads>;

/// An instruction's function in [`SimContext`].
type InstructionFn<DB> =
    fn(InstructionContext<'_, SimContext<DB>, EthInterpreter>) -> InstructionExecResult;

/// A block-field instruction that also records the field's bit in the context, then runs revm's own.
macro_rules! recording {
    ($($name:ident: $bit:expr => $original:path;)*) => {
        $(
            fn $name<DB: Database>(
                ctx: InstructionContext<'_, SimContext<DB>, EthInterpreter>,
            ) -> InstructionExecResult {
                ctx.host.chain.0 |= $bit.0;
                $original(ctx)
            }
        )*
    };
}

recording! {
    timestamp: EnvReads::TIMESTAMP => block_info::timestamp;
    number: EnvReads::NUMBER => block_info::block_number;
    basefee: EnvReads::BASEFEE => block_info::basefee;
    gasprice: EnvReads::BASEFEE => tx_info::gasprice;
    coinbase: EnvReads::COINBASE => block_info::coinbase;
    prevrandao: EnvReads::PREVRANDAO => block_info::difficulty;
    gaslimit: EnvReads::GASLIMIT => block_info::gaslimit;
    blockhash: EnvReads::OTHER => host::blockhash;
    blobhash: EnvReads::OTHER => tx_info::blob_hash;
    blob_basefee: EnvReads::OTHER => block_info::blob_basefee;
    slot_num: EnvReads::OTHER => block_info::slot_num;
}

/// Mainnet's instructions for `spec`, with the block-field opcodes recording what they read.
///
/// Why not an inspector: revm runs inspected transactions in a slower loop that calls the
/// inspector around every instruction; this costs nothing on the other opcodes.
fn instructions<DB: Database>(spec: SpecId) -> EthInstructions<EthInterpreter, SimContext<DB>> {
    let mut instructions = EthInstructions::new_mainnet_with_spec(spec);
    let table = instructions.instruction_table_mut();
    let overrides: [(u8, InstructionFn<DB>); 11] = [
        (0x42, timestamp::<DB>),
        (0x43, number::<DB>),
        (0x48, basefee::<DB>),
        (0x3a, gasprice::<DB>),
        (0x41, coinbase::<DB>),
        (0x44, prevrandao::<DB>),
        (0x45, gaslimit::<DB>),
        (0x40, blockhash::<DB>),
        (0x49, blobhash::<DB>),
        (0x4a, blob_basefee::<DB>),
        (0x4b, slot_num::<DB>),
    ];
    for (opcode, f) in overrides {
        table[opcode as usize] = Instruction::new(f);
    }
    instructions
}

/// What one simulated transaction did and touched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Simulation {
    /// How it ended.
    pub outcome: Outcome,
    /// Gas used, as a receipt reports it (after refunds).
    pub gas_used: u64,
    /// Logs emitted (empty unless it succeeded).
    pub logs: Vec<Log>,
    /// The keys read and written.
    pub rwset: ReadWriteSet,
    /// Every key read with the value it had before the transaction, sorted by key. A code key's
    /// value is the code hash as an integer.
    pub reads: Vec<(StateKey, U256)>,
    /// Every key written with its value after the transaction, sorted by key.
    pub writes: Vec<(StateKey, U256)>,
    /// Block-environment fields the code read.
    pub env_reads: EnvReads,
}

impl Simulation {
    /// Whether the transaction succeeded.
    pub fn succeeded(&self) -> bool {
        matches!(self.outcome, Outcome::Success(_))
    }
}

/// Simulates candidates against one [`SharedFork`] in one [`SimEnv`], on its own worker pool.
#[derive(Debug, Clone)]
pub struct Simulator {
    fork: Arc<SharedFork>,
    env: SimEnv,
    /// revm's configuration for `env`, built once (not per simulation).
    cfg: CfgEnv,
    pool: Arc<rayon::ThreadPool>,
}

/// revm's configuration for `env`.
fn cfg_of(env: &SimEnv) -> CfgEnv {
    let mut cfg = CfgEnv::default();
    cfg.set_spec_and_mainnet_gas_params(env.spec);
    cfg.chain_id = env.chain_id;
    cfg
}

/// A per-simulation overlay over the shared fork.
pub type Overlay<'a> = CacheDB<&'a SharedFork>;

impl Simulator {
    /// A simulator with one worker per core.
    pub fn new(fork: Arc<SharedFork>, env: SimEnv) -> Self {
        Self::with_threads(fork, env, 0)
    }

    /// A simulator with `threads` workers (0: one per core).
    pub fn with_threads(fork: Arc<SharedFork>, env: SimEnv, threads: usize) -> Self {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .thread_name(|i| format!("sim-{i}"))
            .build()
            .expect("spawning simulation workers");
        Self {
            fork,
            cfg: cfg_of(&env),
            env,
            pool: Arc::new(pool),
        }
    }

    /// The same fork and pool in another environment (the next block's number and time).
    pub fn with_env(&self, env: SimEnv) -> Self {
        Self {
            cfg: cfg_of(&env),
            env,
            ..self.clone()
        }
    }

    /// Another fork (the next block's state) on the same worker pool: a keeper makes one per block.
    pub fn with_fork(&self, fork: Arc<SharedFork>, env: SimEnv) -> Self {
        Self {
            fork,
            cfg: cfg_of(&env),
            env,
            pool: self.pool.clone(),
        }
    }

    /// The shared fork.
    pub fn fork(&self) -> &Arc<SharedFork> {
        &self.fork
    }

    /// The environment.
    pub fn env(&self) -> &SimEnv {
        &self.env
    }

    /// Number of worker threads.
    pub fn threads(&self) -> usize {
        self.pool.current_num_threads()
    }

    /// A fresh overlay over the base state.
    pub fn overlay(&self) -> Overlay<'_> {
        CacheDB::new(&*self.fork)
    }

    /// Simulates one candidate against the base state. Nothing is kept, so it runs on the shared
    /// fork directly (revm's journal is the per-simulation overlay): no `CacheDB` to fill and drop.
    pub fn simulate(&self, candidate: &Candidate) -> Result<Simulation> {
        let fork = &*self.fork;
        let nonce = fork.basic_ref(candidate.from)?.map_or(0, |a| a.nonce);
        let (result, state, env_reads) = self.transact(WrapDatabaseRef(fork), candidate, nonce)?;
        self.finish(fork, result, &state, env_reads)
    }

    /// Simulates every candidate on the worker pool, each against the base state; results in
    /// candidate order, identical to [`Self::simulate_sequential`].
    pub fn simulate_all(&self, candidates: &[Candidate]) -> Vec<Result<Simulation>> {
        use rayon::prelude::*;
        self.pool
            .install(|| candidates.par_iter().map(|c| self.simulate(c)).collect())
    }

    /// Simulates every candidate on the calling thread, each against the base state.
    pub fn simulate_sequential(&self, candidates: &[Candidate]) -> Vec<Result<Simulation>> {
        candidates.iter().map(|c| self.simulate(c)).collect()
    }

    /// Runs `f` on the worker pool (for callers that parallelise their own work over it).
    pub fn install<R: Send>(&self, f: impl FnOnce() -> R + Send) -> R {
        self.pool.install(f)
    }

    /// Simulates the candidates in order on one overlay, each seeing its predecessors' effects.
    pub fn chain(&self, candidates: &[&Candidate]) -> Result<Vec<Simulation>> {
        let mut overlay = self.overlay();
        candidates
            .iter()
            .map(|c| self.execute(&mut overlay, c, true))
            .collect()
    }

    /// Executes `candidate` on `overlay`; with `commit`, its effects stay in the overlay.
    pub fn execute<DB: DatabaseRef<Error = Error>>(
        &self,
        overlay: &mut CacheDB<DB>,
        candidate: &Candidate,
        commit: bool,
    ) -> Result<Simulation> {
        Ok(self.execute_if(overlay, candidate, |_| commit)?.0)
    }

    /// Executes `candidate` on `overlay` and keeps its effects there only if `keep` approves the
    /// result (one execution either way); returns the simulation and whether it was kept.
    pub fn execute_if<DB: DatabaseRef<Error = Error>>(
        &self,
        overlay: &mut CacheDB<DB>,
        candidate: &Candidate,
        keep: impl FnOnce(&Simulation) -> bool,
    ) -> Result<(Simulation, bool)> {
        let nonce = overlay.basic(candidate.from)?.map_or(0, |a| a.nonce);
        let (result, state, env_reads) = self.transact(&mut *overlay, candidate, nonce)?;
        let simulation = self.finish(&*overlay, result, &state, env_reads)?;
        let kept = keep(&simulation);
        if kept {
            overlay.commit(state);
        }
        Ok((simulation, kept))
    }

    /// Runs `candidate` on `db` (nothing committed): the result, the state it touched, and the
    /// block fields its code read.
    fn transact<DB: Database<Error = Error>>(
        &self,
        db: DB,
        candidate: &Candidate,
        nonce: u64,
    ) -> Result<(ExecutionResult, EvmState, EnvReads)> {
        let tx = TxEnv {
            caller: candidate.from,
            gas_limit: candidate.gas_limit,
            gas_price: candidate.gas_price,
            kind: TxKind::Call(candidate.to),
            value: candidate.value,
            data: candidate.data.clone(),
            nonce,
            chain_id: Some(self.env.chain_id),
            ..TxEnv::default()
        };
        let ctx: SimContext<DB> = Context::mainnet()
            .with_db(db)
            .with_cfg(self.cfg.clone())
            .with_block(self.env.block.clone())
            .with_chain(EnvReads::default());
        let mut evm = Evm::new(
            ctx,
            instructions::<DB>(self.env.spec),
            EthPrecompiles::new(self.env.spec),
        );
        let out = evm.transact(tx).map_err(|e| match e {
            EVMError::Database(e) => e,
            other => Error::InvalidTransaction(other.to_string()),
        })?;
        Ok((out.result, out.state, evm.ctx.chain))
    }

    /// The simulation of a run that left `state`, read against `before` (the state it ran on).
    fn finish(
        &self,
        before: &impl DatabaseRef<Error = Error>,
        result: ExecutionResult,
        state: &EvmState,
        env_reads: EnvReads,
    ) -> Result<Simulation> {
        // What a receipt reports: gas spent after refunds (and the EIP-7623 floor).
        let gas_used = result.tx_gas_used();
        let (outcome, logs) = match result {
            ExecutionResult::Success { logs, output, .. } => {
                (Outcome::Success(output.into_data()), logs)
            }
            ExecutionResult::Revert { output, .. } => (Outcome::Revert(output), Vec::new()),
            ExecutionResult::Halt { reason, .. } => {
                (Outcome::Halt(format!("{reason:?}")), Vec::new())
            }
        };
        let (rwset, reads, writes) = self.record(before, state, self.env.block.beneficiary)?;
        Ok(Simulation {
            outcome,
            gas_used,
            logs,
            rwset,
            reads,
            writes,
            env_reads,
        })
    }

    /// The read/write set of `state` against the overlay it ran on (not yet committed).
    #[allow(clippy::type_complexity)]
    fn record(
        &self,
        overlay: &impl DatabaseRef<Error = Error>,
        state: &EvmState,
        beneficiary: Address,
    ) -> Result<(ReadWriteSet, Vec<(StateKey, U256)>, Vec<(StateKey, U256)>)> {
        let keys: usize = state.values().map(|a| 3 + a.storage.len()).sum();
        let mut reads = Vec::with_capacity(keys);
        let mut writes = Vec::with_capacity(keys);
        let hash = |h: alloy_primitives::B256| U256::from_be_bytes(h.0);
        for (&address, account) in state {
            if address == beneficiary {
                continue;
            }
            let before = overlay.basic_ref(address)?.unwrap_or_default();
            let fields = [
                (
                    StateKey::Balance(address),
                    before.balance,
                    account.info.balance,
                ),
                (
                    StateKey::Nonce(address),
                    U256::from(before.nonce),
                    U256::from(account.info.nonce),
                ),
                (
                    StateKey::Code(address),
                    hash(before.code_hash),
                    hash(account.info.code_hash),
                ),
            ];
            for (key, old, new) in fields {
                reads.push((key, old));
                if old != new {
                    writes.push((key, new));
                }
            }
            for (&slot, value) in &account.storage {
                let key = StateKey::Storage { address, slot };
                reads.push((key, value.original_value));
                if value.is_changed() {
                    writes.push((key, value.present_value));
                }
            }
        }
        reads.sort_unstable();
        writes.sort_unstable();
        let rwset = ReadWriteSet::from_keys(
            reads.iter().map(|(k, _)| *k),
            writes.iter().map(|(k, _)| *k),
        );
        Ok((rwset, reads, writes))
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::fork::{AccountState, MemorySource};

    /// A counter contract: `calldata[0..32]` is a slot; it adds 1 to that slot and to slot 1000,
    /// or, when the slot number is odd, only to the slot. Reverts when the slot holds 3.
    /// ```text
    /// 0 CALLDATALOAD DUP1 SLOAD DUP1 PUSH1 3 EQ PUSH1 revert JUMPI PUSH1 1 ADD DUP2 SSTORE
    /// PUSH1 1 AND PUSH1 end JUMPI PUSH2 1000 SLOAD PUSH1 1 ADD PUSH2 1000 SSTORE end: JUMPDEST
    /// TIMESTAMP POP STOP revert: JUMPDEST 0 0 REVERT
    /// ```
    pub(crate) fn counter_code() -> Bytes {
        Bytes::from(vec![
            0x60, 0x00, 0x35, // calldataload(0)
            0x80, 0x54, // dup1 sload -> [slot, v]
            0x80, 0x60, 0x03, 0x14, 0x60, 0x27, 0x57, // v == 3 -> revert
            0x60, 0x01, 0x01, // v + 1
            0x81, 0x55, // sstore(slot, v + 1) -> [slot]
            0x60, 0x01, 0x16, 0x60, 0x22, 0x57, // odd -> end
            0x61, 0x03, 0xe8, 0x54, 0x60, 0x01, 0x01, 0x61, 0x03, 0xe8,
            0x55, // slot 1000 += 1
            0x5b, 0x42, 0x50, 0x00, // end: jumpdest timestamp pop stop
            0x00, // padding to 0x27
            0x5b, 0x60, 0x00, 0x80, 0xfd, // revert(0, 0)
        ])
    }

    pub(crate) const COUNTER: Address = Address::repeat_byte(0xcc);

    pub(crate) fn sender(n: u8) -> Address {
        Address::with_last_byte(n)
    }

    pub(crate) fn source() -> MemorySource {
        let mut mem = MemorySource::default();
        mem.accounts.insert(
            COUNTER,
            AccountState {
                code: counter_code(),
                ..AccountState::default()
            },
        );
        for n in 1..=8 {
            mem.accounts.insert(
                sender(n),
                AccountState {
                    balance: U256::from(10u128.pow(20)),
                    ..AccountState::default()
                },
            );
        }
        mem.storage.insert((COUNTER, U256::from(7)), U256::from(3));
        // One bump away from 3: a second bump in a chain reverts.
        mem.storage.insert((COUNTER, U256::from(9)), U256::from(2));
        mem
    }

    pub(crate) fn env() -> SimEnv {
        SimEnv {
            spec: SpecId::CANCUN,
            chain_id: 31337,
            block: BlockEnv {
                number: U256::from(10),
                timestamp: U256::from(1_000),
                basefee: 7,
                gas_limit: 30_000_000,
                ..BlockEnv::default()
            },
        }
    }

    pub(crate) fn call(from: u8, slot: u64) -> Candidate {
        Candidate {
            from: sender(from),
            to: COUNTER,
            data: U256::from(slot).to_be_bytes_vec().into(),
            value: U256::ZERO,
            gas_limit: 100_000,
            gas_price: 10,
        }
    }

    pub(crate) fn simulator(threads: usize) -> Simulator {
        Simulator::with_threads(
            Arc::new(SharedFork::new(Arc::new(source()), None)),
            env(),
            threads,
        )
    }

    fn storage(slot: u64) -> StateKey {
        StateKey::Storage {
            address: COUNTER,
            slot: U256::from(slot),
        }
    }

    #[test]
    fn records_reads_writes_and_env() {
        let sim = simulator(1);
        let s = sim.simulate(&call(1, 4)).unwrap();
        assert!(s.succeeded(), "{s:?}");
        assert!(s.env_reads.contains(EnvReads::TIMESTAMP));
        assert!(!s.env_reads.contains(EnvReads::NUMBER));
        for key in [
            storage(4),
            storage(1000),
            StateKey::Nonce(sender(1)),
            StateKey::Balance(sender(1)),
        ] {
            assert!(s.rwset.has_written(&key), "{key:?}");
        }
        assert!(s.rwset.has_read(&StateKey::Code(COUNTER)));
        assert!(!s.rwset.has_written(&StateKey::Code(COUNTER)));
        assert!(s.writes.contains(&(storage(4), U256::from(1))));
        assert!(s.reads.contains(&(StateKey::Nonce(sender(1)), U256::ZERO)));
        // Beneficiary (zero address) pays nothing into the sets.
        assert!(!s.rwset.has_written(&StateKey::Balance(Address::ZERO)));

        let odd = sim.simulate(&call(2, 5)).unwrap();
        assert!(!odd.rwset.has_read(&storage(1000)));
        assert!(
            !s.rwset
                .conflicts_with(&sim.simulate(&call(3, 5)).unwrap().rwset)
        );
        assert!(
            s.rwset
                .conflicts_with(&sim.simulate(&call(3, 6)).unwrap().rwset)
        );

        let reverted = sim.simulate(&call(1, 7)).unwrap();
        assert_eq!(reverted.outcome, Outcome::Revert(Bytes::new()));
        assert!(
            reverted
                .writes
                .iter()
                .all(|(k, _)| !matches!(k, StateKey::Storage { .. }))
        );
    }

    #[test]
    fn gas_is_charged_at_the_gas_price() {
        let sim = simulator(1);
        let s = sim.simulate(&call(1, 4)).unwrap();
        let spent = U256::from(s.gas_used) * U256::from(10);
        let balance = s
            .writes
            .iter()
            .find(|(k, _)| *k == StateKey::Balance(sender(1)))
            .unwrap()
            .1;
        assert_eq!(balance, U256::from(10u128.pow(20)) - spent);
    }

    #[test]
    fn chains_see_predecessors_and_nonces_advance() {
        let sim = simulator(1);
        let c = call(1, 4);
        let out = sim.chain(&[&c, &c, &c]).unwrap();
        assert!(out.iter().all(Simulation::succeeded));
        let values: Vec<U256> = out
            .iter()
            .map(|s| s.writes.iter().find(|(k, _)| *k == storage(4)).unwrap().1)
            .collect();
        assert_eq!(values, [U256::from(1), U256::from(2), U256::from(3)]);
        // The fourth sees 3 and reverts.
        assert!(!sim.chain(&[&c, &c, &c, &c]).unwrap()[3].succeeded());
    }

    #[test]
    fn parallel_equals_sequential_on_random_candidates() {
        let mut x = 0x1234_5678u64;
        let mut next = || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        let candidates: Vec<Candidate> = (0..300)
            .map(|_| call((next() % 8 + 1) as u8, next() % 24))
            .collect();
        let parallel = simulator(0).simulate_all(&candidates);
        let sequential = simulator(1).simulate_sequential(&candidates);
        assert_eq!(parallel, sequential);
        assert!(parallel.iter().any(|r| !r.as_ref().unwrap().succeeded()));
    }
}
