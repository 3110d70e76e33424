//! `ConstantsLib.sol`: protocol-wide constants, with their units.

use alloy_primitives::{U256, uint};

/// Fixed-point unit (WAD, 1e18 = 100%).
pub const WAD: U256 = uint!(1_000_000_000_000_000_000_U256);
/// Scale of `IOracle.price()` (price of one smallest collateral unit in smallest loan units, times 1e36).
pub const ORACLE_PRICE_SCALE: U256 = uint!(1_000_000_000_000_000_000_000_000_000_000_000_000_U256);
/// Maximum protocol fee on interest (WAD): 25%.
pub const MAX_FEE: U256 = uint!(250_000_000_000_000_000_U256);
/// Cursor of the base liquidation incentive (WAD): base LIF = 1 / (1 - CURSOR * (1 - LLTV)).
pub const LIQUIDATION_CURSOR: U256 = uint!(300_000_000_000_000_000_U256);
/// Cap of the base liquidation incentive factor (WAD): 1.15.
pub const MAX_BASE_LIF: U256 = uint!(1_150_000_000_000_000_000_U256);
/// Cap of the incentive factor after growth with depth (WAD): 1.25.
pub const MAX_LIF: U256 = uint!(1_250_000_000_000_000_000_U256);
/// Health factor a partial liquidation restores (WAD): 1.05.
pub const TARGET_HEALTH: U256 = uint!(1_050_000_000_000_000_000_U256);
/// Health factor below which a position may be liquidated while the oracle says `deepOnly` (WAD): 0.95.
pub const GRACE_LIQUIDATION_HEALTH: U256 = uint!(950_000_000_000_000_000_U256);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn constants_have_their_decimal_values() {
        assert_eq!(WAD, U256::from(10u64).pow(U256::from(18)));
        assert_eq!(ORACLE_PRICE_SCALE, U256::from(10u64).pow(U256::from(36)));
        assert_eq!(MAX_FEE * U256::from(4), WAD);
        assert_eq!(LIQUIDATION_CURSOR, U256::from(3u64) * WAD / U256::from(10));
        assert_eq!(MAX_BASE_LIF, U256::from(115u64) * WAD / U256::from(100));
        assert_eq!(MAX_LIF, U256::from(125u64) * WAD / U256::from(100));
        assert_eq!(TARGET_HEALTH, U256::from(105u64) * WAD / U256::from(100));
        assert_eq!(
            GRACE_LIQUIDATION_HEALTH,
            U256::from(95u64) * WAD / U256::from(100)
        );
    }
}
