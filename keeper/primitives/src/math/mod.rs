//! Exact ports of the contracts' integer math.
//!
//! Every function mirrors a Solidity function of the same name (snake_cased) and returns
//! `Err(MathError)` exactly where Solidity's checked arithmetic would revert, so a caller never panics
//! on inputs the chain would reject. Types follow the contracts: `U256` for `uint256`, `u128`/`u64` for
//! the packed storage fields.

mod accrual;
mod checked;
pub mod constants;
mod error;
mod fixed;
mod health;
mod liquidation;
mod shares;

pub use accrual::{AccruedMarket, Market, accrued_market};
pub use error::{MathError, Result};
pub use fixed::{
    mul_div_down, mul_div_up, w_div_down, w_div_up, w_mul_down, w_mul_up, w_taylor_compounded,
};
pub use health::{PositionHealth, is_healthy, position_health};
pub use liquidation::{
    Liquidation, LiquidationInput, LiquidationStatus, incentive_factor, plan, target_repay,
};
pub use shares::{
    VIRTUAL_ASSETS, VIRTUAL_SHARES, to_assets_down, to_assets_up, to_shares_down, to_shares_up,
};
