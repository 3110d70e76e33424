//! End-to-end test harness for Cantilever: a real anvil (from the repo's pinned Foundry in
//! `node_modules/.bin`), the protocol deployed onto it by `forge script contracts/script/DeployDevnet.s.sol`,
//! and the deployment loaded with the keeper's own loader, so tests exercise the code the keeper ships.
//!
//! - [`Anvil`]: an anvil process on a free loopback port, killed on drop (the keeper's devnet launcher).
//! - [`Devnet`]: anvil plus the deployed protocol and its [`cantilever_primitives::Deployment`], a wrapper over
//!   [`cantilever_devnet::Devnet`] (seeding borrowers, crashing prices).
//! - [`chain`]: the anvil RPC extensions tests need (mining, time travel, batched transactions).
//! - [`SplitMix64`]: a tiny seeded RNG, so failures reproduce.
//! - [`feeds`]: a scriptable HTTP price server and stream helpers for the oracle-adapter tests.

mod anvil;
pub mod chain;
mod devnet;
mod error;
pub mod feeds;
pub mod keeper_harness;
mod tools;

pub use anvil::{Anvil, AnvilConfig};
pub use devnet::{DEPLOYER, Devnet};
pub use error::{HarnessError, Result};
// The devnet's own seeded RNG: one implementation for the keeper and the tests.
pub use cantilever_devnet::SplitMix64;
pub use tools::{repo_root, tools_dir};
