//! Uniswap v2 quotes, exactly as `UniswapV2Adapter` (and the pair's own math) computes them.

use alloy_primitives::U256;

/// The pair's fee: 0.3%, as `amountIn * 997 / 1000`.
const FEE_NUMERATOR: u64 = 997;
const FEE_DENOMINATOR: u64 = 1000;

/// A pair's reserves, oriented for one swap direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Reserves {
    /// Reserve of the token sold into the pair.
    pub reserve_in: U256,
    /// Reserve of the token bought from the pair.
    pub reserve_out: U256,
}

impl Reserves {
    /// Orients `getReserves()` for selling `token_in` (the lower address is the pair's token0).
    pub fn oriented(reserve0: U256, reserve1: U256, token_in_is_token0: bool) -> Self {
        if token_in_is_token0 {
            Self {
                reserve_in: reserve0,
                reserve_out: reserve1,
            }
        } else {
            Self {
                reserve_in: reserve1,
                reserve_out: reserve0,
            }
        }
    }

    /// `getAmountOut`, rounded down; zero for a zero input (the adapter reverts there; callers skip it first).
    pub fn amount_out(&self, amount_in: U256) -> U256 {
        if amount_in.is_zero() {
            return U256::ZERO;
        }
        let with_fee = amount_in.saturating_mul(U256::from(FEE_NUMERATOR));
        let denominator = self
            .reserve_in
            .saturating_mul(U256::from(FEE_DENOMINATOR))
            .saturating_add(with_fee);
        with_fee.saturating_mul(self.reserve_out) / denominator
    }

    /// The reserves after selling `amount_in` for `amount_out`: the next liquidation into the same pair sees these.
    pub fn after(&self, amount_in: U256, amount_out: U256) -> Self {
        Self {
            reserve_in: self.reserve_in + amount_in,
            reserve_out: self.reserve_out - amount_out.min(self.reserve_out),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_uniswap_get_amount_out() {
        // 1 WETH into a 100 WETH / 300,000 USDC pair: 1e18·997·300000e6 / (100e18·1000 + 1e18·997).
        let r = Reserves {
            reserve_in: U256::from(100u128 * 10u128.pow(18)),
            reserve_out: U256::from(300_000u128 * 10u128.pow(6)),
        };
        let out = r.amount_out(U256::from(10u128.pow(18)));
        assert_eq!(out, U256::from(2_961_474_103u64)); // 2961.474103 USDC
        let next = r.after(U256::from(10u128.pow(18)), out);
        assert!(
            next.amount_out(U256::from(10u128.pow(18))) < out,
            "the second sale gets a worse price"
        );
        assert_eq!(r.amount_out(U256::ZERO), U256::ZERO);
    }
}
