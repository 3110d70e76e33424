//! Cantilever's liquidation keeper, as a library: it reads a deployment, values positions with integer
//! math identical to the contracts' (same rounding, same reverts) and plans liquidations exactly as
//! `Cantilever.previewLiquidation` would, so candidates can be chosen without a round trip to the chain.
//!
//! - [`deployment`]: the deployment JSON written by `contracts/script/DeployBase.sol`, verified on load.
//! - [`math`]: bit-for-bit ports of the contracts' math (MathLib, SharesMathLib, LiquidationLib, interest
//!   accrual, the lens's health view).

pub mod deployment;
pub mod math;

pub use deployment::{Deployment, DeploymentError, MarketParams};
pub use math::{Liquidation, LiquidationInput, LiquidationStatus, MathError};
