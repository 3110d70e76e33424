//! The devnet's Uniswap v2 pairs: reading reserves and arbitraging a pair back to the feeds' price, as the
//! market would after a price move (the devnet mints the input token, so no inventory is needed).

use alloy::primitives::U256;

pub use cantilever_primitives::IUniswapV2Pair;
use cantilever_primitives::Reserves;

/// Relative price gap below which a pair is left alone (0.01%).
const PRICE_TOLERANCE: f64 = 1e-4;

/// A swap that moves a pair's price: sell `amount_in` of token0 (`zero_for_one`) or token1 into the pair, for
/// `amount_out` of the other token if nothing else trades against the pair first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Arbitrage {
    /// Whether token0 goes in.
    pub zero_for_one: bool,
    /// Input amount (token units).
    pub amount_in: U256,
    /// Output amount: exactly Uniswap v2's `getAmountOut` (0.3% fee) for the input.
    pub amount_out: U256,
}

/// The swap that brings a pair with reserves `(reserve0, reserve1)` to `target` (token1 units per token0
/// unit, both in smallest units), or `None` when it is within 0.01% already or the inputs are degenerate.
///
/// Along the constant product `k`, the price `target` sits at `reserve0 = sqrt(k / target)`; the input is
/// grossed up for the 0.3% fee and the output computed with the pair's own formula, so the pair accepts it.
pub fn arbitrage(reserve0: U256, reserve1: U256, target: f64) -> Option<Arbitrage> {
    let (r0, r1) = (to_f64(reserve0)?, to_f64(reserve1)?);
    if r0 <= 0.0 || r1 <= 0.0 || !target.is_finite() || target <= 0.0 {
        return None;
    }
    let price = r1 / r0;
    if (price / target - 1.0).abs() < PRICE_TOLERANCE {
        return None;
    }
    let zero_for_one = price > target;
    // token0 too dear (price above target): selling token0 into the pair cheapens it, and conversely.
    let (r_in, r_out) = if zero_for_one { (r0, r1) } else { (r1, r0) };
    // The price after selling `x`, in the direction that moves towards the target, as the gap left.
    let gap_after = |x: f64| {
        let out = x * 0.997 * r_out / (r_in + x * 0.997);
        let after = if zero_for_one {
            (r1 - out) / (r0 + x)
        } else {
            (r1 + x) / (r0 - out)
        };
        if zero_for_one {
            after - target
        } else {
            target - after
        }
    };
    // Without the fee, moving along the constant product to the target takes sqrt(k / target) - r0 of
    // token0 (or sqrt(k * target) - r1 of token1); grossed up by the fee, which then stays in the pair, the
    // price overshoots. The exact input lies in between: bisect on the pair's own formula.
    let k = r0 * r1;
    let frictionless = if zero_for_one {
        (k / target).sqrt() - r0
    } else {
        (k * target).sqrt() - r1
    };
    let (mut lo, mut hi) = (frictionless, frictionless / 0.997);
    for _ in 0..200 {
        let mid = (lo + hi) / 2.0;
        if gap_after(mid) > 0.0 {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    let amount_in = from_f64(lo)?;
    let (reserve_in, reserve_out) = if zero_for_one {
        (reserve0, reserve1)
    } else {
        (reserve1, reserve0)
    };
    let amount_out = Reserves {
        reserve_in,
        reserve_out,
    }
    .checked_amount_out(amount_in)?;
    (amount_in > U256::ZERO && amount_out > U256::ZERO).then_some(Arbitrage {
        zero_for_one,
        amount_in,
        amount_out,
    })
}

/// `value` as a float (reserves are uint112, well inside f64's range).
pub(crate) fn to_f64(value: U256) -> Option<f64> {
    u128::try_from(value).ok().map(|v| v as f64)
}

/// A non-negative finite float as an integer (truncated), `None` otherwise or past u128.
pub(crate) fn from_f64(value: f64) -> Option<U256> {
    (value.is_finite() && value >= 0.0 && value < u128::MAX as f64)
        .then(|| U256::from(value as u128))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn apply(r0: U256, r1: U256, a: Arbitrage) -> (U256, U256) {
        if a.zero_for_one {
            (r0 + a.amount_in, r1 - a.amount_out)
        } else {
            (r0 - a.amount_out, r1 + a.amount_in)
        }
    }

    #[test]
    fn brings_the_pool_to_the_target_both_ways() {
        // 20 000 WETH (18 decimals) against 60 M USDC (6 decimals): 3 000 USDC per WETH.
        let (r0, r1) = (
            U256::from(20_000e18 as u128),
            U256::from(60_000_000e6 as u128),
        );
        for usd in [2_250.0, 2_990.0, 3_600.0] {
            let target = usd * 1e6 / 1e18;
            let a = arbitrage(r0, r1, target).expect("a swap");
            assert_eq!(a.zero_for_one, usd < 3_000.0);
            let (n0, n1) = apply(r0, r1, a);
            // The pair's invariant holds (what `swap` checks, fee included).
            let k_before = r0 * r1 * U256::from(1_000_000);
            let (adj0, adj1) = if a.zero_for_one {
                (
                    n0 * U256::from(1000) - a.amount_in * U256::from(3),
                    n1 * U256::from(1000),
                )
            } else {
                (
                    n0 * U256::from(1000),
                    n1 * U256::from(1000) - a.amount_in * U256::from(3),
                )
            };
            assert!(adj0 * adj1 >= k_before);
            let price = to_f64(n1).unwrap() / to_f64(n0).unwrap() * 1e12;
            assert!((price / usd - 1.0).abs() < 1e-6, "{price} vs {usd}");
        }
    }

    #[test]
    fn leaves_a_pool_at_the_price_alone_and_refuses_nonsense() {
        let (r0, r1) = (U256::from(1_000u64), U256::from(3_000u64));
        assert_eq!(arbitrage(r0, r1, 3.0), None);
        assert_eq!(arbitrage(r0, r1, 3.0001), None);
        assert_eq!(arbitrage(U256::ZERO, r1, 3.0), None);
        assert_eq!(arbitrage(r0, r1, 0.0), None);
        assert_eq!(arbitrage(r0, r1, f64::NAN), None);
        assert_eq!(arbitrage(U256::MAX, r1, 3.0), None);
    }
}
