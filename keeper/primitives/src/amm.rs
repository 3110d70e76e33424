//! Uniswap v2: the bindings of the pair and of Router02 (their published, frozen ABIs: the one `sol!` of each in
//! the workspace) and the pair's quote, exactly as `UniswapV2Adapter` (and the pair's own math) computes it.

use alloy_primitives::U256;

#[allow(missing_docs, unreachable_pub)]
mod pair {
    alloy::sol!(
        /// The calls of a Uniswap v2 pair (v2-core 1.0.1) the keeper, the devnet and the tests make.
        #[sol(rpc)]
        #[derive(Debug)]
        interface IUniswapV2Pair {
            function token0() external view returns (address);
            function token1() external view returns (address);
            function getReserves() external view returns (uint112 reserve0, uint112 reserve1, uint32 blockTimestampLast);
            function swap(uint256 amount0Out, uint256 amount1Out, address to, bytes calldata data) external;
        }
    );
}

pub use pair::IUniswapV2Pair;

#[allow(missing_docs, unreachable_pub)]
mod router {
    alloy::sol!(
        /// The call of Uniswap v2's Router02 (v2-periphery 1.1.0-beta.0) the devnet makes: an exact-input swap,
        /// whose input the router moves into the pair in the same transaction as the swap.
        #[sol(rpc)]
        #[derive(Debug)]
        interface IUniswapV2Router02 {
            function swapExactTokensForTokens(uint256 amountIn, uint256 amountOutMin, address[] calldata path, address to, uint256 deadline) external returns (uint256[] memory amounts);
        }
    );
}

pub use router::IUniswapV2Router02;

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
    /// Saturates where the pair would overflow (reserves are uint112, so real inputs never do).
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

    /// `getAmountOut` exactly as the pair computes it, `None` where its checked arithmetic would revert.
    pub fn checked_amount_out(&self, amount_in: U256) -> Option<U256> {
        let in_with_fee = amount_in.checked_mul(U256::from(FEE_NUMERATOR))?;
        let numerator = in_with_fee.checked_mul(self.reserve_out)?;
        let denominator = self
            .reserve_in
            .checked_mul(U256::from(FEE_DENOMINATOR))?
            .checked_add(in_with_fee)?;
        numerator.checked_div(denominator)
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

    #[test]
    fn checked_quote_matches_the_adapter_and_refuses_overflow() {
        // What UniswapV2Adapter.quoteExactIn answered for 1 WETH on a fresh devnet pool.
        let r = Reserves {
            reserve_in: U256::from(20_000e18 as u128),
            reserve_out: U256::from(60_000_000e6 as u128),
        };
        let one = U256::from(1e18 as u128);
        assert_eq!(
            r.checked_amount_out(one),
            Some(U256::from(2_990_850_906u64))
        );
        assert_eq!(r.checked_amount_out(one), Some(r.amount_out(one)));
        let tiny = Reserves {
            reserve_in: U256::from(1),
            reserve_out: U256::from(1),
        };
        assert_eq!(tiny.checked_amount_out(U256::MAX), None);
    }
}
