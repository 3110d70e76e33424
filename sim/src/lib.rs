//! Simulation support for the Cantilever keeper: what candidate transactions touch, which of them
//! conflict, and what a parallel EVM would make of a plan.
//!
//! The keeper simulates many liquidation candidates at once and records each one's read/write
//! set. From those sets this crate answers the packer's and the chain profile's questions:
//!
//! - [`rwset`]: [`ReadWriteSet`] over [`StateKey`]s, and when two sets conflict.
//! - [`conflict`]: the [`ConflictGraph`] over N candidates and its connected components (the
//!   groups that must be considered together).
//! - [`schedule`]: for an ordered plan, the [`critical_path`] (the lower bound on parallel
//!   execution time) and the [`re_executions`] of a Block-STM-style optimistic executor.
//! - [`error`]: the crate's [`Error`] and [`Result`].

pub mod conflict;
pub mod error;
pub mod rwset;
pub mod schedule;

pub use conflict::ConflictGraph;
pub use error::{Error, Result};
pub use rwset::{ReadWriteSet, StateKey};
pub use schedule::{CriticalPath, critical_path, re_executions};
