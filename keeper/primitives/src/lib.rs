//! Cantilever's contracts as the keeper sees them, with no I/O: everything the planner, the index, the
//! executor, the daemon, the devnet and the backtest share about the protocol.
//!
//! - [`math`]: bit-for-bit ports of the contracts' math (MathLib, SharesMathLib, LiquidationLib, interest
//!   accrual, the lens's health view), tested against the deployed contracts.
//! - [`position`]: the borrower-in-a-market record every stage shares.
//! - [`deployment`]: the deployment JSON written by `contracts/script/DeployBase.sol`, verified on load, and
//!   [`MarketParams`] with its one conversion to and from the bindings' struct.
//! - [`executor`]: the `LiquidationExecutor` binding.
//! - [`amm`]: Uniswap v2's pair binding and its exact quote.
//! - [`units`]: [`Ether`] and [`Gwei`] amounts, written as people write them and held in wei (config files).

pub mod amm;
pub mod deployment;
pub mod executor;
pub mod math;
pub mod position;
pub mod units;

pub use amm::{IUniswapV2Pair, IUniswapV2Router02, Reserves};
pub use deployment::{DeployedMarket, Deployment, DeploymentError, MarketParams};
pub use math::{Liquidation, LiquidationInput, LiquidationStatus, MathError};
pub use position::{Position, PositionKey};
pub use units::{Ether, Gwei};
