//! `SharesMathLib.sol`: shares <-> assets with 1e6 virtual shares and 1 virtual asset.

use alloy_primitives::{U256, uint};

use super::Result;
use super::checked::add;
use super::fixed::{mul_div_down, mul_div_up};

/// Virtual shares (unitless) added to every share total.
pub const VIRTUAL_SHARES: U256 = uint!(1_000_000_U256);
/// Virtual assets (token units) added to every asset total.
pub const VIRTUAL_ASSETS: U256 = uint!(1_U256);

/// Shares worth `assets`, rounded down.
pub fn to_shares_down(assets: U256, total_assets: U256, total_shares: U256) -> Result<U256> {
    mul_div_down(
        assets,
        add(total_shares, VIRTUAL_SHARES)?,
        add(total_assets, VIRTUAL_ASSETS)?,
    )
}

/// Assets worth `shares`, rounded down.
pub fn to_assets_down(shares: U256, total_assets: U256, total_shares: U256) -> Result<U256> {
    mul_div_down(
        shares,
        add(total_assets, VIRTUAL_ASSETS)?,
        add(total_shares, VIRTUAL_SHARES)?,
    )
}

/// Shares worth `assets`, rounded up.
pub fn to_shares_up(assets: U256, total_assets: U256, total_shares: U256) -> Result<U256> {
    mul_div_up(
        assets,
        add(total_shares, VIRTUAL_SHARES)?,
        add(total_assets, VIRTUAL_ASSETS)?,
    )
}

/// Assets worth `shares`, rounded up.
pub fn to_assets_up(shares: U256, total_assets: U256, total_shares: U256) -> Result<U256> {
    mul_div_up(
        shares,
        add(total_assets, VIRTUAL_ASSETS)?,
        add(total_shares, VIRTUAL_SHARES)?,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::math::MathError;
    use proptest::prelude::*;

    fn u(x: u128) -> U256 {
        U256::from(x)
    }

    #[test]
    fn empty_market_prices_a_share_at_one_millionth() {
        assert_eq!(to_shares_down(u(1), u(0), u(0)), Ok(u(1_000_000)));
        assert_eq!(to_assets_down(u(1_000_000), u(0), u(0)), Ok(u(1)));
        assert_eq!(to_assets_up(u(1), u(0), u(0)), Ok(u(1)));
        assert_eq!(to_assets_down(u(1), u(0), u(0)), Ok(u(0)));
    }

    #[test]
    fn totals_at_the_limit_revert() {
        assert_eq!(
            to_shares_down(u(1), u(0), U256::MAX),
            Err(MathError::Overflow)
        );
        assert_eq!(
            to_assets_up(u(1), U256::MAX, u(0)),
            Err(MathError::Overflow)
        );
    }

    proptest! {
        #[test]
        fn rounding_favours_the_protocol(
            amount in any::<u64>(), total_assets in any::<u64>(), total_shares in any::<u64>(),
        ) {
            // u64 inputs keep every intermediate product within 256 bits.
            let (a, ta, ts) = (u(amount.into()), u(total_assets.into()), u(total_shares.into()));
            let down = to_shares_down(a, ta, ts).unwrap();
            let up = to_shares_up(a, ta, ts).unwrap();
            prop_assert!(down <= up && up - down <= u(1));
            let down = to_assets_down(a, ta, ts).unwrap();
            let up = to_assets_up(a, ta, ts).unwrap();
            prop_assert!(down <= up && up - down <= u(1));
            // Depositing then withdrawing never creates assets; borrowing then repaying never loses them.
            let s = to_shares_down(a, ta, ts).unwrap();
            prop_assert!(to_assets_down(s, ta, ts).unwrap() <= a);
            let s = to_shares_up(a, ta, ts).unwrap();
            prop_assert!(to_assets_up(s, ta, ts).unwrap() >= a);
        }
    }
}
