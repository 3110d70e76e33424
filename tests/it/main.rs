//! Cantilever end to end, one integration binary: a real anvil, the protocol deployed by `forge script`,
//! and the keeper's own crates. A module per scenario, so a failing test's name says which scenario failed
//! (`cargo test -p cantilever-tests keeper::reorg`).
//!
//! Scenarios that need only a deployed protocol share one devnet ([`cantilever_tests::fixture`]): deployed
//! once per run, reverted to its post-deployment snapshot before each test that takes it. Scenarios that need
//! a node of their own (interval mining, a proxy in front, a restart, no contracts at all) start their own.

mod backtest;
mod backtest_fork;
mod config;
mod devnet;
mod exec;
mod health;
mod index;
mod keeper;
mod math;
mod node;
mod oracle;
mod sim;
mod sim_anvil;

/// What every scenario returns: the first error fails the test with its message.
type TestResult<T = ()> = Result<T, Box<dyn std::error::Error>>;
