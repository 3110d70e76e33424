//! Cantilever's liquidation keeper, as a library: it reads a deployment, follows every position, values them
//! with integer math identical to the contracts' (same rounding, same reverts), finds the liquidatable ones
//! when a price moves, simulates and prices each liquidation, and submits the profitable ones.
//!
//! Data flows one way: chain events and prices → [`index`] → [`book`] → [`strategy`] → simulation
//! (`cantilever-sim`) → [`exec`] → chain. [`daemon`] wires them together; [`cli`] is the `cantilever` binary.
//!
//! - [`deployment`]: the deployment JSON written by `contracts/script/DeployBase.sol`, verified on load.
//! - [`math`]: bit-for-bit ports of the contracts' math (MathLib, SharesMathLib, LiquidationLib, interest
//!   accrual, the lens's health view).
//! - [`position`]: the borrower-in-a-market record every stage shares.
//! - [`config`]: the TOML config, env overrides and keys (keystore or `env:` reference).
//! - [`index`]: positions backfilled from events and followed block by block, reorg-aware and persisted.
//! - [`book`]: the health engine: per market, positions ordered by liquidation price.
//! - [`strategy`]: what to liquidate, how much, and whether it pays after the swap and gas.
//! - [`exec`]: signing, nonces, fees, submission, inclusion tracking.
//! - [`telemetry`]: logs, Prometheus metrics, the health endpoint.
//! - [`devnet`]: a local anvil with the protocol, a Uniswap v2 pool and borrowers, for `cantilever devnet`.

pub mod book;
pub mod cli;
pub mod config;
pub mod daemon;
pub mod deployment;
pub mod devnet;
pub mod exec;
pub mod index;
pub mod math;
pub mod position;
pub mod strategy;
pub mod telemetry;

pub use deployment::{Deployment, DeploymentError, MarketParams};
pub use math::{Liquidation, LiquidationInput, LiquidationStatus, MathError};
pub use position::{Position, PositionKey};
