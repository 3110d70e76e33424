//! Simulation for the Cantilever keeper: a shared forked state, parallel simulation of candidate
//! transactions on revm, what each one read and wrote, which of them conflict, how to pack them for
//! a sequential or a parallel chain, and what a parallel EVM would make of the plan.
//!
//! - [`fork`]: [`SharedFork`], the state of one block fetched lazily (each key once, however many
//!   threads ask) from a [`StateSource`] such as [`RpcSource`], saved to and loaded from disk.
//! - [`simulate`]: [`Simulator`] runs [`Candidate`]s on per-simulation overlays, alone or on a
//!   worker pool (identical results), or as ordered chains; each [`Simulation`] carries its
//!   read/write set, the values it read and wrote, and the block fields its code read.
//! - [`layered`]: [`Layered`], writes laid over a [`StateSource`] (the state a pending transaction would
//!   leave).
//! - [`rwset`]: [`ReadWriteSet`] over [`StateKey`]s, and when two sets conflict.
//! - [`conflict`]: the [`ConflictGraph`] over N candidates and its connected components.
//! - [`pack`](mod@pack): [`pack()`] chooses the most profitable set and order per [`ChainProfile`] and validates
//!   it sequentially; the [`Plan`] reports its critical path and re-executions.
//! - [`schedule`]: for an ordered plan, the [`critical_path`] (the lower bound on parallel
//!   execution time) and the [`re_executions`] of a Block-STM-style optimistic executor.
//! - [`block`]: a fork of a node's block ([`rpc_fork`]) and the next block's environment ([`next_env`]).
//! - [`cache`]: [`ResultCache`] reuses results across blocks when nothing they read changed.
//! - [`error`]: the crate's [`Error`] and [`Result`].

pub mod block;
pub mod cache;
pub mod conflict;
pub mod error;
pub mod fork;
mod hash;
pub mod layered;
pub mod pack;
pub mod rwset;
pub mod schedule;
pub mod simulate;

pub use block::{next_block_env, next_env, node_spec, rpc_fork, rpc_source, spec_named};
pub use cache::{Refresh, ResultCache};
pub use conflict::ConflictGraph;
pub use error::{Error, Result};
pub use fork::{
    AccountProof, AccountState, ForkCounters, MAX_BATCH_CALLS, MemorySource, RpcSource, SharedFork,
    StateSource, proof_requests,
};
pub use layered::Layered;
pub use pack::{ChainProfile, PackConfig, Plan, pack};
pub use rwset::{ReadWriteSet, StateKey};
pub use schedule::{CriticalPath, critical_path, re_executions};
pub use simulate::{Candidate, EnvReads, Outcome, SimEnv, Simulation, Simulator};

/// revm types that appear in this crate's API ([`SimEnv`] holds a `BlockEnv` and a `SpecId`).
pub use revm;
